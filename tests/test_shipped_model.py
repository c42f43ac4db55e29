"""The shipped default model and the seed: loads, predicts, and its card matches its benchmark results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stancer
from stancer.api import DEFAULT_MODEL, models_dir
from stancer.model_card import benchmark_table

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


@pytest.mark.model
def test_default_model_folder_is_complete_and_its_card_comes_from_bench() -> None:
    folder = models_dir() / DEFAULT_MODEL
    for name in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "README.md",
        "metrics.json",
        "training_config.yaml",
    ):
        assert (folder / name).is_file(), name
    assert (folder / "model.safetensors").stat().st_size < 60 * 2**20
    metrics = json.loads((folder / "metrics.json").read_text())
    assert {"semeval2016:test", "vast:test"} <= set(metrics["benchmarks"])
    assert benchmark_table(metrics["benchmarks"]) in (folder / "README.md").read_text()
