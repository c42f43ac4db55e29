"""SICK: sentence pairs built from image and video captions, rich in negation and quantifiers.

An inference set, read as stance: text = ``sentence_A`` (the premise), target = ``sentence_B``
(the hypothesis); ENTAILMENT → favor, CONTRADICTION → against, NEUTRAL → neutral, as in the
``entailment_label`` column (the gold A-to-B label). Every row has ``task`` = ``"nli"``. Reads
``SICK.txt`` (tab-separated with a header; 9840 pairs). Splits by ``SemEval_set`` (SemEval-2014
Task 1): TRAIN → ``train`` (4439), TRIAL → ``validation`` (495), TEST → ``test`` (4906).

Extras: ``relatedness`` (the 1–5 relatedness score, a float), ``entailment_ab`` /
``entailment_ba`` (the annotation in each direction, e.g. ``A_contradicts_B`` / ``B_neutral_A``:
SICK's label is not symmetric), and ``pair_ID`` as the row id. The file is read with no
quoting: double quotes occur only inside the ``sentence_*_original`` cells (the source captions,
not read), never around a cell.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

FILE = "SICK.txt"
NLI_LABELS = ("ENTAILMENT", "NEUTRAL", "CONTRADICTION")
SETS = ("TRAIN", "TRIAL", "TEST")


def _read(folder: Path, semeval_set: str) -> Iterator[dict[str, Any]]:
    path = need(folder, FILE)
    rows = csv_rows(path, encodings=("utf-8",), delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(rows, start=1):
        if None in row or None in row.values():
            raise DataError(f"{path}, row {number}: expected 12 tab-separated columns")
        if row["SemEval_set"] not in SETS or row["entailment_label"] not in NLI_LABELS:
            raise DataError(
                f"{path}, row {number}: SemEval_set {row['SemEval_set']!r} and entailment_label "
                f"{row['entailment_label']!r}; expected one of {list(SETS)} and one of "
                f"{list(NLI_LABELS)}"
            )
        if row["SemEval_set"] != semeval_set:
            continue
        try:
            relatedness = float(row["relatedness_score"])
        except ValueError:
            raise DataError(
                f"{path}, row {number}: relatedness_score {row['relatedness_score']!r} is not a "
                "number"
            ) from None
        yield {
            "id": row["pair_ID"],
            "text": row["sentence_A"],
            "target": row["sentence_B"],
            "label": row["entailment_label"],
            "task": "nli",
            "relatedness": relatedness,
            "entailment_ab": row["entailment_AB"],
            "entailment_ba": row["entailment_BA"],
        }


BENCHMARK = Benchmark(
    name="sick",
    description=(
        "SICK: caption-based sentence pairs rich in negation and quantifiers, sentence A (text) "
        "vs sentence B (target), entailment / contradiction / neutral as favor / against / "
        "neutral; SemEval-2014 TRAIN / TRIAL / TEST as train / validation / test; task = nli"
    ),
    splits={
        "train": functools.partial(_read, semeval_set="TRAIN"),
        "validation": functools.partial(_read, semeval_set="TRIAL"),
        "test": functools.partial(_read, semeval_set="TEST"),
    },
    metric="macro_f1",
    label_map={"ENTAILMENT": "favor", "CONTRADICTION": "against", "NEUTRAL": "neutral"},
    labels=("favor", "against", "neutral"),
    domain="image and video captions",
    target_type="claim",
    terms="CC BY-NC-SA 3.0 (research use only)",
    citation=(
        "Marelli, Menini, Baroni, Bentivogli, Bernardi, Zamparelli. A SICK cure for the "
        "evaluation of compositional distributional semantic models. LREC 2014"
    ),
    source="kkalouli/SICK-processing @0848f4ae → SICK.txt",
)
