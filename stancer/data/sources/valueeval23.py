"""ValueEval'23 (SemEval-2023 Task 4): argument premises for or against a conclusion.

Reads ``data/raw/initial/arguments-{training,validation,test}.tsv`` (tab-separated with a header:
``Argument ID``, ``Conclusion``, ``Stance``, ``Premise``). Target = the conclusion, already a
proposition ("We should end affirmative action", "Electric cars are not a solution to air
pollution"); text = the premise. Labels: ``in favor of`` → favor, ``against`` → against (no
neutral). The human-value labels (``labels-*.tsv``) are not read. Splits ``train`` /
``validation`` / ``test`` are the release's training / validation / test files.

Argument ids starting with ``A`` are IBM-ArgQ-Rank-30k arguments (the ``ibm_argq30k`` set holds
them already, with IBM's own split), so they are left out here and only the new arguments are
read: ``E`` (Conference on the Future of Europe) and ``D`` (Group Discussion Ideas), whose
letter is kept in ``id_prefix``. Of the release's 5393 / 1896 / 1576 rows (the counts in the
data README, which include the ``A`` rows: 4576 / 1526 / 1266) this leaves 817 / 370 / 310.

Quirk: the files are TSV with bare double quotes and are read with no quoting, so a cell such as
``"Bullet for Bullet" is a right policy`` keeps its quotes (default CSV quoting would strip them
from the three cells that open with a quote and alter their text).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

#: Argument id prefixes kept (``A`` = IBM-ArgQ, already in ``ibm_argq30k``, is skipped).
KEPT = ("E", "D")
_PREFIXES = ("A", *KEPT)
_STANCES = ("in favor of", "against")


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    path = need(folder, f"data/raw/initial/{file}")
    rows = csv_rows(path, encodings=("utf-8",), delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(rows, start=1):
        if None in row or None in row.values():
            raise DataError(
                f"{path}, row {number}: expected 4 tab-separated columns (Argument ID, "
                f"Conclusion, Stance, Premise), got {row!r:.120}"
            )
        argument = row["Argument ID"]
        if argument[:1] not in _PREFIXES or row["Stance"] not in _STANCES:
            raise DataError(
                f"{path}, row {number}: expected an Argument ID starting with A, D or E and a "
                f"Stance 'in favor of' or 'against', got {argument!r} and {row['Stance']!r}"
            )
        if argument[:1] not in KEPT:
            continue
        yield {
            "id": argument,
            "text": row["Premise"],
            "target": row["Conclusion"],
            "label": row["Stance"],
            "id_prefix": argument[:1],
        }


BENCHMARK = Benchmark(
    name="valueeval23",
    description=(
        "ValueEval'23: argument premises for or against a conclusion (a proposition), from the "
        "Conference on the Future of Europe (E) and Group Discussion Ideas (D); the IBM-ArgQ "
        "arguments (A) of the release are left out (they are in ibm_argq30k)"
    ),
    splits={
        "train": functools.partial(_read, file="arguments-training.tsv"),
        "validation": functools.partial(_read, file="arguments-validation.tsv"),
        "test": functools.partial(_read, file="arguments-test.tsv"),
    },
    metric="macro_f1",
    label_map={"in favor of": "favor", "against": "against"},
    labels=("favor", "against"),
    domain="debate arguments",
    target_type="claim",
    terms="CC BY-SA 4.0",
    citation=(
        "Kiesel, Alshomary, Mirzakhmedova, Heinrich, Handke, Wachsmuth, Stein. SemEval-2023 Task "
        "4: ValueEval: Identification of Human Values behind Arguments. SemEval 2023"
    ),
    source="ShahrzadAzari/Human_Value_Detection @209dfa3e → data/raw/initial",
)
