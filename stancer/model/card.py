"""The model card (`README.md`) of a model folder, generated from its `config.json` and `metrics.json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

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


def benchmark_table(results: dict[str, dict[str, Any]]) -> str:
    """A markdown table with one row per ``dataset:split``: rows scored, the official metric, more."""
    lines = [
        "| data | rows | official metric | score | " + " | ".join(CARD_COLUMNS.values()) + " |"
    ]
    lines.append("|---|---|---|---|" + "---|" * len(CARD_COLUMNS))
    for name, result in sorted(results.items()):
        metrics = result["metrics"]
        cells = [_score(metrics.get(key)) for key in CARD_COLUMNS]
        score = _score(metrics.get(result["primary_metric"]))
        rows = result.get("rows", int(metrics.get("n", 0)))
        lines.append(
            f"| {name} | {rows} | {result['primary_metric']} | **{score}** | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


def suite_lines(suites: dict[str, dict[str, Any]]) -> list[str]:
    """The card's suite tables (news first): macro-F1 and per-class F1 per set, and the mean."""
    from stancer.bench.suites import SILVER, SUITES

    lines = []
    for name in sorted(suites, key=lambda n: list(SUITES).index(n) if n in SUITES else 99):
        entry = suites[name]
        lines += [
            "",
            f"**Suite `{name}`**: mean macro-F1 **{_score(entry['mean'])}**"
            + (f" (not scored: {', '.join(entry['missing'])})" if entry["missing"] else ""),
            "",
            "| data | macro-F1 | F1 favor | F1 against | F1 neutral |",
            "|---|---|---|---|---|",
        ]
        for spec, s in entry["sets"].items():
            silver = " (silver labels)" if spec.partition(":")[0] in SILVER else ""
            lines.append(
                f"| {spec}{silver} | **{_score(s['macro_f1'])}** | {_score(s['f1_favor'])} | "
                f"{_score(s['f1_against'])} | {_score(s['f1_neutral'])} |"
            )
    return lines


#: A model continued from a stance model keeps that model's training config under this name.
START_CONFIG_FILE = "start_training_config.yaml"


def _train_specs(settings: str) -> list[str]:
    """The training data specs of a saved training config (a list, or a mapping spec → weight)."""
    return list((yaml.safe_load(settings or "{}") or {}).get("data", {}).get("train", []))


def write_model_card(folder: str | Path) -> Path:
    """(Re)write ``README.md`` in a model folder from the facts saved beside it."""
    folder = Path(folder)
    config = json.loads((folder / "config.json").read_text())
    meta = config.get("stancer", {})
    metrics = json.loads((folder / "metrics.json").read_text())
    training = metrics.get("training", {})
    benchmarks = metrics.get("benchmarks", {})
    validation = training.get("validation", {})
    settings, start_settings = (
        (folder / name).read_text() if (folder / name).is_file() else ""
        for name in ("training_config.yaml", START_CONFIG_FILE)
    )
    trained_on = dict.fromkeys(_train_specs(start_settings) + _train_specs(settings))
    continued = meta.get("continued_from")

    card = [
        "---",
        "license: apache-2.0",
        "library_name: stancer",
        "pipeline_tag: text-classification",
        f"base_model: {meta.get('base_model', 'unknown')}",
        "---",
        f"# {folder.name}",
        "",
        "A stance classifier: given a target proposition and a text, the probability that the text "
        f"argues {', '.join(meta.get('labels', []))} toward it.",
        "",
        f"- Base model: `{meta.get('base_model', 'unknown')}`"
        + (f", fine-tuned in stages (this run continued from `{continued}`)" if continued else "")
        + f"; input `{meta.get('input_format', '')}`, at most {meta.get('max_length')} tokens "
        "(the text is cut, never the target).",
        f"- Saved by stancer {meta.get('version')}, transformers {meta.get('transformers_version')}, "
        f"torch {meta.get('torch_version')}; weights in {meta.get('weights') or config.get('dtype', 'float32')}.",
        "",
        "## Use",
        "",
        "```python",
        "import stancer",
        f'stancer.predict("We will stand with Ukraine.", "Ukraine should be invited to join NATO now", model="{folder.name}")',
        "```",
        "",
        "## Benchmarks",
        "",
    ]
    suites = metrics.get("suites", {})
    if suites:
        card += [
            "The figure that picks models is the `news` suite (`stancer bench --suite news`): "
            "mean macro-F1 over real news and article sentences toward propositions; `news-dev` "
            "is the same over validation splits (plus synthetic quotes), used for selection; "
            "`tweets` (tweets and VAST) is secondary. Sets marked silver have model-made labels "
            "(see `stancer data info <name>`).",
            *suite_lines(suites),
            "",
        ]
    if benchmarks:
        card += [
            "All rows, produced by `stancer bench --card`; **score** is each task's "
            "official metric; *rows* below the split's size mean a random sample (`--limit`). "
            "Zero-shot / few-shot: VAST's unseen / seen topics.",
            "",
            benchmark_table(benchmarks),
        ]
        speed = metrics.get("speed")
        if speed:
            ours = speed["stancer"]
            env = metrics["benchmark_environment"]
            card += [
                "",
                f"Speed (`stancer bench --speed`, {speed['data']}): **{ours['pairs_per_second']:.1f} pairs/s** "
                f"(median of {int(ours['runs'])} runs after a warm-up, range {ours['pairs_per_second_min']:.1f}–"
                f"{ours['pairs_per_second_max']:.1f}); batch latency p50 {ours['batch_ms_p50']:.0f} ms, p95 "
                f"{ours['batch_ms_p95']:.0f} ms; peak RSS {speed['peak_rss_mb']:.0f} MB; the plain transformers "
                f"pipeline: {speed['pipeline']['pairs_per_second']:.1f} pairs/s ({speed['speedup']:.2f}x). "
                f"On {env['hardware']}, {env['torch_threads']} torch threads, batch size {env['batch_size']}, "
                f"torch {env['torch']}, transformers {env['transformers']}.",
            ]
        card += ["", "ECE: expected calibration error over 10 equal-width confidence bins."]
    fit = metrics.get("calibration")
    if fit:
        card += [
            "",
            f"Probabilities are temperature-scaled (T = {fit['temperature']:.3f}, fitted on "
            f"{int(fit['rows'])} validation rows): validation ECE {fit['ece_before']:.3f} before, "
            f"{fit['ece_after']:.3f} after.",
        ]
    if training:
        card += [
            "",
            "## Training",
            "",
            f"- {'This run (the last stage): ' if continued else ''}{training.get('train_rows')} training rows, {training.get('validation_rows')} validation rows; "
            f"{training.get('global_steps')} steps in {training.get('train_seconds')} s on {training.get('hardware')}.",
            "- Validation (best checkpoint): "
            + ", ".join(
                f"{k} {v:.3f}"
                for k, v in validation.items()
                if k in ("mean_macro_f1", "macro_f1", "f_avg", "accuracy")
            ),
            "",
        ]
        if start_settings:
            card += [
                f"The model it continues from (`{continued}`) was trained with:",
                "",
                "```yaml",
                start_settings.rstrip(),
                "```",
                "",
            ]
        card += [
            "The configuration that reproduces it (`training/train.py --config <this file>`):",
            "",
            "```yaml",
            settings.rstrip(),
            "```",
        ]
    card += [
        "",
        "## Limits",
        "",
        (f"Trained on {', '.join(f'`{spec}`' for spec in trained_on)}; " if trained_on else "")
        + "news quotes are shorter and more hedged than tweets and comments, so treat scores near "
        "the decision boundary with care. Datasets' terms of use apply to the training data, which "
        "is not redistributed here.",
        "",
    ]
    path = folder / "README.md"
    path.write_text("\n".join(card))
    return path
