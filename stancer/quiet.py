"""Library calls are quiet: the progress bars that transformers and datasets show for sub-second
work (loading 105 weights, mapping a few thousand rows, writing a model) are off while stancer
works, and as they were afterwards. Long steps take ``progress=True`` and show one bar of their own.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def no_progress_bars() -> Iterator[None]:
    """Switch off the progress bars of transformers and datasets (those already imported)."""
    restore = []
    if "datasets" in sys.modules:
        from datasets import utils as datasets_bars

        if not datasets_bars.are_progress_bars_disabled():
            datasets_bars.disable_progress_bars()
            restore.append(datasets_bars.enable_progress_bars)
    if "transformers" in sys.modules:
        from transformers.utils import logging as transformers_bars

        if transformers_bars.is_progress_bar_enabled():
            transformers_bars.disable_progress_bar()
            restore.append(transformers_bars.enable_progress_bar)
    try:
        yield
    finally:
        for enable in restore:
            enable()


def quietly(function: F) -> F:
    """Run ``function`` under `no_progress_bars`."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with no_progress_bars():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
