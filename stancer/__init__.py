"""stancer: stance detection in news.

Importing stancer is cheap: torch and the models load on first use.

Example:
    >>> import stancer
    >>> stancer.predict("There is no consensus at this time to offer Ukraine an invitation.",
    ...                 "Ukraine should be invited to join NATO now")  # doctest: +SKIP
    Stance(text='There is no consensus ...', target='Ukraine should ...', label='against', ...)
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "Analysis",
    "Stance",
    "StanceClassifier",
    "__version__",
    "analyze",
    "analyze_corpus",
    "load_model",
    "predict",
]

_LAZY = {
    "Analysis": "stancer.news.analysis",
    "analyze": "stancer.news.analysis",
    "analyze_corpus": "stancer.corpus.job",
    "LABELS": "stancer.stance",
    "Stance": "stancer.stance",
    "StanceClassifier": "stancer.model.classifier",
    "load_model": "stancer.model.api",
    "predict": "stancer.model.api",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'stancer' has no attribute {name!r}")
