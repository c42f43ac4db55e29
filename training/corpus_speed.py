"""Throughput of the corpus job against a plain loop over `stancer.analyze`, in one run.

    python training/corpus_speed.py [--articles polnear:test] [--ray]

Prints articles/s and pairs/s for: the loop (one article at a time, model and parser loaded
first); the local engine without worker processes; the local engine with its workers (the
default); and, with --ray, the Ray engine in local mode (its start-up included).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import stancer
from stancer.corpus.job import analyze_corpus
from stancer.data import load_articles
from stancer.data.registry import parse_spec
from stancer.model.api import load_model
from stancer.news.parsing import parse

TARGETS = [
    "Donald Trump should be elected president",
    "Hillary Clinton should be elected president",
    "The United States should build a wall on the border with Mexico",
    "The Affordable Care Act should be repealed",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="polnear:test")
    parser.add_argument("--ray", action="store_true", help="also time the Ray engine (local mode)")
    args = parser.parse_args()
    name, split = parse_spec(args.articles)
    texts = [a.text for a in load_articles(name, split)]
    model = load_model(None)
    parse("warm-up")
    stancer.analyze('"We will," she said.', TARGETS, model=model)
    rows: list[tuple[str, float, int]] = []
    start = time.perf_counter()
    pairs = sum(
        len(stancer.analyze(t, TARGETS, model=model).sentences) * len(TARGETS) for t in texts
    )
    rows.append(("loop over stancer.analyze", time.perf_counter() - start, pairs))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
        )
        cores = os.cpu_count() or 2
        for label, workers in (
            ("corpus job, no workers", 0),
            (f"corpus job, {max(1, cores - 1)} worker(s)", max(1, cores - 1)),
        ):
            start = time.perf_counter()
            report = analyze_corpus(corpus, TARGETS, model=model, id_column="id", workers=workers,
                                    output=Path(tmp) / f"{workers}.parquet")  # fmt: skip
            rows.append((label, time.perf_counter() - start, report.rows))
        if args.ray:
            start = time.perf_counter()
            report = analyze_corpus(corpus, TARGETS, id_column="id", engine="ray",
                                    output=Path(tmp) / "ray.parquet")  # fmt: skip
            rows.append(
                ("ray engine, local mode, 1 actor", time.perf_counter() - start, report.rows)
            )
    print(
        f"{len(texts)} articles of {args.articles} x {len(TARGETS)} targets, {os.cpu_count()} cores"
    )
    print(f"{'run':<36} {'seconds':>8} {'articles/s':>11} {'pairs/s':>8} {'vs loop':>8}")
    for label, seconds, pairs in rows:
        print(f"{label:<36} {seconds:>8.1f} {len(texts) / seconds:>11.2f} {pairs / seconds:>8.1f} "
              f"{rows[0][1] / seconds:>7.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
