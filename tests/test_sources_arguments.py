"""The argument-mining stance benchmarks: IBM Debater sets, PERSPECTRUM and UKP ArgMin."""

from __future__ import annotations

from collections import Counter

import pytest

from stancer import data
from stancer.data.registry import get_benchmark


def _load(data_dir, name: str):
    ds = data.load(name, data_dir=data_dir / name)
    labels = set(get_benchmark(name).labels)
    for split in ds:
        assert set(ds[split]["label"]) <= labels, split
        assert all(text.strip() for text in ds[split]["text"]), split
    return ds


def _counts(ds) -> dict[str, int]:
    return {split: ds[split].num_rows for split in ds}


@pytest.mark.data
def test_ibm_claim_stance(data_dir) -> None:
    ds = _load(data_dir, "ibm_claim_stance")
    assert _counts(ds) == {"train": 1039, "test": 1355}
    train, test = set(ds["train"]["target"]), set(ds["test"]["target"])
    assert (len(train), len(test)) == (25, 30) and not train & test
    assert all(t.startswith("This house") for t in train | test)
    assert Counter(ds["train"]["label"]) + Counter(ds["test"]["label"]) == {
        "favor": 1325,
        "against": 1069,
    }
    # The corrected claim text, not the verbatim article span.
    row = ds["test"][ds["test"]["id"].index("2978")]
    assert row["text"] != row["claim_original"]
    assert row["text"].startswith("Violent video games incr")


@pytest.mark.data
def test_ibm_argq30k(data_dir) -> None:
    ds = _load(data_dir, "ibm_argq30k")
    assert _counts(ds) == {"train": 20974, "validation": 3208, "test": 6315}
    topics = {split: set(ds[split]["target"]) for split in ds}
    assert {s: len(t) for s, t in topics.items()} == {"train": 49, "validation": 7, "test": 15}
    assert not (topics["train"] & topics["test"] or topics["train"] & topics["validation"])
    for column in ("quality_wa", "quality_mace_p", "stance_conf"):
        values = ds["test"][column]
        assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in values), column


@pytest.mark.data
def test_ibm_argkp2021_deduplicated_with_unseen_test_topics(data_dir) -> None:
    ds = _load(data_dir, "ibm_argkp2021")
    assert _counts(ds) == {"train": 6515, "test": 723}
    for split in ds:
        rows = list(zip(ds[split]["target"], ds[split]["text"], ds[split]["label"], strict=True))
        assert len(rows) == len(set(rows)), split
    train, test = set(ds["train"]["target"]), set(ds["test"]["target"])
    assert (len(train), len(test)) == (28, 3) and not train & test
    assert "The USA is a good country to live in" in test
    # The 27519 (argument, key point) rows of the release are all accounted for.
    assert sum(ds["train"]["key_points"]) + sum(ds["test"]["key_points"]) == 27519


@pytest.mark.data
def test_perspectrum_pairs_split_by_claim(data_dir) -> None:
    ds = _load(data_dir, "perspectrum")
    assert _counts(ds) == {"train": 6978, "validation": 2071, "test": 2773}
    claims = {split: set(ds[split]["claim_id"]) for split in ds}
    assert {s: len(c) for s, c in claims.items()} == {"train": 541, "validation": 139, "test": 227}
    assert not (
        claims["train"] & claims["validation"]
        or claims["train"] & claims["test"]
        or claims["validation"] & claims["test"]
    )
    # Claim texts are disjoint too, but for two claims the release lists twice.
    targets = {split: set(ds[split]["target"]) for split in ds}
    shared = (
        (targets["train"] & targets["validation"])
        | (targets["train"] & targets["test"])
        | (targets["validation"] & targets["test"])
    )
    assert shared == {"University education should be free", "Store nuclear waste underground"}
    assert len(set(ds["train"]["id"])) == ds["train"].num_rows


@pytest.mark.data
def test_ukp_argmin_topics_and_quotes(data_dir) -> None:
    ds = _load(data_dir, "ukp_argmin")
    assert _counts(ds) == {"train": 18336, "validation": 2042, "test": 5109}
    topics = {
        "abortion",
        "cloning",
        "death penalty",
        "gun control",
        "marijuana legalization",
        "minimum wage",
        "nuclear energy",
        "school uniforms",
    }
    for split in ds:
        assert set(ds[split]["topic"]) == topics, split
        assert ds[split]["topic"] == ds[split]["target"], split
    assert Counter(ds["test"]["label"]) == {"neutral": 2853, "against": 1252, "favor": 1004}
    # Bare double quotes are text, not CSV quoting (which would merge rows).
    assert sum('"' in text for split in ds for text in ds[split]["text"]) == 2055
    assert len({i for split in ds for i in ds[split]["id"]}) == 25487
