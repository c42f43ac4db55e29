"""The public contract of `stancer.predict` and `StanceClassifier`, on the tiny model."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
import torch

import stancer
from stancer.exceptions import ModelLoadError
from stancer.model.classifier import StanceClassifier
from stancer.stance import LABELS, Stance

TARGET = "Ukraine should be invited to join NATO now"


def test_import_is_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, stancer; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_str_in_gives_one_stance(tiny_model_dir) -> None:
    result = stancer.predict("We should invite Ukraine now.", TARGET, model=str(tiny_model_dir))
    assert isinstance(result, Stance)
    assert result.text == "We should invite Ukraine now." and result.target == TARGET
    assert set(result.scores) == set(LABELS)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-5)
    assert result.label == max(result.scores, key=result.scores.get)


def test_list_in_gives_list_and_pairwise_targets(tiny_model_dir) -> None:
    texts = ["We support it.", "Not now.", "The weather is nice."]
    targets = [TARGET, "NATO should expand", TARGET]
    results = stancer.predict(texts, targets, model=str(tiny_model_dir))
    assert [r.text for r in results] == texts
    assert [r.target for r in results] == targets
    assert all(r.label in LABELS for r in results)
    assert stancer.predict([], TARGET, model=str(tiny_model_dir)) == []


@pytest.mark.parametrize(
    ("texts", "target", "message"),
    [
        (
            3,
            TARGET,
            r"texts: expected a str, a list of str or a list of \(text, target\) pairs, got int",
        ),
        (["ok", 5], TARGET, r"texts\[1\]: expected a str, got int 5"),
        (
            ["a", "b"],
            [TARGET],
            r"targets: expected one target for all texts or one per text \(2\), got a list of 1",
        ),
        ("a", [TARGET], r"targets: one text takes one target str, got a list"),
        (["a"], "  ", r"targets\[0\]: expected a non-empty str"),
        (["a", "b"], [TARGET, ""], r"targets\[1\]: expected a non-empty str"),
        (["a"], None, r"texts\[0\]: without targets, expected a \(text, target\) pair"),
        (["a"], 5, r"targets: expected a str or a list of str, got int"),
    ],
)
def test_bad_input_names_the_argument(tiny_model_dir, texts, target, message) -> None:
    with pytest.raises(ValueError, match=message):
        stancer.predict(texts, target, model=str(tiny_model_dir))


def test_classifier_input_forms_agree(tiny: StanceClassifier) -> None:
    texts = ["We support it.", "Not now, not ever.", "Ukraine"]
    one_target = tiny.predict_proba(texts, TARGET)
    per_text = tiny.predict_proba(texts, [TARGET] * 3)
    pairs = tiny.predict_proba([(t, TARGET) for t in texts])
    assert one_target.shape == (3, len(tiny.classes_))
    np.testing.assert_allclose(one_target, per_text, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(one_target, pairs, rtol=1e-5, atol=1e-6)
    assert list(tiny.classes_) == list(LABELS)
    assert list(tiny.predict(texts, TARGET)) == list(tiny.classes_[one_target.argmax(axis=1)])
    assert tiny.predict_proba([], TARGET).shape == (0, 3)


def test_batching_and_sorting_keep_input_order(tiny: StanceClassifier) -> None:
    texts = [
        "a",
        "a much longer text about nato and ukraine that should be sorted last",
        "we",
        "not now",
    ]
    batched = tiny.predict_proba(texts, TARGET, batch_size=2)
    one_by_one = np.vstack([tiny.predict_proba([t], TARGET) for t in texts])
    np.testing.assert_allclose(batched, one_by_one, rtol=1e-4, atol=1e-5)


def test_classifier_rejects_ambiguous_input(tiny: StanceClassifier) -> None:
    with pytest.raises(ValueError, match="got one str; wrap it in a list"):
        tiny.predict_proba("a text", TARGET)
    with pytest.raises(
        ValueError, match=r"texts\[0\]: without targets, expected a \(text, target\) pair"
    ):
        tiny.predict_proba(["a text"])
    with pytest.raises(
        ValueError, match="targets: expected one target for all texts or one per text"
    ):
        tiny.predict_proba(["a", "b"], ["t"])


def test_long_text_is_cut_with_one_warning(tiny: StanceClassifier) -> None:
    long_text = "ukraine " * 500
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        probs = tiny.predict_proba([long_text, long_text, "short"], TARGET)
    messages = [str(w.message) for w in caught if "max_length" in str(w.message)]
    assert len(messages) == 1 and messages[0].startswith(
        "2 of 3 texts were longer than max_length=64"
    )
    np.testing.assert_allclose(probs[0], probs[1])
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_target_longer_than_max_length_is_an_error(tiny: StanceClassifier) -> None:
    with pytest.raises(ValueError, match="leaves no room for the text within max_length=64"):
        tiny.predict_proba(["text"], "nato " * 80)


def test_save_load_round_trip_gives_identical_probabilities(
    tiny: StanceClassifier, tmp_path
) -> None:
    texts = ["We support it.", "Not now."]
    before = tiny.predict_proba(texts, TARGET)
    tiny.save_pretrained(tmp_path / "fp32")
    after = StanceClassifier.from_pretrained(tmp_path / "fp32").predict_proba(texts, TARGET)
    np.testing.assert_array_equal(before, after)

    tiny.save_pretrained(tmp_path / "fp16", dtype=torch.float16)
    half = StanceClassifier.from_pretrained(tmp_path / "fp16")
    assert next(half.model.parameters()).dtype == torch.float32  # fp16 on disk, fp32 math
    np.testing.assert_allclose(half.predict_proba(texts, TARGET), before, atol=1e-3)
    meta = json.loads((tmp_path / "fp16" / "stancer_config.json").read_text())
    assert meta["version"] == stancer.__version__ and meta["labels"] == list(LABELS)
    assert {"transformers_version", "torch_version", "max_length"} <= set(meta)


def test_loading_an_incomplete_folder_says_what_is_missing(tmp_path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelLoadError, match=r"no weights \(model.safetensors\); no tokenizer"):
        StanceClassifier.from_pretrained(tmp_path)


def test_a_model_that_is_nowhere_is_said_at_once(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty Hugging Face cache
    with pytest.raises(ModelLoadError, match=r"model 'no-such-org/no-such-model': no such folder"):
        StanceClassifier.from_pretrained("no-such-org/no-such-model")
    with pytest.raises(
        ModelLoadError, match=r"no such folder, and expected a shipped model's name"
    ):
        StanceClassifier.from_pretrained("not a/valid//id")
    with pytest.raises(ValueError, match=r"model: expected a shipped model's name.*got int 3"):
        stancer.predict("text", "target", model=3)  # type: ignore[call-overload]


def test_model_saved_by_newer_stancer_warns(tiny_model_dir, tmp_path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_model_dir)
    clf.save_pretrained(tmp_path)
    meta = json.loads((tmp_path / "stancer_config.json").read_text())
    meta["version"] = "99.0.0"
    (tmp_path / "stancer_config.json").write_text(json.dumps(meta))
    with pytest.warns(UserWarning, match="saved by stancer 99.0.0, newer than this stancer"):
        StanceClassifier.from_pretrained(tmp_path)


def test_temperature_rescales_probabilities_and_round_trips(tiny_model_dir, tmp_path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_model_dir)
    texts = ["We support it.", "Not now.", "rain"]
    plain = clf.predict_proba(texts, TARGET)
    clf.temperature = 0.5
    sharp = clf.predict_proba(texts, TARGET)
    np.testing.assert_array_equal(plain.argmax(axis=1), sharp.argmax(axis=1))
    assert (sharp.max(axis=1) > plain.max(axis=1)).all()
    clf.save_pretrained(tmp_path)
    assert StanceClassifier.from_pretrained(tmp_path).temperature == 0.5
    with pytest.raises(ValueError, match="temperature: expected a positive number, got 0"):
        StanceClassifier(clf.model, clf.tokenizer, temperature=0)


def test_calibrate_fits_a_temperature_that_lowers_ece(tiny_model_dir) -> None:
    from stancer.model.calibration import calibrate

    clf = StanceClassifier.from_pretrained(tiny_model_dir)
    clf.temperature = 0.05  # an overconfident model: calibrate starts again from T = 1
    texts = [f"text number {i}" for i in range(60)]
    labels = list(np.random.default_rng(0).choice(LABELS, size=60))
    report = calibrate(clf, texts, [TARGET] * 60, labels)
    assert clf.temperature == report["temperature"] > 0
    assert report["ece_after"] <= report["ece_before"] + 1e-9


def test_input_format_orders_the_pair_and_applies_the_template(tiny_model_dir) -> None:
    from stancer.model.inputs import encode_pairs

    clf = StanceClassifier.from_pretrained(tiny_model_dir)
    tok = clf.tokenizer
    encoded, cut = encode_pairs(
        tok, ["we support it"], ["nato"], max_length=64, target_template="join {target} now"
    )
    assert encoded["input_ids"][0] == tok("join nato now", "we support it")["input_ids"]
    encoded, _ = encode_pairs(tok, ["we support it"], ["nato"], max_length=64, text_first=True)
    assert encoded["input_ids"][0] == tok("we support it", "nato")["input_ids"] and cut == []
    # Text first, too long: the text is cut and the target is kept whole at the end.
    encoded, cut = encode_pairs(tok, ["x" * 100], ["nato"], max_length=20, text_first=True)
    ids, target = encoded["input_ids"][0], tok("nato", add_special_tokens=False)["input_ids"]
    assert cut == [0] and len(ids) == 20 and ids[-1 - len(target) : -1] == target


def test_input_format_round_trips_and_changes_predictions(tiny_model_dir, tmp_path) -> None:
    plain = StanceClassifier.from_pretrained(tiny_model_dir)
    other = StanceClassifier(
        plain.model, plain.tokenizer, text_first=True, target_template="we support {target}"
    )
    other.save_pretrained(tmp_path / "m")
    loaded = StanceClassifier.from_pretrained(tmp_path / "m")
    assert loaded.text_first and loaded.target_template == "we support {target}"
    pair = (["not now"], "ukraine")
    assert np.allclose(loaded.predict_proba(*pair), other.predict_proba(*pair), atol=1e-6)
    assert not np.allclose(loaded.predict_proba(*pair), plain.predict_proba(*pair))


@pytest.mark.parametrize("template", ["no placeholder", "{target} and {target}", "{text}"])
def test_a_template_without_one_target_slot_is_an_error(tiny, template) -> None:
    with pytest.raises(ValueError, match=r"target_template: expected a str with '\{target\}'"):
        StanceClassifier(tiny.model, tiny.tokenizer, target_template=template)


def test_library_calls_are_quiet_and_leave_the_bars_as_they_were(tiny_model_dir, tmp_path, capfd):
    from datasets import utils as datasets_bars
    from transformers.utils import logging as transformers_bars

    from stancer import data

    csv = tmp_path / "mine.csv"
    csv.write_text("text,target,label\nwe support it,nato,favor\nnot now,nato,against\n")
    StanceClassifier.from_pretrained(tiny_model_dir).save_pretrained(tmp_path / "copy")
    data.load_mixture([str(csv)])
    err = capfd.readouterr().err
    assert "Loading weights" not in err and "Writing" not in err and "Map" not in err
    assert transformers_bars.is_progress_bar_enabled()
    assert not datasets_bars.are_progress_bars_disabled()


def test_predict_takes_pairs_and_a_loaded_classifier(tiny_model_dir) -> None:
    clf = StanceClassifier.from_pretrained(tiny_model_dir)
    pairs = [("we support it", TARGET), ("not now", "another proposition")]
    by_pairs = stancer.predict(pairs, model=clf)
    by_lists = stancer.predict([t for t, _ in pairs], targets=[g for _, g in pairs], model=clf)
    assert [s.scores for s in by_pairs] == [s.scores for s in by_lists]
    assert [s.target for s in by_pairs] == [TARGET, "another proposition"]
