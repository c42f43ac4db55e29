"""BASIL stance: every sentence of news articles on 78 US political events, toward propositions.

Reads ``{train,validation,test}.jsonl``: the first 35 sentences of BASIL's articles (2010–2019, the
same event in the New York Times, HuffPost and Fox News), each toward three propositions written
for the event; splits by event. Silver labels by a language model following ``GUIDELINE.md``
(44/44 on the seed gold): a reported view gets the reported person's stance, the journalist's own
sentences what they express; about 80% neutral. Extras: article, event, outlet, date, proposition
slot.
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
    "event",
    "outlet",
    "date",
    "proposition_slot",
)


BENCHMARK = Benchmark(
    name="basil_stance",
    description=(
        "Every sentence (first 35) of BASIL's news articles on 78 US political events, three "
        "outlets each, toward three propositions per event (silver labels, ~80% neutral)"
    ),
    splits={
        s: functools.partial(jsonl_split, split=s, columns=_COLUMNS)
        for s in ("train", "validation", "test")
    },
    metric="macro_f1",
    label_map={"favor": "favor", "against": "against", "neutral": "neutral"},
    domain="news",
    target_type="claim",
    terms="BASIL's article text is research data; labels and propositions written for stancer",
    citation=(
        "Fan et al. In Plain Sight: Media Bias Through the Lens of Factual Reporting. EMNLP 2019; "
        "labels: stancer (silver, model-made, see GUIDELINE.md)"
    ),
    source="made for stancer from launchnlp/BASIL @4fdbc4f6",
)
