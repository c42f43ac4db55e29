"""`stancer analyze`: articles in, their attributed statements, speakers and stances out."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from stancer.cli import options
from stancer.exceptions import StancerError


def analyze(
    files: list[Path] = typer.Argument(
        ..., metavar="FILE", help="UTF-8 text files, an article each"
    ),
    target: list[str] = typer.Option(
        ..., "--target", "-t", help="a target proposition; repeat for several"
    ),
    format: options.AnalyzeFormat = typer.Option("table", "--format", "-f"),
    output: Path | None = options.output(
        "html: the folder for <file>.html (default: .); json: a file (default: stdout)"
    ),
    model: str | None = options.model(),
    direct_only: bool = typer.Option(
        False, help="only quotes with quote marks (by default indirect speech, X said that …, too)"
    ),
    batch_size: int = options.batch_size(),
    width: int = typer.Option(70, help="cut statements to this many characters in the table"),
) -> None:
    """An article in: every attributed statement, its speaker, its stance per target."""
    from stancer.news.analysis import analyze as run
    from stancer.news.report import format_table, render_html

    results = []
    for path in files:
        if not path.is_file():
            raise StancerError(f"{path}: no such file; expected a UTF-8 text file of an article")
        analysis = run(
            path.read_text(encoding="utf-8"),
            target,
            model=model,
            direct_only=direct_only,
            batch_size=batch_size,
        )
        if format is options.AnalyzeFormat.html:
            out = (output or Path(".")) / f"{path.stem}.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_html(analysis, title=path.name), encoding="utf-8")
            typer.echo(f"wrote {out}")
        elif format is options.AnalyzeFormat.json:
            results.append({"file": str(path), **analysis.to_dict()})
        else:
            typer.echo(f"== {path}\n{format_table(analysis, width=width)}\n")
    if format is options.AnalyzeFormat.json:
        text = json.dumps(results, indent=2, ensure_ascii=False)
        if output is not None:
            output.write_text(text + "\n", encoding="utf-8")
            typer.echo(f"wrote {output}")
        else:
            typer.echo(text)
