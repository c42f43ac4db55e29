"""IAM: sentences of web articles toward debate topics, with the article's non-claim sentences.

Reads the ``stance/`` and ``claims/`` files (tab-separated: claim flag C / O, topic, sentence,
article id, stance 1 / -1 / 0). Splits:

- ``train``: ``stance/train.txt``, claims only (favor / against: no neutral class);
- ``validation``: ``claims/dev.txt``, three classes: the dev claims plus the non-claim (``O``)
  sentences of the same articles as ``neutral`` (93% neutral, as real articles are);
- ``validation_train`` / ``validation_heldout``: ``claims/dev.txt`` split by article (by a hash of
  the article id, about half each), so that a model can learn IAM's neutral sentences from one half
  and be selected on the other;
- ``test``: ``claims/test.txt``, three classes likewise.

The topics are questions ("Should we ban the production of generic drugs"); the target is the
proposition `stancer.data.propositions.question_to_proposition` makes of it ("We should ban the
production of generic drugs"), the question is kept in the ``question`` column. ``stance/dev`` and
``stance/test`` are the claim rows of ``claims/dev`` and ``claims/test``, so they are not read
again. The claims train file is not in the release copy.
"""

from __future__ import annotations

import csv
import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.propositions import question_to_proposition
from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

_COLUMNS = ["claim", "topic", "sentence", "article", "stance"]


def _heldout(article: str) -> bool:
    return hashlib.sha1(article.encode()).digest()[0] % 2 == 1


def _read(folder: Path, relative: str, half: str | None = None) -> Iterator[dict[str, Any]]:
    path = need(folder, relative)
    rows = csv_rows(
        path, encodings=("utf-8",), delimiter="\t", quoting=csv.QUOTE_NONE, fieldnames=_COLUMNS
    )
    for number, row in enumerate(rows, start=1):
        if row["claim"] not in ("C", "O") or None in row:
            raise DataError(
                f"{path}, row {number}: expected 5 tab-separated columns with claim flag C or O, "
                f"got {row!r:.120}"
            )
        if half is not None and _heldout(row["article"]) != (half == "heldout"):
            continue
        yield {
            "id": f"{relative}-{number}",
            "text": row["sentence"],
            "target": question_to_proposition(row["topic"]),
            "label": row["stance"],
            "question": row["topic"],
            "article": row["article"],
            "claim": row["claim"] == "C",
        }


BENCHMARK = Benchmark(
    name="iam",
    description=(
        "IAM: web-article sentences toward 'Should we …?' topics as propositions; train has claims "
        "only (favor / against), validation and test add the articles' non-claims as neutral (93%)"
    ),
    splits={
        "train": functools.partial(_read, relative="stance/train.txt"),
        "validation": functools.partial(_read, relative="claims/dev.txt"),
        "validation_train": functools.partial(_read, relative="claims/dev.txt", half="train"),
        "validation_heldout": functools.partial(_read, relative="claims/dev.txt", half="heldout"),
        "test": functools.partial(_read, relative="claims/test.txt"),
    },
    metric="macro_f1",
    label_map={"1": "favor", "-1": "against", "0": "neutral"},
    domain="web articles",
    target_type="claim",
    terms="research use (ACL 2022 release; no licence file)",
    citation=(
        "Cheng et al. IAM: A Comprehensive and Large-Scale Dataset for Integrated Argument Mining "
        "Tasks. ACL 2022"
    ),
    source="LiyingCheng95/IAM @5497013e",
)
