"""Synthetic quotes: news-style statements written for stancer on 275 topics, with labels.

Reads ``{train,validation}.jsonl`` (split by topic; none about Ukraine, Russia, NATO, climate,
energy or vaccines). The statements are invented, so they train and help select models but never
count in a figure about real text. Extras: topic, speaker and ``phenomenon`` (the device the
statement uses: hedging, negation, sarcasm, institutional refusal, …), which is for analysis only
and must never be fed to a model.
"""

from __future__ import annotations

import functools

from stancer.data.registry import Benchmark, jsonl_split

_COLUMNS = ("id", "text", "target", "label", "topic", "speaker", "phenomenon")


BENCHMARK = Benchmark(
    name="synthetic_quotes",
    description=(
        "3000 news-style statements written for stancer on 275 topics, labelled toward a "
        "proposition (invented text: for training and selection, never for a real-text figure)"
    ),
    splits={
        s: functools.partial(jsonl_split, split=s, columns=_COLUMNS)
        for s in ("train", "validation")
    },
    metric="macro_f1",
    label_map={"favor": "favor", "against": "against", "neutral": "neutral"},
    domain="synthetic news quotes",
    target_type="claim",
    terms="written for stancer",
    citation="stancer synthetic quotes (model-written)",
    source="made for stancer",
)
