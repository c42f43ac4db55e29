"""The metric functions against scikit-learn, and the official SemEval F_avg by hand."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.metrics import confusion_matrix as sk_confusion_matrix

from stancer.bench.metrics import confusion_matrix, stance_metrics
from stancer.stance import LABELS


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stance_metrics_match_scikit_learn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gold = list(rng.choice(LABELS, size=200, p=[0.3, 0.5, 0.2]))
    pred = list(rng.choice(LABELS, size=200))
    m = stance_metrics(gold, pred)
    labels = list(LABELS)
    assert m["accuracy"] == pytest.approx(accuracy_score(gold, pred))
    assert m["macro_f1"] == pytest.approx(f1_score(gold, pred, labels=labels, average="macro"))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    for i, label in enumerate(labels):
        assert m[f"precision_{label}"] == pytest.approx(p[i])
        assert m[f"recall_{label}"] == pytest.approx(r[i])
        assert m[f"f1_{label}"] == pytest.approx(f[i])
        assert m[f"support_{label}"] == s[i]
    assert m["f_avg"] == pytest.approx(
        f1_score(gold, pred, labels=["favor", "against"], average="macro")
    )
    np.testing.assert_array_equal(
        confusion_matrix(gold, pred), sk_confusion_matrix(gold, pred, labels=labels)
    )


def test_f_avg_by_hand() -> None:
    # favor: P = 1/2, R = 1/1 -> F1 2/3; against: P = 1/1, R = 1/2 -> F1 2/3; neutral ignored.
    gold = ["favor", "against", "against", "neutral"]
    pred = ["favor", "against", "neutral", "favor"]
    assert stance_metrics(gold, pred)["f_avg"] == pytest.approx(2 / 3)


def test_no_predictions_of_a_class_give_zero_not_nan() -> None:
    m = stance_metrics(["favor", "against"], ["against", "against"])
    assert m["precision_favor"] == 0.0 and m["f1_favor"] == 0.0 and m["f1_neutral"] == 0.0


def test_bad_metric_input_is_explained() -> None:
    with pytest.raises(
        ValueError, match=r"expected as many predictions as gold labels \(2\), got 1"
    ):
        stance_metrics(["favor", "against"], ["favor"])
    with pytest.raises(ValueError, match=r"expected every label to be one of .* found \['agree'\]"):
        stance_metrics(["favor"], ["agree"])


def test_nothing_scored_gives_zeros() -> None:
    metrics = stance_metrics([], [])
    assert metrics["n"] == 0 and metrics["macro_f1"] == 0 and metrics["accuracy"] == 0
