"""PolNeAR stance: statements attributed to people in 2016 US political news, toward propositions.

Reads ``{train,validation,test}.jsonl``: the content spans of PolNeAR's attributions (its train
split's articles, split again by article), each toward the three propositions written for its
article. Silver labels: a language model labelled them following the ``GUIDELINE.md`` beside the
files (checks in its README: 44/44 on the seed gold; kappa 0.91 against a second run). About 80%
neutral, as real articles are. Extras: the article id, PolNeAR's source and cue spans, whether
the quote is direct, the content's character offsets in the PolNeAR article and the proposition
slot (1 the article's central claim, 3 one that few statements address).
"""

from __future__ import annotations

import functools

from stancer.data.registry import Benchmark, jsonl_split

_COLUMNS = (
    "id",
    "text",
    "target",
    "label",
    "article",
    "source",
    "cue",
    "direct",
    "start",
    "end",
    "proposition_slot",
)


BENCHMARK = Benchmark(
    name="polnear_stance",
    description=(
        "Statements attributed to people in PolNeAR's 2016 US political news, each toward three "
        "propositions written for its article (silver labels, ~80% neutral)"
    ),
    splits={
        s: functools.partial(jsonl_split, split=s, columns=_COLUMNS)
        for s in ("train", "validation", "test")
    },
    metric="macro_f1",
    label_map={"favor": "favor", "against": "against", "neutral": "neutral"},
    domain="news quotes",
    target_type="claim",
    terms="PolNeAR's news text is research data; labels and propositions written for stancer",
    citation=(
        "Newell, Margolin, Ruths. An Attribution Relations Corpus for Political News. LREC 2018; "
        "labels: stancer (silver, model-made, see GUIDELINE.md)"
    ),
    source="made for stancer from networkdynamics/PolNeAR @c3eee833 (train split)",
)
