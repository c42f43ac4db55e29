"""The `stancer` command: `predict`, `analyze`, `bench` and `data`, thin wrappers over the library."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from stancer.bench.suites import SUITES
from stancer.exceptions import StancerError


def _predict(args: argparse.Namespace) -> int:
    from stancer.model.api import predict
    from stancer.stance import LABELS

    texts = list(args.texts)
    if args.file:
        if not Path(args.file).is_file():
            raise StancerError(
                f"--file {args.file}: no such file; expected UTF-8 text, one text per line"
            )
        lines = Path(args.file).read_text(encoding="utf-8").splitlines()
        texts += [line.strip() for line in lines if line.strip()]
    if not texts:
        raise StancerError("expected texts as arguments or --file F (one text per line), got none")
    results = predict(texts, args.target, model=args.model, batch_size=args.batch_size)
    if args.json:
        print(json.dumps([r.__dict__ for r in results], indent=2, ensure_ascii=False))
        return 0
    print(f"target: {args.target}\n")
    header = f"{'label':<8} " + " ".join(f"{label:>7}" for label in LABELS) + "  text"
    print(header)
    print("-" * len(header))
    for r in results:
        scores = " ".join(f"{r.scores[label]:>7.3f}" for label in LABELS)
        text = r.text if len(r.text) <= args.width else r.text[: args.width - 1] + "…"
        print(f"{r.label:<8} {scores}  {text}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from stancer.bench.run import format_tables, run_bench
    from stancer.model.card import write_model_card

    report = run_bench(
        args.model or [None],
        args.data,
        suites=args.suite,
        baselines=[b for item in args.baselines for b in item.split(",") if b],
        nli_models=args.nli_model,
        data_dir=args.data_dir,
        limit=args.limit,
        train_limit=args.train_limit,
        batch_size=args.batch_size,
        speed=args.speed,
        progress=not args.quiet,
    )
    print(format_tables(report, markdown=args.markdown))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    if args.plots:
        from stancer.bench.plots import plot_result

        written = [p for result in report["results"] for p in plot_result(result, args.plots)]
        print(f"wrote {len(written)} plots to {args.plots}")
    if args.card:
        for path in report["settings"]["models"]:
            folder = Path(path)
            metrics_path = folder / "metrics.json"
            if not metrics_path.is_file():
                raise StancerError(
                    f"--card: {folder} is not a local model folder with a metrics.json"
                )
            saved = json.loads(metrics_path.read_text())
            mine = {r["data"]: r for r in report["results"] if r["model"] == folder.name}
            saved.setdefault("benchmarks", {}).update(mine)
            for name, scores in report["suites"].items():
                if folder.name in scores:
                    saved.setdefault("suites", {})[name] = scores[folder.name]
            saved["benchmark_environment"] = report["environment"]
            if report.get("speed"):
                saved["speed"] = {**report["speed"][folder.name], "data": report["speed_data"]}
            metrics_path.write_text(json.dumps(saved, indent=2) + "\n")
            print(f"updated {metrics_path} and {write_model_card(folder)}")
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from stancer.news.analysis import analyze
    from stancer.news.report import format_table, render_html

    results = []
    for file in args.files:
        path = Path(file)
        if not path.is_file():
            raise StancerError(f"{file}: no such file; expected a UTF-8 text file of an article")
        analysis = analyze(
            path.read_text(encoding="utf-8"),
            args.target,
            model=args.model,
            direct_only=args.direct_only,
            batch_size=args.batch_size,
        )
        if args.format == "html":
            out = Path(args.output or ".") / f"{path.stem}.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render_html(analysis, title=path.name), encoding="utf-8")
            print(f"wrote {out}")
        elif args.format == "json":
            results.append({"file": str(path), **analysis.to_dict()})
        else:
            print(f"== {path}\n{format_table(analysis, width=args.width)}\n")
    if args.format == "json":
        text = json.dumps(results, indent=2, ensure_ascii=False)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
            print(f"wrote {args.output}")
        else:
            print(text)
    return 0


def _data(args: argparse.Namespace) -> int:
    from collections import Counter

    from stancer.data import leakage_report, list_datasets, load
    from stancer.data.registry import get_benchmark

    if args.action == "list":
        for name in list_datasets():
            bench = get_benchmark(name)
            print(
                f"{name:<20} {bench.domain:<16} {bench.target_type:<9} {bench.metric:<14} {bench.description.split(';')[0]}"
            )
        return 0
    if not args.names:
        raise StancerError(
            f"data {args.action}: expected one or more dataset names; see `stancer data list`"
        )
    if args.action == "info":
        for name in args.names:
            print(json.dumps(get_benchmark(name).info(), indent=2))
        return 0
    loaded = {name: load(name, data_dir=args.data_dir) for name in args.names}
    if args.action == "leakage":
        splits = {f"{name}:{split}": ds for name, dd in loaded.items() for split, ds in dd.items()}
        report = leakage_report(splits)
        print(
            json.dumps(report, indent=2)
            if args.json
            else "\n".join(f"{k}: {v}" for k, v in report.items())
        )
        return 0
    for name, dd in loaded.items():
        for split, ds in dd.items():
            labels = Counter(ds["label"])
            targets = Counter(ds["target"])
            print(f"{name}:{split}  rows {ds.num_rows}  targets {len(targets)}")
            print("  labels:  " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
            shown = targets.most_common(args.top)
            print(
                "  targets: "
                + "; ".join(f"{k[:50]} {v}" for k, v in shown)
                + (f"; … {len(targets) - len(shown)} more" if len(targets) > len(shown) else "")
            )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stancer", description="Stance detection in news.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("predict", help="classify texts toward one target")
    p.add_argument("texts", nargs="*", help="texts to classify")
    p.add_argument("--target", "-t", required=True, help="the target proposition")
    p.add_argument("--file", "-f", help="a UTF-8 file with one text per line")
    p.add_argument(
        "--model", "-m", help="a model in models/, a model folder or a hub id (default: shipped)"
    )
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--width", type=int, default=100, help="cut texts to this many characters in the table"
    )
    p.set_defaults(func=_predict)

    b = commands.add_parser(
        "bench", help="score models and baselines on benchmarks with their official metrics"
    )
    b.add_argument(
        "--model",
        "-m",
        action="append",
        help="a model in models/, a model folder or a hub id; "
        "repeat for several (default: the shipped model)",
    )
    b.add_argument(
        "--data",
        "-d",
        action="append",
        default=[],
        metavar="NAME[:SPLIT]",
        help="a registered dataset (split defaults to test), or all; repeat for several",
    )
    b.add_argument(
        "--suite",
        "-s",
        action="append",
        default=[],
        choices=sorted(SUITES),
        help="score a suite and print its mean macro-F1: news (the figure that picks models), "
        "news-dev (its validation sets), tweets (tweets and VAST); repeat for several",
    )
    b.add_argument(
        "--baselines",
        action="append",
        default=[],
        metavar="NAMES",
        help="comma-separated: majority, tfidf, embeddings, or all; trained on each dataset's train split",
    )
    b.add_argument(
        "--nli-model",
        action="append",
        default=[],
        metavar="M",
        help="an NLI model for the zero-shot baseline; repeat for several",
    )
    b.add_argument(
        "--data-dir", help="folder with one sub-folder per dataset (default: $STANCER_DATA_DIR)"
    )
    b.add_argument(
        "--limit", type=int, help="evaluate on a random sample of at most this many rows per split"
    )
    b.add_argument(
        "--train-limit",
        type=int,
        default=20_000,
        help="train each baseline on a random sample of at most this many rows (default 20000)",
    )
    b.add_argument("--batch-size", type=int, default=32)
    b.add_argument(
        "--speed",
        action="store_true",
        help="also measure pairs/s, latency and memory against the transformers pipeline",
    )
    b.add_argument(
        "--json", metavar="OUT", help="write every number and the settings to this JSON file"
    )
    b.add_argument("--markdown", action="store_true", help="print the tables as markdown")
    b.add_argument(
        "--plots", metavar="DIR", help="write confusion matrices and reliability diagrams as PNG"
    )
    b.add_argument(
        "--card",
        action="store_true",
        help="store the results in each model folder and rewrite its card",
    )
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    b.set_defaults(func=_bench)

    a = commands.add_parser(
        "analyze", help="an article in: every quoted sentence, its speaker, its stance per target"
    )
    a.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files, one article each")
    a.add_argument(
        "--target",
        "-t",
        action="append",
        required=True,
        help="a target proposition; repeat for several",
    )
    a.add_argument("--format", "-f", choices=["table", "json", "html"], default="table")
    a.add_argument(
        "--output",
        "-o",
        help="html: the folder for <file>.html (default: .); json: a file (default: stdout)",
    )
    a.add_argument(
        "--model", "-m", help="a model in models/, a model folder or a hub id (default: shipped)"
    )
    a.add_argument(
        "--direct-only",
        action="store_true",
        help="only quotes with quote marks (by default indirect speech, X said that ..., too)",
    )
    a.add_argument("--batch-size", type=int, default=32)
    a.add_argument(
        "--width", type=int, default=70, help="cut sentences to this many characters in the table"
    )
    a.set_defaults(func=_analyze)

    d = commands.add_parser("data", help="the registered datasets: list, info, stats, leakage")
    d.add_argument("action", choices=["list", "info", "stats", "leakage"])
    d.add_argument("names", nargs="*", metavar="NAME", help="registered dataset names")
    d.add_argument(
        "--data-dir", help="the dataset's folder of release files (default: $STANCER_DATA_DIR/NAME)"
    )
    d.add_argument("--top", type=int, default=10, help="stats: show this many targets per split")
    d.add_argument("--json", action="store_true", help="leakage: print JSON")
    d.set_defaults(func=_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        return args.func(args)
    except (StancerError, ValueError) as err:
        print(f"stancer {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
