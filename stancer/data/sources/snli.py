"""SNLI (as e-SNLI ships it): image-caption premises and crowd-written hypotheses, dev and test.

An inference set, read as stance: text = the premise (``s1``), target = the hypothesis (``s2``);
entailment → favor, contradiction → against, neutral → neutral. Every row has ``task`` = ``"nli"``.
Reads ``dataset/eSNLI/{s1,s2,labels}.{dev,test}``: three parallel files, one pair per line (line
*n* of each file is pair *n*). Splits: ``validation`` = SNLI dev (9842 pairs), ``test`` = SNLI test
(9824 pairs): every pair of SNLI dev / test with a gold label (pairs without annotator agreement,
gold ``-``, are not in these files). The train split is not in this copy. e-SNLI's explanations
(``preproc1_expl_*``) are not read.

Quirks: the text is tokenised as released ("Two women are embracing while holding to go packages
."); the trailing space every line has is stripped. The three files of a split must have the same
number of lines, else the reader fails naming them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, need, read_text
from stancer.exceptions import DataError

FOLDER = "dataset/eSNLI"
NLI_LABELS = ("entailment", "neutral", "contradiction")


def _lines(path: Path) -> list[str]:
    lines = read_text(path, ("utf-8",)).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    paths = [need(folder, f"{FOLDER}/{name}.{split}") for name in ("s1", "s2", "labels")]
    premises, hypotheses, labels = (_lines(path) for path in paths)
    if not len(premises) == len(hypotheses) == len(labels):
        raise DataError(
            f"snli: {', '.join(map(str, paths))} have {len(premises)}, {len(hypotheses)} and "
            f"{len(labels)} lines; expected one pair per line, the same number in each"
        )
    for number, (premise, hypothesis, label) in enumerate(
        zip(premises, hypotheses, labels, strict=True), start=1
    ):
        if label not in NLI_LABELS:
            raise DataError(
                f"{paths[2]}, line {number}: label {label!r}; expected one of {list(NLI_LABELS)}"
            )
        yield {
            "id": f"{split}-{number}",
            "text": premise.strip(),
            "target": hypothesis.strip(),
            "label": label,
            "task": "nli",
        }


BENCHMARK = Benchmark(
    name="snli",
    description=(
        "SNLI dev / test (as in e-SNLI): image-caption premise (text) vs hypothesis (target), "
        "entailment / contradiction / neutral as favor / against / neutral; tokenised; "
        "task = nli"
    ),
    splits={
        "validation": functools.partial(_read, split="dev"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"entailment": "favor", "contradiction": "against", "neutral": "neutral"},
    labels=("favor", "against", "neutral"),
    domain="image captions",
    target_type="claim",
    terms="SNLI CC BY-SA 4.0; e-SNLI repository MIT",
    citation=(
        "Bowman, Angeli, Potts, Manning. A large annotated corpus for learning natural language "
        "inference. EMNLP 2015; Camburu, Rocktäschel, Lukasiewicz, Blunsom. e-SNLI: Natural "
        "Language Inference with Natural Language Explanations. NeurIPS 2018"
    ),
    source="OanaMariaCamburu/e-SNLI @7b585a3f → dataset/eSNLI",
)
