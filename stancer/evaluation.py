"""Evaluating a classifier on a benchmark split with the task's official metric."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from stancer import __version__
from stancer.data.registry import get_benchmark, load_benchmark
from stancer.exceptions import DataError
from stancer.metrics import confusion_matrix, stance_metrics
from stancer.modeling import StanceClassifier
from stancer.stance import LABELS


def parse_data_spec(spec: str) -> tuple[str, str]:
    """``name[:split]`` → (name, split); the split defaults to ``test``."""
    name, _, split = spec.partition(":")
    return name, split or "test"


def evaluate(
    classifier: StanceClassifier,
    spec: str,
    *,
    data_dir: str | None = None,
    batch_size: int = 32,
    progress: bool = False,
) -> dict[str, Any]:
    """Score ``classifier`` on one benchmark split.

    Returns:
        ``{"data", "primary_metric", "metrics" (flat, with ``<subset>/<metric>`` keys for the
        task's official subsets), "confusion_matrix", "labels", "data_sha256"}``.
    """
    name, split = parse_data_spec(spec)
    bench = get_benchmark(name)
    folder = str(Path(data_dir) / name) if data_dir else None
    dataset = load_benchmark(name, data_dir=folder, splits=[split])[split]
    labels = [
        label for label in LABELS if label in set(classifier.classes_) | set(dataset["label"])
    ]
    start = time.perf_counter()
    predicted = classifier.predict(
        dataset["text"], dataset["target"], batch_size=batch_size, progress=progress
    )
    seconds = time.perf_counter() - start
    gold = dataset["label"]
    metrics = stance_metrics(gold, list(predicted), labels)
    for subset, (column, value) in bench.subsets.items():
        if column not in dataset.column_names:
            raise DataError(f"{spec}: expected a {column!r} column for the {subset} subset")
        mask = np.asarray(dataset[column]) == value
        sub = stance_metrics(list(np.asarray(gold)[mask]), list(predicted[mask]), labels)
        metrics.update({f"{subset}/{k}": v for k, v in sub.items()})
    metrics["pairs_per_second"] = len(dataset) / seconds
    return {
        "data": f"{name}:{split}",
        "primary_metric": bench.metric,
        "metrics": metrics,
        "labels": labels,
        "confusion_matrix": confusion_matrix(gold, list(predicted), labels).tolist(),
        "data_sha256": hashlib.sha256(
            json.dumps(dataset.to_dict(), sort_keys=True).encode()
        ).hexdigest(),
    }


def environment(batch_size: int) -> dict[str, Any]:
    """The settings a speed figure depends on, written beside it."""
    import transformers

    return {
        "stancer": __version__,
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "hardware": hardware(),
        "torch_threads": torch.get_num_threads(),
        "batch_size": batch_size,
    }


def hardware() -> str:
    """The GPU's name, or the CPU's model and core count."""
    if torch.cuda.is_available():
        return torch.cuda.get_device_name(0)
    name = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
    return f"{name}, {os.cpu_count()} cores"
