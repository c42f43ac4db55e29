"""Reported speech from the parse: indirect speech, found by default, and the statement of a
quoted fragment (the clause that reports it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancer.news.attribution import find_attributions
from stancer.news.parsing import parse
from stancer.news.reported import statement

pytestmark = pytest.mark.parser  # spaCy's English pipeline

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ukraine-nato-invitation-2024-10-18"

INDIRECT = (
    "Officials said that talks with Kyiv would resume soon. "
    "According to the ministry, the convoy left on Monday. "
    "The border stayed closed, according to local officials.\n\n"
    'He stressed that the US backs Ukraine, adding that "a lot is at stake".\n\n'
    'Smith said that NATO did not plan it "in the short term", despite the plan.'
)


def test_indirect_speech_is_found_with_its_cue_and_speaker() -> None:
    found = find_attributions(INDIRECT)
    assert [(q.text, q.kind, q.speaker, q.cue and q.cue.text) for q in found] == [
        ("talks with Kyiv would resume soon", "indirect", "Officials", "said"),
        ("the convoy left on Monday", "indirect", "the ministry", "According to"),
        ("The border stayed closed", "indirect", "local officials", "according to"),
        ("the US backs Ukraine", "indirect", None, None),  # "He" names nobody before it
        ("a lot is at stake", "partial", None, None),
        ("in the short term", "partial", "Smith", "said"),
    ]
    assert [q.id for q in found] == list(range(6))
    for quote in found:
        assert INDIRECT[quote.start : quote.end] == quote.text
        for sentence in quote.sentences:
            assert INDIRECT[sentence.start : sentence.end] == sentence.text


def test_direct_only_leaves_indirect_speech_out() -> None:
    found = find_attributions(INDIRECT, direct_only=True)
    assert [q.kind for q in found] == ["partial", "partial"]


@pytest.mark.parametrize(
    ("article", "clause"),
    [
        ("Smith told reporters the plan had failed.", "the plan had failed"),
        ("The deal is dead, Smith said on Monday.", "The deal is dead"),
        ("Smith vowed to close the border.", "to close the border"),
        ("Smith warned that winter would be hard.", "winter would be hard"),
    ],
)
def test_reported_clauses_without_that(article: str, clause: str) -> None:
    [quote] = find_attributions(article)
    assert (quote.kind, quote.text, quote.speaker) == ("indirect", clause, "Smith")


def test_a_clause_holding_a_full_quote_is_no_indirect_speech() -> None:
    found = find_attributions('"We will win," Smith said. Jones said, "We will not."')
    assert [q.kind for q in found] == ["direct", "direct"]


def test_a_fragment_is_read_with_the_clause_that_reports_it() -> None:
    doc = parse(INDIRECT)
    quotes = find_attributions(INDIRECT, doc=doc)
    assert statement(doc, quotes[-1]).text == 'NATO did not plan it "in the short term"'
    assert statement(doc, quotes[-2]).text == "a lot is at stake"  # the clause is the fragment
    assert statement(doc, quotes[0]).text == quotes[0].text  # anything else is itself


def test_scare_quotes_are_read_with_their_sentence() -> None:
    article = 'The so-called "peace plan" was rejected by all sides.'
    doc = parse(article)
    [quote] = find_attributions(article, doc=doc)
    assert statement(doc, quote).text == 'The so-called "peace plan" was rejected by all sides'


def test_seed_fragments_are_read_in_context() -> None:
    article = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    doc = parse(article)
    fragments = [q for q in find_attributions(article, doc=doc) if q.kind == "partial"]
    assert [statement(doc, q).text for q in fragments] == [
        "President Biden wants Ukraine to win, and we're going to resource this effort "
        "appropriately",
        'there is an "active conversation about the different elements" of Ukraine\'s Victory Plan',
        "there’s a lot at stake",
        'NATO did not plan to invite Ukraine to join the Alliance "in the short term"',
    ]
