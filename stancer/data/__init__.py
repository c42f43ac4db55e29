"""Loading stance data into a `datasets.DatasetDict` with the columns `id`, `text`, `target`, `label`.

Example:
    >>> from stancer import data
    >>> ds = data.load("semeval2016", data_dir="path/to/semeval2016")  # doctest: +SKIP
    >>> ds = data.load("my.csv", text_column="sentence", label_map={"PRO": "favor", "CON": "against"},
    ...                target="Ukraine should be invited to join NATO now")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict

from stancer.data.files import load_files
from stancer.data.leakage import leakage_report
from stancer.data.mixtures import Mixture, load_mixture, read_negations
from stancer.data.registry import BENCHMARKS, data_root, load_articles, load_benchmark
from stancer.data.splits import leave_one_out, split_by_target
from stancer.exceptions import DataError

__all__ = [
    "Mixture",
    "data_root",
    "leakage_report",
    "leave_one_out",
    "list_datasets",
    "load",
    "load_articles",
    "load_mixture",
    "read_negations",
    "split_by_target",
]


def list_datasets() -> list[str]:
    """The names of the registered benchmarks."""
    return sorted(BENCHMARKS)


def load(
    source: str | os.PathLike[str] | Mapping[str, str | os.PathLike[str]] | Dataset,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    splits: list[str] | None = None,
    **file_options: Any,
) -> DatasetDict:
    """Load a registered benchmark or the user's own files.

    Args:
        source: A registered benchmark name (see `list_datasets`); a CSV / TSV / JSONL / Parquet
            path (it becomes the ``train`` split); a mapping of split name → path; or a `Dataset`.
        data_dir: For a benchmark, the folder of its release files; default
            ``<data_root()>/<name>`` (``$STANCER_DATA_DIR``, else ``~/stancer_data``).
        splits: For a benchmark, the splits to read (default: all).
        **file_options: For files: ``text_column``, ``target_column``, ``label_column``,
            ``id_column``, ``target`` (one target for every row), ``label_map``, and
            ``drop_invalid`` (drop bad rows with a warning that says which and why, instead of
            raising).

    Raises:
        stancer.exceptions.DataError: a missing file or column, an unknown label or dataset, an
            empty text; the message names the file, the row and the value.
    """
    if not isinstance(source, str | os.PathLike | Mapping | Dataset):
        raise DataError(
            "data.load: expected a registered dataset's name, a file path, a mapping of split "
            f"name to path, or a Dataset, got {type(source).__name__} {source!r:.60}"
        )
    if isinstance(source, str) and source in BENCHMARKS:
        if file_options:
            raise DataError(f"{source}: options {sorted(file_options)} apply to files only")
        return load_benchmark(source, data_dir=data_dir, splits=splits)
    if isinstance(source, str | os.PathLike) and not Path(source).suffix:
        raise DataError(
            f"{str(source)!r}: neither a registered dataset ({', '.join(list_datasets())}) nor a "
            "CSV / TSV / JSONL / Parquet file"
        )
    return load_files(source, **file_options)
