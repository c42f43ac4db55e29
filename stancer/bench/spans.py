"""Matching predicted spans to gold spans by characters: trimming, overlap and one-to-one pairing.

A span is a list of disjoint ``(start, end)`` character intervals in text order, so that a quote
interrupted by its cue (``"A," he said. "B."``) is one span of two pieces.
"""

from __future__ import annotations

from collections.abc import Sequence

from stancer.news.quotes import QUOTE_MARKS
from stancer.news.text import Span

#: Punctuation that news style puts inside or outside the closing mark at will; it is trimmed
#: from span ends (with whitespace and quotation marks) before spans are compared.
_LOOSE_PUNCTUATION = frozenset(",.;:")
_TRIMMED = QUOTE_MARKS | _LOOSE_PUNCTUATION


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past whitespace, quotation marks and ``, . ; :`` at both ends.

    Example:
        >>> text = 'He said: "Go home," twice.'
        >>> start, end = trim_span(text, 9, 19)
        >>> text[start:end]
        'Go home'
    """
    while start < end and (text[start].isspace() or text[start] in _TRIMMED):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIMMED):
        end -= 1
    return start, end


def trimmed_pieces(text: str, pieces: Sequence[Span]) -> tuple[tuple[int, int], ...]:
    """Each piece trimmed with `trim_span`; pieces left empty are dropped."""
    trimmed = (trim_span(text, piece.start, piece.end) for piece in pieces)
    return tuple((start, end) for start, end in trimmed if start < end)


def intersection(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    """Characters shared by two sets of disjoint intervals."""
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in a
        for b_start, b_end in b
    )


def jaccard(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> float:
    """The character Jaccard index of two sets of disjoint intervals; 0 when both are empty.

    Example:
        >>> jaccard([(0, 10)], [(5, 15)])
        0.3333333333333333
    """
    shared = intersection(a, b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - shared
    return shared / union if union else 0.0


def match_exact(
    predicted: Sequence[Sequence[tuple[int, int]]], gold: Sequence[Sequence[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(predicted index, gold index)`` with the same first start and last end.

    Each side is a list of disjoint intervals in text order; empty ones never match.
    """
    free: dict[tuple[int, int], list[int]] = {}
    for j, pieces in enumerate(predicted):
        if pieces:
            free.setdefault((pieces[0][0], pieces[-1][1]), []).append(j)
    pairs = []
    for i, pieces in enumerate(gold):
        candidates = free.get((pieces[0][0], pieces[-1][1])) if pieces else None
        if candidates:
            pairs.append((candidates.pop(0), i))
    return pairs


def match_overlap(
    predicted: Sequence[Sequence[tuple[int, int]]],
    gold: Sequence[Sequence[tuple[int, int]]],
    threshold: float,
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(predicted index, gold index)`` with Jaccard >= threshold, greedily.

    Candidate pairs are taken in order of decreasing Jaccard index (ties: earlier gold, then
    earlier prediction); a pair is kept when neither side is taken yet.
    """
    candidates = sorted(
        (-score, i, j)
        for j, p in enumerate(predicted)
        for i, g in enumerate(gold)
        if (score := jaccard(p, g)) >= threshold and score > 0
    )
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((j, i))
    return pairs
