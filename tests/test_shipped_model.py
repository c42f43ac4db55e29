"""The shipped default model and the seed: loads, predicts, and its card matches its benchmark results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stancer
from stancer.bench.suites import SUITES
from stancer.model.api import DEFAULT_MODEL, models_dir
from stancer.model.quantization import INT8_FILE

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-nato-invitation-2024-10-18"


def test_seed_quotes_are_verbatim_from_the_article() -> None:
    article = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    quotes = SEED.with_suffix(".quotes.txt").read_text(encoding="utf-8").splitlines()
    assert len(quotes) == 11
    assert [q for q in quotes if q not in article] == []


@pytest.mark.model
def test_default_model_predicts_a_stance() -> None:
    result = stancer.predict(
        "There is no consensus at this time to offer Ukraine an invitation.",
        "Ukraine should be invited to join NATO now",
    )
    assert isinstance(result, stancer.Stance)
    assert result.label in stancer.LABELS
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.model
def test_default_model_separates_clear_cases() -> None:
    target = "Western countries should increase military support for Ukraine"
    favor, against = stancer.predict(
        [
            "We must send Ukraine far more weapons, and we must do it now.",
            "Not one more dollar or weapon should go to Ukraine; this aid must stop.",
        ],
        target,
    )
    assert favor.scores["favor"] > against.scores["favor"]
    assert against.scores["against"] > favor.scores["against"]


#: The shipped models: every folder in models/ with a config.
SHIPPED = sorted(p.name for p in models_dir().iterdir() if (p / "config.json").is_file())
#: The fast model, and how much better on the news suite a slower model must be to be the default.
FAST_MODEL, MARGIN = "stancer-minilm-l6", 0.08


def _metrics(name: str) -> dict:
    return json.loads((models_dir() / name / "metrics.json").read_text())


@pytest.mark.model
@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_model_folder_is_complete_and_its_card_comes_from_bench(name: str) -> None:
    folder = models_dir() / name
    for file in (
        "config.json",
        "tokenizer.json",
        "README.md",
        "metrics.json",
        "training_config.yaml",
    ):
        assert (folder / file).is_file(), file
    if (folder / INT8_FILE).is_file():  # an accurate model: int8 with per-row scales
        assert (folder / INT8_FILE).stat().st_size < 120 * 2**20
    else:  # a fast model: fp16
        assert (folder / "model.safetensors").stat().st_size < 60 * 2**20
    metrics = _metrics(name)
    card = (folder / "README.md").read_text()
    news = metrics["suites"]["news"]
    assert (
        news["missing"] == [] and f"**Suite `news`**: mean macro-F1 **{news['mean']:.3f}**" in card
    )
    assert set(SUITES["tweets"]) <= set(metrics["benchmarks"])  # the secondary rows
    for name, result in metrics["benchmarks"].items():  # every row, with its official score
        score = result["metrics"][result["primary_metric"]]
        assert f"| {name} | " in card and f"**{score:.3f}**" in card
    assert "silver labels" in card and card.startswith("---\nbase_model: ")


@pytest.mark.model
def test_the_default_is_picked_on_the_news_suite() -> None:
    means = {name: _metrics(name)["suites"]["news"]["mean"] for name in SHIPPED}
    assert DEFAULT_MODEL in means and FAST_MODEL in means
    if DEFAULT_MODEL != FAST_MODEL:  # a slower default must beat the fast model by the margin
        assert means[DEFAULT_MODEL] - means[FAST_MODEL] >= MARGIN
    assert max(means.values()) - means[DEFAULT_MODEL] < MARGIN
