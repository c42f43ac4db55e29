"""The one-line inference API: `stancer.predict()` on the shipped default model or any other."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from stancer.model.classifier import StanceClassifier
from stancer.model.inputs import as_pairs
from stancer.stance import LABELS, Stance

#: The folder name, in ``models/``, of the model `predict` uses when none is named.
DEFAULT_MODEL = "stancer-minilm-l6"


def models_dir() -> Path:
    """The folder of shipped models: ``$STANCER_MODELS_DIR``, else the one installed with stancer."""
    if os.environ.get("STANCER_MODELS_DIR"):
        return Path(os.environ["STANCER_MODELS_DIR"])
    package = Path(__file__).resolve().parents[1]  # stancer/
    inside = package / "models"  # a wheel install
    return inside if inside.is_dir() else package.parent / "models"  # a source checkout


def resolve_model(model: str | os.PathLike[str] | None) -> str:
    """Map ``None`` or a shipped model's name to its folder; pass paths and hub ids through."""
    if model is None:
        model = DEFAULT_MODEL
    if not isinstance(model, str | os.PathLike):
        raise ValueError(
            "model: expected a shipped model's name, a model folder, a Hugging Face model id or a "
            f"StanceClassifier, got {_describe(model)}"
        )
    shipped = models_dir() / str(model)
    return str(shipped) if shipped.is_dir() else str(model)


@functools.lru_cache(maxsize=4)
def _cached(model: str) -> StanceClassifier:
    return StanceClassifier.from_pretrained(model)


_LOADING = threading.Lock()


def load_model(model: str | os.PathLike[str] | None = None) -> StanceClassifier:
    """Load (once, then from a cache) a shipped model by name, a model folder or a hub id; threads
    that ask at the same time wait for one load."""
    with _LOADING:
        return _cached(resolve_model(model))


@overload
def predict(  # type: ignore[overload-overlap]  # a str is a Sequence[str]; it gives one Stance
    texts: str,
    targets: str,
    *,
    model: str | os.PathLike[str] | StanceClassifier | None = ...,
    batch_size: int = ...,
) -> Stance: ...
@overload
def predict(
    texts: Sequence[str] | Sequence[tuple[str, str]],
    targets: str | Sequence[str] | None = ...,
    *,
    model: str | os.PathLike[str] | StanceClassifier | None = ...,
    batch_size: int = ...,
) -> list[Stance]: ...


def predict(
    texts: str | Sequence[str] | Sequence[tuple[str, str]],
    targets: str | Sequence[str] | None = None,
    *,
    model: str | os.PathLike[str] | StanceClassifier | None = None,
    batch_size: int = 32,
) -> Stance | list[Stance]:
    """Classify the stance of each text toward its target.

    The input forms and their checks are `StanceClassifier.predict`'s (`stancer.model.inputs`),
    with one more: a single text and a single target give a single `Stance`.

    Args:
        texts: One text, a list of texts, or a list of ``(text, target)`` pairs.
        targets: One target proposition for every text, a list with one per text, or ``None``
            with pairs.
        model: A model in ``models/`` by name, a model folder, a hub id or a loaded
            `StanceClassifier`; ``None`` is the shipped default. Loaded once and cached.
        batch_size: Pairs per forward pass.

    Returns:
        A `Stance` for one text, a list of them for a list (empty in, empty out).

    Raises:
        ValueError: the input is not one of the accepted forms, a text or target is empty, the
            lengths differ, or the model's labels are not favor / against / neutral.

    Example:
        >>> import stancer
        >>> s = stancer.predict("We will stand with Ukraine.", "Western countries should "
        ...                     "increase military support for Ukraine")  # doctest: +SKIP
        >>> s.label, round(sum(s.scores.values()), 6)  # doctest: +SKIP
        ('favor', 1.0)
    """
    single = isinstance(texts, str)
    if single and not isinstance(targets, str):
        raise ValueError(
            f"targets: one text takes one target str, got {_describe(targets)}; pass "
            "targets='the proposition', or texts as a list with one target per text"
        )
    pairs = as_pairs([texts] if single else texts, targets)  # type: ignore[list-item]
    if not pairs:
        return []
    classifier = stance_model(model)
    probs = classifier.predict_proba(pairs, batch_size=batch_size)
    results = []
    for (text, target), row in zip(pairs, probs, strict=True):
        scores = {label: 0.0 for label in LABELS}
        scores.update({str(c): float(p) for c, p in zip(classifier.classes_, row, strict=True)})
        results.append(
            Stance(
                text=text, target=target, label=max(scores, key=scores.__getitem__), scores=scores
            )
        )
    return results[0] if single else results


def stance_model(
    model: str | os.PathLike[str] | StanceClassifier | None = None,
) -> StanceClassifier:
    """``model`` itself if loaded, else loaded by `load_model`; its labels checked to be stance
    labels (some of favor / against / neutral).

    Raises:
        ValueError: the model has other labels.
    """
    classifier = model if isinstance(model, StanceClassifier) else load_model(model)
    unknown = set(classifier.classes_) - set(LABELS)
    if unknown:
        raise ValueError(
            f"model: expected a model with the labels {list(LABELS)}, got {list(classifier.classes_)}; "
            "use StanceClassifier directly for other label sets"
        )
    return classifier


def _describe(value: object) -> str:
    if isinstance(value, list):
        kinds = sorted({type(v).__name__ for v in value})
        return f"a list holding {', '.join(kinds)}"
    return f"{type(value).__name__} {value!r:.60}"
