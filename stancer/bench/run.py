"""`stancer bench` as a function: models and baselines × datasets, official metrics, speed."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stancer.bench.baselines import EmbeddingBaseline, MajorityBaseline, NliZeroShot, TfidfBaseline
from stancer.bench.evaluation import environment, evaluate, load_eval_split
from stancer.bench.suites import suite_scores, suite_specs
from stancer.data.registry import BENCHMARKS, get_benchmark, load_benchmark, parse_spec
from stancer.exceptions import StancerError

logger = logging.getLogger(__name__)

#: Baselines by the name `--baselines` takes.
BASELINES = {"majority": MajorityBaseline, "tfidf": TfidfBaseline, "embeddings": EmbeddingBaseline}


def expand_data(specs: Sequence[str]) -> list[str]:
    """``all`` → every registered stance benchmark with a ``test`` split; other specs as given."""
    out: list[str] = []
    for spec in specs:
        if spec == "all":
            out += [
                f"{name}:test"
                for name, bench in sorted(BENCHMARKS.items())
                if "test" in bench.splits and bench.task == "stance"
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
    import statistics
    import time

    from stancer.bench.quotes import PRIMARY_METRIC, score_quotes
    from stancer.data.registry import load_articles
    from stancer.news.attribution import find_attributions
    from stancer.news.parsing import parse

    name, split = parse_spec(spec)
    articles = load_articles(name, split, root=data_dir)
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
    from stancer.model.api import resolve_model

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
    quote_specs = [s for s in specs if get_benchmark(parse_spec(s)[0]).task == "attribution"]
    quotes = [
        quote_bench(s, data_dir=data_dir, model=model_paths[0], speed=speed) for s in quote_specs
    ]
    specs = [spec for spec in specs if spec not in quote_specs]
    classifiers, results = _stance_results(specs, settings, data_dir, progress)
    report: dict[str, Any] = {
        "settings": settings,
        "environment": environment(batch_size),
        "results": results,
        "suites": {name: suite_scores(name, results) for name in suites},
        "quotes": quotes,
    }
    if speed and specs:
        report.update(_speed(classifiers, specs[0], data_dir, speed_pairs, batch_size, seed))
    return report


def _stance_results(
    specs: Sequence[str], settings: dict[str, Any], data_dir: str | None, progress: bool
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The models of ``settings`` loaded, by name, and the results of them, the NLI models and
    the baselines on every stance spec."""
    from stancer.model.api import load_model

    if not specs:
        return {}, []
    classifiers = {Path(path).name: load_model(path) for path in settings["models"]}
    nli = [NliZeroShot(m) for m in settings["nli_models"]]
    predictors = [*classifiers.items(), *((p.name, p) for p in nli)]
    results = [
        result
        for number, spec in enumerate(specs, start=1)
        for result in _score_spec(
            spec, f"[{number}/{len(specs)}]", predictors, settings, data_dir, progress
        )
    ]
    return classifiers, results


def _score_spec(
    spec: str,
    label: str,
    predictors: Sequence[tuple[str, Any]],
    settings: dict[str, Any],
    data_dir: str | None,
    progress: bool,
) -> list[dict[str, Any]]:
    """Every predictor and every baseline of ``settings`` (fitted here) scored on one data spec,
    with the ``limit``, ``batch_size`` and ``seed`` of ``settings``."""
    limit, seed = settings["limit"], settings["seed"]
    bench, dataset = load_eval_split(spec, data_dir=data_dir, limit=limit, seed=seed)
    fitted = _fitted_baselines(
        spec, bench, settings["baselines"], data_dir, settings["train_limit"], seed
    )
    results = []
    for name, predictor in [*predictors, *fitted]:
        logger.info("evaluating %s on %s", name, spec)
        if progress:  # one line per (data, model), so a long run is never silent
            print(f"{label} {spec}: {name}", file=sys.stderr)
        result = evaluate(
            predictor,
            bench,
            dataset,
            spec=spec,
            name=name,
            batch_size=settings["batch_size"],
            progress=progress,
        )
        if limit is not None and dataset.num_rows == limit:
            result["notes"].append(f"a random sample of {limit} rows (seed {seed})")
        results.append(result)
    return results


def _speed(
    classifiers: dict[str, Any],
    spec: str,
    data_dir: str | None,
    pairs: int,
    batch_size: int,
    seed: int,
) -> dict[str, Any]:
    """``speed`` (each classifier against the plain pipeline) and ``speed_data`` of the report,
    on at most ``pairs`` pairs of ``spec``."""
    from stancer.bench.speed import benchmark_speed

    _, sample = load_eval_split(spec, data_dir=data_dir, limit=pairs, seed=seed)
    return {
        "speed": {
            name: benchmark_speed(clf, sample["text"], sample["target"], batch_size=batch_size)
            for name, clf in classifiers.items()
        },
        "speed_data": f"{spec}, {sample.num_rows} pairs",
    }


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
    train = load_benchmark(bench.name, root=data_dir, splits=["train"])["train"]
    if train_limit and train.num_rows > train_limit:
        train = train.shuffle(seed=seed).select(range(train_limit))
    fitted = []
    for key in chosen:
        baseline = BASELINES[key](seed=seed) if key != "majority" else BASELINES[key]()
        fitted.append((baseline.name, baseline.fit(train)))
    return fitted
