"""The news-suite and proposition-style benchmarks, against the counts in the data README."""

from __future__ import annotations

from collections import Counter

import pytest

from stancer import data

#: split → rows (favor, against, neutral), from the data README and the silver sets' READMEs.
COUNTS = {
    "polnear_stance": {
        "train": (1466, 755, 9512),
        "validation": (107, 65, 635),
        "test": (108, 70, 581),
    },
    "basil_stance": {"train": 15108, "validation": 918, "test": 1056},
    "synthetic_quotes": {"train": 2400, "validation": 600},
    "iam": {"train": 3871, "validation": 7057, "test": 7065},
    "mpchi": {"test": 74 + 124 + 103 + 84},
}


@pytest.mark.data
@pytest.mark.parametrize("name", sorted(COUNTS))
def test_counts_match_the_data_readme(name: str, data_dir) -> None:
    ds = data.load(name, data_dir=data_dir / name)
    for split, expected in COUNTS[name].items():
        labels = Counter(ds[split]["label"])
        if isinstance(expected, tuple):
            assert (labels["favor"], labels["against"], labels["neutral"]) == expected
        else:
            assert ds[split].num_rows == expected, split
        assert all(t.strip() for t in ds[split]["target"])


@pytest.mark.data
def test_iam_classes_and_article_halves(data_dir) -> None:
    ds = data.load("iam", data_dir=data_dir / "iam")
    assert set(ds["train"]["label"]) == {"favor", "against"}  # stance/train: claims only
    assert Counter(ds["validation"]["label"])["neutral"] == 6565  # the dev articles' O rows
    assert Counter(ds["test"]["label"])["neutral"] == 6538
    halves = [set(ds[f"validation_{h}"]["article"]) for h in ("train", "heldout")]
    assert not halves[0] & halves[1]  # split by article
    assert ds["validation_train"].num_rows + ds["validation_heldout"].num_rows == 7057
    row = ds["train"][0]
    assert row["question"] == "Should we ban the production of generic drugs"
    assert row["target"] == "We should ban the production of generic drugs"


@pytest.mark.data
def test_mpchi_validation_is_carved_from_train(data_dir) -> None:
    ds = data.load("mpchi", data_dir=data_dir / "mpchi")
    assert ds["train"].num_rows + ds["validation"].num_rows == 172 + 289 + 236 + 194
    assert not set(ds["train"]["id"]) & set(ds["validation"]["id"])
    assert set(ds["test"]["target"]) == {
        "Women should take HRT post-menopause",
        "E-Cigarettes are safe",
        "Sunlight exposure leads to skin cancer",
        "Vitamin C prevents common cold",
    }
    assert "Stance" not in ds["test"]["label"]  # header rows are not data


@pytest.mark.data
def test_silver_sets_keep_their_context_columns(data_dir) -> None:
    polnear = data.load("polnear_stance", data_dir=data_dir / "polnear_stance", splits=["test"])
    row = polnear["test"][0]
    assert {"article", "source", "cue", "direct", "start", "end"} <= set(row)
    basil = data.load("basil_stance", data_dir=data_dir / "basil_stance", splits=["test"])
    assert set(basil["test"]["outlet"]) == {"fox", "hpo", "nyt"}
