"""Reading a corpus article by article, never all of it at once: JSON lines, Parquet, CSV / TSV,
a folder of ``.txt`` files, or any iterable of mappings (a `datasets.Dataset`, a list of dicts)."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stancer.exceptions import DataError

#: The file types a corpus may come in (a folder holds ``.txt`` files, an article each).
SUFFIXES = (".jsonl", ".json", ".parquet", ".csv", ".tsv")
_EXPECTED = "a .jsonl, .parquet, .csv or .tsv file, or a folder of .txt files"


@dataclass(frozen=True)
class Article:
    """One article as read: its id, its text (checked later: it may be anything the source
    held), the columns kept beside it, and why it cannot be read, if so."""

    id: str
    text: Any
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def read_articles(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    keep_columns: tuple[str, ...] = (),
) -> Iterator[Article]:
    """The articles of ``source``, in order.

    Args:
        source: A ``.jsonl`` / ``.parquet`` / ``.csv`` / ``.tsv`` file, a folder of ``.txt``
            files (read in sorted order, the id their path inside the folder), or an iterable of
            mappings.
        text_column: The column of the article's text.
        id_column: The column of its id; without one, an article's id is its row number.
        keep_columns: Columns copied into every output row (``outlet``, ``date``, …).

    Raises:
        DataError: no such file or folder, a type that is not a corpus, or a first row without
            the text, id or kept columns (a later row without them becomes an article with an
            ``error``).
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            yield from _folder(path)
            return
        rows: Iterable[Mapping[str, Any]] = _file_rows(_corpus_file(path))
        where = str(path)
    else:
        rows, where = source, "the given rows"
    for number, row in enumerate(rows):
        if number == 0:
            _check_columns(row, where, text_column, id_column, keep_columns)
        yield row_article(row, number, text_column, id_column, keep_columns)


def count_articles(source: str | os.PathLike[str] | Iterable[Any]) -> int | None:
    """How many articles ``source`` holds, when that is cheap to know (for a progress bar's ETA)."""
    if not isinstance(source, str | os.PathLike):
        return len(source) if isinstance(source, Sized) else None
    path = Path(source)
    if path.is_dir():
        return sum(1 for _ in path.rglob("*.txt"))
    if _corpus_file(path).suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if path.suffix in (".jsonl", ".json"):
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


def _folder(path: Path) -> Iterator[Article]:
    for file in sorted(path.rglob("*.txt")):
        name = file.relative_to(path).as_posix()
        data = file.read_bytes()
        try:
            yield Article(name, data.decode("utf-8"))
        except UnicodeDecodeError as err:
            yield Article(name, None, error=f"not UTF-8 text ({err.reason} at byte {err.start})")


def _file_rows(path: Path) -> Iterator[Mapping[str, Any]]:
    if path.suffix in (".jsonl", ".json"):
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _json_row(line, path, number)
    elif path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            yield from batch.to_pylist()
    else:
        csv.field_size_limit(1 << 30)
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            yield from csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ",")


def _corpus_file(path: Path) -> Path:
    """``path``, checked to be a file of one of the `SUFFIXES`."""
    if not path.is_file():
        raise DataError(f"{path}: no such file or folder; expected a corpus ({_EXPECTED})")
    if path.suffix not in SUFFIXES:
        raise DataError(
            f"{path}: a {path.suffix or 'suffix-less'} file is not a corpus; expected {_EXPECTED}"
        )
    return path


def _json_row(line: str, path: Path, number: int) -> Mapping[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return {_BROKEN: f"line {number} of {path.name} is not valid JSON ({err.msg})"}
    return row if isinstance(row, dict) else {_BROKEN: f"line {number} is not a JSON object"}


_BROKEN = "\0broken"  # a row that could not be read, and why


def _check_columns(
    row: Mapping[str, Any], where: str, text: str, id_: str | None, keep: tuple[str, ...]
) -> None:
    if _BROKEN in row:
        return
    missing = [c for c in (text, id_, *keep) if c is not None and c not in row]
    if missing:
        raise DataError(
            f"{where}: no column {missing[0]!r}; its columns are {sorted(row)}. Name the text "
            "with --text-column (text_column=), the id with --id-column (id_column=)"
        )


def row_article(
    row: Mapping[str, Any], number: int, text: str, id_: str | None, keep: tuple[str, ...]
) -> Article:
    """The article of one row (``number`` its id without an id column)."""
    ident = str(row.get(id_) if id_ is not None and row.get(id_) is not None else number)
    if _BROKEN in row:
        return Article(ident, None, error=row[_BROKEN])
    missing = [c for c in (text, id_, *keep) if c is not None and c not in row]
    if missing:
        return Article(ident, None, error=f"row {number} has no column {missing[0]!r}")
    meta = {c: None if row[c] is None else str(row[c]) for c in keep}
    return Article(ident, row[text], meta)
