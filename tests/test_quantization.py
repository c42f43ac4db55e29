"""Int8 weights with per-row scales: saved, loaded back dequantized, close to the fp32 model."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from stancer.exceptions import ModelLoadError
from stancer.model import quantization
from stancer.model.classifier import StanceClassifier
from stancer.model.quantization import INT8_FILE, dequantize, quantize

TEXTS = ["we support it now", "we do not support it", "the weather"]


def test_quantize_round_trip_error_is_within_half_a_step() -> None:
    torch.manual_seed(0)
    weight = torch.randn(64, 128)
    stored = quantize({"w": weight, "b": torch.randn(64), "ids": torch.arange(4)})
    assert stored["w"].dtype == torch.int8 and stored["w.int8_scale"].shape == (64,)
    assert stored["b"].dtype == torch.float16 and stored["ids"].dtype == torch.int64
    restored = dequantize(stored)
    step = weight.abs().amax(dim=1, keepdim=True) / 127
    assert torch.all((restored["w"] - weight).abs() <= step * 0.5 + 1e-3)
    assert set(restored) == {"w", "b", "ids"}


def test_an_int8_model_folder_loads_and_predicts_like_the_original(
    tiny, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(quantization, "MIN_ELEMENTS", 64)  # the tiny model's matrices are small
    folder = tiny.save_pretrained(tmp_path / "int8", int8=True)
    assert not (folder / "model.safetensors").exists()
    stored = load_file(str(folder / INT8_FILE))
    assert any(t.dtype == torch.int8 for t in stored.values())
    loaded = StanceClassifier.from_pretrained(folder)
    expected = tiny.predict_proba(TEXTS, "we should support it")
    np.testing.assert_allclose(
        loaded.predict_proba(TEXTS, "we should support it"), expected, atol=0.02
    )
    assert "int8" in loaded.meta["weights"]


def test_an_int8_file_of_another_model_is_a_clear_error(
    tiny, tiny_long_model_dir, tmp_path
) -> None:
    folder = tiny.save_pretrained(tmp_path / "int8", int8=True)
    other = StanceClassifier.from_pretrained(tiny_long_model_dir)
    other.save_pretrained(tmp_path / "other", int8=True)
    (folder / INT8_FILE).write_bytes((tmp_path / "other" / INT8_FILE).read_bytes())
    with pytest.raises(ModelLoadError, match="does not match the model in config.json"):
        StanceClassifier.from_pretrained(folder)


def test_quantize_folder_keeps_the_side_files_and_rewrites_the_card(
    tiny_model_dir, tmp_path, monkeypatch
) -> None:
    import json
    import shutil

    monkeypatch.setattr(quantization, "MIN_ELEMENTS", 64)
    source = tmp_path / "fp32"
    shutil.copytree(tiny_model_dir, source)
    (source / "metrics.json").write_text(json.dumps({"benchmarks": {}, "training": {}}))
    (source / "training_config.yaml").write_text("model: {}\n")
    out = quantization.quantize_folder(source, tmp_path / "int8")
    assert {INT8_FILE, "metrics.json", "training_config.yaml", "README.md"} <= {
        p.name for p in out.iterdir()
    }
    assert "weights in int8 per output row" in (out / "README.md").read_text()
    assert not (tmp_path / "int8.partial").exists()
