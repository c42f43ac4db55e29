"""`stancer.analyze`, the `stancer analyze` command and its HTML report (rendered in Chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import stancer
from stancer.cli import main
from stancer.news.report import render_html

pytestmark = pytest.mark.parser  # spaCy's English pipeline

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-nato-invitation-2024-10-18.txt"
TARGETS = [
    "Ukraine should be invited to join NATO now",
    "Western countries should increase military support for Ukraine",
]
ARTICLE = (
    'Officials met on Monday.\n\n"We will stand with Ukraine. We will give it what it needs," the minister said.\n\n'
    "Nobody else spoke."
)


def test_analyze_gives_every_quoted_sentence_a_speaker_and_a_stance_per_target(
    tiny_model_dir,
) -> None:
    result = stancer.analyze(ARTICLE, TARGETS, model=str(tiny_model_dir))
    texts = [s.text for s in result.sentences]
    assert texts == ["We will stand with Ukraine.", "We will give it what it needs,"]
    for s in result.sentences:
        assert ARTICLE[s.start : s.end] == s.text
        assert s.speaker == "the minister" and set(s.stances) == set(TARGETS)
        assert all(abs(sum(v.scores.values()) - 1) < 1e-5 for v in s.stances.values())
    summary = result.speakers["the minister"][TARGETS[0]]
    assert summary["statements"] == 2
    mean = np.mean([s.stances[TARGETS[0]].scores["favor"] for s in result.sentences])
    assert summary["scores"]["favor"] == pytest.approx(mean)


REPORTED = (
    "US Ambassador to NATO Julianne Smith said that NATO did not plan to invite Ukraine "
    '"in the short term", despite the plan. Smith added that allies would keep helping.\n\n'
    '"We will stand with Ukraine," she said.'
)


def test_rows_carry_kind_statement_and_the_speakers_mention(tiny_model_dir) -> None:
    result = stancer.analyze(REPORTED, TARGETS, model=str(tiny_model_dir))
    rows = [
        (s.kind, s.text, s.statement.text, s.speaker, s.speaker_mention and s.speaker_mention.text)
        for s in result.sentences
    ]
    assert rows == [
        (
            "mixed",
            "in the short term",
            'NATO did not plan to invite Ukraine "in the short term"',
            "Julianne Smith",
            "US Ambassador to NATO Julianne Smith",
        ),
        (
            "indirect",
            "allies would keep helping",
            "allies would keep helping",
            "Julianne Smith",
            "Smith",
        ),
        (
            "direct",
            "We will stand with Ukraine,",
            "We will stand with Ukraine,",
            "Julianne Smith",
            "she",
        ),
    ]
    for s in result.sentences:
        assert REPORTED[s.start : s.end] == s.text
        assert REPORTED[s.statement.start : s.statement.end] == s.statement.text
    assert list(result.speakers) == ["Julianne Smith"]  # one speaker, however she is named
    assert result.speakers["Julianne Smith"][TARGETS[0]]["statements"] == 3
    direct = stancer.analyze(REPORTED, TARGETS, model=str(tiny_model_dir), direct_only=True)
    assert [s.kind for s in direct.sentences] == ["mixed", "direct"]
    row = result.to_dict()["sentences"][0]
    assert row["kind"] == "mixed" and row["speaker"] == "Julianne Smith"
    assert row["speaker_mention"]["text"] == "US Ambassador to NATO Julianne Smith"
    assert row["statement"]["start"] == REPORTED.index("NATO did")


def test_analyze_without_quotes_and_bad_input(tiny_model_dir) -> None:
    empty = stancer.analyze("No quotes here.", TARGETS[0], model=str(tiny_model_dir))
    assert empty.sentences == [] and empty.speakers == {}
    with pytest.raises(ValueError, match="targets: expected a target proposition"):
        stancer.analyze(ARTICLE, [], model=str(tiny_model_dir))
    with pytest.raises(ValueError, match=r"expected text to be a str.*got bytes. Decode it first"):
        stancer.analyze(b"bytes", TARGETS, model=str(tiny_model_dir))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"got the path of a file .* pass its contents"):
        stancer.analyze(str(SEED), TARGETS, model=str(tiny_model_dir))


def test_analyze_command_table_and_json(tiny_model_dir, tmp_path, capsys) -> None:
    assert main(["analyze", str(SEED), "-t", TARGETS[0], "-m", str(tiny_model_dir)]) == 0
    out = capsys.readouterr().out
    assert "senior official from the US administration" in out and "Julianne Smith" in out
    assert (
        "NATO did not plan to invite Ukraine to join the Alliance" in out
    )  # the fragment's clause
    assert "mixed" in out and "indirect" in out
    assert "a senior official from the US… " in out  # cut at a word, never mid-word
    assert "Julianne Smith (1 statement):" in out
    out_file = tmp_path / "a.json"
    assert (
        main(
            [
                "analyze",
                str(SEED),
                "-t",
                TARGETS[0],
                "-t",
                TARGETS[1],
                "-m",
                str(tiny_model_dir),
                "--format",
                "json",
                "--output",
                str(out_file),
            ]
        )
        == 0
    )
    [record] = json.loads(out_file.read_text())
    assert record["targets"] == TARGETS and len(record["sentences"]) >= 11
    assert main(["analyze", str(tmp_path / "missing.txt"), "-t", "x"]) == 2


def test_html_report_escapes_and_marks_every_sentence(tiny_model_dir) -> None:
    text = 'A <b>bold</b> claim: "Tom & Jerry <script>alert(1)</script> are great," he said.'
    result = stancer.analyze(text, TARGETS, model=str(tiny_model_dir))
    page = render_html(result)
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "&amp; Jerry" in page
    assert page.count('<mark class="q ') == len(result.sentences) * len(TARGETS)
    # who said it and the label stand beside each highlight, not only on hover
    assert page.count('<span class="said">') == len(result.sentences) * len(TARGETS)
    assert "<title>stancer analysis</title>" in page


@pytest.mark.browser
def test_html_report_renders_in_headless_chromium(tiny_model_dir, tmp_path) -> None:
    browser = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if browser is None:
        pytest.fail(
            "the browser test needs Chromium (apt-get install chromium), or deselect it with -m 'not browser'"
        )
    assert (
        main(
            [
                "analyze",
                str(SEED),
                *sum((["-t", t] for t in TARGETS), []),
                "-m",
                str(tiny_model_dir),
                "--format",
                "html",
                "--output",
                str(tmp_path),
            ]
        )
        == 0
    )
    page = tmp_path / f"{SEED.stem}.html"
    shot = tmp_path / "screenshot.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1000,1400",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (1400, 1000)
    colours = {tuple(np.round(p * 255).astype(int)) for p in pixels.reshape(-1, 3)[::7]}
    # the highlight colours of the stance marks, in one of their three shades, are on the page
    css = (REPO / "stancer" / "news" / "templates" / "report.css").read_text()
    shades = {
        tuple(int(h[i : i + 2], 16) for i in (0, 2, 4)) for h in re.findall(r"#([0-9a-f]{6})", css)
    }
    assert len(shades) >= 9 and colours & shades


def test_analyze_options_that_would_do_nothing_are_errors(tiny_model_dir, tmp_path, capsys) -> None:
    base = ["analyze", "-t", TARGETS[0], "-m", str(tiny_model_dir)]
    refused = {
        "a folder; give its files": [*base, str(SEED.parent)],
        "--output is for --format json": [*base, str(SEED), "-o", str(tmp_path / "t.txt")],
        "--summary is for a corpus": [*base, str(SEED), "--summary"],
        "--format is for article FILEs": [
            *base, "--input", str(SEED.parent), "-o", str(tmp_path / "q.csv"), "-f", "html"
        ],
        "a folder; expected the name of the JSON file": [
            *base, str(SEED), "-f", "json", "-o", str(tmp_path)
        ],
        "a page; expected a folder for several FILEs": [
            *base, str(SEED), str(SEED), "-f", "html", "-o", str(tmp_path / "r.html")
        ],
    }  # fmt: skip
    for message, args in refused.items():
        assert main(args) == 2, args
        assert message in capsys.readouterr().err
    assert main([*base, str(SEED), "-f", "html", "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").is_file()  # the page of one FILE, not a folder named r.html
