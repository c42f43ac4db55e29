"""ARC: stance of user comments toward claims, in the FNC-1 format (agree/disagree/discuss/unrelated)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark
from stancer.data.sources.fnc1 import LABEL_MAP, LABELS, read_pairs


def _train(folder: Path) -> Iterator[dict[str, Any]]:
    return read_pairs(folder, ("arc_stances_train.csv",), "arc_bodies.csv")


def _test(folder: Path) -> Iterator[dict[str, Any]]:
    return read_pairs(folder, ("arc_stances_test.csv",), "arc_bodies.csv")


BENCHMARK = Benchmark(
    name="arc",
    description=(
        "ARC: stance of user comments (NYT 'Room for Debate', from the Argument Reasoning "
        "Comprehension corpus) toward claims, in the FNC-1 format with 4 classes; all 183 test "
        "claims and 2397 of the 2481 test bodies (3418 of 3559 test rows) also occur in train "
        "with other pairings, and 54 test (claim, body) pairs occur in train with the same label; "
        "train holds 134 and test 7 exact duplicate rows (kept), and one train pair has two labels "
        "(unrelated and disagree); label_original keeps the 4-way label"
    ),
    splits={
        "train": _train,
        "test": _test,
    },
    metric="fnc_score",
    label_map=LABEL_MAP,
    labels=LABELS,
    domain="news comments",
    target_type="claim",
    terms="Apache-2.0 (the UKPLab repository's licence)",
    citation=(
        "Hanselowski, PVS, Schiller, Caspelherr, Chaudhuri, Meyer, Gurevych. A Retrospective "
        "Analysis of the Fake News Challenge Stance-Detection Task. COLING 2018"
    ),
    source="UKPLab/coling2018_fake-news-challenge @6446c445 (arc_bodies.csv, arc_stances_{train,test}.csv)",
)
