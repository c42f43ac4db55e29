"""VAST: New York Times comments toward thousands of topics, with zero-shot and few-shot test topics."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need


def _read_release(folder: Path, file: str = "vast_train.csv") -> Iterator[dict[str, Any]]:
    """The official 16-column files; the target is ``topic_str``, as the evaluation files use."""
    for row in csv_rows(need(folder, file)):
        yield {
            "id": row["new_id"],
            "text": row["post"],
            "target": row["topic_str"],
            "label": row["label"],
            "seen": int(row["seen?"]),
            "type_idx": int(row["type_idx"]),
            "topic": row["new_topic"],
        }


def _read_eval(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    for row in csv_rows(need(folder, file)):
        yield {
            "text": row["Tweet"],
            "target": row["Target"],
            "label": row["Stance"],
            "seen": int(row["seen?"]),
        }


BENCHMARK = Benchmark(
    name="vast",
    description="VAST: NYT comments toward thousands of topics; test topics unseen (zero-shot) or seen (few-shot)",
    splits={
        "train": _read_release,
        "validation": functools.partial(_read_eval, file="mclda_vast_dev.csv"),
        "test": functools.partial(_read_eval, file="mclda_vast_test.csv"),
        "test_sentswap": functools.partial(_read_release, file="vast_test-sentswap.csv"),
    },
    metric="macro_f1",
    label_map={"0": "against", "1": "favor", "2": "neutral"},
    subsets={"zero_shot": ("seen", 0), "few_shot": ("seen", 1)},
    domain="news comments",
    target_type="topic",
    terms="released with the EMNLP 2020 paper for research; NYT comment text",
    citation=(
        "Allaway, McKeown. Zero-Shot Stance Detection: A Dataset and Model using Generalized Topic "
        "Representations. EMNLP 2020"
    ),
    source="train: the official release; dev/test: the 4-column release used by MCLDA; sentswap: the authors' repository",
)
