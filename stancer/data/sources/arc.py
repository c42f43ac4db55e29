"""ARC: stance of user comments toward claims, in the FNC-1 format (agree/disagree/discuss/unrelated)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    """Claim/comment pairs, the comment joined from ``arc_bodies.csv`` by ``Body ID``."""
    body_of = {
        row["Body ID"]: row["articleBody"] for row in csv_rows(need(folder, "arc_bodies.csv"))
    }
    for line, row in enumerate(csv_rows(need(folder, file)), start=1):
        body_id = row["Body ID"]
        if body_id not in body_of:
            raise DataError(
                f"arc: {file}, row {line}: Body ID {body_id!r} is not in arc_bodies.csv; "
                "the stances and bodies files must come from the same release"
            )
        yield {
            "text": body_of[body_id],
            "target": row["Headline"],
            "label": row["Stance"],
            "label_original": row["Stance"],
            "body_id": body_id,
        }


# Named functions, not functools.partial: the registry fingerprints ``reader.__module__``, which
# for a partial is ``functools``, so edits here would not invalidate the cache.
def _train(folder: Path) -> Iterator[dict[str, Any]]:
    return _read(folder, "arc_stances_train.csv")


def _test(folder: Path) -> Iterator[dict[str, Any]]:
    return _read(folder, "arc_stances_test.csv")


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
    label_map={
        "agree": "favor",
        "disagree": "against",
        "discuss": "neutral",
        "unrelated": "unrelated",
    },
    labels=("favor", "against", "neutral", "unrelated"),
    domain="news comments",
    target_type="claim",
    terms="Apache-2.0 (the UKPLab repository's licence)",
    citation=(
        "Hanselowski, PVS, Schiller, Caspelherr, Chaudhuri, Meyer, Gurevych. A Retrospective "
        "Analysis of the Fake News Challenge Stance-Detection Task. COLING 2018"
    ),
    source="UKPLab/coling2018_fake-news-challenge @6446c445 (arc_bodies.csv, arc_stances_{train,test}.csv)",
)
