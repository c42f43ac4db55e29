"""The seed article's quoted sentences, with gold stances toward four propositions (ships with stancer).

A row's ``text`` is what stancer classifies: the quoted sentence, or for a quoted fragment the
clause that reports it (the gold file's ``statement``; `stancer.news.reported.statement`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, need, read_text

_PACKAGE = Path(__file__).resolve().parents[2]
#: ``seeds/`` inside an installed wheel, else beside the package in a source checkout.
SEEDS_DIR = _PACKAGE / "seeds" if (_PACKAGE / "seeds").is_dir() else _PACKAGE.parent / "seeds"


#: The four propositions the seed is labelled toward.
SEED_TARGETS = (
    "Ukraine should be invited to join NATO now",
    "Ukraine will eventually become a member of NATO",
    "Western countries should increase military support for Ukraine",
    "Zelenskyy's Victory Plan should be adopted",
)


def _gold(folder: Path) -> Iterator[dict[str, Any]]:
    path = need(folder, "ukraine-nato-invitation-2024-10-18.gold.jsonl")
    for line in read_text(path).splitlines():
        if line.strip():
            row = json.loads(line)
            yield {
                **{k: row[k] for k in ("id", "target", "label", "speaker", "quote")},
                "text": row.get("statement", row["text"]),
            }


BENCHMARK = Benchmark(
    name="seed",
    description="The seed news article (Ukraine's NATO invitation, 2024-10-18): 11 quotes x 4 propositions",
    splits={"test": _gold},
    metric="macro_f1",
    label_map={"favor": "favor", "against": "against", "neutral": "neutral"},
    domain="news quotes",
    target_type="claim",
    terms="annotations by the stancer authors (Apache-2.0); the article text is quoted for research",
    citation="stancer seed set; see seeds/GUIDELINE.md",
    source="seeds/ in the stancer repository",
    default_dir=SEEDS_DIR,
)
