"""The article as the speaker rules read it: quotes hidden, abbreviation periods kept from ending
sentences, offsets unchanged; and the sentence around an offset, found within a bounded reach."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from stancer.news.quotes import QUOTE_MARKS, Quote

# Private-use characters: neither whitespace nor word characters, so that no pattern reads a
# hidden quote as a run of spaces (which made some patterns backtrack for minutes).
MASK = "\ue000"  # hides quoted text, so that speakers are never read from inside a quote


DOT = "\ue001"  # stands for the period of an abbreviation, which does not end a sentence


#: How far from a quote its cue is looked for, in characters: the rules stay linear in the
#: article's length however long its sentences.
REACH = 400


_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|Rev|Hon|No|Inc|Ltd|Co|"
    r"Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc)\.|\b[A-Z]\."
)


_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@functools.lru_cache(maxsize=8)
def _sentence_ends(masked: str) -> list[int]:
    """Where the sentences of the masked text end, found once per text."""
    return [m.end() for m in _SENTENCE_END.finditer(masked)]


def sentence_start(masked: str, lo: int, at: int) -> int:
    """The start of the sentence that holds ``at``, not before ``lo`` nor `REACH` before ``at``."""
    ends = _sentence_ends(masked)
    n = bisect.bisect_right(ends, at) - 1
    return max(lo, at - REACH, ends[n] if n >= 0 else lo)


def sentence_end(masked: str, at: int, hi: int) -> int:
    """The end of the sentence that holds ``at``, not after ``hi`` nor `REACH` after ``at``."""
    ends = _sentence_ends(masked)
    n = bisect.bisect_right(ends, at)
    return min(hi, at + REACH, ends[n] if n < len(ends) else hi)


def outer(text: str, quote: Quote) -> tuple[int, int]:
    """The quote's extent with the marks around it (``''``, ``’”`` and the spaces of ``« … »``)."""
    opened, closed = quote.start, quote.end
    while opened > 0 and text[opened - 1] in " \t\u00a0":
        opened -= 1
    if opened == 0 or text[opened - 1] not in QUOTE_MARKS:
        opened = quote.start
    while opened > 0 and text[opened - 1] in QUOTE_MARKS:
        opened -= 1
    while closed < len(text) and text[closed] in " \t\u00a0":
        closed += 1
    if closed == len(text) or text[closed] not in QUOTE_MARKS:
        closed = quote.end
    while closed < len(text) and text[closed] in QUOTE_MARKS:
        closed += 1
    return opened, closed


def mask(text: str, quotes: Sequence[Quote]) -> str:
    """The text with quotes hidden and abbreviation periods replaced, offsets unchanged."""
    chars = list(_ABBREVIATION.sub(lambda m: m.group()[:-1] + DOT, text))
    for quote in quotes:
        if quote.kind == "indirect":  # no marks: its words may name the speaker
            continue
        opened, closed = outer(text, quote)
        chars[opened:closed] = [c if c == "\n" else MASK for c in text[opened:closed]]
    return "".join(chars)
