"""Quote extraction: the quoted passages of a news article, with offsets and sentences.

Quote marks are read by their context, not just their shape: a straight ``"`` or ``'`` opens when
it stands before a word and closes after one, ``“…”``, ``„…“``, ``«…»``, ``‹…›`` and ``‘…’`` are
paired, ``''`` serves as a double mark (``''Yes,'' he said``, as the New York Times writes), and
a single mark between letters (``don't``, ``Ukraine’s``) or in a known elision (``'90s``,
``rock 'n' roll``) is an apostrophe. A quote inside a quote is part of the outer one.

Each line of the text is a paragraph. A quote left open runs to the end of its paragraph; it goes
on into the next paragraph only when that paragraph re-opens it (the multi-paragraph convention)
or, for double quotes, closes it before opening anything (a block whose last paragraph starts
without a mark, as in ``Quote: "…`` / ``…Putin … prevail."``). A single-quoted passage is only a
quote when it is closed, since a lone single mark is far more often an apostrophe.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from stancer.news.text import Span, paragraph_spans, require_str, split_sentences

#: Speech verbs, as the forms that follow a speaker (``X said``) or lead into reported speech
#: (``adding that``). Forms that are more often nouns (``states``, ``comments``) are left out.
SPEECH_VERBS: frozenset[str] = frozenset(
    "said says saying told tells telling stated stating added adds adding noted noting "
    "stressed stressing mentioned mentioning explained explains explaining argued argues arguing "
    "warned warns warning wrote writes writing asked asks asking confirmed confirms confirming "
    "insisted insists insisting claimed claiming declared declares declaring announced "
    "announces announcing emphasised emphasized emphasising emphasizing remarked replied "
    "responded commented acknowledged acknowledges admitted admits suggested recalled "
    "reiterated reiterates underlined underscored urged tweeted promised vowed predicted "
    "asserted asserts contended spoke concluded testified shouted shouting yelled yelling "
    "screamed chanted chanting demanded quipped joked lamented complained boasted countered "
    "retorted exclaimed conceded cautioned pleaded scoffed mused whispered".split()
)

#: Opening mark → the marks that close it.
_CLOSERS = {'"': '"', "“": "”", "„": "“”", "«": "»", "‹": "›", "‘": "’", "'": "'", "‚": "‘’"}
#: Every character read as a quote mark.
QUOTE_MARKS: frozenset[str] = frozenset("\"“”„‟«»‹›‘’'‚‛")
_SINGLE = frozenset("‘'‚")
_NESTING = frozenset('"“«‹')  # openers that may recur inside their own quote
_OPEN_CONTEXT = frozenset("([{<—–-/:") | QUOTE_MARKS
_CLOSE_CONTEXT = frozenset(".,;:!?)]}>…—–-/") | QUOTE_MARKS
_ELISION = re.compile(
    r"['’‘](?:\d\ds?\b|em\b|n['’‘]|til\b|tis\b|twas\b|cause\b|round\b|bout\b)", re.IGNORECASE
)
_BLOCK_LABEL = re.compile(
    r"(?:quote|quotes|quotation|statement|citation|direct speech|verbatim)\s*:", re.IGNORECASE
)
_TWO_APOSTROPHES = re.compile(r"(?<!')''(?!')")


@dataclass(frozen=True)
class Quote:
    """One quoted passage of an article.

    Attributes:
        id: 0-based position among the article's quotes.
        text: The quoted words without the outer marks; paragraphs joined by ``"\\n"``.
        start: Offset of the first quoted character.
        end: Offset after the last quoted character (re-opening marks in between included).
        kind: ``"direct"`` (a full sentence or more), ``"partial"`` (a fragment inside reported
            speech), ``"block"`` (``Quote: "…"``) or ``"indirect"`` (reported speech, no marks,
            found by `stancer.news.reported.indirect_speech`).
        sentences: The quote's sentences, with offsets in the original text.
        speaker: Who said it, by canonical name, filled by `stancer.news.attribution.attribute`;
            ``None`` when unknown.
        speaker_mention: The mention of the speaker the attribution rests on: the name itself, or
            the ``he`` / ``The official`` that ``speaker`` was resolved from.
        cue: The words that attribute it (``"said"``, ``"according to"``, ``"—"``, ``"Source"``).
    """

    id: int
    text: str
    start: int
    end: int
    kind: str
    sentences: tuple[Span, ...]
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None


def _before(text: str, i: int, lo: int) -> str:
    return text[i - 1] if i > lo else " "


def _after(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else " "


def _left_flanking(text: str, i: int, lo: int, hi: int) -> bool:
    """The mark stands before a word, as an opening mark does."""
    before = _before(text, i, lo)
    return not _after(text, i, hi).isspace() and (before.isspace() or before in _OPEN_CONTEXT)


def _right_flanking(text: str, i: int, lo: int, hi: int) -> bool:
    """The mark stands after a word, as a closing mark does."""
    after = _after(text, i, hi)
    return not _before(text, i, lo).isspace() and (after.isspace() or after in _CLOSE_CONTEXT)


def _apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """A single mark that starts or ends an elision: ``'90s``, ``'em``, ``rock 'n' roll``.

    Marks inside a word (``don't``, ``Ukraine’s``) need no check: they neither open nor close.
    """
    return bool(_ELISION.match(text, i) or _ELISION.match(text, max(i - 2, lo), i + 1))


def _opens(text: str, i: int, lo: int, hi: int) -> bool:
    mark = text[i]
    if mark not in _CLOSERS:
        return False
    if mark in "“„‚":
        return not _after(text, i, hi).isspace()
    if mark in "«‹":
        return True
    return _left_flanking(text, i, lo, hi) and not (
        mark in _SINGLE and _apostrophe(text, i, lo, hi)
    )


def _single_closes(text: str, j: int, lo: int, hi: int) -> bool:
    return _right_flanking(text, j, lo, hi) and not _apostrophe(text, j, lo, hi)


def _find_close(text: str, mark: str, start: int, lo: int, hi: int) -> int | None:
    """The offset of the mark that closes ``mark`` in ``text[start:hi]``, or None."""
    if mark in _SINGLE:
        return _find_single_close(text, mark, start, lo, hi)
    depth = 0
    for j in range(start, hi):
        char = text[j]
        nested = char == mark and mark in _NESTING
        if nested and mark == '"':  # a straight mark opens again only where it cannot close
            nested = _left_flanking(text, j, lo, hi) and not _right_flanking(text, j, lo, hi)
        if nested:
            depth += 1
        elif char in _CLOSERS[mark]:
            if depth == 0:
                return j
            depth -= 1
    return None


def _find_single_close(text: str, mark: str, start: int, lo: int, hi: int) -> int | None:
    """Like `_find_close` for single marks, passing over a plural possessive (``the Allies’ plan``).

    A closing candidate after ``s`` is taken for a possessive when another candidate follows
    before any new single-quoted passage opens.
    """
    candidates, accepted = _single_closers(text, mark, lo, hi)
    n = bisect.bisect_left(candidates, start)
    return accepted[n] if n < len(candidates) else None


@functools.lru_cache(maxsize=64)
def _single_closers(text: str, mark: str, lo: int, hi: int) -> tuple[list[int], list[int | None]]:
    """A paragraph's closing candidates for ``mark``, in order, and for each the first candidate
    from it on that is no possessive: computed once per paragraph, so that every opening mark
    of a paragraph full of unclosed ones costs a lookup, not a scan."""
    candidates = [
        j for j in range(lo, hi) if text[j] in _CLOSERS[mark] and _single_closes(text, j, lo, hi)
    ]
    openings = [k for k in range(lo, hi) if text[k] in _SINGLE and _opens(text, k, lo, hi)]
    accepted: list[int | None] = [None] * len(candidates)
    following: int | None = None
    for n in reversed(range(len(candidates))):
        j = candidates[n]
        later = candidates[n + 1] if n + 1 < len(candidates) else None
        possessive = text[j - 1] in "sS" and _after(text, j, hi) == " "
        reopened = later is not None and bisect.bisect_right(openings, j) < bisect.bisect_left(
            openings, later
        )
        if not possessive or later is None or reopened:
            following = j
        accepted[n] = following
    return candidates, accepted


def _orphan_close(text: str, mark: str, lo: int, hi: int) -> int | None:
    """The first mark of ``mark``'s kind in the paragraph, if it closes without opening."""
    for j in range(lo, hi):
        if text[j] == mark or text[j] in _CLOSERS[mark]:
            closes = text[j] in _CLOSERS[mark] and not _opens(text, j, lo, hi)
            return j if closes and _right_flanking(text, j, lo, hi) else None
    return None


def _follow(
    text: str, paragraphs: list[tuple[int, int]], p: int, opened: int
) -> tuple[list[tuple[int, int]], int, int] | None:
    """Follow a quote opened at ``opened`` in paragraph ``p`` to its close.

    Returns:
        The content of each paragraph it covers, the paragraph it ends in and the offset to
        resume scanning from; None when a single mark never closes (then it is no quote).
    """
    mark = text[opened]
    segments: list[tuple[int, int]] = []
    start = opened + 1
    while True:
        lo, hi = paragraphs[p]
        close = _find_close(text, mark, start, lo, hi)
        if close is not None:
            segments.append((start, close))
            return segments, p, close + 1
        segments.append((start, hi))
        if p + 1 < len(paragraphs):
            next_lo, next_hi = paragraphs[p + 1]
            first = next_lo + len(text[next_lo:next_hi]) - len(text[next_lo:next_hi].lstrip())
            if text[first] == mark and _opens(text, first, next_lo, next_hi):
                p, start = p + 1, first + 1
                continue
            orphan = None if mark in _SINGLE else _orphan_close(text, mark, next_lo, next_hi)
            if orphan is not None:
                segments.append((next_lo, orphan))
                return segments, p + 1, orphan + 1
        return None if mark in _SINGLE else (segments, p, hi)


def _marks_for_scanning(text: str) -> str:
    """The text with each ``''`` used as a double mark (``''Yes,'' he said``, as the New York
    Times writes) turned into `“` or `”` and a space outside it, so that offsets stay put."""

    def replace(match: re.Match[str]) -> str:
        i, lo, hi = match.start(), 0, len(text)
        before, after = _before(text, i, lo), _after(text, i + 1, hi)
        if not after.isspace() and (before.isspace() or before in _OPEN_CONTEXT):
            return " “"
        if not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT):
            return "” "
        return "''"

    return _TWO_APOSTROPHES.sub(replace, text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    return start, max(start, end - (len(piece) - len(piece.rstrip())))


def _kind(text: str, paragraph_start: int, opened: int, content: str) -> str:
    """``block`` after a ``Quote:`` label; ``partial`` when the quote is a fragment of a sentence."""
    before = text[paragraph_start:opened].strip()
    if _BLOCK_LABEL.fullmatch(before):
        return "block"
    letter = next((c for c in content if c.isalpha()), "A")
    embedded = bool(before) and before[-1].isalnum()
    lowercase_start = letter.islower() and not (before and before[-1] in ",:")
    return "partial" if embedded or lowercase_start else "direct"


class _Found(NamedTuple):
    text: str
    start: int
    end: int
    kind: str
    sentences: tuple[Span, ...]


def _make(text: str, segments: list[tuple[int, int]], kind: str) -> _Found | None:
    """A quote over the (whitespace-trimmed) segments; None when they hold no text."""
    parts = [(s, e) for s, e in (_strip(text, s, e) for s, e in segments) if e > s]
    if not parts:
        return None
    sentences = tuple(span for s, e in parts for span in split_sentences(text[s:e], s))
    joined = "\n".join(text[s:e] for s, e in parts)
    return _Found(joined, parts[0][0], parts[-1][1], kind, sentences)


def _direct(text: str, paragraphs: list[tuple[int, int]]) -> list[_Found]:
    scan = _marks_for_scanning(text)  # marks are read from here, quotes taken from text
    found = []
    p, i = 0, 0
    while p < len(paragraphs):
        lo, hi = paragraphs[p]
        i = max(i, lo)
        if i >= hi:
            p += 1
            continue
        followed = _follow(scan, paragraphs, p, i) if _opens(scan, i, lo, hi) else None
        if followed is None:
            i += 1
            continue
        segments, p, resume = followed
        first = text[slice(*_strip(text, *segments[0]))]
        quote = _make(text, segments, _kind(scan, lo, i, first))
        if quote is not None:
            found.append(quote)
        i = resume
    return found


def extract_quotes(text: str) -> list[Quote]:
    """Find the quoted passages of an article, in order, with their sentences; no speakers yet.

    Indirect speech (no quote marks) is found from the parse: `stancer.news.attribution.find_attributions`.

    Args:
        text: The article.

    Returns:
        The quotes in article order, ids from 0; `stancer.news.attribution.attribute` adds speakers.

    Raises:
        ValueError: ``text`` is not a str.

    Example:
        >>> q = extract_quotes('"We will win. It is certain," Smith said.')[0]
        >>> q.text, q.kind, [s.text for s in q.sentences]
        ('We will win. It is certain,', 'direct', ['We will win.', 'It is certain,'])
    """
    require_str("extract_quotes", "text", text)
    paragraphs = paragraph_spans(text)
    return [Quote(n, *q) for n, q in enumerate(_direct(text, paragraphs))]
