"""`stancer bench`: models and baselines on benchmarks and suites, with each task's official metric."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from stancer.bench.suites import SUITES
from stancer.cli import options


def bench(
    model: list[str] | None = options.model(many=True),
    data: list[str] = typer.Option(
        [],
        "--data",
        "-d",
        metavar="NAME[:SPLIT]",
        help="a registered dataset (split defaults to test), or all; repeat for several",
    ),
    suite: list[str] = typer.Option(
        [],
        "--suite",
        "-s",
        help=f"one of {', '.join(sorted(SUITES))}: score its sets and print the mean macro-F1 "
        "(news is the figure that picks models); repeat for several",
    ),
    baselines: list[str] = typer.Option(
        [], metavar="NAMES", help="comma-separated: majority, tfidf, embeddings, or all"
    ),
    nli_model: list[str] = typer.Option(
        [], metavar="M", help="an NLI model for the zero-shot baseline; repeat for several"
    ),
    data_dir: str | None = options.data_dir(),
    limit: int | None = typer.Option(None, help="score a random sample of at most this many rows"),
    train_limit: int = typer.Option(20_000, help="train each baseline on at most this many rows"),
    batch_size: int = options.batch_size(),
    speed: bool = typer.Option(False, help="also measure pairs/s, latency and memory"),
    format: options.BenchFormat = typer.Option("table", "--format", "-f"),
    output: Path | None = options.output("write every number and the settings to this JSON file"),
    plots: Path | None = typer.Option(
        None, help="write confusion matrices and reliability diagrams"
    ),
    card: bool = typer.Option(
        False, help="store the results in each model folder, rewrite its card"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bars"),
) -> None:
    """Score models and baselines on benchmarks with their official metrics."""
    from stancer.bench.run import run_bench
    from stancer.bench.tables import format_tables
    from stancer.exceptions import StancerError
    from stancer.model.folder import record_benchmarks

    unknown = sorted(set(suite) - set(SUITES))
    if unknown:
        raise StancerError(f"--suite {unknown[0]}: expected one of {sorted(SUITES)}")
    report = run_bench(
        model or [None],
        data,
        suites=suite,
        baselines=[b for item in baselines for b in item.split(",") if b],
        nli_models=nli_model,
        data_dir=data_dir,
        limit=limit,
        train_limit=train_limit,
        batch_size=batch_size,
        speed=speed,
        progress=not quiet,
    )
    if format is options.BenchFormat.json:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_tables(report, markdown=format is options.BenchFormat.markdown))
    if output is not None:
        output.write_text(json.dumps(report, indent=2) + "\n")
        typer.echo(f"\nwrote {output}")
    if plots is not None:
        from stancer.bench.plots import plot_result

        written = [p for result in report["results"] for p in plot_result(result, str(plots))]
        typer.echo(f"wrote {len(written)} plots to {plots}")
    if card:
        for path in report["settings"]["models"]:
            metrics, readme = record_benchmarks(Path(path), report)
            typer.echo(f"updated {metrics} and {readme}")
