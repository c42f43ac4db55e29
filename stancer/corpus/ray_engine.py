"""The corpus job on a Ray cluster, through Ray Data: the corpus read in blocks
(``read_parquet`` / ``read_json`` / ``read_csv`` / ``read_binary_files``), each batch of articles
analysed by an actor that loads the model and the parser once (`_Analyzer`), the rows written
with ``write_parquet``. Needs ``pip install 'stancer[ray]'``.

On a cluster: ``ray start --head`` on one machine, ``ray start --address=<head>:6379`` on the
others, then ``stancer analyze --engine ray --ray-address <head>:6379 …`` with the corpus and the
output on storage every machine reads (a shared folder, or ``s3://…`` that Arrow reads). Without an
address the job starts a Ray instance on this machine.

The output has the local engine's columns and one more, ``error``: null on statement rows; an
article that could not be analysed has one row with its ``article_id`` and the reason. Ray
retries failed tasks, but a stopped job starts over (the local engine resumes chunk by chunk).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

from stancer.corpus.job import CorpusReport, article_units, score_chunk
from stancer.corpus.sources import Article, row_article
from stancer.exceptions import StancerError


class _Analyzer:
    """A Ray actor: the model and the parser loaded once, then batch after batch of articles."""

    def __init__(
        self,
        *,
        model: str,
        targets: list[str],
        text_column: str,
        id_column: str | None,
        keep_columns: tuple[str, ...],
        direct_only: bool,
        batch_size: int,
        root: str | None,
    ) -> None:
        from stancer.model.api import stance_model

        self.classifier = stance_model(model)
        self.targets, self.text_column, self.id_column = targets, text_column, id_column
        self.keep, self.direct_only, self.batch_size, self.root = (
            keep_columns,
            direct_only,
            batch_size,
            root,
        )

    def __call__(self, batch: pa.Table) -> pa.Table:
        articles = [self._article(row) for row in batch.to_pylist()]
        found = [article_units(a, direct_only=self.direct_only) for a in articles]
        rows, errors = score_chunk(
            articles, found, self.targets, self.classifier, batch_size=self.batch_size,
            keep_columns=self.keep,
        )  # fmt: skip
        rows = rows.append_column("error", pa.nulls(rows.num_rows, pa.string()))
        failed: dict[str, list[Any]] = {c: [None] * len(errors) for c in rows.column_names}
        failed["article_id"] = [e["id"] for e in errors]
        failed["error"] = [e["reason"] for e in errors]
        return pa.concat_tables([rows, pa.table(failed, schema=rows.schema)])

    def _article(self, row: dict[str, Any]) -> Article:
        if self.root is not None:  # a folder of .txt files, read as bytes
            name = os.path.relpath(row["path"], self.root)
            try:
                return Article(name, row["bytes"].decode("utf-8"))
            except UnicodeDecodeError as err:
                return Article(name, None, error=f"not UTF-8 text ({err.reason})")
        return row_article(row, 0, self.text_column, self.id_column, self.keep)


def analyze_with_ray(
    source: Any,
    targets: list[str],
    *,
    model: Any,
    output: Any,
    text_column: str,
    id_column: str | None,
    keep_columns: tuple[str, ...],
    direct_only: bool,
    batch_size: int,
    chunk_size: int,
    concurrency: int,
    address: str | None,
) -> CorpusReport:
    """`stancer.corpus.job.analyze_corpus` with ``engine="ray"``."""
    try:
        import ray
    except ImportError as err:
        raise StancerError("engine 'ray' needs Ray: pip install 'stancer[ray]'") from err
    from stancer.model.api import resolve_model
    from stancer.model.classifier import StanceClassifier

    if output is None or not str(output).endswith(".parquet"):
        raise StancerError("engine 'ray' writes its rows: give an output folder ending in .parquet")
    if isinstance(model, StanceClassifier) or not isinstance(source, str | os.PathLike):
        raise StancerError(
            "engine 'ray': give the model by name or folder and the corpus as a path"
        )
    path, start = Path(source), time.perf_counter()
    if not path.is_dir() and id_column is None:
        raise StancerError(
            "engine 'ray': name the articles' id column (--id-column): rows have no order"
        )
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    articles = _read(ray, path).count()
    ds = _read(ray, path).map_batches(
        _Analyzer,
        fn_constructor_kwargs={
            "model": resolve_model(model), "targets": targets, "text_column": text_column,
            "id_column": id_column, "keep_columns": keep_columns, "direct_only": direct_only,
            "batch_size": batch_size, "root": str(path) if path.is_dir() else None,
        },
        batch_size=chunk_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=concurrency),
    )  # fmt: skip
    try:
        ds.write_parquet(str(output))
    except Exception as err:  # a task's error, with the whole remote traceback in its text
        last = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
        raise StancerError(f"the Ray job failed: {last[-300:]}") from err
    import pyarrow.dataset as pds

    written = pds.dataset(str(output), format="parquet").to_table(columns=["article_id", "error"])
    errors = written.filter(pa.compute.is_valid(written["error"]))
    return CorpusReport(str(output), articles, 0, errors.num_rows, written.num_rows - errors.num_rows,
                        time.perf_counter() - start)  # fmt: skip


def _read(ray: Any, path: Path) -> Any:
    if path.is_dir():
        return ray.data.read_binary_files(str(path), include_paths=True, file_extensions=["txt"])
    readers = {".parquet": ray.data.read_parquet, ".jsonl": ray.data.read_json,
               ".json": ray.data.read_json, ".csv": ray.data.read_csv}  # fmt: skip
    if path.suffix not in readers:
        raise StancerError(f"{path}: engine 'ray' reads .parquet, .jsonl, .csv or a folder of .txt")
    return readers[path.suffix](str(path))
