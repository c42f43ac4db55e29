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
from stancer.quiet import quietly

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
    from stancer.data.registry import BENCHMARKS, parse_spec

    name, split = parse_spec(spec, default_split)
    return f"{name}:{split}" if name in BENCHMARKS else spec


def load_spec(
    spec: str, *, default_split: str, data_dir: str | os.PathLike[str] | None = None
) -> Dataset:
    """``name[:split]`` of a registered benchmark, or a data file path, as text / target / label / source."""
    from stancer.data import load
    from stancer.data.registry import BENCHMARKS, load_benchmark, parse_spec

    spec = canonical_spec(spec, default_split)
    name, split = parse_spec(spec, default_split)
    if name in BENCHMARKS:
        dataset = load_benchmark(name, root=data_dir, splits=[split])[split]
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


#: The label a text has toward the contradictory of a proposition, given its label toward it.
FLIPPED = {"favor": "against", "against": "favor"}


def read_negations(
    path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None
) -> dict[str, str]:
    """Proposition → its contradictory, from a JSON-lines file of ``{"proposition", "negation"}``.

    A relative path that does not exist is looked up in ``data_dir`` (default
    `data_root`), where ``propositions_negated.jsonl`` lives beside the datasets.
    """
    from stancer.data.registry import data_root, jsonl_rows

    found = Path(path)
    if not found.is_file() and not found.is_absolute():
        found = data_root(data_dir) / path
    if not found.is_file():
        raise DataError(
            f"negations: no file {path!r} (looked in the working folder and the data folder); "
            'expected JSON lines of {"proposition": …, "negation": …}'
        )
    pairs = {}
    for number, row in enumerate(jsonl_rows(found), start=1):
        if not isinstance(row.get("proposition"), str) or not isinstance(row.get("negation"), str):
            raise DataError(
                f"{found}, row {number}: expected string fields proposition and negation"
            )
        pairs[row["proposition"]] = row["negation"]
    return pairs


def _capped(
    dataset: Dataset,
    per_target: int | None,
    per_dataset: int | None,
    neutral_share: float | None,
    rng: np.random.Generator,
) -> Dataset:
    """A dataset sampled down to at most ``per_target`` rows per target, then ``per_dataset``
    rows, then at most ``neutral_share`` of neutral rows (as `load_mixture` documents)."""
    if per_target:
        dataset = _cap_per_target(dataset, per_target, rng)
    if per_dataset and dataset.num_rows > per_dataset:
        dataset = _resample(dataset, per_dataset, rng)
    return dataset if neutral_share is None else _cap_neutral(dataset, neutral_share, rng)


def _cap_neutral(dataset: Dataset, share: float, rng: np.random.Generator) -> Dataset:
    """Keep every favor / against row and at most ``share`` of the result as neutral rows."""
    labels = np.array(dataset["label"])
    neutral = np.flatnonzero(labels == "neutral")
    polar = np.flatnonzero(labels != "neutral")
    most = int(round(share / (1 - share) * len(polar))) if share < 1 else len(neutral)
    if len(neutral) <= most:
        return dataset
    kept = rng.choice(neutral, size=most, replace=False)
    return dataset.select(sorted(np.concatenate([polar, kept]).tolist()))


def _negated_rows(dataset: Dataset, negations: Mapping[str, str]) -> Dataset:
    """Each favor / against row whose target has a contradictory, toward it with the label flipped."""
    rows = [
        {**row, "target": negations[row["target"]], "label": FLIPPED[row["label"]]}
        for row in dataset
        if row["label"] in FLIPPED and row["target"] in negations
    ]
    return Dataset.from_list(rows, features=dataset.features) if rows else dataset.select([])


def _wrong_target_rows(dataset: Dataset, rate: float, rng: np.random.Generator) -> Dataset:
    """``rate`` x rows: a sampled text with a target of the same dataset that it is never paired
    with (so almost always another article's or topic's proposition), labelled neutral."""
    texts, targets = dataset["text"], dataset["target"]
    paired: dict[str, set[str]] = defaultdict(set)
    for text, target in zip(texts, targets, strict=True):
        paired[text].add(target)
    pool = sorted(set(targets))
    rows = []
    for i in rng.choice(len(texts), size=int(round(rate * len(texts))), replace=True):
        choices = [pool[j] for j in rng.choice(len(pool), size=min(8, len(pool)), replace=False)]
        other = next((t for t in choices if t not in paired[texts[i]]), None)
        if other is not None:
            rows.append({**dataset[int(i)], "target": other, "label": "neutral"})
    return Dataset.from_list(rows, features=dataset.features) if rows else dataset.select([])


@quietly
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
    neutral_share: float | Mapping[str, float] | None = None,
    negations: Mapping[str, str] | None = None,
    wrong_target_rate: float = 0.0,
    seed: int = 0,
) -> Mixture:
    """Combine datasets into one shuffled training set.

    Args:
        weights: Data spec (``name[:split]`` or a file) → weight; a list means weight 1 each.
            A weight multiplies the dataset's size after capping: 0.5 keeps half the rows (a
            random half), 2 repeats every row twice.
        split: The split of specs that name none.
        data_dir: Folder with one sub-folder per benchmark (default `stancer.data.data_root`).
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
        neutral_share: Down-sample each dataset's neutral rows to at most this share of it
            (every favor / against row is kept), before weighting; a mapping spec → share sets
            it for the specs it names only.
        negations: Proposition → its contradictory (`read_negations`): each favor / against row
            toward a proposition in it is added again toward the contradictory with the label
            flipped (a text that favors P is against not-P), before weighting.
        wrong_target_rate: Add this many rows per row (0.1 = 10%) of texts paired with a target
            of the same dataset that they are never paired with, labelled neutral ("wrong target").
        seed: Every sample and the final shuffle follow it.

    Example:
        >>> mix = load_mixture({"vast": 1.0, "semeval2016": 2.0}, max_per_target=200, seed=1)  # doctest: +SKIP
        >>> mix.report["total"]  # doctest: +SKIP
    """
    _check_options(unrelated, temperature, wrong_target_rate)
    specs, shares = _weights_and_shares(weights, neutral_share, split)
    rng = np.random.default_rng(seed)
    held_out = {
        normalise(text)
        for spec in exclude or []
        for text in load_spec(spec, default_split="test", data_dir=data_dir)["text"]
    }
    seen: set[tuple[str, str, str]] = set()
    report: dict[str, Any] = {"dropped_duplicates": 0, "dropped_held_out_texts": 0}
    parts: dict[str, Dataset] = {}
    for spec in specs:
        dataset = load_spec(spec, default_split=split, data_dir=data_dir)
        report[spec] = {"read": dataset.num_rows}
        dataset = _new_rows(map_unrelated(dataset, unrelated), held_out, seen, dedupe, report)
        dataset = _capped(dataset, max_per_target, max_per_dataset, shares.get(spec), rng)
        added = {}
        if negations:
            added["negated"] = _negated_rows(dataset, negations)
        if wrong_target_rate:
            added["wrong_target"] = _wrong_target_rows(dataset, wrong_target_rate, rng)
        report[spec].update({kind: extra.num_rows for kind, extra in added.items()})
        parts[spec] = concatenate_datasets([dataset, *added.values()])
        report[spec]["kept"] = parts[spec].num_rows
    empty = [spec for spec, dataset in parts.items() if dataset.num_rows == 0]
    if empty:
        raise DataError(
            f"{empty[0]}: no rows left after dropping duplicates and held-out texts "
            f"(the mixture is empty of it): {report}"
        )
    mixture = _weighted(parts, specs, temperature, rng, report).shuffle(seed=seed)
    mixture = mixture.flatten_indices()
    report["total"] = mixture.num_rows
    report["labels"] = dict(Counter(mixture["label"]).most_common())
    logger.info("mixture: %s", report)
    return Mixture(mixture, report)


def _check_options(unrelated: str, temperature: float | None, wrong_target_rate: float) -> None:
    if unrelated not in UNRELATED:
        raise DataError(f"unrelated: expected one of {UNRELATED}, got {unrelated!r}")
    if temperature is not None and temperature <= 0:
        raise DataError(f"temperature: expected a positive number, got {temperature!r}")
    if not 0 <= wrong_target_rate <= 1:
        raise DataError(
            f"wrong_target_rate: expected a number in [0, 1], got {wrong_target_rate!r}"
        )


def _weights_and_shares(
    weights: Mapping[str, float] | list[str],
    neutral_share: float | Mapping[str, float] | None,
    split: str,
) -> tuple[dict[str, float], dict[str, float | None]]:
    """The mixture's specs → weight and specs → neutral share, checked."""
    given = dict.fromkeys(weights, 1.0) if isinstance(weights, list) else dict(weights)
    specs = {canonical_spec(spec, split): weight for spec, weight in given.items()}
    if not specs:
        raise DataError("weights: expected at least one data spec, got none")
    shares: dict[str, float | None] = (
        {canonical_spec(k, split): v for k, v in neutral_share.items()}
        if isinstance(neutral_share, Mapping)
        else dict.fromkeys(specs, neutral_share)
    )
    bad_shares = {k: v for k, v in shares.items() if v is not None and not 0 < v <= 1}
    if bad_shares or not set(shares) <= set(specs):
        raise DataError(
            f"neutral_share: expected numbers in (0, 1] for specs of the mixture, got {neutral_share!r}"
        )
    bad = {s: w for s, w in specs.items() if not w > 0}
    if bad:
        raise DataError(f"weights: expected positive weights, got {bad}")
    return specs, shares


def _new_rows(
    dataset: Dataset,
    held_out: set[str],
    seen: set[tuple[str, str, str]],
    dedupe: bool,
    report: dict[str, Any],
) -> Dataset:
    """The rows whose text is not held out and (with ``dedupe``) whose normalised (text, target,
    label) was not read before; ``seen`` and the report's drop counts are updated."""
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
    return dataset.select(keep)


def _weighted(
    parts: dict[str, Dataset],
    weights: dict[str, float],
    temperature: float | None,
    rng: np.random.Generator,
    report: dict[str, Any],
) -> Dataset:
    """The parts resampled to weight × size (temperature-scaled shares if given), joined."""
    sizes = {s: weights[s] * d.num_rows for s, d in parts.items()}
    if temperature is not None:
        scaled = {s: n ** (1 / temperature) for s, n in sizes.items()}
        total = sum(sizes.values())
        sizes = {s: total * v / sum(scaled.values()) for s, v in scaled.items()}
    sampled = []
    for spec, dataset in parts.items():
        sampled.append(_resample(dataset, max(1, round(sizes[spec])), rng))
        report[spec]["sampled"] = sampled[-1].num_rows
    return concatenate_datasets(sampled)
