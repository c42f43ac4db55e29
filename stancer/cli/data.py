"""`stancer data`: the registered datasets, listed, described, counted and checked for leakage."""

from __future__ import annotations

import json
from collections import Counter

import typer

from stancer.cli import options

app = typer.Typer(help="the registered datasets: list, info, stats, leakage", no_args_is_help=True)


@app.command("list")
def list_() -> None:
    """Each registered dataset: domain, target type, official metric, description."""
    from stancer.data import list_datasets
    from stancer.data.registry import get_benchmark

    header = f"{'name':<20} {'domain':<16} {'targets':<9} {'metric':<14} description"
    lines = [header, "-" * len(header)]
    for name in list_datasets():
        b = get_benchmark(name)
        lines.append(
            f"{name:<20} {b.domain:<16} {b.target_type:<9} {b.metric:<14} {b.description.split(';')[0]}"
        )
    typer.echo("\n".join(lines))


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
    from stancer.data import load

    for name in names:
        for split, ds in load(name, data_dir=data_dir).items():
            labels, targets = Counter(ds["label"]), Counter(ds["target"])
            shown = targets.most_common(top)
            more = f"; … {len(targets) - len(shown)} more" if len(targets) > len(shown) else ""
            typer.echo(f"{name}:{split}  rows {ds.num_rows}  targets {len(targets)}")
            typer.echo("  labels:  " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
            typer.echo("  targets: " + "; ".join(f"{k[:50]} {v}" for k, v in shown) + more)


@app.command()
def leakage(
    names: list[str] = typer.Argument(..., metavar="NAME"),
    data_dir: str | None = options.data_dir(),
    format: options.PredictFormat = typer.Option("table", "--format", "-f"),
) -> None:
    """Texts shared across splits and datasets (exact and normalised)."""
    from stancer.data import leakage_report, load

    splits = {
        f"{name}:{split}": ds
        for name in names
        for split, ds in load(name, data_dir=data_dir).items()
    }
    report = leakage_report(splits)
    if format is options.PredictFormat.json:
        typer.echo(json.dumps(report, indent=2))
        return
    lines = [f"{'split':<40} {'duplicate rows':>14}"]
    lines += [f"{k:<40} {v['duplicate_rows']:>14}" for k, v in report.items() if " | " not in k]
    lines += ["", f"{'splits':<60} {'shared texts':>12} {'normalised':>11}"]
    lines += [
        f"{k:<60} {v['exact']:>12} {v['normalised']:>11}" for k, v in report.items() if " | " in k
    ]
    typer.echo("\n".join(lines))
