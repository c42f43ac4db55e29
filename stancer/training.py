"""Fine-tuning a `StanceClassifier` with the transformers `Trainer`, from a `Config`."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from datasets import Dataset, concatenate_datasets

from stancer.config import Config
from stancer.data import load
from stancer.data.registry import BENCHMARKS
from stancer.evaluation import hardware
from stancer.exceptions import ConfigError
from stancer.metrics import stance_metrics
from stancer.model_card import write_model_card
from stancer.modeling import StanceClassifier, resolve_pretrained
from stancer.stance import LABELS

logger = logging.getLogger(__name__)


def load_spec(spec: str, *, default_split: str, data_dir: str | None) -> Dataset:
    """Load one data spec: ``name[:split]`` of a registered benchmark, or a file path."""
    name, _, split = spec.partition(":")
    if name in BENCHMARKS:
        folder = str(Path(data_dir) / name) if data_dir else None
        split = split or default_split
        dataset = load(name, data_dir=folder, splits=[split])[split]
    elif Path(spec).is_file():
        dataset = load(spec)["train"]
    else:
        raise ConfigError(
            f"data spec {spec!r}: expected a registered dataset ({', '.join(sorted(BENCHMARKS))}) "
            "with an optional ':split', or the path of an existing data file"
        )
    return dataset.select_columns(["text", "target", "label"]).add_column(
        "source", [spec] * len(dataset)
    )


def load_split(
    specs: list[str], *, default_split: str, data_dir: str | None, limit: int | None, seed: int
) -> Dataset:
    """Concatenate the data specs of one split, sampled down to ``limit`` rows if given."""
    dataset = concatenate_datasets(
        [load_spec(s, default_split=default_split, data_dir=data_dir) for s in specs]
    )
    if limit is not None and limit < len(dataset):
        dataset = dataset.shuffle(seed=seed).select(range(limit))
    return dataset


def _tokenize(dataset: Dataset, tokenizer: Any, max_length: int) -> Dataset:
    label2id = {label: i for i, label in enumerate(LABELS)}

    def encode(batch: dict[str, list]) -> dict[str, list]:
        encoded = tokenizer(
            batch["target"], batch["text"], truncation="only_second", max_length=max_length
        )
        encoded["labels"] = [label2id[label] for label in batch["label"]]
        return encoded

    return dataset.map(encode, batched=True, remove_columns=dataset.column_names)


def _compute_metrics(eval_pred: Any) -> dict[str, float]:
    logits, labels = eval_pred
    predictions = np.asarray(logits).argmax(axis=-1)
    names = np.array(LABELS)
    metrics = stance_metrics(list(names[labels]), list(names[predictions]))
    return {k: metrics[k] for k in ("macro_f1", "f_avg", "accuracy")}


def build_trainer(config: Config, *, progress: bool = True):  # noqa: ANN201 (transformers.Trainer)
    """Build the model, the data and the `Trainer` that `train` runs."""
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    t, d, m = config.training, config.data, config.model
    set_seed(t.seed)
    train_data = load_split(
        d.train, default_split="train", data_dir=d.data_dir, limit=d.max_train_samples, seed=t.seed
    )
    eval_data = (
        load_split(
            d.validation,
            default_split="validation",
            data_dir=d.data_dir,
            limit=d.max_eval_samples,
            seed=t.seed,
        )
        if d.validation
        else None
    )
    base = resolve_pretrained(m.model_name_or_path)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        ignore_mismatched_sizes=True,
        dtype=torch.float32,  # train in full precision even from fp16 weights; AMP is separate
    )
    on_gpu = torch.cuda.is_available()
    strategy = "steps" if t.eval_steps else "epoch"
    args = TrainingArguments(
        output_dir=t.checkpoint_dir or str(Path("runs") / Path(t.output_dir).name / "checkpoints"),
        seed=t.seed,
        data_seed=t.seed,
        num_train_epochs=t.num_train_epochs,
        max_steps=t.max_steps,
        learning_rate=t.learning_rate,
        per_device_train_batch_size=t.per_device_train_batch_size,
        per_device_eval_batch_size=t.per_device_eval_batch_size,
        weight_decay=t.weight_decay,
        warmup_steps=t.warmup_ratio,
        eval_strategy=strategy if eval_data is not None else "no",
        save_strategy=strategy,
        eval_steps=t.eval_steps or None,
        save_steps=t.eval_steps or 500,
        save_total_limit=2,
        load_best_model_at_end=eval_data is not None,
        metric_for_best_model=t.metric_for_best_model if eval_data is not None else None,
        logging_steps=t.logging_steps,
        fp16=on_gpu and t.mixed_precision == "fp16",
        bf16=on_gpu and t.mixed_precision == "bf16",
        report_to=[],
        dataloader_pin_memory=on_gpu,
        disable_tqdm=not progress,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=_tokenize(train_data, tokenizer, m.max_length),
        eval_dataset=_tokenize(eval_data, tokenizer, m.max_length)
        if eval_data is not None
        else None,
        data_collator=DataCollatorWithPadding(tokenizer),
        processing_class=tokenizer,
        compute_metrics=_compute_metrics,
    )
    return trainer, {"train_rows": len(train_data), "validation_rows": len(eval_data or [])}


def _last_checkpoint(folder: Path) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    return get_last_checkpoint(str(folder)) if folder.is_dir() else None


def train(config: Config, *, progress: bool = True) -> Path:
    """Train from ``config`` and write a complete model folder to ``config.training.output_dir``.

    A run that finds checkpoints in its checkpoint folder resumes from the last one. The
    finished model is written beside ``output_dir`` and swapped into place only when complete.

    Returns:
        The model folder.
    """
    out = Path(config.training.output_dir)
    trainer, sizes = build_trainer(config, progress=progress)
    resume = _last_checkpoint(Path(trainer.args.output_dir))
    if resume:
        logger.info("resuming from %s", resume)
    start = time.perf_counter()
    result = trainer.train(resume_from_checkpoint=resume)
    seconds = time.perf_counter() - start
    validation = trainer.evaluate() if trainer.eval_dataset is not None else {}

    classifier = StanceClassifier(
        trainer.model, trainer.processing_class, max_length=config.model.max_length
    )
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    dtype = torch.float16 if config.training.save_dtype == "float16" else None
    classifier.save_pretrained(staging, dtype=dtype, base_model=config.model.model_name_or_path)
    (staging / "training_config.yaml").write_text(config.to_yaml())
    metrics = {
        "training": {
            **sizes,
            "train_seconds": round(seconds, 1),
            "resumed_from": Path(resume).name if resume else None,
            "global_steps": result.global_step,
            "train_loss": result.training_loss,
            "hardware": hardware(),
            "validation": {k.removeprefix("eval_"): v for k, v in validation.items()},
        },
        "benchmarks": {},
    }
    (staging / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_model_card(staging)
    # Swap the complete folder into place, so that a crash never leaves a half-written model.
    previous = out.with_name(out.name + ".previous")
    if out.exists():
        os.replace(out, previous)
    os.replace(staging, out)
    shutil.rmtree(previous, ignore_errors=True)
    return out
