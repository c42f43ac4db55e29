"""A corpus job's rows summarised: per speaker × target (and per outlet × target, and per period
× target when the rows carry ``outlet`` / ``date`` columns), statements and mean scores, as tables
and as a small HTML page with the stance over time of each target."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stancer.exceptions import StancerError
from stancer.stance import LABELS

#: The columns a summary reads, beyond the optional ``outlet`` and ``date``.
NEEDED = ("speaker", "target", "label", *LABELS)


@dataclass
class Summary:
    """Tables of plain rows (lists of dicts), ready for a table, JSON or the HTML page."""

    speakers: list[dict[str, Any]]
    outlets: list[dict[str, Any]] = field(default_factory=list)
    #: Target → [{"period", "statements", "net"}], ``net`` the mean of favor − against.
    over_time: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def read_rows(source: Any) -> Any:
    """The rows of a corpus job as a pandas DataFrame: its output folder (or one file of it), a
    `datasets.Dataset`, or a DataFrame; rows that record an article's error are left out."""
    import pandas as pd

    if isinstance(source, str | os.PathLike):
        path = Path(source)
        files = sorted(path.glob("*.parquet") if path.is_dir() else [path])
        files = files or sorted(path.glob("part-*.csv")) + sorted(path.glob("part-*.jsonl"))
        if not files or not all(f.is_file() for f in files):
            raise StancerError(
                f"{path}: no rows; expected the output folder of `stancer analyze --input`"
            )
        readers = {".parquet": pd.read_parquet, ".csv": pd.read_csv,
                   ".jsonl": lambda f: pd.read_json(f, lines=True)}  # fmt: skip
        frame = pd.concat([readers[f.suffix](f) for f in files], ignore_index=True)
    else:
        frame = source.to_pandas() if hasattr(source, "to_pandas") else pd.DataFrame(source)
    missing = [c for c in NEEDED if c not in frame.columns]
    if missing:
        raise StancerError(f"the rows have no column {missing[0]!r}; expected a corpus job's rows")
    if "error" in frame.columns:
        frame = frame[frame["error"].isna()]
    return frame


def summarize(source: Any, *, period: str = "M") -> Summary:
    """Summarise a corpus job's rows (see `read_rows` for ``source``).

    Args:
        source: The rows.
        period: For rows with a ``date``: the pandas period of the time series (``D``, ``W``,
            ``M``, ``Y``).
    """
    import pandas as pd

    frame = read_rows(source)
    frame = frame.assign(speaker=frame["speaker"].fillna("(unattributed)"))
    summary = Summary(_grouped(frame, "speaker"))
    if "outlet" in frame.columns:
        summary.outlets = _grouped(frame.assign(outlet=frame["outlet"].fillna("(none)")), "outlet")
    if "date" in frame.columns:
        dated = frame.assign(when=pd.to_datetime(frame["date"], errors="coerce", utc=True))
        dated = dated.dropna(subset=["when"])
        dated = dated.assign(
            period=dated["when"].dt.tz_localize(None).dt.to_period(period).astype(str)
        )
        dated = dated.assign(net=dated["favor"] - dated["against"])
        for target, rows in dated.groupby("target", sort=False):
            series = rows.groupby("period").agg(statements=("net", "size"), net=("net", "mean"))
            summary.over_time[str(target)] = [
                {"period": k, "statements": int(v.statements), "net": round(float(v.net), 4)}
                for k, v in series.iterrows()
            ]
    return summary


def _grouped(frame: Any, column: str) -> list[dict[str, Any]]:
    """Per (``column``, target): statements, the label counts, the mean scores; most statements first."""
    rows = []
    for (key, target), group in frame.groupby([column, "target"], sort=False):
        counts = group["label"].value_counts()
        rows.append(
            {
                column: key,
                "target": target,
                "statements": len(group),
                **{f"n_{label}": int(counts.get(label, 0)) for label in LABELS},
                **{f"mean_{label}": round(float(group[label].mean()), 4) for label in LABELS},
            }
        )
    return sorted(rows, key=lambda r: (-r["statements"], str(r[column]), r["target"]))


def render_html(summary: Summary, *, title: str) -> str:
    """The summary as one HTML page: the tables, and a line per target of its net stance
    (mean favor − against) over time, drawn as inline SVG."""
    from importlib import resources

    import jinja2

    folder = resources.files("stancer.corpus") / "templates"
    environment = jinja2.Environment(autoescape=True)
    template = environment.from_string((folder / "summary.html.j2").read_text())
    return template.render(
        title=title, summary=summary, labels=LABELS, charts=_charts(summary.over_time)
    )


def _charts(over_time: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per target, the SVG points of its series: x by period (shared across targets), y from
    net −1 (bottom) to +1 (top) in a 600 × 160 box."""
    periods = sorted({p["period"] for series in over_time.values() for p in series})
    step = 560 / max(len(periods) - 1, 1)
    charts = []
    for target, series in over_time.items():
        points = [(20 + periods.index(p["period"]) * step, 80 - 70 * p["net"], p) for p in series]
        charts.append({"target": target, "points": points, "periods": periods, "step": step})
    return charts
