"""`StanceClassifier`: a transformer that classifies the stance of a (target, text) pair."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer, PreTrainedModel

from stancer import __version__
from stancer.exceptions import ModelLoadError
from stancer.model.folder import check_folder, read_meta, write_meta
from stancer.model.inputs import (
    DEFAULT_MAX_LENGTH,
    PLAIN_TARGET,
    as_pairs,
    check_template,
    encode_pairs,
    warn_if_not_latin,
)
from stancer.model.quantization import INT8_FILE, load_int8, save_int8
from stancer.model.weights import check_hub_model
from stancer.quiet import quietly

logger = logging.getLogger(__name__)


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


class StanceClassifier:
    """Classifies the stance of texts toward free-text targets.

    The target and the text are given to the transformer as a sentence pair: target first
    unless ``text_first``, the target put into ``target_template``. The target is never
    truncated; a text longer than what is left of ``max_length`` keeps its first tokens and the
    rest is dropped, with one warning per call.

    Example:
        >>> clf = StanceClassifier.from_pretrained("models/stancer-minilm-l6")  # doctest: +SKIP
        >>> clf.predict(["We must invite Ukraine now."], targets="Ukraine should join NATO")  # doctest: +SKIP
        array(['favor'], dtype='<U7')

    Args:
        model: A sequence-classification model whose ``config.id2label`` names the stance labels.
        tokenizer: The model's tokenizer.
        max_length: The most tokens of one (target, text) pair.
        num_threads: Threads torch may use for inference; ``None`` leaves torch's setting.
        temperature: Logits are divided by it before the softmax (fitted on validation data by
            `stancer.model.calibration.fit_temperature`; 1.0 leaves them as they are).
        text_first: Give the model (text, target) rather than (target, text).
        target_template: How the target is put to the model, with ``{target}`` where it goes
            (e.g. ``"The claim: {target}"``). Both must match what the model was trained with;
            `from_pretrained` reads them from the model folder.
    """

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: Any,
        *,
        max_length: int = DEFAULT_MAX_LENGTH,
        num_threads: int | None = None,
        temperature: float = 1.0,
        text_first: bool = False,
        target_template: str = PLAIN_TARGET,
    ) -> None:
        if not temperature > 0:
            raise ValueError(f"temperature: expected a positive number, got {temperature!r}")
        self.text_first = text_first
        self.target_template = check_template(target_template)
        self.model = model
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.num_threads = num_threads
        self.temperature = temperature
        #: stancer's facts read with the model (`stancer.model.folder.read_meta`), kept on save.
        self.meta: dict[str, Any] = {}
        id2label = {int(i): str(label) for i, label in (model.config.id2label or {}).items()}
        self.classes_ = np.array([id2label[i] for i in range(len(id2label))])

    # ------------------------------------------------------------------ loading and saving
    @classmethod
    @quietly
    def from_pretrained(
        cls,
        model_name_or_path: str | Path,
        *,
        max_length: int | None = None,
        num_threads: int | None = None,
        **model_kwargs: Any,
    ) -> StanceClassifier:
        """Load a classifier from a local folder or a Hugging Face model id.

        Args:
            model_name_or_path: A folder written by :meth:`save_pretrained`, or any folder or
                hub id of a sequence-classification model.
            max_length: Overrides the pair length the model was saved with.
            num_threads: Threads torch may use for inference.
            **model_kwargs: Passed to ``AutoModelForSequenceClassification.from_pretrained``
                (``dtype`` defaults to ``torch.float32``, whatever the saved weights are).
        """
        path = Path(model_name_or_path)
        if path.exists() and not path.is_dir():
            raise ModelLoadError(f"{path}: expected a model folder, found a file")
        if path.is_dir():
            check_folder(path)
        else:
            check_hub_model(str(model_name_or_path))
        model_kwargs.setdefault("dtype", torch.float32)  # fp16 weights on disk, fp32 math on CPU
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(model_name_or_path))
            if (path / INT8_FILE).is_file():
                model = _from_int8(path)
            else:
                model = AutoModelForSequenceClassification.from_pretrained(
                    str(model_name_or_path), **model_kwargs
                )
        except (OSError, RuntimeError, ValueError) as err:  # also a head of another size
            message = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
            raise ModelLoadError(
                f"could not load a model from {str(model_name_or_path)!r}: {message}. Expected a "
                "local model folder or a Hugging Face model id that is cached or reachable"
            ) from err
        model.eval()
        meta = read_meta(model_name_or_path)
        saved_by = meta.get("version")
        if saved_by and _version_tuple(saved_by) > _version_tuple(__version__):
            warnings.warn(
                f"{model_name_or_path} was saved by stancer {saved_by}, newer than this "
                f"stancer {__version__}; upgrade stancer if predictions look wrong",
                stacklevel=2,
            )
        length = max_length or meta.get("max_length") or DEFAULT_MAX_LENGTH
        length = min(length, getattr(tokenizer, "model_max_length", length) or length)
        classifier = cls(
            model,
            tokenizer,
            max_length=length,
            num_threads=num_threads,
            temperature=float(meta.get("temperature", 1.0)),
            text_first=bool(meta.get("text_first", False)),
            target_template=meta.get("target_template", PLAIN_TARGET),
        )
        classifier.meta = meta
        return classifier

    @quietly
    def save_pretrained(
        self,
        save_directory: str | Path,
        *,
        dtype: torch.dtype | None = None,
        int8: bool = False,
        **meta: Any,
    ) -> Path:
        """Save weights (safetensors), tokenizer, ``config.json`` and stancer's facts
        (``stancer_config.json``: versions, labels, input format, temperature).

        Args:
            save_directory: The folder to write; created if needed.
            dtype: Cast the saved weights, e.g. ``torch.float16`` for a shipped model. The
                classifier in memory keeps its own dtype.
            int8: Save int8 weights with per-row scales instead (`stancer.model.quantization`):
                about a quarter of the fp32 size; dequantized to fp32 at load.
            **meta: Extra facts to record in ``stancer_config.json`` (for example
                ``base_model``).
        """
        import transformers

        out = Path(save_directory)
        out.mkdir(parents=True, exist_ok=True)
        self.meta = {
            **self.meta,
            **meta,
            "version": __version__,
            "transformers_version": transformers.__version__,
            "torch_version": torch.__version__,
            "max_length": self.max_length,
            "temperature": self.temperature,
            "input_format": " [SEP] ".join(
                ("text", self.target_template)
                if self.text_first
                else (self.target_template, "text")
            ),
            "text_first": self.text_first,
            "target_template": self.target_template,
            "labels": list(self.classes_),
        }
        model = self.model
        if int8:
            self.meta["weights"] = "int8 per output row, fp16 scales"
            model.config.save_pretrained(out)
            (out / "model.safetensors").unlink(missing_ok=True)
            save_int8(model.state_dict(), out / INT8_FILE)
        elif dtype is not None and dtype != next(model.parameters()).dtype:
            state = {
                k: v.to(dtype) if v.is_floating_point() else v
                for k, v in model.state_dict().items()
            }
            model.save_pretrained(out, state_dict=state)
            config = json.loads((out / "config.json").read_text())
            config["dtype"] = str(dtype).removeprefix("torch.")
            (out / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
        else:
            model.save_pretrained(out)
        self.tokenizer.save_pretrained(out)
        write_meta(out, self.meta)
        return out

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of the weights (12 hex digits): the same for the same model however it was
        stored or loaded, different for different weights."""
        digest = hashlib.sha256()
        for name, tensor in sorted(self.model.state_dict().items()):
            digest.update(name.encode())
            digest.update(tensor.detach().float().cpu().numpy().tobytes())
        return digest.hexdigest()[:12]

    # ------------------------------------------------------------------ training
    def fit(
        self,
        train: str | list[str] | dict[str, float],
        *,
        output_dir: str | Path,
        validation: list[str] | None = None,
        **training: Any,
    ) -> StanceClassifier:
        """Fine-tune this classifier with the same `Trainer` that ``training/train.py`` builds.

        Args:
            train: Data specs: a registered benchmark (``"vast"``, ``"semeval2016:train"``), a
                CSV / JSONL / Parquet file with ``text``, ``target``, ``label``, a list of them, or
                a mapping spec → weight (see `stancer.data.load_mixture`).
            output_dir: Where the fine-tuned model folder is written.
            validation: Data specs for model selection and temperature scaling.
            **training: Fields of `stancer.model.config.TrainingConfig` (``num_train_epochs``,
                ``learning_rate``, ``max_steps``, ``seed``, …).

        Returns:
            ``self``, now holding the fine-tuned model (also saved in ``output_dir``).

        Example:
            >>> clf = StanceClassifier.from_pretrained("models/stancer-minilm-l6")  # doctest: +SKIP
            >>> clf.fit("my_labels.csv", output_dir="my-model", num_train_epochs=2)  # doctest: +SKIP
        """
        import tempfile

        from stancer.model.config import Config, DataConfig, ModelConfig, TrainingConfig
        from stancer.model.training import train as run_training

        specs = [train] if isinstance(train, str) else train
        with tempfile.TemporaryDirectory() as start:
            self.save_pretrained(start)
            config = Config(
                model=ModelConfig(
                    model_name_or_path=start,
                    max_length=self.max_length,
                    text_first=self.text_first,
                    target_template=self.target_template,
                ),
                data=DataConfig(train=specs, validation=list(validation or [])),
                training=TrainingConfig(
                    output_dir=str(output_dir), **{"save_dtype": "float32", **training}
                ),
            )
            folder = run_training(config, progress=False)
        fitted = StanceClassifier.from_pretrained(folder, num_threads=self.num_threads)
        self.__dict__.pop("fingerprint", None)  # new weights
        self.model, self.tokenizer, self.temperature = (
            fitted.model,
            fitted.tokenizer,
            fitted.temperature,
        )
        return self

    # ------------------------------------------------------------------ inference
    def predict_proba(
        self,
        texts: Sequence[Any],
        targets: str | Sequence[str] | None = None,
        *,
        batch_size: int = 32,
        progress: bool = False,
    ) -> np.ndarray:
        """Return an ``(n, n_classes)`` array of probabilities; columns follow ``classes_``.

        Args:
            texts: A list of texts (with ``targets``), or a list of (text, target) pairs.
            targets: One target for every text, or a list with one target per text.
            batch_size: Pairs per forward pass.
            progress: Show a progress bar.
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size: expected a positive int, got {batch_size!r}")
        pairs = as_pairs(texts, targets)
        warn_if_not_latin([text for text, _ in pairs])
        probs = np.zeros((len(pairs), len(self.classes_)), dtype=np.float32)
        if not pairs:
            return probs
        encodings = self._encode(pairs)
        order = np.argsort([len(ids) for ids in encodings["input_ids"]], kind="stable")
        previous_threads = torch.get_num_threads()
        if self.num_threads:
            torch.set_num_threads(self.num_threads)
        try:
            from tqdm.auto import tqdm

            starts = range(0, len(order), batch_size)
            with torch.inference_mode():
                for start in tqdm(
                    starts, disable=not progress, desc="predict", unit="batch", delay=1
                ):
                    idx = order[start : start + batch_size]
                    batch = self.tokenizer.pad(
                        {k: [encodings[k][i] for i in idx] for k in encodings},
                        return_tensors="pt",
                    )
                    batch = {k: v.to(self.model.device) for k, v in batch.items()}
                    logits = self.model(**batch).logits.float() / self.temperature
                    probs[idx] = torch.softmax(logits, dim=-1).cpu().numpy()
        finally:
            torch.set_num_threads(previous_threads)
        return probs

    def predict(
        self,
        texts: Sequence[Any],
        targets: str | Sequence[str] | None = None,
        *,
        batch_size: int = 32,
        progress: bool = False,
    ) -> np.ndarray:
        """Return the most probable label name of each pair (same input forms as ``predict_proba``)."""
        probs = self.predict_proba(texts, targets, batch_size=batch_size, progress=progress)
        return self.classes_[probs.argmax(axis=1)] if len(probs) else np.array([], dtype=str)

    def _encode(self, pairs: list[tuple[str, str]]) -> dict[str, list[list[int]]]:
        """Tokenize pairs in the model's input format; warn once if texts had to be cut."""
        encodings, cut = encode_pairs(
            self.tokenizer,
            [text for text, _ in pairs],
            [target for _, target in pairs],
            max_length=self.max_length,
            text_first=self.text_first,
            target_template=self.target_template,
        )
        if cut:
            warnings.warn(
                f"{len(cut)} of {len(pairs)} texts were longer than max_length={self.max_length} "
                "tokens together with their target; only their first tokens were classified",
                stacklevel=3,
            )
        return encodings


def _from_int8(folder: Path) -> PreTrainedModel:
    """A model built from ``folder``'s config with its int8 weights dequantized to fp32."""
    from transformers import AutoConfig

    model = AutoModelForSequenceClassification.from_config(AutoConfig.from_pretrained(folder))
    state = load_int8(folder / INT8_FILE)
    tied = set(getattr(model, "_tied_weights_keys", None) or [])
    try:
        missing, unexpected = model.load_state_dict(state, strict=False)
        missing = [k for k in missing if k not in tied and not k.endswith("position_ids")]
        problem = (
            f"missing {missing[:3]}, unexpected {unexpected[:3]}" if missing or unexpected else ""
        )
    except RuntimeError as err:  # a tensor of another shape
        problem = str(err).splitlines()[-1].strip()
    if problem:
        raise ModelLoadError(
            f"{folder / INT8_FILE}: does not match the model in config.json ({problem}); "
            "save the model again with save_pretrained(..., int8=True)"
        )
    if tied:
        model.tie_weights()
    return model
