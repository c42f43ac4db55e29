"""IBM Debater IBM-ArgQ-Rank-30kArgs: crowd-written arguments with their stance toward a motion.

The text is ``argument``, the target is ``topic`` (the motion, e.g. "We should legalize
cannabis"), the label is ``stance_WA`` (1 pro, -1 con; WA = the annotators' weighted average).
Train/dev/test come from the ``set`` column (49 / 7 / 15 topics, disjoint). The quality scores
are kept as float columns: ``quality_wa`` (``WA``), ``quality_mace_p`` (``MACE-P``) and
``stance_conf`` (``stance_WA_conf``).

Quirks: 41 arguments hold line breaks and some start with stray characters (".", "\\"); all are
kept as released. The arguments overlap ibm_argkp2021: deduplicate before mixing the two.
The dataset was built for quality ranking; it has no official stance metric (macro-F1 is used).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

_FILE = "arg_quality_rank_30k.csv"


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    path = need(folder, _FILE)
    for number, row in enumerate(csv_rows(path), start=1):
        if row["set"] not in ("train", "dev", "test"):
            raise DataError(
                f"{path}, row {number}: column 'set' has {row['set']!r}; expected train, dev or test"
            )
        if row["set"] != split:
            continue
        yield {
            "id": str(number),
            "text": row["argument"],
            "target": row["topic"],
            "label": row["stance_WA"],
            "quality_wa": float(row["WA"]),
            "quality_mace_p": float(row["MACE-P"]),
            "stance_conf": float(row["stance_WA_conf"]),
        }


BENCHMARK = Benchmark(
    name="ibm_argq30k",
    description=(
        "IBM-ArgQ-Rank-30kArgs: 30497 crowd-written arguments, pro/con toward 71 motions, with "
        "quality scores; train/dev/test topics are disjoint"
    ),
    splits={
        "train": functools.partial(_read, split="train"),
        "validation": functools.partial(_read, split="dev"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"1": "favor", "-1": "against"},
    labels=("favor", "against"),
    domain="debate arguments",
    target_type="topic",
    terms="CC BY-SA 3.0",
    citation=(
        "Gretz, Friedman, Cohen-Karlik, Toledo, Lahav, Aharonov, Slonim. A Large-Scale Dataset for "
        "Argument Quality Ranking: Construction and Analysis. AAAI 2020"
    ),
    source="IBM Debater IBM-ArgQ-Rank-30kArgs, copy in unclevikram/anlp-final-project @e097cf4b",
)
