"""PolNeAR, the Political News Attribution Relations corpus: reading it into articles and attributions.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in 1008 US political
news articles: a *content* span (what was said), usually a *source* span (who said it) and a *cue*
span (the verb). `stancer.bench.quotes` scores quote extraction against it.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancer.exceptions import DataError
from stancer.news.quotes import QUOTE_MARKS
from stancer.news.text import Span

SPLITS = ("train", "dev", "test")

_RECORD = re.compile(r"^(?:[TEARMN]|#)\d+\t")
_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$", re.DOTALL)
_TRIGGERS = frozenset({"Attribution", "Attribution-no-source"})
_ROLE = re.compile(r"^(Source|Cue|Content)\d*$")


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
    merged = merge_pieces(roles["Content"])
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


def merge_pieces(pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
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
