"""Scoring a classifier (or a baseline) on a benchmark split with the task's official metric."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import torch
from datasets import Dataset

from stancer import __version__
from stancer.bench.metrics import (
    calibration,
    confusion_matrix,
    f_avg_by_target,
    fnc_score,
    stance_metrics,
)
from stancer.data.registry import Benchmark, get_benchmark, load_benchmark, parse_spec

#: Per-target breakdowns are reported for datasets with at most this many targets.
MAX_TARGETS_BROKEN_DOWN = 30


class Predictor(Protocol):
    """What `evaluate` needs: `StanceClassifier` and the baselines have it."""

    classes_: Any

    def predict_proba(
        self, texts: Sequence[str], targets: Sequence[str], *, batch_size: int, progress: bool
    ) -> Any: ...


def load_eval_split(
    spec: str, *, data_dir: str | None = None, limit: int | None = None, seed: int = 0
) -> tuple[Benchmark, Dataset]:
    """The benchmark and its split named by ``spec``, sampled down to ``limit`` rows if given."""
    name, split = parse_spec(spec)
    bench = get_benchmark(name)
    dataset = load_benchmark(name, root=data_dir, splits=[split])[split]
    if limit is not None and limit < dataset.num_rows:
        dataset = dataset.shuffle(seed=seed).select(range(limit))
    return bench, dataset


def task_metrics(
    bench: Benchmark,
    gold: list[str],
    predicted: list[str],
    targets: list[str],
    labels: list[str],
    *,
    collapsed: bool,
) -> tuple[str, dict[str, float]]:
    """The task's official metric name and every metric, computed as the task defines them."""
    metrics = stance_metrics(gold, predicted, labels)
    primary = bench.metric
    if bench.metric == "f_avg_targets":
        metrics.update(f_avg_by_target(gold, predicted, targets, labels))
    elif bench.metric == "fnc_score":
        if collapsed:  # a three-label model cannot say "unrelated": score it on three classes
            primary = "macro_f1"
        else:
            metrics.update(fnc_score(gold, predicted))
    return primary, metrics


def evaluate(
    predictor: Predictor,
    bench: Benchmark,
    dataset: Dataset,
    *,
    spec: str,
    name: str,
    batch_size: int = 32,
    progress: bool = False,
) -> dict[str, Any]:
    """Score ``predictor`` on one split.

    When the data has ``unrelated`` (FNC-1, ARC) and the predictor does not, gold ``unrelated`` is
    collapsed into ``neutral`` and the result says so in ``notes``.

    Returns:
        ``{"model", "data", "primary_metric", "metrics" (flat floats, with ``<subset>/<metric>``
        keys for the task's official subsets), "labels", "confusion_matrix", "by_target",
        "calibration", "notes", "rows", "data_sha256"}``.
    """
    texts, targets, gold = dataset["text"], dataset["target"], list(dataset["label"])
    start = time.perf_counter()
    probs = np.asarray(
        predictor.predict_proba(texts, targets, batch_size=batch_size, progress=progress)
    )
    seconds = time.perf_counter() - start
    classes = [str(c) for c in predictor.classes_]
    predicted = [classes[i] for i in probs.argmax(axis=1)]
    notes = []
    collapsed = "unrelated" in gold and "unrelated" not in classes
    if collapsed:
        gold = ["neutral" if g == "unrelated" else g for g in gold]
        notes.append(
            "gold 'unrelated' collapsed into 'neutral': the model has no 'unrelated' label"
        )
    present = set(gold) | set(predicted)
    labels = [label for label in (*bench.labels, *classes) if label in present]
    labels = list(dict.fromkeys(labels))
    primary, metrics = task_metrics(bench, gold, predicted, targets, labels, collapsed=collapsed)
    for subset, (column, value) in bench.subsets.items():
        idx = np.flatnonzero(np.asarray(dataset[column]) == value).tolist()
        picked = (_pick(gold, idx), _pick(predicted, idx), _pick(targets, idx))
        _, sub = task_metrics(bench, *picked, labels, collapsed=collapsed)
        metrics.update({f"{subset}/{k}": v for k, v in sub.items() if not k.startswith("f_avg/")})
    calib = calibration(gold, probs, classes)
    metrics["ece"] = calib["ece"]
    metrics["pairs_per_second"] = len(texts) / seconds if seconds > 0 else float("inf")
    return {
        "model": name,
        "data": spec,
        "primary_metric": primary,
        "metrics": metrics,
        "labels": labels,
        "confusion_matrix": confusion_matrix(gold, predicted, labels).tolist(),
        "by_target": _by_target(gold, predicted, targets, labels),
        "calibration": calib["bins"],
        "notes": notes,
        "rows": len(texts),
        "data_sha256": hashlib.sha256(
            json.dumps(dataset.to_dict(), sort_keys=True).encode()
        ).hexdigest(),
    }


def _pick(values: Sequence[str], idx: Iterable[int]) -> list[str]:
    """The values at positions ``idx``."""
    return [values[i] for i in idx]


def _by_target(
    gold: Sequence[str], predicted: Sequence[str], targets: Sequence[str], labels: list[str]
) -> dict[str, dict[str, Any]]:
    """Macro-F1, F_avg, accuracy and the row count per target, for at most
    `MAX_TARGETS_BROKEN_DOWN` targets (none for more: a table of thousands helps nobody)."""
    if len(set(targets)) > MAX_TARGETS_BROKEN_DOWN:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for target in sorted(set(targets)):
        idx = [i for i, t in enumerate(targets) if t == target]
        m = stance_metrics(_pick(gold, idx), _pick(predicted, idx), labels)
        out[target] = {k: m[k] for k in ("n", "macro_f1", "f_avg", "accuracy") if k in m}
    return out


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
