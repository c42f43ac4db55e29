"""Loading the user's files and the registered benchmarks into the unified schema."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest
from datasets import Dataset

from stancer import data
from stancer.exceptions import DataError

ROWS = [
    {"sentence": "We must invite Ukraine.", "topic": "Ukraine in NATO", "stance": "PRO"},
    {"sentence": "Not now.", "topic": "Ukraine in NATO", "stance": "CON"},
    {"sentence": "It rained.", "topic": "Ukraine in NATO", "stance": "NEUTRAL"},
]
OPTIONS = {
    "text_column": "sentence",
    "target_column": "topic",
    "label_column": "stance",
    "label_map": {"PRO": "favor", "CON": "against", "NEUTRAL": "neutral"},
}


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_user_file_with_column_and_label_mapping(tmp_path, suffix: str) -> None:
    path = tmp_path / f"mine{suffix}"
    frame = pd.DataFrame(ROWS)
    {
        ".csv": lambda: frame.to_csv(path, index=False),
        ".jsonl": lambda: frame.to_json(path, orient="records", lines=True),
        ".parquet": lambda: frame.to_parquet(path),
    }[suffix]()
    ds = data.load(path, **OPTIONS)
    assert list(ds) == ["train"]
    assert ds["train"].column_names[:4] == ["id", "text", "target", "label"]
    assert ds["train"]["label"] == ["favor", "against", "neutral"]
    assert ds["train"]["text"] == [r["sentence"] for r in ROWS]


def test_numeric_labels_one_fixed_target_and_splits(tmp_path) -> None:
    for split, labels in (("train", [1, -1]), ("test", [0, 1])):
        pd.DataFrame({"text": ["a", "b"], "label": labels}).to_csv(
            tmp_path / f"{split}.csv", index=False
        )
    ds = data.load(
        {"train": tmp_path / "train.csv", "test": tmp_path / "test.csv"},
        target="Ukraine should join NATO",
        label_map={1: "favor", -1: "against", 0: "neutral"},
    )
    assert ds["train"]["label"] == ["favor", "against"] and ds["test"]["label"] == [
        "neutral",
        "favor",
    ]
    assert set(ds["test"]["target"]) == {"Ukraine should join NATO"}


def test_an_existing_dataset(tmp_path) -> None:
    ds = data.load(Dataset.from_list(ROWS), **OPTIONS)
    assert ds["train"].num_rows == 3


def test_unknown_label_names_file_row_and_value(tmp_path) -> None:
    path = tmp_path / "odd.csv"
    pd.DataFrame({"text": ["a", "b"], "target": ["t", "t"], "label": ["favor", "maybe"]}).to_csv(
        path, index=False
    )
    with pytest.raises(
        DataError,
        match=r"odd.csv, row 2: column 'label' has 'maybe', which is not one of \['favor', 'against', 'neutral'\].*label_map=.*drop_invalid=True",
    ):
        data.load(path)


def test_missing_column_lists_the_columns(tmp_path) -> None:
    path = tmp_path / "cols.jsonl"
    path.write_text(json.dumps({"body": "a", "target": "t", "label": "favor"}) + "\n")
    with pytest.raises(
        DataError,
        match=r"cols.jsonl: no column 'text' \(asked for by text_column\); the columns are \['body', 'target', 'label'\]",
    ):
        data.load(path)


def test_empty_text_is_an_error_not_a_silent_drop(tmp_path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text('text,target,label\n"a",t,favor\n"  ",t,against\n')
    with pytest.raises(DataError, match=r"empty.csv, row 2: column 'text' is empty"):
        data.load(path)


def test_unknown_source_lists_the_datasets() -> None:
    with pytest.raises(
        DataError,
        match=r"'semeval': neither a registered dataset \(.*semeval2016.*vast.*\) nor a CSV",
    ):
        data.load("semeval")
    with pytest.raises(DataError, match=r"expected a registered dataset's name.*got int 3"):
        data.load(3)  # type: ignore[arg-type]


def test_benchmark_without_a_data_folder_says_how_to_give_one(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("STANCER_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/stancer_data either
    with pytest.raises(DataError, match=r"no data folder at .*stancer_data: set STANCER_DATA_DIR"):
        data.load("vast")


def test_the_default_data_folder_is_stancer_data_in_home(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("STANCER_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "stancer_data").mkdir()
    assert data.data_root() == tmp_path / "stancer_data"
    monkeypatch.setenv("STANCER_DATA_DIR", str(tmp_path))
    assert data.data_root() == tmp_path
    assert data.data_root(tmp_path / "stancer_data") == tmp_path / "stancer_data"


def test_polnear_is_a_registered_attribution_benchmark(tmp_path) -> None:
    from stancer.data.registry import get_benchmark

    assert get_benchmark("polnear").task == "attribution"
    assert "polnear" in data.list_datasets()
    with pytest.raises(DataError, match="polnear is a benchmark of attribution.*load_articles"):
        data.load("polnear", data_dir=tmp_path)
    with pytest.raises(DataError, match="vast is a benchmark of stance.*stancer.data.load"):
        data.load_articles("vast", data_dir=tmp_path)


@pytest.mark.data
@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("semeval2016", {"train": 2814, "validation": 100, "test": 1249, "test_taskB": 707}),
        ("vast", {"train": 13477, "validation": 2062, "test": 3006, "test_sentswap": 932}),
    ],
)
def test_benchmark_row_counts_match_the_release(
    data_dir, name: str, counts: dict[str, int]
) -> None:
    ds = data.load(name, data_dir=data_dir / name)
    assert {split: ds[split].num_rows for split in ds} == counts
    for split in ds:
        assert set(ds[split]["label"]) <= {"favor", "against", "neutral"}


@pytest.mark.data
def test_semeval_reads_cp1252_and_bare_quotes(data_dir) -> None:
    ds = data.load("semeval2016", data_dir=data_dir / "semeval2016")
    assert set(ds["test"]["target"]) == {
        "Atheism",
        "Climate Change is a Real Concern",
        "Feminist Movement",
        "Hillary Clinton",
        "Legalization of Abortion",
    }
    assert set(ds["test_taskB"]["target"]) == {"Donald Trump"}
    assert any('"' in text for text in ds["test_taskB"]["text"])
    assert not any("\ufffd" in text for text in ds["train"]["text"])


@pytest.mark.data
def test_vast_zero_and_few_shot_subsets(data_dir) -> None:
    test = data.load("vast", data_dir=data_dir / "vast", splits=["test"])["test"]
    assert Counter(test["seen"]) == {0: 1460, 1: 1546}
    assert Counter(test["label"]) == {"neutral": 1044, "against": 1018, "favor": 944}


def test_drop_invalid_rows_with_a_summary(tmp_path) -> None:
    path = tmp_path / "messy.csv"
    path.write_text('text,target,label\na,t,favor\n"",t,against\nb,t,maybe\nc,t,agree\nd,t,maybe\n')
    with pytest.warns(
        UserWarning,
        match=r"messy.csv: dropped 3 invalid rows: 1 rows where column 'text' is empty .*\(rows 2\); 2 rows where column 'label' has 'maybe'.*\(rows 3, 5\)",
    ) as _:
        ds = data.load(path, drop_invalid=True)
    assert ds["train"]["text"] == ["a", "c"] and ds["train"]["label"] == ["favor", "favor"]


def test_a_column_named_like_a_unified_one_is_kept_aside(tmp_path) -> None:
    path = tmp_path / "two.csv"
    pd.DataFrame(
        {"body": ["full text"], "text": ["title"], "target": ["t"], "label": ["favor"]}
    ).to_csv(path, index=False)
    ds = data.load(path, text_column="body")["train"]
    assert ds[0]["text"] == "full text" and ds[0]["original_text"] == "title"
