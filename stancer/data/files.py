"""The user's own labeled data: CSV, JSONL or Parquet files, or an existing `datasets.Dataset`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict, load_dataset

from stancer.data.records import to_dataset
from stancer.exceptions import DataError

#: File suffix → the `datasets` builder that reads it.
FORMATS = {".csv": "csv", ".tsv": "csv", ".jsonl": "json", ".json": "json", ".parquet": "parquet"}


def read_table(path: Path) -> Dataset:
    """Read one CSV / TSV / JSONL / Parquet file into a `Dataset` of its raw columns."""
    if not path.is_file():
        raise DataError(f"{path}: no such file; expected a CSV, JSONL or Parquet file")
    builder = FORMATS.get(path.suffix.lower())
    if builder is None:
        raise DataError(
            f"{path}: unknown file type {path.suffix!r}; expected one of {sorted(FORMATS)}"
        )
    kwargs: dict[str, Any] = {"delimiter": "\t"} if path.suffix.lower() == ".tsv" else {}
    return load_dataset(builder, data_files=str(path), split="train", **kwargs)


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
) -> Dataset:
    """Map a table's columns onto the unified schema and validate every row."""
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
        for raw in table:
            row = {rename(k): v for k, v in raw.items()}
            if target is not None:
                row["target"] = target
            yield row

    return to_dataset(rows(), source=source, label_map=label_map, drop_invalid=drop_invalid)


def load_files(
    files: str | Path | Mapping[str, str | Path] | Dataset,
    **options: Any,
) -> DatasetDict:
    """Load the user's files (one path, or a split → path mapping) or a `Dataset`."""
    if isinstance(files, Dataset):
        return DatasetDict({"train": from_table(files, source="the given Dataset", **options)})
    mapping = files if isinstance(files, Mapping) else {"train": files}
    return DatasetDict(
        {
            split: from_table(read_table(Path(path)), source=str(path), **options)
            for split, path in mapping.items()
        }
    )
