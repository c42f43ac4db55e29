"""The tweet benchmarks: P-Stance, COVID-19-Stance, COVID-CQ, RUW and Sobhani's multi-target set."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from stancer import data
from stancer.data.registry import get_benchmark, load_benchmark
from stancer.exceptions import DataError


def _load(data_dir: Path, name: str, counts: dict[str, int]):
    """Load a benchmark, check its split sizes against the data README and its labels."""
    ds = data.load(name, data_dir=data_dir / name)
    assert {split: ds[split].num_rows for split in ds} == counts
    labels = set(get_benchmark(name).labels)
    for split in ds:
        assert set(ds[split]["label"]) <= labels, split
        assert len(set(ds[split]["id"])) == ds[split].num_rows, f"{split}: ids repeat"
    return ds


@pytest.mark.data
def test_pstance_three_candidates_favor_against(data_dir) -> None:
    ds = _load(data_dir, "pstance", {"train": 17224, "validation": 2193, "test": 2157})
    assert get_benchmark("pstance").labels == ("favor", "against")
    assert Counter(ds["test"]["target"]) == {
        "Donald Trump": 777,
        "Joe Biden": 745,
        "Bernie Sanders": 635,
    }
    for split in ds:
        assert set(ds[split]["label"]) == {"favor", "against"}


@pytest.mark.data
def test_covid19_stance_recovers_the_exact_tweet_ids(data_dir) -> None:
    ds = _load(data_dir, "covid19_stance", {"train": 4533, "validation": 800, "test": 800})
    for split in ds:
        assert all(re.fullmatch(r"\d{18,19}", i) for i in ds[split]["id"]), split
        assert set(ds[split]["target"]) == {
            "face masks",
            "Anthony Fauci",
            "school closures",
            "stay at home orders",
        }
    # first row of face_masks_test.csv; the onecol file shows it as 1.29E+18
    assert ds["test"][0]["id"] == "1290755919404568577"
    assert ds["test"][0]["text"].startswith("Maybe if people want to walk around without masks")
    # the onecol files put stay at home orders (rows 401-600) before school closures
    assert ds["test"][400]["target"] == "stay at home orders"
    assert ds["test"][400]["id"] == "1284157078555234312"  # row 1 of stay_at_home_orders_test.csv
    assert not set(ds["validation"]["id"]) & set(ds["test"]["id"])


def _covid_folder(tmp: Path, stances: tuple[str, str]) -> Path:
    """A two-row synthetic release: the onecol text file and the per-target id files."""
    (tmp / "ckd_onecol").mkdir()
    head = "Tweet,Target 1,Stance 1,Opinion Towards,Sentiment,Tweet Id\n"
    (tmp / "ckd_onecol" / "raw_test_all_onecol.csv").write_text(
        head
        + "masks work,face masks,FAVOR,1.,pos,1.29E+18\nfauci lies,fauci,AGAINST,1.,neg,1.28E+18\n"
    )
    id_head = "Tweet Id,Target,Stance,Opinion Towards,Sentiment\n"
    (tmp / "face_masks_test.csv").write_text(
        id_head + f"1290755919404568577,face_masks,{stances[0]},1.,pos\n"
    )
    (tmp / "fauci_test.csv").write_text(
        id_head + f"1284279205388328960,fauci,{stances[1]},1.,neg\n"
    )
    return tmp


def test_covid19_stance_ids_come_from_the_per_target_files(tmp_path) -> None:
    folder = _covid_folder(tmp_path, ("FAVOR", "AGAINST"))
    test = load_benchmark("covid19_stance", data_dir=folder, splits=["test"], cache=False)["test"]
    assert test["id"] == ["1290755919404568577", "1284279205388328960"]
    assert test["target"] == ["face masks", "Anthony Fauci"]


def test_covid19_stance_misaligned_files_fail_loudly(tmp_path) -> None:
    folder = _covid_folder(tmp_path, ("FAVOR", "FAVOR"))
    with pytest.raises(
        DataError, match=r"row 2 does not line up with fauci_test.csv, row 1: stance"
    ):
        load_benchmark("covid19_stance", data_dir=folder, splits=["test"], cache=False)


@pytest.mark.data
def test_covid_cq_hydroxychloroquine(data_dir) -> None:
    ds = _load(data_dir, "covid_cq", {"train": 10055, "validation": 2155, "test": 2155})
    for split in ds:
        assert set(ds[split]["target"]) == {"hydroxychloroquine"}
        assert all(i.isdigit() for i in ds[split]["id"]), split
    assert Counter(ds["test"]["label"]) == {"favor": 1036, "against": 646, "neutral": 473}


@pytest.mark.data
def test_ruw_gb18030_one_row_per_tweet_and_target(data_dir) -> None:
    ds = _load(data_dir, "ruw", {"train": 8400, "validation": 1200, "test": 2400})
    for split in ds:
        n = ds[split].num_rows
        assert Counter(ds[split]["target"]) == {"Russia": n // 2, "Ukraine": n // 2}
        assert all(count == 2 for count in Counter(ds[split]["tweet"]).values()), split
        texts = ds[split]["text"]
        assert not any("\ufffd" in t for t in texts), split
        # GB18030 read as cp1252 turns ’ into ¡¯ and … into ¡­
        assert not any("¡" in t for t in texts), split
    assert any("’" in t for t in ds["test"]["text"])
    test = ds["test"]
    by_target = Counter(zip(test["target"], test["label"], strict=True))
    assert by_target == {
        ("Russia", "against"): 610,
        ("Russia", "favor"): 321,
        ("Russia", "neutral"): 269,
        ("Ukraine", "favor"): 560,
        ("Ukraine", "against"): 355,
        ("Ukraine", "neutral"): 285,
    }


@pytest.mark.data
def test_multitarget_sobhani_single_train_split(data_dir) -> None:
    ds = _load(data_dir, "multitarget_sobhani", {"train": 4430})
    train = ds["train"]
    assert Counter(train["target"]) == {
        "Hillary Clinton": 1623,
        "Donald Trump": 1423,
        "Bernie Sanders": 789,
        "Ted Cruz": 595,
    }
    assert Counter(train["label"]) == {"against": 1857, "favor": 1475, "neutral": 1098}
    # the "<target>. " prefix is moved out of the text
    prefixes = (
        "Hilary Clinton. ",
        "Hillary Clinton. ",
        "Donald Trump. ",
        "Bernie Sanders. ",
        "Ted Cruz. ",
    )
    assert not any(t.startswith(prefixes) for t in train["text"])
    # label code 2 is favor, 0 against
    rows = {(r["target"], r["text"][:40]): r["label"] for r in train}
    assert rows[("Donald Trump", "#Trump2016 is my hope for our country, b")] == "favor"
    assert rows[("Donald Trump", "#DonaldTrump’s hateful comments aren’t j")] == "against"
