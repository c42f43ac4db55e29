"""Fool Me Twice (FM2): claims written in a game to fool other players, with Wikipedia evidence.

An inference set, read as stance: text = the gold evidence (the ``text`` of every
``gold_evidence`` sentence the writer chose, one or two, joined with single spaces in the
release's order), target = the claim (the row's ``text``); SUPPORTS → favor, REFUTES → against
(no neutral class). Every row has ``task`` = ``"nli"``. The ``retrieved_evidence`` sentences (a
retriever's candidates, which may miss the gold ones) are not read.

Reads ``dataset/{dev,test}.jsonl`` (one JSON object per claim). Splits: ``validation`` (1169 claims
on 209 Wikipedia pages) and ``test`` (1380 on 234 pages); the train file is not in this copy.
Extras: ``wikipedia_page``, ``category`` (the game's topic category), ``correct_votes`` and
``total_votes`` (how many players saw through the claim, of how many who voted: a measure of how
hard it is) and ``id``. As released, test has one (claim, evidence) pair twice, under two ids.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, jsonl_rows, need
from stancer.exceptions import DataError

NLI_LABELS = ("SUPPORTS", "REFUTES")


def _evidence(row: dict[str, Any]) -> str | None:
    sentences = row.get("gold_evidence")
    if not isinstance(sentences, list) or not sentences:
        return None
    texts = [s.get("text") if isinstance(s, dict) else None for s in sentences]
    if not all(isinstance(t, str) and t.strip() for t in texts):
        return None
    return " ".join(t.strip() for t in texts if t)


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    path = need(folder, f"dataset/{file}")
    for number, row in enumerate(jsonl_rows(path), start=1):
        evidence, claim, label = _evidence(row), row.get("text"), row.get("label")
        if evidence is None or not isinstance(claim, str) or label not in NLI_LABELS:
            raise DataError(
                f"{path}, row {number}: expected a claim ('text'), a non-empty gold_evidence "
                f"list of sentences with text, and a label SUPPORTS or REFUTES, got {row!r:.160}"
            )
        votes = (row.get("correct_votes"), row.get("total_votes"))
        if not all(isinstance(v, int) for v in votes):
            raise DataError(
                f"{path}, row {number}: correct_votes / total_votes {votes!r}; expected integers"
            )
        yield {
            "id": str(row["id"]),
            "text": evidence,
            "target": claim,
            "label": label,
            "task": "nli",
            "wikipedia_page": str(row.get("wikipedia_page", "")),
            "category": str(row.get("category", "")),
            "correct_votes": votes[0],
            "total_votes": votes[1],
        }


BENCHMARK = Benchmark(
    name="fm2",
    description=(
        "Fool Me Twice: claims (target) written to fool players vs the gold Wikipedia evidence "
        "sentences (text), SUPPORTS / REFUTES as favor / against; task = nli"
    ),
    splits={
        "validation": functools.partial(_read, file="dev.jsonl"),
        "test": functools.partial(_read, file="test.jsonl"),
    },
    metric="macro_f1",
    label_map={"SUPPORTS": "favor", "REFUTES": "against"},
    labels=("favor", "against"),
    domain="Wikipedia",
    target_type="claim",
    terms="CC BY-SA 3.0",
    citation=(
        "Eisenschlos, Dhingra, Bulian, Börschinger, Boyd-Graber. Fool Me Twice: Entailment from "
        "Wikipedia Gamification. NAACL 2021"
    ),
    source="google-research/fool-me-twice @d9db753e → dataset",
)
