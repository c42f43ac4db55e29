"""Training mixtures: several datasets in one label space, capped, weighted, de-duplicated, by seed."""

from __future__ import annotations

import logging
import os
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from datasets import Dataset, concatenate_datasets

from stancer.data.leakage import normalise
from stancer.exceptions import DataError

logger = logging.getLogger(__name__)

#: What to do with FNC-1 / ARC's ``unrelated`` label in a mixture.
UNRELATED = ("neutral", "keep", "drop")


@dataclass
class Mixture:
    """A training mixture and what was done to build it."""

    dataset: Dataset
    #: Per source: rows read, rows kept; plus totals of what was dropped and why.
    report: dict[str, Any] = field(default_factory=dict)


def canonical_spec(spec: str, default_split: str) -> str:
    """``vast`` → ``vast:train`` (with ``default_split="train"``); file paths stay as they are."""
    from stancer.data.registry import BENCHMARKS

    name, _, split = spec.partition(":")
    return f"{name}:{split or default_split}" if name in BENCHMARKS else spec


def load_spec(
    spec: str, *, default_split: str, data_dir: str | os.PathLike[str] | None = None
) -> Dataset:
    """``name[:split]`` of a registered benchmark, or a data file path, as text / target / label / source."""
    from stancer.data import load
    from stancer.data.registry import BENCHMARKS

    spec = canonical_spec(spec, default_split)
    name, _, split = spec.partition(":")
    if name in BENCHMARKS:
        folder = Path(data_dir) / name if data_dir else None
        dataset = load(name, data_dir=folder, splits=[split])[split]
    elif Path(spec).is_file():
        dataset = load(spec)["train"]
    else:
        raise DataError(
            f"data spec {spec!r}: expected a registered dataset ({', '.join(sorted(BENCHMARKS))}) "
            "with an optional ':split', or the path of an existing data file"
        )
    dataset = dataset.select_columns(["text", "target", "label"])
    return dataset.add_column("source", [spec] * dataset.num_rows)


def _unrelated_as_neutral(row: dict[str, Any]) -> dict[str, str]:
    return {"label": "neutral" if row["label"] == "unrelated" else row["label"]}


def _is_related(row: dict[str, Any]) -> bool:
    return row["label"] != "unrelated"


def map_unrelated(dataset: Dataset, unrelated: str) -> Dataset:
    """FNC-1 / ARC's ``unrelated`` label as ``neutral``, kept (``keep``), or its rows dropped (``drop``)."""
    if unrelated == "neutral":
        return dataset.map(_unrelated_as_neutral)
    return dataset.filter(_is_related) if unrelated == "drop" else dataset


def _cap_per_target(dataset: Dataset, cap: int, rng: np.random.Generator) -> Dataset:
    by_target: dict[str, list[int]] = defaultdict(list)
    for i, target in enumerate(dataset["target"]):
        by_target[normalise(target)].append(i)
    keep: list[int] = []
    for rows in by_target.values():
        keep += list(rng.choice(rows, size=cap, replace=False)) if len(rows) > cap else rows
    return dataset.select(sorted(keep))


def _resample(dataset: Dataset, size: int, rng: np.random.Generator) -> Dataset:
    """``size`` rows: a sample without replacement, or whole copies plus a sample of the rest."""
    n = dataset.num_rows
    whole, rest = divmod(size, n)
    indices = np.concatenate(
        [np.tile(np.arange(n), whole), rng.choice(n, size=rest, replace=False)]
    )
    return dataset.select(indices.astype(int))


def load_mixture(
    weights: Mapping[str, float] | list[str],
    *,
    split: str = "train",
    data_dir: str | os.PathLike[str] | None = None,
    unrelated: str = "neutral",
    max_per_dataset: int | None = None,
    max_per_target: int | None = None,
    temperature: float | None = None,
    dedupe: bool = True,
    exclude: list[str] | None = None,
    seed: int = 0,
) -> Mixture:
    """Combine datasets into one shuffled training set.

    Args:
        weights: Data spec (``name[:split]`` or a file) → weight; a list means weight 1 each.
            A weight multiplies the dataset's size after capping: 0.5 keeps half the rows (a
            random half), 2 repeats every row twice.
        split: The split of specs that name none.
        data_dir: Folder with one sub-folder per benchmark (default ``$STANCER_DATA_DIR``).
        unrelated: FNC-1 / ARC's ``unrelated`` becomes ``neutral``, is kept as a fourth class
            (``keep``), or its rows are dropped (``drop``).
        max_per_dataset: Cap each dataset at this many rows (a random sample) before weighting.
        max_per_target: Cap each target of each dataset at this many rows.
        temperature: Temperature sampling over datasets: shares proportional to
            ``(weight * size) ** (1 / temperature)``, the total size unchanged; 1 is proportional,
            larger values move toward equal shares.
        dedupe: Drop rows repeating a normalised (text, target, label) already read, within a
            dataset and across datasets (before weighting, which repeats rows on purpose).
        exclude: Data specs (for example the validation and test splits) whose texts must not
            occur in the mixture: such training rows are dropped and counted.
        seed: Every sample and the final shuffle follow it.

    Example:
        >>> mix = load_mixture({"vast": 1.0, "semeval2016": 2.0}, max_per_target=200, seed=1)  # doctest: +SKIP
        >>> mix.report["total"]  # doctest: +SKIP
    """
    if unrelated not in UNRELATED:
        raise DataError(f"unrelated: expected one of {UNRELATED}, got {unrelated!r}")
    if temperature is not None and temperature <= 0:
        raise DataError(f"temperature: expected a positive number, got {temperature!r}")
    given = dict.fromkeys(weights, 1.0) if isinstance(weights, list) else dict(weights)
    specs = {canonical_spec(spec, split): weight for spec, weight in given.items()}
    if not specs:
        raise DataError("weights: expected at least one data spec, got none")
    bad = {s: w for s, w in specs.items() if not w > 0}
    if bad:
        raise DataError(f"weights: expected positive weights, got {bad}")
    rng = np.random.default_rng(seed)
    held_out: set[str] = set()
    for spec in exclude or []:
        held_out |= {
            normalise(t) for t in load_spec(spec, default_split="test", data_dir=data_dir)["text"]
        }
    seen: set[tuple[str, str, str]] = set()
    report: dict[str, Any] = {"dropped_duplicates": 0, "dropped_held_out_texts": 0}
    parts: dict[str, Dataset] = {}
    for spec in specs:
        dataset = load_spec(spec, default_split=split, data_dir=data_dir)
        read = dataset.num_rows
        dataset = map_unrelated(dataset, unrelated)
        keep = []
        for i, (text, target, label) in enumerate(
            zip(dataset["text"], dataset["target"], dataset["label"], strict=True)
        ):
            key = (normalise(text), normalise(target), label)
            if key[0] in held_out:
                report["dropped_held_out_texts"] += 1
            elif dedupe and key in seen:
                report["dropped_duplicates"] += 1
            else:
                seen.add(key)
                keep.append(i)
        dataset = dataset.select(keep)
        if max_per_target:
            dataset = _cap_per_target(dataset, max_per_target, rng)
        if max_per_dataset and dataset.num_rows > max_per_dataset:
            dataset = _resample(dataset, max_per_dataset, rng)
        parts[spec] = dataset
        report[spec] = {"read": read, "kept": dataset.num_rows}
    empty = [spec for spec, dataset in parts.items() if dataset.num_rows == 0]
    if empty:
        raise DataError(
            f"{empty[0]}: no rows left after dropping duplicates and held-out texts "
            f"(the mixture is empty of it): {report}"
        )

    sizes = {s: specs[s] * d.num_rows for s, d in parts.items()}
    if temperature is not None:
        scaled = {s: n ** (1 / temperature) for s, n in sizes.items()}
        total = sum(sizes.values())
        sizes = {s: total * v / sum(scaled.values()) for s, v in scaled.items()}
    for spec, dataset in parts.items():
        parts[spec] = _resample(dataset, max(1, round(sizes[spec])), rng)
        report[spec]["sampled"] = parts[spec].num_rows

    mixture = concatenate_datasets(list(parts.values()))
    mixture = mixture.shuffle(seed=seed).flatten_indices()
    report["total"] = mixture.num_rows
    report["labels"] = dict(Counter(mixture["label"]).most_common())
    logger.info("mixture: %s", report)
    return Mixture(mixture, report)
