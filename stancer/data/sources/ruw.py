"""RUW: tweets on the Russia-Ukraine war, each labelled toward Russia and toward Ukraine.

The files (``raw_<split>_Russia_Ukraine.csv``: ``Tweet, Target 1, Stance 1, Target 2, Stance 2,
Test/Train/Dev``) are GB18030, not UTF-8. Each tweet becomes two rows, one per target, with the
id ``<row>-<target>`` (``row`` = the tweet's row in its file) and the tweet's row number in the
``tweet`` column, so the two rows of a tweet can be grouped. The authors' paper was under review
at release; like the other multi-target set (Sobhani et al. 2017) it is scored here with F_avg
per target, averaged over the two targets.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

TARGETS = ("Russia", "Ukraine")


def _read(folder: Path, split: str, marker: str) -> Iterator[dict[str, Any]]:
    file = f"raw_{split}_Russia_Ukraine.csv"
    for line, row in enumerate(csv_rows(need(folder, file), encodings=("gb18030",)), start=1):
        found = (row["Target 1"], row["Target 2"], row["Test/Train/Dev"])
        if found != (*TARGETS, marker):
            raise DataError(
                f"ruw: {file}, row {line}: expected Target 1, Target 2, Test/Train/Dev = "
                f"{(*TARGETS, marker)}, found {found}"
            )
        for column in ("1", "2"):
            target = row[f"Target {column}"]
            yield {
                "id": f"{line}-{target}",
                "text": row["Tweet"],
                "target": target,
                "label": row[f"Stance {column}"],
                "tweet": line,
            }


BENCHMARK = Benchmark(
    name="ruw",
    description="RUW: tweets on the Russia-Ukraine war, each labelled toward Russia and toward Ukraine (a row per tweet and target)",
    splits={
        "train": functools.partial(_read, split="train", marker="Train"),
        "validation": functools.partial(_read, split="val", marker="Dev"),
        "test": functools.partial(_read, split="test", marker="Test"),
    },
    metric="f_avg_targets",
    label_map={"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
    subsets={"russia": ("target", "Russia"), "ukraine": ("target", "Ukraine")},
    domain="tweets",
    target_type="entity",
    terms="tweets; no licence given",
    citation=(
        "RUW: A Dataset of Tweets on Multi-Target Stance Detection about the Russia-Ukraine War "
        "(paper under review when the data was released; authors not named in the repository)"
    ),
    source="multi-target/RUW @ecb2a457",
)
