"""`stancer summarize`: a corpus job's rows per speaker × target (outlet, over time), as a table,
JSON or an HTML page."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer

from stancer.cli import options


def summarize(
    rows: Path = typer.Argument(
        ..., metavar="ROWS", help="the --output folder of `stancer analyze --input`"
    ),
    format: options.AnalyzeFormat = typer.Option("table", "--format", "-f"),
    output: Path | None = options.output(
        "html: the page (default: <ROWS>.summary.html); json: a file (default: stdout)"
    ),
    period: options.Period = typer.Option("M", help="rows with a date: periods over time"),
    top: int = typer.Option(20, min=1, help="table: show this many speaker × target rows"),
) -> None:
    """Per speaker × target: statements, label counts, mean scores; per outlet and over time
    when the rows have those columns."""
    if format is options.AnalyzeFormat.html:
        show_summary(
            rows, html=output or Path(f"{rows}.summary.html"), period=period.value, top=top
        )
    elif format is options.AnalyzeFormat.json:
        from stancer.corpus.summary import summarize as run

        text = json.dumps(
            dataclasses.asdict(run(rows, period=period.value)), indent=2, ensure_ascii=False
        )
        if output is not None:
            output.write_text(text + "\n", encoding="utf-8")
            typer.echo(f"wrote {output}")
        else:
            typer.echo(text)
    else:
        show_summary(rows, period=period.value, top=top)


def show_summary(rows: Path, *, html: Path | None = None, period: str = "M", top: int = 20) -> None:
    """Print the speaker table (``top`` rows); write the HTML page to ``html`` if given."""
    from stancer.corpus.summary import render_html
    from stancer.corpus.summary import summarize as run
    from stancer.tabular import counted, cut, table

    summary = run(rows, period=period)
    cells = [
        [cut(str(r["speaker"]), 40), cut(r["target"], 50), str(r["statements"]),
         *(f"{r['mean_' + label]:.2f}" for label in ("favor", "against", "neutral"))]
        for r in summary.speakers[:top]
    ]  # fmt: skip
    header = ["speaker", "target", "statements", "favor", "against", "neutral"]
    typer.echo("\n".join(table(header, cells)))
    if len(summary.speakers) > top:
        more = counted(len(summary.speakers) - top, "more row")
        typer.echo(f"… {more} (--top, or --format json)")
    if html is not None:
        html.write_text(render_html(summary, title=rows.name), encoding="utf-8")
        typer.echo(f"wrote {html}")
