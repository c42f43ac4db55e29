"""Splits for unseen-target evaluation: held-out targets, and leave one group out (through
scikit-learn's `GroupShuffleSplit` and `LeaveOneGroupOut`)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from datasets import Dataset, DatasetDict, concatenate_datasets
from sklearn.model_selection import GroupShuffleSplit, LeaveOneGroupOut

from stancer.data.leakage import normalise
from stancer.exceptions import DataError


def split_by_target(
    dataset: Dataset, *, fraction: float = 0.1, seed: int = 0
) -> tuple[Dataset, Dataset]:
    """Split rows so that no (normalised) target of the second part occurs in the first.

    About ``fraction`` of the targets (not rows), at least one, go to the second part: a
    development set of unseen targets, for zero-shot model selection.
    """
    if not 0 < fraction < 1:
        raise DataError(f"fraction: expected a number between 0 and 1, got {fraction!r}")
    groups = [normalise(t) for t in dataset["target"]]
    distinct = len(set(groups))
    if distinct < 2:
        raise DataError(f"split_by_target: needs at least 2 distinct targets, found {distinct}")
    held = max(1, round(fraction * distinct))
    splitter = GroupShuffleSplit(n_splits=1, test_size=held, random_state=seed)
    first, second = next(splitter.split(np.zeros(len(groups)), groups=groups))
    return dataset.select(sorted(first)), dataset.select(sorted(second))


def leave_one_out(data: DatasetDict, column: str = "target") -> Iterator[tuple[str, DatasetDict]]:
    """The cross-group protocol (UKP ArgMin's leave-one-topic-out, leave-one-target-out).

    All splits are pooled; for each value of ``column`` in turn (in sorted order), the rows with
    that value are the ``test`` split and all other rows the ``train`` split.

    Example:
        >>> ukp = load("ukp_argmin")  # doctest: +SKIP
        >>> for topic, folds in leave_one_out(ukp, "topic"): ...  # doctest: +SKIP
    """
    pooled = concatenate_datasets(list(data.values()))
    if column not in pooled.column_names:
        raise DataError(
            f"leave_one_out: no column {column!r}; the columns are {pooled.column_names}"
        )
    groups = [str(v) for v in pooled[column]]
    for outside, inside in LeaveOneGroupOut().split(np.zeros(len(groups)), groups=groups):
        yield (
            groups[inside[0]],
            DatasetDict({"train": pooled.select(outside), "test": pooled.select(inside)}),
        )
