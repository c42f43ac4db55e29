"""Emergent: stance of news article headlines toward rumoured claims (for / against / observing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stancer.data.registry import Benchmark, csv_rows, need
from stancer.exceptions import DataError

ALL = "url-versions-2015-06-14-clean.csv"
#: The official test split (60 claims) is the union of the articles in these two files (the
#: predictions of the authors' model that were right and wrong); the rest of ALL is train.
TEST_FILES = ("mscproject_test_correct.csv", "mscproject_test_errors.csv")


def _test_articles(folder: Path) -> set[str]:
    return {row["articleId"] for file in TEST_FILES for row in csv_rows(need(folder, file))}


def _read(folder: Path, test: bool) -> Iterator[dict[str, Any]]:
    """The rows of the full release whose article is (``test``) or is not in the test files."""
    wanted = _test_articles(folder)
    found = set()
    for row in csv_rows(need(folder, ALL)):
        if (row["articleId"] in wanted) != test:
            continue
        found.add(row["articleId"])
        yield {
            "id": row["id"],
            "text": row["articleHeadline"],
            "target": row["claimHeadline"],
            "label": row["articleHeadlineStance"],
            "claim_id": row["claimId"],
            "article_id": row["articleId"],
        }
    if test and found != wanted:
        missing = sorted(wanted - found)
        raise DataError(
            f"emergent: {len(missing)} test articles of {' / '.join(TEST_FILES)} are not in {ALL} "
            f"(first: {missing[0]}); the files must come from the same release"
        )


def _train(folder: Path) -> Iterator[dict[str, Any]]:
    return _read(folder, test=False)


def _test(folder: Path) -> Iterator[dict[str, Any]]:
    return _read(folder, test=True)


BENCHMARK = Benchmark(
    name="emergent",
    description=(
        "Emergent: stance of news article headlines toward 300 rumoured claims; the official "
        "split by claim: train 240 claims / 2071 headlines, test 60 claims / 524 headlines (no "
        "claim in both); 40 (claim, headline) pairs repeat with the same label (kept); the paper "
        "reports accuracy, stancer scores macro-F1"
    ),
    splits={"train": _train, "test": _test},
    metric="macro_f1",
    label_map={"for": "favor", "against": "against", "observing": "neutral"},
    domain="news",
    target_type="claim",
    terms="research use",
    citation=(
        "Ferreira, Vlachos. Emergent: a novel data-set for stance classification. NAACL-HLT 2016"
    ),
    source=(
        "url-versions-2015-06-14-clean.csv from andreaalf97/Natural-Language-Processing @bc235211; "
        "the test split from willferreira/mscproject @deb92fba (mscproject_test_{correct,errors}.csv)"
    ),
)
