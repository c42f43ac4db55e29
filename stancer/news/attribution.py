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
from dataclasses import replace
from typing import TYPE_CHECKING

from stancer.news import cues
from stancer.news.masked import MASK, mask, outer, sentence_end, sentence_start
from stancer.news.parsing import noun_phrase, parse, token_at
from stancer.news.quotes import Quote, extract_quotes
from stancer.news.reported import indirect_speech
from stancer.news.speakers import head_entity, resolve
from stancer.news.text import Span, paragraph_spans, require_str

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep"})  # dependents of a verb


def _subject_before(text: str, masked: str, doc: Doc, lo: int, verb: re.Match[str]) -> Span | None:
    """The subject of a speech verb: from the parse where it has one, else the words back to a
    clause boundary, over an apposition (``Douglas Brinkley, a historian, recalled``) unless the
    verb is a participle."""
    parsed = _parsed_speaker(text, masked, doc, cues.span(text, *verb.span()))
    if parsed is not None:
        return parsed
    return cues.words_before(text, masked, lo, verb)


def _paragraph(paragraphs: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The paragraph (line) that holds ``offset``."""
    return paragraphs[max(bisect.bisect_right(paragraphs, offset, key=lambda p: p[0]) - 1, 0)]


def _in_sentence(
    text: str, masked: str, doc: Doc, quote: Quote, paragraphs: list[tuple[int, int]]
) -> cues.Mention | None:
    """The speaker of a quote named in its own sentence, by the rules in the module docstring."""
    opened, closed = outer(text, quote)
    start = sentence_start(masked, _paragraph(paragraphs, opened)[0], opened)
    stop = sentence_end(masked, closed, _paragraph(paragraphs, closed)[1])
    according = cues.matched(text, cues.ACCORDING_BEFORE.search(masked, start, opened))
    if according:
        return according
    earlier = None
    for verb in reversed(list(cues.SPEECH_VERB.finditer(masked, start, opened))):
        subject = _subject_before(text, masked, doc, start, verb)
        if subject:
            earlier = cues.Mention(subject, cues.span(text, *verb.span()))
        elif verb.group().endswith("ing"):
            earlier = cues.sentence_subject(text, masked, start, verb.start())
            earlier = earlier and cues.Mention(earlier.speaker, cues.span(text, *verb.span()))
        if earlier:
            break
    if earlier and cues.ADJACENT.fullmatch(masked, earlier.cue.end, opened):
        return earlier
    lead_in = masked[start:opened].rstrip()
    if not earlier and lead_in.endswith((":", ",")):
        return cues.sentence_subject(text, masked, start, start + len(lead_in) - 1)
    for pattern in (cues.DASH_AFTER, cues.ACCORDING_AFTER, cues.WHO_SAID, cues.SAID_WHO):
        after = cues.matched(text, pattern.match(masked, closed, stop))
        if after:
            return after
    return earlier or cues.matched(text, cues.ENDS_WHO_SAID.search(masked, closed, stop))


def _free_mentions(
    text: str, masked: str, doc: Doc, paragraphs: list[tuple[int, int]]
) -> Iterator[cues.Mention]:
    """Speakers named outside quotes: ``X said …``, ``according to X``, ``Source: X``."""
    for verb in cues.SPEECH_VERB.finditer(masked):
        lo = sentence_start(masked, _paragraph(paragraphs, verb.start())[0], verb.start())
        subject = _subject_before(text, masked, doc, lo, verb)
        if subject:
            yield cues.Mention(subject, cues.span(text, *verb.span()))
    for colon in cues.COLON_BEFORE_QUOTE.finditer(masked):
        lo = sentence_start(masked, _paragraph(paragraphs, colon.start())[0], colon.start())
        mention = cues.sentence_subject(text, masked, lo, colon.start())
        if mention:
            yield mention
    for pattern in (cues.ACCORDING, cues.SOURCE_LABEL):
        for match in pattern.finditer(masked):
            mention = cues.matched(text, match)
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
    return None if MASK in masked[start:end] else cues.speaker_phrase(text, start, end)


def _parsed(text: str, masked: str, doc: Doc, mention: cues.Mention) -> cues.Mention:
    """The mention with its speaker read from the parse where the parse has one."""
    speaker = _parsed_speaker(text, masked, doc, mention.cue)
    return cues.Mention(speaker, mention.cue) if speaker else mention


def _user_of_words(text: str, masked: str, doc: Doc, quote: Quote) -> cues.Mention | None:
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
    cue = cues.span(text, token.idx, token.idx + len(token))
    speaker = _parsed_speaker(text, masked, doc, cue)
    return cues.Mention(speaker, cue) if speaker else None


def _introductions(text: str, masked: str, doc: Doc) -> Iterator[cues.Mention]:
    """People named as the subject of a sentence outside quotes, whatever its verb (``The
    spokeswoman, Ana Ruiz, went through the figures.``): candidates for a bare quote after it."""
    for sentence in doc.sents:
        root = sentence.root
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        if subject is None or MASK in masked[root.idx] + masked[subject.idx]:
            continue
        if head_entity(doc[subject.i : subject.i + 1], ["PERSON"]) is None:
            continue
        speaker = cues.speaker_phrase(text, *noun_phrase(subject))
        if speaker:
            yield cues.Mention(speaker, cues.span(text, root.idx, root.idx + len(root)))


def _order(mention: cues.Mention) -> tuple[int, int, int]:
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
    own: dict[int, cues.Mention | None] = {}
    for n, quote in enumerate(quotes):
        if quote.cue is not None:  # reported speech, whose cue the parse gave
            speaker = _parsed_speaker(text, masked, doc, quote.cue)
            own[n] = cues.Mention(speaker, quote.cue) if speaker else None
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
