"""FEVER Symmetric: FEVER claims paired with evidence so that the claim alone gives nothing away.

Pairs come in groups, an original FEVER (claim, evidence) pair and hand-written counterparts of
its claim and its evidence, in which every claim occurs with both labels: a model that leans on
cues in the claim alone ("did not", "only") gains nothing. An inference set, read as stance:
text = the ``evidence`` sentence (the premise), target = the ``claim`` (the hypothesis);
SUPPORTS → favor, REFUTES → against (there is no neutral / NOT ENOUGH INFO class). Every row has
``task`` = ``"nli"``.

Reads version 0.2, ``symmetric_v0.2/fever_symmetric_{dev,test}.jsonl`` (one JSON
object per pair: ``id``, ``claim``, ``evidence``, ``gold_label``, and copies of them as
``sentence1`` / ``sentence2`` / ``label`` / ``evid``; the reader checks that ``sentence1`` /
``sentence2`` / ``label`` agree with them). Splits:
``validation`` (708) and ``test`` (712), both balanced. Version 0.1
(``symmetric_v0.1/*.jsonl``: 956 + 717 pairs, an earlier release with no dev / test split) is
not read. The text
is tokenised as in FEVER ("Colombiana is a French film .").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, jsonl_rows, need
from stancer.exceptions import DataError

NLI_LABELS = ("SUPPORTS", "REFUTES")


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    path = need(folder, f"symmetric_v0.2/{file}")
    for number, row in enumerate(jsonl_rows(path), start=1):
        claim, evidence, label = row.get("claim"), row.get("evidence"), row.get("gold_label")
        if not isinstance(claim, str) or not isinstance(evidence, str) or label not in NLI_LABELS:
            raise DataError(
                f"{path}, row {number}: expected a claim, an evidence sentence and a gold_label "
                f"SUPPORTS or REFUTES, got {row!r:.120}"
            )
        copies = (row.get("sentence1"), row.get("sentence2"), row.get("label"))
        if copies != (evidence, claim, label):
            raise DataError(
                f"{path}, row {number}: sentence1 / sentence2 / label {copies!r:.120} disagree "
                "with evidence / claim / gold_label"
            )
        yield {
            "id": str(row["id"]),
            "text": evidence,
            "target": claim,
            "label": label,
            "task": "nli",
        }


BENCHMARK = Benchmark(
    name="fever_symmetric",
    description=(
        "FEVER Symmetric v0.2: FEVER claims (target) vs one evidence sentence (text), built so "
        "that the claim alone does not give the label away; SUPPORTS / REFUTES as favor / "
        "against; task = nli"
    ),
    splits={
        "validation": functools.partial(_read, file="fever_symmetric_dev.jsonl"),
        "test": functools.partial(_read, file="fever_symmetric_test.jsonl"),
    },
    metric="macro_f1",
    label_map={"SUPPORTS": "favor", "REFUTES": "against"},
    labels=("favor", "against"),
    domain="Wikipedia",
    target_type="claim",
    terms="CC BY-SA 3.0 (Wikipedia text); code MIT",
    citation=(
        "Schuster, Shah, Yeo, Filizzola, Santus, Barzilay. Towards Debiasing Fact Verification "
        "Models. EMNLP 2019"
    ),
    source="TalSchuster/FeverSymmetric @fa25d17e → symmetric_v0.2",
)
