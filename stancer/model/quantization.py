"""Int8 weights with per-channel scales: how an accurate model ships under ~120 MB.

Every floating-point matrix of at least `MIN_ELEMENTS` elements (the embeddings and every linear
layer) is stored as int8 with one fp16 scale per output row (symmetric: ``w ≈ q * scale``,
``|q| <= 127``); smaller tensors (biases, layer norms) are stored in fp16, integer buffers as they
are. The file, `INT8_FILE`, replaces ``model.safetensors``; `load_int8` dequantizes it to fp32 at
load, so inference runs in ordinary fp32 kernels and the rounding error is the only difference.
"""

from __future__ import annotations

from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

INT8_FILE = "model.int8.safetensors"
#: Suffix of the key holding a quantized matrix's per-row scales.
SCALE_SUFFIX = ".int8_scale"
#: Matrices smaller than this stay in fp16.
MIN_ELEMENTS = 4096


def quantize(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The tensors to save: int8 matrices with their scales, the rest in fp16 (or as they are)."""
    out: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        tensor = tensor.detach().cpu()
        if tensor.is_floating_point() and tensor.ndim == 2 and tensor.numel() >= MIN_ELEMENTS:
            weight = tensor.float()
            scale = (weight.abs().amax(dim=1) / 127).clamp(min=1e-12).half()
            out[name] = torch.round(weight / scale.float()[:, None]).clamp(-127, 127).to(torch.int8)
            out[name + SCALE_SUFFIX] = scale
        elif tensor.is_floating_point():
            out[name] = tensor.half()
        else:
            out[name] = tensor
    return out


def dequantize(tensors: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The fp32 state dict of tensors written by `quantize`."""
    state = {}
    for name, tensor in tensors.items():
        if name.endswith(SCALE_SUFFIX):
            continue
        scale = tensors.get(name + SCALE_SUFFIX)
        if scale is not None:
            state[name] = tensor.float() * scale.float()[:, None]
        else:
            state[name] = tensor.float() if tensor.is_floating_point() else tensor
    return state


def save_int8(state: dict[str, torch.Tensor], path: Path) -> Path:
    """Write ``state`` quantized to ``path`` (safetensors; shared tensors are written once each)."""
    unique: dict[str, torch.Tensor] = {}
    seen: set[int] = set()
    for name, tensor in state.items():
        key = tensor.data_ptr()
        if key in seen and tensor.numel():
            continue  # tied weights (e.g. decoder = embeddings): the model re-ties them at load
        seen.add(key)
        unique[name] = tensor
    save_file(quantize(unique), str(path), metadata={"format": "pt", "stancer": "int8-per-row"})
    return path


def load_int8(path: Path) -> dict[str, torch.Tensor]:
    """The fp32 state dict of a file written by `save_int8`."""
    return dequantize(load_file(str(path)))


#: The files of a model folder that travel unchanged into its int8 copy.
SIDE_FILES = (
    "metrics.json",
    "training_config.yaml",
    "start_training_config.yaml",
    "train_log.jsonl",
)


def quantize_folder(source: str | Path, destination: str | Path) -> Path:
    """Write an int8 copy of the model folder ``source`` to ``destination`` (complete or not at
    all): weights quantized, tokenizer, metadata, metrics, configs and log kept, card rewritten."""
    import shutil

    from stancer.model.card import write_model_card
    from stancer.model.classifier import StanceClassifier
    from stancer.model.folder import replace_folder

    source, destination = Path(source), Path(destination)
    classifier = StanceClassifier.from_pretrained(source)
    staging = destination.with_name(destination.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    classifier.save_pretrained(staging, int8=True)
    for name in SIDE_FILES:
        if (source / name).is_file():
            shutil.copyfile(source / name, staging / name)
    write_model_card(staging)
    return replace_folder(staging, destination)
