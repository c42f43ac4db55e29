"""NewsMTSC: sentiment of US political news sentences toward the persons they mention (auxiliary).

This is target-dependent *sentiment*, not stance toward a proposition: an auxiliary set, for
multi-task training or probing how a model reads attitudes toward people in news prose. Every row
carries ``task`` = ``"sentiment"`` so that it can be told apart in a mixture.

Reads ``{train,devtest_mt,devtest_rw}.jsonl`` in ``NewsSentiment/controller_data/datasets/
NewsMTSC-dataset/`` (one JSON object per sentence: ``sentence_normalized``, ``primary_gid``,
``targets``). One row per target: text = the sentence, target = the target's ``mention`` (the
text of its character span ``from`` … ``to``, kept in ``start`` / ``end``; the reader checks that
the span holds the mention).
Labels: polarity 2.0 (negative) → against, 4.0 (neutral) → neutral, 6.0 (positive) → favor; the
raw label is the polarity as ``"2"`` / ``"4"`` / ``"6"``.

Splits keep the release's names: ``train`` (7758 sentences, 8739 targets), ``devtest_mt`` (721
sentences with at least two target mentions, 1476 targets) and ``devtest_rw`` (1067 sentences
sampled to resemble real-world news, 1146 targets): the release suggests ``devtest_mt`` to score
sentences with several targets and ``devtest_rw`` for real-world performance; there is no separate
validation file.

Quirks: ``further_mentions`` (automatic coreference) are not read; the annotators labelled the main
mention only. A sentence can name the same mention twice at different spans, and 19 train
sentences occur twice, so (text, target) is not unique (67 repeats in train, 3 in devtest_mt); the
row id is the target's ``Input.gid``, which is unique.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, jsonl_rows, need
from stancer.exceptions import DataError

FOLDER = "NewsSentiment/controller_data/datasets/NewsMTSC-dataset"
#: The release's polarities (2.0 negative, 4.0 neutral, 6.0 positive) → the raw label.
POLARITY = {2.0: "2", 4.0: "4", 6.0: "6"}


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    path = need(folder, f"{FOLDER}/{file}")
    for number, row in enumerate(jsonl_rows(path), start=1):
        sentence, targets = row.get("sentence_normalized"), row.get("targets")
        if not isinstance(sentence, str) or not isinstance(targets, list) or not targets:
            raise DataError(
                f"{path}, row {number}: expected 'sentence_normalized' (a string) and 'targets' "
                "(a non-empty list)"
            )
        for target in targets:
            try:
                gid, start, end = target["Input.gid"], target["from"], target["to"]
                mention, polarity = target["mention"], target["polarity"]
            except (KeyError, TypeError):
                raise DataError(
                    f"{path}, row {number}: a target lacks Input.gid, from, to, mention or "
                    f"polarity: {target!r:.120}"
                ) from None
            if polarity not in POLARITY:
                raise DataError(
                    f"{path}, row {number}, target {gid!r}: polarity {polarity!r}; expected 2, 4 "
                    "or 6"
                )
            if not isinstance(start, int) or sentence[start:end] != mention:
                raise DataError(
                    f"{path}, row {number}, target {gid!r}: characters {start}…{end} of the "
                    f"sentence are {sentence[start:end]!r}, not the mention {mention!r}"
                )
            yield {
                "id": gid,
                "text": sentence,
                "target": mention,
                "label": POLARITY[polarity],
                "task": "sentiment",
                "sentence_id": row["primary_gid"],
                "start": start,
                "end": end,
                "targets_in_sentence": len(targets),
            }


BENCHMARK = Benchmark(
    name="newsmtsc",
    description=(
        "NewsMTSC (auxiliary, sentiment not stance): sentiment of US political news sentences "
        "toward each person mention, negative / neutral / positive as against / neutral / favor; "
        "devtest_mt = sentences with several targets, devtest_rw = real-world sample (main test)"
    ),
    splits={
        "train": functools.partial(_read, file="train.jsonl"),
        "devtest_mt": functools.partial(_read, file="devtest_mt.jsonl"),
        "devtest_rw": functools.partial(_read, file="devtest_rw.jsonl"),
    },
    metric="macro_f1",
    label_map={"2": "against", "4": "neutral", "6": "favor"},
    labels=("favor", "against", "neutral"),
    domain="news",
    target_type="entity",
    terms="MIT",
    citation=(
        "Hamborg, Donnay. NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment "
        "Classification in Political News Articles. EACL 2021"
    ),
    source="fhamborg/NewsMTSC @b9d9b797 → NewsSentiment/controller_data/datasets/NewsMTSC-dataset",
)
