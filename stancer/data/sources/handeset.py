"""HanDeSeT: UK House of Commons debate speeches for or against the motion under debate.

Reads ``HanDeSeT.csv`` (comma-separated with a header; 1251 speeches on 134 motions, 129 debate
ids). Target = the ``motion`` ("That this House …", "That leave be given to bring in
a Bill …"), a proposition as the House words it. Text = the speaker's utterances ``utt1`` …
``utt5`` joined with single spaces: a speech has one to five utterances (579 have one), the
missing ones are empty cells and are skipped. Label = ``manual speech`` (the annotators' reading
of the speech): 1 → favor, 0 → against; there is no neutral class.

Extras: ``debate`` (the release's ``id``, which numbers debates, not speeches: it is not unique,
so the row id is the row number), ``title``, ``speaker``, ``party``, ``utterances`` (how many were
joined), ``vote_label`` (``vote speech``: the stance of the speaker's division vote, favor /
against, which differs from the manual label on 91 speeches), ``motion_polarity`` (``manual
motion``, 1 / 0) and ``government_motion`` (``govt/opp motion`` = 1). There is no official
split: the whole file is one ``train`` split, for training or cross-validation (folds by
``debate`` keep a motion out of the fold it is tested on).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

FILE = "HanDeSeT.csv"
UTTERANCES = tuple(f"utt{i}" for i in range(1, 6))
_BINARY = ("0", "1")
_VOTE = {"1": "favor", "0": "against"}


def _train(folder: Path) -> Iterator[dict[str, Any]]:
    path = need(folder, FILE)
    for number, row in enumerate(csv_rows(path, encodings=("utf-8",)), start=1):
        if None in row or None in row.values():
            raise DataError(f"{path}, row {number}: expected 16 comma-separated columns")
        for column in ("manual speech", "vote speech", "manual motion", "govt/opp motion"):
            if row[column] not in _BINARY:
                raise DataError(
                    f"{path}, row {number}: column {column!r} has {row[column]!r}; expected 1 or 0"
                )
        utterances = [row[c].strip() for c in UTTERANCES if row[c].strip()]
        if not utterances:
            raise DataError(f"{path}, row {number}: utt1 … utt5 are all empty; expected a speech")
        yield {
            "id": str(number),
            "text": " ".join(utterances),
            "target": row["motion"].strip(),
            "label": row["manual speech"],
            "debate": row["id"],
            "title": row["title"],
            "speaker": row["name"],
            "party": row["party affiliation"],
            "utterances": len(utterances),
            "vote_label": _VOTE[row["vote speech"]],
            "motion_polarity": int(row["manual motion"]),
            "government_motion": row["govt/opp motion"] == "1",
        }


BENCHMARK = Benchmark(
    name="handeset",
    description=(
        "HanDeSeT: 1251 UK House of Commons speeches (up to five utterances each) for or against "
        "the motion under debate (134 motions); favor / against only; no official split (one "
        "train split, for training or cross-validation)"
    ),
    splits={"train": _train},
    metric="macro_f1",
    label_map={"1": "favor", "0": "against"},
    labels=("favor", "against"),
    domain="parliamentary debates",
    target_type="claim",
    terms="CC BY 4.0 (original release)",
    citation=(
        "Abercrombie, Batista-Navarro. A Sentiment-labelled Corpus of Hansard Parliamentary "
        "Debate Speeches. ParlaCLARIN 2018"
    ),
    source="MartinWehking/DeepSeminar @2d60d2a6 → HanDeSeT.csv",
)
