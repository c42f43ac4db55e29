"""P-Stance: political tweets toward Donald Trump, Joe Biden and Bernie Sanders (favor / against).

Each split is the concatenation of the three per-target files ``raw_<split>_<target>.csv``
(columns ``Tweet, Target, Stance``). There is no neutral class. The paper reports F_avg
(mean F1 of favor and against) per target and their average over the three targets.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

#: File key → the target string the files use (already readable).
TARGETS = {"trump": "Donald Trump", "biden": "Joe Biden", "bernie": "Bernie Sanders"}


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    for key, target in TARGETS.items():
        file = f"raw_{split}_{key}.csv"
        for line, row in enumerate(csv_rows(need(folder, file), encodings=("utf-8-sig",)), 1):
            if row["Target"] != target:
                raise DataError(
                    f"pstance: {file}, row {line}: column 'Target' has {row['Target']!r}, "
                    f"expected {target!r} in every row of this per-target file"
                )
            yield {"text": row["Tweet"], "target": target, "label": row["Stance"]}


BENCHMARK = Benchmark(
    name="pstance",
    description="P-Stance: political tweets toward Donald Trump, Joe Biden and Bernie Sanders (favor/against, no neutral)",
    splits={
        "train": functools.partial(_read, split="train"),
        "validation": functools.partial(_read, split="val"),
        "test": functools.partial(_read, split="test"),
    },
    metric="f_avg_targets",
    label_map={"FAVOR": "favor", "AGAINST": "against"},
    labels=("favor", "against"),
    subsets={key: ("target", target) for key, target in TARGETS.items()},
    domain="tweets",
    target_type="entity",
    terms="research use; do not redistribute (the official data is given on request)",
    citation=(
        "Li, Sosea, Sawant, Nair, Inkpen, Caragea. P-Stance: A Large Dataset for Stance "
        "Detection in Political Domain. Findings of ACL-IJCNLP 2021"
    ),
    source="mirror in kvssk123/stance-detection-infusing-wiki-knowledge (official data on request from the authors)",
)
