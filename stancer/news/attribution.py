"""Speaker attribution: who said each quote, read by rules over spaCy's parse of the article.

For each quote, in this order:

1. a cue in its own sentence: ``X said: "…"``, ``X said that "…"``, ``according to X, "…"`` (a
   cue right before the quote); ``"…," X said``, ``"…," said X``, ``"…," X (D-Md.), a senator,
   said``, ``"…", according to X``, ``"…" — Name`` (right after it); any speech verb earlier in
   the sentence (``X mentioned that there is an "…"``, ``X did Y, saying "…"``); the name that
   starts a sentence leading in with a colon or comma (``X scolded him: "…"``); ``…, X said.`` at
   the end of the sentence; indirect speech (`stancer.news.reported`) comes with its cue;
2. for a fragment with none of these, the person whose words it is: the named subject of the
   verb it hangs from (``Trump described it as a "terrible situation"``), never after
   ``so-called``;
3. for a full quote (direct or block) with none of these, the last speaker named before it in
   its paragraph or the one before: a label (``Source: …``), ``according to X``, ``X <speech
   verb>``, ``X <verb> …:`` or a person named as the subject of a sentence (``The spokeswoman,
   Ana Ruiz, went through the figures.``).

The speaker is the subject of the cue in the parse (for a participle, ``X was quoted as saying``,
the subject of the verb it hangs from), taken as a whole noun phrase with its titles (``US
Ambassador to NATO Julianne Smith``), without a relative clause or an apposition set off by
commas (``Leonard Burman, director of …,``); where the parse gives none, the words before the
verb back to a clause boundary. Every mention is then resolved to a canonical speaker
(`stancer.news.speakers`): ``she`` and ``the mayor`` to the person they refer to, ``Smith`` to
``Julianne Smith``. A quote with no speaker gets ``None``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from stancer.news.masked import DOT, MASK, mask, outer, sentence_end, sentence_start
from stancer.news.parsing import noun_phrase, parse, token_at
from stancer.news.quotes import (
    SPEECH_VERBS,
    Quote,
    Span,
    extract_quotes,
    paragraph_spans,
    require_str,
)
from stancer.news.reported import indirect_speech
from stancer.news.speakers import DETERMINERS, PRONOUNS, head_entity, resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_GROUPS = frozenset(
    "officials analysts experts sources diplomats residents witnesses critics lawmakers "
    "protesters observers ministers leaders".split()
)
_NOT_SPEAKERS = frozenset(
    "it this that there we i you what which who these those is was are were how why when where "
    "and but or so to of in on at for as by with after before during while if although though "
    "because since once asked however meanwhile still yet now then also instead".split()
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep"})  # dependents of a verb
_VERB = rf"(?:{'|'.join(sorted(SPEECH_VERBS, key=len, reverse=True))})"
_VERB_RE = re.compile(rf"\b{_VERB}\b")
_ADVERB = (  # and auxiliaries, which also stand between a speaker and the verb
    r"(?:also|has|have|had|was|were|is|are|been|being|will|would|later|then|again|once|further|"
    r"(?!(?:family|assembly|supply|monopoly|anomaly|rally|bully|belly)\b)[a-z]{2,}ly)"
)
_WHO = rf"[^,.;:!?{MASK}\n]"  # a character a speaker's name or description can hold
_BOUNDARY = re.compile(
    rf"[,;:()\[\]{MASK}\"“”«»—–]|\s-\s|[.!?](?=\s)|\b(?:that|which|who|whom|but|while|when|"
    r"after|before|because|although|though|if|as|since|so|where|and)\b"
)
_TRAILING_ADVERBS = re.compile(rf"(?:\s+{_ADVERB})+\s*$")
_CIRCUMSTANCE = re.compile(
    r"\s+(?:during|speaking|while|when|as|via|at\s+(?:an?|the)|in\s+an?|on\s+(?:Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday))\b|[,;(]"
)
_NAME = rf"[A-Z][\w'’{DOT}-]*(?:[ \t]+(?:[A-Z][\w'’{DOT}-]*|of|the|de|da|van|von|bin|al))*"
_ADJACENT = re.compile(rf"(?:\s+[\w'’{DOT}-]+){{0,3}}\s*[:,]?\s*")
_ACCORDING_BEFORE = re.compile(rf"\b(?P<cue>[Aa]ccording to)\s+(?P<who>{_WHO}{{1,80}}),\s*$")
_ACCORDING_AFTER = re.compile(rf"\s*,?\s*(?P<cue>according to)\s+(?P<who>{_WHO}+)")
_ACCORDING = re.compile(rf"\b(?P<cue>[Aa]ccording to)\s+(?P<who>{_WHO}+)")
_DASH_AFTER = re.compile(rf"\s*[,.]?\s*(?P<cue>[—–―-])[ \t]*(?P<who>{_NAME})")
_SAID_WHO = re.compile(rf"\s*,?\s*(?P<cue>{_VERB})\s+(?P<who>{_WHO}+)")
_ASIDE = rf"(?:\s*\([^()\n]{{1,40}}\))?(?:,[^,;:!?{MASK}\n]{{1,160}},)?"  # (D-Md.), a historian,
_WHO_SAID = re.compile(
    rf"\s*,?\s*(?P<who>{_WHO}{{1,80}}?){_ASIDE}\s+(?:{_ADVERB}\s+)*(?P<cue>{_VERB})\b"
)
_APPOSITION = re.compile(rf",[^,;:!?{MASK}\n]{{1,160}},\s*$")
_LEADING = re.compile(
    rf"\s*(?P<who>{_NAME})(?:\s*\([^()\n]{{1,40}}\))?(?:\s+{_ADVERB})*\s+(?P<cue>[a-z][\w-]*)"
)
_COLON_BEFORE_QUOTE = re.compile(rf":(?=\s*{MASK})")
_CLAUSE_BREAK = re.compile(r"[,:]")
_ENDS_WHO_SAID = re.compile(
    rf",\s*(?P<who>{_WHO}{{1,80}}?)\s+(?:{_ADVERB}\s+)*(?P<cue>{_VERB})\s*[.!?]?\s*$"
)
_SOURCE_LABEL = re.compile(
    r"^[ \t]*(?P<cue>Source|Sources|Speaker|Attributed to)[ \t]*:[ \t]*(?P<who>[^\n]+)", re.M
)


@dataclass(frozen=True)
class _Mention:
    """A speaker named in the text, and the cue that makes them one."""

    speaker: Span
    cue: Span


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _speaker(text: str, start: int, end: int) -> Span | None:
    """The speaker in ``text[start:end]``, cut before circumstances (``during a briefing``).

    None unless it looks like one: a pronoun, or a phrase of at most 12 words that has a capital
    or starts with a determiner or ends with a group of people (``local officials``), and does
    not start with a word that begins a clause instead (``is``, ``after``, ``it``).
    """
    cut = _CIRCUMSTANCE.search(text, start, end)
    end = cut.start() if cut else end
    words = text[start:end].split()
    if not words or len(words) > 12:
        return None
    first = words[0].lower()
    if first in _NOT_SPEAKERS or (first in DETERMINERS and len(words) == 1):
        return None
    named = any(w[0].isupper() for w in words)  # "panel Chairman Jason Chaffetz", "9/11 widow …"
    if not (named or first in PRONOUNS or first in DETERMINERS or words[-1].lower() in _GROUPS):
        return None
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return _span(text, start, start + len(text[start:end].rstrip(" .,")))


def _subject_before(text: str, masked: str, doc: Doc, lo: int, verb: re.Match[str]) -> Span | None:
    """The subject of a speech verb: from the parse where it has one, else the words back to a
    clause boundary, over an apposition (``Douglas Brinkley, a historian, recalled``) unless the
    verb is a participle."""
    parsed = _parsed_speaker(text, masked, doc, _span(text, *verb.span()))
    if parsed is not None:
        return parsed
    region = masked[lo : verb.start()]
    adverbs = _TRAILING_ADVERBS.search(region)
    end = lo + (adverbs.start() if adverbs else len(region.rstrip()))
    apposition = _APPOSITION.search(masked, lo, end)
    if apposition and not verb.group().endswith("ing"):
        end = apposition.start()
    start = max((m.end() for m in _BOUNDARY.finditer(masked, lo, end)), default=lo)
    return _speaker(text, start, end)


def _sentence_subject(text: str, masked: str, lo: int, end: int) -> _Mention | None:
    """The name or pronoun that starts a clause of ``masked[lo:end]``, with the verb after it.

    For speech without a speech verb of its own: ``Sen. McCaskill scolded him: "…"``, ``He
    defended it, saying, "…"``.
    """
    for clause in [lo, *(m.end() for m in _CLAUSE_BREAK.finditer(masked, lo, end))]:
        mention = _mention(text, _LEADING.match(masked, clause, end))
        if mention:
            return mention
    return None


def _mention(text: str, match: re.Match[str] | None) -> _Mention | None:
    """The mention a match finds, from its ``who`` and ``cue`` groups; None if ``who`` is no speaker."""
    if match is None:
        return None
    who = _speaker(text, match.start("who"), match.end("who"))
    return _Mention(who, _span(text, *match.span("cue"))) if who else None


def _paragraph(paragraphs: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The paragraph (line) that holds ``offset``."""
    return paragraphs[max(bisect.bisect_right(paragraphs, offset, key=lambda p: p[0]) - 1, 0)]


def _in_sentence(
    text: str, masked: str, doc: Doc, quote: Quote, paragraphs: list[tuple[int, int]]
) -> _Mention | None:
    """The speaker of a quote named in its own sentence, by the rules in the module docstring."""
    opened, closed = outer(text, quote)
    start = sentence_start(masked, _paragraph(paragraphs, opened)[0], opened)
    stop = sentence_end(masked, closed, _paragraph(paragraphs, closed)[1])
    according = _mention(text, _ACCORDING_BEFORE.search(masked, start, opened))
    if according:
        return according
    earlier = None
    for verb in reversed(list(_VERB_RE.finditer(masked, start, opened))):
        subject = _subject_before(text, masked, doc, start, verb)
        if subject:
            earlier = _Mention(subject, _span(text, *verb.span()))
        elif verb.group().endswith("ing"):
            earlier = _sentence_subject(text, masked, start, verb.start())
            earlier = earlier and _Mention(earlier.speaker, _span(text, *verb.span()))
        if earlier:
            break
    if earlier and _ADJACENT.fullmatch(masked, earlier.cue.end, opened):
        return earlier
    lead_in = masked[start:opened].rstrip()
    if not earlier and lead_in.endswith((":", ",")):
        return _sentence_subject(text, masked, start, start + len(lead_in) - 1)
    for pattern in (_DASH_AFTER, _ACCORDING_AFTER, _WHO_SAID, _SAID_WHO):
        after = _mention(text, pattern.match(masked, closed, stop))
        if after:
            return after
    return earlier or _mention(text, _ENDS_WHO_SAID.search(masked, closed, stop))


def _free_mentions(
    text: str, masked: str, doc: Doc, paragraphs: list[tuple[int, int]]
) -> Iterator[_Mention]:
    """Speakers named outside quotes: ``X said …``, ``according to X``, ``Source: X``."""
    for verb in _VERB_RE.finditer(masked):
        lo = sentence_start(masked, _paragraph(paragraphs, verb.start())[0], verb.start())
        subject = _subject_before(text, masked, doc, lo, verb)
        if subject:
            yield _Mention(subject, _span(text, *verb.span()))
    for colon in _COLON_BEFORE_QUOTE.finditer(masked):
        lo = sentence_start(masked, _paragraph(paragraphs, colon.start())[0], colon.start())
        mention = _sentence_subject(text, masked, lo, colon.start())
        if mention:
            yield mention
    for pattern in (_ACCORDING, _SOURCE_LABEL):
        for match in pattern.finditer(masked):
            mention = _mention(text, match)
            if mention:
                yield mention


def _subject_token(token: Token) -> Token | None:
    """The subject of a speech cue in the parse: ``X`` of ``according to X``, else the subject of
    the verb or, for a participle or a verb joined to another (``X did Y, saying``, ``X was quoted
    as saying``), of the verb it hangs from."""
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if token.dep_ == "acl" and token.tag_ == "VBG":  # "footage of Hillary Clinton asking"
        return token.head
    for _ in range(4):
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None or token.dep_ not in _CLIMB or token.head is token:
            return subject
        token = token.head
    return None


def _parsed_speaker(text: str, masked: str, doc: Doc, cue: Span) -> Span | None:
    """The subject of the cue as a whole noun phrase, if it is one a speaker can be."""
    token = token_at(doc, cue.start)
    subject = _subject_token(token) if token is not None else None
    if subject is None:
        return None
    start, end = noun_phrase(subject)
    return None if MASK in masked[start:end] else _speaker(text, start, end)


def _parsed(text: str, masked: str, doc: Doc, mention: _Mention) -> _Mention:
    """The mention with its speaker read from the parse where the parse has one."""
    speaker = _parsed_speaker(text, masked, doc, mention.cue)
    return _Mention(speaker, mention.cue) if speaker else mention


def _user_of_words(text: str, masked: str, doc: Doc, quote: Quote) -> _Mention | None:
    """For a fragment without a speech verb, the person who uses its words: the subject of the
    verb it hangs from, when that is a named person or ``he`` / ``she`` (``Trump described the
    incident as a "terrible situation"``); scare quotes in a sentence about things stay unsaid."""
    words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    token = words.root
    for _ in range(8):
        outside = not words.start <= token.i < words.end
        if (outside and token.pos_ in ("VERB", "AUX")) or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX") or words.start <= token.i < words.end:
        return None
    subject = _subject_token(token)
    person = subject is not None and (
        subject.lower_ in ("he", "she")
        or head_entity(doc[subject.i : subject.i + 1], ["PERSON"]) is not None
        or (  # a name the tagger missed ("Trump" as a noun), not "Officials" or "The report"
            subject.text[0].isupper()
            and subject.ent_type_ in ("", "PERSON")
            and subject.tag_ not in ("NNS", "NNPS")
            and not any(c.dep_ == "det" for c in subject.children)
        )
    )
    scare = text[max(0, quote.start - 12) : quote.start].rstrip(" \"“'‘").endswith("so-called")
    if not person or scare:
        return None
    cue = _span(text, token.idx, token.idx + len(token))
    speaker = _parsed_speaker(text, masked, doc, cue)
    return _Mention(speaker, cue) if speaker else None


def _introductions(text: str, masked: str, doc: Doc) -> Iterator[_Mention]:
    """People named as the subject of a sentence outside quotes, whatever its verb (``The
    spokeswoman, Ana Ruiz, went through the figures.``): candidates for a bare quote after it."""
    for sentence in doc.sents:
        root = sentence.root
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        if subject is None or MASK in masked[root.idx] + masked[subject.idx]:
            continue
        if head_entity(doc[subject.i : subject.i + 1], ["PERSON"]) is None:
            continue
        speaker = _speaker(text, *noun_phrase(subject))
        if speaker:
            yield _Mention(speaker, _span(text, root.idx, root.idx + len(root)))


def _order(mention: _Mention) -> tuple[int, int, int]:
    """Text order, ties broken so that the result never depends on set order."""
    return mention.speaker.start, mention.speaker.end, mention.cue.start


def _check(text: object, quotes: object) -> None:
    if not isinstance(text, str):
        raise ValueError(
            f"attribute: expected text to be a str (the article the quotes come from), got "
            f"{type(text).__name__}"
        )
    expected = "attribute: expected quotes to be a list of Quote, as extract_quotes(text) returns"
    if not isinstance(quotes, (list, tuple)):
        raise ValueError(f"{expected}, got {type(quotes).__name__}")
    wrong = sorted({type(q).__name__ for q in quotes if not isinstance(q, Quote)})
    if wrong:
        raise ValueError(f"{expected}, got a {type(quotes).__name__} holding {wrong}")
    for quote in quotes:
        if any(text[s.start : s.end] != s.text for s in quote.sentences):
            raise ValueError(
                f"attribute: quote {quote.id} ({quote.text[:40]!r}) is not at offsets "
                f"{quote.start}:{quote.end} of the text given; pass the same text that "
                f"extract_quotes was given"
            )


def attribute(text: str, quotes: list[Quote], *, doc: Doc | None = None) -> list[Quote]:
    """Find who said each quote.

    Args:
        text: The article the quotes were extracted from.
        quotes: Its quotes, as `stancer.news.quotes.extract_quotes` returns them, and indirect
            speech with its cue (`stancer.news.reported.indirect_speech`).
        doc: The text's parse (`stancer.news.parsing.parse`), made here when not given.

    Returns:
        Copies of the quotes, in the same order, with ``speaker`` (the canonical name, pronouns
        and descriptions resolved), ``speaker_mention`` (the words the attribution rests on, such
        as the ``he`` of ``"…," he said``) and ``cue`` filled where the speaker is found; all
        three stay ``None`` where not.

    Raises:
        ValueError: ``text`` is not a str, ``quotes`` is not a list of `Quote`, or a quote does not
            sit at its offsets in ``text``.

    Example:
        >>> from stancer.news.quotes import extract_quotes
        >>> text = '"We will win," Smith said. "It is certain."'
        >>> [q.speaker for q in attribute(text, extract_quotes(text))]
        ['Smith', 'Smith']
    """
    _check(text, quotes)
    doc = parse(text) if doc is None else doc
    masked = mask(text, quotes)
    paragraphs = paragraph_spans(text)
    own: dict[int, _Mention | None] = {}
    for n, quote in enumerate(quotes):
        if quote.cue is not None:  # reported speech, whose cue the parse gave
            speaker = _parsed_speaker(text, masked, doc, quote.cue)
            own[n] = _Mention(speaker, quote.cue) if speaker else None
        else:
            mention = _in_sentence(text, masked, doc, quote, paragraphs)
            own[n] = _parsed(text, masked, doc, mention) if mention else None
        if own[n] is None and quote.kind == "partial":
            own[n] = _user_of_words(text, masked, doc, quote)
    mentions = {
        *(_parsed(text, masked, doc, m) for m in _free_mentions(text, masked, doc, paragraphs)),
        *(m for m in own.values() if m),
        *_introductions(text, masked, doc),
    }
    names = resolve(doc, [m.speaker for m in mentions], hidden=lambda i: masked[i] == MASK)
    ordered = sorted(mentions, key=_order)
    starts = [m.speaker.start for m in ordered]
    attributed = []
    for n, quote in enumerate(quotes):
        mention = own[n]
        if mention is None and quote.kind in ("direct", "block"):
            opened = outer(text, quote)[0]
            window = _paragraph(paragraphs, _paragraph(paragraphs, opened)[0] - 1)[0]
            last = bisect.bisect_left(starts, opened) - 1  # the last mention before the quote
            mention = ordered[last] if last >= 0 and starts[last] >= window else None
        who = names[(mention.speaker.start, mention.speaker.end)] if mention else None
        if who is not None and mention is not None:
            quote = replace(quote, speaker=who, speaker_mention=mention.speaker, cue=mention.cue)
        else:
            quote = replace(quote, cue=None)
        attributed.append(quote)
    return attributed


def find_attributions(
    text: str, *, direct_only: bool = False, doc: Doc | None = None
) -> list[Quote]:
    """The attributed speech of an article: its quotes and, unless ``direct_only``, its indirect
    speech (`stancer.news.reported`), in text order, ids from 0, with speakers (`attribute`).

    ``doc`` is the text's parse (`stancer.news.parsing.parse`), made here when not given.

    Example:
        >>> [(q.kind, q.speaker) for q in find_attributions('Smith said that talks had failed.')]
        [('indirect', 'Smith')]
    """
    require_str("find_attributions", "text", text)
    doc = parse(text) if doc is None else doc
    quotes = extract_quotes(text)
    if not direct_only:
        quotes = sorted([*quotes, *indirect_speech(doc, quotes)], key=lambda q: q.start)
    return attribute(text, [replace(q, id=n) for n, q in enumerate(quotes)], doc=doc)
