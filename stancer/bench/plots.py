"""Confusion matrices and reliability diagrams as PNG files (needs matplotlib)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as err:
        raise ImportError("plots need matplotlib: pip install 'stancer[plots]'") from err
    return plt


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


def plot_result(result: dict[str, Any], folder: str | Path) -> list[Path]:
    """Write ``<model>__<data>__confusion.png`` and ``…__reliability.png`` for one bench result."""
    plt = _pyplot()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{_slug(result['model'])}__{_slug(result['data'])}"
    title = f"{result['model']} on {result['data']}"

    fig, ax = plt.subplots(figsize=(4.5, 4))
    matrix, labels = result["confusion_matrix"], result["labels"]
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            ax.text(j, i, str(count), ha="center", va="center", fontsize=8)
    ax.set_title(title, fontsize=8)
    confusion = folder / f"{stem}__confusion.png"
    fig.tight_layout()
    fig.savefig(confusion, dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(4.5, 4))
    bins = [b for b in result["calibration"] if b["count"]]
    centres = [(b["lower"] + b["upper"]) / 2 for b in bins]
    ax.bar(centres, [b["accuracy"] for b in bins], width=0.09, alpha=0.7, label="accuracy")
    ax.plot([0, 1], [0, 1], "k--", linewidth=1, label="perfect calibration")
    ax.plot(centres, [b["confidence"] for b in bins], "o", label="mean confidence")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("confidence (top probability), 10 equal-width bins")
    ax.set_ylabel("accuracy")
    ax.set_title(f"{title}\nECE {result['metrics']['ece']:.3f}", fontsize=8)
    ax.legend(fontsize=7, loc="upper left")
    reliability = folder / f"{stem}__reliability.png"
    fig.tight_layout()
    fig.savefig(reliability, dpi=120)
    plt.close(fig)
    return [confusion, reliability]
