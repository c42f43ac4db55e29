"""An article's text units: spans with offsets, sentences (pysbd), paragraphs; and the check that
a text argument is a str."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pysbd


@dataclass(frozen=True)
class Span:
    """A stretch of the original text.

    Attributes:
        start: Offset of the first character.
        end: Offset after the last character.
        text: ``article[start:end]``.
    """

    start: int
    end: int
    text: str


def require_str(function: str, name: str, value: object) -> None:
    """Raise a ValueError unless ``value`` (the argument ``name`` of ``function``) is a str."""
    if isinstance(value, str):
        return
    hint = " Decode it first: value.decode('utf-8')." if isinstance(value, bytes) else ""
    raise ValueError(
        f"{function}: expected {name} to be a str (the article's text), got "
        f"{type(value).__name__}.{hint}"
    )


_WINDOW = 4000  # characters pysbd segments at a time


@functools.lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _segments(text: str) -> list[str]:
    """pysbd's sentences of ``text``, taken window by window: pysbd's time grows faster than the
    text, so a long text is segmented _WINDOW characters at a time, each window's last sentence
    (perhaps cut by the window) left to the next one."""
    pieces: list[str] = []
    while len(text) > _WINDOW:
        window = _segmenter().segment(text[:_WINDOW])
        if len(window) < 2:  # one sentence longer than the window: cut it at a space
            cut = text.rfind(" ", 0, _WINDOW) + 1 or _WINDOW
            pieces.append(text[:cut])
            text = text[cut:]
            continue
        done = sum(len(piece) for piece in window[:-1])
        pieces += window[:-1]
        text = text[done:]
    return pieces + (_segmenter().segment(text) if text.strip() else [])


def split_sentences(text: str, start: int = 0) -> list[Span]:
    """Split text into sentences, knowing abbreviations (``U.S.``, ``Mr.``), numbers and ellipses.

    Args:
        text: The text to split.
        start: Offset of ``text`` in the article; added to every span.

    Returns:
        One `Span` per sentence, without surrounding whitespace, in order.

    Raises:
        ValueError: ``text`` is not a str, or ``start`` is not a non-negative int.

    Example:
        >>> [s.text for s in split_sentences("Mr. Smith paid $3.5m. Then he left.")]
        ['Mr. Smith paid $3.5m.', 'Then he left.']
    """
    require_str("split_sentences", "text", text)
    if isinstance(start, bool) or not isinstance(start, int) or start < 0:
        raise ValueError(
            f"split_sentences: expected start to be a non-negative int (the offset of text in "
            f"the article), got {start!r}"
        )
    spans: list[Span] = []
    cursor = 0
    for segment in _segments(text) if text.strip() else []:
        piece = segment.strip()
        if not piece:
            continue
        where = text.find(piece, cursor)
        if where < 0:  # the segmenter changed the text: keep the rest as one sentence
            piece = text[cursor:].strip()
            where = text.index(piece, cursor)
        cursor = where + len(piece)
        spans.append(Span(start + where, start + cursor, piece))
        if cursor >= len(text.rstrip()):
            break
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs of a text, as ``(start, end)`` offsets: each line that is not blank.

    A paragraph bounds a quote left open and the search for its speaker.
    """
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
