"""DocNLI's binary MNLI and FEVER-NLI sets: entailment vs not-entailment, as its authors made them.

An inference set, read as stance: text = the premise, target = the hypothesis. The labels are
binary: ``entailment`` → favor, and ``not_entailment`` (contradiction and neutral merged by the
authors) stays its own label ``not_entailment``: it cannot be split back into against / neutral,
so the set's labels are ``("favor", "not_entailment")``. A three-way stance model's against and
neutral both correspond to not_entailment: score it after merging them (nothing merges them
here). Every row has ``task`` = ``"nli"``.

Reads ``Data/binary-{MNLI,FEVER-NLI}/{dev,test}.txt`` (tab-separated, no header: label, premise,
hypothesis; no quoting). Splits:

- ``mnli_validation`` (6647) / ``mnli_test`` (13000): binary MultiNLI. The two files are not
  MultiNLI's matched / mismatched sets: together (19647 pairs) they are MultiNLI's dev matched +
  mismatched (9815 + 9832), re-split by the DocNLI authors. MultiNLI's genres include government
  reports, Slate articles, fiction and transcribed telephone speech;
- ``fever_validation`` (8209) / ``fever_test`` (10000): FEVER claims (hypothesis) vs Wikipedia
  evidence (premise: tokenised sentences, each page's title before its sentences).

The DocNLI training data itself (a separate download) is not in this copy.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, need, read_text
from stancer.exceptions import DataError

NLI_LABELS = ("entailment", "not_entailment")


def _read(folder: Path, relative: str) -> Iterator[dict[str, Any]]:
    path = need(folder, relative)
    lines = read_text(path, ("utf-8",)).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    stem = relative.removeprefix("Data/binary-").removesuffix(".txt").replace("/", "-")
    for number, line in enumerate(lines, start=1):
        cells = line.rstrip("\r").split("\t")
        if len(cells) != 3 or cells[0] not in NLI_LABELS:
            raise DataError(
                f"{path}, line {number}: expected 3 tab-separated columns (entailment or "
                f"not_entailment, premise, hypothesis), got {line[:120]!r}"
            )
        label, premise, hypothesis = cells
        yield {
            "id": f"{stem}-{number}",
            "text": premise,
            "target": hypothesis,
            "label": label,
            "task": "nli",
        }


BENCHMARK = Benchmark(
    name="docnli",
    description=(
        "DocNLI's binary MNLI and FEVER-NLI: premise (text) vs hypothesis (target), entailment "
        "as favor and not_entailment kept as its own label (contradiction and neutral merged "
        "at the source); mnli_* = MultiNLI dev re-split, fever_* = FEVER; task = nli"
    ),
    splits={
        "mnli_validation": functools.partial(_read, relative="Data/binary-MNLI/dev.txt"),
        "mnli_test": functools.partial(_read, relative="Data/binary-MNLI/test.txt"),
        "fever_validation": functools.partial(_read, relative="Data/binary-FEVER-NLI/dev.txt"),
        "fever_test": functools.partial(_read, relative="Data/binary-FEVER-NLI/test.txt"),
    },
    metric="macro_f1",
    label_map={"entailment": "favor", "not_entailment": "not_entailment"},
    labels=("favor", "not_entailment"),
    domain="mixed prose (MultiNLI genres) and Wikipedia",
    target_type="claim",
    terms="BSD-3-Clause (repository); MultiNLI and FEVER text under their own licences",
    citation=(
        "Yin, Radev, Xiong. DocNLI: A Large-scale Dataset for Document-level Natural Language "
        "Inference. Findings of ACL 2021"
    ),
    source="salesforce/DocNLI @492992a4 → Data/binary-MNLI, Data/binary-FEVER-NLI",
)
