"""Counterfactually-augmented SNLI (Kaushik et al.): SNLI pairs and minimal edits that flip them.

An inference set, read as stance: text = the premise (``sentence1``), target = the hypothesis
(``sentence2``); entailment → favor, contradiction → against, neutral → neutral. Every row has
``task`` = ``"nli"``. Reads ``NLI/<variant>/{train,dev,test}.tsv`` (tab-separated with a header
``sentence1``, ``sentence2``, ``gold_label``; cells holding quotes are CSV-quoted, so the files are
read with CSV quoting).

Splits:

- ``train`` / ``validation`` / ``test`` = ``all_combined`` (8330 / 1000 / 2000): each sampled SNLI
  pair with its four revisions, two of the premise and two of the hypothesis, each edited to
  reach one of the other two labels;
- ``original_train`` / ``original_validation`` / ``original_test`` = ``original`` (1666 / 200 /
  400): the sampled SNLI pairs alone, the baseline the paper compares with.

``all_combined`` is the union of ``original``, ``revised_premise`` and ``revised_hypothesis``
(``revised_combined`` is the two revised sets), so those files are not read again. Row ids are
``<variant>-<file>-<row>``. As released, ``all_combined`` dev repeats one pair and test two (a
revision identical to another pair), and one test pair differs from its ``original`` /
``revised_*`` copy by a missing space (",then"); rows are kept as released.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

NLI_LABELS = ("entailment", "neutral", "contradiction")


def _read(folder: Path, variant: str, file: str) -> Iterator[dict[str, Any]]:
    path = need(folder, f"NLI/{variant}/{file}")
    rows = csv_rows(path, encodings=("utf-8",), delimiter="\t")
    for number, row in enumerate(rows, start=1):
        if None in row or None in row.values() or row.get("gold_label") not in NLI_LABELS:
            raise DataError(
                f"{path}, row {number}: expected sentence1, sentence2 and a gold_label among "
                f"{list(NLI_LABELS)}, got {row!r:.120}"
            )
        yield {
            "id": f"{variant}-{file.removesuffix('.tsv')}-{number}",
            "text": row["sentence1"],
            "target": row["sentence2"],
            "label": row["gold_label"],
            "task": "nli",
        }


BENCHMARK = Benchmark(
    name="cad_snli",
    description=(
        "Counterfactually-augmented SNLI: SNLI pairs plus minimal premise / hypothesis edits that "
        "flip the label, premise (text) vs hypothesis (target) as favor / against / neutral; "
        "train / validation / test = all_combined, original_* = the unrevised pairs; task = nli"
    ),
    splits={
        "train": functools.partial(_read, variant="all_combined", file="train.tsv"),
        "validation": functools.partial(_read, variant="all_combined", file="dev.tsv"),
        "test": functools.partial(_read, variant="all_combined", file="test.tsv"),
        "original_train": functools.partial(_read, variant="original", file="train.tsv"),
        "original_validation": functools.partial(_read, variant="original", file="dev.tsv"),
        "original_test": functools.partial(_read, variant="original", file="test.tsv"),
    },
    metric="macro_f1",
    label_map={"entailment": "favor", "contradiction": "against", "neutral": "neutral"},
    labels=("favor", "against", "neutral"),
    domain="image captions",
    target_type="claim",
    terms="Apache-2.0 (repository); SNLI text CC BY-SA 4.0",
    citation=(
        "Kaushik, Hovy, Lipton. Learning the Difference that Makes a Difference with "
        "Counterfactually-Augmented Data. ICLR 2020"
    ),
    source="acmi-lab/counterfactually-augmented-data @6f232a1d → NLI",
)
