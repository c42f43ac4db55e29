"""Finding the same text in two places: across splits, across datasets, within one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from itertools import combinations

from datasets import Dataset

_URL = re.compile(r"https?://\S+|www\.\S+")
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Casefolded, accents and URLs removed, punctuation and spacing collapsed, ``#SemST`` dropped.

    Example:
        >>> normalise("  We MUST act, now!! http://t.co/x #SemST")
        'we must act now'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _URL.sub(" ", text.casefold()).replace("#semst", " ")
    return _NON_WORD.sub(" ", text).strip()


def _keys(dataset: Dataset, normalised: bool) -> set[str]:
    texts = dataset["text"]
    return {normalise(t) for t in texts} if normalised else set(texts)


def overlap(a: Dataset, b: Dataset, *, normalised: bool = True) -> set[str]:
    """Texts (normalised, or exact) that occur in both datasets."""
    return _keys(a, normalised) & _keys(b, normalised)


def leakage_report(datasets: Mapping[str, Dataset]) -> dict[str, dict[str, int]]:
    """For each pair of named datasets, how many distinct texts they share, exactly and normalised;
    for each single one, how many of its rows repeat an earlier (text, target, label) row.

    Example:
        >>> leakage_report({"vast:train": train, "vast:test": test})  # doctest: +SKIP
        {'vast:train | vast:test': {'exact': 0, 'normalised': 3}, 'vast:train': {'duplicate_rows': 12}, ...}
    """
    report: dict[str, dict[str, int]] = {}
    for name, dataset in datasets.items():
        rows = zip(dataset["text"], dataset["target"], dataset["label"], strict=True)
        report[name] = {"duplicate_rows": dataset.num_rows - len(set(rows))}
    for (name_a, a), (name_b, b) in combinations(datasets.items(), 2):
        report[f"{name_a} | {name_b}"] = {
            "exact": len(overlap(a, b, normalised=False)),
            "normalised": len(overlap(a, b, normalised=True)),
        }
    return report
