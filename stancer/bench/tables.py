"""The bench report as text: a function per table (stance results, suites, quote extraction,
speed, details), each written by `stancer.tabular.table` as aligned text or markdown."""

from __future__ import annotations

from typing import Any

from stancer.bench.suites import SILVER, SUITE_METRIC, SUITES
from stancer.data.registry import BENCHMARKS, parse_spec
from stancer.tabular import table


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def suite_table(name: str, scores: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Rows of one suite: each set's macro-F1 per model (per-class F1 favor / against / neutral
    beside it), then the mean."""
    rows = []
    for spec in SUITES[name]:
        cells = []
        for entry in scores.values():
            s = entry["sets"].get(spec)
            per_class = " / ".join(
                "–" if s is None or s[k] is None else f"{s[k]:.2f}"
                for k in ("f1_favor", "f1_against", "f1_neutral")
            )
            cells.append("" if s is None else f"{s[SUITE_METRIC]:.3f} ({per_class})")
        silver = " (silver)" if spec.partition(":")[0] in SILVER else ""
        rows.append([spec + silver, *cells])
    rows.append([f"mean ({name})", *(_fmt(e["mean"]) for e in scores.values())])
    return rows


def _main_rows(results: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Models × datasets: each dataset's official metric, per model."""
    models = list(dict.fromkeys(r["model"] for r in results))
    by_key = {(r["model"], r["data"]): r for r in results}
    rows = []
    for spec in dict.fromkeys(r["data"] for r in results):
        official = BENCHMARKS[parse_spec(spec)[0]].metric
        row = [spec, official]
        for model in models:
            r = by_key.get((model, spec))
            cell = _fmt(r["metrics"].get(r["primary_metric"])) if r else ""
            if r and r["primary_metric"] != official:  # e.g. a 3-label model on FNC-1
                cell += f" ({r['primary_metric']}, collapsed)"
            row.append(cell)
        rows.append(row)
    return ["data", "official metric", *models], rows


_QUOTE_COLUMNS = {
    "exact_precision": "exact P",
    "exact_recall": "exact R",
    "exact_f1": "exact F1",
    "overlap_precision": "overlap P",
    "overlap_recall": "overlap R",
    "overlap_f1": "overlap F1",
    "speaker_accuracy": "speaker acc.",
    "mention_accuracy": "mention acc.",
}


def _quote_lines(q: dict[str, Any], markdown: bool) -> list[str]:
    m = q["metrics"]
    rows = [
        [view, *(_fmt(m[f"{view}/{key}"]) for key in _QUOTE_COLUMNS), str(int(m[f"{view}/gold"]))]
        for view in ("direct", "all")
    ]
    return [
        "",
        f"Quote extraction and attribution on {q['data']} ({int(m['articles'])} articles; overlap = "
        f"character Jaccard >= {m['overlap_threshold']}):",
        *table(["gold", *_QUOTE_COLUMNS.values(), "n gold"], rows, markdown=markdown),
        "speaker acc.: the canonical name is right; mention acc.: the words naming the "
        "speaker cover the gold source, whoever a pronoun is resolved to.",
        *(
            f"speed, {part}: {m[f'speed/{part}_articles_per_second']:.1f} articles/s "
            f"(median {m[f'speed/{part}_median_seconds'] * 1000:.0f} ms per article)"
            for part in ("parser", "rules", "model")
            if f"speed/{part}_articles_per_second" in m
        ),
    ]


def _detail_rows(results: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for r in results:
        m = r["metrics"]
        extra = [
            f"{k} {_fmt(v)}"
            for k, v in m.items()
            if k.endswith("/macro_f1") or k.endswith("/f_avg_targets")
        ]
        rows.append(
            [
                r["model"],
                r["data"],
                *(_fmt(m.get(k)) for k in ("macro_f1", "f_avg", "accuracy", "ece")),
                f"{m['pairs_per_second']:.1f}",
                "; ".join(extra + r["notes"]),
            ]
        )
    return rows


def _speed_lines(report: dict[str, Any], markdown: bool) -> list[str]:
    rows = []
    for model, s in report["speed"].items():
        ours, pipe = s["stancer"], s.get("pipeline", {})
        rows.append(
            [
                model,
                f"{ours['pairs_per_second']:.1f}",
                f"{ours['pairs_per_second_min']:.1f}–{ours['pairs_per_second_max']:.1f}",
                f"{ours['batch_ms_p50']:.0f} / {ours['batch_ms_p95']:.0f}",
                f"{s['peak_rss_mb']:.0f}",
                f"{pipe.get('pairs_per_second', 0):.1f}",
                f"{s.get('speedup', 0):.2f}x",
            ]
        )
    env = report["environment"]
    runs = int(next(iter(report["speed"].values()))["stancer"]["runs"])
    header = ["model", "pairs/s", "min–max", "batch ms p50 / p95", "peak RSS MB"]
    return [
        "",
        f"Speed on {report['speed_data']}: median of {runs} runs after a warm-up, taken in turn "
        "with the pipeline's (the speed-up is the median of the per-run ratios); batch size "
        f"{env['batch_size']}, {env['torch_threads']} torch threads, {env['hardware']}, torch "
        f"{env['torch']}, transformers {env['transformers']}.",
        *table([*header, "pipeline pairs/s", "speed-up"], rows, markdown=markdown),
    ]


def format_tables(report: dict[str, Any], *, markdown: bool = False) -> str:
    """The suites' tables, the models × datasets table of official metrics, PolNeAR's quote
    tables, one detail row per result, and the speed table."""
    results = report["results"]
    lines = []
    for name, scores in report.get("suites", {}).items():
        lines += [
            f"Suite {name}: macro-F1 per set (F1 favor / against / neutral) and the mean; "
            "silver = model-made labels.",
            *table(["data", *scores], suite_table(name, scores), markdown=markdown),
            "",
        ]
    if results:
        lines += table(*_main_rows(results), markdown=markdown)
    for q in report.get("quotes", []):
        lines += _quote_lines(q, markdown)
    if results:
        header = ["model", "data", "macro-F1", "F_avg", "accuracy", "ECE", "pairs/s"]
        detail = table([*header, "subsets and notes"], _detail_rows(results), markdown=markdown)
        lines += ["", *detail]
    if report.get("speed"):
        lines += _speed_lines(report, markdown)
    if results:
        lines += ["", "ECE: expected calibration error over 10 equal-width confidence bins."]
    return "\n".join(lines)
