"""Temperature scaling: one scalar that makes a classifier's probabilities honest on held-out data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

from stancer.bench.metrics import calibration


def fit_temperature(logits: np.ndarray, gold: Sequence[int]) -> float:
    """The temperature T minimising the negative log-likelihood of ``softmax(logits / T)``.

    ``logits`` may also be log-probabilities: a per-row shift does not change the softmax.

    Example:
        >>> fit_temperature(np.array([[4.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 0.0]]), [0, 1, 1, 0]) > 1
        True
    """
    scores = torch.as_tensor(np.asarray(logits, dtype=np.float64))
    target = torch.as_tensor(np.asarray(gold, dtype=np.int64))
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(scores / log_t.exp(), target)
        loss.backward()
        return loss

    optimiser.step(closure)
    return float(log_t.detach().exp())


def calibrate(
    classifier: Any, texts: Sequence[str], targets: Sequence[str], labels: Sequence[str]
) -> dict[str, float]:
    """Fit ``classifier.temperature`` on held-out pairs; return it with the ECE before and after."""
    index = {c: i for i, c in enumerate(classifier.classes_)}
    unknown = sorted(set(labels) - set(index))
    if unknown:
        raise ValueError(f"labels: expected labels of the model {list(index)}, found {unknown}")
    classifier.temperature = 1.0
    probs = classifier.predict_proba(list(texts), list(targets))
    log_probs = np.log(np.clip(probs, 1e-12, None))
    temperature = fit_temperature(log_probs, [index[y] for y in labels])
    scaled = torch.softmax(torch.as_tensor(log_probs) / temperature, dim=-1).numpy()
    classifier.temperature = temperature
    return {
        "temperature": temperature,
        "ece_before": calibration(labels, probs, classifier.classes_)["ece"],
        "ece_after": calibration(labels, scaled, classifier.classes_)["ece"],
        "rows": float(len(labels)),
    }
