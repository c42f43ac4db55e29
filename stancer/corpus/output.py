"""The corpus job's output folder: rows written in parts, each committed atomically with the ids
of the articles it covers, so that a job stopped at any point resumes where it stopped.

Layout of ``<output>`` (``quotes.parquet``, ``quotes.csv`` or ``quotes.jsonl``: a folder, as Spark
and Ray write them, that pandas, polars, `datasets` and Arrow read as one table)::

    _job.json                the settings of the job (a resumed job must have the same)
    part-00000.parquet       the rows of chunk 0 (…csv, …jsonl for those outputs)
    _part-00000.done.json    the commit: ids of the chunk's articles, and the errors among them
    _errors.jsonl            every article that could not be analysed: {"id", "reason"}

Names starting with ``_`` are the job's own files, which Arrow (and so pandas and polars) skip
when reading the folder as a table. A part without its ``.done.json`` is the half of a chunk a
stopped job was writing: it is removed when the job starts again, and the chunk done afresh.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa

from stancer.exceptions import StancerError
from stancer.model.folder import write_whole

#: Output row formats, by the output's suffix.
FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl"}
JOB_FILE = "_job.json"
ERRORS_FILE = "_errors.jsonl"


class ChunkedOutput:
    """Writes and resumes one job's output folder.

    Args:
        path: The folder; its suffix names the format (``.parquet``, ``.csv``, ``.jsonl``).
        job: The job's settings; a folder holding another job's is an error unless
            ``overwrite``.
        overwrite: Delete what the folder holds first.
    """

    def __init__(
        self, path: str | os.PathLike[str], job: dict[str, Any], *, overwrite: bool = False
    ) -> None:
        self.path = Path(path)
        fmt = FORMATS.get(self.path.suffix)
        if fmt is None:
            raise StancerError(
                f"--output {self.path}: expected a name ending in {', '.join(FORMATS)} (the "
                "folder of the output rows, in that format)"
            )
        self.format = fmt
        if overwrite:
            shutil.rmtree(self.path, ignore_errors=True)
        if self.path.exists() and not self.path.is_dir():
            raise StancerError(
                f"--output {self.path}: a file is there; expected a folder or nothing"
            )
        self.path.mkdir(parents=True, exist_ok=True)
        self._claim(job)
        for part in [*self.path.glob("part-*"), *self.path.glob("_part-*.partial")]:
            if part.name.endswith(".partial") or not self._marker(part).is_file():
                part.unlink()  # what a stopped job left uncommitted

    def _claim(self, job: dict[str, Any]) -> None:
        """Make the folder this job's: one with committed chunks of a job with other settings is
        refused; one without (a job that stopped before its first commit) is taken over."""
        file = self.path / JOB_FILE
        if file.is_file() and self._markers():
            earlier = json.loads(file.read_text())
            changed = sorted(k for k in {*earlier, *job} if earlier.get(k) != job.get(k))
            if changed:
                raise StancerError(
                    f"{self.path} holds the output of a job with other settings ({', '.join(changed)}); "
                    "give another --output, or --overwrite to start afresh"
                )
        else:
            write_whole(file, json.dumps(job, indent=2) + "\n")

    def _marker(self, part: Path) -> Path:
        return part.with_name("_" + part.name.split(".")[0] + ".done.json")

    def _markers(self) -> list[Path]:
        return sorted(self.path.glob("_part-*.done.json"))

    def done(self) -> set[str]:
        """The ids of the articles that committed chunks cover (errors included)."""
        return {i for m in self._markers() for i in json.loads(m.read_text())["ids"]}

    def parts(self) -> list[Path]:
        """The committed parts, in order."""
        return [
            m.with_name(m.name[1:].replace(".done.json", f".{self.format}"))
            for m in self._markers()
        ]

    def commit(self, rows: pa.Table, ids: list[str], errors: list[dict[str, str]]) -> Path:
        """Write one chunk's rows and then its commit; returns the part."""
        number = len(self._markers())
        part = self.path / f"part-{number:05d}.{self.format}"
        partial = part.with_name(f"_{part.name}.partial")
        _write(rows, partial, self.format)
        os.replace(partial, part)
        write_whole(self._marker(part), json.dumps({"ids": ids, "errors": errors}) + "\n")
        self._write_errors()
        return part

    def errors(self) -> list[dict[str, str]]:
        """Every error recorded by committed chunks."""
        return [e for m in self._markers() for e in json.loads(m.read_text())["errors"]]

    def _write_errors(self) -> None:
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.errors())
        write_whole(self.path / ERRORS_FILE, lines)


def _write(rows: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(rows, path)
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(rows, path)
    else:
        with path.open("w", encoding="utf-8") as handle:
            for row in rows.to_pylist():
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
