"""Speed and memory of inference: stancer's batching against the plain transformers pipeline."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from stancer.model.classifier import StanceClassifier


def _percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def measure(
    runners: dict[str, Callable[[], list[float]]], n_pairs: int, *, runs: int = 5, warmup: int = 1
) -> dict[str, dict[str, Any]]:
    """Time each runner (which returns one latency per batch), interleaved run by run (A B A B …)
    after ``warmup`` untimed rounds, so that a change of load on the machine hits all alike.

    Returns, per runner: pairs per second (median and spread over ``runs``), p50 / p95 batch
    latency over all timed batches in milliseconds, and each run's pairs per second.
    """
    for _ in range(warmup):
        for run in runners.values():
            run()
    throughputs: dict[str, list[float]] = {name: [] for name in runners}
    latencies: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(runs):
        for name, run in runners.items():
            start = time.perf_counter()
            latencies[name] += run()
            throughputs[name].append(n_pairs / (time.perf_counter() - start))
    return {
        name: {
            "pairs_per_second": statistics.median(throughputs[name]),
            "pairs_per_second_min": min(throughputs[name]),
            "pairs_per_second_max": max(throughputs[name]),
            "batch_ms_p50": 1000 * _percentile(latencies[name], 50),
            "batch_ms_p95": 1000 * _percentile(latencies[name], 95),
            "runs": float(runs),
            "per_run": throughputs[name],
        }
        for name in runners
    }


def speedup(first: dict[str, Any], second: dict[str, Any]) -> float:
    """The median over interleaved runs of ``first``'s pairs/s over ``second``'s."""
    return statistics.median(
        a / b for a, b in zip(first["per_run"], second["per_run"], strict=True)
    )


def benchmark_speed(
    classifier: StanceClassifier,
    texts: Sequence[str],
    targets: Sequence[str],
    *,
    batch_size: int = 32,
    runs: int = 5,
    compare_pipeline: bool = True,
) -> dict[str, Any]:
    """Pairs per second, batch latency and peak memory of ``classifier``, and of the same model
    through ``transformers.pipeline("text-classification")`` with the same batch size.

    stancer's batches are sorted by length (dynamic padding); the pipeline's come in input order.
    The two are timed in turn, run by run, and the speed-up is the median of the per-run ratios.
    """
    texts, targets = list(texts), list(targets)
    result: dict[str, Any] = {"pairs": len(texts), "batch_size": batch_size}
    runners = {"stancer": _stancer_run(classifier, texts, targets, batch_size)}
    if compare_pipeline:
        runners["pipeline"] = _pipeline_run(classifier, texts, targets, batch_size)
    result.update(measure(runners, len(texts), runs=runs))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if compare_pipeline:
        result["speedup"] = speedup(result["stancer"], result["pipeline"])
    return result


def _stancer_run(
    classifier: StanceClassifier, texts: list[str], targets: list[str], batch_size: int
) -> Callable[[], list[float]]:
    """One run of stancer over the pairs, batched as it batches them (sorted by length): the
    seconds of each batch."""
    order = np.argsort(
        [len(t) + len(g) for t, g in zip(texts, targets, strict=True)], kind="stable"
    )

    def run() -> list[float]:
        latencies = []
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            began = time.perf_counter()
            classifier.predict_proba(
                [texts[i] for i in idx], [targets[i] for i in idx], batch_size=batch_size
            )
            latencies.append(time.perf_counter() - began)
        return latencies

    return run


def _pipeline_run(
    classifier: StanceClassifier, texts: list[str], targets: list[str], batch_size: int
) -> Callable[[], list[float]]:
    """One run of the same model through ``transformers.pipeline("text-classification")``, in
    input order: the seconds of each batch."""
    from transformers import pipeline

    pipe = pipeline(
        "text-classification",
        model=classifier.model,
        tokenizer=classifier.tokenizer,
        device=classifier.model.device,
    )
    inputs = [{"text": g, "text_pair": t} for t, g in zip(texts, targets, strict=True)]

    def run() -> list[float]:
        latencies = []
        for start in range(0, len(inputs), batch_size):
            began = time.perf_counter()
            pipe(
                inputs[start : start + batch_size],
                batch_size=batch_size,
                truncation="only_second",
                max_length=classifier.max_length,
                top_k=None,
            )
            latencies.append(time.perf_counter() - began)
        return latencies

    return run
