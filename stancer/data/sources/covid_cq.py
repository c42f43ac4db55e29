"""COVID-CQ: tweets on (hydroxy)chloroquine as a treatment for COVID-19 (favor / against / neutral).

The annotators judged each tweet's stance toward the claim that chloroquine / hydroxychloroquine
cures or prevents COVID-19; the files name the target ``hcq``, read here as
``hydroxychloroquine``. The train / validation / test split was made by later authors (He,
Mokhberian, Lerman 2022), not by the dataset's authors. Their code scores the three classes with
the macro-averaged F1, hence ``macro_f1``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

TARGET = "hydroxychloroquine"


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    file = f"hcq_{split}.csv"
    for line, row in enumerate(csv_rows(need(folder, file), encodings=("utf-8-sig",)), start=1):
        if row["Target"] != "hcq":
            raise DataError(
                f"covid_cq: {file}, row {line}: column 'Target' has {row['Target']!r}, expected "
                "'hcq' (hydroxychloroquine) in every row"
            )
        yield {
            "id": row["id"],
            "text": row["Tweet"],
            "target": TARGET,
            "label": row["Stance"],
            "date": row["date"],
        }


BENCHMARK = Benchmark(
    name="covid_cq",
    description="COVID-CQ: tweets on hydroxychloroquine as a COVID-19 treatment; splits made by later authors",
    splits={
        "train": functools.partial(_read, split="train"),
        "validation": functools.partial(_read, split="val"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
    domain="tweets",
    target_type="entity",
    terms="tweets; research use (no licence file in the mirror)",
    citation=(
        "Mutlu, Oghaz, Jasser, Tutunculer, Rajabi, Tayebi, Ozmen, Garibay. A Stance Data Set on "
        "Polarized Conversations on Twitter about the Efficacy of Hydroxychloroquine as a "
        "Treatment for COVID-19. Data in Brief 2020; splits: He, Mokhberian, Lerman. Infusing "
        "Knowledge from Wikipedia to Enhance Stance Detection. WASSA 2022"
    ),
    source="kvssk123/stance-detection-infusing-wiki-knowledge → data/covid19-stance/hcq_{train,val,test}.csv",
)
