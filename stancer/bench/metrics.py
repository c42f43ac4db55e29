"""Stance metrics as pure functions over label names, returning flat ``dict[str, float]``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix as sk_confusion_matrix
from sklearn.metrics import precision_recall_fscore_support

from stancer.stance import LABELS


def confusion_matrix(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] = LABELS
) -> np.ndarray:
    """Counts with rows = true label, columns = predicted label, both in the order of ``labels``
    (scikit-learn's, after checking that every label is one of ``labels``)."""
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
    if not y_true:
        return np.zeros((len(labels), len(labels)), dtype=np.int64)
    return sk_confusion_matrix(list(y_true), list(y_pred), labels=list(labels))


def stance_metrics(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, float]:
    """Accuracy, macro-F1, F_avg and per-class precision / recall / F1 / support (scikit-learn's
    ``precision_recall_fscore_support``).

    ``f_avg`` is SemEval-2016 Task 6's official metric: the mean of the F1 of ``favor`` and of
    ``against``, with precision and recall computed over all items (so ``neutral`` predictions
    count as misses). A class with no predictions has precision 0; with no gold items, recall 0.

    Example:
        >>> m = stance_metrics(["favor", "against"], ["favor", "neutral"])
        >>> m["accuracy"], m["f1_favor"], m["f_avg"]
        (0.5, 1.0, 0.5)
    """
    matrix = confusion_matrix(y_true, y_pred, labels)  # checks the labels
    n = int(matrix.sum())
    if n:
        precision, recall, f1, gold = precision_recall_fscore_support(
            list(y_true), list(y_pred), labels=list(labels), average=None, zero_division=0
        )
    else:  # nothing scored: every figure 0
        precision = recall = f1 = gold = np.zeros(len(labels))
    out = {
        "accuracy": float(np.trace(matrix) / n) if n else 0.0,
        "macro_f1": float(np.mean(f1)),
        "n": float(n),
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


def f_avg_by_target(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    targets: Sequence[str],
    labels: Sequence[str] = LABELS,
) -> dict[str, float]:
    """P-Stance's official metric: F_avg computed within each target, then averaged over targets.

    Returns ``f_avg_targets`` and ``f_avg/<target>`` for each target.

    Example:
        >>> f_avg_by_target(["favor", "against"], ["favor", "favor"], ["A", "B"])["f_avg_targets"]
        0.25
    """
    out: dict[str, float] = {}
    for target in sorted(set(targets)):
        idx = [i for i, t in enumerate(targets) if t == target]
        out[f"f_avg/{target}"] = stance_metrics(
            [y_true[i] for i in idx], [y_pred[i] for i in idx], labels
        )["f_avg"]
    out["f_avg_targets"] = float(np.mean(list(out.values()))) if out else 0.0
    return out


#: FNC-1's related classes. The official scorer gives 0.25 for a correct related / unrelated call
#: and 0.75 more for the exact related label, so a row is worth 1.0 (related) or 0.25 (unrelated).
FNC_RELATED = LABELS


def fnc_score(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, float]:
    """The FNC-1 score, as the official scorer computes it, raw and relative to the maximum.

    Labels are the unified ones (agree → favor, disagree → against, discuss → neutral, unrelated).

    Example:
        >>> fnc_score(["unrelated", "favor"], ["unrelated", "against"])
        {'fnc_score': 0.4, 'fnc_score_raw': 0.5, 'fnc_score_max': 1.25}
    """
    score = best = 0.0
    for gold, pred in zip(y_true, y_pred, strict=True):
        related = gold in FNC_RELATED
        best += 1.0 if related else 0.25
        if gold == pred:
            score += 1.0 if related else 0.25
        elif related and pred in FNC_RELATED:
            score += 0.25
    return {
        "fnc_score": score / best if best else 0.0,
        "fnc_score_raw": score,
        "fnc_score_max": best,
    }


def calibration(
    y_true: Sequence[str], probs: np.ndarray, classes: Sequence[str], *, bins: int = 10
) -> dict[str, Any]:
    """Expected calibration error over equal-width confidence bins, with the reliability data.

    The confidence of a prediction is its top probability; ECE is the mean over bins of
    |accuracy − mean confidence|, weighted by the share of predictions in the bin.

    Returns:
        ``{"ece": float, "bins": [{"lower", "upper", "count", "confidence", "accuracy"}, ...]}``
    """
    probs = np.asarray(probs, dtype=float)
    confidence = probs.max(axis=1)
    predicted = np.asarray(classes)[probs.argmax(axis=1)]
    correct = predicted == np.asarray(y_true)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        mask = which == b
        count = int(mask.sum())
        conf = float(confidence[mask].mean()) if count else 0.0
        acc = float(correct[mask].mean()) if count else 0.0
        ece += count / max(len(confidence), 1) * abs(acc - conf)
        table.append(
            {
                "lower": float(edges[b]),
                "upper": float(edges[b + 1]),
                "count": count,
                "confidence": conf,
                "accuracy": acc,
            }
        )
    return {"ece": float(ece), "bins": table}
