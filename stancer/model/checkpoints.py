"""A training run's checkpoint folder: whose it is, and which of its checkpoints are complete.

The folder is ``<output_dir>.checkpoints`` beside the model folder (or ``training.checkpoint_dir``),
so two runs share it only when they write the same model. It belongs to the run whose config it
stores (`RUN_CONFIG_FILE`): a run with another config (other data, seed, learning rate …; what
only lengthens a run or changes where it writes may differ, `RESUMABLE`) does not silently resume
from its checkpoints, but stops with an error naming both configs, unless told to ``resume``
anyway or to ``overwrite`` them.

A checkpoint counts only when complete: its trainer state parses, its weights are whole
safetensors, its optimizer and scheduler states are whole archives. The Trainer writes a
checkpoint in place, so a run killed mid-write leaves a broken one; it is moved aside to
``broken-checkpoint-N`` with a warning, and the run resumes from the last complete one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import warnings
import zipfile
from pathlib import Path
from typing import Any

import yaml

from stancer.exceptions import ConfigError
from stancer.model.config import Config
from stancer.model.folder import write_whole

logger = logging.getLogger(__name__)

#: The config of the run the folder belongs to, with its fingerprint.
RUN_CONFIG_FILE = "run_config.yaml"
#: Training settings a run may change and still resume: how long it runs, where it writes.
RESUMABLE = frozenset(
    {"max_steps", "num_train_epochs", "output_dir", "checkpoint_dir", "save_dtype", "logging_steps"}
)
#: What to do with checkpoints of another config: stop, resume from them anyway, delete them.
CHOICES = ("check", "resume", "overwrite")
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


def checkpoint_folder(config: Config) -> Path:
    """Where a run's checkpoints go: ``training.checkpoint_dir``, else beside the model folder."""
    t = config.training
    if t.checkpoint_dir:
        return Path(t.checkpoint_dir)
    out = Path(t.output_dir)
    return out.with_name(out.name + ".checkpoints")


def _owned(config: Config) -> dict[str, Any]:
    raw = config.to_dict()
    raw["training"] = {k: v for k, v in raw["training"].items() if k not in RESUMABLE}
    return raw


def fingerprint(config: Config) -> str:
    """A hash of everything in the config that makes a run this run (not `RESUMABLE`)."""
    return hashlib.sha256(json.dumps(_owned(config), sort_keys=True).encode()).hexdigest()[:16]


def _flat(raw: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict) and key in ("model", "data", "training"):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _differences(stored: dict[str, Any], config: Config) -> str:
    ours, theirs = _flat(_owned(config)), _flat(stored)
    keys = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
    shown = [f"{k}: {theirs.get(k)!r} there, {ours.get(k)!r} here" for k in keys[:4]]
    return "; ".join(shown) + (f"; and {len(keys) - 4} more" if len(keys) > 4 else "")


def checkpoints(folder: Path) -> list[Path]:
    """The folder's checkpoints, latest step first."""
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _CHECKPOINT.match(p.name))]
    return [p for _, p in sorted(found, reverse=True) if p.is_dir()]


def claim(folder: Path, config: Config, *, choice: str = "check") -> None:
    """Make ``folder`` this run's checkpoint folder (the rules are in the module docstring).

    Raises:
        ConfigError: the folder holds checkpoints of another config and ``choice`` is ``check``.
    """
    if choice not in CHOICES:
        raise ConfigError(f"checkpoints: expected one of {list(CHOICES)}, got {choice!r}")
    stored_file = folder / RUN_CONFIG_FILE
    ours = fingerprint(config)
    if checkpoints(folder) and choice != "overwrite":
        stored = yaml.safe_load(stored_file.read_text()) if stored_file.is_file() else None
        theirs = stored.get("fingerprint") if isinstance(stored, dict) else None
        if theirs != ours and choice == "check":
            why = (
                _differences(stored.get("config", {}), config)
                if isinstance(stored, dict)
                else f"no {RUN_CONFIG_FILE} says whose they are"
            )
            raise ConfigError(
                f"{folder}: holds checkpoints of another run (its config: {stored_file}, "
                f"fingerprint {theirs}; this run's config fingerprint {ours}): {why}. Resume from "
                f"them anyway with --resume, start afresh (deleting them) with --overwrite, or "
                f"set training.checkpoint_dir to another folder"
            )
        if theirs != ours:
            logger.warning("%s: resuming from another config's checkpoints, as asked", folder)
    elif choice == "overwrite" and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    record = {"fingerprint": ours, "config": _owned(config)}
    write_whole(stored_file, yaml.safe_dump(record, sort_keys=False))


def problem(checkpoint: Path) -> str | None:
    """What makes a checkpoint incomplete, or None when it is whole."""
    try:
        json.loads((checkpoint / "trainer_state.json").read_text())
    except (OSError, ValueError) as error:
        return f"trainer_state.json: {error}"
    try:
        from safetensors import safe_open

        with safe_open(str(checkpoint / "model.safetensors"), "pt"):
            pass
    except Exception as error:  # SafetensorError or OSError, whatever the file's state
        return f"model.safetensors: {error}"
    for name in ("optimizer.pt", "scheduler.pt"):
        try:
            with zipfile.ZipFile(checkpoint / name) as archive:
                bad = archive.testzip()
            if bad is not None:
                return f"{name}: {bad} fails its checksum"
        except (OSError, zipfile.BadZipFile) as error:
            return f"{name}: {error}"
    return None


def last_complete(folder: Path) -> str | None:
    """The latest complete checkpoint to resume from; broken later ones are moved aside."""
    for checkpoint in checkpoints(folder):
        wrong = problem(checkpoint)
        if wrong is None:
            return str(checkpoint)
        aside = checkpoint.with_name("broken-" + checkpoint.name)
        shutil.rmtree(aside, ignore_errors=True)
        os.replace(checkpoint, aside)
        warnings.warn(
            f"{checkpoint} is incomplete ({wrong}), as a run killed while writing it leaves it; "
            f"moved to {aside.name}, resuming from an earlier checkpoint",
            stacklevel=2,
        )
    return None
