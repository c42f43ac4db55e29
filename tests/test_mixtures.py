"""Mixtures, leakage checks and held-out-target splits."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from datasets import Dataset

from stancer.data import leakage_report, load_mixture, split_by_target
from stancer.data.leakage import normalise
from stancer.data.mixtures import read_negations
from stancer.exceptions import DataError


@pytest.fixture()
def files(tmp_path) -> dict[str, str]:
    a = pd.DataFrame(
        {
            "text": [f"a text {i}" for i in range(10)]
            + ["A text 6!"],  # the last repeats row 6, normalised
            "target": ["t1"] * 6 + ["t2"] * 5,
            "label": ["favor", "against"] * 5 + ["favor"],
        }
    )
    b = pd.DataFrame(
        {"text": [f"b text {i}" for i in range(4)], "target": "t3", "label": "neutral"}
    )
    c = pd.DataFrame({"text": ["b text 1", "c"], "target": "t3", "label": "neutral"})
    paths = {}
    for name, frame in (("a", a), ("b", b), ("c", c)):
        paths[name] = str(tmp_path / f"{name}.csv")
        frame.to_csv(paths[name], index=False)
    return paths


def test_weights_dedupe_and_exclusion(files) -> None:
    mix = load_mixture({files["a"]: 1.0, files["b"]: 2.0}, exclude=[files["c"]], seed=3)
    assert mix.report["dropped_duplicates"] == 1
    assert mix.report["dropped_held_out_texts"] == 1  # "b text 1" is in c
    sources = Counter(mix.dataset["source"])
    assert sources == {files["a"]: 10, files["b"]: 6}  # b: 3 rows kept, weight 2
    assert "b text 1" not in mix.dataset["text"]
    assert mix.report["total"] == 16 and sum(mix.report["labels"].values()) == 16


def test_mixture_is_deterministic_by_seed(files) -> None:
    spec = {files["a"]: 0.5, files["b"]: 1.0}
    first = load_mixture(spec, seed=7).dataset["text"]
    assert first == load_mixture(spec, seed=7).dataset["text"]
    assert first != load_mixture(spec, seed=8).dataset["text"]


def test_caps_and_temperature(files) -> None:
    capped = load_mixture([files["a"], files["b"]], max_per_target=2, seed=0)
    assert Counter(capped.dataset["target"]) == {"t1": 2, "t2": 2, "t3": 2}
    per_dataset = load_mixture([files["a"], files["b"]], max_per_dataset=3, seed=0)
    assert Counter(per_dataset.dataset["source"]) == {files["a"]: 3, files["b"]: 3}
    even = load_mixture([files["a"], files["b"]], temperature=1000.0, seed=0)  # 10 + 4 rows → 7 + 7
    assert Counter(even.dataset["source"]) == {files["a"]: 7, files["b"]: 7}


def test_neutral_share_negations_and_wrong_targets(tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "text": [f"m text {i}" for i in range(12)],
            "target": ["p"] * 6 + ["q"] * 6,
            "label": ["favor", "against"] + ["neutral"] * 10,
        }
    )
    path = str(tmp_path / "m.csv")
    frame.to_csv(path, index=False)
    mix = load_mixture(
        {path: 1.0},
        neutral_share={path: 0.5},
        negations={"p": "not p"},
        wrong_target_rate=0.5,
        seed=0,
    )
    rows = mix.dataset.to_pandas()
    original = set(zip(frame["text"], frame["target"], strict=True))
    pairs = list(zip(rows["text"], rows["target"], strict=True))
    kept = rows[[pair in original for pair in pairs]]
    assert Counter(kept["label"]) == {"favor": 1, "against": 1, "neutral": 2}  # neutral: half
    negated = rows[rows["target"] == "not p"]
    assert dict(zip(negated["text"], negated["label"], strict=True)) == {
        "m text 0": "against",
        "m text 1": "favor",
    }
    wrong = rows[[pair not in original and pair[1] != "not p" for pair in pairs]]
    assert len(wrong) == mix.report[path]["wrong_target"] == 2  # half of the 4 rows kept
    assert set(wrong["label"]) == {"neutral"} and set(wrong["target"]) <= {"p", "q"}
    assert rows.shape[0] == 4 + 2 + 2
    with pytest.raises(DataError, match="neutral_share"):
        load_mixture({path: 1.0}, neutral_share={"other.csv": 0.5})
    with pytest.raises(DataError, match="wrong_target_rate"):
        load_mixture({path: 1.0}, wrong_target_rate=2.0)


def test_read_negations(tmp_path) -> None:
    path = tmp_path / "neg.jsonl"
    path.write_text('{"proposition": "P", "negation": "not P"}\n')
    assert read_negations(path) == {"P": "not P"}
    assert read_negations("neg.jsonl", data_dir=tmp_path) == {"P": "not P"}  # in the data folder
    path.write_text('{"proposition": "P"}\n')
    with pytest.raises(DataError, match="negation"):
        read_negations(path)
    with pytest.raises(DataError, match="no file"):
        read_negations("missing.jsonl", data_dir=tmp_path)


def test_bad_mixture_arguments() -> None:
    with pytest.raises(DataError, match=r"weights: expected positive weights, got \{'x.csv': 0\}"):
        load_mixture({"x.csv": 0})
    with pytest.raises(
        DataError, match=r"unrelated: expected one of \('neutral', 'keep', 'drop'\)"
    ):
        load_mixture(["x.csv"], unrelated="merge")
    with pytest.raises(DataError, match="data spec 'nope.csv': expected a registered dataset"):
        load_mixture(["nope.csv"])


def test_leakage_report_counts_exact_and_normalised_overlap() -> None:
    a = Dataset.from_dict(
        {"text": ["Hello, world", "x", "x"], "target": ["t"] * 3, "label": ["favor"] * 3}
    )
    b = Dataset.from_dict(
        {"text": ["hello world!", "x"], "target": ["t"] * 2, "label": ["favor"] * 2}
    )
    report = leakage_report({"a": a, "b": b})
    assert report["a | b"] == {"exact": 1, "normalised": 2}
    assert report["a"] == {"duplicate_rows": 1} and report["b"] == {"duplicate_rows": 0}


def test_normalise() -> None:
    assert normalise("  Café, NOW!! https://t.co/x #SemST") == "cafe now"


def test_split_by_target_holds_out_whole_targets() -> None:
    data = Dataset.from_dict(
        {
            "text": [str(i) for i in range(40)],
            "target": [f"Target {i % 10}" for i in range(40)],
            "label": ["favor"] * 40,
        }
    )
    train, dev = split_by_target(data, fraction=0.2, seed=1)
    assert train.num_rows + dev.num_rows == 40
    assert len(set(dev["target"])) == 2 and not set(train["target"]) & set(dev["target"])


@pytest.mark.data
def test_benchmark_mixture_with_leakage_check(data_dir) -> None:
    mix = load_mixture(
        {"semeval2016": 1.0, "vast": 0.5}, data_dir=data_dir, exclude=["vast:test"], seed=0
    )
    assert mix.report["semeval2016:train"]["read"] == 2814
    assert mix.report["vast:train"]["sampled"] == round(mix.report["vast:train"]["kept"] * 0.5)
    assert set(mix.dataset["label"]) == {"favor", "against", "neutral"}


def test_leave_one_out_pools_splits_and_holds_out_each_group() -> None:
    from datasets import DatasetDict

    from stancer.data import leave_one_out

    part = {
        "text": ["a", "b", "c"],
        "target": ["t"] * 3,
        "label": ["favor"] * 3,
        "topic": ["x", "y", "z"],
    }
    folds = dict(
        leave_one_out(
            DatasetDict({"train": Dataset.from_dict(part), "test": Dataset.from_dict(part)}),
            "topic",
        )
    )
    assert sorted(folds) == ["x", "y", "z"]
    assert folds["y"]["test"]["text"] == ["b", "b"] and set(folds["y"]["train"]["topic"]) == {
        "x",
        "z",
    }


@pytest.mark.data
def test_ukp_leave_one_topic_out(data_dir) -> None:
    from stancer.data import leave_one_out, load

    folds = dict(leave_one_out(load("ukp_argmin", data_dir=data_dir / "ukp_argmin"), "topic"))
    assert len(folds) == 8
    assert all(f["train"].num_rows + f["test"].num_rows == 25487 for f in folds.values())


def test_map_unrelated_three_ways() -> None:
    from stancer.data.mixtures import map_unrelated

    data = Dataset.from_dict(
        {"text": ["a", "b"], "target": ["t", "t"], "label": ["unrelated", "favor"]}
    )
    assert map_unrelated(data, "neutral")["label"] == ["neutral", "favor"]
    assert map_unrelated(data, "keep")["label"] == ["unrelated", "favor"]
    assert map_unrelated(data, "drop")["label"] == ["favor"]
