"""Fine-tuning a `StanceClassifier` with the transformers `Trainer`, from a `Config`."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from datasets import Dataset, concatenate_datasets
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    EarlyStoppingCallback,
    Trainer,
    TrainerCallback,
    TrainingArguments,
    set_seed,
)

from stancer.bench.evaluation import hardware
from stancer.bench.metrics import stance_metrics
from stancer.data.mixtures import load_mixture, load_spec, map_unrelated, read_negations
from stancer.data.splits import split_by_target
from stancer.exceptions import ConfigError
from stancer.model.calibration import calibrate
from stancer.model.card import write_model_card
from stancer.model.checkpoints import checkpoint_folder, claim, last_complete
from stancer.model.classifier import StanceClassifier
from stancer.model.config import Config, ModelConfig
from stancer.model.folder import (
    LOG_FILE,
    TRAINING_CONFIG_FILE,
    read_meta,
    replace_folder,
    write_run_files,
)
from stancer.model.inputs import encode_pairs
from stancer.model.weights import resolve_pretrained
from stancer.stance import LABELS

logger = logging.getLogger(__name__)


def load_training_data(config: Config) -> tuple[Dataset, Dataset | None, dict[str, Any]]:
    """The training mixture and the validation set that ``config.data`` describes, and a report."""
    d, seed = config.data, config.training.seed
    mixture = load_mixture(
        d.train,
        data_dir=d.data_dir,
        unrelated=d.unrelated,
        max_per_dataset=d.max_per_dataset,
        max_per_target=d.max_per_target,
        temperature=d.temperature,
        dedupe=d.dedupe,
        exclude=list(d.validation) if d.exclude_validation_texts and d.validation else None,
        neutral_share=d.neutral_share,
        negations=read_negations(d.negations, d.data_dir) if d.negations else None,
        wrong_target_rate=d.wrong_target_rate,
        seed=seed,
    )
    train_data, eval_data = mixture.dataset, None
    if d.validation:
        parts = [
            load_spec(s, default_split="validation", data_dir=d.data_dir) for s in d.validation
        ]
        eval_data = map_unrelated(concatenate_datasets(parts), d.unrelated)
    elif d.heldout_target_fraction:
        train_data, eval_data = split_by_target(
            train_data, fraction=d.heldout_target_fraction, seed=seed
        )
    if d.max_train_samples and d.max_train_samples < train_data.num_rows:
        train_data = train_data.shuffle(seed=seed).select(range(d.max_train_samples))
    if eval_data is not None and d.max_eval_samples and d.max_eval_samples < eval_data.num_rows:
        eval_data = eval_data.shuffle(seed=seed).select(range(d.max_eval_samples))
    return train_data, eval_data, mixture.report


def _tokenize(dataset: Dataset, tokenizer: Any, m: ModelConfig, labels: tuple[str, ...]) -> Dataset:
    """Encode rows exactly as `StanceClassifier` will at inference (`encode_pairs`)."""
    label2id = {label: i for i, label in enumerate(labels)}

    def encode(batch: dict[str, list]) -> dict[str, list]:
        encoded, _ = encode_pairs(
            tokenizer,
            batch["text"],
            batch["target"],
            max_length=m.max_length,
            text_first=m.text_first,
            target_template=m.target_template,
        )
        return {**encoded, "labels": [label2id[label] for label in batch["label"]]}

    return dataset.map(encode, batched=True, remove_columns=dataset.column_names)


def _weighted_loss(dataset: Dataset, labels: tuple[str, ...]) -> Callable[..., torch.Tensor]:
    """Cross-entropy with "balanced" class weights, n / (classes x count), from ``dataset``."""
    column = list(dataset["label"])
    counts = np.array([column.count(label) for label in labels], dtype=np.float64)
    present = counts > 0
    weights = np.zeros_like(counts)
    weights[present] = counts.sum() / (present.sum() * counts[present])
    logger.info("class weights: %s", dict(zip(labels, weights.round(3).tolist(), strict=True)))
    weight = torch.tensor(weights, dtype=torch.float32)

    def loss(outputs: Any, gold: torch.Tensor, num_items_in_batch: Any = None) -> torch.Tensor:
        logits = outputs.logits.float()
        total = torch.nn.functional.cross_entropy(
            logits, gold, weight=weight.to(logits.device), reduction="sum"
        )
        return total / (num_items_in_batch if num_items_in_batch is not None else len(gold))

    return loss


def _metrics_for(
    labels: tuple[str, ...], sources: list[str] | None = None
) -> Callable[[Any], dict[str, float]]:
    """Validation metrics over all rows, and ``mean_macro_f1``: macro-F1 per validation spec
    (``sources``, one per row in order), averaged, as `stancer bench --suite` scores a suite."""
    names = np.array(labels)

    def compute(eval_pred: Any) -> dict[str, float]:
        logits, gold = eval_pred
        predicted = np.asarray(logits).argmax(axis=-1)
        metrics = stance_metrics(list(names[gold]), list(names[predicted]), labels)
        result = {k: metrics[k] for k in ("macro_f1", "f_avg", "accuracy")}
        if sources is not None:
            column = np.array(sources)
            per_source = [
                stance_metrics(
                    list(names[gold[column == s]]), list(names[predicted[column == s]]), labels
                )["macro_f1"]
                for s in dict.fromkeys(sources)
            ]
            result["mean_macro_f1"] = float(np.mean(per_source))
        return result

    return compute


class _Trainer(Trainer):
    """The transformers `Trainer`, evaluating in dataset order: ``mean_macro_f1`` finds each
    validation set's rows by position, which a length-grouped eval sampler would shuffle."""

    def _get_eval_sampler(self, eval_dataset: Any) -> torch.utils.data.Sampler | None:
        return torch.utils.data.SequentialSampler(eval_dataset)


#: `TrainingConfig` fields that are `TrainingArguments` of the same name, passed through.
_PASSED_THROUGH = (
    "seed",
    "num_train_epochs",
    "max_steps",
    "learning_rate",
    "per_device_train_batch_size",
    "per_device_eval_batch_size",
    "weight_decay",
    "logging_steps",
)


def _training_arguments(config: Config, *, validating: bool, progress: bool) -> TrainingArguments:
    """The Trainer's arguments: `_PASSED_THROUGH` as they are, the rest derived from the config
    (checkpoint folder, evaluation and saving, mixed precision on a GPU, gloo under torchrun)."""
    t = config.training
    on_gpu = torch.cuda.is_available()
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    strategy = "steps" if t.eval_steps else "epoch"
    return TrainingArguments(
        **{name: getattr(t, name) for name in _PASSED_THROUGH},
        output_dir=str(checkpoint_folder(config)),
        data_seed=t.seed,
        train_sampling_strategy="group_by_length" if t.group_by_length else "random",
        warmup_steps=t.warmup_ratio,  # a number below 1 is a fraction of the steps
        eval_strategy=strategy if validating else "no",
        save_strategy=strategy,
        eval_steps=t.eval_steps or None,
        save_steps=t.eval_steps or 500,
        save_total_limit=2,
        load_best_model_at_end=validating,
        metric_for_best_model=t.metric_for_best_model if validating else None,
        fp16=on_gpu and t.mixed_precision == "fp16",
        bf16=on_gpu and t.mixed_precision == "bf16",
        report_to=[],
        dataloader_pin_memory=on_gpu,
        ddp_backend="gloo" if distributed and not on_gpu else None,  # torchrun on CPU
        disable_tqdm=not progress,
    )


def build_trainer(config: Config, *, progress: bool = True):  # noqa: ANN201 (transformers.Trainer)
    """Build the model, the data and the `Trainer` that `train` runs.

    Returns:
        The trainer, the validation rows (untokenised; None without validation), and data sizes.
    """
    t, m = config.training, config.model
    set_seed(t.seed)
    train_data, eval_data, mixture_report = load_training_data(config)
    if t.early_stopping_patience and eval_data is None:
        raise ConfigError(
            "training.early_stopping_patience needs validation data: set data.validation or "
            "data.heldout_target_fraction"
        )
    labels = LABELS + (("unrelated",) if config.data.unrelated == "keep" else ())
    for name, rows in (("data.train", train_data), ("data.validation", eval_data)):
        extra = set(rows["label"]) - set(labels) if rows is not None else set()
        if rows is not None and extra:  # e.g. docnli's not_entailment in a 3-label model
            pairs = zip(rows["source"], rows["label"], strict=True)
            sources = sorted({source for source, label in pairs if label in extra})
            raise ConfigError(
                f"{name}: labels {sorted(extra)} (from {', '.join(sources)}) are not among the "
                f"model's labels {list(labels)}; leave such a dataset out or map its labels"
            )
    base = resolve_pretrained(m.model_name_or_path)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
        ignore_mismatched_sizes=True,
        dtype=torch.float32,  # train in full precision even from fp16 weights; AMP is separate
    )
    args = _training_arguments(config, validating=eval_data is not None, progress=progress)
    trainer = _Trainer(
        model=model,
        args=args,
        train_dataset=_tokenize(train_data, tokenizer, m, labels),
        eval_dataset=_tokenize(eval_data, tokenizer, m, labels) if eval_data is not None else None,
        data_collator=DataCollatorWithPadding(tokenizer),
        processing_class=tokenizer,
        compute_metrics=_metrics_for(
            labels, list(eval_data["source"]) if eval_data is not None else None
        ),
        compute_loss_func=_weighted_loss(train_data, labels)
        if t.class_weights == "balanced"
        else None,
        callbacks=[EarlyStoppingCallback(t.early_stopping_patience)]
        if t.early_stopping_patience
        else None,
    )
    sizes = {
        "train_rows": len(train_data),
        "validation_rows": len(eval_data or []),
        "mixture": mixture_report,
    }
    return trainer, eval_data, sizes


class _LogFile(TrainerCallback):
    """Appends what the `Trainer` logs (loss, learning rate, validation metrics) to a JSON-lines
    file; a resumed run goes on appending to the same file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kwargs: Any) -> None:
        if state.is_world_process_zero and logs:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "step": state.global_step, **logs}
            with self.path.open("a") as handle:
                handle.write(json.dumps(entry) + "\n")


def _lineage(start: str) -> dict[str, Any]:
    """``base_model`` (the pretrained encoder) and, for a run that continues a stance model,
    ``continued_from`` (that model), for the saved model's metadata."""
    earlier = read_meta(resolve_pretrained(start))
    if earlier.get("base_model"):
        return {"base_model": earlier["base_model"], "continued_from": start}
    return {"base_model": start}


def _calibrated(
    config: Config, trainer: Any, eval_data: Dataset | None
) -> tuple[StanceClassifier, dict[str, float] | None]:
    """The trained model as a classifier, with its temperature fitted on the validation set
    (and the fit) when there is one."""
    m = config.model
    classifier = StanceClassifier(
        trainer.model,
        trainer.processing_class,
        max_length=m.max_length,
        text_first=m.text_first,
        target_template=m.target_template,
    )
    if eval_data is None:
        return classifier, None
    fit = calibrate(classifier, eval_data["text"], eval_data["target"], eval_data["label"])
    return classifier, fit


def train(config: Config, *, progress: bool = True, checkpoints: str = "check") -> Path:
    """Train from ``config`` and write a complete model folder to ``config.training.output_dir``.

    A run resumes from the last complete checkpoint in its checkpoint folder
    (`stancer.model.checkpoints`: ``<output_dir>.checkpoints`` unless set), if the folder is this
    config's. The finished model is written beside ``output_dir`` and swapped into place only
    when complete.

    Args:
        config: The run.
        progress: Show progress bars.
        checkpoints: When the folder holds checkpoints of another config: ``check`` stops with
            an error, ``resume`` resumes from them anyway, ``overwrite`` deletes them first
            (``overwrite`` always starts afresh).

    Returns:
        The model folder.

    Raises:
        ConfigError: the checkpoint folder belongs to another config and ``checkpoints`` is
            ``check``.
    """
    out = Path(config.training.output_dir)
    folder = checkpoint_folder(config)
    claim(folder, config, choice=checkpoints)
    trainer, eval_data, sizes = build_trainer(config, progress=progress)
    log_file = folder / LOG_FILE
    trainer.add_callback(_LogFile(log_file))
    resume = last_complete(folder)
    if resume:
        logger.info("resuming from %s", resume)
    start = time.perf_counter()
    result = trainer.train(resume_from_checkpoint=resume)
    seconds = time.perf_counter() - start
    validation = trainer.evaluate() if trainer.eval_dataset is not None else {}
    if not trainer.is_world_process_zero():  # under torchrun, only the first process writes
        return out

    classifier, fit = _calibrated(config, trainer, eval_data)
    m = config.model
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    dtype = torch.float16 if config.training.save_dtype == "float16" else None
    classifier.save_pretrained(staging, dtype=dtype, **_lineage(m.model_name_or_path))
    write_run_files(  # a run continued from a stance model keeps how that one was trained
        staging,
        config_yaml=config.to_yaml(),
        start_config=Path(resolve_pretrained(m.model_name_or_path)) / TRAINING_CONFIG_FILE,
        log=log_file,
        training={
            **sizes,
            "train_seconds": round(seconds, 1),
            "resumed_from": Path(resume).name if resume else None,
            "global_steps": result.global_step,
            "train_loss": result.training_loss,
            "hardware": hardware(),
            "validation": {k.removeprefix("eval_"): v for k, v in validation.items()},
        },
        calibration=fit,
        benchmarks={},
    )
    write_model_card(staging)
    return replace_folder(staging, out)
