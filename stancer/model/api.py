"""The one-line inference API: `stancer.predict()` on the shipped default model or any other."""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import overload

from stancer.model.classifier import StanceClassifier
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
def predict(
    texts: str,
    target: str | list[str],
    *,
    model: str | os.PathLike[str] | None = ...,
    batch_size: int = ...,
) -> Stance: ...
@overload
def predict(
    texts: list[str],
    target: str | list[str],
    *,
    model: str | os.PathLike[str] | None = ...,
    batch_size: int = ...,
) -> list[Stance]: ...


def predict(
    texts: str | list[str],
    target: str | list[str],
    *,
    model: str | os.PathLike[str] | None = None,
    batch_size: int = 32,
) -> Stance | list[Stance]:
    """Classify the stance of each text toward its target.

    Args:
        texts: One text, or a list of texts.
        target: One target proposition for every text, or a list with one target per text.
        model: A model in ``models/`` by name, a model folder, or a hub id; ``None`` is the
            shipped default. Loaded once and cached.
        batch_size: Pairs per forward pass.

    Returns:
        A `Stance` for a ``str``, a list of them for a list (empty in, empty out).

    Raises:
        ValueError: ``texts`` or ``target`` has the wrong type, an empty target, or the lengths differ.

    Example:
        >>> import stancer
        >>> s = stancer.predict("We will stand with Ukraine.", "Western countries should "
        ...                     "increase military support for Ukraine")  # doctest: +SKIP
        >>> s.label, round(sum(s.scores.values()), 6)  # doctest: +SKIP
        ('favor', 1.0)
    """
    single = isinstance(texts, str)
    text_list: list[str] = [texts] if isinstance(texts, str) else texts
    if not isinstance(text_list, list) or not all(isinstance(t, str) for t in text_list):
        raise ValueError(
            f"texts: expected a str or a list of str, got {_describe(texts)}; "
            "pass one text or a list of texts"
        )
    if isinstance(target, str):
        targets = [target] * len(text_list)
    elif isinstance(target, list) and all(isinstance(t, str) for t in target):
        if single:
            raise ValueError(
                f"target: one text takes one target str, got a list of {len(target)}; pass "
                "target='the proposition', or texts as a list with one target per text"
            )
        if len(target) != len(text_list):
            raise ValueError(
                f"target: expected one str for every text, or a list of {len(text_list)} str "
                f"(one per text), got a list of {len(target)}"
            )
        targets = target
    else:
        raise ValueError(f"target: expected a str or a list of str, got {_describe(target)}")
    for i, t in enumerate(targets):
        if not t.strip():
            where = "target" if isinstance(target, str) else f"target[{i}]"
            raise ValueError(f"{where}: expected a non-empty proposition, got {t!r}")
    if not text_list:
        return []
    classifier = load_model(model)
    unknown = set(classifier.classes_) - set(LABELS)
    if unknown:
        raise ValueError(
            f"model: expected a model with the labels {list(LABELS)}, got {list(classifier.classes_)}; "
            "use StanceClassifier directly for other label sets"
        )
    probs = classifier.predict_proba(text_list, targets, batch_size=batch_size)
    results = []
    for text, tgt, row in zip(text_list, targets, probs, strict=True):
        scores = {label: 0.0 for label in LABELS}
        scores.update({str(c): float(p) for c, p in zip(classifier.classes_, row, strict=True)})
        results.append(
            Stance(text=text, target=tgt, label=max(scores, key=scores.__getitem__), scores=scores)
        )
    return results[0] if single else results


def _describe(value: object) -> str:
    if isinstance(value, list):
        kinds = sorted({type(v).__name__ for v in value})
        return f"a list holding {', '.join(kinds)}"
    return f"{type(value).__name__} {value!r:.60}"
