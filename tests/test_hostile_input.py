"""Hostile and broken input: data files, model folders, arguments. Every probe gets the library's
own error naming the argument or file, what was expected, what was found and how to fix it, and
nothing is silently wrong (a missing label is never `neutral`)."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

import stancer
from stancer import data
from stancer.cli import main
from stancer.data import files as files_module
from stancer.exceptions import DataError, ModelLoadError
from stancer.model.classifier import StanceClassifier

TARGET = "ukraine should join nato"
HEADER = "text,target,label\n"


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------- data files

BROKEN_FILES = {
    "extra field": (
        "extra.csv",
        HEADER + "we support it,nato,favor\nnot now,nato,against,extra\n",
        r"extra.csv: cannot be read: .*Expected 3 fields in line 3, saw 4.*same number of fields",
    ),
    "Latin-1": (
        "latin1.csv",
        (HEADER + "café ok,nato,favor\n").encode("latin-1"),
        r"latin1.csv: line 2 is not UTF-8 \(byte 0xe9.*save the file as UTF-8",
    ),
    "UTF-16": (
        "utf16.csv",
        (HEADER + "ok,nato,favor\n").encode("utf-16"),
        r"utf16.csv: is UTF-16 text; save it as UTF-8",
    ),
    "bad JSON line": (
        "bad.jsonl",
        '{"text": "a", "target": "b", "label": "favor"}\n{"text": "a", oops}\n',
        r"bad.jsonl: cannot be read: line 2 is not JSON.*one JSON object per line",
    ),
    "empty file": ("empty.csv", "", r"empty.csv: is empty; expected a header row"),
    "header only": ("header.csv", HEADER, r"header.csv: has no rows \(a header only\?\)"),
    "fake parquet": (
        "fake.parquet",
        "not parquet",
        r"fake.parquet: cannot be read: Parquet magic bytes.*Expected an Apache Parquet file",
    ),
    "unterminated quote": (
        "open.csv",
        HEADER + '"we support it,nato,favor\nnot now,nato,against\n"quoted" text,nato,neutral\n',
        r"open.csv, row 1: column 'text' runs over a line break and holds what looks like a "
        r"whole row \('not now,nato,against'\): a quote left open\?",
    ),
}


@pytest.mark.parametrize("case", BROKEN_FILES)
def test_a_broken_data_file_is_a_clear_error(case: str, tmp_path) -> None:
    name, content, message = BROKEN_FILES[case]
    with pytest.raises(DataError, match=message):
        data.load(str(_write(tmp_path, name, content)))


@pytest.mark.parametrize("cell", ["", "NA", "null", "n/a", "N/A", "NaN"])
def test_a_missing_label_is_never_neutral(cell: str, tmp_path) -> None:
    path = _write(tmp_path, "na.csv", HEADER + f"we support it,nato,favor\nnot now,nato,{cell}\n")
    with pytest.raises(DataError, match=r"na.csv, row 2: column 'label'"):
        data.load(str(path))
    with pytest.warns(UserWarning, match=r"dropped 1 invalid rows.*\(rows 2\)"):
        loaded = data.load(str(path), drop_invalid=True)["train"]
    assert loaded["label"] == ["favor"]


def test_a_null_label_in_jsonl_is_an_error(tmp_path) -> None:
    rows = [{"text": "we support it", "target": TARGET, "label": None}]
    path = _write(tmp_path, "null.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    with pytest.raises(DataError, match=r"row 1: column 'label' is empty \(None\)"):
        data.load(str(path))


def test_a_second_load_of_the_same_file_reads_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STANCER_CACHE", str(tmp_path / "cache"))
    path = _write(tmp_path, "mine.csv", HEADER + "we support it,nato,favor\nnot now,nato,none\n")
    first = data.load(str(path))["train"]
    monkeypatch.setattr(files_module, "read_table", lambda path: pytest.fail("read again"))
    second = data.load(str(path))["train"]
    assert second.to_list() == first.to_list() and second["label"] == ["favor", "neutral"]
    path.write_text(HEADER + "we support it,nato,against\n")  # new content: read afresh
    monkeypatch.undo()
    assert data.load(str(path))["train"]["label"] == ["against"]


def test_a_wrong_data_folder_names_the_dataset(tmp_path) -> None:
    with pytest.raises(DataError, match=r"^vast:train: missing release file"):
        data.load("vast", data_dir=str(tmp_path))


# ----------------------------------------------------------------------------- model folders


@pytest.fixture()
def model_copy(tiny_model_dir, tmp_path) -> Path:
    return Path(shutil.copytree(tiny_model_dir, tmp_path / "model"))


def test_a_model_folder_without_tokenizer_files_is_refused(model_copy) -> None:
    for name in ("tokenizer.json", "vocab.txt", "tokenizer_config.json"):
        (model_copy / name).unlink(missing_ok=True)
    (model_copy / "config.json").unlink()
    with pytest.raises(ModelLoadError, match=r"config.json is missing; .*no tokenizer files"):
        StanceClassifier.from_pretrained(model_copy)


@pytest.mark.parametrize("size", ["half", "empty"])
def test_truncated_weights_name_the_file(model_copy, size: str) -> None:
    weights = model_copy / "model.safetensors"
    weights.write_bytes(
        weights.read_bytes()[: weights.stat().st_size // 2] if size == "half" else b""
    )
    with pytest.raises(ModelLoadError, match=r"model.safetensors is not whole safetensors"):
        StanceClassifier.from_pretrained(model_copy)


def test_the_cli_reports_a_broken_model_in_one_line(model_copy, capsys) -> None:
    (model_copy / "model.safetensors").write_bytes(b"")
    assert main(["predict", "-t", TARGET, "-m", str(model_copy), "we support it"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "model.safetensors is not whole safetensors" in err


def test_swapped_labels_in_config_are_refused(model_copy) -> None:
    config = json.loads((model_copy / "config.json").read_text())
    config["id2label"] = {"0": "against", "1": "favor", "2": "neutral"}
    (model_copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match=r"id2label orders the labels \['against', 'favor'"):
        StanceClassifier.from_pretrained(model_copy)


@pytest.mark.parametrize("labels", [["favor", "against"], ["favor", "against", "neutral", "x"]])
def test_a_head_of_another_size_is_a_model_load_error(model_copy, labels) -> None:
    config = json.loads((model_copy / "config.json").read_text())
    config["id2label"] = dict(enumerate(labels))
    config["label2id"] = {label: i for i, label in enumerate(labels)}
    (model_copy / "config.json").write_text(json.dumps(config))
    meta = json.loads((model_copy / "stancer_config.json").read_text())
    (model_copy / "stancer_config.json").write_text(json.dumps({**meta, "labels": labels}))
    with pytest.raises(ModelLoadError):
        StanceClassifier.from_pretrained(model_copy)


def test_threads_on_a_cold_cache_load_the_model_once(tiny_model_dir, monkeypatch) -> None:
    from stancer.model import api

    api._cached.cache_clear()
    loads = []
    real = StanceClassifier.from_pretrained.__func__  # type: ignore[attr-defined]

    def slow(cls, path, **kwargs):
        loads.append(path)
        time.sleep(0.2)
        return real(cls, path, **kwargs)

    monkeypatch.setattr(StanceClassifier, "from_pretrained", classmethod(slow))
    threads = [
        threading.Thread(target=api.load_model, args=(str(tiny_model_dir),)) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    api._cached.cache_clear()
    assert len(loads) == 1


# ------------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("texts", "target", "message"),
    [
        ("a", [TARGET], r"targets: one text takes one target str, got a list"),
        ("bad \ud800 text", TARGET, r"texts\[0\]: holds '\\ud800' at 4, a lone surrogate"),
        ("", TARGET, r"texts\[0\]: expected words, got ''"),
        ("   \n\t", TARGET, r"texts\[0\]: expected words.*blank or invisible"),
        ("\u200b\u200b\ufeff", TARGET, r"texts\[0\]: expected words.*invisible"),
        ("we support it", "\u200b", r"targets\[0\]: expected words"),
    ],
)
def test_bad_texts_are_clear_errors(tiny_model_dir, texts, target, message) -> None:
    with pytest.raises(ValueError, match=message):
        stancer.predict(texts, target, model=str(tiny_model_dir))


@pytest.mark.parametrize("batch_size", [1.5, "8", None, True, 0])
def test_batch_size_must_be_a_positive_int(tiny_model_dir, batch_size) -> None:
    with pytest.raises(ValueError, match=r"batch_size: expected a positive int"):
        stancer.predict("we support it", TARGET, model=str(tiny_model_dir), batch_size=batch_size)


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        (None, r"targets: expected a target proposition \(a str\) or a list of them, got None"),
        (5, r"targets: expected a target proposition"),
        ([], r"targets: expected a target proposition"),
        ([""], r"targets\[0\]: expected words, got ''"),
        (["ok", 3], r"targets\[1\]: expected a str, got int 3"),
    ],
)
def test_analyze_names_bad_targets(tiny_model_dir, targets, message) -> None:
    with pytest.raises(ValueError, match=message):
        stancer.analyze('"We win," she said.', targets, model=str(tiny_model_dir))


def test_text_not_in_latin_script_warns_once(tiny_model_dir) -> None:
    texts = ["Мы поддерживаем Украину.", "我们支持乌克兰。", "we support it"]
    with pytest.warns(UserWarning, match=r"2 of 3 texts are mostly not in Latin script") as seen:
        stancer.predict(texts, TARGET, model=str(tiny_model_dir))
    assert sum("Latin script" in str(w.message) for w in seen) == 1


@pytest.mark.parser
def test_the_terminal_table_strips_control_characters(tiny_model_dir, tmp_path, capsys) -> None:
    article = _write(
        tmp_path, "a.txt", '"We \x1b[31mwin\x1b[0m today," said \x1b]0;pwned\x07Smith.\n'
    )
    assert main(["analyze", str(article), "-t", TARGET, "-m", str(tiny_model_dir)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "We [31mwin" not in out
    assert "We win today," in out
