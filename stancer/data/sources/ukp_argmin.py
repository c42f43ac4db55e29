"""UKP Sentential Argument Mining: web sentences that argue for or against one of 8 topics, or not.

Reads ``complete/<topic>.tsv`` (the files with the sentences; ``incomplete/`` lacks them). Text =
``sentence``, target = the ``topic`` column, which is already a readable phrase ("death
penalty", "school uniforms"); it is also kept as the str column ``topic`` so a caller can build
the cross-topic (leave one topic out) protocol. Splits by the ``set`` column (train / val / test).
Labels: Argument_for → favor, Argument_against → against, NoArgument → neutral (NoArgument means
"not an argument about the topic", not a neutral stance).

Quirks: the sentences are tokenised ("abortion ,") and kept as released. The files are TSV with
bare double quotes, so they are read with no quoting (default CSV quoting would swallow 1061
rows). 25487 of the official 25492 sentences are present (5 are missing from this copy). As
released, 19 (topic, sentence) pairs occur twice in the same split (one pair with two different
labels); ``sentenceHash`` is not unique across topics, so the id is ``<file>-<row>``.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

_TOPICS = (
    "abortion",
    "cloning",
    "death_penalty",
    "gun_control",
    "marijuana_legalization",
    "minimum_wage",
    "nuclear_energy",
    "school_uniforms",
)


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    for topic in _TOPICS:
        path = need(folder, f"complete/{topic}.tsv")
        rows = csv_rows(path, encodings=("utf-8",), delimiter="\t", quoting=csv.QUOTE_NONE)
        for number, row in enumerate(rows, start=1):
            if row["set"] not in ("train", "val", "test"):
                raise DataError(
                    f"{path}, row {number}: column 'set' has {row['set']!r}; expected train, val or test"
                )
            if row["set"] != split:
                continue
            yield {
                "id": f"{topic}-{number}",
                "text": row["sentence"],
                "target": row["topic"],
                "label": row["annotation"],
                "topic": row["topic"],
                "url": row["retrievedUrl"],
            }


BENCHMARK = Benchmark(
    name="ukp_argmin",
    description=(
        "UKP Sentential Argument Mining: 25487 tokenised web sentences ('abortion ,') for, against "
        "or not arguing about 8 topics (neutral = no argument); cross-topic = leave one topic out"
    ),
    splits={
        "train": functools.partial(_read, split="train"),
        "validation": functools.partial(_read, split="val"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"Argument_for": "favor", "Argument_against": "against", "NoArgument": "neutral"},
    labels=("favor", "against", "neutral"),
    domain="web documents",
    target_type="topic",
    terms="annotations CC BY-NC; sentence text for research only",
    citation=(
        "Stab, Miller, Schiller, Rai, Gurevych. Cross-topic Argument Mining from Heterogeneous "
        "Sources Using Attention-based Neural Networks. EMNLP 2018"
    ),
    source="UKP Sentential Argument Mining Corpus, copy in Open-Argumentation/Canary @e207ee8f",
)
