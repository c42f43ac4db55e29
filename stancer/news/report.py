"""Rendering an `Analysis`: a terminal table, and an HTML page of the article with its statements
highlighted by stance, shaded by confidence, speaker and label beside each (one view per target,
no JavaScript; the page is a Jinja2 template with autoescape, its CSS a file of its own)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from stancer.news.analysis import Analysis
from stancer.stance import LABELS
from stancer.tabular import counted, cut, table

_TERMINAL_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """The text without ANSI escapes and control characters, which a terminal would obey."""
    return _TERMINAL_CONTROL.sub("", text)


def format_table(analysis: Analysis, *, width: int = 70) -> str:
    """One row per attributed statement: speaker, kind, each target's label and probability, and
    the words classified (for a quoted fragment, the clause that reports it)."""
    lines = [f"T{i}: {_printable(t)}" for i, t in enumerate(analysis.targets, start=1)]
    header = ["#", "speaker", "kind", *(f"T{i}" for i in range(1, len(analysis.targets) + 1))]
    rows = []
    for n, s in enumerate(analysis.sentences, start=1):
        stances = [s.stances[t] for t in analysis.targets]
        rows.append([
            str(n),
            cut(_printable(s.speaker or "(unattributed)"), 32),
            s.kind,
            *(f"{st.label} {st.scores[st.label]:.2f}" for st in stances),
            cut(_printable(s.statement.text).replace("\n", " "), width),
        ])  # fmt: skip
    lines += ["", *table([*header, "statement"], rows)]
    lines += ["", "Per speaker (mean scores over the speaker's statements):"]
    for name, per_target in analysis.speakers.items():
        summary = ", ".join(
            f"T{i} {v['label']} {v['scores'][v['label']]:.2f}"
            for i, v in enumerate(per_target.values(), start=1)
        )
        n = next(iter(per_target.values()))["statements"]
        statements = counted(n, "statement")
        lines.append(f"  {_printable(name or '(unattributed)')} ({statements}): {summary}")
    return "\n".join(lines)


def _shade(score: float) -> str:
    return "sure" if score >= 0.7 else "fair" if score >= 0.5 else "unsure"


def _parts(analysis: Analysis, target: str) -> list[dict[str, Any]]:
    """The article as plain stretches and highlighted statements, in text order."""
    parts: list[dict[str, Any]] = []
    cursor = 0
    for s in sorted(analysis.sentences, key=lambda s: s.start):
        if s.start < cursor:  # overlapping spans cannot be nested in one highlight
            continue
        stance = s.stances[target]
        scores = " · ".join(f"{label} {stance.scores[label]:.2f}" for label in LABELS)
        who = s.speaker or "unattributed"
        if s.speaker_mention is not None and s.speaker_mention.text != s.speaker:
            who += f" (“{s.speaker_mention.text}”)"
        tip = f"{who}, {s.kind} — {stance.label} ({scores})"
        if s.statement.text != s.text:
            tip += f" — read as: {s.statement.text}"
        score = stance.scores[stance.label]
        parts.append({"mark": False, "text": analysis.text[cursor : s.start]})
        parts.append(
            {
                "mark": True,
                "text": analysis.text[s.start : s.end],
                "label": stance.label,
                "score": score,
                "shade": _shade(score),
                "speaker": s.speaker,
                "tip": tip,
            }
        )
        cursor = s.end
    parts.append({"mark": False, "text": analysis.text[cursor:]})
    return parts


def _speakers(analysis: Analysis, target: str) -> list[dict[str, Any]]:
    return [
        {
            "speaker": speaker or "(unattributed)",
            "statements": per_target[target]["statements"],
            "label": per_target[target]["label"],
            "scores": " · ".join(
                f"{label} {per_target[target]['scores'][label]:.2f}" for label in LABELS
            ),
        }
        for speaker, per_target in analysis.speakers.items()
    ]


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("stancer.news", "templates"),
        autoescape=True,  # every value from the article is escaped
        keep_trailing_newline=True,
    )


def render_html(analysis: Analysis, *, title: str = "stancer analysis") -> str:
    """A self-contained HTML page (no JavaScript, `templates/report.html.j2`): pick a target,
    read the article with its statements highlighted, who said each and the label beside it."""
    views = [
        {"target": t, "parts": _parts(analysis, t), "speakers": _speakers(analysis, t)}
        for t in analysis.targets
    ]
    css = (resources.files("stancer.news") / "templates" / "report.css").read_text()
    return (
        _environment()
        .get_template("report.html.j2")
        .render(title=title, css=Markup(css), views=views, labels=LABELS)
    )
