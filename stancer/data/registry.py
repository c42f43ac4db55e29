"""The registry of public benchmarks, and reading them (with a cache) into `DatasetDict`s.

Each benchmark lives in its own module under `stancer.data.sources` and defines ``BENCHMARK``:
readers that turn the original release files into raw rows, the label map, and the facts a user
needs to trust the numbers (official metric, terms of use, citation). A benchmark's ``task`` is
``stance`` (rows of text, target, label) or ``attribution`` (news articles with who-said-what
annotations, read by `load_articles`, scored by `stancer.bench.quotes`).

The datasets live in one folder, one sub-folder each (`data_root`): ``$STANCER_DATA_DIR``, else
``~/stancer_data``; a folder given to a call or ``--data-dir`` overrides it.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import json
import os
import pkgutil
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict

from stancer import __version__
from stancer.data.records import to_dataset
from stancer.exceptions import DataError
from stancer.quiet import no_progress_bars
from stancer.stance import LABELS

Rows = Iterable[dict[str, Any]]


@dataclass(frozen=True)
class Benchmark:
    """A registered benchmark: how its splits are read and how it is scored."""

    name: str
    description: str
    #: Split name → reader taking the dataset's folder and yielding raw rows with the keys
    #: ``text``, ``target``, ``label`` (raw), optionally ``id`` and extras of one type each.
    splits: dict[str, Callable[[Path], Iterable[Any]]]
    #: The official metric: ``f_avg``, ``macro_f1``, ``f_avg_targets`` (F_avg per target, averaged)
    #: or ``fnc_score``.
    metric: str
    #: Raw label → unified label.
    label_map: dict[str, str]
    #: The unified labels this dataset uses.
    labels: tuple[str, ...] = LABELS
    #: Subsets that the task scores separately: name → (column, value).
    subsets: dict[str, tuple[str, Any]] = field(default_factory=dict)
    #: Where the texts come from: ``tweets``, ``news``, ``news comments``, ``debate arguments``, …
    domain: str = ""
    #: What the targets are: ``entity``, ``topic``, ``claim`` or ``headline``.
    target_type: str = ""
    #: Terms of use of the release.
    terms: str = ""
    #: The paper to cite.
    citation: str = ""
    #: Where the release files come from.
    source: str = ""
    #: The folder of the files when the data ships with stancer (``seed``); else None.
    default_dir: Path | None = None
    #: ``stance``, or ``attribution`` (each split's reader returns `stancer.data.polnear.Article`s).
    task: str = "stance"

    def info(self) -> dict[str, Any]:
        """The registry facts as plain data (for `stancer data info`)."""
        return {
            "name": self.name,
            "task": self.task,
            "description": self.description,
            "domain": self.domain,
            "target_type": self.target_type,
            "labels": list(self.labels),
            "official_metric": self.metric,
            "splits": list(self.splits),
            "subsets": {k: f"{c} == {v!r}" for k, (c, v) in self.subsets.items()},
            "terms": self.terms,
            "citation": self.citation,
            "source": self.source,
        }


# ---------------------------------------------------------------------------- reading helpers
def need(folder: Path, relative: str) -> Path:
    """Return ``folder / relative``, or raise naming the missing release file."""
    path = folder / relative
    if not path.is_file():
        raise DataError(
            f"missing release file {path}; expected the dataset's original release files in "
            f"{folder} (is that the dataset's own folder? `stancer data info <name>` names the "
            "source)"
        )
    return path


def read_text(path: Path, encodings: tuple[str, ...] = ("utf-8-sig", "cp1252")) -> str:
    """Read a release file with the first encoding that decodes it."""
    data = path.read_bytes()
    for encoding in encodings[:-1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(encodings[-1])


def csv_rows(
    path: Path, *, encodings: tuple[str, ...] = ("utf-8-sig", "cp1252"), **fmt: Any
) -> Iterator[dict[str, str]]:
    """Rows of a CSV / TSV release file as dicts of strings."""
    csv.field_size_limit(1 << 30)
    yield from csv.DictReader(io.StringIO(read_text(path, encodings), newline=""), **fmt)


def jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a JSON-lines release file; a line that is not a JSON object is an error."""
    for number, line in enumerate(read_text(path, ("utf-8",)).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataError(f"{path}, line {number}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise DataError(f"{path}, line {number}: expected a JSON object, got {line[:60]!r}")
        yield row


def jsonl_split(folder: Path, split: str, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The ``columns`` of each row of ``<folder>/<split>.jsonl`` (a release of JSON lines)."""
    path = need(folder, f"{split}.jsonl")
    for number, row in enumerate(jsonl_rows(path), start=1):
        missing = [c for c in columns if c not in row]
        if missing:
            raise DataError(f"{path}, line {number}: missing field {missing[0]!r}")
        yield {c: row[c] for c in columns}


# ---------------------------------------------------------------------------- the registry
def _discover() -> tuple[dict[str, Benchmark], dict[str, Path]]:
    from stancer.data import sources

    found, files = {}, {}
    for info in pkgutil.iter_modules(sources.__path__):
        module = importlib.import_module(f"{sources.__name__}.{info.name}")
        found[module.BENCHMARK.name] = module.BENCHMARK
        files[module.BENCHMARK.name] = Path(module.__file__ or "")
    return found, files


BENCHMARKS, _MODULE_FILES = _discover()


def get_benchmark(name: str) -> Benchmark:
    """Return a registered benchmark, or raise naming the valid ones."""
    if name not in BENCHMARKS:
        raise DataError(
            f"unknown dataset {name!r}; the registered datasets are {sorted(BENCHMARKS)}"
        )
    return BENCHMARKS[name]


#: The data folder when neither a folder nor ``$STANCER_DATA_DIR`` is given.
DEFAULT_DATA_DIR = Path("~/stancer_data")


def data_root(root: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding one sub-folder per dataset: ``root``, else ``$STANCER_DATA_DIR``, else
    ``~/stancer_data``.

    Raises:
        DataError: that folder does not exist.
    """
    folder = Path(root or os.environ.get("STANCER_DATA_DIR") or DEFAULT_DATA_DIR).expanduser()
    if not folder.is_dir():
        raise DataError(
            f"no data folder at {folder}: set STANCER_DATA_DIR (or pass --data-dir) to the folder "
            "holding one sub-folder per dataset"
        )
    return folder


def benchmark_dir(
    name: str,
    data_dir: str | os.PathLike[str] | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
) -> Path:
    """The folder of a benchmark's release files: ``data_dir``; else the folder shipped with
    stancer (``seed``); else ``<data_root(root)>/<name>``."""
    if data_dir is not None:
        return Path(data_dir)
    default = get_benchmark(name).default_dir
    if default is not None:
        return default
    return data_root(root) / name


def parse_spec(spec: str, default_split: str = "test") -> tuple[str, str]:
    """A data spec ``name[:split]`` as ``(name, split)``, the split defaulting to ``default_split``;
    the one reading of specs, for benchmarks, suites, mixtures and training configs."""
    name, _, split = spec.partition(":")
    return name, split or default_split


def cache_root() -> Path:
    """Where converted splits are cached: ``$STANCER_CACHE``, else the datasets library's cache."""
    if os.environ.get("STANCER_CACHE"):
        return Path(os.environ["STANCER_CACHE"])
    from datasets import config

    return Path(config.HF_DATASETS_CACHE) / "stancer"


def _fingerprint(bench: Benchmark, split: str, folder: Path) -> str:
    """Changes whenever a release file, the adapter's code, a helper of stancer.data or stancer's version changes."""
    digest = code_digest()
    digest.update(f"{bench.name}|{split}|{folder.resolve()}".encode())
    reader = bench.splits[split]
    reader_module = importlib.import_module(
        getattr(reader, "func", reader).__module__
    )  # partial → function
    for path in sorted({_MODULE_FILES[bench.name], Path(reader_module.__file__ or "")}):
        digest.update(path.read_bytes())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def load_split(bench: Benchmark, split: str, folder: Path, *, cache: bool = True) -> Dataset:
    """Read one split from its release files, or from the cache when nothing changed."""

    def build() -> Dataset:
        try:
            return to_dataset(
                bench.splits[split](folder),
                source=f"{bench.name}:{split}",
                label_map=bench.label_map,
                labels=bench.labels,
            )
        except DataError as error:
            if str(error).startswith(bench.name):
                raise
            raise DataError(f"{bench.name}:{split}: {error}") from error

    if not cache:
        return build()
    return cached(f"{bench.name}-{split}-{_fingerprint(bench, split, folder)}", build)


def code_digest() -> hashlib._Hash:
    """A hash of stancer's version and the code of stancer.data, to key cached datasets by."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest


def cached(name: str, build: Callable[[], Dataset]) -> Dataset:
    """The dataset cached as ``name`` under `cache_root`, built and saved first if missing; the
    save is written under a temporary name and renamed, so a crash never leaves half a cache."""
    path = cache_root() / name
    if path.is_dir():
        return Dataset.load_from_disk(str(path))
    with no_progress_bars():
        dataset = build()
        staging = path.with_name(path.name + f".partial-{os.getpid()}")
        dataset.save_to_disk(str(staging))
    try:
        os.replace(staging, path)
    except OSError:  # another process cached it first
        shutil.rmtree(staging, ignore_errors=True)
    return Dataset.load_from_disk(str(path))


def load_benchmark(
    name: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    splits: list[str] | None = None,
    cache: bool = True,
) -> DatasetDict:
    """Read a registered stance benchmark's release files (in ``data_dir``, else
    `benchmark_dir`'s choice under ``root``) into a `DatasetDict`."""
    bench, folder = _release(name, benchmark_dir(name, data_dir, root=root), splits, task="stance")
    wanted = splits or list(bench.splits)
    return DatasetDict({split: load_split(bench, split, folder, cache=cache) for split in wanted})


def load_articles(
    name: str,
    split: str = "test",
    *,
    data_dir: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
) -> list[Any]:
    """The `stancer.data.polnear.Article`s of a split of a registered attribution benchmark.

    Args:
        name: The benchmark (``polnear``).
        split: One of its splits.
        data_dir: The folder of its release files; default ``<data_root(root)>/<name>``.
        root: The data folder (see `data_root`).
    """
    folder = benchmark_dir(name, data_dir, root=root)
    bench, folder = _release(name, folder, [split], task="attribution")
    return list(bench.splits[split](folder))


def _release(
    name: str, folder: Path, splits: list[str] | None, *, task: str
) -> tuple[Benchmark, Path]:
    """The benchmark and the folder of its release files, checked: it exists, holds the
    ``splits`` asked for, and is a benchmark of ``task``."""
    bench = get_benchmark(name)
    if bench.task != task:
        reader = "stancer.data.load" if bench.task == "stance" else "stancer.data.load_articles"
        raise DataError(
            f"{name} is a benchmark of {bench.task}, not of {task}: read it with {reader}"
        )
    if not folder.is_dir():
        raise DataError(
            f"{name}: no folder {folder}; expected a folder with the {name} release files"
        )
    unknown = [s for s in splits or () if s not in bench.splits]
    if unknown:
        raise DataError(
            f"{name}: unknown split {unknown[0]!r}; its splits are {list(bench.splits)}"
        )
    return bench, folder
