"""Reported speech, read from the parse: indirect speech and the clause that reports a fragment.

*Indirect speech* is the clausal complement of a speech verb outside quotes (``X said that …``,
``X told reporters …``, ``X warned …``), the sentence a speech verb is set into (``The deal is
dead, X said``), the clause that ``according to X`` is attached to (``according to X, …`` /
``…, according to X``) and what a verb of intent reports (``X vowed to …``, ``X called for …``).
A clause inside a larger reported clause is part of it. A clause that holds a full quote is that
quote's own frame (``"…," he said``) and is no indirect speech; one that holds a quoted fragment
is the fragment's *statement*.

The *statement* of a quote is what its stance is read from: a full quote is its own statement;
a fragment inside reported speech (``NATO did not plan to invite Ukraine "in the short term"``)
is classified with the clause that reports it, up to the first comma after the fragment; a
fragment outside reported speech (scare quotes) with its sentence. Verbs of intent (``plan to``)
report no statement: the fragment's clause is that of the speech verb above them.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from stancer.news.parsing import text_of
from stancer.news.quotes import QUOTE_MARKS, Quote
from stancer.news.text import Span, split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Speech verbs by lemma, for verbs that report a clause (``said that …``).
SPEECH_LEMMAS = frozenset(
    "say tell state add note stress mention explain argue warn write confirm insist claim "
    "declare announce emphasise emphasize remark reply respond comment acknowledge admit "
    "suggest recall reiterate underline underscore tweet promise vow predict assert contend "
    "conclude testify report deny allege complain caution concede indicate signal maintain "
    "estimate pledge charge observe believe".split()
)
#: Verbs of intent, which report what someone wants done (``vowed to …``, ``called for …``).
INTENT_LEMMAS = frozenset(
    "call promise pledge vow plan want agree urge threaten refuse decline propose demand ask "
    "hope intend seek".split()
)
_TRIM = frozenset(" \t\n,;:") | QUOTE_MARKS


def _trimmed(text: str, start: int, end: int, *, marks: bool = True) -> tuple[int, int]:
    """Shrink past spaces, commas and a final stop, and past quote marks unless ``marks=False``."""
    trim = _TRIM if marks else _TRIM - QUOTE_MARKS
    while start < end and text[start] in trim:
        start += 1
    while end > start and (text[end - 1] in trim or text[end - 1] in ".!?"):
        end -= 1
    return start, end


def _complement(token: Token) -> tuple[int, int] | None:
    """The clause a speech verb reports, without the ``that`` that introduces it: its clausal
    complement (``said that …``, ``…, he said``), the sentence it is set in (``X is Y, he said``),
    or for a verb of intent its infinitive or ``for`` phrase (``vowed to …``, ``called for …``)."""
    doc = token.doc
    lemma = token.lemma_.lower()
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is None and lemma in INTENT_LEMMAS:
        clause = next((c for c in token.children if c.dep_ == "xcomp"), None)
        for_phrase = next(
            (c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"), None
        )
        if clause is None and lemma == "call" and for_phrase is not None:
            objects = [c for c in for_phrase.children if c.dep_ == "pobj"]
            clause = objects[0] if objects else None
    if clause is None and token.dep_ == "parataxis" and lemma in SPEECH_LEMMAS:
        head, own = token.head, {t.i for t in token.subtree}
        kept = [t for t in head.subtree if t.i not in own]
        first, last = kept[0], kept[-1]
        return first.idx, last.idx + len(last)
    if clause is None:
        return None
    first = clause.left_edge
    if first.dep_ == "mark" and first.lower_ == "that":
        first = doc[first.i + 1]
    last = clause.right_edge
    return first.idx, last.idx + len(last)


def _according(token: Token) -> tuple[int, int] | None:
    """The clause ``according to X`` is attached to, without that phrase."""
    head = token.head
    if head is token:
        return None
    lo, hi = head.left_edge, head.right_edge
    if token.left_edge.i <= lo.i:  # According to X, CLAUSE
        start, end = token.right_edge.idx + len(token.right_edge), hi.idx + len(hi)
    else:  # CLAUSE, according to X
        start, end = lo.idx, token.left_edge.idx
    return start, end


def clauses(doc: Doc) -> list[tuple[Token, tuple[int, int]]]:
    """Each speech cue of the text with the clause it reports, as character offsets, in text
    order of the clauses; found once per parse."""
    if "stancer.clauses" not in doc.user_data:
        text, found = text_of(doc), []
        for token in doc:
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                span = _according(token)
            elif token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_LEMMAS | INTENT_LEMMAS:
                span = _complement(token)
            else:
                continue
            if span is not None:
                start, end = _trimmed(text, *span)
                if end > start:
                    found.append((token, (start, end)))
        found.sort(key=lambda c: (c[1][0], -c[1][1]))
        doc.user_data["stancer.clauses"] = found
        doc.user_data["stancer.clause_starts"] = [start for _, (start, _) in found]
    return doc.user_data["stancer.clauses"]


def indirect_speech(doc: Doc, quotes: Sequence[Quote]) -> list[Quote]:
    """The indirect speech of a text: reported clauses that hold no quote and lie inside no
    larger reported clause (``X said the US wants Ukraine to win`` is one), each as a `Quote` of
    kind ``"indirect"`` (id -1, to be renumbered) whose ``cue`` is the verb that reports it."""
    text = text_of(doc)
    marked = sorted((q.start - 1, q.end + 1) for q in quotes)  # with the marks
    starts = [s for s, _ in marked]
    ends_so_far = list(itertools.accumulate((e for _, e in marked), max))
    found = []
    reach = -1  # the furthest end of the clauses before, which sort by start, longest first
    for cue, (start, end) in clauses(doc):
        inside, reach = end <= reach, max(reach, end)
        before = bisect.bisect_left(starts, end) - 1  # the quotes that start before the end
        if inside or (before >= 0 and ends_so_far[before] > start):
            continue
        sentences = tuple(split_sentences(text[start:end], start))
        last = next((c for c in cue.children if c.lower_ == "to"), cue)  # "according to"
        reported_by = Span(cue.idx, last.idx + len(last), text[cue.idx : last.idx + len(last)])
        found.append(Quote(-1, text[start:end], start, end, "indirect", sentences, cue=reported_by))
    return found


#: The longest reported clause a fragment is read with, in characters.
_LONGEST_STATEMENT = 1000


def statement(doc: Doc, quote: Quote) -> Span:
    """The text a quote's stance is read from, by the rules in the module docstring."""
    text = text_of(doc)
    if quote.kind != "partial":
        return Span(quote.start, quote.end, quote.text)
    reported = clauses(doc)
    starts = doc.user_data["stancer.clause_starts"]  # kept beside the clauses, for bisecting
    lo = bisect.bisect_left(starts, quote.start - _LONGEST_STATEMENT)
    hi = bisect.bisect_right(starts, quote.start)
    holding = [
        (start, end)
        for cue, (start, end) in reported[lo:hi]
        if quote.end <= end and cue.lemma_.lower() not in INTENT_LEMMAS
    ]
    if holding:
        start, end = min(holding, key=lambda s: s[1] - s[0])
        comma = text.find(",", quote.end, end)
        end = comma if comma > 0 else end
    else:
        if "stancer.sentences" not in doc.user_data:
            doc.user_data["stancer.sentences"] = [(s.start_char, s.end_char) for s in doc.sents]
        sentences = doc.user_data["stancer.sentences"]
        n = bisect.bisect_right(sentences, (quote.start, len(text))) - 1
        start, end = sentences[n] if n >= 0 else (quote.start, quote.end)
        if end - start > _LONGEST_STATEMENT:
            return Span(quote.start, quote.end, quote.text)
    start, end = _trimmed(text, start, end, marks=False)
    while end < len(text) and end >= quote.end and text[end] in QUOTE_MARKS:  # the closing mark
        end += 1
    if start >= quote.start - 1 and end <= quote.end + 1:  # the clause is the fragment itself
        return Span(quote.start, quote.end, quote.text)
    return Span(start, end, text[start:end])
