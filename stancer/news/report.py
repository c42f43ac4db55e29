"""Rendering an `Analysis`: a terminal table, and an HTML page of the article with its quotes
highlighted by stance (speaker and scores on hover; one view per target, no JavaScript)."""

from __future__ import annotations

import html
import re

from stancer.news.analysis import Analysis
from stancer.stance import LABELS

_COLOURS = {"favor": "#b7e4c7", "against": "#f4b6b6", "neutral": "#e2e2e2"}


_TERMINAL_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """The text without ANSI escapes and control characters, which a terminal would obey."""
    return _TERMINAL_CONTROL.sub("", text)


def format_table(analysis: Analysis, *, width: int = 70) -> str:
    """One row per attributed statement: speaker, kind, each target's label and probability, and
    the words classified (for a quoted fragment, the clause that reports it)."""
    lines = []
    for i, target in enumerate(analysis.targets, start=1):
        lines.append(f"T{i}: {_printable(target)}")
    header = (
        f"{'#':>3}  {'speaker':<32} {'kind':<8} "
        + " ".join(f"{'T' + str(i):<14}" for i in range(1, len(analysis.targets) + 1))
        + " sentence"
    )
    lines += ["", header, "-" * len(header)]
    for n, s in enumerate(analysis.sentences, start=1):
        speaker = _printable(s.speaker or "(unattributed)")[:32]
        cells = " ".join(
            f"{s.stances[t].label + ' ' + format(s.stances[t].scores[s.stances[t].label], '.2f'):<14}"
            for t in analysis.targets
        )
        said = _printable(s.statement.text).replace("\n", " ")
        text = said if len(said) <= width else said[: width - 1] + "…"
        lines.append(f"{n:>3}  {speaker:<32} {s.kind:<8} {cells} {text}")
    lines += ["", "Per speaker (mean scores over the speaker's sentences):"]
    for name, per_target in analysis.speakers.items():
        summary = ", ".join(
            f"T{i} {v['label']} {v['scores'][v['label']]:.2f}"
            for i, v in enumerate(per_target.values(), start=1)
        )
        n = next(iter(per_target.values()))["sentences"]
        lines.append(f"  {_printable(name or '(unattributed)')} ({n} sentences): {summary}")
    return "\n".join(lines)


def _article_view(analysis: Analysis, target: str) -> str:
    parts, cursor = [], 0
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
        parts.append(html.escape(analysis.text[cursor : s.start]))
        parts.append(
            f'<mark class="q {stance.label}" data-speaker="{html.escape(s.speaker or "", quote=True)}" '
            f'title="{html.escape(tip, quote=True)}">{html.escape(analysis.text[s.start : s.end])}'
            f'<span class="tip">{html.escape(tip)}</span></mark>'
        )
        cursor = s.end
    parts.append(html.escape(analysis.text[cursor:]))
    return "".join(parts)


def _speaker_table(analysis: Analysis, target: str) -> str:
    rows = []
    for speaker, per_target in analysis.speakers.items():
        v = per_target[target]
        scores = " · ".join(f"{label} {v['scores'][label]:.2f}" for label in LABELS)
        rows.append(
            f"<tr><td>{html.escape(speaker or '(unattributed)')}</td><td>{v['sentences']}</td>"
            f'<td><span class="pill {v["label"]}">{v["label"]}</span></td><td>{scores}</td></tr>'
        )
    return (
        "<table><thead><tr><th>speaker</th><th>sentences</th><th>stance</th><th>mean scores</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def render_html(analysis: Analysis, *, title: str = "stancer analysis") -> str:
    """A self-contained HTML page: pick a target, read the article with its quotes highlighted."""
    tabs, views, rules = [], [], []
    for i, target in enumerate(analysis.targets):
        checked = " checked" if i == 0 else ""
        tabs.append(
            f'<input type="radio" name="target" id="t{i}"{checked}>'
            f'<label for="t{i}">{html.escape(target)}</label>'
        )
        views.append(
            f'<section class="view v{i}"><h2>{html.escape(target)}</h2>'
            f'<div class="article">{_article_view(analysis, target)}</div>'
            f"<h3>Per speaker</h3>{_speaker_table(analysis, target)}</section>"
        )
        rules.append(f"#t{i}:checked ~ .views .v{i} {{ display: block; }}")
    colours = "".join(f".{k} {{ background: {v}; }}" for k, v in _COLOURS.items())
    legend = "".join(f'<span class="pill {label}">{label}</span> ' for label in LABELS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font: 16px/1.55 Georgia, serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
h1 {{ font-size: 1.4rem; }} h2 {{ font-size: 1.1rem; }} h3 {{ font-size: 1rem; }}
input[type=radio] {{ display: none; }}
label {{ display: inline-block; padding: .3rem .7rem; margin: 0 .3rem .3rem 0; border: 1px solid #999; border-radius: 1rem; cursor: pointer; font: 14px sans-serif; }}
input[type=radio]:checked + label {{ background: #222; color: #fff; }}
.view {{ display: none; }} {" ".join(rules)}
.article {{ white-space: pre-wrap; }}
mark.q {{ position: relative; padding: 0 .1rem; border-radius: .2rem; cursor: help; }}
mark.q .tip {{ display: none; position: absolute; left: 0; top: 1.6em; z-index: 2; width: max-content; max-width: 26rem; background: #222; color: #fff; font: 13px/1.4 sans-serif; padding: .4rem .6rem; border-radius: .3rem; white-space: normal; }}
mark.q:hover .tip {{ display: block; }}
.pill {{ padding: 0 .45rem; border-radius: .6rem; font: 13px sans-serif; }}
{colours}
table {{ border-collapse: collapse; font: 14px sans-serif; }} td, th {{ border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }}
</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Quoted sentences, highlighted by their stance toward the chosen target: {legend}(hover for the speaker and the scores).</p>
{"".join(tabs)}
<div class="views">{"".join(views)}</div>
</body></html>
"""
