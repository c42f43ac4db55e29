"""Fine-tune a stance classifier from a YAML config.

    python training/train.py --config configs/stancer-minilm-l6.yaml [--set training.seed=1 ...]

A run killed mid-way resumes from its last complete checkpoint when started again with the same
config. Checkpoints of another config in the same folder stop the run with an error, unless
--resume (continue from them anyway) or --overwrite (delete them, start afresh) is given.
"""

from __future__ import annotations

import argparse
import logging

import yaml

from stancer.exceptions import StancerError
from stancer.model.config import Config
from stancer.model.training import train


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--config", required=True, help="YAML file with model / data / training sections"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="override one config value (YAML syntax), e.g. training.learning_rate=5e-5",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--resume",
        action="store_const",
        const="resume",
        dest="checkpoints",
        help="resume from the checkpoint folder even if another config wrote it",
    )
    choice.add_argument(
        "--overwrite",
        action="store_const",
        const="overwrite",
        dest="checkpoints",
        help="delete the checkpoint folder's checkpoints and start afresh",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    with open(args.config) as handle:
        raw = yaml.safe_load(handle) or {}
    for item in args.set:
        key, sep, value = item.partition("=")
        section, dot, name = key.partition(".")
        if not sep or not dot:
            parser.error(f"--set {item!r}: expected SECTION.KEY=VALUE, e.g. training.seed=1")
        raw.setdefault(section, {})[name] = yaml.safe_load(value)
    config = Config.from_dict(raw, source=args.config)
    try:
        folder = train(
            config, progress=not args.no_progress, checkpoints=args.checkpoints or "check"
        )
    except StancerError as error:
        parser.exit(2, f"error: {error}\n")
    print(f"model written to {folder}")


if __name__ == "__main__":
    main()
