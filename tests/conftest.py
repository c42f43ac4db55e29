"""Shared fixtures: a tiny randomly initialised stance model built from a config (no download)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import torch
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

from stancer.model.classifier import StanceClassifier
from stancer.stance import LABELS

REPO = Path(__file__).resolve().parent.parent

WORDS = (
    ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    + list(string.ascii_lowercase)
    + ["##" + c for c in string.ascii_lowercase]
    + list(string.digits)
    + list(string.punctuation)
    + ["ukraine", "nato", "should", "join", "the", "we", "not", "support", "invite", "now"]
)


def _save_tiny_model(folder: Path, *, positions: int, max_length: int) -> Path:
    """A 2-layer BERT with a 3-way stance head and a character-level vocabulary."""
    torch.manual_seed(0)
    tokenizer = BertTokenizer(vocab={w: i for i, w in enumerate(WORDS)})
    config = BertConfig(
        vocab_size=len(WORDS),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=positions,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    model = BertForSequenceClassification(config).eval()
    StanceClassifier(model, tokenizer, max_length=max_length).save_pretrained(
        folder, base_model="tiny-random-bert"
    )
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model, saved once."""
    return _save_tiny_model(tmp_path_factory.mktemp("tiny-model"), positions=128, max_length=64)


@pytest.fixture(scope="session")
def tiny_long_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model with room for news propositions (up to ~250 characters: one token each)."""
    return _save_tiny_model(tmp_path_factory.mktemp("tiny-long"), positions=320, max_length=320)


@pytest.fixture(scope="session")
def tiny(tiny_model_dir: Path) -> StanceClassifier:
    return StanceClassifier.from_pretrained(tiny_model_dir)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of the public datasets, as the library finds it (`stancer.data.data_root`)."""
    from stancer.data import data_root
    from stancer.exceptions import DataError

    try:
        return data_root()
    except DataError as err:
        pytest.fail(
            f"the 'data' tests need the public datasets: {err}; or deselect them with -m 'not data'"
        )
