"""The model folder on disk: what a usable one holds (checked before loading), every update of its
facts after the weights are saved (temperature, metrics, the run's configs and log, the card),
each file written whole, and replacing one folder by another without ever leaving half of either.

Layout: ``config.json`` (transformers' config), ``stancer_config.json`` (stancer's own facts:
versions, labels, input format, pair length, temperature, lineage), ``model.safetensors`` or ``model.int8.safetensors``, the tokenizer's files, ``metrics.json``
(training, calibration, benchmarks, suites, speed), ``training_config.yaml`` (and
``start_training_config.yaml`` for a run continued from a stance model), ``train_log.jsonl`` and the
card, ``README.md``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from safetensors import safe_open

from stancer.exceptions import ModelLoadError
from stancer.stance import LABELS

#: Files that hold a tokenizer: a fast tokenizer's one file, or a slow one's vocabulary.
_TOKENIZER_FILES = (
    "tokenizer.json",
    "vocab.txt",
    "vocab.json",
    "spiece.model",
    "sentencepiece.bpe.model",
)


def check_folder(path: Path) -> None:
    """Check a local model folder before loading it, naming every missing or broken file.

    Raises:
        ModelLoadError: no ``config.json`` or one that is not JSON; no weights, or weights that
            are not whole safetensors; no tokenizer files; an ``id2label`` that disagrees with
            the label order stancer recorded; labels a stance model cannot have.
    """
    problems = []
    config: dict[str, Any] = {}
    try:
        config = json.loads((path / "config.json").read_text())
    except FileNotFoundError:
        problems.append("config.json is missing")
    except ValueError as err:
        problems.append(f"config.json is not JSON ({err})")
    weights = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin"))
    if not weights:
        problems.append("no weights (model.safetensors)")
    for file in (w for w in weights if w.suffix == ".safetensors"):
        try:
            with safe_open(str(file), "pt"):
                pass
        except Exception as err:  # SafetensorError: truncated, empty, not safetensors
            problems.append(f"{file.name} is not whole safetensors ({err})")
    if not any((path / name).is_file() for name in _TOKENIZER_FILES):
        problems.append(f"no tokenizer files (one of {', '.join(_TOKENIZER_FILES)})")
    meta: dict[str, Any] = {}
    try:
        meta = json.loads((path / META_FILE).read_text())
    except FileNotFoundError:
        pass  # a folder another library saved: loaded with the defaults
    except ValueError as err:
        problems.append(f"{META_FILE} is not JSON ({err})")
    id2label = config.get("id2label") or {}
    order = [str(id2label[k]) for k in sorted(id2label, key=int)] if id2label else []
    recorded = meta.get("labels")
    if recorded and order and order != list(recorded):
        problems.append(
            f"config.json's id2label orders the labels {order}, but {META_FILE} records "
            f"{recorded}; restore id2label to the recorded order"
        )
    if recorded and not set(recorded) <= {*LABELS, "unrelated"}:
        problems.append(f"labels {recorded} are not stance labels ({list(LABELS)})")
    if problems:
        raise ModelLoadError(
            f"{path}: not a usable model folder: {'; '.join(problems)}. Save one with "
            "StanceClassifier.save_pretrained or training/train.py"
        )


#: stancer's own facts about a model, beside transformers' ``config.json`` (as setfit and
#: sentence-transformers keep theirs).
META_FILE = "stancer_config.json"


def read_meta(model: str | Path) -> dict[str, Any]:
    """stancer's facts about ``model`` (a local folder, or a Hugging Face id that is cached or
    reachable); empty for a model stancer did not save."""
    path = Path(model)
    if path.is_dir():
        file: str | Path | None = path / META_FILE
    else:
        from transformers.utils import cached_file

        file = cached_file(
            str(model),
            META_FILE,
            _raise_exceptions_for_missing_entries=False,
            _raise_exceptions_for_connection_errors=False,
        )
    if file is None or not Path(file).is_file():
        return {}
    return dict(json.loads(Path(file).read_text()))


def write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Write ``stancer_config.json`` whole."""
    write_whole(folder / META_FILE, json.dumps(meta, indent=2, sort_keys=True) + "\n")


def replace_folder(staging: Path, destination: Path) -> Path:
    """Move the complete folder ``staging`` to ``destination``, replacing what is there, so that a
    crash never leaves a half-written model (a leftover ``<destination>.previous`` is removed)."""
    previous = destination.with_name(destination.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if destination.exists():
        os.replace(destination, previous)
    os.replace(staging, destination)
    shutil.rmtree(previous, ignore_errors=True)
    return destination


#: The run's log, one JSON line per logged step, in the checkpoint folder and then the model's.
LOG_FILE = "train_log.jsonl"
#: The config that trained the model, and (for a run continued from a stance model) that model's.
TRAINING_CONFIG_FILE = "training_config.yaml"
START_CONFIG_FILE = "start_training_config.yaml"


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` under a temporary name and rename it: never half a file."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text)
    os.replace(partial, path)


def update_metrics(folder: Path, **sections: Any) -> dict[str, Any]:
    """Set top-level sections of ``metrics.json`` (created if missing); returns the whole of it."""
    path = folder / "metrics.json"
    metrics = json.loads(path.read_text()) if path.is_file() else {}
    metrics.update(sections)
    write_whole(path, json.dumps(metrics, indent=2) + "\n")
    return metrics


def set_temperature(folder: Path, temperature: float) -> None:
    """Record the fitted temperature in ``stancer_config.json`` (the weights are untouched)."""
    write_meta(folder, {**read_meta(folder), "temperature": temperature})


def write_run_files(
    folder: Path, *, config_yaml: str, start_config: Path | None, log: Path, **metrics: Any
) -> None:
    """The facts of the training run beside the weights: its config (and the config of the model
    it continued from), its log, and its ``metrics.json`` sections."""
    write_whole(folder / TRAINING_CONFIG_FILE, config_yaml)
    if start_config is not None and start_config.is_file():
        shutil.copyfile(start_config, folder / START_CONFIG_FILE)
    shutil.copyfile(log, folder / LOG_FILE)
    update_metrics(folder, **metrics)


def record_benchmarks(folder: Path, report: dict[str, Any]) -> tuple[Path, Path]:
    """Store a `stancer bench` report's results for the model in ``folder`` in its
    ``metrics.json`` (benchmarks, suites, environment, speed) and rewrite its card.

    Returns:
        The metrics file and the card.

    Raises:
        ModelLoadError: ``folder`` is not a local model folder with a ``metrics.json``.
    """
    from stancer.model.card import write_model_card

    metrics_path = folder / "metrics.json"
    if not metrics_path.is_file():
        raise ModelLoadError(f"--card: {folder} is not a local model folder with a metrics.json")
    saved = json.loads(metrics_path.read_text())
    benchmarks = saved.get("benchmarks", {})
    benchmarks.update({r["data"]: r for r in report["results"] if r["model"] == folder.name})
    suites = saved.get("suites", {})
    suites.update({k: v[folder.name] for k, v in report["suites"].items() if folder.name in v})
    sections: dict[str, Any] = {"benchmarks": benchmarks, "suites": suites}
    sections["benchmark_environment"] = report["environment"]
    if report.get("speed"):
        sections["speed"] = {**report["speed"][folder.name], "data": report["speed_data"]}
    update_metrics(folder, **sections)
    return metrics_path, write_model_card(folder)
