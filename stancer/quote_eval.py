"""Scoring a quote extractor against PolNeAR, the Political News Attribution Relations corpus.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in 1008 US political
news articles: a *content* span (what was said), usually a *source* span (who said it) and a *cue*
span (the verb). This module reads the corpus and scores any callable that maps an article's text
to quotes carrying ``start`` / ``end`` offsets and, optionally, a ``speaker`` / ``speaker_span``.

Corpus layout (``<folder>/data/<split>/``)::

    text/<article>.txt                 the article, UTF-8
    attributions/<article>_<annotator>.ann
                                       brat standoff, one file per annotator

An ``.ann`` file holds text-bound records ``T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<text>``
(types ``Source``, ``Cue``, ``Content``, the trigger ``Attribution`` / ``Attribution-no-source``,
and the annotators' flags ``Discard`` / ``Discuss``) and one event per attribution,
``E<n>\\tAttribution:T<i> Content:T<j> Cue:T<k> Source:T<l>`` (a second content span appears as
``Content2``). Spans may be discontinuous (pieces joined by ``;``), and brat writes a span's text
verbatim, so a span across a paragraph break continues on the next lines of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from stancer.exceptions import DataError

#: The metric to report first: overlap F1 over direct quotes.
PRIMARY_METRIC = "direct/overlap_f1"

SPLITS = ("train", "dev", "test")

#: Straight, curly and guillemet quotation marks, double and single. Single marks are needed:
#: the New York Times articles write double quotes as two apostrophes (``''Yes,'' he said``).
QUOTE_MARKS = frozenset("\"“”„‟«»'‘’‛")

#: Punctuation that news style puts inside or outside the closing mark at will; it is trimmed
#: from span ends (with whitespace and quotation marks) before spans are compared.
_LOOSE_PUNCTUATION = frozenset(",.;:")
_TRIMMED = QUOTE_MARKS | _LOOSE_PUNCTUATION

_RECORD = re.compile(r"^(?:[TEARMN]|#)\d+\t")
_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$", re.DOTALL)
_TRIGGERS = frozenset({"Attribution", "Attribution-no-source"})
_ROLE = re.compile(r"^(Source|Cue|Content)\d*$")
_WORD = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
#: Words that end a name's head phrase: ``the narrator in the spot`` → ``the narrator``.
_POSTMODIFIERS = frozenset(
    "of in at for from with on by to who whom whose which that where when".split()
)
#: Words capitalised only because they begin a sentence; never a head word when capitalised.
_DETERMINERS = frozenset(
    "the a an this that these those some many several all both each every other another most "
    "his her its their our my your".split()
)


@dataclass(frozen=True)
class Span:
    """Characters ``text == article[start:end]`` of an article."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    """One annotated attribution: who (``source``) says (``cue``) what (``content``).

    Attributes:
        content: The hull of the content, from the start of its first piece to the end of its
            last; ``None`` for the 37 events annotated without content (36 in train, 1 in dev).
        source: The source span (its hull if discontinuous); ``None`` for ``Attribution-no-source``.
        cue: The cue span (its hull if discontinuous); ``None`` when not annotated.
        direct: Whether the content is a direct quote (see `is_direct_quote`).
        content_pieces: The content's pieces in text order; one piece when continuous. A quote
            interrupted by its cue (``"A," he said. "B."``) is one attribution with two pieces.
        annotator: The id of the annotator whose file holds this attribution.
    """

    content: Span | None
    source: Span | None
    cue: Span | None
    direct: bool
    content_pieces: tuple[Span, ...] = ()
    annotator: str = ""


@dataclass(frozen=True)
class Article:
    """An article with the attributions of every annotator who annotated it.

    Attributes:
        id: The file name without ``.txt``, e.g. ``nyt_2016-09-12_visa-program-up-for-renewal-amid``.
        text: The article text, which every span's offsets index.
        attributions: All annotators' attributions, annotators in sorted order.
        annotators: The annotator ids, sorted. Most articles have one; a few quality-control
            articles have six (2 in test, 2 in dev, 16 in train).
    """

    id: str
    text: str
    attributions: tuple[Attribution, ...]
    annotators: tuple[str, ...]


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
    def speaker_span(self) -> SpanLike | None: ...


Extractor = Callable[[str], Sequence[QuoteLike]]


# --------------------------------------------------------------------------------------- reading


def load_polnear(folder: str | Path, split: str = "test") -> list[Article]:
    """Read one split of PolNeAR.

    Articles whose annotation files hold no attribution are left out (2 in train: a
    one-sentence wire item and an article the annotator flagged for discussion instead), which
    gives the corpus README's counts: 838 / 84 / 84 articles and 22501 / 2320 / 2231
    attributions in train / dev / test. Those attribution counts include every annotator's
    file of the multiply annotated articles; `score_quotes` scores one annotator per article.

    Args:
        folder: The PolNeAR folder, holding ``data/<split>/`` (the repository root); the
            ``data`` folder itself is accepted too.
        split: ``"train"``, ``"dev"`` or ``"test"``.

    Returns:
        The articles, sorted by id.

    Raises:
        DataError: The split folder is missing, an ``.ann`` file has no matching ``.txt`` file,
            or a record is malformed or its offsets do not reproduce its text.

    Example:
        >>> articles = load_polnear("/path/to/polnear", "test")  # doctest: +SKIP
        >>> len(articles), sum(len(a.attributions) for a in articles)  # doctest: +SKIP
        (84, 2231)
    """
    if split not in SPLITS:
        raise DataError(f"split: expected one of {list(SPLITS)}, got {split!r}")
    root = Path(folder)
    candidates = (root / "data" / split, root / split)
    split_dir = next((c for c in candidates if (c / "attributions").is_dir()), None)
    if split_dir is None:
        raise DataError(
            f"PolNeAR split {split!r}: no folder {candidates[0]}/attributions (nor "
            f"{candidates[1]}/attributions); pass the PolNeAR repository root, the folder "
            "holding data/{train,dev,test}/{text,attributions}"
        )
    by_article: dict[str, list[tuple[str, Path]]] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        article_id, _, annotator = path.stem.rpartition("_")
        if not article_id or not annotator:
            raise DataError(
                f"{path}: expected a file name <article>_<annotator>.ann, found {path.name!r}"
            )
        by_article.setdefault(article_id, []).append((annotator, path))
    if not by_article:
        raise DataError(f"{split_dir / 'attributions'}: expected .ann files, found none")
    articles = []
    for article_id, files in by_article.items():
        text_path = split_dir / "text" / f"{article_id}.txt"
        if not text_path.is_file():
            raise DataError(
                f"{files[0][1]}: expected its article text at {text_path}, found no such file"
            )
        text = _read_utf8(text_path)
        attributions = tuple(
            attribution
            for annotator, path in files
            for attribution in read_ann(path, text, annotator=annotator)
        )
        if attributions:
            annotators = tuple(annotator for annotator, _ in files)
            articles.append(Article(article_id, text, attributions, annotators))
    return articles


def read_ann(path: Path, text: str, *, annotator: str = "") -> list[Attribution]:
    """Read the attribution events of one brat ``.ann`` file.

    Each event's roles are read by name: ``Source*``, ``Cue*`` and ``Content*`` (``Content2``
    is a second content span; its pieces join the first's). Discontinuous sources and cues
    become their hull; discontinuous content keeps its pieces in ``content_pieces``.

    Args:
        path: The ``.ann`` file, named in errors.
        text: The article text that the offsets index.
        annotator: Stored on each attribution.

    Returns:
        The attributions in the file's event order.

    Raises:
        DataError: A record is malformed, an event refers to a missing span, or a span's
            offsets do not reproduce the text written beside them.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[tuple[int, str]] = []
    current: list[str] | None = None  # the text-bound record whose text may continue
    records: list[tuple[int, list[str]]] = []
    content = _read_utf8(path).rstrip("\n")
    for number, line in enumerate(content.split("\n") if content else [], start=1):
        if _RECORD.match(line):
            current = [line] if line.startswith("T") else None
            if current is not None:
                records.append((number, current))
            elif line.startswith("E"):
                events.append((number, line))
        elif current is not None:
            current.append(line)  # a span across a line break: brat writes its text verbatim
        else:
            raise DataError(
                f"{path}, line {number}: expected a brat record (T1, E1, #1 ...) or the "
                f"continuation of a span's text, found {line[:60]!r}"
            )
    for number, record in records:
        match = _TEXT_BOUND.match("\n".join(record))
        if match is None:
            raise DataError(
                f"{path}, line {number}: expected 'T<n>\\t<Type> <start> <end>[;<start> "
                f"<end>...]\\t<text>', found {record[0][:80]!r}"
            )
        name, _, offsets, written = match.groups()
        pieces = [(int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";"))]
        if any(not 0 <= start <= end <= len(text) for start, end in pieces):
            raise DataError(
                f"{path}, line {number}: offsets {offsets} fall outside the article text "
                f"({len(text)} characters); is the .txt file the one this file annotates?"
            )
        found = " ".join(text[start:end] for start, end in pieces)
        if found != written:
            raise DataError(
                f"{path}, line {number}: offsets {offsets} give {found[:60]!r} but the file "
                f"says {written[:60]!r}; is the .txt file the one this file annotates?"
            )
        spans[name] = pieces
    return [_event(path, number, line, spans, text, annotator) for number, line in events]


def _event(
    path: Path,
    number: int,
    line: str,
    spans: dict[str, list[tuple[int, int]]],
    text: str,
    annotator: str,
) -> Attribution:
    """Build one attribution from an ``E`` record, skipping its trigger (``Attribution*:T<n>``)."""
    roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
    for argument in line.split("\t", 1)[1].split():
        role, _, ref = argument.partition(":")
        if role in _TRIGGERS:
            continue
        kind = _ROLE.match(role)
        if kind is None or ref not in spans:
            raise DataError(
                f"{path}, line {number}: expected arguments Source/Cue/Content[2]:T<n> naming "
                f"spans of this file, found {argument!r}"
            )
        roles[kind.group(1)].extend(spans[ref])
    merged = _merge(roles["Content"])
    content = _hull(merged, text)
    return Attribution(
        content=content,
        source=_hull(roles["Source"], text),
        cue=_hull(roles["Cue"], text),
        direct=content is not None and is_direct_quote(text, content.start, content.end),
        content_pieces=tuple(Span(start, end, text[start:end]) for start, end in merged),
        annotator=annotator,
    )


def _read_utf8(path: Path) -> str:
    """A file's text, line ends untouched (the offsets count every character)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise DataError(
            f"{path}: expected UTF-8 text, found {error.reason} at byte {error.start}"
        ) from error


def _merge(pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort character intervals and merge those that overlap."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _hull(pieces: Sequence[tuple[int, int]], text: str) -> Span | None:
    """The span from the earliest piece's start to the latest piece's end; ``None`` if none."""
    if not pieces:
        return None
    start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
    return Span(start, end, text[start:end])


def is_direct_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a direct quote, judged from the quotation marks.

    It is when, ignoring whitespace, the span begins with a quotation mark and ends with one
    (a trailing ``. , ; : ! ?`` after the closing mark is allowed), or when the nearest
    non-space characters before and after it are quotation marks (the annotator selected the
    inside of the marks). Marks are any of `QUOTE_MARKS`. Only the ends are looked at, so
    ``"A," he said, "B."`` (one quote interrupted by its cue) is direct, and
    ``Clinton is "smart,"`` (a partial quote inside a paraphrase) is not.

    Example:
        >>> is_direct_quote('He said: "Go home." ', 9, 19), is_direct_quote("He said go", 8, 10)
        (True, False)
    """
    inside = text[start:end].strip()
    if inside[:1] in QUOTE_MARKS and inside.rstrip(".,;:!? ")[-1:] in QUOTE_MARKS:
        return True
    before, after = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
    return before in QUOTE_MARKS and after in QUOTE_MARKS and bool(inside)


# --------------------------------------------------------------------------------------- scoring


def score_quotes(
    articles: Sequence[Article], extract: Extractor, *, overlap: float = 0.3
) -> dict[str, float]:
    """Score a quote extractor's content spans and speakers against PolNeAR.

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
    the unit's prediction that shares the most characters with the gold content. The speaker
    is right when its ``speaker_span`` shares a character with the gold source, or when its
    ``speaker`` and the source text have the same `head_word` (roughly the last capitalised
    word), so ``"Hillary Clinton"`` matches ``Mrs. Clinton`` and ``Clinton's campaign`` but not
    ``she``: a resolved pronoun counts only through its ``speaker_span`` covering the pronoun.
    A missing speaker is wrong.

    Args:
        articles: From `load_polnear`.
        extract: Maps an article's text to its quotes; reads ``start``, ``end`` (offsets into
            the text), ``speaker`` and ``speaker_span``.
        overlap: The least Jaccard index for an overlap match, in (0, 1].

    Returns:
        ``articles``, ``quotes`` (predictions returned), ``overlap_threshold`` and, for each
        view ``v`` in ``direct`` / ``all``: ``v/gold``, ``v/predicted`` (units),
        ``v/exact_matches``, ``v/exact_precision``, ``v/exact_recall``, ``v/exact_f1``, the
        same four for ``overlap``, ``v/speaker_pairs`` and ``v/speaker_accuracy``. Ratios with
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
    """The match counts of one article for both views (the rules are in `score_quotes`)."""
    first = article.annotators[0]
    gold = [a for a in article.attributions if a.annotator == first and a.content is not None]
    gold_pieces = [_trimmed_pieces(article.text, a.content_pieces) for a in gold]
    units = _units(article.text, predictions, gold_pieces, [a.direct for a in gold])
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
                counts[f"{view}/speaker_correct"] += speaker_matches(
                    quote.speaker, quote.speaker_span, source
                )
    return counts


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
        shared = [_intersection([span], pieces) for pieces in gold_pieces]
        best = max(range(len(gold_pieces)), key=lambda i: (shared[i], gold_direct[i]), default=None)
        if best is None or shared[best] == 0:
            units.append(_Unit((span,) if span[0] < span[1] else (), None, quote))
        else:
            grouped.setdefault(best, []).append((shared[best], span, quote))
    for owner, members in sorted(grouped.items()):
        pieces = tuple(_merge(span for _, span, _ in members if span[0] < span[1]))
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
        out[f"{view}/speaker_accuracy"] = (
            counts[f"{view}/speaker_correct"] / pairs if pairs else 0.0
        )
    return out


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past whitespace, quotation marks and ``, . ; :`` at both ends.

    Example:
        >>> text = 'He said: "Go home," twice.'
        >>> start, end = trim_span(text, 9, 19)
        >>> text[start:end]
        'Go home'
    """
    while start < end and (text[start].isspace() or text[start] in _TRIMMED):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIMMED):
        end -= 1
    return start, end


def _trimmed_pieces(text: str, pieces: Sequence[Span]) -> tuple[tuple[int, int], ...]:
    """Each piece trimmed with `trim_span`; pieces left empty are dropped."""
    trimmed = (trim_span(text, piece.start, piece.end) for piece in pieces)
    return tuple((start, end) for start, end in trimmed if start < end)


def _intersection(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    """Characters shared by two sets of disjoint intervals."""
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in a
        for b_start, b_end in b
    )


def jaccard(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> float:
    """The character Jaccard index of two sets of disjoint intervals; 0 when both are empty.

    Example:
        >>> jaccard([(0, 10)], [(5, 15)])
        0.3333333333333333
    """
    shared = _intersection(a, b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - shared
    return shared / union if union else 0.0


def match_exact(
    predicted: Sequence[Sequence[tuple[int, int]]], gold: Sequence[Sequence[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(predicted index, gold index)`` with the same first start and last end.

    Each side is a list of disjoint intervals in text order; empty ones never match.
    """
    free: dict[tuple[int, int], list[int]] = {}
    for j, pieces in enumerate(predicted):
        if pieces:
            free.setdefault((pieces[0][0], pieces[-1][1]), []).append(j)
    pairs = []
    for i, pieces in enumerate(gold):
        candidates = free.get((pieces[0][0], pieces[-1][1])) if pieces else None
        if candidates:
            pairs.append((candidates.pop(0), i))
    return pairs


def match_overlap(
    predicted: Sequence[Sequence[tuple[int, int]]],
    gold: Sequence[Sequence[tuple[int, int]]],
    threshold: float,
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(predicted index, gold index)`` with Jaccard >= threshold, greedily.

    Candidate pairs are taken in order of decreasing Jaccard index (ties: earlier gold, then
    earlier prediction); a pair is kept when neither side is taken yet.
    """
    candidates = sorted(
        (-score, i, j)
        for j, p in enumerate(predicted)
        for i, g in enumerate(gold)
        if (score := jaccard(p, g)) >= threshold and score > 0
    )
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((j, i))
    return pairs


def head_word(name: str) -> str | None:
    """The word a name is about, case-folded; ``None`` if the name has no word.

    The name is cut at its first comma and before its first post-modifier (``of``, ``in``,
    ``who`` ...; `_POSTMODIFIERS`), possessive ``'s`` dropped; the head is then the last
    capitalised word that is not a determiner, else the last word.

    Example:
        >>> head_word("Hillary Clinton's campaign"), head_word("The newspaper in Boston")
        ('clinton', 'newspaper')
    """
    words = _WORD.findall(_POSSESSIVE.sub("", name.split(",", 1)[0]))
    cut = next((i for i, w in enumerate(words) if i and w.casefold() in _POSTMODIFIERS), None)
    words = words[:cut]
    if not words:
        return None
    capitalised = [w for w in words if w[0].isupper() and w.casefold() not in _DETERMINERS]
    return (capitalised or words)[-1].casefold()


def speaker_matches(speaker: str | None, speaker_span: SpanLike | None, source: Span) -> bool:
    """Whether a predicted speaker names the gold source (the rule is in `score_quotes`)."""
    if speaker_span is not None and _intersection(
        [(speaker_span.start, speaker_span.end)], [(source.start, source.end)]
    ):
        return True
    if speaker is None:
        return False
    head = head_word(speaker)
    return head is not None and head == head_word(source.text)
