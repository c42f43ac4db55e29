"""ANLI (Adversarial NLI): premises and hypotheses written to fool strong NLI models, dev sets.

An inference set, read as stance: text = the ``context`` (the premise: Wikipedia passages in
rounds 1–2, several other genres too in round 3), target = the ``statement`` (the
hypothesis); ``gold_label`` e (entailment) → favor, c (contradiction) → against, n (neutral) →
neutral. Every row has ``task`` = ``"nli"``.

Reads the official dev sets as the annotated analysis release has them,
``anlizinganli/anli_annot_v0.2/ANLI_analysis_r{1,2,3}_dev.csv`` (CSV with a header). Splits:
``dev_r1`` (1000), ``dev_r2`` (1000), ``dev_r3`` (1198): the rounds are scored separately, as in
the paper; each row also has ``round`` (1, 2 or 3) for when they are concatenated. No train or
test split is in this copy. Round 3 has 1198 of the official 1200 dev pairs: two are missing from
the analysis file, which holds 402 e / 400 n / 396 c.

Extras: ``reason`` (the writer's explanation of the label), ``tags`` (the analysis release's
inference-type tags, as the string it stores, e.g. ``"['Tricky', 'Exhaustification']"``), and
``uid`` as the row id. The other analysis files, ``hard_dev`` (178 pairs) and
``300dev_sampleA2`` (300 pairs, 299 of them in the files read), are samples of the same dev pairs
and are not read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

FOLDER = "anlizinganli/anli_annot_v0.2"
NLI_LABELS = ("e", "n", "c")


def _read(folder: Path, round_: int) -> Iterator[dict[str, Any]]:
    path = need(folder, f"{FOLDER}/ANLI_analysis_r{round_}_dev.csv")
    for number, row in enumerate(csv_rows(path, encodings=("utf-8",)), start=1):
        if None in row or None in row.values():
            raise DataError(f"{path}, row {number}: the row does not have the header's columns")
        if row["gold_label"] not in NLI_LABELS:
            raise DataError(
                f"{path}, row {number}: gold_label {row['gold_label']!r}; expected e, n or c"
            )
        yield {
            "id": row["uid"],
            "text": row["context"],
            "target": row["statement"],
            "label": row["gold_label"],
            "task": "nli",
            "round": round_,
            "reason": row["reason"],
            "tags": row["tags"],
        }


BENCHMARK = Benchmark(
    name="anli",
    description=(
        "ANLI dev sets R1 / R2 / R3: adversarially written hypotheses (target) vs premises "
        "(text), entailment / contradiction / neutral as favor / against / neutral, one split "
        "per round; task = nli"
    ),
    splits={
        "dev_r1": functools.partial(_read, round_=1),
        "dev_r2": functools.partial(_read, round_=2),
        "dev_r3": functools.partial(_read, round_=3),
    },
    metric="macro_f1",
    label_map={"e": "favor", "c": "against", "n": "neutral"},
    labels=("favor", "against", "neutral"),
    domain="Wikipedia, news, fiction and other prose",
    target_type="claim",
    terms="CC BY-NC 4.0 (research use only)",
    citation=(
        "Nie, Williams, Dinan, Bansal, Weston, Kiela. Adversarial NLI: A New Benchmark for "
        "Natural Language Understanding. ACL 2020; Williams, Thorne, Nie, Bansal, Kiela. "
        "ANLIzing the Adversarial Natural Language Inference Dataset. SCiL 2022"
    ),
    source="facebookresearch/anli @b5ce27af → anlizinganli/anli_annot_v0.2",
)
