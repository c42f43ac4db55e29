"""Fit the temperature of a trained model on validation data and store it in the model folder.

    python training/calibrate.py --model models/stancer-minilm-l6 --data semeval2016:validation --data vast:validation

Records the temperature in the model folder (`stancer.model.folder.set_temperature`; the weights
are untouched), the fit and the validation ECE before and after in ``metrics.json``, and rewrites
the model card.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from datasets import concatenate_datasets

from stancer.data.mixtures import load_spec
from stancer.model.calibration import calibrate
from stancer.model.card import write_model_card
from stancer.model.classifier import StanceClassifier
from stancer.model.folder import set_temperature, update_metrics


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", required=True, help="a model folder")
    parser.add_argument(
        "--data",
        action="append",
        required=True,
        help="validation data specs (name[:split] or a file)",
    )
    parser.add_argument(
        "--data-dir",
        help="folder with one sub-folder per dataset (default: $STANCER_DATA_DIR, else ~/stancer_data)",
    )
    args = parser.parse_args(argv)

    folder = Path(args.model)
    classifier = StanceClassifier.from_pretrained(folder)
    data = concatenate_datasets(
        [load_spec(s, default_split="validation", data_dir=args.data_dir) for s in args.data]
    )
    report = calibrate(classifier, data["text"], data["target"], data["label"])
    set_temperature(folder, report["temperature"])
    metrics = update_metrics(folder, calibration={**report, "data": args.data})
    write_model_card(folder)
    print(json.dumps(metrics["calibration"], indent=2))


if __name__ == "__main__":
    main()
