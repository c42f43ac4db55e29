"""PERSPECTRUM: perspectives (short debate statements) that support or undermine a claim.

One row per perspective id in each gold cluster of a claim: text = the perspective's text (from
``perspective_pool_v1.0.json``), target = the claim's text, label = the cluster's
``stance_label_3`` (SUPPORT / UNDERMINE). Splits come from ``dataset_split_v1.0.json`` (claim id →
train / dev / test), so the claim ids of the splits are disjoint.

Quirks, kept as released (the expected counts include them): 17 perspective ids sit in two
clusters of the same claim (always with the same label), so 47 (claim, perspective) text pairs
repeat; 2 claim texts occur under two claim ids in different splits ("University education
should be free": train and dev; "Store nuclear waste underground": dev and test); and 1463
perspectives are attached to claims in more than one split.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, need, read_text
from stancer.exceptions import DataError


def _json(folder: Path, file: str) -> Any:
    return json.loads(read_text(need(folder, file)))


def _read(folder: Path, split: str) -> Iterator[dict[str, Any]]:
    splits = _json(folder, "dataset_split_v1.0.json")
    pool = {p["pId"]: p["text"] for p in _json(folder, "perspective_pool_v1.0.json")}
    for claim in _json(folder, "perspectrum_with_answers_v1.0.json"):
        cid = claim["cId"]
        if str(cid) not in splits:
            raise DataError(f"perspectrum: claim {cid} has no split in dataset_split_v1.0.json")
        if splits[str(cid)] != split:
            continue
        for cluster, perspective in enumerate(claim["perspectives"]):
            for pid in perspective["pids"]:
                if pid not in pool:
                    raise DataError(
                        f"perspectrum: claim {cid} names perspective {pid}, which is not in perspective_pool_v1.0.json"
                    )
                yield {
                    "id": f"{cid}-{cluster}-{pid}",
                    "text": pool[pid],
                    "target": claim["text"],
                    "label": perspective["stance_label_3"],
                    "claim_id": cid,
                    "perspective_id": pid,
                    "cluster": cluster,
                    "stance_label_5": perspective["stance_label_5"],
                    "claim_source": claim["source"],
                }


BENCHMARK = Benchmark(
    name="perspectrum",
    description=(
        "PERSPECTRUM: (claim, perspective) pairs from debate sites, the perspective supporting or "
        "undermining the claim; 907 claims split train/dev/test by claim"
    ),
    splits={
        "train": functools.partial(_read, split="train"),
        "validation": functools.partial(_read, split="dev"),
        "test": functools.partial(_read, split="test"),
    },
    metric="macro_f1",
    label_map={"SUPPORT": "favor", "UNDERMINE": "against"},
    labels=("favor", "against"),
    domain="debate arguments",
    target_type="claim",
    terms="CC BY-SA 4.0",
    citation=(
        "Chen, Khashabi, Yin, Callison-Burch, Roth. Seeing Things from a Different Angle: "
        "Discovering Diverse Perspectives about Claims. NAACL 2019"
    ),
    source="CogComp/perspectrum @b42c27b8 (data/dataset/*_v1.0.json)",
)
