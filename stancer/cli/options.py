"""What the commands' shared options mean, once: ``--model``, ``--format`` (its choices per
command), ``--output`` (where a command writes: a file or a folder, as its help says),
``--batch-size`` and ``--data-dir``."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer


class PredictFormat(str, Enum):
    table = "table"
    json = "json"


class AnalyzeFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"


class Period(str, Enum):
    D = "D"
    W = "W"
    M = "M"
    Y = "Y"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class BenchFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


def model(default: object = None, *, many: bool = False) -> Any:
    help_text = "a model in models/, a model folder or a hub id (default: the shipped model)"
    return typer.Option(
        default, "--model", "-m", help=help_text + ("; repeat for several" if many else "")
    )


def output(help_text: str) -> Any:
    return typer.Option(None, "--output", "-o", help=help_text)


def data_dir() -> Any:
    return typer.Option(
        None,
        "--data-dir",
        help="the folder of the datasets (default: $STANCER_DATA_DIR, else ~/stancer_data)",
    )


def batch_size() -> Any:
    return typer.Option(32, "--batch-size", min=1, help="pairs per forward pass")
