"""The news stance benchmarks: FNC-1, ARC and Emergent, against the counts in the data README."""

from __future__ import annotations

from collections import Counter

import pytest
from datasets import DatasetDict

from stancer import data
from stancer.data.registry import get_benchmark

FOUR_WAY = {"agree": "favor", "disagree": "against", "discuss": "neutral", "unrelated": "unrelated"}


@pytest.fixture(scope="module")
def fnc1(data_dir) -> DatasetDict:
    return data.load("fnc1", data_dir=data_dir / "fnc1")


@pytest.fixture(scope="module")
def arc(data_dir) -> DatasetDict:
    return data.load("arc", data_dir=data_dir / "arc")


@pytest.fixture(scope="module")
def emergent(data_dir) -> DatasetDict:
    return data.load("emergent", data_dir=data_dir / "emergent")


def _labels_and_bodies_are_consistent(ds: DatasetDict, name: str) -> None:
    allowed = set(get_benchmark(name).labels)
    for split in ds:
        rows = ds[split].select_columns(["label", "label_original", "text", "target"])
        assert set(rows["label"]) <= allowed
        assert all(
            FOUR_WAY[o] == lab for o, lab in zip(rows["label_original"], rows["label"], strict=True)
        )
        assert all(t.strip() for t in rows["text"]) and all(t.strip() for t in rows["target"])


@pytest.mark.data
def test_fnc1_counts_labels_and_duplicates(fnc1: DatasetDict) -> None:
    counts = {split: fnc1[split].num_rows for split in fnc1}
    assert counts == {
        "train": 49972,
        "test": 25413,
        "train_baseline": 40350,
        "validation_baseline": 9622,
    }
    _labels_and_bodies_are_consistent(fnc1, "fnc1")
    train = fnc1["train"]
    # The class distribution published with the official train_stances.csv.
    assert Counter(train["label_original"]) == {
        "unrelated": 36545,
        "discuss": 8909,
        "agree": 3678,
        "disagree": 840,
    }
    assert Counter(fnc1["test"]["label_original"]) == {
        "unrelated": 18349,
        "discuss": 4464,
        "agree": 1903,
        "disagree": 697,
    }
    pairs = list(zip(train["target"], train["body_id"], train["label_original"], strict=True))
    assert len(pairs) - len(set(pairs)) == 402
    assert len(set(train["id"])) == train.num_rows


@pytest.mark.data
def test_fnc1_baseline_split_partitions_train_by_body(fnc1: DatasetDict) -> None:
    base_train, base_val = fnc1["train_baseline"], fnc1["validation_baseline"]
    assert len(set(base_train["body_id"])) == 1346 and len(set(base_val["body_id"])) == 337
    assert not set(base_train["body_id"]) & set(base_val["body_id"])
    assert sorted([*base_train["id"], *base_val["id"]], key=int) == list(fnc1["train"]["id"])
    first = int(base_val["id"][0]) - 1
    assert fnc1["train"][first]["target"] == base_val[0]["target"]


@pytest.mark.data
def test_arc_counts_labels_and_shared_bodies(arc: DatasetDict) -> None:
    assert {split: arc[split].num_rows for split in arc} == {"train": 14233, "test": 3559}
    _labels_and_bodies_are_consistent(arc, "arc")
    train_bodies = set(arc["train"]["body_id"])
    test_bodies = set(arc["test"]["body_id"])
    assert (len(test_bodies), len(test_bodies & train_bodies)) == (2481, 2397)
    assert set(arc["test"]["target"]) <= set(arc["train"]["target"])


@pytest.mark.data
def test_emergent_counts_and_claim_split(emergent: DatasetDict) -> None:
    assert {split: emergent[split].num_rows for split in emergent} == {"train": 2071, "test": 524}
    for split in emergent:
        assert set(emergent[split]["label"]) <= set(get_benchmark("emergent").labels)
    assert Counter(emergent["test"]["label"]) == {"favor": 246, "neutral": 187, "against": 91}
    train_claims = set(emergent["train"]["claim_id"])
    test_claims = set(emergent["test"]["claim_id"])
    assert (len(train_claims), len(test_claims)) == (240, 60)
    assert not train_claims & test_claims
    assert not set(emergent["train"]["target"]) & set(emergent["test"]["target"])
    assert not set(emergent["train"]["id"]) & set(emergent["test"]["id"])
