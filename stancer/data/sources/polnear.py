"""PolNeAR: who said what in 1008 US political news articles (an attribution benchmark)."""

from __future__ import annotations

from functools import partial

from stancer.data.polnear import SPLITS, load_polnear
from stancer.data.registry import Benchmark

BENCHMARK = Benchmark(
    name="polnear",
    description="PolNeAR: every attribution (source, cue, content) in 1008 US political news articles",
    splits={split: partial(load_polnear, split=split) for split in SPLITS},
    metric="direct/overlap_f1",
    label_map={},
    labels=(),
    domain="news",
    target_type="",
    terms="research use (news texts with the annotators' spans)",
    citation="Newell, Margolin & Ruths. An Attribution Relations Corpus for Political News. LREC 2018",
    source="https://github.com/networkdynamics/PolNeAR",
    task="attribution",
)
