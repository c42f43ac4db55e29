"""Benchmark suites: the news figure that picks models, its mean, and how bench reports it."""

from __future__ import annotations

import json
import shutil

import pytest

from stancer.bench.suites import SUITES, suite_scores, suite_specs
from stancer.cli import main
from stancer.exceptions import StancerError


def _result(model: str, data: str, macro_f1: float) -> dict:
    per_class = {"f1_favor": macro_f1, "f1_against": macro_f1, "f1_neutral": macro_f1}
    return {"model": model, "data": data, "metrics": {"macro_f1": macro_f1, **per_class}}


def test_the_suite_mean_is_over_every_set_and_never_partial() -> None:
    news = SUITES["news"]
    results = [_result("a", spec, 0.1 * (i + 1)) for i, spec in enumerate(news)]
    results += [_result("b", news[0], 0.9), _result("a", "vast:test", 0.99)]
    scores = suite_scores("news", results)
    assert scores["a"]["mean"] == pytest.approx(
        sum(0.1 * (i + 1) for i in range(len(news))) / len(news)
    )
    assert scores["a"]["missing"] == [] and "vast:test" not in scores["a"]["sets"]
    assert scores["b"]["mean"] is None and scores["b"]["missing"] == list(news[1:])


def test_news_suite_is_real_text_test_splits_only() -> None:
    assert all(spec.endswith(":test") for spec in SUITES["news"])
    assert not any(spec.startswith("synthetic_quotes") for spec in SUITES["news"])
    assert "synthetic_quotes:validation" in SUITES["news-dev"]
    assert suite_specs(["news", "news"]) == list(SUITES["news"])
    with pytest.raises(StancerError, match="unknown suite 'nope'"):
        suite_specs(["nope"])


@pytest.mark.data
def test_bench_suite_prints_the_mean_and_stores_it_in_the_card(
    tiny_long_model_dir, data_dir, tmp_path, capsys
) -> None:
    model = tmp_path / "tiny-model"
    shutil.copytree(tiny_long_model_dir, model)
    (model / "metrics.json").write_text(json.dumps({"benchmarks": {}}))
    out = tmp_path / "bench.json"
    args = ["bench", "-m", str(model), "--suite", "news-dev", "--data-dir", str(data_dir)]
    assert main([*args, "--limit", "30", "--output", str(out), "--card", "--quiet"]) == 0
    report = json.loads(out.read_text())
    entry = report["suites"]["news-dev"][model.name]
    assert list(entry["sets"]) == list(SUITES["news-dev"])
    by_data = {r["data"]: r["metrics"]["macro_f1"] for r in report["results"]}
    assert entry["mean"] == pytest.approx(sum(by_data[s] for s in SUITES["news-dev"]) / 5)
    printed = capsys.readouterr().out
    assert "mean (news-dev)" in printed and "polnear_stance:validation (silver)" in printed
    saved = json.loads((model / "metrics.json").read_text())
    assert saved["suites"]["news-dev"]["mean"] == pytest.approx(entry["mean"])
    card = (model / "README.md").read_text()
    assert "**Suite `news-dev`**: mean macro-F1" in card and "(silver labels)" in card


def test_a_two_class_set_has_no_neutral_f1_in_the_suite() -> None:
    from stancer.bench.tables import suite_table

    result = _result("a", "pstance:test", 0.5)
    del result["metrics"]["f1_neutral"]
    scores = suite_scores("tweets", [result])
    assert scores["a"]["sets"]["pstance:test"]["f1_neutral"] is None
    row = next(r for r in suite_table("tweets", scores) if r[0] == "pstance:test")
    assert row[1] == "0.500 (0.50 / 0.50 / –)"
