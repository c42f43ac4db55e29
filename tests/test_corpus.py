"""The corpus job: reading corpora, committed chunks, resuming after a kill, bad articles, the
Ray engine in local mode, and the summary."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import stancer
from stancer.cli import main
from stancer.corpus.job import SCHEMA, Unit, analyze_corpus, score_chunk
from stancer.corpus.output import ChunkedOutput
from stancer.corpus.sources import Article, read_articles
from stancer.corpus.summary import render_html, summarize
from stancer.exceptions import DataError, StancerError

TARGETS = ["Ukraine should be invited to join NATO now", "Ukraine will join NATO"]
ARTICLE = (
    'Officials met on Monday.\n"We will stand with Ukraine. It must join now," the minister said.\n'
    '"Not yet," Smith told reporters.'
)


def _corpus(folder: Path, n: int = 6, *, bad: bool = True, number: bool = True) -> Path:
    rows = [
        {"url": f"u{i}", "body": ARTICLE.replace("Monday", f"day {i}"), "outlet": "AB"[i % 2],
         "date": f"2024-{i % 3 + 1:02d}-10"}
        for i in range(n)
    ]  # fmt: skip
    if bad:
        rows += [{"url": "empty", "body": "  ", "outlet": "A", "date": "2024-01-01"},
                 {"url": "number", "body": 7, "outlet": "A", "date": "2024-01-01"},
                 {"url": "huge", "body": "word " * 2_100_000, "outlet": "A", "date": "2024-01-01"},
                 {"url": "binary", "body": "PK\x03\x04\x00\x00", "outlet": "A", "date": "2024-01-01"}]  # fmt: skip
    rows = [r for r in rows if number or r["url"] != "number"]  # a text that is a number
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


# ------------------------------------------------------------------------- reading (fast)
def test_every_corpus_format_reads_the_same_articles(tmp_path) -> None:
    rows = [{"id": "a", "text": "One.", "outlet": "X"}, {"id": "b", "text": "Two.", "outlet": None}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet")
    (tmp_path / "c.csv").write_text("id,text,outlet\na,One.,X\nb,Two.,\n")
    for name in ("c.jsonl", "c.parquet", "c.csv"):
        got = list(read_articles(tmp_path / name, id_column="id", keep_columns=("outlet",)))
        assert [(a.id, a.text) for a in got] == [("a", "One."), ("b", "Two.")], name
        assert got[0].meta == {"outlet": "X"}
    assert [a.id for a in read_articles(rows)] == ["0", "1"]  # no id column: the row number


def test_a_folder_of_text_files_and_broken_rows_become_errors_not_crashes(tmp_path) -> None:
    (tmp_path / "news" / "2024").mkdir(parents=True)
    (tmp_path / "news" / "2024" / "a.txt").write_text("An article.")
    (tmp_path / "news" / "b.txt").write_bytes(b"\xff\xfe\x00binary")
    got = list(read_articles(tmp_path / "news"))
    assert [a.id for a in got] == ["2024/a.txt", "b.txt"]
    assert got[0].text == "An article." and "not UTF-8" in (got[1].error or "")
    (tmp_path / "c.jsonl").write_text('{"text": "ok"}\nnot json\n[1]\n{"other": 1}\n')
    errors = [a.error for a in read_articles(tmp_path / "c.jsonl")]
    assert errors[0] is None and "not valid JSON" in errors[1]
    assert "not a JSON object" in errors[2] and "no column 'text'" in errors[3]


def test_a_corpus_without_its_columns_or_of_another_type_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "c.jsonl").write_text('{"body": "x"}\n')
    with pytest.raises(
        DataError, match=r"no column 'text'; its columns are \['body'\].*--text-column"
    ):
        list(read_articles(tmp_path / "c.jsonl"))
    (tmp_path / "c.xml").write_text("<a/>")
    with pytest.raises(DataError, match="not a corpus; expected a .jsonl"):
        list(read_articles(tmp_path / "c.xml"))
    with pytest.raises(DataError, match="no such file or folder"):
        list(read_articles(tmp_path / "missing.jsonl"))


# ------------------------------------------------------------------- output and scoring (fast)
def _rows(ids: list[str]) -> pa.Table:
    return pa.table({"article_id": ids, "n": list(range(len(ids)))})


def test_chunks_commit_atomically_and_a_resumed_job_drops_the_uncommitted(tmp_path) -> None:
    out = ChunkedOutput(tmp_path / "q.parquet", {"targets": ["t"]})
    out.commit(_rows(["a"]), ["a", "bad"], [{"id": "bad", "reason": "the text is empty"}])
    (tmp_path / "q.parquet" / "part-00001.parquet").write_bytes(b"half")  # a kill mid-write
    (tmp_path / "q.parquet" / "_part-00002.parquet.partial").write_bytes(b"half")
    again = ChunkedOutput(tmp_path / "q.parquet", {"targets": ["t"]})
    assert again.done() == {"a", "bad"}
    assert sorted(p.name for p in (tmp_path / "q.parquet").iterdir()) == [
        "_errors.jsonl", "_job.json", "_part-00000.done.json", "part-00000.parquet"
    ]  # fmt: skip
    assert pq.read_table(tmp_path / "q.parquet").to_pylist() == [{"article_id": "a", "n": 0}]
    assert json.loads((tmp_path / "q.parquet" / "_errors.jsonl").read_text())["id"] == "bad"
    with pytest.raises(StancerError, match=r"job with other settings \(targets\).*--overwrite"):
        ChunkedOutput(tmp_path / "q.parquet", {"targets": ["other"]})
    assert (
        ChunkedOutput(tmp_path / "q.parquet", {"targets": ["other"]}, overwrite=True).done()
        == set()
    )
    with pytest.raises(StancerError, match=r"expected a name ending in \.parquet, \.csv, \.jsonl"):
        ChunkedOutput(tmp_path / "q.txt", {})


def test_a_job_that_committed_nothing_leaves_the_folder_free(tmp_path) -> None:
    ChunkedOutput(tmp_path / "q.parquet", {"text_column": "text"})  # stopped: no such column
    again = ChunkedOutput(tmp_path / "q.parquet", {"text_column": "body"})
    again.commit(_rows(["a"]), ["a"], [])
    assert json.loads((tmp_path / "q.parquet" / "_job.json").read_text())["text_column"] == "body"
    with pytest.raises(StancerError, match=r"other settings \(text_column\)"):
        ChunkedOutput(tmp_path / "q.parquet", {"text_column": "text"})


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_csv_and_jsonl_outputs(tmp_path, suffix) -> None:
    out = ChunkedOutput(tmp_path / f"q{suffix}", {})
    part = out.commit(_rows(["a", "b"]), ["a", "b"], [])
    assert part.name == f"part-00000{suffix}" and part.read_text().count("\n") == 2 + (
        suffix == ".csv"
    )


def test_score_chunk_batches_pairs_of_all_articles_in_one_run(tiny) -> None:
    unit = Unit(0, "We will stand.", 1, 15, "We will stand.", "Smith", "she", "direct")
    chunk = [Article("a", "x", {"outlet": "X"}), Article("b", "y"), Article("c", "z")]
    calls = []
    real = tiny.predict_proba
    tiny.predict_proba = lambda pairs, **kw: calls.append(len(pairs)) or real(pairs, **kw)  # type: ignore[method-assign]
    try:
        rows, errors = score_chunk(chunk, [[unit], [unit, unit], "the text is empty"], TARGETS, tiny,
                                   batch_size=4, keep_columns=("outlet",))  # fmt: skip
    finally:
        del tiny.predict_proba
    assert calls == [6]  # 3 statements × 2 targets, one call
    assert errors == [{"id": "c", "reason": "the text is empty"}]
    assert rows.schema.names == [*SCHEMA.names, "outlet"]
    table = rows.to_pylist()
    assert [r["article_id"] for r in table] == ["a", "a", "b", "b", "b", "b"]
    assert table[0]["outlet"] == "X" and table[2]["outlet"] is None
    assert all(abs(r["favor"] + r["against"] + r["neutral"] - 1) < 1e-5 for r in table)
    assert table[0]["model_version"] == tiny.fingerprint and len(tiny.fingerprint) == 12


# ----------------------------------------------------------------------------- summary (fast)
def _summary_rows() -> list[dict]:
    def row(speaker, target, label, favor, date, outlet):
        against = 0.8 if label == "against" else 0.1
        return {"speaker": speaker, "target": target, "label": label, "favor": favor,
                "against": against, "neutral": 1 - favor - against, "date": date, "outlet": outlet}  # fmt: skip

    return [
        row("Smith", "T <b>", "favor", 0.8, "2024-01-05", "A"),
        row("Smith", "T <b>", "against", 0.1, "2024-02-05", "A"),
        row(None, "T <b>", "favor", 0.7, "2024-02-06", "B"),
        row("Smith", "U", "favor", 0.6, "not a date", "B"),
    ]


def test_summary_per_speaker_outlet_and_period() -> None:
    summary = summarize(_summary_rows())
    smith = next(r for r in summary.speakers if r["speaker"] == "Smith" and r["target"] == "T <b>")
    assert smith["statements"] == 2 and smith["n_favor"] == 1 and smith["n_against"] == 1
    assert smith["mean_favor"] == pytest.approx(0.45)
    assert {r["speaker"] for r in summary.speakers} == {"Smith", "(unattributed)"}
    assert {r["outlet"] for r in summary.outlets} == {"A", "B"}
    series = summary.over_time["T <b>"]
    assert [p["period"] for p in series] == ["2024-01", "2024-02"]
    assert series[0]["net"] == pytest.approx(0.7) and series[1]["statements"] == 2
    assert "U" not in summary.over_time  # its one row has no date
    page = render_html(summary, title="news <2024>")
    assert "news &lt;2024&gt;" in page and "T &lt;b&gt;" in page and "<b>" not in page
    assert page.count("<polyline") == 1


# ----------------------------------------------------------------- the whole job (needs spaCy)
@pytest.mark.parser
def test_the_corpus_job_gives_what_analyze_gives_and_records_bad_articles(
    tmp_path, tiny_model_dir
) -> None:
    corpus = _corpus(tmp_path, n=3)
    rows = analyze_corpus(corpus, TARGETS, model=str(tiny_model_dir), text_column="body",
                          id_column="url", keep_columns=["outlet"], workers=0, chunk_size=2)  # fmt: skip
    alone = stancer.analyze(ARTICLE.replace("Monday", "day 1"), TARGETS, model=str(tiny_model_dir))
    mine = [r for r in rows if r["article_id"] == "u1"]
    assert len(mine) == len(alone.sentences) * len(TARGETS) > 0
    for row, (sentence, target) in zip(
        mine, ((s, t) for s in alone.sentences for t in TARGETS), strict=True
    ):
        assert (row["sentence"], row["speaker"], row["target"]) == (
            sentence.text,
            sentence.speaker,
            target,
        )
        assert row["label"] == sentence.stances[target].label
        assert row["favor"] == pytest.approx(sentence.stances[target].scores["favor"], abs=1e-5)
    report = analyze_corpus(corpus, TARGETS, model=str(tiny_model_dir), text_column="body",
                            id_column="url", output=tmp_path / "q.parquet", workers=1, chunk_size=2)  # fmt: skip
    assert (report.articles, report.errors, report.rows) == (7, 4, rows.num_rows)
    reasons = {
        e["id"]: e["reason"]
        for e in map(
            json.loads, (tmp_path / "q.parquet" / "_errors.jsonl").read_text().splitlines()
        )
    }
    assert set(reasons) == {"empty", "number", "huge", "binary"}
    assert "empty" in reasons["empty"] and "int" in reasons["number"]
    assert "more than 200,000" in reasons["huge"] and "binary" in reasons["binary"]
    # workers or none, kept columns or none: the same rows
    assert (
        pq.read_table(tmp_path / "q.parquet").to_pylist() == rows.remove_columns("outlet").to_list()
    )


@pytest.mark.parser
def test_a_killed_job_resumes_to_exactly_the_rows_of_a_clean_run(tmp_path, tiny_model_dir) -> None:
    corpus = _corpus(tmp_path, n=8, bad=False)
    args = [sys.executable, "-m", "stancer.cli", "analyze", "--input", str(corpus), "--text-column", "body",
            "--id-column", "url", "-m", str(tiny_model_dir), "--chunk-size", "1", "--workers", "0",
            *(a for t in TARGETS for a in ("-t", t))]  # fmt: skip
    clean = tmp_path / "clean.parquet"
    subprocess.run([*args, "--output", str(clean)], check=True, capture_output=True, timeout=300)
    killed = tmp_path / "killed.parquet"
    job = subprocess.Popen(
        [*args, "--output", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not list(killed.glob("_part-0000[2-9].done.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(job.pid, signal.SIGKILL)
    job.wait()
    committed = len(list(killed.glob("_part-*.done.json")))
    assert 2 < committed < 8  # killed mid-run
    out = subprocess.run(
        [*args, "--output", str(killed)], check=True, capture_output=True, text=True, timeout=300
    )
    assert f"{committed} done before" in out.stdout
    assert pq.read_table(killed).to_pylist() == pq.read_table(clean).to_pylist()


@pytest.mark.parser
def test_the_corpus_command_and_summarize(tmp_path, tiny_model_dir) -> None:
    corpus = _corpus(tmp_path, n=4)
    out = tmp_path / "q.parquet"
    code = main(["analyze", "--input", str(corpus), "--text-column", "body", "--id-column", "url",
                 "--keep-column", "date", "-m", str(tiny_model_dir), "-t", TARGETS[0], "--output",
                 str(out), "--workers", "0", "--summary"])  # fmt: skip
    assert code == 0 and (tmp_path / "q.parquet.summary.html").is_file()
    assert (
        main(["summarize", str(out), "--format", "json", "--output", str(tmp_path / "s.json")]) == 0
    )
    summary = json.loads((tmp_path / "s.json").read_text())
    assert {r["speaker"] for r in summary["speakers"]} >= {"Smith"}
    assert list(summary["over_time"]) == [TARGETS[0]]
    assert main(["analyze", "--input", str(corpus), "-t", "x"]) == 2  # no --output
    assert main(["summarize", str(tmp_path)]) == 2  # no rows there


@pytest.mark.parser
@pytest.mark.ray
def test_the_ray_engine_in_local_mode_gives_the_local_engines_rows(
    tmp_path, tiny_model_dir
) -> None:
    ray = pytest.importorskip("ray")
    corpus = _corpus(tmp_path, n=4, number=False)  # Ray's JSON reader needs one type a column
    local = analyze_corpus(corpus, TARGETS, model=str(tiny_model_dir), text_column="body",
                           id_column="url", workers=0)  # fmt: skip
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        report = analyze_corpus(corpus, TARGETS, model=str(tiny_model_dir), text_column="body",
                                id_column="url", output=tmp_path / "ray.parquet", engine="ray",
                                chunk_size=2)  # fmt: skip
    finally:
        ray.shutdown()
    assert (report.articles, report.errors, report.rows) == (7, 3, local.num_rows)
    table = pq.read_table(tmp_path / "ray.parquet").to_pandas()
    assert set(table[table.error.notna()].article_id) == {"empty", "huge", "binary"}
    key = ["article_id", "quote_id", "sentence", "target"]
    got = table[table.error.isna()].drop(columns="error").sort_values(key).reset_index(drop=True)
    want = local.to_pandas().sort_values(key).reset_index(drop=True)
    assert (got.label == want.label).all()
    assert (got.favor - want.favor).abs().max() < 1e-4
