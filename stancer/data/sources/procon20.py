"""ProCon20: ProCon.org pro and con paragraphs toward 419 yes/no questions on contemporary issues.

Reads ``data/ProconDual/{train,dev,test}.tsv`` (tab-separated, no header: label, question,
paragraph; paragraphs that hold quotes are CSV-quoted with doubled inner quotes, so the files are
read with CSV quoting, which unquotes them). Text = the paragraph (an argument, often a quote of
an official or expert). Labels: ``01`` pro → favor, ``10`` con → against; no neutral class.
Splits: ``train`` / ``validation`` / ``test`` = the release's train / dev / test (4265 / 610 /
1219 rows).

The target is the question as a proposition (`stancer.data.propositions.question_to_proposition`:
"Should the US have attacked Iraq?" → "The US should have attacked Iraq"); the question exactly as
released is kept in ``question``. Before the rule is applied the release's suffixes are taken off:

- a ProCon verdict on 61 factual Obamacare questions, ``"…? – YES"`` / ``"… - NO"`` /
  ``"… - DEBATED"`` (en dash or hyphen), is removed and kept in ``answer`` (``YES``, ``NO``,
  ``DEBATED``; empty for the other questions). It is ProCon's reading of the facts, not a label:
  pro still means "yes" to the question;
- a page title suffix ``" - Top 3 Pros and Cons"`` / ``": Top 3 Pros & Cons"`` (24 questions) is
  removed. 18 of them (110 rows) are topic headings, not questions (``"Zoos - Top 3 Pros and
  Cons"``): their target is the topic (``"Zoos"``), and ``form`` is ``topic`` (else ``question``).

Questions the rule cannot parse (``Did …``, ``Has …``, a leading clause ``"Under Obamacare, Are
…"``, verbs of Title Case questions it cannot find) get the rule's fallback form, ``"The answer to
the question '<question>' is yes"``, so that every yes/no target is a proposition; that includes
the one wh-question, ``"What Are the Pros and Cons of Milk's Effect on Cancer?"`` (18 rows), whose
pro / con paragraphs argue for or against milk.

Quirks: the split is by row, not by question (334 of the 336 test questions occur in train);
175 test rows and 86 dev rows repeat a (question, paragraph) pair of train, and train holds 306
repeated pairs (never with different labels). All rows are kept as released.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.propositions import question_to_proposition
from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

LABELS = ("01", "10")
_COLUMNS = ["label", "question", "paragraph"]

#: ``"Does Obamacare Raise Any Federal Taxes? - YES"``: ProCon's verdict after the question.
_ANSWER = re.compile(r"\?\s*[-–]\s*(YES|NO|DEBATED)\s*$")
#: ``"Zoos - Top 3 Pros and Cons"``, ``"Police Body Cameras: Top 3 Pros and Cons"``.
_HEADING = re.compile(r"\s*[-–:]\s*Top \d+ Pros (?:and|&) Cons\s*$")


def target_of(question: str) -> tuple[str, str, str]:
    """(target, answer, form) of a released question (see the module docstring)."""
    text, answer = question.strip(), ""
    verdict = _ANSWER.search(text)
    if verdict is not None:
        text, answer = text[: verdict.start()] + "?", verdict.group(1)
    text = _HEADING.sub("", text)
    if not text.endswith("?"):
        return text, answer, "topic"
    return question_to_proposition(text), answer, "question"


def _read(folder: Path, file: str) -> Iterator[dict[str, Any]]:
    path = need(folder, f"data/ProconDual/{file}")
    rows = csv_rows(path, encodings=("utf-8",), delimiter="\t", fieldnames=_COLUMNS)
    for number, row in enumerate(rows, start=1):
        if None in row or None in row.values() or row["label"] not in LABELS:
            raise DataError(
                f"{path}, row {number}: expected 3 tab-separated columns (label 01 or 10, "
                f"question, paragraph), got {row!r:.120}"
            )
        label, question, paragraph = row["label"], row["question"], row["paragraph"]
        target, answer, form = target_of(question)
        yield {
            "id": f"{file.removesuffix('.tsv')}-{number}",
            "text": paragraph,
            "target": target,
            "label": label,
            "question": question,
            "answer": answer,
            "form": form,
        }


BENCHMARK = Benchmark(
    name="procon20",
    description=(
        "ProCon20: ProCon.org pro / con paragraphs (many quoting officials and experts) toward 419 "
        "yes/no policy questions as propositions; favor / against only; split by row, so test "
        "questions also occur in train"
    ),
    splits={
        "train": functools.partial(_read, file="train.tsv"),
        "validation": functools.partial(_read, file="dev.tsv"),
        "test": functools.partial(_read, file="test.tsv"),
    },
    metric="macro_f1",
    label_map={"01": "favor", "10": "against"},
    labels=("favor", "against"),
    domain="debate arguments",
    target_type="claim",
    terms="code MIT; the ProCon.org text for research only",
    citation=(
        "Hosseinia, Dragut, Mukherjee. Stance Prediction for Contemporary Issues: Data and "
        "Experiments. SocialNLP 2020"
    ),
    source="marjanhs/procon20 @c49ad38a → data/ProconDual",
)
