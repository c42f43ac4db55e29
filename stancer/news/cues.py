"""The written cues of speaker attribution: patterns over the masked article text (quotes
replaced by `stancer.news.masked.MASK`) that find a speech verb, ``according to``, a dash or a
``Source:`` label, and the words around it that name the speaker.

`stancer.news.attribution` decides which cue a quote takes and reads the speaker from the parse
where it can; the helpers here read it from the words alone: `speaker_phrase` says whether some
words can name a speaker at all, `matched` turns a pattern's ``who`` and ``cue`` groups into a
`Mention`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stancer.news.masked import DOT, MASK
from stancer.news.quotes import SPEECH_VERBS
from stancer.news.speakers import DETERMINERS, PRONOUNS
from stancer.news.text import Span

_GROUPS = frozenset(
    "officials analysts experts sources diplomats residents witnesses critics lawmakers "
    "protesters observers ministers leaders".split()
)
_NOT_SPEAKERS = frozenset(
    "it this that there we i you what which who these those is was are were how why when where "
    "and but or so to of in on at for as by with after before during while if although though "
    "because since once asked however meanwhile still yet now then also instead".split()
)
_VERB = rf"(?:{'|'.join(sorted(SPEECH_VERBS, key=len, reverse=True))})"
SPEECH_VERB = re.compile(rf"\b{_VERB}\b")
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
ADJACENT = re.compile(rf"(?:\s+[\w'’{DOT}-]+){{0,3}}\s*[:,]?\s*")
ACCORDING_BEFORE = re.compile(rf"\b(?P<cue>[Aa]ccording to)\s+(?P<who>{_WHO}{{1,80}}),\s*$")
ACCORDING_AFTER = re.compile(rf"\s*,?\s*(?P<cue>according to)\s+(?P<who>{_WHO}+)")
ACCORDING = re.compile(rf"\b(?P<cue>[Aa]ccording to)\s+(?P<who>{_WHO}+)")
DASH_AFTER = re.compile(rf"\s*[,.]?\s*(?P<cue>[—–―-])[ \t]*(?P<who>{_NAME})")
SAID_WHO = re.compile(rf"\s*,?\s*(?P<cue>{_VERB})\s+(?P<who>{_WHO}+)")
_ASIDE = rf"(?:\s*\([^()\n]{{1,40}}\))?(?:,[^,;:!?{MASK}\n]{{1,160}},)?"  # (D-Md.), a historian,
WHO_SAID = re.compile(
    rf"\s*,?\s*(?P<who>{_WHO}{{1,80}}?){_ASIDE}\s+(?:{_ADVERB}\s+)*(?P<cue>{_VERB})\b"
)
_APPOSITION = re.compile(rf",[^,;:!?{MASK}\n]{{1,160}},\s*$")
_LEADING = re.compile(
    rf"\s*(?P<who>{_NAME})(?:\s*\([^()\n]{{1,40}}\))?(?:\s+{_ADVERB})*\s+(?P<cue>[a-z][\w-]*)"
)
COLON_BEFORE_QUOTE = re.compile(rf":(?=\s*{MASK})")
_CLAUSE_BREAK = re.compile(r"[,:]")
ENDS_WHO_SAID = re.compile(
    rf",\s*(?P<who>{_WHO}{{1,80}}?)\s+(?:{_ADVERB}\s+)*(?P<cue>{_VERB})\s*[.!?]?\s*$"
)
SOURCE_LABEL = re.compile(
    r"^[ \t]*(?P<cue>Source|Sources|Speaker|Attributed to)[ \t]*:[ \t]*(?P<who>[^\n]+)", re.M
)


@dataclass(frozen=True)
class Mention:
    """A speaker named in the text, and the cue that makes them one."""

    speaker: Span
    cue: Span


def span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def speaker_phrase(text: str, start: int, end: int) -> Span | None:
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
    return span(text, start, start + len(text[start:end].rstrip(" .,")))


def sentence_subject(text: str, masked: str, lo: int, end: int) -> Mention | None:
    """The name or pronoun that starts a clause of ``masked[lo:end]``, with the verb after it.

    For speech without a speech verb of its own: ``Sen. McCaskill scolded him: "…"``, ``He
    defended it, saying, "…"``.
    """
    for clause in [lo, *(m.end() for m in _CLAUSE_BREAK.finditer(masked, lo, end))]:
        mention = matched(text, _LEADING.match(masked, clause, end))
        if mention:
            return mention
    return None


def matched(text: str, match: re.Match[str] | None) -> Mention | None:
    """The mention a match finds, from its ``who`` and ``cue`` groups; None if ``who`` is no speaker."""
    if match is None:
        return None
    who = speaker_phrase(text, match.start("who"), match.end("who"))
    return Mention(who, span(text, *match.span("cue"))) if who else None


def words_before(text: str, masked: str, lo: int, verb: re.Match[str]) -> Span | None:
    """The speaker a speech verb has where the parse gives it no subject: the words before it back
    to a clause boundary, over an apposition (``Douglas Brinkley, a historian, recalled``) unless
    the verb is a participle."""
    region = masked[lo : verb.start()]
    adverbs = _TRAILING_ADVERBS.search(region)
    end = lo + (adverbs.start() if adverbs else len(region.rstrip()))
    apposition = _APPOSITION.search(masked, lo, end)
    if apposition and not verb.group().endswith("ing"):
        end = apposition.start()
    start = max((m.end() for m in _BOUNDARY.finditer(masked, lo, end)), default=lo)
    return speaker_phrase(text, start, end)
