"""Training end to end on the tiny model: a complete model folder, and resuming a stopped run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stancer.exceptions import ConfigError
from stancer.model.checkpoints import checkpoint_folder
from stancer.model.classifier import StanceClassifier
from stancer.model.config import Config
from stancer.model.training import train

REPO = Path(__file__).resolve().parent.parent
MODEL_FILES = {
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "README.md",
    "metrics.json",
    "training_config.yaml",
    "train_log.jsonl",
}


@pytest.fixture()
def csv_data(tmp_path) -> dict[str, str]:
    texts = ["we support it", "not now", "the weather", "we must join", "never", "rain today"]
    labels = ["favor", "against", "neutral"] * 8
    for split, suffix in (("train", ""), ("dev", " again")):
        rows = [f"{t}{suffix} {i}" for i in range(4) for t in texts]
        pd.DataFrame({"text": rows, "target": "ukraine should join nato", "label": labels}).to_csv(
            tmp_path / f"{split}.csv", index=False
        )
    return {"train": str(tmp_path / "train.csv"), "dev": str(tmp_path / "dev.csv")}


def _config(tiny_model_dir, csv_data, out: Path, max_steps: int) -> Config:
    return Config.from_dict(
        {
            "model": {"model_name_or_path": str(tiny_model_dir), "max_length": 32},
            "data": {"train": [csv_data["train"]], "validation": [csv_data["dev"]]},
            "training": {
                "output_dir": str(out / "model"),
                "checkpoint_dir": str(out / "ckpt"),
                "max_steps": max_steps,
                "per_device_train_batch_size": 4,
                "eval_steps": 2,
                "logging_steps": 1,
                "learning_rate": 1e-3,
                "save_dtype": "float16",
            },
        }
    )


def test_training_writes_a_complete_model_folder(tiny_model_dir, csv_data, tmp_path) -> None:
    folder = train(_config(tiny_model_dir, csv_data, tmp_path, max_steps=4), progress=False)
    assert MODEL_FILES <= {p.name for p in folder.iterdir()}
    metrics = json.loads((folder / "metrics.json").read_text())["training"]
    assert metrics["global_steps"] == 4 and metrics["train_rows"] == 24
    assert 0.0 <= metrics["validation"]["macro_f1"] <= 1.0
    fit = json.loads((folder / "metrics.json").read_text())["calibration"]
    assert fit["rows"] == 24 and fit["ece_after"] <= fit["ece_before"] + 1e-9
    assert StanceClassifier.from_pretrained(folder).temperature == pytest.approx(fit["temperature"])
    config = json.loads((folder / "config.json").read_text())
    assert config["dtype"] == "float16"
    # The tiny model is itself a stance model: the run records it and the encoder under it.
    meta = json.loads((folder / "stancer_config.json").read_text())
    assert meta["base_model"] == "tiny-random-bert"
    assert meta["continued_from"] == str(tiny_model_dir)
    assert "stancer" not in config  # stancer's facts live in their own file
    assert Config.from_yaml(folder / "training_config.yaml").training.max_steps == 4
    probs = StanceClassifier.from_pretrained(folder).predict_proba(
        ["we support it"], "ukraine should join nato"
    )
    assert probs.shape == (1, 3)


def test_a_continued_run_keeps_the_first_stage_config(tiny_model_dir, csv_data, tmp_path) -> None:
    first = train(_config(tiny_model_dir, csv_data, tmp_path / "one", max_steps=2), progress=False)
    config = _config(first, csv_data, tmp_path / "two", max_steps=2)
    config.data.train = {csv_data["dev"]: 1.0}
    config.data.validation = [csv_data["train"]]
    second = train(config, progress=False)
    assert (second / "start_training_config.yaml").read_text() == (
        first / "training_config.yaml"
    ).read_text()
    card = (second / "README.md").read_text()
    assert f"continued from `{first}`" in card and "The model it continues from" in card
    assert f"Trained on `{csv_data['train']}`, `{csv_data['dev']}`" in card


def test_a_stopped_run_resumes_from_its_last_checkpoint(tiny_model_dir, csv_data, tmp_path) -> None:
    train(_config(tiny_model_dir, csv_data, tmp_path, max_steps=2), progress=False)
    assert (tmp_path / "ckpt" / "checkpoint-2").is_dir()
    folder = train(_config(tiny_model_dir, csv_data, tmp_path, max_steps=4), progress=False)
    metrics = json.loads((folder / "metrics.json").read_text())["training"]
    assert metrics["resumed_from"] == "checkpoint-2" and metrics["global_steps"] == 4
    # The log runs on across the restart: losses of steps 1-2 from the first run, 3-4 from the second.
    log = [json.loads(line) for line in (folder / "train_log.jsonl").read_text().splitlines()]
    assert [e["step"] for e in log if "loss" in e] == [1, 2, 3, 4]


_KILL_DURING_CHECKPOINT = """
import os, signal, sys, torch
from stancer.model.checkpoints import checkpoint_folder
from stancer.model.config import Config
from stancer.exceptions import ConfigError
from stancer.model.training import train

real_save = torch.save


def save(obj, f, *args, **kwargs):  # the process dies while checkpoint-4 is being written
    if str(f).endswith(os.path.join("checkpoint-4", "optimizer.pt")):
        with open(f, "wb") as handle:
            handle.write(b"PK\\x03\\x04 half an archive")
        os.kill(os.getpid(), signal.SIGKILL)
    return real_save(obj, f, *args, **kwargs)


torch.save = save
train(Config.from_yaml(sys.argv[1]), progress=False)
"""


def test_a_run_killed_while_writing_a_checkpoint_resumes_from_the_last_complete_one(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=6)
    (tmp_path / "c.yaml").write_text(config.to_yaml())
    (tmp_path / "kill.py").write_text(_KILL_DURING_CHECKPOINT)
    died = subprocess.run(
        [sys.executable, str(tmp_path / "kill.py"), str(tmp_path / "c.yaml")],
        capture_output=True,
        timeout=300,
    )
    assert died.returncode == -9  # killed, with checkpoint-4 half written
    assert not (tmp_path / "ckpt" / "checkpoint-4" / "trainer_state.json").exists()
    with pytest.warns(UserWarning, match=r"checkpoint-4 is incomplete \(trainer_state.json"):
        folder = train(config, progress=False)
    metrics = json.loads((folder / "metrics.json").read_text())["training"]
    assert metrics["resumed_from"] == "checkpoint-2" and metrics["global_steps"] == 6
    assert (tmp_path / "ckpt" / "broken-checkpoint-4").is_dir()


def test_a_truncated_checkpoint_falls_back_to_an_intact_one(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    train(_config(tiny_model_dir, csv_data, tmp_path, max_steps=4), progress=False)
    weights = tmp_path / "ckpt" / "checkpoint-4" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    with pytest.warns(UserWarning, match=r"checkpoint-4 is incomplete \(model.safetensors"):
        folder = train(_config(tiny_model_dir, csv_data, tmp_path, max_steps=6), progress=False)
    metrics = json.loads((folder / "metrics.json").read_text())["training"]
    assert metrics["resumed_from"] == "checkpoint-2" and metrics["global_steps"] == 6


def test_a_run_with_another_config_does_not_take_over_the_checkpoints(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    first = _config(tiny_model_dir, csv_data, tmp_path, max_steps=2)
    train(first, progress=False)
    second = _config(tiny_model_dir, csv_data, tmp_path, max_steps=4)
    second.training.learning_rate, second.training.seed = 5e-4, 7
    with pytest.raises(
        ConfigError,
        match=r"holds checkpoints of another run.*run_config.yaml.*"
        r"training.learning_rate: 0.001 there, 0.0005 here.*--resume.*--overwrite",
    ):
        train(second, progress=False)
    resumed = train(second, progress=False, checkpoints="resume")
    assert json.loads((resumed / "metrics.json").read_text())["training"]["resumed_from"] == (
        "checkpoint-2"
    )
    fresh = train(second, progress=False, checkpoints="overwrite")
    assert json.loads((fresh / "metrics.json").read_text())["training"]["resumed_from"] is None
    # Longer runs of the same config resume: max_steps may change.
    again = _config(tiny_model_dir, csv_data, tmp_path, max_steps=6)
    again.training.learning_rate, again.training.seed = 5e-4, 7
    longer = train(again, progress=False)
    assert json.loads((longer / "metrics.json").read_text())["training"]["resumed_from"] == (
        "checkpoint-4"
    )


def test_the_default_checkpoint_folder_is_beside_the_model(tiny_model_dir, csv_data, tmp_path):
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=2)
    config.training.checkpoint_dir = None
    assert checkpoint_folder(config) == tmp_path / "model.checkpoints"


def test_a_leftover_previous_folder_does_not_block_the_final_swap(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model.previous").mkdir()
    (tmp_path / "model.previous" / "stale.txt").write_text("from a crashed swap")
    folder = train(_config(tiny_model_dir, csv_data, tmp_path, max_steps=2), progress=False)
    assert (folder / "model.safetensors").is_file()
    assert not (tmp_path / "model.previous").exists() and not (tmp_path / "model.partial").exists()


def test_training_script_smoke(tiny_model_dir, csv_data, tmp_path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(_config(tiny_model_dir, csv_data, tmp_path, max_steps=2).to_yaml())
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "training" / "train.py"),
            "--config",
            str(config),
            "--no-progress",
            "--set",
            "training.max_steps=3",
            "--set",
            f"training.output_dir={tmp_path / 'script'}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert (
        json.loads((tmp_path / "script" / "metrics.json").read_text())["training"]["global_steps"]
        == 3
    )


def test_unknown_data_spec_is_explained(tiny_model_dir, csv_data, tmp_path) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=1)
    config.data.train = ["semeval2017"]
    with pytest.raises(ValueError, match=r"data spec 'semeval2017': expected a registered dataset"):
        train(config, progress=False)


def test_training_rows_that_repeat_validation_texts_are_dropped(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=1)
    config.data.validation = [csv_data["train"]]
    with pytest.raises(
        ValueError, match=r"train.csv: no rows left after dropping duplicates and held-out texts"
    ):
        train(config, progress=False)


def test_calibrate_script_stores_the_temperature(tiny_model_dir, csv_data, tmp_path) -> None:
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "metrics.json").write_text(json.dumps({"training": {}, "benchmarks": {}}))
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "training" / "calibrate.py"),
            "--model",
            str(folder),
            "--data",
            csv_data["dev"],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    temperature = json.loads((folder / "stancer_config.json").read_text())["temperature"]
    assert (
        json.loads((folder / "metrics.json").read_text())["calibration"]["temperature"]
        == temperature
    )
    assert StanceClassifier.from_pretrained(folder).temperature == temperature
    assert "Probabilities are temperature-scaled" in (folder / "README.md").read_text()


def test_the_same_script_runs_under_torchrun_with_two_cpu_processes(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(_config(tiny_model_dir, csv_data, tmp_path, max_steps=4).to_yaml())
    torchrun = Path(sys.executable).with_name("torchrun")
    out = subprocess.run(
        [
            str(torchrun),
            "--nproc_per_node=2",
            str(REPO / "training" / "train.py"),
            "--config",
            str(config),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    metrics = json.loads((tmp_path / "model" / "metrics.json").read_text())["training"]
    assert metrics["global_steps"] == 4
    # 4 steps x batch 4 x 2 processes = 32 rows seen of 24: DDP split the data over both processes.
    assert "'epoch': '1.333'" in out.stdout


def test_fit_is_the_same_training_path(tiny_model_dir, csv_data, tmp_path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_model_dir)
    before = clf.predict_proba(["we support it"], "ukraine should join nato")
    returned = clf.fit(
        csv_data["train"],
        validation=[csv_data["dev"]],
        output_dir=tmp_path / "fitted",
        checkpoint_dir=str(tmp_path / "ckpt"),
        max_steps=3,
        learning_rate=1e-2,
        per_device_train_batch_size=4,
    )
    assert returned is clf
    after = clf.predict_proba(["we support it"], "ukraine should join nato")
    assert not np.allclose(before, after)
    assert (
        json.loads((tmp_path / "fitted" / "metrics.json").read_text())["training"]["global_steps"]
        == 3
    )
    np.testing.assert_allclose(
        StanceClassifier.from_pretrained(tmp_path / "fitted").predict_proba(
            ["we support it"], "ukraine should join nato"
        ),
        after,
        rtol=1e-5,
    )


def test_the_input_format_is_trained_saved_and_used_for_prediction(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    from stancer.model.inputs import encode_pairs
    from stancer.model.training import build_trainer

    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=2)
    config.model.text_first, config.model.target_template = True, "we support {target}"
    trainer, _, _ = build_trainer(config, progress=False)
    folder = train(config, progress=False)
    clf = StanceClassifier.from_pretrained(folder)
    assert clf.text_first and clf.target_template == "we support {target}"
    rows = pd.read_csv(csv_data["train"])
    pairs = list(zip(rows.text, rows.target, strict=True))
    expected, _ = encode_pairs(
        clf.tokenizer,
        list(rows.text),
        list(rows.target),
        max_length=32,
        text_first=True,
        target_template="we support {target}",
    )
    assert clf._encode(pairs)["input_ids"] == expected["input_ids"]
    trained_on = sorted(trainer.train_dataset["input_ids"])
    assert trained_on == sorted(expected["input_ids"])
    assert clf.tokenizer.decode(trained_on[0]).endswith(
        "[SEP] we support ukraine should join nato [SEP]"
    )


def test_balanced_class_weights_follow_the_training_counts() -> None:
    import torch
    from datasets import Dataset
    from transformers.modeling_outputs import SequenceClassifierOutput

    from stancer.model.training import _weighted_loss

    data = Dataset.from_dict({"label": ["favor"] * 6 + ["against"] * 2 + ["neutral"] * 4})
    loss = _weighted_loss(data, ("favor", "against", "neutral"))
    logits = torch.tensor([[0.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    gold = torch.tensor([1, 0])
    weights = torch.tensor([12 / (3 * 6), 12 / (3 * 2), 12 / (3 * 4)])
    per_row = torch.nn.functional.cross_entropy(logits, gold, reduction="none")
    expected = (per_row * weights[gold]).sum() / 2
    assert torch.allclose(loss(SequenceClassifierOutput(logits=logits), gold), expected)


def test_class_weighted_training_runs(tiny_model_dir, csv_data, tmp_path) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=2)
    config.training.class_weights = "balanced"
    folder = train(config, progress=False)
    metrics = json.loads((folder / "metrics.json").read_text())["training"]
    assert metrics["global_steps"] == 2 and np.isfinite(metrics["train_loss"])


def test_early_stopping_ends_a_run_that_stops_improving(tiny_model_dir, csv_data, tmp_path) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=40)
    config.training.learning_rate = 1e-12  # the validation metric cannot move
    config.training.early_stopping_patience = 1
    folder = train(config, progress=False)
    # Evaluations at steps 2 and 4: no improvement at 4 exhausts a patience of 1.
    assert json.loads((folder / "metrics.json").read_text())["training"]["global_steps"] == 4


def test_early_stopping_without_validation_data_is_explained(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=2)
    config.data.validation, config.training.early_stopping_patience = [], 2
    with pytest.raises(ValueError, match="early_stopping_patience needs validation data"):
        train(config, progress=False)


def test_the_same_config_and_seed_give_the_same_model(tiny_model_dir, csv_data, tmp_path) -> None:
    probs = []
    for run in ("a", "b"):
        folder = train(
            _config(tiny_model_dir, csv_data, tmp_path / run, max_steps=3), progress=False
        )
        clf = StanceClassifier.from_pretrained(folder)
        probs.append(clf.predict_proba(["we support it", "never"], "ukraine should join nato"))
    np.testing.assert_array_equal(probs[0], probs[1])


def test_grouping_by_length_pads_less(tiny_model_dir, tmp_path) -> None:
    from stancer.model.training import build_trainer

    short, long = "we support it", "we support it " * 10
    # Enough rows for the sampler's sorted windows (its "megabatches") to span several batches.
    texts = [f"{long if i % 2 else short} {i}" for i in range(96)]
    data = tmp_path / "mixed.csv"
    labels = ["favor", "against", "neutral"] * 32
    pd.DataFrame({"text": texts, "target": "nato", "label": labels}).to_csv(data, index=False)
    padded = {}
    for grouped in (False, True):
        config = _config(tiny_model_dir, {"train": str(data), "dev": ""}, tmp_path, max_steps=6)
        config.data.validation = []
        config.model.max_length = 128
        config.training.group_by_length = grouped
        trainer, _, _ = build_trainer(config, progress=False)
        batches = list(trainer.get_train_dataloader())
        assert sum(len(b["input_ids"]) for b in batches) == 96  # every row, once
        padded[grouped] = sum(b["input_ids"].numel() for b in batches)
    assert padded[True] < padded[False]


def test_mean_macro_f1_averages_the_validation_sets() -> None:
    from stancer.bench.metrics import stance_metrics
    from stancer.model.training import _metrics_for
    from stancer.stance import LABELS

    gold = np.array([0, 1, 2, 0, 0, 1])
    logits = np.eye(3)[[0, 1, 1, 0, 2, 2]]
    sources = ["a", "a", "a", "b", "b", "b"]
    metrics = _metrics_for(LABELS, sources)((logits, gold))
    names = np.array(LABELS)
    per_set = [
        stance_metrics(list(names[gold[i]]), list(names[logits[i].argmax(-1)]))["macro_f1"]
        for i in (slice(0, 3), slice(3, 6))
    ]
    assert metrics["mean_macro_f1"] == pytest.approx(np.mean(per_set))
    assert metrics["mean_macro_f1"] != pytest.approx(metrics["macro_f1"])


def test_a_run_selected_on_the_mean_over_validation_sets(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=2)
    config.data.exclude_validation_texts = False
    config.data.validation = [csv_data["dev"], csv_data["train"]]
    config.training.metric_for_best_model = "mean_macro_f1"
    folder = train(config, progress=False)
    validation = json.loads((folder / "metrics.json").read_text())["training"]["validation"]
    assert 0 <= validation["mean_macro_f1"] <= 1
    assert "mean_macro_f1" in (folder / "README.md").read_text()


def test_evaluation_keeps_the_dataset_order_with_length_grouped_batches(
    tiny_model_dir, csv_data, tmp_path
) -> None:
    from stancer.model.training import build_trainer

    rows = pd.DataFrame(
        {
            "text": ["x" * (1 + 3 * i) for i in range(10)],  # lengths rise: grouping would reorder
            "target": "ukraine should join nato",
            "label": ["favor", "against", "neutral", "favor", "neutral"] * 2,
        }
    )
    rows.to_csv(tmp_path / "lengths.csv", index=False)
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=1)
    config.data.validation = [str(tmp_path / "lengths.csv")]
    config.training.group_by_length = True  # the Trainer would group evaluation batches too
    config.training.per_device_eval_batch_size = 2
    trainer, eval_data, _ = build_trainer(config, progress=False)
    order = [int(i) for batch in trainer.get_eval_dataloader() for i in batch["labels"]]
    assert order == [("favor", "against", "neutral").index(label) for label in eval_data["label"]]


@pytest.mark.data
def test_a_dataset_with_labels_the_model_lacks_is_a_clear_error(
    tiny_model_dir, csv_data, tmp_path, data_dir
) -> None:
    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=1)
    config.data.train = ["docnli:mnli_validation"]
    config.data.data_dir = str(data_dir)
    with pytest.raises(
        ValueError, match=r"labels \['not_entailment'\] \(from docnli:mnli_validation\)"
    ):
        train(config, progress=False)


def test_training_settings_reach_the_trainer_as_they_are(tiny_model_dir, csv_data, tmp_path):
    from stancer.model.training import _PASSED_THROUGH, _training_arguments

    config = _config(tiny_model_dir, csv_data, tmp_path, max_steps=7)
    config.training.weight_decay, config.training.seed = 0.05, 11
    args = _training_arguments(config, validating=True, progress=False)
    for name in _PASSED_THROUGH:
        assert getattr(args, name) == getattr(config.training, name), name
    assert args.output_dir == str(tmp_path / "ckpt") and args.load_best_model_at_end
    assert not _training_arguments(config, validating=False, progress=False).load_best_model_at_end
