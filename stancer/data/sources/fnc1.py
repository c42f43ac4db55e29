"""FNC-1: does a news article body agree with, disagree with, discuss, or not relate to a headline?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError
from stancer.stance import LABELS as STANCE_LABELS

#: FNC-1's labels (kept in ``label_original``) → unified labels; ARC uses the same scheme.
LABEL_MAP = {
    "agree": "favor",
    "disagree": "against",
    "discuss": "neutral",
    "unrelated": "unrelated",
}
LABELS = (*STANCE_LABELS, "unrelated")

#: The official training stances (49972 rows), as two files whose concatenation is the original
#: ``train_stances.csv`` (UKP's 9:1 row split of it; 63 duplicated rows fall in both halves).
TRAIN_STANCES = ("ukp_9_1_train_train_stances.csv", "ukp_9_1_train_test_stances.csv")


def _bodies(folder: Path, file: str) -> dict[str, str]:
    return {row["Body ID"]: row["articleBody"] for row in csv_rows(need(folder, file))}


def read_pairs(folder: Path, stances: tuple[str, ...], bodies: str) -> Iterator[dict[str, Any]]:
    """Headline/body pairs, the body joined by ``Body ID``; ids count the rows from 1 over all files."""
    body_of = _bodies(folder, bodies)
    number = 0
    for file in stances:
        for line, row in enumerate(csv_rows(need(folder, file)), start=1):
            number += 1
            body_id = row["Body ID"]
            if body_id not in body_of:
                raise DataError(
                    f"{folder.name}: {file}, row {line}: Body ID {body_id!r} is not in {bodies}; "
                    "the stances and bodies files must come from the same release"
                )
            yield {
                "id": str(number),
                "text": body_of[body_id],
                "target": row["Headline"],
                "label": row["Stance"],
                "label_original": row["Stance"],
                "body_id": body_id,
            }


def _train(folder: Path) -> Iterator[dict[str, Any]]:
    return read_pairs(folder, TRAIN_STANCES, "train_bodies.csv")


def _test(folder: Path) -> Iterator[dict[str, Any]]:
    return read_pairs(folder, ("competition_test_stances.csv",), "competition_test_bodies.csv")


def _baseline_ids(folder: Path, file: str) -> set[str]:
    return set(need(folder, file).read_text(encoding="ascii").split())


def _train_baseline(folder: Path) -> Iterator[dict[str, Any]]:
    """The official baseline's training bodies (1346 bodies, 40350 rows); ids as in ``train``."""
    keep = _baseline_ids(folder, "baseline_split_training_ids.txt")
    return (row for row in _train(folder) if row["body_id"] in keep)


def _validation_baseline(folder: Path) -> Iterator[dict[str, Any]]:
    """The official baseline's hold-out bodies (337 bodies, 9622 rows); ids as in ``train``."""
    keep = _baseline_ids(folder, "baseline_split_hold_out_ids.txt")
    return (row for row in _train(folder) if row["body_id"] in keep)


BENCHMARK = Benchmark(
    name="fnc1",
    description=(
        "FNC-1 (Fake News Challenge stage 1): stance of a news article body toward a headline, "
        "4 classes; train = the official 49972 training pairs (includes 402 exact duplicate rows, "
        "kept), test = the 25413 competition test pairs (242 exact duplicates, kept); "
        "train_baseline / validation_baseline = the official baseline's hold-out split of the "
        "training bodies (subsets of train, same ids); label_original keeps the 4-way label"
    ),
    splits={
        "train": _train,
        "test": _test,
        "train_baseline": _train_baseline,
        "validation_baseline": _validation_baseline,
    },
    metric="fnc_score",
    label_map=LABEL_MAP,
    labels=LABELS,
    domain="news",
    target_type="headline",
    terms="research use (released for the Fake News Challenge; derived from the Emergent data)",
    citation=(
        "Pomerleau, Rao. Fake News Challenge Stage 1 (FNC-1): Stance Detection. 2017, "
        "http://www.fakenewschallenge.org/; see also Hanselowski, PVS, Schiller, Caspelherr, "
        "Chaudhuri, Meyer, Gurevych. A Retrospective Analysis of the Fake News Challenge "
        "Stance-Detection Task. COLING 2018"
    ),
    source=(
        "FakeNewsChallenge/fnc-1 @29d473af (bodies, competition test, baseline_split_*_ids.txt); the "
        "training stances as UKPLab/coling2018_fake-news-challenge @6446c445 ships them"
    ),
)
