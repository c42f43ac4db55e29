"""Question targets as propositions: ``"Should we ban X?"`` → ``"We should ban X"``.

Stance is taken toward a proposition; several releases (IAM, MPCHI, ProCon) give yes/no questions
instead. The rule, applied by those adapters (which keep the question in a ``question`` column):

1. The question mark and surrounding space go; ``Shouldn't`` is read as ``Should``.
2. The question must open with an auxiliary: a modal (``should``, ``can``, ``will`` …), a form of
   ``be`` (``is``, ``are`` …) or of ``do`` (``do``, ``does``). A text that opens with none and
   does not end with ``?`` is already a proposition and stays as it is; a question that opens
   with another word (``Did …``, ``Has …``, ``Under Obamacare, are …``) is not parsed (4).
3. The subject ends before ``be`` after a modal (``Should animal testing be banned`` → ``Animal
   testing should be banned``), or before the first verb of `VERBS` (``Does Vitamin C prevent
   common cold`` → ``Vitamin C prevents common cold``: ``do`` is dropped and the verb agrees with
   ``does``); a pronoun or ``there`` is the subject on its own (``Should we ban X`` → ``We should
   ban X``). After ``is`` / ``are`` the predicate starts at the first article after the subject's
   first word (``Is science a threat`` → ``Science is a threat``), else it is the last word (``Is
   the advertisement harmful`` → ``The advertisement is harmful``); a subject of more than three
   words, one holding a preposition, an ``-ing`` word or a trailing ``and`` / ``or``, or a Title
   Case question whose verb cannot be told from its nouns, is not parsed.
4. A question the rule cannot parse becomes ``"The answer to the question '<question>?' is yes"``,
   which is still a proposition with the same stance, never a mangled sentence.
"""

from __future__ import annotations

import re

MODALS = ("should", "can", "could", "will", "would", "must", "may", "might", "shall")
BE = ("is", "are", "was", "were")
DO = ("do", "does")
PRONOUNS = ("i", "we", "you", "they", "he", "she", "it", "there")
PREPOSITIONS = frozenset("about against at by for from in of on over than to under with".split())
DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "all", "some", "our", "their")
#: Common verbs that follow a subject in the release questions' ``do`` / modal forms.
VERBS = frozenset(
    """accept allow ask ban bring cause change choose contribute create cure damage destroy do
    encourage end get give have help hurt improve increase kill lead limit lower make offer pay
    play prevent promote protect provide reduce reflect remain replace require restrict return
    save serve stop support take threaten treat use work""".split()
)


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb == "do":
        return "does"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _capitalise(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def question_to_proposition(question: str) -> str:
    """The declarative proposition a yes/no question asks about (the module's rule)."""
    text = re.sub(r"\s+", " ", question).strip().rstrip("?").strip()
    words = text.split(" ")
    aux = words[0].lower().replace("’", "'")
    if aux == "shouldn't":
        aux = "should"
    rest = words[1:]
    lowered = [w.lower() for w in rest]
    if aux not in MODALS + BE + DO:
        # "Did …", "Has …", "Under Obamacare, are …", "What …": a question the rule cannot turn
        return _fallback(text) if question.strip().endswith("?") else question.strip()
    if len(rest) < 2:
        return _fallback(text)
    first = rest[0] if rest[0] == "I" else rest[0][:1].lower() + rest[0][1:]
    if lowered[0] in PRONOUNS:
        if aux in DO:
            agrees = aux == "does" and lowered[0] in ("he", "she", "it")
            return _capitalise([first, _third_person(lowered[1]) if agrees else rest[1], *rest[2:]])
        return _capitalise([first, aux, *rest[1:]])
    if aux in BE:
        return _copula(aux, rest, lowered) or _fallback(text)
    if _title_case(rest):  # "Can Marijuana Use Cause Death": the verb cannot be told apart
        return _fallback(text)
    head = lowered[0] in DETERMINERS
    subject_first = rest[0].lower() if head else rest[0]
    for i in range(1, len(rest)):
        if aux in MODALS and lowered[i] == "be" or lowered[i] in VERBS:
            subject = [subject_first, *rest[1:i]]
            if aux in MODALS:
                return _capitalise([*subject, aux, *rest[i:]])
            verb = _third_person(lowered[i]) if aux == "does" else rest[i]
            return _capitalise([*subject, verb, *rest[i + 1 :]])
    return _fallback(text)


def _title_case(words: list[str]) -> bool:
    return sum(w[:1].isupper() for w in words) > len(words) / 2


def _copula(aux: str, rest: list[str], lowered: list[str]) -> str | None:
    """``Is science a threat`` → ``Science is a threat``: the predicate starts at the first article
    after the subject's first word, else it is the last word; a subject over 3 words is refused."""
    start = 2 if lowered[0] in DETERMINERS else 1
    article = next((i for i in range(start, len(rest)) if lowered[i] in ("a", "an", "the")), None)
    cut = article if article is not None else len(rest) - 1
    # "Are DACA and the DREAM Act good", "Is Marijuana Bad for the …", "Is Obamacare Decreasing the …"
    odd = any(w in PREPOSITIONS or w.endswith("ing") for w in lowered[1:cut])
    odd = odd or lowered[cut - 1] in ("and", "or")
    if not 0 < cut <= 3 or odd or (article is None and _title_case(rest)):
        return None
    subject = [rest[0].lower() if lowered[0] in DETERMINERS else rest[0], *rest[1:cut]]
    return _capitalise([*subject, aux, *rest[cut:]])


def _fallback(text: str) -> str:
    return f"The answer to the question '{text}?' is yes"
