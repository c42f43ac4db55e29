"""`stancer predict`: texts toward one target, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from stancer.cli import options
from stancer.exceptions import StancerError


def predict(
    texts: list[str] = typer.Argument(None, help="texts to classify"),
    target: str = typer.Option(..., "--target", "-t", help="the target proposition"),
    file: Path | None = typer.Option(None, "--file", help="a UTF-8 file with one text per line"),
    model: str | None = options.model(),
    batch_size: int = options.batch_size(),
    format: options.PredictFormat = typer.Option("table", "--format", "-f"),
    width: int = typer.Option(100, min=1, help="cut texts to this many characters in the table"),
) -> None:
    """Classify texts toward one target."""
    from stancer.model.api import predict as classify
    from stancer.stance import LABELS
    from stancer.tabular import cut, table

    texts = list(texts or [])
    if file is not None:
        if not file.is_file():
            raise StancerError(
                f"--file {file}: no such file; expected UTF-8 text, one text per line"
            )
        texts += [line.strip() for line in file.read_text(encoding="utf-8").splitlines()]
        texts = [t for t in texts if t]
    if not texts:
        raise StancerError("expected texts as arguments or --file F (one text per line), got none")
    results = classify(texts, target, model=model, batch_size=batch_size)
    if format is options.PredictFormat.json:
        typer.echo(json.dumps([r.__dict__ for r in results], indent=2, ensure_ascii=False))
        return
    rows = [
        [r.label, *(f"{r.scores[label]:.3f}" for label in LABELS), cut(r.text, width)]
        for r in results
    ]
    lines = table(["label", *LABELS, "text"], rows)
    typer.echo("\n".join([f"target: {target}", "", *lines]))
