"""`stancer data`: the registered datasets, listed, described, counted and checked for leakage."""

from __future__ import annotations

import json
from collections import Counter

import typer

from stancer.cli import options

app = typer.Typer(help="the registered datasets: list, info, stats, leakage", no_args_is_help=True)


@app.command("list")
def list_(
    width: int = typer.Option(70, min=1, help="cut descriptions to this many characters"),
) -> None:
    """Each registered dataset: task, domain, target type, official metric, description."""
    from stancer.data.registry import BENCHMARKS
    from stancer.tabular import cut, table

    rows = [
        [name, b.task, b.domain, b.target_type, b.metric, cut(b.description.split(";")[0], width)]
        for name, b in sorted(BENCHMARKS.items())
    ]
    header = ["name", "task", "domain", "targets", "metric", "description"]
    typer.echo("\n".join(table(header, rows)))


@app.command()
def info(names: list[str] = typer.Argument(..., metavar="NAME")) -> None:
    """Labels, splits, subsets, terms of use, citation and source, as JSON."""
    from stancer.data.registry import get_benchmark

    for name in names:
        typer.echo(json.dumps(get_benchmark(name).info(), indent=2))


@app.command()
def stats(
    names: list[str] = typer.Argument(..., metavar="NAME"),
    data_dir: str | None = options.data_dir(),
    top: int = typer.Option(10, help="show this many targets per split"),
) -> None:
    """Rows per split, labels and targets."""
    from stancer.data.registry import load_benchmark
    from stancer.tabular import cut

    for name in names:
        for split, ds in load_benchmark(name, root=data_dir).items():
            labels, targets = Counter(ds["label"]), Counter(ds["target"])
            shown = targets.most_common(top)
            more = f"; … {len(targets) - len(shown)} more" if len(targets) > len(shown) else ""
            typer.echo(f"{name}:{split}  rows {ds.num_rows}  targets {len(targets)}")
            typer.echo("  labels:  " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
            typer.echo("  targets: " + "; ".join(f"{cut(k, 50)} {v}" for k, v in shown) + more)


@app.command()
def leakage(
    names: list[str] = typer.Argument(..., metavar="NAME"),
    data_dir: str | None = options.data_dir(),
    format: options.PredictFormat = typer.Option("table", "--format", "-f"),
) -> None:
    """Texts shared across splits and datasets (exact and normalised)."""
    from stancer.data import leakage_report
    from stancer.data.registry import load_benchmark

    splits = {
        f"{name}:{split}": ds
        for name in names
        for split, ds in load_benchmark(name, root=data_dir).items()
    }
    report = leakage_report(splits)
    if format is options.PredictFormat.json:
        typer.echo(json.dumps(report, indent=2))
        return
    from stancer.tabular import table

    within = [[k, str(v["duplicate_rows"])] for k, v in report.items() if " | " not in k]
    across = [[k, str(v["exact"]), str(v["normalised"])] for k, v in report.items() if " | " in k]
    lines = table(["split", "duplicate rows"], within)
    lines += ["", *table(["splits", "shared texts", "normalised"], across)]
    typer.echo("\n".join(lines))
