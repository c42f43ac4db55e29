"""The model card (`README.md`) of a model folder: a Jinja template (`templates/model_card.md.j2`)
rendered by huggingface_hub's `ModelCard` from the folder's `config.json` and `metrics.json`, as
setfit and sentence-transformers write theirs."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from stancer.model.folder import START_CONFIG_FILE, TRAINING_CONFIG_FILE, read_meta

#: Benchmark result keys shown in the card's table, with their column titles.
CARD_COLUMNS = {
    "f_avg": "F_avg",
    "macro_f1": "macro-F1",
    "accuracy": "accuracy",
    "zero_shot/macro_f1": "zero-shot macro-F1",
    "few_shot/macro_f1": "few-shot macro-F1",
    "ece": "ECE",
}


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _benchmark_rows(results: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per ``dataset:split``: rows scored, the official metric and its score, more."""
    return [
        {
            "name": name,
            "rows": result.get("rows", int(result["metrics"].get("n", 0))),
            "metric": result["primary_metric"],
            "score": result["metrics"].get(result["primary_metric"]),
            "cells": [result["metrics"].get(key) for key in CARD_COLUMNS],
        }
        for name, result in sorted(results.items())
    ]


def _suites(suites: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The card's suites, news first: macro-F1 and per-class F1 per set, and the mean."""
    from stancer.bench.suites import SILVER, SUITES

    order = sorted(suites, key=lambda n: list(SUITES).index(n) if n in SUITES else 99)
    return [
        {
            "name": name,
            "mean": suites[name]["mean"],
            "missing": suites[name]["missing"],
            "sets": [
                {"spec": spec, "silver": spec.partition(":")[0] in SILVER, **scores}
                for spec, scores in suites[name]["sets"].items()
            ],
        }
        for name in order
    ]


def _train_specs(settings: str) -> list[str]:
    """The training data specs of a saved training config (a list, or a mapping spec → weight)."""
    return list((yaml.safe_load(settings or "{}") or {}).get("data", {}).get("train", []))


def write_model_card(folder: str | Path) -> Path:
    """(Re)write ``README.md`` in a model folder from the facts saved beside it."""
    import jinja2
    from huggingface_hub import ModelCard, ModelCardData

    folder = Path(folder)
    config = json.loads((folder / "config.json").read_text())
    meta = read_meta(folder)
    metrics = json.loads((folder / "metrics.json").read_text())
    training = metrics.get("training", {})
    settings, start_settings = (
        (folder / name).read_text().rstrip() if (folder / name).is_file() else ""
        for name in (TRAINING_CONFIG_FILE, START_CONFIG_FILE)
    )
    validation = training.get("validation", {})
    data = ModelCardData(
        license="apache-2.0",
        library_name="stancer",
        pipeline_tag="text-classification",
        base_model=meta.get("base_model", "unknown"),
    )
    template = (resources.files("stancer.model") / "templates" / "model_card.md.j2").read_text()
    environment = jinja2.Environment(keep_trailing_newline=True)
    environment.filters.update(score=_score, code=lambda spec: f"`{spec}`")
    card = ModelCard(
        environment.from_string(template).render(
            card_data=data.to_yaml(),
            name=folder.name,
            labels=meta.get("labels", []),
            base_model=meta.get("base_model", "unknown"),
            continued=meta.get("continued_from"),
            input_format=meta.get("input_format", ""),
            max_length=meta.get("max_length"),
            version=meta.get("version"),
            transformers_version=meta.get("transformers_version"),
            torch_version=meta.get("torch_version"),
            weights=meta.get("weights") or config.get("dtype", "float32"),
            suites=_suites(metrics.get("suites", {})),
            benchmarks=_benchmark_rows(metrics.get("benchmarks", {})),
            columns=list(CARD_COLUMNS.values()),
            speed=metrics.get("speed"),
            env=metrics.get("benchmark_environment", {}),
            fit=metrics.get("calibration"),
            training=training,
            validation=[
                f"{k} {v:.3f}"
                for k, v in validation.items()
                if k in ("mean_macro_f1", "macro_f1", "f_avg", "accuracy")
            ],
            start_settings=start_settings,
            settings=settings,
            trained_on=list(dict.fromkeys(_train_specs(start_settings) + _train_specs(settings))),
        )
    )
    path = folder / "README.md"
    card.save(path)
    return path
