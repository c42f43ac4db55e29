"""The `stancer` command line."""

from __future__ import annotations

import json

import pytest

from stancer.cli import main

TARGET = "Ukraine should be invited to join NATO now"


def test_predict_prints_a_table(tiny_model_dir, capsys, tmp_path) -> None:
    file = tmp_path / "texts.txt"
    file.write_text("We support it.\n\nNot now.\n", encoding="utf-8")
    assert (
        main(
            [
                "predict",
                "--model",
                str(tiny_model_dir),
                "--target",
                TARGET,
                "--file",
                str(file),
                "one more",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"target: {TARGET}" in out
    rows = [
        line
        for line in out.splitlines()
        if line.split()[:1] and line.split()[0] in ("favor", "against", "neutral")
    ]
    expected = ["one more", "We support it.", "Not now."]
    assert len(rows) == 3
    assert all(r.rstrip().endswith(t) for r, t in zip(rows, expected, strict=True))


def test_predict_json(tiny_model_dir, capsys) -> None:
    assert main(["predict", "-m", str(tiny_model_dir), "-t", TARGET, "-f", "json", "a", "b"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["text"] for r in records] == ["a", "b"]
    assert all(abs(sum(r["scores"].values()) - 1) < 1e-5 for r in records)


def test_predict_without_texts_is_an_error(tiny_model_dir, capsys) -> None:
    assert main(["predict", "-m", str(tiny_model_dir), "-t", TARGET]) == 2
    assert "expected texts as arguments or --file" in capsys.readouterr().err


@pytest.mark.data
def test_bench_writes_json_with_official_metric(tiny_model_dir, data_dir, tmp_path, capsys) -> None:
    out = tmp_path / "bench.json"
    code = main(
        [
            "bench",
            "-m",
            str(tiny_model_dir),
            "--data",
            "semeval2016:validation",
            "--data-dir",
            str(data_dir),
            "--output",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    report = json.loads(out.read_text())
    [result] = report["results"]
    assert result["data"] == "semeval2016:validation" and result["model"] == tiny_model_dir.name
    assert result["primary_metric"] == "f_avg" and result["metrics"]["n"] == 100
    assert sum(map(sum, result["confusion_matrix"])) == 100
    assert {"torch", "transformers", "hardware", "batch_size"} <= set(report["environment"])
    assert "semeval2016:validation  f_avg" in capsys.readouterr().out


@pytest.mark.data
def test_bench_unknown_dataset_lists_the_valid_ones(tiny_model_dir, capsys) -> None:
    assert main(["bench", "-m", str(tiny_model_dir), "--data", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown dataset 'nope'; the registered datasets are [" in err
    assert "'semeval2016'" in err and "'vast'" in err


@pytest.mark.data
def test_data_commands(data_dir, capsys, monkeypatch) -> None:
    monkeypatch.setenv("STANCER_DATA_DIR", str(data_dir))
    assert main(["data", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("name ") and "semeval2016" in listed
    assert main(["data", "info", "vast"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["official_metric"] == "macro_f1" and info["subsets"]["zero_shot"] == "seen == 0"
    assert main(["data", "stats", "semeval2016", "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "semeval2016:test  rows 1249  targets 5" in out and "against 715" in out
    assert main(["data", "leakage", "semeval2016"]) == 0
    table = capsys.readouterr().out
    assert "semeval2016:train | semeval2016:test" in table and "duplicate rows" in table
    assert main(["data", "leakage", "semeval2016", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["semeval2016:train | semeval2016:test"] == {"exact": 0, "normalised": 1}


def test_usage_errors_are_one_line_with_status_2(capsys) -> None:
    assert main(["predict", "--format", "html", "-t", TARGET, "a"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "'html' is not one of" in err
    assert main(["analyze", "missing.txt", "-t", TARGET]) == 2
    assert capsys.readouterr().err.startswith("stancer analyze: error: missing.txt: no such file")
    assert main(["--help"]) == 0 and "predict" in capsys.readouterr().out
    assert main(["predict", "-t", TARGET, "a", "--width", "0"]) == 2
    assert "--width" in capsys.readouterr().err
    assert main(["data", "stats", "no-such-set"]) == 2
    assert capsys.readouterr().err.startswith("stancer data stats: error: unknown dataset")
    assert main(["--version"]) == 0 and capsys.readouterr().out.startswith("stancer 0.")


def test_options_mean_the_same_in_every_command() -> None:
    from typer.main import get_command

    from stancer.cli import app

    command = get_command(app)
    seen: dict[str, set[str]] = {}
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        for cmd in getattr(sub, "commands", {name: sub}).values():
            for param in cmd.params:
                for flag in param.opts:
                    seen.setdefault(flag, set()).add(param.name)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}  # -f is --format everywhere
    assert seen["-f"] == {"format"} and seen["-o"] == {"output"} and seen["-m"] == {"model"}
