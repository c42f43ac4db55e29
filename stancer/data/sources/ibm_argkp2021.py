"""IBM Debater ArgKP-2021 (Key Point Analysis shared task): arguments with their stance to a motion.

The release has one row per (argument, key point) pair, so each argument repeats once per key
point of its topic and stance. The adapter keeps one row per unique (topic, argument, stance),
the first in the file: 27519 rows → 7238 arguments. Text = ``argument``, target = ``topic``,
label = ``stance`` (1 pro, -1 con). Extras: ``key_points`` (how many key points the argument was
paired with) and ``matched_key_points`` (how many of them were labelled a match).

Splits: the file has no split column. Its test split is the shared task's 3 test topics, which
the file appends after the 28 topics of the original ArgKP dataset (``_TEST_TOPICS``); train is
those 28 topics, i.e. the shared task's train and dev topics together (the file does not say which
4 topics were dev, so there is no validation split: hold out topics from train for one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

_FILE = "ArgKP-2021_dataset.csv"

#: The 3 test topics of the Key Point Analysis 2021 shared task.
_TEST_TOPICS = frozenset(
    {
        "Routine child vaccinations should be mandatory",
        "Social media platforms should be regulated by the government",
        "The USA is a good country to live in",
    }
)


def _unique(folder: Path) -> list[dict[str, Any]]:
    """One row per (topic, argument, stance), in file order, with its key point counts."""
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for number, row in enumerate(csv_rows(need(folder, _FILE)), start=1):
        key = (row["topic"], row["argument"], row["stance"])
        if key not in rows:
            rows[key] = {
                "id": str(number),
                "text": row["argument"],
                "target": row["topic"],
                "label": row["stance"],
                "key_points": 0,
                "matched_key_points": 0,
            }
        rows[key]["key_points"] += 1
        rows[key]["matched_key_points"] += int(row["label"])
    missing = _TEST_TOPICS - {target for target, _, _ in rows}
    if missing:
        raise DataError(
            f"{folder / _FILE}: the test topics {sorted(missing)} are missing; is this ArgKP-2021?"
        )
    return list(rows.values())


def _train(folder: Path) -> Iterator[dict[str, Any]]:
    return (row for row in _unique(folder) if row["target"] not in _TEST_TOPICS)


def _test(folder: Path) -> Iterator[dict[str, Any]]:
    return (row for row in _unique(folder) if row["target"] in _TEST_TOPICS)


BENCHMARK = Benchmark(
    name="ibm_argkp2021",
    description=(
        "ArgKP-2021: 7238 crowd-written arguments (deduplicated from their key point pairs), pro/con "
        "toward 31 motions; test = the shared task's 3 unseen test topics"
    ),
    splits={"train": _train, "test": _test},
    metric="macro_f1",
    label_map={"1": "favor", "-1": "against"},
    labels=("favor", "against"),
    domain="debate arguments",
    target_type="topic",
    terms="CDLA-Sharing 1.0",
    citation=(
        "Friedman, Dankin, Hou, Aharonov, Katz, Slonim. Overview of the 2021 Key Point Analysis "
        "Shared Task. 8th Workshop on Argument Mining (ArgMining) 2021"
    ),
    source="IBM Debater ArgKP-2021, copy in unclevikram/anlp-final-project @e097cf4b",
)
