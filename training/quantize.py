"""Write an int8 copy of a model folder (weights with per-row scales; about a quarter of fp32).

    python training/quantize.py --model runs/stancer-mpnet-base --output models/stancer-mpnet-base

Check the copy on the news suite before shipping it: `stancer bench -m <output> --suite news`.
"""

from __future__ import annotations

import argparse

from stancer.model.quantization import quantize_folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", required=True, help="the model folder to quantize")
    parser.add_argument("--output", required=True, help="the folder to write")
    args = parser.parse_args(argv)
    print(f"wrote {quantize_folder(args.model, args.output)}")


if __name__ == "__main__":
    main()
