"""MPCHI: sentences of health web and news articles toward four medical questions.

Reads ``Data_MPCHI/{HRT,EC,SC,VC}/{train,test}.txt`` (tab-separated: id, question, sentence,
FAVOR / AGAINST / NONE; each test file opens with a header row). The release has no validation
split: ``validation`` is a fifth of each topic's training rows (by a hash of topic and id) and
``train`` the rest. The target is the question as a proposition
(`stancer.data.propositions.question_to_proposition`: "Should women take HRT post-menopause?" →
"Women should take HRT post-menopause"); the question is kept in ``question`` and the topic code in
``topic``. The release's MMR-vaccine topic is left out of this copy.

Quirk: two lines of ``SC/train.txt`` hold two rows each, the first of which lost its label and its
line break (``…many different ways.300<TAB>Does Sunlight…``); the labelled second row is read (with
its own id) and the unlabelled first one cannot be, so the split has one row per line (236).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.propositions import question_to_proposition
from stancer.data.registry import Benchmark, need, read_text
from stancer.exceptions import DataError

TOPICS = ("HRT", "EC", "SC", "VC")


def _in_validation(topic: str, row_id: str) -> bool:
    return hashlib.sha1(f"{topic}:{row_id}".encode()).digest()[0] % 5 == 0


def _read(folder: Path, file: str, part: str | None = None) -> Iterator[dict[str, Any]]:
    for topic in TOPICS:
        path = need(folder, f"Data_MPCHI/{topic}/{file}")
        for number, line in enumerate(read_text(path, ("utf-8",)).splitlines(), start=1):
            cells = line.split("\t")
            if cells == ["ID", "Target", "Tweet", "Stance"] or not line.strip():
                continue
            if len(cells) == 6:  # two rows run together; the first lost its label (see above)
                glued = re.search(r"(\d+)$", cells[2])
                if glued is None:
                    raise DataError(f"{path}, line {number}: 6 columns, expected 4")
                cells = [glued.group(1), *cells[3:]]
            if len(cells) != 4:
                raise DataError(
                    f"{path}, line {number}: expected 4 tab-separated columns (id, question, "
                    f"sentence, stance), got {len(cells)}"
                )
            row_id, question, sentence, label = cells
            if part is not None and _in_validation(topic, row_id) != (part == "validation"):
                continue
            yield {
                "id": f"{topic}-{file.removesuffix('.txt')}-{row_id}",
                "text": sentence,
                "target": question_to_proposition(question),
                "label": label,
                "question": question,
                "topic": topic,
            }


BENCHMARK = Benchmark(
    name="mpchi",
    description=(
        "MPCHI: health web / news sentences for, against or neutral toward four medical questions "
        "(HRT, e-cigarettes, sunlight and skin cancer, vitamin C), as propositions"
    ),
    splits={
        "train": functools.partial(_read, file="train.txt", part="train"),
        "validation": functools.partial(_read, file="train.txt", part="validation"),
        "test": functools.partial(_read, file="test.txt"),
    },
    metric="macro_f1",
    label_map={"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
    domain="health web and news",
    target_type="claim",
    terms="research use",
    citation=(
        "Sen, Sinha, Kumar, Mondal, Ghosh. Stance Classification of Multi-Perspective Consumer "
        "Health Information. CoDS-COMAD 2018"
    ),
    source="prajwal1210/Stance-Detection-in-Web-and-Social-Media @c646b505 → Preprocessing/Data_MPCHI",
)
