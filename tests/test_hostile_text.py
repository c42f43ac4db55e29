"""Hostile article text: every shape that once made attribution backtrack or go quadratic now
costs time in proportion to its length, and an over-long article is refused with a clear error.

Each shape is timed at 10 and 100 times a base size (parse, quotes, speakers, indirect speech and
statements, as `stancer.analyze` runs them before the model); the ratio of the two times is ~10
when linear and ~100 when quadratic. Ratios of times, never absolute times.
"""

from __future__ import annotations

import time

import pytest

from stancer.exceptions import DataError
from stancer.news.analysis import statements
from stancer.news.attribution import find_attributions
from stancer.news.parsing import MAX_ARTICLE_CHARS, parse

pytestmark = pytest.mark.parser

# shape -> (text of n units, n for the 10x size); the 100x size is 10 times that n.
SHAPES = {
    "repeated quotes": (lambda n: '"We will win this war." ' * n, 80),
    "tiny quotes": (lambda n: '"a" ' * n, 120),
    "one long quote, then he said": (lambda n: '"' + "word " * n + '," he said.', 400),
    "unclosed single quotes": (lambda n: "'a " * n, 400),
    "Smith said and": (lambda n: "Smith said and " * n, 120),
    "one long quote of many sentences": (lambda n: '"' + "This is it. " * n + '"', 160),
    "fragments in reported speech": (lambda n: 'Smith said that "a" and ' * n, 80),
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        doc = parse(text)
        statements(doc, find_attributions(text, doc=doc))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("shape", SHAPES)
def test_time_grows_linearly_with_the_length(shape: str) -> None:
    make, n = SHAPES[shape]
    parse("warm up")
    small, large = _seconds(make(n)), _seconds(make(10 * n))
    assert large / small < 30, f"{shape}: 10x the text took {large / small:.0f}x the time"


def test_an_article_over_the_limit_is_refused_before_parsing() -> None:
    with pytest.raises(DataError, match=r"at most 200,000 characters.*got 200,001; split it"):
        find_attributions("a" * (MAX_ARTICLE_CHARS + 1))
