"""Official metrics by hand, calibration, baselines, and the bench run end to end on the tiny model."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import torch
from datasets import Dataset
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

from stancer.bench.baselines import MajorityBaseline, NliZeroShot, TfidfBaseline
from stancer.bench.evaluation import evaluate
from stancer.bench.metrics import calibration, f_avg_by_target, fnc_score
from stancer.cli import main
from stancer.data.registry import get_benchmark

from .conftest import WORDS


def test_fnc_score_follows_the_official_weights() -> None:
    gold = ["unrelated", "favor", "against", "neutral", "favor"]
    pred = ["unrelated", "favor", "neutral", "unrelated", "unrelated"]
    # 0.25 (unrelated right) + 1.0 (exact related) + 0.25 (related, wrong label) + 0 + 0
    result = fnc_score(gold, pred)
    assert result["fnc_score_raw"] == pytest.approx(1.5)
    assert result["fnc_score_max"] == pytest.approx(0.25 + 4 * 1.0)
    assert result["fnc_score"] == pytest.approx(1.5 / 4.25)


def test_f_avg_is_averaged_over_targets() -> None:
    gold = ["favor", "against", "favor", "favor"]
    pred = ["favor", "against", "against", "favor"]
    targets = ["A", "A", "B", "B"]
    # A: perfect -> 1.0. B: favor P=1 R=1/2 F1=2/3; against P=0 -> F1 0 -> F_avg 1/3.
    result = f_avg_by_target(gold, pred, targets)
    assert result["f_avg/A"] == pytest.approx(1.0) and result["f_avg/B"] == pytest.approx(1 / 3)
    assert result["f_avg_targets"] == pytest.approx(2 / 3)


def test_expected_calibration_error_by_hand() -> None:
    probs = np.array([[0.9, 0.1, 0.0], [0.8, 0.2, 0.0], [0.35, 0.3, 0.35], [0.6, 0.4, 0.0]])
    gold = ["favor", "against", "neutral", "favor"]
    # bins: 0.9 -> (0.8,0.9] right; 0.8 -> (0.7,0.8] wrong; 0.35 -> (0.3,0.4] argmax favor, wrong;
    # 0.6 -> (0.5,0.6] right. ECE = (|1-.9| + |0-.8| + |0-.35| + |1-.6|) / 4
    result = calibration(gold, probs, ["favor", "against", "neutral"])
    assert result["ece"] == pytest.approx((0.1 + 0.8 + 0.35 + 0.4) / 4)
    assert sum(b["count"] for b in result["bins"]) == 4


class _Fixed:
    """A predictor that always gives the same probabilities."""

    def __init__(self, classes, row) -> None:
        self.classes_ = np.array(classes)
        self.row = np.array(row)

    def predict_proba(self, texts, targets, **_):
        return np.tile(self.row, (len(texts), 1))


def test_three_label_model_on_fnc_collapses_unrelated_and_says_so() -> None:
    data = Dataset.from_dict(
        {
            "text": ["a", "b", "c"],
            "target": ["t"] * 3,
            "label": ["unrelated", "favor", "neutral"],
        }
    )
    result = evaluate(
        _Fixed(["favor", "against", "neutral"], [0.1, 0.1, 0.8]),
        get_benchmark("fnc1"),
        data,
        spec="fnc1:test",
        name="fixed",
    )
    assert result["primary_metric"] == "macro_f1"
    assert "fnc_score" not in result["metrics"]
    assert result["notes"] == [
        "gold 'unrelated' collapsed into 'neutral': the model has no 'unrelated' label"
    ]
    assert result["metrics"]["accuracy"] == pytest.approx(2 / 3)
    four = evaluate(
        _Fixed(["favor", "against", "neutral", "unrelated"], [0, 0, 0, 1]),
        get_benchmark("fnc1"),
        data,
        spec="fnc1:test",
        name="four",
    )
    assert four["primary_metric"] == "fnc_score" and four["metrics"][
        "fnc_score_raw"
    ] == pytest.approx(0.25)


def test_majority_and_tfidf_baselines() -> None:
    train = Dataset.from_dict(
        {
            "text": [
                "we love it",
                "great idea",
                "terrible idea",
                "we hate it",
                "love love",
                "hate hate",
            ]
            * 3,
            "target": ["the plan"] * 18,
            "label": ["favor", "favor", "against", "against", "favor", "against"] * 3,
        }
    )
    majority = MajorityBaseline().fit(train)
    assert majority.predict_proba(["x"], ["t"]).tolist() == [[0.5, 0.5]]
    tfidf = TfidfBaseline().fit(train)
    probs = tfidf.predict_proba(["love it", "hate it"], ["the plan", "the plan"])
    assert list(tfidf.classes_[probs.argmax(axis=1)]) == ["favor", "against"]


@pytest.fixture(scope="module")
def tiny_nli_dir(tmp_path_factory) -> str:
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(WORDS),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
        label2id={"entailment": 0, "neutral": 1, "contradiction": 2},
    )
    folder = tmp_path_factory.mktemp("tiny-nli")
    BertForSequenceClassification(config).save_pretrained(folder)
    BertTokenizer(vocab={w: i for i, w in enumerate(WORDS)}).save_pretrained(folder)
    return str(folder)


def test_nli_zero_shot_gives_a_distribution_per_pair(tiny_nli_dir) -> None:
    nli = NliZeroShot(tiny_nli_dir)
    probs = nli.predict_proba(
        ["we support it", "not now", "rain"], ["nato", "nato", "ukraine"], batch_size=2
    )
    assert probs.shape == (3, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    direct = nli.pipeline(
        "rain",
        candidate_labels=["supports", "opposes", "is neutral about"],
        hypothesis_template="The author {} ukraine.",
    )
    expected = dict(zip(direct["labels"], direct["scores"], strict=True))
    np.testing.assert_allclose(
        probs[2], [expected["supports"], expected["opposes"], expected["is neutral about"]]
    )


@pytest.mark.data
def test_bench_models_baselines_speed_plots_json(
    tiny_model_dir, tiny_nli_dir, data_dir, tmp_path, capsys
) -> None:
    out = tmp_path / "bench.json"
    code = main(
        [
            "bench",
            "-m",
            str(tiny_model_dir),
            "--data",
            "semeval2016:validation",
            "--data",
            "vast:validation",
            "--data-dir",
            str(data_dir),
            "--limit",
            "60",
            "--baselines",
            "majority,tfidf",
            "--nli-model",
            tiny_nli_dir,
            "--speed",
            "--output",
            str(out),
            "--plots",
            str(tmp_path / "plots"),
            "--format",
            "markdown",
            "--quiet",
        ]
    )
    assert code == 0
    report = json.loads(out.read_text())
    names = {(r["model"], r["data"]) for r in report["results"]}
    assert (tiny_model_dir.name, "vast:validation") in names and (
        "tfidf-logreg",
        "semeval2016:validation",
    ) in names
    assert len(report["results"]) == 2 * 4
    vast = next(
        r for r in report["results"] if r["data"] == "vast:validation" and r["model"] == "majority"
    )
    assert {"zero_shot/macro_f1", "few_shot/macro_f1", "ece"} <= set(vast["metrics"]) and vast[
        "rows"
    ] == 60
    speed = report["speed"][tiny_model_dir.name]
    assert (
        speed["stancer"]["runs"] == 5
        and speed["pipeline"]["pairs_per_second"] > 0
        and speed["peak_rss_mb"] > 0
    )
    assert report["settings"]["limit"] == 60 and report["environment"]["batch_size"] == 32
    assert len(list((tmp_path / "plots").glob("*.png"))) == 16
    printed = capsys.readouterr().out
    assert _row(printed, "semeval2016:validation", "f_avg", markdown=True) and "speed-up" in printed


@pytest.mark.data
def test_bench_all_lists_every_test_split() -> None:
    from stancer.bench.run import expand_data

    specs = expand_data(["all"])
    assert "fnc1:test" in specs and "vast:test" in specs and "multitarget_sobhani:test" not in specs


@pytest.mark.data
@pytest.mark.parser
def test_bench_scores_quote_extraction_on_polnear(data_dir, tmp_path, capsys) -> None:
    report = tmp_path / "report.json"
    args = ["bench", "--data", "polnear", "--data-dir", str(data_dir), "--output", str(report)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Quote extraction and attribution on polnear:test (84 articles" in out
    [quotes] = json.loads(report.read_text())["quotes"]
    metrics = quotes["metrics"]
    # Floors above what the rules scored before the parser (0.946, 0.779; 0.424, 0.676).
    assert metrics["direct/gold"] == 410 and metrics["direct/overlap_f1"] > 0.9
    assert metrics["direct/speaker_accuracy"] > 0.8
    assert metrics["all/overlap_f1"] > 0.6 and metrics["all/speaker_accuracy"] > 0.7
    assert metrics["direct/mention_accuracy"] >= metrics["direct/speaker_accuracy"]
    assert "speed/parser_articles_per_second" in metrics  # timed on every run
    assert "speed/model_articles_per_second" not in metrics  # the model only with --speed


def test_speed_runs_are_interleaved_and_the_speedup_is_the_median_ratio() -> None:
    from stancer.bench.speed import measure, speedup

    order: list[str] = []

    def runner(name: str, seconds: float):
        def run() -> list[float]:
            order.append(name)
            return [seconds]

        return run

    stats = measure({"a": runner("a", 0.0), "b": runner("b", 0.0)}, 10, runs=3, warmup=1)
    assert order == ["a", "b"] * 4  # warm-up, then A B A B A B
    assert stats["a"]["runs"] == 3 and len(stats["a"]["per_run"]) == 3
    assert speedup({"per_run": [2.0, 9.0, 4.0]}, {"per_run": [1.0, 1.0, 1.0]}) == 4.0


def test_the_tables_of_a_report_without_data() -> None:
    from stancer.bench.tables import format_tables

    metrics = {"macro_f1": 0.5, "f_avg": 0.4, "accuracy": 0.6, "ece": 0.1, "pairs_per_second": 9.0}
    result = {"model": "m", "data": "vast:test", "primary_metric": "macro_f1", "notes": []}
    quotes = {"articles": 2, "overlap_threshold": 0.3}
    for view in ("direct", "all"):
        quotes |= {f"{view}/{k}": 0.5 for k in ("exact_precision", "exact_recall", "exact_f1")}
        quotes |= {f"{view}/{k}": 0.5 for k in ("overlap_precision", "overlap_recall")}
        quotes |= {f"{view}/overlap_f1": 0.5, f"{view}/gold": 4}
        quotes |= {f"{view}/speaker_accuracy": 0.8, f"{view}/mention_accuracy": 0.9}
    quotes |= {"speed/parser_articles_per_second": 5.0, "speed/parser_median_seconds": 0.2}
    run = {"pairs_per_second": 100.0, "pairs_per_second_min": 90.0, "pairs_per_second_max": 110.0}
    run |= {"batch_ms_p50": 10.0, "batch_ms_p95": 20.0, "runs": 5.0}
    report = {
        "results": [{**result, "metrics": metrics}],
        "quotes": [{"data": "polnear:test", "metrics": quotes}],
        "speed": {
            "m": {
                "stancer": run,
                "pipeline": {"pairs_per_second": 50.0},
                "speedup": 2.0,
                "peak_rss_mb": 300.0,
            }
        },
        "speed_data": "vast:test",
        "environment": {
            "batch_size": 32,
            "torch_threads": 2,
            "hardware": "cpu",
            "torch": "2",
            "transformers": "5",
        },
    }
    text = format_tables(report)
    assert _row(text, "vast:test", "macro_f1", "0.500")
    assert "speed, parser: 5.0 articles/s (median 200 ms per article)" in text
    assert "2.00x" in text and "taken in turn with the pipeline's" in text
    markdown = format_tables(report, markdown=True)
    assert _row(markdown, "vast:test", "macro_f1", "0.500", markdown=True)
    assert _row(markdown, "direct", "0.500", markdown=True)


def _row(text: str, *cells: str, markdown: bool = False) -> bool:
    """Whether a line of the table starts with these cells, in this order (any padding)."""
    sep = r"\s*\|\s*" if markdown else r"\s{2,}"
    start = r"^\|\s*" if markdown else "^"
    return re.search(start + sep.join(map(re.escape, cells)), text, re.M) is not None
