"""Scoring a quote extractor against PolNeAR (read by `stancer.data.polnear`).

The extractor is any callable that maps an article's text to quotes carrying ``start`` / ``end``
offsets and, optionally, a ``speaker`` / ``speaker_mention``.

**Gold.** Per article, the attributions of its first annotator in sorted order (the few
articles annotated six times for quality control would otherwise count each attribution up
to six times); attributions without content are left out.

**Predicted units.** Spans are trimmed of whitespace, quotation marks and ``, . ; :`` at
their ends (gold content includes its marks; a `Quote`'s offsets exclude them). Each
prediction belongs to the gold content it shares the most characters with (a direct one
on ties), if any. The predictions that belong to the same gold attribution form one
predicted unit, their spans taken together: PolNeAR annotates a quote interrupted by its
cue (``"A," he said. "B."``) as one attribution, while a `Quote` holds one contiguous span.
Every prediction that shares no character with gold content is a unit of its own.

**Views**, the key prefixes: ``all/`` scores every gold attribution and every unit;
``direct/`` scores the gold direct quotes (`is_direct_quote`) and the units that belong
to them or to no gold; units that belong to a non-direct attribution (say, a partial
quote inside a paraphrase) are left out of it, neither true nor false positives.

**Matching** is one-to-one: a gold attribution matches at most one unit, and the reverse.

- *exact*: the unit starts where the gold content's first piece starts and ends where its
  last piece ends (both trimmed).
- *overlap*: the character Jaccard index ``|U ∩ G| / |U ∪ G|`` is at least ``overlap``,
  where G is the gold content's trimmed pieces (so the cue inside an interrupted quote is
  not gold content). Jaccard penalises over-long and fragmentary units alike, where
  coverage of the gold alone would reward a span over the whole article. Pairs are taken
  greedily, highest index first.

**Speaker accuracy** is over the overlap matches whose gold attribution has a source, using
the unit's prediction that shares the most characters with the gold content, and judges the
canonical name: the predicted ``speaker`` must have the same `head_word` (roughly the last
capitalised word) as the person the gold source refers to (`gold_speakers`: the source's
words, or for a pronoun the last named source before it). So ``"Hillary Clinton"`` matches
``Mrs. Clinton``, and a ``she`` resolved to the right person counts, one resolved to the
wrong person does not. **Mention accuracy** is the looser rule: right when the predicted
``speaker_mention`` shares a character with the gold source (a pronoun covered counts,
whoever it is resolved to) or the head words match. A missing speaker is wrong in both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from stancer.bench.spans import (
    intersection,
    match_exact,
    match_overlap,
    trim_span,
    trimmed_pieces,
)
from stancer.data.polnear import Article, Attribution, merge_pieces
from stancer.news.speakers import DETERMINERS
from stancer.news.text import Span

#: The metric to report first: overlap F1 over direct quotes.
PRIMARY_METRIC = "direct/overlap_f1"
_WORD = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_ASIDE = re.compile(r"\([^()]*\)")  # "Rep. Gwen Moore (D-Wis.)"
_GOLD_PRONOUNS = frozenset("he she they it we i him her them his its their who which that".split())
#: Words that end a name's head phrase: ``the narrator in the spot`` → ``the narrator``.
_POSTMODIFIERS = frozenset(
    "of in at for from with on by to who whom whose which that where when".split()
)


class SpanLike(Protocol):
    """Anything with character offsets."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class QuoteLike(Protocol):
    """The part of a predicted quote that scoring reads."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def speaker(self) -> str | None: ...

    @property
    def speaker_mention(self) -> SpanLike | None: ...


Extractor = Callable[[str], Sequence[QuoteLike]]


def score_quotes(
    articles: Sequence[Article], extract: Extractor, *, overlap: float = 0.3
) -> dict[str, float]:
    """Score a quote extractor's content spans and speakers against PolNeAR, by the rules in the
    module docstring.

    Args:
        articles: From `load_polnear`.
        extract: Maps an article's text to its quotes; reads ``start``, ``end`` (offsets into
            the text), ``speaker`` and ``speaker_mention``.
        overlap: The least Jaccard index for an overlap match, in (0, 1].

    Returns:
        ``articles``, ``quotes`` (predictions returned), ``overlap_threshold`` and, for each
        view ``v`` in ``direct`` / ``all``: ``v/gold``, ``v/predicted`` (units),
        ``v/exact_matches``, ``v/exact_precision``, ``v/exact_recall``, ``v/exact_f1``, the
        same four for ``overlap``, ``v/speaker_pairs``, ``v/speaker_accuracy`` and
        ``v/mention_accuracy``. Ratios with
        a zero denominator are 0. The primary metric is `PRIMARY_METRIC`.

    Raises:
        ValueError: ``overlap`` is outside (0, 1], or a predicted span does not lie within its
            article's text.

    Example:
        >>> articles = load_polnear("/path/to/polnear", "test")  # doctest: +SKIP
        >>> metrics = score_quotes(articles, lambda t: attribute(t, extract_quotes(t)))  # doctest: +SKIP
        >>> metrics["direct/overlap_f1"], metrics["direct/speaker_accuracy"]  # doctest: +SKIP
    """
    if not 0 < overlap <= 1:
        raise ValueError(f"overlap: expected a Jaccard threshold in (0, 1], got {overlap!r}")
    counts: Counter[str] = Counter()
    for article in articles:
        predictions = list(extract(article.text))
        for quote in predictions:
            if not 0 <= quote.start <= quote.end <= len(article.text):
                raise ValueError(
                    f"article {article.id}: expected quote offsets with 0 <= start <= end <= "
                    f"{len(article.text)} (the text's length), got start={quote.start}, "
                    f"end={quote.end}; offsets must index the text passed to the extractor"
                )
        counts.update(score_article(article, predictions, overlap=overlap))
    return quote_metrics(counts, articles=len(articles), overlap=overlap)


@dataclass(frozen=True)
class _Unit:
    """Predictions grouped for matching: their trimmed spans, owner and representative."""

    pieces: tuple[tuple[int, int], ...]
    owner: int | None
    quote: QuoteLike


def score_article(
    article: Article, predictions: Sequence[QuoteLike], *, overlap: float
) -> Counter[str]:
    """The match counts of one article for both views (the rules are in the module docstring)."""
    first = article.annotators[0]
    gold = [a for a in article.attributions if a.annotator == first and a.content is not None]
    gold_pieces = [trimmed_pieces(article.text, a.content_pieces) for a in gold]
    units = _units(article.text, predictions, gold_pieces, [a.direct for a in gold])
    names = gold_speakers(gold)
    counts: Counter[str] = Counter({"quotes": len(predictions)})
    for view in ("direct", "all"):
        in_gold = [i for i, a in enumerate(gold) if view == "all" or a.direct]
        in_view = [u for u in units if view == "all" or u.owner is None or gold[u.owner].direct]
        view_gold = [gold_pieces[i] for i in in_gold]
        exact = match_exact([u.pieces for u in in_view], view_gold)
        loose = match_overlap([u.pieces for u in in_view], view_gold, overlap)
        counts[f"{view}/gold"] += len(in_gold)
        counts[f"{view}/predicted"] += len(in_view)
        counts[f"{view}/exact_matches"] += len(exact)
        counts[f"{view}/overlap_matches"] += len(loose)
        for u, g in loose:
            quote, source = in_view[u].quote, gold[in_gold[g]].source
            if source is not None:
                counts[f"{view}/speaker_pairs"] += 1
                counts[f"{view}/speaker_correct"] += same_speaker(quote.speaker, names[in_gold[g]])
                counts[f"{view}/mention_correct"] += speaker_matches(
                    quote.speaker, quote.speaker_mention, source
                )
    return counts


def gold_speakers(gold: Sequence[Attribution]) -> list[tuple[str, str | None]]:
    """Who each gold attribution's source is, as ``(words, antecedent)``: the source's words,
    and for a pronoun (``he``, ``who`` …) or a description without a name (``the president``)
    the last earlier source in the article that names someone (has a capitalised word).

    PolNeAR marks the source span but not what a pronoun or a description refers to; taking the
    last named source before it is right for most news prose and is the closest reading the
    corpus allows.
    """
    names: list[tuple[str, str | None]] = [("", None)] * len(gold)
    last: str | None = None
    order = sorted(
        (i for i, a in enumerate(gold) if a.source is not None),
        key=lambda i: gold[i].source.start,  # type: ignore[union-attr]
    )
    for i in order:
        words = gold[i].source.text  # type: ignore[union-attr]
        names[i] = (words, last)
        if words.strip().casefold() not in _GOLD_PRONOUNS and _named(words):
            last = words
    return names


def _named(words: str) -> bool:
    return any(w[0].isupper() and w.casefold() not in DETERMINERS for w in _WORD.findall(words))


def same_speaker(speaker: str | None, gold: tuple[str, str | None]) -> bool:
    """Whether a predicted canonical speaker names the gold one: the same `head_word` as the
    gold source's name (`gold_name`) or, for a pronoun or a description, its antecedent."""
    if speaker is None:
        return False
    words, antecedent = gold
    candidates = [words]
    if antecedent is not None and (words.strip().casefold() in _GOLD_PRONOUNS or not _named(words)):
        candidates.append(antecedent)
    head = head_word(speaker)
    return head is not None and any(head == head_word(gold_name(c)) for c in candidates)


def gold_name(source: str) -> str:
    """The part of a source span that names its speaker: ``Another critic, Laurence H. Tribe,``
    → ``Laurence H. Tribe``; the first comma-separated part that names someone, else the first."""
    parts = [p for p in _ASIDE.sub("", source).split(",") if p.strip()]
    return next((p for p in parts if _named(p)), parts[0] if parts else source)


def _units(
    text: str,
    predictions: Sequence[QuoteLike],
    gold_pieces: Sequence[Sequence[tuple[int, int]]],
    gold_direct: Sequence[bool],
) -> list[_Unit]:
    """Group trimmed predictions by the gold content they share most characters with."""
    grouped: dict[int, list[tuple[int, tuple[int, int], QuoteLike]]] = {}
    units = []
    for quote in predictions:
        span = trim_span(text, quote.start, quote.end)
        shared = [intersection([span], pieces) for pieces in gold_pieces]
        best = max(range(len(gold_pieces)), key=lambda i: (shared[i], gold_direct[i]), default=None)
        if best is None or shared[best] == 0:
            units.append(_Unit((span,) if span[0] < span[1] else (), None, quote))
        else:
            grouped.setdefault(best, []).append((shared[best], span, quote))
    for owner, members in sorted(grouped.items()):
        pieces = tuple(merge_pieces(span for _, span, _ in members if span[0] < span[1]))
        representative = max(members, key=lambda member: member[0])[2]
        units.append(_Unit(pieces, owner, representative))
    return units


def quote_metrics(counts: Counter[str], *, articles: int, overlap: float) -> dict[str, float]:
    """Turn summed `score_article` counts into the flat metric dict of `score_quotes`."""
    out = {
        "articles": float(articles),
        "quotes": float(counts["quotes"]),
        "overlap_threshold": float(overlap),
    }
    for view in ("direct", "all"):
        gold, predicted = counts[f"{view}/gold"], counts[f"{view}/predicted"]
        out[f"{view}/gold"] = float(gold)
        out[f"{view}/predicted"] = float(predicted)
        for kind in ("exact", "overlap"):
            matches = counts[f"{view}/{kind}_matches"]
            precision = matches / predicted if predicted else 0.0
            recall = matches / gold if gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[f"{view}/{kind}_matches"] = float(matches)
            out[f"{view}/{kind}_precision"] = precision
            out[f"{view}/{kind}_recall"] = recall
            out[f"{view}/{kind}_f1"] = f1
        pairs = counts[f"{view}/speaker_pairs"]
        out[f"{view}/speaker_pairs"] = float(pairs)
        for kind in ("speaker", "mention"):
            correct = counts[f"{view}/{kind}_correct"]
            out[f"{view}/{kind}_accuracy"] = correct / pairs if pairs else 0.0
    return out


def head_word(name: str) -> str | None:
    """The word a name is about, case-folded; ``None`` if the name has no word.

    The name loses its parentheses (``(D-Wis.)``) and is cut at its first comma and before its first post-modifier (``of``, ``in``,
    ``who`` ...; `_POSTMODIFIERS`), possessive ``'s`` dropped; the head is then the last
    capitalised word that is not a determiner, else the last word.

    Example:
        >>> head_word("Hillary Clinton's campaign"), head_word("The newspaper in Boston")
        ('clinton', 'newspaper')
    """
    words = _WORD.findall(_POSSESSIVE.sub("", _ASIDE.sub("", name).split(",", 1)[0]))
    cut = next((i for i, w in enumerate(words) if i and w.casefold() in _POSTMODIFIERS), None)
    words = words[:cut]
    if not words:
        return None
    capitalised = [w for w in words if w[0].isupper() and w.casefold() not in DETERMINERS]
    return (capitalised or words)[-1].casefold()


def speaker_matches(speaker: str | None, speaker_mention: SpanLike | None, source: Span) -> bool:
    """Whether a predicted speaker names the gold source (the rule is in the module docstring)."""
    if speaker_mention is not None and intersection(
        [(speaker_mention.start, speaker_mention.end)], [(source.start, source.end)]
    ):
        return True
    if speaker is None:
        return False
    head = head_word(speaker)
    return head is not None and head == head_word(source.text)
