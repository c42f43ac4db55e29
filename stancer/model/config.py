"""Training configuration: one dataclass per concern, loaded from YAML with unknown keys as errors."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stancer.exceptions import ConfigError
from stancer.model.inputs import DEFAULT_MAX_LENGTH, check_template


@dataclass
class ModelConfig:
    """The model to fine-tune."""

    #: A hub id or a local folder of the base encoder (or of a stance model to continue from).
    model_name_or_path: str = "sentence-transformers/all-MiniLM-L6-v2"
    #: The most tokens of one (target, text) pair; longer texts keep their first tokens.
    max_length: int = DEFAULT_MAX_LENGTH
    #: Give the model (text, target) rather than (target, text).
    text_first: bool = False
    #: How the target is put to the model, ``{target}`` where it goes: ``"The claim: {target}"``.
    target_template: str = "{target}"

    def __post_init__(self) -> None:
        if not self.model_name_or_path:
            raise ConfigError("model.model_name_or_path: expected a hub id or a folder, got ''")
        if self.max_length < 8:
            raise ConfigError(f"model.max_length: expected an int >= 8, got {self.max_length!r}")
        if not isinstance(self.text_first, bool):
            raise ConfigError(f"model.text_first: expected true or false, got {self.text_first!r}")
        try:
            check_template(self.target_template)
        except ValueError as err:
            raise ConfigError(f"model.{err}") from None


@dataclass
class DataConfig:
    """The training and validation data.

    A data spec is a registered benchmark with an optional split (``vast``, ``semeval2016:train``;
    the split defaults to ``train`` for training data and ``validation`` for validation data) or
    the path of a CSV / JSONL / Parquet file with the columns ``text``, ``target``, ``label``.
    """

    #: Training data specs, or a mapping spec → weight (a multiplier on its size; see
    #: `stancer.data.load_mixture`).
    train: list[str] | dict[str, float] = field(default_factory=lambda: ["semeval2016", "vast"])
    #: Data specs for validation (model selection); empty for none.
    validation: list[str] = field(default_factory=lambda: ["semeval2016", "vast"])
    #: With no validation specs: hold out this fraction of the training targets as a validation
    #: set of unseen targets.
    heldout_target_fraction: float | None = None
    #: Folder holding one sub-folder per benchmark; default `stancer.data.data_root`'s.
    data_dir: str | None = None
    #: FNC-1 / ARC's ``unrelated``: ``neutral`` (3 classes), ``keep`` (4 classes) or ``drop``.
    unrelated: str = "neutral"
    #: Cap every training dataset at this many rows (a random sample) before weighting.
    max_per_dataset: int | None = None
    #: Cap every target of every training dataset at this many rows.
    max_per_target: int | None = None
    #: Temperature sampling over training datasets (1 = proportional; larger = more even).
    temperature: float | None = None
    #: Down-sample each training dataset's neutral rows to at most this share of it; a mapping
    #: spec → share sets it for the specs it names only.
    neutral_share: float | dict[str, float] | None = None
    #: A JSON-lines file of ``{"proposition", "negation"}`` (relative paths are also looked up in
    #: the data folder): favor / against rows are added again toward the negation, label flipped.
    negations: str | None = None
    #: Add this many "wrong target" rows per training row: a text with another topic's
    #: proposition, labelled neutral.
    wrong_target_rate: float = 0.0
    #: Drop training rows repeating a normalised (text, target, label).
    dedupe: bool = True
    #: Drop training rows whose normalised text occurs in the validation specs.
    exclude_validation_texts: bool = True
    #: Keep at most this many training rows (a random sample, by the training seed); for smoke runs.
    max_train_samples: int | None = None
    #: Keep at most this many validation rows, likewise.
    max_eval_samples: int | None = None

    def __post_init__(self) -> None:
        if not self.train:
            raise ConfigError("data.train: expected at least one data spec, got none")
        for name in ("max_train_samples", "max_eval_samples", "max_per_dataset", "max_per_target"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ConfigError(f"data.{name}: expected a positive int or null, got {value!r}")
        shares = (
            self.neutral_share if isinstance(self.neutral_share, dict) else {"": self.neutral_share}
        )
        if any(
            v is not None and not (isinstance(v, int | float) and 0 < v <= 1)
            for v in shares.values()
        ):
            raise ConfigError(
                "data.neutral_share: expected a number in (0, 1], a mapping spec → such a number, "
                f"or null, got {self.neutral_share!r}"
            )
        if not 0 <= self.wrong_target_rate <= 1:
            raise ConfigError(
                f"data.wrong_target_rate: expected a number in [0, 1], got {self.wrong_target_rate!r}"
            )
        if self.unrelated not in ("neutral", "keep", "drop"):
            raise ConfigError(
                f"data.unrelated: expected neutral, keep or drop, got {self.unrelated!r}"
            )
        if self.heldout_target_fraction is not None and not 0 < self.heldout_target_fraction < 1:
            raise ConfigError(
                "data.heldout_target_fraction: expected a number between 0 and 1, "
                f"got {self.heldout_target_fraction!r}"
            )
        if self.validation and self.heldout_target_fraction is not None:
            raise ConfigError("data: give validation specs or heldout_target_fraction, not both")


@dataclass
class TrainingConfig:
    """The optimisation and the output."""

    #: Where the finished model folder is written.
    output_dir: str = "runs/stance-model"
    #: Where checkpoints go (a run resumes from the last complete one); default
    #: ``<output_dir>.checkpoints``. The folder belongs to one config (`stancer.model.checkpoints`).
    checkpoint_dir: str | None = None
    #: Seed for sampling, initialisation and shuffling; set before the model is built.
    seed: int = 42
    num_train_epochs: float = 3.0
    #: Stop after this many optimiser steps (overrides epochs when > 0).
    max_steps: int = -1
    learning_rate: float = 3e-5
    per_device_train_batch_size: int = 32
    per_device_eval_batch_size: int = 64
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    #: Evaluate and checkpoint every this many steps; 0 means once per epoch.
    eval_steps: int = 0
    #: The validation metric that picks the best checkpoint: ``macro_f1`` (over all validation
    #: rows), ``mean_macro_f1`` (per validation spec, averaged: the suite figure), ``f_avg``.
    metric_for_best_model: str = "macro_f1"
    logging_steps: int = 50
    #: ``float16`` for a shipped model, ``float32`` to keep full precision.
    save_dtype: str = "float16"
    #: Mixed precision on a GPU (ignored on CPU): ``no``, ``fp16`` or ``bf16``.
    mixed_precision: str = "no"
    #: ``balanced`` weighs each class's loss by n / (classes x its count in the training data).
    class_weights: str = "none"
    #: Stop when the validation metric has not improved for this many evaluations.
    early_stopping_patience: int | None = None
    #: Batch rows of similar length together (less padding: faster when short tweets and long
    #: comments are mixed); the order is still random between batches.
    group_by_length: bool = False

    def __post_init__(self) -> None:
        if self.learning_rate <= 0:
            raise ConfigError(f"training.learning_rate: expected > 0, got {self.learning_rate!r}")
        if self.metric_for_best_model not in ("macro_f1", "mean_macro_f1", "f_avg", "accuracy"):
            raise ConfigError(
                "training.metric_for_best_model: expected macro_f1, mean_macro_f1 (macro-F1 per "
                "validation spec, averaged), f_avg or accuracy, "
                f"got {self.metric_for_best_model!r}"
            )
        if self.save_dtype not in ("float16", "float32"):
            raise ConfigError(
                f"training.save_dtype: expected float16 or float32, got {self.save_dtype!r}"
            )
        if self.mixed_precision not in ("no", "fp16", "bf16"):
            raise ConfigError(
                f"training.mixed_precision: expected no, fp16 or bf16, got {self.mixed_precision!r}"
            )
        if self.class_weights not in ("none", "balanced"):
            raise ConfigError(
                f"training.class_weights: expected none or balanced, got {self.class_weights!r}"
            )
        if not isinstance(self.group_by_length, bool):
            raise ConfigError(
                f"training.group_by_length: expected true or false, got {self.group_by_length!r}"
            )
        if self.early_stopping_patience is not None and self.early_stopping_patience < 1:
            raise ConfigError(
                "training.early_stopping_patience: expected a positive int or null, "
                f"got {self.early_stopping_patience!r}"
            )


def _coerce(section_cls: type, section: str, key: str, value: Any) -> Any:
    """Read numbers that YAML left as strings (``1e-4`` is a str in YAML 1.1) as the field's type."""
    default = next(f.default for f in dataclasses.fields(section_cls) if f.name == key)
    if isinstance(default, float) and isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return float(value)
        except ValueError:
            raise ConfigError(f"{section}.{key}: expected a number, got {value!r}") from None
    return value


@dataclass
class Config:
    """Everything one training run needs; the resolved copy is saved beside the model."""

    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)

    @classmethod
    def from_dict(cls, raw: dict[str, Any], *, source: str = "config") -> Config:
        """Build a config from nested dicts; unknown sections or keys are errors."""
        if not isinstance(raw, dict):
            raise ConfigError(
                f"{source}: expected a mapping with model / data / training, got {raw!r:.60}"
            )
        sections = {"model": ModelConfig, "data": DataConfig, "training": TrainingConfig}
        unknown = sorted(set(raw) - set(sections))
        if unknown:
            raise ConfigError(
                f"{source}: unknown section {unknown[0]!r}; expected {sorted(sections)}"
            )
        parts = {}
        for name, section_cls in sections.items():
            values = raw.get(name) or {}
            known = {f.name for f in dataclasses.fields(section_cls)}
            bad = sorted(set(values) - known)
            if bad:
                raise ConfigError(
                    f"{source}: unknown key {name}.{bad[0]}; the keys of {name} are {sorted(known)}"
                )
            parts[name] = section_cls(
                **{k: _coerce(section_cls, name, k, v) for k, v in values.items()}
            )
        return cls(**parts)

    @classmethod
    def from_yaml(cls, path: str | Path) -> Config:
        """Read a YAML config file."""
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file")
        return cls.from_dict(yaml.safe_load(path.read_text()) or {}, source=str(path))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), sort_keys=False)
