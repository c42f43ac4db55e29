"""Multi-target stance (Sobhani et al. 2017): 2016 US election tweets toward pairs of candidates.

This is MAGPIE's preprocessed copy: only the tweets that could still be rehydrated, each tweet
split into one row per target of its pair (Trump-Clinton, Trump-Cruz, Clinton-Sanders), with the
target prepended to the text as ``"<target>. <tweet>"``. The reader moves that prefix into
``target`` (spelling ``Hilary Clinton`` as ``Hillary Clinton``) and fails on a row without one.
Labels: MAGPIE's ``{AGAINST: -1, NONE: 0, FAVOR: 1}`` shifted by one, so 0 = against,
1 = neutral, 2 = favor (checked against the tweets). A few tweets recur in more than one pair,
some with conflicting labels; the rows are kept as released.

There is no official split: the whole file is one ``train`` split, for training or
cross-validation only. Sobhani et al. score F_avg per target, averaged over targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

FILE = "magpie_125_MultiTargetStance_preprocessed.csv"

#: The text's target prefix → the target.
TARGETS = {
    "Donald Trump": "Donald Trump",
    "Hilary Clinton": "Hillary Clinton",
    "Bernie Sanders": "Bernie Sanders",
    "Ted Cruz": "Ted Cruz",
}

_PREFIX = re.compile("^(" + "|".join(map(re.escape, TARGETS)) + r")\. ")


def _train(folder: Path) -> Iterator[dict[str, Any]]:
    for line, row in enumerate(csv_rows(need(folder, FILE), encodings=("utf-8-sig",)), start=1):
        match = _PREFIX.match(row["text"])
        if match is None:
            raise DataError(
                f"multitarget_sobhani: {FILE}, row {line}: column 'text' does not start with "
                f"one of the targets {sorted(TARGETS)} and '. ' ({row['text'][:40]!r})"
            )
        yield {
            "text": row["text"][match.end() :],
            "target": TARGETS[match.group(1)],
            "label": row["label"],
        }


BENCHMARK = Benchmark(
    name="multitarget_sobhani",
    description="Multi-target stance (Sobhani et al.): election tweets toward Trump, Clinton, Cruz, Sanders; no official split, all 4430 rows in one train split (train or cross-validate only)",
    splits={"train": _train},
    metric="f_avg_targets",
    label_map={"2": "favor", "0": "against", "1": "neutral"},
    domain="tweets",
    target_type="entity",
    terms="research use",
    citation="Sobhani, Inkpen, Zhu. A Dataset for Multi-Target Stance Detection. EACL 2017",
    source="Media-Bias-Group/magpie-multi-task @d9d21648 → datasets/125_MultiTargetStance (MAGPIE's rehydrated, preprocessed copy)",
)
