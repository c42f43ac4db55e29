"""Canonical speakers: who each mention of a speaker refers to, read from the parse.

Mentions are resolved in text order, each to a *referent* (a person, an organisation, a group or
a description), and a referent's canonical name is the fullest name it is given:

- a mention whose head is a person's name (spaCy's ``PERSON``, also through an apposition: ``The
  spokeswoman, Ana Ruiz,``) is that person, titles left out (``US Ambassador to NATO Julianne
  Smith`` → ``Julianne Smith``); a surname alone (``Smith``) is the earlier person of that
  surname, or else the one full name the article gives it anywhere (``Clinton`` → ``Hillary
  Clinton``), and a full name given later completes an earlier surname;
- a name of an organisation (``ORG``, ``GPE``, ``NORP``) or a head noun of one (``the ministry``)
  is an organisation;
- ``the …`` (``the mayor``, ``The official``) is the most recent earlier referent that shares one
  of its nouns, the words around a name included (``Mayor Doug McCallum`` is a mayor; ``Ana Ruiz,
  the spokeswoman,`` a spokeswoman); otherwise a description, named by its words as written;
- ``he`` / ``she`` is the most recent person (or description of one) whose gender does not
  contradict it: gender comes from a title (``Mr.``, ``Ms.``), a gendered noun
  (``spokeswoman``), a first name that makes it clear (``Hillary``; a short table) or an earlier
  pronoun resolved to them; ``they`` is the most recent group, organisation or description.
  Organisations never take ``he`` or ``she``.

Pronouns and descriptions look back over the last 30 referents, so that resolving stays linear
in the article's length. Besides speakers, people named as the subject of any verb outside
quotes (``Mayor Doug McCallum arrived``) are candidates for a later pronoun or description. A
pronoun with no compatible referent stays unresolved (None): a name is never invented.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stancer.news.parsing import text_of
from stancer.news.text import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

PRONOUNS = {"he": "m", "she": "f", "they": None}
#: Determiners, which start a description of a speaker (``the official``) and are never a
#: name's head word, even when a sentence's start capitalises them.
DETERMINERS = frozenset(
    "a an the this that these those some several many most all both each every other another "
    "one two three four five his her its their our my your".split()
)
_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "madam": "f"}
_GENDERED = {
    **dict.fromkeys(
        "spokeswoman chairwoman congresswoman businesswoman woman mother wife daughter sister "
        "widow queen actress girl grandmother aunt".split(),
        "f",
    ),
    **dict.fromkeys(
        "spokesman chairman congressman businessman man father husband son brother widower "
        "king actor boy grandfather uncle".split(),
        "m",
    ),
}
#: Common first names of people in English-language news whose gender the name makes clear.
_FIRST_NAMES = {
    **dict.fromkeys(
        "Hillary Nancy Elizabeth Sarah Kamala Michelle Melania Ivanka Kellyanne Susan Mary "
        "Patricia Jennifer Linda Barbara Margaret Karen Lisa Betty Helen Sandra Donna Carol Ruth "
        "Sharon Laura Emily Kimberly Deborah Jessica Amy Angela Melissa Rebecca Stephanie Anna "
        "Ann Anne Julia Julie Julianne Maria Olena Claire Catherine Katherine Kate Ursula Theresa "
        "Jacinda Liz Kristi Nikki Marsha Dianne Diane Gwen Maxine Debbie Tulsi Alexandria Ilhan "
        "Rashida Jill Jane Joan Christine Heather Rachel Megan Nicole Samantha Huma Sheila Oprah "
        "Chelsea Tiffany Marine Giorgia Olga Natalia Irina Yulia Oksana Victoria Kaja Annalena "
        "Mette Sanna Ana Sofia Lucia Isabel Carmen Elena Janet Gina Kathy Cynthia Pamela Emma "
        "Olivia Sophie Hannah Grace Alice Dorothy Judith Virginia Martha Lauren Amanda Ashley".split(),
        "f",
    ),
    **dict.fromkeys(
        "Donald Joe Barack Bernie Mike Michael John James Robert William David Richard Joseph "
        "Thomas Charles Christopher Daniel Matthew Anthony Mark Paul Steven Steve Andrew Kenneth "
        "Kevin Brian George Timothy Ronald Jason Edward Jeffrey Ryan Jacob Gary Nicholas Eric "
        "Jonathan Stephen Larry Justin Scott Brandon Benjamin Frank Gregory Raymond Alexander "
        "Patrick Jack Dennis Jerry Tim Tom Ted Marco Chris Rand Jeb Ben Newt Rudy Mitch Chuck "
        "Harry Bill Dick Jim Bob Rick Reince Sean Corey Jared Rex Vladimir Volodymyr Emmanuel "
        "Olaf Keir Boris Rishi Xi Recep Jens Antony Lloyd Jake Dmytro Rustem Sergei Sergey "
        "Dmitry Viktor Andrzej Friedrich Doug Elon Hunter Pete Peter Henry Walter Roger Carl "
        "Arthur Lawrence Douglas Jeremy Keith Ralph Roy Louis Philip Johnny Bruce Wayne".split(),
        "m",
    ),
}
#: Words of a title before a name (``Defence Minister Rustem Umerov``), never part of the name.
_TITLE_WORDS = frozenset(
    "minister president secretary ambassador mayor senator sen rep representative governor gov "
    "chancellor general gen spokesman spokeswoman spokesperson chief director chairman "
    "chairwoman prime defence defense foreign deputy vice premier king queen prince princess "
    "judge justice dr prof lt col capt sgt adm admiral commissioner councillor councilor "
    "speaker leader envoy pope bishop rev sheikh emir former acting interim first lady sir".split()
)
#: Head nouns of institutions: they speak, but are never "he" or "she".
_INSTITUTIONS = frozenset(
    "ministry government administration department office agency company council committee "
    "party campaign court police army military embassy commission union organisation "
    "organization board firm bank university newspaper network website club association "
    "parliament senate congress kremlin coalition alliance federation cabinet group team "
    "authority authorities service institute foundation statement report".split()
)
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_RECENT = 30  # referents a pronoun or a description looks back over


@dataclass
class _Referent:
    name: str
    kind: str  # "person", "organisation", "group" or "description"
    gender: str | None = None
    nouns: set[str] = field(default_factory=set)

    def takes(self, pronoun: str) -> bool:
        if pronoun == "they":
            return self.kind in ("group", "organisation", "description")
        return self.kind in ("person", "description") and self.gender in (None, PRONOUNS[pronoun])


def _clean_name(entity: DocSpan) -> str:
    tokens = list(entity)
    while len(tokens) > 1 and _title(tokens[0]):
        tokens.pop(0)
    while tokens and tokens[-1].tag_ == "POS":
        tokens.pop()
    return " ".join(t.text for t in tokens) if tokens else entity.text


def head_entity(span: DocSpan, labels: Iterable[str]) -> DocSpan | None:
    """The named entity that is the head of ``span`` or its apposition (``The spokeswoman, Ana
    Ruiz``); an entity further in (``Officials in Joe Biden's administration``) is not. For
    ``PERSON``, a head of two or more proper nouns the tagger left unnamed (``Ana Ruiz``) counts."""
    wanted, doc = set(labels), span.doc
    root = span.root
    linked = ("appos", "compound") if root.pos_ == "PROPN" else ("appos",)  # not "Biden aides"
    heads = [root, *(c for c in root.children if c.dep_ in linked)]
    for token in heads:
        entity = entity_of(token)
        if entity is not None and entity.label_ in wanted:
            return entity
    if "PERSON" in wanted:
        for token in [*heads[1:], root]:
            if token.dep_ == "compound" or token.pos_ != "PROPN" or token.ent_type_:
                continue
            if any(c.dep_ == "det" for c in token.children):  # "The Prime Minister"
                continue
            first = token.i
            while first > 0 and _is_name_word(doc[first - 1]) and doc[first - 1].head.i == token.i:
                first -= 1
            if first < token.i:
                return doc[first : token.i + 1]
    return None


def entity_of(token: Token) -> DocSpan | None:
    """The named entity ``token`` is part of, or None (read from its IOB tags, not a scan)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span as SpacySpan

    return SpacySpan(doc, start, end, label=token.ent_type_)


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.dep_ == "compound" and not _title(token)


def _title(token: Token) -> bool:
    return token.lower_.rstrip(".") in _TITLES or token.lower_.rstrip(".") in _TITLE_WORDS


def _nouns(tokens: Iterable[object], skip: DocSpan | None = None) -> set[str]:
    return {
        t.lemma_.lower()  # type: ignore[attr-defined]
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN")  # type: ignore[attr-defined]
        and (skip is None or not skip.start <= t.i < skip.end)  # type: ignore[attr-defined]
    }


def _gender(words: Iterable[str]) -> str | None:
    for word in words:
        word = word.lower().rstrip(".")
        if word in _TITLES:
            return _TITLES[word]
        if word in _GENDERED:
            return _GENDERED[word]
    return None


class _Resolver:
    def __init__(self, doc: Doc, hidden: Callable[[int], bool]) -> None:
        self.doc, self.text = doc, text_of(doc)
        #: Referents by id, the most recently mentioned last.
        self.history: dict[int, _Referent] = {}
        #: Surname → the people of that surname met so far.
        self.people: dict[str, list[_Referent]] = {}
        #: Surname → the one full name the article gives it anywhere outside quotes (``Clinton``
        #: → ``Hillary Clinton``), or None when it gives two.
        self.full_names: dict[str, str | None] = {}
        for entity in doc.ents:
            words = _clean_name(entity).split() if entity.label_ == "PERSON" else []
            if len(words) > 1 and not hidden(entity.start_char):
                known = self.full_names.setdefault(words[-1], " ".join(words))
                if known is not None and known != " ".join(words):
                    self.full_names[words[-1]] = None

    def _remember(self, referent: _Referent) -> _Referent:
        self.history.pop(id(referent), None)
        self.history[id(referent)] = referent
        return referent

    def _recent(self) -> Iterator[_Referent]:
        """The referents met so far, the most recent first, as far back as `_RECENT`."""
        return itertools.islice(reversed(self.history.values()), _RECENT)

    def person(self, entity: DocSpan, around: DocSpan) -> _Referent:
        name = _clean_name(entity)
        if len(name.split()) == 1:
            name = self.full_names.get(name) or name
        words = name.split()
        apposition = [t for c in around.root.children if c.dep_ == "appos" for t in c.subtree]
        nouns = _nouns([*around, *apposition], skip=entity)
        gender = _gender(t.text for t in around) or _gender(nouns) or _FIRST_NAMES.get(words[0])
        namesakes = self.people.setdefault(words[-1], [])
        for known in reversed(namesakes):
            known_words = known.name.split()
            if len(words) == 1 or len(known_words) == 1 or known.name == name:
                if len(words) > len(known_words):
                    known.name = name
                known.nouns |= nouns
                known.gender = known.gender or gender
                return self._remember(known)
        namesakes.append(_Referent(name, "person", gender, nouns))
        return self._remember(namesakes[-1])

    def mention(self, start: int, end: int) -> _Referent | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        text = self.text[start:end]
        lowered = text.lower()
        if lowered in PRONOUNS:
            referent = next((r for r in self._recent() if r.takes(lowered)), None)
            if referent is not None and lowered != "they" and referent.gender is None:
                referent.gender = PRONOUNS[lowered]
            return referent and self._remember(referent)
        if span is None or not len(span):
            return self._remember(_Referent(text, "description"))
        person = head_entity(span, ["PERSON"])
        if person is not None:
            return self.person(person, span)
        nouns = _nouns(span)
        if lowered.startswith("the "):
            earlier = next((r for r in self._recent() if r.nouns & nouns), None)
            if earlier is not None:
                return self._remember(earlier)
        organisation = head_entity(span, _ORG_LABELS)
        if organisation is not None or span.root.lemma_.lower() in _INSTITUTIONS:
            return self._remember(_Referent(text, "organisation", nouns=nouns))
        kind = "group" if span.root.tag_ in ("NNS", "NNPS") else "description"
        return self._remember(_Referent(text, kind, _gender(nouns), nouns))


def resolve(
    doc: Doc, mentions: Iterable[Span], *, hidden: Callable[[int], bool]
) -> dict[tuple[int, int], str | None]:
    """The canonical speaker of each mention, by the rules in the module docstring.

    Args:
        doc: The parsed article.
        mentions: The speakers' mentions (offsets into the article).
        hidden: Whether an offset lies inside a quote; people named there are not candidates.

    Returns:
        ``(start, end)`` of each mention → the canonical name, or None for a pronoun that
        refers to no earlier compatible speaker.
    """
    resolver = _Resolver(doc, hidden)
    events: list[tuple[int, int, int, tuple[DocSpan, DocSpan] | None]] = [
        (m.start, m.end, 1, None) for m in mentions
    ]
    for entity in doc.ents:
        if entity.label_ != "PERSON" or hidden(entity.start_char):
            continue
        subject = entity.root if entity.root.dep_ in _SUBJECTS else entity.root.head
        if subject.dep_ in _SUBJECTS and head_entity(doc[subject.i : subject.i + 1], ["PERSON"]):
            phrase = doc[subject.left_edge.i : subject.right_edge.i + 1]
            events.append((phrase.start_char, phrase.end_char, 0, (entity, phrase)))
    referents: dict[tuple[int, int], _Referent | None] = {}
    for start, end, _, introduced in sorted(events, key=lambda e: e[:3]):
        if introduced is not None:
            resolver.person(*introduced)
        elif (start, end) not in referents:
            referents[(start, end)] = resolver.mention(start, end)
    return {key: (r.name if r else None) for key, r in referents.items()}
