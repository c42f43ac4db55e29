"""`stancer analyze`: articles in, their attributed statements, speakers and stances out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from stancer.cli import options
from stancer.exceptions import StancerError


def analyze(
    files: list[Path] = typer.Argument(
        None, metavar="[FILE]...", help="UTF-8 text files, an article each"
    ),
    target: list[str] = typer.Option(
        ..., "--target", "-t", help="a target proposition; repeat for several"
    ),
    format: options.AnalyzeFormat = typer.Option("table", "--format", "-f"),
    output: Path | None = options.output(
        "html: the folder for <file>.html (default: .) or, for one FILE, the page; "
        "json: a file (default: stdout); "
        "--input: the rows' folder, quotes.parquet, quotes.csv or quotes.jsonl"
    ),
    model: str | None = options.model(),
    direct_only: bool = typer.Option(
        False, help="only quotes with quote marks (by default indirect speech, X said that …, too)"
    ),
    batch_size: int = options.batch_size(),
    width: int = typer.Option(
        70, min=1, help="cut statements to this many characters in the table"
    ),
    corpus: Path | None = typer.Option(
        None, "--input", "-i", help="a corpus: .jsonl, .parquet, .csv / .tsv, or a folder of .txt"
    ),
    text_column: str = typer.Option("text", help="--input: the column of the article's text"),
    id_column: str | None = typer.Option(
        None, help="--input: the column of its id (default: row number)"
    ),
    keep: list[str] = typer.Option(
        [],
        "--keep-column",
        help="--input: a column copied into every row (outlet, date); repeat for several",
    ),
    engine: options.Engine = typer.Option("local", help="--input: this machine, or a Ray cluster"),
    workers: int | None = typer.Option(
        None,
        min=0,
        help="--input: processes finding statements (default: cores - 1 above 2 cores, else 0)",
    ),
    chunk_size: int = typer.Option(
        32, min=1, help="--input: articles per model run and per commit"
    ),
    overwrite: bool = typer.Option(False, help="--input: delete what --output holds first"),
    ray_address: str | None = typer.Option(
        None, help="--engine ray: the cluster (default: a local one)"
    ),
    concurrency: int = typer.Option(1, min=1, help="--engine ray: model actors"),
    summary: bool = typer.Option(
        False, help="--input: also write <output>.summary.html and print the summary"
    ),
) -> None:
    """An article in: every attributed statement, its speaker, its stance per target. With
    --input, a whole corpus: one row per (article, statement, target), written to --output in
    committed chunks (start it again to resume)."""
    _check_options(files, corpus, format, output, summary)
    if corpus is not None:
        _corpus_job(
            corpus, target, output=output, model=model, direct_only=direct_only,
            batch_size=batch_size, text_column=text_column, id_column=id_column, keep=keep,
            engine=engine.value, workers=workers, chunk_size=chunk_size, overwrite=overwrite,
            ray_address=ray_address, concurrency=concurrency, summary=summary,
        )  # fmt: skip
        return
    _article_files(
        files, target, format=format, output=output, width=width, model=model,
        direct_only=direct_only, batch_size=batch_size,
    )  # fmt: skip


def _check_options(
    files: list[Path] | None,
    corpus: Path | None,
    format: options.AnalyzeFormat,
    output: Path | None,
    summary: bool,
) -> None:
    """Refuse options that would do nothing or something else than asked."""
    if corpus is not None:
        if files:
            raise StancerError("give articles as FILEs or a corpus as --input, not both")
        if format is not options.AnalyzeFormat.table:
            raise StancerError(
                "--input writes rows to --output (its name's suffix sets their format); "
                "--format is for article FILEs"
            )
        return
    if not files:
        raise StancerError("give one or more article FILEs, or a corpus with --input")
    if summary:
        raise StancerError("--summary is for a corpus (--input); with FILEs, use --format html")
    for path in files:
        if path.is_dir():
            raise StancerError(
                f"{path}: a folder; give its files ({path / '*.txt'}), or analyse it as a corpus "
                f"with --input {path} --output rows.parquet"
            )
        if not path.is_file():
            raise StancerError(f"{path}: no such file; expected a UTF-8 text file of an article")
    if output is not None and format is options.AnalyzeFormat.table:
        raise StancerError("--output is for --format json (a file) or html (a folder)")
    if format is options.AnalyzeFormat.html and output is not None and output.suffix == ".html":
        if len(files) > 1:
            raise StancerError(f"--output {output}: a page; expected a folder for several FILEs")
    elif format is options.AnalyzeFormat.html and output is not None and output.is_file():
        raise StancerError(f"--output {output}: a file; expected a folder for the html pages")
    if format is options.AnalyzeFormat.json and output is not None and output.is_dir():
        raise StancerError(f"--output {output}: a folder; expected the name of the JSON file")


def _article_files(
    files: list[Path],
    targets: list[str],
    *,
    format: options.AnalyzeFormat,
    output: Path | None,
    width: int,
    **settings: Any,
) -> None:
    """`stancer.analyze` on each file, shown as a table, written as HTML pages or as JSON."""
    from stancer.news.analysis import analyze as run
    from stancer.news.report import format_table, render_html

    results = []
    for path in files:
        analysis = run(path.read_text(encoding="utf-8"), targets, **settings)
        if format is options.AnalyzeFormat.html:
            out = (output or Path(".")) / f"{path.stem}.html"
            if output is not None and output.suffix == ".html":  # the page of one FILE
                out = output
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


def _corpus_job(
    corpus: Path, targets: list[str], *, output: Path | None, summary: bool, **settings: Any
) -> None:
    """`stancer.corpus.job.analyze_corpus` to ``--output``, then its report (and summary)."""
    from stancer.cli.summarize import show_summary
    from stancer.corpus.job import analyze_corpus
    from stancer.tabular import counted

    if output is None:
        raise StancerError(
            "--input needs --output: a folder named quotes.parquet, quotes.csv or quotes.jsonl"
        )
    keep = settings.pop("keep")
    report = analyze_corpus(
        corpus, targets, output=output, keep_columns=keep, progress=True, **settings
    )
    typer.echo(
        f"{counted(report.articles, 'article')} in {report.seconds:.1f} s "
        f"({report.articles_per_s:.2f} articles/s, {report.pairs_per_s:.1f} pairs/s), "
        f"{report.skipped} done before, {counted(report.errors, 'error')}, "
        f"{counted(report.rows, 'row')} → {report.output}"
    )
    if report.errors and settings["engine"] == "local":  # Ray's are rows with an error
        typer.echo(f"errors: {Path(report.output or '') / '_errors.jsonl'}")
    if summary:
        show_summary(Path(report.output or ""), html=Path(f"{report.output}.summary.html"))
