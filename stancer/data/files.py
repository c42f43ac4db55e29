"""The user's own labeled data: CSV, JSONL or Parquet files, or an existing `datasets.Dataset`."""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict, load_dataset

from stancer.data.records import normalise_label, to_dataset
from stancer.data.registry import cached, code_digest
from stancer.exceptions import DataError

#: File suffix → the `datasets` builder that reads it.
FORMATS = {".csv": "csv", ".tsv": "csv", ".jsonl": "json", ".json": "json", ".parquet": "parquet"}


def read_table(path: Path) -> Dataset:
    """Read one CSV / TSV / JSONL / Parquet file into a `Dataset` of its raw columns.

    Cells are read as written: an empty cell or ``NA`` stays a string (and fails as a label),
    never becomes a missing value that could pass for a label.

    Raises:
        DataError: the file is missing, of an unknown type, empty, not UTF-8 text, or cannot be
            parsed, naming the file, the line where the reader could tell, and how to fix it.
    """
    if not path.is_file():
        raise DataError(f"{path}: no such file; expected a CSV, JSONL or Parquet file")
    builder = FORMATS.get(path.suffix.lower())
    if builder is None:
        raise DataError(
            f"{path}: unknown file type {path.suffix!r}; expected one of {sorted(FORMATS)}"
        )
    if builder != "parquet":
        _check_text(path)
    kwargs: dict[str, Any] = {}
    if builder == "csv":
        kwargs = {"keep_default_na": False, "delimiter": _delimiter(path)}
    try:
        table = load_dataset(builder, data_files=str(path), split="train", **kwargs)
    except Exception as error:  # datasets wraps pandas, pyarrow and json errors alike
        cause = _root_cause(error)
        if "corresponds to no data" in cause:
            raise DataError(
                f"{path}: has no rows (a header only?); expected at least one row of data"
            ) from error
        expected = {
            "csv": "a UTF-8 CSV with a header row and the same number of fields in every row "
            "(quote a field that holds the delimiter)",
            "json": "one JSON object per line",
            "parquet": "an Apache Parquet file",
        }[builder]
        if builder == "json":
            cause = _bad_json_line(path) or cause
        raise DataError(
            f"{path}: cannot be read: {cause.rstrip('.')}. Expected {expected}"
        ) from error
    if table.num_rows == 0:
        raise DataError(f"{path}: has no rows; expected at least one row of data")
    return table


def _delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _root_cause(error: BaseException) -> str:
    while error.__cause__ is not None or error.__context__ is not None:
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return (str(error).strip().splitlines() or [type(error).__name__])[-1]


def _bad_json_line(path: Path) -> str | None:
    """Where a JSON-lines file first fails to parse, as ``line N: <why>``."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    json.loads(line)
                except ValueError as error:
                    return f"line {number} is not JSON ({error})"
    return None


def _check_text(path: Path) -> None:
    """A text data file must be non-empty UTF-8; say where it is not, and how to convert it."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if not head:
            raise DataError(f"{path}: is empty; expected a header row and at least one row")
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise DataError(
                f"{path}: is UTF-16 text; save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8)"
            )
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        line, offset = 1, 0
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                bad_line = line + chunk[: error.start].count(b"\n")
                raise DataError(
                    f"{path}: line {bad_line} is not UTF-8 (byte "
                    f"0x{chunk[error.start]:02x} at byte {offset + error.start}: Latin-1 or "
                    f"Windows-1252 text?); save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
                ) from None
            line += chunk.count(b"\n")
            offset += len(chunk)


def from_table(
    table: Dataset,
    *,
    source: str,
    text_column: str = "text",
    target_column: str = "target",
    label_column: str = "label",
    id_column: str | None = None,
    target: str | None = None,
    label_map: Mapping[Any, str] | None = None,
    drop_invalid: bool = False,
    delimiter: str | None = None,
) -> Dataset:
    """Map a table's columns onto the unified schema and validate every row.

    ``delimiter`` is the CSV / TSV delimiter the table was read with: a text that runs over
    line breaks and holds a whole row of the file (an unterminated quote swallowed it) is then an
    error rather than a row.
    """
    needed = {"text_column": text_column, "label_column": label_column}
    if target is None:
        needed["target_column"] = target_column
    if id_column is not None:
        needed["id_column"] = id_column
    for argument, column in needed.items():
        if column not in table.column_names:
            raise DataError(
                f"{source}: no column {column!r} (asked for by {argument}); the columns are "
                f"{table.column_names}. Pass {argument}=<one of those>"
                + ("" if argument != "target_column" else ", or target='one target for every row'")
            )
    renames = {text_column: "text", label_column: "label"}
    if target is None:
        renames[target_column] = "target"
    if id_column is not None:
        renames[id_column] = "id"

    # A column named like a unified one but not mapped onto it (a `text` column beside
    # text_column="body") is kept under its own name with an `original_` prefix.
    def rename(column: str) -> str:
        if column in renames:
            return renames[column]
        return f"original_{column}" if column in ("id", "text", "target", "label") else column

    def rows() -> Iterator[dict[str, Any]]:
        for number, raw in enumerate(table, start=1):
            if delimiter is not None:
                _no_swallowed_row(raw, table.column_names, source, number, delimiter, label_column)
            row = {rename(k): v for k, v in raw.items()}
            if target is not None:
                row["target"] = target
            yield row

    return to_dataset(rows(), source=source, label_map=label_map, drop_invalid=drop_invalid)


def _no_swallowed_row(
    raw: Mapping[str, Any],
    columns: list[str],
    source: str,
    number: int,
    delimiter: str,
    label_column: str,
) -> None:
    """Raise when a field of a CSV row holds a line that is itself a whole row ending in a label:
    the mark of a quote left open, which makes the reader take the next rows as one field."""
    where = columns.index(label_column)
    for column, value in raw.items():
        if not isinstance(value, str) or "\n" not in value:
            continue
        for line in value.splitlines()[1:]:
            fields = next(csv.reader([line], delimiter=delimiter), [])
            if len(fields) == len(columns) and normalise_label(fields[where], None) is not None:
                raise DataError(
                    f"{source}, row {number}: column {column!r} runs over a line break and holds "
                    f"what looks like a whole row ({line[:60]!r}): a quote left open? Close the "
                    f'quote (write a quote inside a quoted field as "")'
                )


def load_files(
    files: str | Path | Mapping[str, str | Path] | Dataset,
    **options: Any,
) -> DatasetDict:
    """Load the user's files (one path, or a split → path mapping) or a `Dataset`."""
    if isinstance(files, Dataset):
        return DatasetDict({"train": from_table(files, source="the given Dataset", **options)})
    mapping = files if isinstance(files, Mapping) else {"train": files}
    return DatasetDict({split: load_file(Path(path), **options) for split, path in mapping.items()})


def load_file(path: Path, **options: Any) -> Dataset:
    """One file, validated (`from_table`), cached by its content and the options: loading the
    same file again reads the cache, not the file (except with ``drop_invalid``, so that the
    warning naming the dropped rows is given every time)."""

    def build() -> Dataset:
        is_csv = FORMATS.get(path.suffix.lower()) == "csv"
        delimiter = _delimiter(path) if is_csv else None
        return from_table(read_table(path), source=str(path), delimiter=delimiter, **options)

    if not path.is_file() or options.get("drop_invalid"):
        return build()  # the error that says so; the warning that names the rows dropped
    digest = code_digest()
    digest.update(repr(sorted((k, repr(v)) for k, v in options.items())).encode())
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return cached(f"file-{path.stem}-{digest.hexdigest()[:16]}", build)
