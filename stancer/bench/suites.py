"""Benchmark suites: named lists of data specs whose mean macro-F1 is one figure.

``news`` is the figure that picks models: the real-text test splits of news and article sentences
toward propositions (synthetic text never counts in it). ``news-dev`` is the same over validation
splits, plus the synthetic quotes, for choosing checkpoints and settings without touching the test
sets. ``tweets`` holds the tweet and VAST benchmarks the first models were chosen on: a secondary
figure. Several sets carry model-made silver labels (``polnear_stance``, ``basil_stance``,
``synthetic_quotes``; see `stancer data info`), which a figure resting on them must say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stancer.exceptions import StancerError

SUITES: dict[str, tuple[str, ...]] = {
    "news": (
        "iam:test",
        "polnear_stance:test",
        "basil_stance:test",
        "mpchi:test",
        "seed:test",
    ),
    "news-dev": (
        "iam:validation_heldout",
        "polnear_stance:validation",
        "basil_stance:validation",
        "mpchi:validation",
        "synthetic_quotes:validation",
    ),
    "tweets": (
        "semeval2016:test",
        "semeval2016:test_taskB",
        "pstance:test",
        "covid19_stance:test",
        "vast:test",
    ),
}

#: Every set of a suite is scored by macro-F1 over its three classes, whatever its official metric.
SUITE_METRIC = "macro_f1"

#: The datasets whose labels are model-made (silver).
SILVER = ("polnear_stance", "basil_stance", "synthetic_quotes")


def suite_specs(names: Sequence[str]) -> list[str]:
    """The data specs of the named suites, in order, without repeats."""
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise StancerError(f"unknown suite {unknown[0]!r}; the suites are {sorted(SUITES)}")
    return list(dict.fromkeys(spec for name in names for spec in SUITES[name]))


def suite_scores(name: str, results: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per model: macro-F1 and per-class F1 of each set of suite ``name``, and their mean.

    ``mean`` is None when a set of the suite was not scored for that model (the sets are listed
    under ``missing``): a partial mean is never passed off as the suite figure.
    """
    specs = SUITES[name]
    scores: dict[str, dict[str, Any]] = {}
    for r in results:
        if r["data"] in specs:
            m = r["metrics"]
            entry = scores.setdefault(r["model"], {"sets": {}})
            entry["sets"][r["data"]] = {  # a two-class set (P-Stance) has no neutral F1
                key: m.get(key) for key in (SUITE_METRIC, "f1_favor", "f1_against", "f1_neutral")
            }
    for entry in scores.values():
        missing = [s for s in specs if s not in entry["sets"]]
        values = [entry["sets"][s][SUITE_METRIC] for s in specs if s in entry["sets"]]
        entry["missing"] = missing
        entry["mean"] = None if missing else sum(values) / len(values)
    return scores
