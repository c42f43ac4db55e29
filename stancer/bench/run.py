"""`stancer bench` as a function: models and baselines × datasets, official metrics, speed."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stancer.bench.baselines import EmbeddingBaseline, MajorityBaseline, NliZeroShot, TfidfBaseline
from stancer.bench.evaluation import environment, evaluate, load_eval_split
from stancer.bench.suites import SILVER, SUITE_METRIC, SUITES, suite_scores, suite_specs
from stancer.data.registry import BENCHMARKS, load_benchmark, parse_spec
from stancer.exceptions import StancerError

logger = logging.getLogger(__name__)

#: Datasets that score quote extraction and attribution instead of stance.
QUOTE_DATA = ("polnear",)

#: Baselines by the name `--baselines` takes.
BASELINES = {"majority": MajorityBaseline, "tfidf": TfidfBaseline, "embeddings": EmbeddingBaseline}


def expand_data(specs: Sequence[str]) -> list[str]:
    """``all`` → every registered benchmark with a ``test`` split; other specs as given."""
    out: list[str] = []
    for spec in specs:
        if spec == "all":
            out += [
                f"{name}:test"
                for name, bench in sorted(BENCHMARKS.items())
                if "test" in bench.splits
            ]
        else:
            name, split = parse_spec(spec)
            out.append(f"{name}:{split}")
    return list(dict.fromkeys(out))


def quote_bench(
    spec: str, *, data_dir: str | None = None, model: str | None = None, speed: bool = False
) -> dict[str, Any]:
    """Score stancer's quote extraction and attribution on PolNeAR (see `stancer.bench.quotes`).

    Direct quotes are scored on what quote marks give (``direct/``), all attributions on those
    and the indirect speech found from the parse (``all/``). Times per article are measured for
    the parser and for the rules on its parse and, with ``speed``, for ``model`` classifying every
    attributed statement toward the seed's four targets, as `stancer.analyze` does.
    """
    import os
    import statistics
    import time

    from stancer.bench.quotes import PRIMARY_METRIC, score_quotes
    from stancer.data.polnear import load_polnear
    from stancer.news.attribution import find_attributions
    from stancer.news.parsing import parse

    name, split = parse_spec(spec)
    root = data_dir or os.environ.get("STANCER_DATA_DIR")
    if root is None:
        raise StancerError(f"{name}: no data folder; pass --data-dir or set STANCER_DATA_DIR")
    articles = load_polnear(Path(root) / name, split)
    parse("warm-up")  # the pipeline's load is not a cost per article
    found: dict[str, list[Any]] = {}
    times: dict[str, list[float]] = {"parser": [], "rules": [], "model": []}
    for article in articles:
        start = time.perf_counter()
        doc = parse(article.text)
        parsed = time.perf_counter()
        found[article.text] = find_attributions(article.text, doc=doc)
        times["parser"].append(parsed - start)
        times["rules"].append(time.perf_counter() - parsed)
        if speed:
            times["model"].append(_model_time(doc, found[article.text], model))
    metrics = {  # direct quotes are scored on what the quote marks give, all attributions on all
        **score_quotes(articles, lambda text: [q for q in found[text] if q.kind != "indirect"]),
        **{
            key: value
            for key, value in score_quotes(articles, found.__getitem__).items()
            if key.startswith("all/")
        },
    }
    for part, seconds in times.items():
        if seconds:
            metrics[f"speed/{part}_articles_per_second"] = len(seconds) / sum(seconds)
            metrics[f"speed/{part}_median_seconds"] = statistics.median(seconds)
    return {
        "model": "stancer quotes",
        "data": spec,
        "primary_metric": PRIMARY_METRIC,
        "metrics": metrics,
    }


def _model_time(doc: Any, quotes: list[Any], model: str | None) -> float:
    """Seconds the model takes on an article's attributed statements × the seed's targets."""
    import time

    from stancer.data.sources.seed import SEED_TARGETS
    from stancer.model.api import predict
    from stancer.news.analysis import statements

    pairs = [(s.text, t) for _, _, s in statements(doc, quotes) for t in SEED_TARGETS]
    start = time.perf_counter()
    if pairs:
        predict([t for t, _ in pairs], [t for _, t in pairs], model=model)
    return time.perf_counter() - start


def expand_baselines(names: Sequence[str]) -> list[str]:
    chosen = list(BASELINES) if "all" in names else list(names)
    unknown = [n for n in chosen if n not in BASELINES]
    if unknown:
        raise StancerError(
            f"--baselines: unknown baseline {unknown[0]!r}; expected some of {sorted(BASELINES)} or all"
        )
    return chosen


def run_bench(
    models: Sequence[str | None],
    data: Sequence[str],
    *,
    suites: Sequence[str] = (),
    baselines: Sequence[str] = (),
    nli_models: Sequence[str] = (),
    data_dir: str | None = None,
    limit: int | None = None,
    train_limit: int | None = 20_000,
    batch_size: int = 32,
    speed: bool = False,
    speed_pairs: int = 512,
    seed: int = 0,
    progress: bool = False,
) -> dict[str, Any]:
    """Evaluate every model and baseline on every data spec; optionally measure speed.

    Args:
        models: Shipped model names, model folders or hub ids; ``None`` is the shipped default.
        data: ``name[:split]`` specs (split defaults to ``test``) or ``all``.
        suites: Names from `stancer.bench.suites.SUITES`: their sets are scored too, and each suite's
            mean macro-F1 per model is reported under ``suites``.
        baselines: Names from `BASELINES` (or ``all``), each trained on the dataset's ``train``
            split (sampled down to ``train_limit`` rows).
        nli_models: NLI models for the zero-shot baseline.
        limit: Evaluate on a random sample of at most this many rows per split (said in the result).
        speed: Also measure pairs/s, batch latency and memory for each model on ``speed_pairs``
            pairs from the first data spec, against the plain transformers pipeline.

    Returns:
        ``{"settings", "environment", "results": [...], "suites": {name: {model: {...}}},
        "speed": {model: {...}}}``.
    """
    from stancer.model.api import load_model, resolve_model

    specs = list(dict.fromkeys(expand_data(data) + suite_specs(suites)))
    if not specs:
        raise StancerError("nothing to score: give data specs (--data) or suites (--suite)")
    chosen = expand_baselines(baselines)
    model_paths = [resolve_model(m) for m in models]
    settings: dict[str, Any] = {
        "models": model_paths,
        "data": specs,
        "suites": list(suites),
        "baselines": chosen,
        "nli_models": list(nli_models),
        "limit": limit,
        "train_limit": train_limit,
        "batch_size": batch_size,
        "seed": seed,
    }
    results: list[dict[str, Any]] = []
    quote_specs = [spec for spec in specs if parse_spec(spec)[0] in QUOTE_DATA]
    quotes = [
        quote_bench(spec, data_dir=data_dir, model=model_paths[0], speed=speed)
        for spec in quote_specs
    ]
    specs = [spec for spec in specs if spec not in quote_specs]
    classifiers = {Path(path).name: load_model(path) for path in model_paths} if specs else {}
    nli = [NliZeroShot(m) for m in nli_models] if specs else []
    for spec in specs:
        bench, dataset = load_eval_split(spec, data_dir=data_dir, limit=limit, seed=seed)
        predictors: list[tuple[str, Any]] = list(classifiers.items()) + [(p.name, p) for p in nli]
        predictors += _fitted_baselines(spec, bench, chosen, data_dir, train_limit, seed)
        for name, predictor in predictors:
            logger.info("evaluating %s on %s", name, spec)
            if progress:  # one line per (data, model), so a long run is never silent
                print(f"[{specs.index(spec) + 1}/{len(specs)}] {spec}: {name}", file=sys.stderr)
            result = evaluate(
                predictor,
                bench,
                dataset,
                spec=spec,
                name=name,
                batch_size=batch_size,
                progress=progress,
            )
            if limit is not None and dataset.num_rows == limit:
                result["notes"].append(f"a random sample of {limit} rows (seed {seed})")
            results.append(result)
    report: dict[str, Any] = {
        "settings": settings,
        "environment": environment(batch_size),
        "results": results,
        "suites": {name: suite_scores(name, results) for name in suites},
        "quotes": quotes,
    }
    if speed and specs:
        from stancer.bench.speed import benchmark_speed

        _, sample = load_eval_split(specs[0], data_dir=data_dir, limit=speed_pairs, seed=seed)
        report["speed"] = {
            name: benchmark_speed(clf, sample["text"], sample["target"], batch_size=batch_size)
            for name, clf in classifiers.items()
        }
        report["speed_data"] = f"{specs[0]}, {sample.num_rows} pairs"
    return report


def _fitted_baselines(
    spec: str,
    bench: Any,
    chosen: Sequence[str],
    data_dir: str | None,
    train_limit: int | None,
    seed: int,
) -> list[tuple[str, Any]]:
    """The chosen baselines, each fitted on the dataset's train split (at most ``train_limit``
    rows); none for a dataset without one."""
    if not chosen:
        return []
    if "train" not in bench.splits:
        logger.warning("%s has no train split: baselines skipped", spec)
        return []
    folder = str(Path(data_dir) / bench.name) if data_dir else None
    train = load_benchmark(bench.name, data_dir=folder, splits=["train"])["train"]
    if train_limit and train.num_rows > train_limit:
        train = train.shuffle(seed=seed).select(range(train_limit))
    fitted = []
    for key in chosen:
        baseline = BASELINES[key](seed=seed) if key != "majority" else BASELINES[key]()
        fitted.append((baseline.name, baseline.fit(train)))
    return fitted


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


def table(header: list[str], rows: list[list[str]], *, markdown: bool = False) -> list[str]:
    """Lines of an aligned text table, or of a markdown one: the one table writer of the bench."""
    if markdown:
        return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
            "| " + " | ".join(row) + " |" for row in rows
        ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    return [line.format(*header), "  ".join("-" * w for w in widths)] + [
        line.format(*row) for row in rows
    ]


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
