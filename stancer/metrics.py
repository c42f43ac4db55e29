"""Stance metrics as pure functions over label names, returning flat ``dict[str, float]``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from stancer.stance import LABELS


def confusion_matrix(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] = LABELS
) -> np.ndarray:
    """Counts with rows = true label, columns = predicted label, both in the order of ``labels``."""
    if len(y_true) != len(y_pred):
        raise ValueError(
            f"y_pred: expected as many predictions as gold labels ({len(y_true)}), got {len(y_pred)}"
        )
    index = {label: i for i, label in enumerate(labels)}
    unknown = sorted({y for y in (*y_true, *y_pred) if y not in index})
    if unknown:
        raise ValueError(
            f"labels: expected every label to be one of {list(labels)}, found {unknown}"
        )
    matrix = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for t, p in zip(y_true, y_pred, strict=True):
        matrix[index[t], index[p]] += 1
    return matrix


def stance_metrics(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, float]:
    """Accuracy, macro-F1, F_avg and per-class precision / recall / F1 / support.

    ``f_avg`` is SemEval-2016 Task 6's official metric: the mean of the F1 of ``favor`` and of
    ``against``, with precision and recall computed over all items (so ``neutral`` predictions
    count as misses). A class with no predictions has precision 0; with no gold items, recall 0.

    Example:
        >>> m = stance_metrics(["favor", "against"], ["favor", "neutral"])
        >>> m["accuracy"], m["f1_favor"], m["f_avg"]
        (0.5, 1.0, 0.5)
    """
    matrix = confusion_matrix(y_true, y_pred, labels)
    tp = np.diag(matrix).astype(float)
    predicted = matrix.sum(axis=0)
    gold = matrix.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, gold, out=np.zeros_like(tp), where=gold > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    out = {
        "accuracy": float(tp.sum() / matrix.sum()) if matrix.sum() else 0.0,
        "macro_f1": float(f1.mean()),
        "n": float(matrix.sum()),
    }
    by_label = dict(zip(labels, f1, strict=True))
    if "favor" in by_label and "against" in by_label:
        out["f_avg"] = float((by_label["favor"] + by_label["against"]) / 2)
    for i, label in enumerate(labels):
        out[f"precision_{label}"] = float(precision[i])
        out[f"recall_{label}"] = float(recall[i])
        out[f"f1_{label}"] = float(f1[i])
        out[f"support_{label}"] = float(gold[i])
    return out
