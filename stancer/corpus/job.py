"""The corpus job on this machine: articles streamed in, their statements found in worker
processes while the model classifies the previous chunk's, pairs from many articles batched
together, rows streamed out in committed chunks (`stancer.corpus.output`).

One output row per (article, attributed statement, target): ``article_id``, ``quote_id``,
``sentence``, ``start``, ``end``, ``statement``, ``speaker``, ``speaker_mention``, ``kind``,
``target``, ``label``, the three scores, ``model``, ``model_version``, then the kept columns.
"""

from __future__ import annotations

import functools
import itertools
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import pyarrow as pa

from stancer.corpus.sources import Article, count_articles, read_articles
from stancer.stance import LABELS

if TYPE_CHECKING:
    from datasets import Dataset

    from stancer.model.classifier import StanceClassifier

#: The columns of every output row, before the kept ones.
SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("quote_id", pa.int32()),
        ("sentence", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("statement", pa.string()),
        ("speaker", pa.string()),
        ("speaker_mention", pa.string()),
        ("kind", pa.string()),
        ("target", pa.string()),
        ("label", pa.string()),
        *((label, pa.float32()) for label in LABELS),
        ("model", pa.string()),
        ("model_version", pa.string()),
    ]
)


class Unit(NamedTuple):
    """One attributed statement of an article, before it is classified."""

    quote_id: int
    sentence: str
    start: int
    end: int
    statement: str
    speaker: str | None
    speaker_mention: str | None
    kind: str


def article_units(article: Article, *, direct_only: bool = False) -> list[Unit] | str:
    """The statements of one article (`stancer.news.analysis.statements`), or why it cannot be
    analysed: not text, empty, binary, too long, or the text processing failed."""
    from stancer.news.analysis import KINDS, statements
    from stancer.news.attribution import find_attributions
    from stancer.news.parsing import MAX_ARTICLE_CHARS, parse

    text = article.text
    if article.error:
        return article.error
    if not isinstance(text, str):
        return f"the text is {type(text).__name__}, not a str"
    if not text.strip():
        return "the text is empty"
    if "\x00" in text:
        return "the text holds NUL characters: binary data, not text"
    if len(text) > MAX_ARTICLE_CHARS:
        return (
            f"the text has {len(text):,} characters, more than {MAX_ARTICLE_CHARS:,} (one article?)"
        )
    try:
        text.encode("utf-8")
        doc = parse(text)
        units = statements(doc, find_attributions(text, direct_only=direct_only, doc=doc))
    except Exception as err:  # one article's failure is recorded, never the job's end
        return f"{type(err).__name__}: {str(err)[:300]}"
    return [
        Unit(
            quote.id,
            span.text,
            span.start,
            span.end,
            said.text,
            quote.speaker,
            quote.speaker_mention.text if quote.speaker_mention else None,
            KINDS[quote.kind],
        )
        for quote, span, said in units
        if any(ch.isalnum() for ch in said.text)
    ]


def score_chunk(
    chunk: Sequence[Article],
    found: Sequence[list[Unit] | str],
    targets: Sequence[str],
    classifier: StanceClassifier,
    *,
    batch_size: int,
    keep_columns: Sequence[str] = (),
) -> tuple[pa.Table, list[dict[str, str]]]:
    """Classify every (statement, target) pair of a chunk of articles in one length-sorted run;
    returns the chunk's rows and its errors (``{"id", "reason"}``)."""
    errors = [
        {"id": a.id, "reason": f} for a, f in zip(chunk, found, strict=True) if isinstance(f, str)
    ]
    units = [(a, u) for a, f in zip(chunk, found, strict=True) if not isinstance(f, str) for u in f]
    pairs = [(u.statement, t) for _, u in units for t in targets]
    probs: Any = classifier.predict_proba(pairs, batch_size=batch_size) if pairs else []
    labels = [str(c) for c in classifier.classes_]
    name, version = model_identity(classifier)
    columns: dict[str, list[Any]] = {f.name: [] for f in SCHEMA} | {c: [] for c in keep_columns}
    for n, ((article, unit), target) in enumerate((u, t) for u in units for t in targets):
        row = probs[n]
        for key, value in zip(Unit._fields, unit, strict=True):
            columns[key].append(value)
        columns["article_id"].append(article.id)
        columns["target"].append(target)
        scores = dict.fromkeys(LABELS, 0.0) | dict(zip(labels, map(float, row), strict=True))
        columns["label"].append(max(scores, key=scores.__getitem__))
        for label in LABELS:
            columns[label].append(scores[label])
        columns["model"].append(name)
        columns["model_version"].append(version)
        for c in keep_columns:
            columns[c].append(article.meta.get(c))
    schema = pa.schema([*SCHEMA, *((c, pa.string()) for c in keep_columns)])
    return pa.table(columns, schema=schema), errors


def model_identity(classifier: StanceClassifier) -> tuple[str, str]:
    """The model's name (its folder's or hub id's last part) and version (a digest of its
    weights, so that rows from different weights never look alike)."""
    return os.path.basename(str(classifier.model.name_or_path).rstrip("/")), classifier.fingerprint


@dataclass
class CorpusReport:
    """What a corpus job did."""

    output: str | None
    articles: int
    skipped: int
    errors: int
    rows: int
    seconds: float

    @property
    def articles_per_s(self) -> float:
        """Articles analysed per second (skipped ones not counted)."""
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def pairs_per_s(self) -> float:
        """(statement, target) pairs classified per second: one per output row."""
        return self.rows / self.seconds if self.seconds else 0.0


def analyze_corpus(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    targets: str | Sequence[str],
    *,
    model: str | os.PathLike[str] | StanceClassifier | None = None,
    output: str | os.PathLike[str] | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    keep_columns: Sequence[str] = (),
    direct_only: bool = False,
    engine: str = "local",
    workers: int | None = None,
    chunk_size: int = 32,
    batch_size: int = 64,
    overwrite: bool = False,
    progress: bool = False,
    ray_address: str | None = None,
    concurrency: int = 1,
) -> Dataset | CorpusReport:
    """Analyse every article of a corpus toward the targets: one row per (article, attributed
    statement, target).

    Args:
        source: A ``.jsonl`` / ``.parquet`` / ``.csv`` / ``.tsv`` file, a folder of ``.txt``
            files, or an iterable of mappings (`stancer.corpus.sources.read_articles`).
        targets: One target proposition or several.
        model: As for `stancer.analyze`.
        output: A folder named ``….parquet``, ``….csv`` or ``….jsonl`` to write the rows to in
            committed chunks (`stancer.corpus.output`); a job started again with the same
            arguments skips the articles done. Without it, the rows are returned.
        text_column / id_column / keep_columns: The corpus's columns (see `read_articles`).
        direct_only: Only quotes with quote marks.
        engine: ``local`` (this machine) or ``ray`` (`stancer.corpus.ray_engine`; needs
            ``pip install 'stancer[ray]'`` and an ``output``).
        workers: Processes that find the statements while the model runs; 0 does it in this
            process. Default: cores − 1 on a machine of more than 2 cores, else 0 (on 2 cores
            the worker takes the core the model needs: measured 1.03× the loop with one worker,
            1.17× without, on PolNeAR's test articles).
            Workers are spawned processes: a script that calls this with workers needs the
            usual ``if __name__ == "__main__":`` guard.
        chunk_size: Articles per chunk: per model run and per commit.
        batch_size: Pairs per forward pass.
        overwrite: Delete what ``output`` holds first.
        progress: Show a progress bar with articles/s and an ETA.
        ray_address / concurrency: For ``engine="ray"``: the cluster (default: a local one) and
            the number of model actors.

    Returns:
        The rows as a `datasets.Dataset` when no ``output`` is given; else a `CorpusReport`.
    """
    from stancer.model.inputs import check_targets

    target_list = check_targets(targets)
    if engine == "ray":
        from stancer.corpus.ray_engine import analyze_with_ray

        return analyze_with_ray(
            source, target_list, model=model, output=output, text_column=text_column,
            id_column=id_column, keep_columns=tuple(keep_columns), direct_only=direct_only,
            batch_size=batch_size, chunk_size=chunk_size, concurrency=concurrency,
            address=ray_address,
        )  # fmt: skip
    if engine != "local":
        raise ValueError(f"engine: expected 'local' or 'ray', got {engine!r}")
    return _run_local(
        source, target_list, model=model, output=output, text_column=text_column,
        id_column=id_column, keep_columns=tuple(keep_columns), direct_only=direct_only,
        workers=workers, chunk_size=chunk_size, batch_size=batch_size, overwrite=overwrite,
        progress=progress,
    )  # fmt: skip


def job_settings(
    source: Any, targets: list[str], classifier: StanceClassifier, **settings: Any
) -> dict[str, Any]:
    """What must be the same for a job to resume another's output."""
    from stancer import __version__

    name, version = model_identity(classifier)
    where = str(source) if isinstance(source, str | os.PathLike) else "rows"
    return {"source": where, "targets": targets, "model": name, "model_version": version,
            "stancer": __version__, **settings}  # fmt: skip


def _run_local(
    source: Any,
    targets: list[str],
    *,
    model: Any,
    output: Any,
    text_column: str,
    id_column: str | None,
    keep_columns: tuple[str, ...],
    direct_only: bool,
    workers: int | None,
    chunk_size: int,
    batch_size: int,
    overwrite: bool,
    progress: bool,
) -> Dataset | CorpusReport:
    from tqdm.auto import tqdm

    from stancer.corpus.output import ChunkedOutput
    from stancer.model.api import stance_model

    start = time.perf_counter()
    workers = _default_workers() if workers is None else workers
    classifier = stance_model(model)
    job = job_settings(source, targets, classifier, text_column=text_column, id_column=id_column,
                       keep_columns=list(keep_columns), direct_only=direct_only, chunk_size=chunk_size)  # fmt: skip
    out = ChunkedOutput(output, job, overwrite=overwrite) if output is not None else None
    done = out.done() if out else set()
    total = count_articles(source)
    articles = read_articles(
        source, text_column=text_column, id_column=id_column, keep_columns=keep_columns
    )
    head = list(itertools.islice(articles, 1))  # its columns checked before a bar is shown
    todo = (a for a in itertools.chain(head, articles) if a.id not in done)
    process = functools.partial(article_units, direct_only=direct_only)
    tables, counts = [], {"articles": 0, "errors": 0, "rows": 0}
    bar = tqdm(total=total, initial=len(done), unit="article", disable=not progress, desc="analyze")
    pool = ProcessPoolExecutor(workers, mp_context=_spawn()) if workers else None
    try:
        for chunk, found in _pipelined(_chunks(todo, chunk_size), process, pool):
            rows, errors = score_chunk(
                chunk, found, targets, classifier, batch_size=batch_size, keep_columns=keep_columns
            )
            if out is not None:
                out.commit(rows, [a.id for a in chunk], errors)
            else:
                tables.append(rows)
            counts["articles"] += len(chunk)
            counts["errors"] += len(errors)
            counts["rows"] += rows.num_rows
            bar.update(len(chunk))
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if out is None:
        return _as_dataset(tables, keep_columns)
    return CorpusReport(str(out.path), counts["articles"], len(done), counts["errors"], counts["rows"],
                        time.perf_counter() - start)  # fmt: skip


def _default_workers() -> int:
    """Cores − 1 on a machine of more than 2 cores, else 0 (the reason is in `analyze_corpus`)."""
    cores = os.cpu_count() or 1
    return cores - 1 if cores > 2 else 0


def _as_dataset(tables: list[pa.Table], keep_columns: Sequence[str]) -> Dataset:
    """The rows of every chunk as one dataset, with the schema's columns when there are none."""
    from datasets import Dataset

    schema = pa.schema([*SCHEMA, *((c, pa.string()) for c in keep_columns)])
    return Dataset(pa.concat_tables(tables) if tables else schema.empty_table())


def _spawn() -> Any:
    """Fresh worker processes (not forks of one that holds torch's threads)."""
    import multiprocessing

    return multiprocessing.get_context("spawn")


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pipelined(
    chunks: Iterable[list[Article]], process: Any, pool: Executor | None, ahead: int = 2
) -> Iterator[tuple[list[Article], list[list[Unit] | str]]]:
    """Each chunk with its statements; with a pool, the next ``ahead`` chunks are processed in
    the workers while the caller classifies this one, and no more are read."""
    if pool is None:
        for chunk in chunks:
            yield chunk, [process(a) for a in chunk]
        return
    pending: deque[tuple[list[Article], list[Any]]] = deque()
    for chunk in chunks:
        pending.append((chunk, [pool.submit(process, a) for a in chunk]))
        if len(pending) > ahead:
            first, futures = pending.popleft()
            yield first, [f.result() for f in futures]
    while pending:
        first, futures = pending.popleft()
        yield first, [f.result() for f in futures]
