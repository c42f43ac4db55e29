"""COVID-19-Stance: tweets toward four pandemic targets (face masks, Fauci, school closures, stay at home orders).

The tweet texts come from the CKD repository's ``ckd_onecol/raw_<split>_all_onecol.csv``, whose
``Tweet Id`` column was mangled by a spreadsheet (``1.29E+18``). The official per-target files
``<target>_<split>.csv`` hold the exact ids (and the same labels) in the same row order, the
targets concatenated in the order the onecol file lists them. The reader takes the real id from
them and checks, row by row, that target, stance, opinion and sentiment agree and that the
mangled id is the exact id rounded (within one unit of its last digit: one row in train shows
1284999315757453312 as ``1.29E+18``, a double rounding); any disagreement is an error.
The ``*_train_noisy.csv`` files (ids only, no text) are not read.

Metric: ``macro_f1``. Glandt et al. score the three classes FAVOR / AGAINST / NONE with the
macro-averaged F1 (NONE is a real class here, not "no stance found"), per target; the CKD and
Wikipedia-knowledge code that produced these files computes the 3-class macro-F1 likewise
(``precision_recall_fscore_support(..., average='macro')``). The registry has no "per-target
macro-F1" metric, so the official number is the 3-class macro-F1; per-target scores come from
the ``subsets`` (one per target).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

#: The onecol files' target → the readable target.
TARGETS = {
    "face masks": "face masks",
    "fauci": "Anthony Fauci",
    "school closures": "school closures",
    "stay at home orders": "stay at home orders",
}

_EXACT_ID = re.compile(r"[1-9][0-9]*")


def _id_agrees(mangled: str, exact: str) -> bool:
    """Whether ``mangled`` (e.g. ``1.29E+18``) is ``exact`` rounded, within one unit of its last digit."""
    try:
        value = Decimal(mangled.strip())
    except InvalidOperation:
        return False
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity
        return False
    unit = Decimal(1).scaleb(exponent)
    return abs(value - Decimal(exact)) <= unit


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    text_file = f"ckd_onecol/raw_{split}_all_onecol.csv"
    texts = list(csv_rows(need(folder, text_file), encodings=("utf-8-sig",)))
    order = [key for key, _ in itertools.groupby(row["Target 1"] for row in texts)]
    if len(order) != len(set(order)) or not set(order) <= set(TARGETS):
        raise DataError(
            f"covid19_stance: {text_file}: expected the rows grouped by target, one block per "
            f"target out of {sorted(TARGETS)}; found the blocks {order}"
        )
    ids: list[tuple[str, int, dict[str, str]]] = []
    for key in order:
        id_file = f"{key.replace(' ', '_')}_{split}.csv"
        rows = csv_rows(need(folder, id_file), encodings=("utf-8-sig",))
        ids.extend((id_file, line, row) for line, row in enumerate(rows, start=1))
    if len(ids) != len(texts):
        raise DataError(
            f"covid19_stance: {text_file} has {len(texts)} rows but the per-target id files "
            f"({', '.join(k.replace(' ', '_') + f'_{split}.csv' for k in order)}) have {len(ids)} "
            "together; they must be the same rows in the same order"
        )
    for line, (row, (id_file, id_line, official)) in enumerate(
        zip(texts, ids, strict=True), start=1
    ):
        exact = official["Tweet Id"].strip()
        checks = {
            "target": (row["Target 1"].replace(" ", "_"), official["Target"]),
            "stance": (row["Stance 1"], official["Stance"]),
            "opinion": (row["Opinion Towards"], official["Opinion Towards"]),
            "sentiment": (row["Sentiment"], official["Sentiment"]),
        }
        wrong = [name for name, (a, b) in checks.items() if a != b]
        if not _EXACT_ID.fullmatch(exact):
            wrong.append("id (not a digit string)")
        elif not _id_agrees(row["Tweet Id"], exact):
            wrong.append(f"id ({row['Tweet Id']!r} is not {exact} rounded)")
        if wrong:
            raise DataError(
                f"covid19_stance: {text_file}, row {line} does not line up with {id_file}, row "
                f"{id_line}: {', '.join(wrong)} differ; the exact ids can only be recovered when "
                "the onecol file and the per-target files hold the same rows in the same order"
            )
        yield {
            "id": exact,
            "text": row["Tweet"],
            "target": TARGETS[row["Target 1"]],
            "label": row["Stance 1"],
            "opinion_towards": row["Opinion Towards"],
            "sentiment": row["Sentiment"],
        }


BENCHMARK = Benchmark(
    name="covid19_stance",
    description="COVID-19-Stance: tweets toward face masks, Anthony Fauci, school closures and stay at home orders",
    splits={
        "train": functools.partial(_read, split="train"),
        "validation": functools.partial(_read, split="val"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
    subsets={key.replace(" ", "_"): ("target", target) for key, target in TARGETS.items()},
    domain="tweets",
    target_type="topic",
    terms="tweets; research use",
    citation=(
        "Glandt, Khanal, Li, Caragea, Caragea. Stance Detection in COVID-19 Tweets. ACL-IJCNLP 2021"
    ),
    source="texts: chuchun8/CKD (data/covid19, onecol files); exact ids: the official per-target files of kglandt/stance-detection-in-covid-19-tweets (copy from the kvssk123 mirror)",
)
