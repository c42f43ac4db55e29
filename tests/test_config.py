"""Configs: every key maps to a dataclass field; unknown keys and bad values are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancer.exceptions import ConfigError
from stancer.model.config import Config

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", sorted((REPO / "configs").rglob("*.yaml")), ids=lambda p: p.name)
def test_shipped_configs_load(path: Path) -> None:
    config = Config.from_yaml(path)
    assert Config.from_dict(config.to_dict()) == config


def test_yaml_numbers_written_without_a_dot_are_read_as_numbers(tmp_path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("training:\n  learning_rate: 1e-4\n")
    assert Config.from_yaml(path).training.learning_rate == pytest.approx(1e-4)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"optimiser": {}},
            r"unknown section 'optimiser'; expected \['data', 'model', 'training'\]",
        ),
        (
            {"training": {"lr": 1}},
            r"unknown key training.lr; the keys of training are \[.*'learning_rate'",
        ),
        ({"training": {"learning_rate": -1}}, r"training.learning_rate: expected > 0, got -1"),
        (
            {"training": {"learning_rate": "fast"}},
            r"training.learning_rate: expected a number, got 'fast'",
        ),
        ({"training": {"save_dtype": "int8"}}, r"training.save_dtype: expected float16 or float32"),
        ({"data": {"train": []}}, r"data.train: expected at least one data spec"),
        ({"model": {"max_length": 4}}, r"model.max_length: expected an int >= 8, got 4"),
    ],
)
def test_bad_config_names_the_field_and_value(raw, message) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.from_dict(raw)


def test_missing_config_file(tmp_path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        Config.from_yaml(tmp_path / "nope.yaml")
