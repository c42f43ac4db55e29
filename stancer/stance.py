"""The label set and the result record of a stance prediction."""

from __future__ import annotations

from dataclasses import dataclass

#: The unified stance labels, in the column order of every shipped model's probabilities.
LABELS: tuple[str, ...] = ("favor", "against", "neutral")


@dataclass(frozen=True)
class Stance:
    """The stance of one text toward one target.

    Attributes:
        text: The text, as given.
        target: The target proposition, as given.
        label: The most probable label: ``"favor"``, ``"against"`` or ``"neutral"``.
        scores: The probability of each label; the values sum to 1.
    """

    text: str
    target: str
    label: str
    scores: dict[str, float]
