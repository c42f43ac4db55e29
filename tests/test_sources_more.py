"""The proposition-style, news and inference sets added later, against the data README's counts."""

from __future__ import annotations

from collections import Counter

import pytest
from datasets import DatasetDict

from stancer import data
from stancer.data.registry import get_benchmark
from stancer.data.sources.procon20 import target_of
from stancer.exceptions import DataError

#: name → split → {unified label: rows}; the split's row count is the sum (data README counts).
COUNTS: dict[str, dict[str, dict[str, int]]] = {
    "procon20": {
        "train": {"favor": 2140, "against": 2125},  # 4265
        "validation": {"favor": 326, "against": 284},  # 610
        "test": {"favor": 613, "against": 606},  # 1219
    },
    "handeset": {"train": {"favor": 706, "against": 545}},  # 1251
    # The README's 5393 / 1896 / 1576 include the IBM-ArgQ ("A") rows, which are left out.
    "valueeval23": {
        "train": {"favor": 534, "against": 283},  # 817 = 5393 - 4576
        "validation": {"favor": 250, "against": 120},  # 370 = 1896 - 1526
        "test": {"favor": 216, "against": 94},  # 310 = 1576 - 1266
    },
    "newsmtsc": {  # one row per target: 8739 / 1476 / 1146
        "train": {"favor": 2395, "against": 3316, "neutral": 3028},
        "devtest_mt": {"favor": 246, "against": 482, "neutral": 748},
        "devtest_rw": {"favor": 262, "against": 429, "neutral": 455},
    },
    "snli": {
        "validation": {"favor": 3329, "against": 3278, "neutral": 3235},  # 9842
        "test": {"favor": 3368, "against": 3237, "neutral": 3219},  # 9824
    },
    "cad_snli": {
        "train": {"favor": 2770, "against": 2782, "neutral": 2778},  # 8330
        "validation": {"favor": 326, "against": 349, "neutral": 325},  # 1000
        "test": {"favor": 654, "against": 669, "neutral": 677},  # 2000
        "original_train": {"favor": 562, "against": 550, "neutral": 554},  # 1666
        "original_validation": {"favor": 74, "against": 51, "neutral": 75},  # 200
        "original_test": {"favor": 146, "against": 131, "neutral": 123},  # 400
    },
    "sick": {
        "train": {"favor": 1274, "against": 641, "neutral": 2524},  # 4439
        "validation": {"favor": 143, "against": 71, "neutral": 281},  # 495
        "test": {"favor": 1404, "against": 712, "neutral": 2790},  # 4906
    },
    "anli": {
        "dev_r1": {"favor": 334, "against": 333, "neutral": 333},  # 1000
        "dev_r2": {"favor": 334, "against": 333, "neutral": 333},  # 1000
        "dev_r3": {"favor": 402, "against": 396, "neutral": 400},  # 1198
    },
    "docnli": {
        "mnli_validation": {"favor": 2367, "not_entailment": 4280},  # 6647
        "mnli_test": {"favor": 4575, "not_entailment": 8425},  # 13000
        "fever_validation": {"favor": 2913, "not_entailment": 5296},  # 8209
        "fever_test": {"favor": 3480, "not_entailment": 6520},  # 10000
    },
    "fever_symmetric": {
        "validation": {"favor": 354, "against": 354},  # 708
        "test": {"favor": 356, "against": 356},  # 712
    },
    "fm2": {
        "validation": {"favor": 596, "against": 573},  # 1169
        "test": {"favor": 681, "against": 699},  # 1380
    },
}

#: The README's row counts per split, checked apart from the label counts above.
ROWS = {
    "procon20": {"train": 4265, "validation": 610, "test": 1219},
    "handeset": {"train": 1251},
    "valueeval23": {"train": 5393 - 4576, "validation": 1896 - 1526, "test": 1576 - 1266},
    "newsmtsc": {"train": 8739, "devtest_mt": 1476, "devtest_rw": 1146},
    "snli": {"validation": 9842, "test": 9824},
    "cad_snli": {
        "train": 8330,
        "validation": 1000,
        "test": 2000,
        "original_train": 1666,
        "original_validation": 200,
        "original_test": 400,
    },
    "sick": {"train": 4439, "validation": 495, "test": 4906},
    "anli": {"dev_r1": 1000, "dev_r2": 1000, "dev_r3": 1198},
    "docnli": {
        "mnli_validation": 6647,
        "mnli_test": 13000,
        "fever_validation": 8209,
        "fever_test": 10000,
    },
    "fever_symmetric": {"validation": 708, "test": 712},
    "fm2": {"validation": 1169, "test": 1380},
}

NLI = ("snli", "cad_snli", "sick", "anli", "docnli", "fever_symmetric", "fm2")


@pytest.fixture(scope="module")
def loaded(data_dir):
    cache: dict[str, DatasetDict] = {}

    def load(name: str):
        if name not in cache:
            cache[name] = data.load(name, data_dir=data_dir / name)
        return cache[name]

    return load


@pytest.mark.data
@pytest.mark.parametrize("name", sorted(COUNTS))
def test_counts_and_labels_match_the_data_readme(name: str, loaded) -> None:
    ds = loaded(name)
    bench = get_benchmark(name)
    assert list(ds) == list(COUNTS[name]) == list(bench.splits)
    for split, expected in COUNTS[name].items():
        assert ds[split].num_rows == ROWS[name][split] == sum(expected.values()), split
        assert dict(Counter(ds[split]["label"])) == expected, split
        assert set(ds[split]["label"]) <= set(bench.labels)
        assert len(set(ds[split]["id"])) == ds[split].num_rows, f"{split}: ids not unique"
        assert all(t.strip() for t in ds[split]["text"])
        assert all(t.strip() for t in ds[split]["target"])
    used = {label for counts in COUNTS[name].values() for label in counts}
    assert used == set(bench.labels)  # the declared label set is the one the data uses


@pytest.mark.data
@pytest.mark.parametrize("name", NLI)
def test_inference_rows_are_tagged_nli(name: str, loaded) -> None:
    for split, dataset in loaded(name).items():
        assert set(dataset["task"]) == {"nli"}, split


@pytest.mark.data
def test_inference_pairs_read_premise_as_text(loaded) -> None:
    snli = loaded("snli")["validation"][1]
    assert snli["text"] == "Two women are embracing while holding to go packages ."
    assert snli["target"] == "Two woman are holding packages ."
    assert snli["label"] == "favor"
    fever = loaded("fever_symmetric")["test"][0]
    assert fever["target"] == "Colombiana is a French film ."
    assert fever["text"].startswith("Colombiana is a 2011 French action film")
    fm2 = loaded("fm2")["test"][0]
    assert fm2["text"].startswith("The Natural is a 1952 novel") and "Roy Hobbs" in fm2["text"]
    assert set(loaded("anli")["dev_r3"]["round"]) == {3}
    docnli = get_benchmark("docnli")
    assert docnli.labels == ("favor", "not_entailment")  # never merged into against / neutral


def test_procon20_questions_become_propositions() -> None:
    assert target_of("Should the US have attacked Iraq?") == (
        "The US should have attacked Iraq",
        "",
        "question",
    )
    assert target_of("Does Obamacare Require Dental Coverage for Adults? – NO")[1:] == (
        "NO",
        "question",
    )
    target, answer, _ = target_of("Has Obamacare Improved Medicaid? - DEBATED")
    assert answer == "DEBATED"
    assert target == "The answer to the question 'Has Obamacare Improved Medicaid?' is yes"
    assert target_of("Zoos - Top 3 Pros and Cons") == ("Zoos", "", "topic")
    assert target_of("Police Body Cameras: Top 3 Pros and Cons") == (
        "Police Body Cameras",
        "",
        "topic",
    )
    assert not target_of("Should Bottled Water Be Banned? - Top 4 Pros and Cons")[0].endswith(
        "Cons"
    )


@pytest.mark.data
def test_procon20_keeps_the_question(loaded) -> None:
    rows = loaded("procon20")["train"]
    assert len(set(rows["question"])) == 417
    assert Counter(rows["form"])["topic"] > 0
    assert not any(t.endswith(("YES", "NO", "DEBATED", "Cons")) for t in rows["target"])
    assert set(rows["answer"]) == {"", "YES", "NO", "DEBATED"}


@pytest.mark.data
def test_handeset_joins_the_utterances(loaded) -> None:
    rows = loaded("handeset")["train"]
    assert len(set(rows["target"])) == 134
    assert set(rows["utterances"]) == {1, 2, 3, 4, 5}
    assert rows[0]["text"].startswith("I trust that the House will not feel")
    assert "What is the duty incumbent on the right to die?" in rows[0]["text"]


@pytest.mark.data
def test_valueeval23_leaves_out_the_ibm_arguments(loaded) -> None:
    for split, dataset in loaded("valueeval23").items():
        assert set(dataset["id_prefix"]) == {"E", "D"}, split
        assert not any(i.startswith("A") for i in dataset["id"])
    validation = loaded("valueeval23")["validation"]
    assert '"Bullet for Bullet" is a right policy' in set(validation["target"])  # no quoting


@pytest.mark.data
def test_newsmtsc_targets_are_mention_spans(loaded) -> None:
    ds = loaded("newsmtsc")
    assert set(ds["devtest_rw"]["task"]) == {"sentiment"}
    for row in ds["devtest_mt"].select(range(50)):
        assert row["text"][row["start"] : row["end"]] == row["target"]
    assert len(set(ds["train"]["sentence_id"])) == 7758
    assert len(set(ds["devtest_mt"]["sentence_id"])) == 721
    assert len(set(ds["devtest_rw"]["sentence_id"])) == 1067


def _write(folder, relative: str, text: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_bad_rows_raise_naming_file_and_row(tmp_path) -> None:
    procon = tmp_path / "procon20"
    _write(procon, "data/ProconDual/dev.tsv", "01\tShould we?\tYes.\n11\tShould we?\tNo.\n")
    with pytest.raises(DataError, match=r"dev\.tsv, row 2: expected 3 tab-separated"):
        data.load("procon20", data_dir=procon, splits=["validation"])
    docnli = tmp_path / "docnli"
    _write(
        docnli, "Data/binary-MNLI/dev.txt", "entailment\tA cat.\tAn animal.\ncontradiction\ta\tb\n"
    )
    with pytest.raises(DataError, match=r"dev\.txt, line 2: expected 3 tab-separated"):
        data.load("docnli", data_dir=docnli, splits=["mnli_validation"])
    snli = tmp_path / "snli"
    _write(snli, "dataset/eSNLI/s1.dev", "A man .\nA dog .\n")
    _write(snli, "dataset/eSNLI/s2.dev", "A person .\n")
    _write(snli, "dataset/eSNLI/labels.dev", "entailment\nneutral\n")
    with pytest.raises(DataError, match=r"have 2, 1 and 2 lines"):
        data.load("snli", data_dir=snli, splits=["validation"])
    news = tmp_path / "newsmtsc"
    sentence = '{"primary_gid": "g", "sentence_normalized": "Trump spoke.", "targets": '
    target = '[{"Input.gid": "g", "from": 0, "to": 4, "mention": "Biden", "polarity": 4.0}]}'
    _write(
        news,
        "NewsSentiment/controller_data/datasets/NewsMTSC-dataset/train.jsonl",
        sentence + target,
    )
    with pytest.raises(DataError, match=r"train\.jsonl, row 1, target 'g': characters 0…4"):
        data.load("newsmtsc", data_dir=news, splits=["train"])


def test_procon20_questions_the_rule_cannot_parse_keep_their_meaning() -> None:
    assert target_of("Is Obamacare Decreasing the Federal Deficit? - DEBATED") == (
        "The answer to the question 'Is Obamacare Decreasing the Federal Deficit?' is yes",
        "DEBATED",
        "question",
    )
