"""IBM Debater Claim Stance: Wikipedia claims, PRO or CON a debate motion ("This house ...").

The text is ``claims.claimCorrectedText``, the release's corrected claim: the article span
edited to read as a stand-alone sentence (pronouns resolved, fragments completed; 677 of the 2394
differ). The verbatim span ``claims.claimOriginalText`` is kept as the extra ``claim_original``.
The target is ``topicText``, the full debate motion. Train/test come from the release's ``split``
column (25 train and 30 test motions, disjoint).

Quirks: the only public copy had been broken by a spreadsheet; the folder holds a repaired copy
with all 2394 claims (CRLF line endings, UTF-8). One claim (id 23725) holds a line break inside
the text; it is kept as released.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

_FILE = "claim_stance_dataset_v1.repaired.csv"


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    path = need(folder, _FILE)
    for number, row in enumerate(csv_rows(path), start=1):
        if row["split"] not in ("train", "test"):
            raise DataError(
                f"{path}, row {number}: column 'split' has {row['split']!r}; expected 'train' or 'test'"
            )
        if row["split"] != split:
            continue
        yield {
            "id": row["claims.claimId"],
            "text": row["claims.claimCorrectedText"],
            "target": row["topicText"],
            "label": row["claims.stance"],
            "topic_id": int(row["topicId"]),
            "topic_target": row["topicTarget"],
            "claim_original": row["claims.claimOriginalText"],
        }


BENCHMARK = Benchmark(
    name="ibm_claim_stance",
    description=(
        "IBM Debater Claim Stance: 2394 Wikipedia claims, PRO/CON toward 55 debate motions "
        "('This house ...'); train and test motions are disjoint"
    ),
    splits={
        "train": functools.partial(_read, split="train"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"PRO": "favor", "CON": "against"},
    labels=("favor", "against"),
    domain="wikipedia claims",
    target_type="topic",
    terms="CC BY-SA 3.0",
    citation=(
        "Bar-Haim, Bhattacharya, Dinuzzo, Saha, Slonim. Stance Classification of Context-Dependent "
        "Claims. EACL 2017"
    ),
    source=(
        "IBM Debater Claim Stance Dataset v1; a repaired copy of the file in "
        "nicobari30/argumentativeRelationClaimPolarityDataset @02058a81"
    ),
)
