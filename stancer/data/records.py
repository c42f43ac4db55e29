"""Turning raw rows into the unified schema (`id`, `text`, `target`, `label`, extras), loudly."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from datasets import Dataset

from stancer.exceptions import DataError
from stancer.stance import LABELS

#: Spellings of the unified labels that are understood without a label map (case-insensitive).
LABEL_ALIASES: dict[str, str] = {
    "favor": "favor",
    "favour": "favor",
    "pro": "favor",
    "support": "favor",
    "against": "against",
    "con": "against",
    "oppose": "against",
    "neutral": "neutral",
    "none": "neutral",
    "neither": "neutral",
    "agree": "favor",
    "disagree": "against",
}


def normalise_label(
    value: Any, label_map: Mapping[Any, str] | None, labels: tuple[str, ...] = LABELS
) -> str | None:
    """Return the unified label of ``value``, or ``None`` when it is not one of ``labels``.

    A missing value (``None``, NaN) is never a label, even where the string ``"none"`` is.
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    if label_map is not None:
        text = str(value).strip()
        keys: list[Any] = [value, text]
        if text.lstrip("+-").isdigit():
            keys.append(int(text))
        for key in keys:
            if key in label_map:
                mapped = label_map[key]
                return mapped if mapped in labels else None
        return None
    label = LABEL_ALIASES.get(str(value).strip().lower())
    return label if label in labels else None


def _problem(
    row: Mapping[str, Any], label_map: Mapping[Any, str] | None, labels: tuple[str, ...]
) -> str | None:
    """What is wrong with a raw row, as the end of an error message; None when it is valid."""
    for column in ("text", "target"):
        value = row.get(column)
        if not isinstance(value, str) or not value.strip():
            return f"column {column!r} is empty ({value!r}); every row needs a non-empty {column}"
    label = row.get("label")
    if label is None or (isinstance(label, float) and label != label) or str(label).strip() == "":
        return f"column 'label' is empty ({label!r}); every row needs a label"
    if normalise_label(label, label_map, labels) is None:
        hint = (
            f"the label map given covers {sorted(map(str, label_map))}"
            if label_map is not None
            else f"without a label map the accepted labels are {sorted(LABEL_ALIASES)}"
        )
        return (
            f"column 'label' has {row.get('label')!r}, which is not one of {list(labels)}; {hint}. "
            f"Pass label_map={{{row.get('label')!r}: 'favor'|'against'|'neutral', ...}}"
        )
    return None


def to_dataset(
    rows: Iterable[Mapping[str, Any]],
    *,
    source: str,
    label_map: Mapping[Any, str] | None = None,
    labels: tuple[str, ...] = LABELS,
    drop_invalid: bool = False,
) -> Dataset:
    """Validate rows that already have `text`, `target`, `label` (raw) and build a `Dataset`.

    Args:
        rows: Mappings with the keys `text`, `target`, `label`, optionally `id` and extras.
            Row numbers in errors count from 1, as a spreadsheet shows them after its header.
        source: Where the rows came from (a file name), for error messages.
        label_map: Raw label → unified label. Without one, `LABEL_ALIASES` applies.
        labels: The unified labels allowed (``unrelated`` joins them for FNC-1 and ARC).
        drop_invalid: Drop invalid rows instead of raising, with a warning that counts them by
            reason and names the first rows.

    Raises:
        DataError: naming the source, the row, the column and the value.
    """
    records: list[dict[str, Any]] = []
    dropped: dict[str, list[int]] = {}
    for number, row in enumerate(rows, start=1):
        problem = _problem(row, label_map, labels)
        if problem is not None:
            if not drop_invalid:
                raise DataError(
                    f"{source}, row {number}: {problem}. Fix or remove the row, or pass drop_invalid=True"
                )
            dropped.setdefault(problem.split(";")[0], []).append(number)
            continue
        record = dict(row)
        record["id"] = str(row.get("id", number))
        record["label"] = normalise_label(row["label"], label_map, labels)
        records.append(record)
    if dropped:
        summary = "; ".join(
            f"{len(numbers)} rows where {reason} (rows {', '.join(map(str, numbers[:5]))}{', …' if len(numbers) > 5 else ''})"
            for reason, numbers in dropped.items()
        )
        warnings.warn(
            f"{source}: dropped {sum(map(len, dropped.values()))} invalid rows: {summary}",
            stacklevel=2,
        )
    if not records:
        raise DataError(f"{source}: no rows; expected at least one (text, target, label) row")
    columns = ["id", "text", "target", "label"]
    extras = [k for k in records[0] if k not in columns]
    return Dataset.from_dict({k: [r.get(k) for r in records] for k in columns + extras})
