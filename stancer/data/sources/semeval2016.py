"""SemEval-2016 Task 6: stance in tweets toward five targets (task A) and Donald Trump (task B)."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need

_DIR = "all_annotations/data-all-annotations/"


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    # Tab-separated with no quoting (tweets hold bare double quotes); the training file is cp1252.
    for row in csv_rows(need(folder, _DIR + file), delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {
            "id": row["ID"],
            "text": row["Tweet"],
            "target": row["Target"],
            "label": row["Stance"],
            "opinion_towards": row["Opinion towards"],
            "sentiment": row["Sentiment"],
        }


BENCHMARK = Benchmark(
    name="semeval2016",
    description="SemEval-2016 Task 6: tweets toward 5 targets (task A) and Donald Trump (task B, unseen target)",
    splits={
        "train": functools.partial(_read, file="trainingdata-all-annotations.txt"),
        "validation": functools.partial(_read, file="trialdata-all-annotations.txt"),
        "test": functools.partial(_read, file="testdata-taskA-all-annotations.txt"),
        "test_taskB": functools.partial(_read, file="testdata-taskB-all-annotations.txt"),
    },
    metric="f_avg",
    label_map={"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
    domain="tweets",
    target_type="entity",
    terms="research use; do not redistribute",
    citation=(
        "Mohammad, Kiritchenko, Sobhani, Zhu, Cherry. SemEval-2016 Task 6: Detecting Stance in "
        "Tweets. SemEval 2016"
    ),
    source="the official NRC 'all annotations' release",
)
