"""Public stance benchmarks, read from their original release files into the unified schema."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datasets import DatasetDict

from stancer.data.records import to_dataset
from stancer.exceptions import DataError

Rows = Iterator[dict[str, Any]]


@dataclass(frozen=True)
class Benchmark:
    """A registered benchmark: where its splits come from and how it is scored."""

    name: str
    description: str
    #: Split name → (file inside the dataset folder, function reading that file into raw rows).
    splits: dict[str, tuple[str, Callable[[Path], Rows]]]
    #: The name of the task's official metric, as `stancer.metrics.stance_metrics` reports it.
    metric: str
    #: Raw label → unified label.
    label_map: dict[str, str]
    #: Subsets that the task scores separately: name → (column, value).
    subsets: dict[str, tuple[str, Any]] = field(default_factory=dict)


def read_text(path: Path) -> str:
    """Read a release file as UTF-8, falling back to cp1252 (as some 2016 releases are)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _csv_rows(path: Path, **fmt: Any) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    yield from csv.DictReader(io.StringIO(read_text(path), newline=""), **fmt)


# ---------------------------------------------------------------------------- SemEval-2016 Task 6
def _semeval(path: Path) -> Rows:
    # Tab-separated with no quoting: tweets contain bare double quotes.
    for row in _csv_rows(path, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {
            "id": row["ID"],
            "text": row["Tweet"],
            "target": row["Target"],
            "label": row["Stance"],
            "opinion_towards": row.get("Opinion towards", ""),
            "sentiment": row.get("Sentiment", ""),
        }


_SEMEVAL_DIR = "all_annotations/data-all-annotations/"

SEMEVAL2016 = Benchmark(
    name="semeval2016",
    description="SemEval-2016 Task 6: tweets toward 5 targets (task A) and Donald Trump (task B)",
    splits={
        "train": (_SEMEVAL_DIR + "trainingdata-all-annotations.txt", _semeval),
        "validation": (_SEMEVAL_DIR + "trialdata-all-annotations.txt", _semeval),
        "test": (_SEMEVAL_DIR + "testdata-taskA-all-annotations.txt", _semeval),
        "test_taskB": (_SEMEVAL_DIR + "testdata-taskB-all-annotations.txt", _semeval),
    },
    metric="f_avg",
    label_map={"FAVOR": "favor", "AGAINST": "against", "NONE": "neutral"},
)


# ---------------------------------------------------------------------------- VAST
def _vast_train(path: Path) -> Rows:
    for row in _csv_rows(path):
        yield {
            "id": row["new_id"],
            "text": row["post"],
            "target": row["topic_str"],
            "label": row["label"],
            "seen": int(row["seen?"]),
            "type_idx": int(row["type_idx"]),
            "topic": row["new_topic"],
        }


def _vast_eval(path: Path) -> Rows:
    for row in _csv_rows(path):
        yield {
            "text": row["Tweet"],
            "target": row["Target"],
            "label": row["Stance"],
            "seen": int(row["seen?"]),
        }


VAST = Benchmark(
    name="vast",
    description="VAST (Allaway & McKeown 2020): NYT comments toward thousands of topics, zero- and few-shot",
    splits={
        "train": ("vast_train.csv", _vast_train),
        "validation": ("mclda_vast_dev.csv", _vast_eval),
        "test": ("mclda_vast_test.csv", _vast_eval),
        "test_sentswap": ("vast_test-sentswap.csv", _vast_train),
    },
    metric="macro_f1",
    label_map={"0": "against", "1": "favor", "2": "neutral"},
    subsets={"zero_shot": ("seen", 0), "few_shot": ("seen", 1)},
)

BENCHMARKS: dict[str, Benchmark] = {b.name: b for b in (SEMEVAL2016, VAST)}


def get_benchmark(name: str) -> Benchmark:
    """Return a registered benchmark, or raise naming the valid ones."""
    if name not in BENCHMARKS:
        raise DataError(
            f"unknown dataset {name!r}; the registered datasets are {sorted(BENCHMARKS)}"
        )
    return BENCHMARKS[name]


def benchmark_dir(name: str, data_dir: str | os.PathLike[str] | None) -> Path:
    """The folder of a benchmark's release files: ``data_dir``, else ``$STANCER_DATA_DIR/<name>``."""
    if data_dir is not None:
        return Path(data_dir)
    root = os.environ.get("STANCER_DATA_DIR")
    if not root:
        raise DataError(
            f"{name}: no data folder given; pass data_dir=<folder of the {name} release files> "
            "or set STANCER_DATA_DIR to a folder holding one sub-folder per dataset"
        )
    return Path(root) / name


def load_benchmark(
    name: str, *, data_dir: str | os.PathLike[str] | None = None, splits: list[str] | None = None
) -> DatasetDict:
    """Read a registered benchmark's release files into a `DatasetDict`."""
    bench = get_benchmark(name)
    folder = benchmark_dir(name, data_dir)
    wanted = splits or list(bench.splits)
    unknown = [s for s in wanted if s not in bench.splits]
    if unknown:
        raise DataError(
            f"{name}: unknown split {unknown[0]!r}; its splits are {list(bench.splits)}"
        )
    out = {}
    for split in wanted:
        file, reader = bench.splits[split]
        path = folder / file
        if not path.is_file():
            raise DataError(
                f"{name}: missing release file {path}; expected the original {name} files in "
                f"{folder} (see the dataset's registry entry for its source)"
            )
        out[split] = to_dataset(reader(path), source=str(path), label_map=bench.label_map)
    return DatasetDict(out)
