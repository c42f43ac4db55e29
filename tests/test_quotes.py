"""Quote extraction: every quote style, offsets into the original text, sentences, the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancer.news import text as text_module
from stancer.news.quotes import Quote, extract_quotes
from stancer.news.text import Span, split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ukraine-nato-invitation-2024-10-18"


def assert_offsets(article: str, quote: Quote) -> None:
    """The quote and each of its sentences sit at their offsets in the article."""
    paragraphs = quote.text.split("\n")
    assert article[quote.start : quote.start + len(paragraphs[0])] == paragraphs[0]
    assert article[quote.end - len(paragraphs[-1]) : quote.end] == paragraphs[-1]
    assert all(p in article[quote.start : quote.end] for p in paragraphs)
    for sentence in quote.sentences:
        assert article[sentence.start : sentence.end] == sentence.text
        assert quote.start <= sentence.start < sentence.end <= quote.end
        assert sentence.text == sentence.text.strip()


def only(article: str, **kwargs: bool) -> Quote:
    found = extract_quotes(article, **kwargs)
    assert len(found) == 1, [q.text for q in found]
    assert_offsets(article, found[0])
    return found[0]


# One article per style: (article, expected quote text, kind).
STYLES = {
    "straight double": ('Kyiv, Monday. "We will win," Smith said.', "We will win,", "direct"),
    "curly double": ("“We will win,” Smith said.", "We will win,", "direct"),
    "curly single, British, with apostrophes": (
        "‘We don’t want Ukraine’s defeat,’ the minister said.",
        "We don’t want Ukraine’s defeat,",
        "direct",
    ),
    "straight single with a plural possessive": (
        "'The Allies' position is clear,' she added.",
        "The Allies' position is clear,",
        "direct",
    ),
    "two apostrophes as double marks (New York Times)": (
        "''This isn't tax reform,'' said Mr. Burman.",
        "This isn't tax reform,",
        "direct",
    ),
    "German low-high": ("„Wir schaffen das“, sagte Merkel.", "Wir schaffen das", "direct"),
    "guillemets with French spacing": (
        "« Nous sommes prêts », a déclaré le ministre.",
        "Nous sommes prêts",
        "direct",
    ),
    "single guillemets": ("‹Wir sind bereit›, sagte er.", "Wir sind bereit", "direct"),
    "German single low-high": ("‚Nie wieder‘, sagte er.", "Nie wieder", "direct"),
    "colon lead-in": ('Jones said: "The talks failed."', "The talks failed.", "direct"),
    "block label": ('Quote: "There is no consensus."', "There is no consensus.", "block"),
    "partial after said that": (
        'Jones said that "the talks failed" on Monday.',
        "the talks failed",
        "partial",
    ),
    "partial inside reported speech": (
        'She mentioned that there is an "active conversation about the elements" of the plan.',
        "active conversation about the elements",
        "partial",
    ),
    "partial starting with a capital": (
        'The official stated that "President Biden wants Ukraine to win".',
        "President Biden wants Ukraine to win",
        "partial",
    ),
    "nested single in double": (
        "\"He told me 'no way' and left,\" Brown said.",
        "He told me 'no way' and left,",
        "direct",
    ),
    "nested double in single": (
        "‘He said “go” twice,’ Green said.",
        "He said “go” twice,",
        "direct",
    ),
    "nested curly double in curly double": (
        "“He said “go” now,” she said.",
        "He said “go” now,",
        "direct",
    ),
    "nested straight double in straight double": (
        'He said "I told him "no" twice" and left.',
        'I told him "no" twice',
        "partial",
    ),
}


@pytest.mark.parametrize("style", STYLES)
def test_each_quote_style_gives_one_quote_at_its_offsets(style: str) -> None:
    article, expected, kind = STYLES[style]
    quote = only(article)
    assert (quote.text, quote.kind, quote.id) == (expected, kind, 0)
    assert quote.start == article.index(expected)
    assert article[quote.start : quote.end] == expected
    assert quote.speaker is None and quote.speaker_mention is None and quote.cue is None


def test_quotes_come_in_article_order_with_ids() -> None:
    article = '"One," he said. "Two," she said.\n\nThey called it a ‘deal’ and left.'
    found = extract_quotes(article)
    assert [(q.id, q.text, q.kind) for q in found] == [
        (0, "One,", "direct"),
        (1, "Two,", "direct"),
        (2, "deal", "partial"),
    ]


def test_multi_paragraph_quote_re_opened_in_each_paragraph() -> None:
    article = (
        "The minister spoke at length.\n\n"
        '"The first paragraph of the statement.\n\n'
        '"The second one. It has two sentences.\n\n'
        '"The last one," she said.\n\n'
        "Nothing here is quoted."
    )
    quote = only(article)
    assert quote.text == (
        "The first paragraph of the statement.\nThe second one. It has two sentences.\n"
        "The last one,"
    )
    assert quote.start == article.index("The first")
    assert quote.end == article.index('," she said') + 1
    assert [s.text for s in quote.sentences] == [
        "The first paragraph of the statement.",
        "The second one.",
        "It has two sentences.",
        "The last one,",
    ]


def test_multi_paragraph_quote_with_curly_single_marks() -> None:
    article = "‘We will not give up.\n‘Never,’ he said."
    quote = only(article)
    assert quote.text == "We will not give up.\nNever,"


def test_block_quote_continues_into_a_paragraph_that_closes_it() -> None:
    article = (
        'Quote: "The urgency is appreciated.\n\n'
        '…Putin knows that time is not on his side."\n\n'
        "Details: The official confirmed the trip."
    )
    quote = only(article)
    assert quote.kind == "block"
    assert quote.text == "The urgency is appreciated.\n…Putin knows that time is not on his side."
    assert [s.text for s in quote.sentences] == [
        "The urgency is appreciated.",
        "…Putin knows that time is not on his side.",
    ]
    assert article[quote.end] == '"'


def test_apostrophes_are_not_quotes() -> None:
    article = (
        "I love rock 'n' roll and the '90s, don't you? It's Ukraine's turn, "
        "and Ukraine’s allies’ patience is rock ’n’ roll from the ’80s. O'Brien's dog "
        "barked at 'em."
    )
    assert extract_quotes(article) == []


def test_apostrophes_inside_a_quote_do_not_close_it() -> None:
    quote = only("He said: 'I don't know why Ukraine's allies' aid stopped.' Then he left.")
    assert quote.text == "I don't know why Ukraine's allies' aid stopped."


def test_an_unclosed_double_quote_stops_at_its_paragraph() -> None:
    article = (
        'He said "this quote is never closed.\n\n'
        "This paragraph is plain text.\n\n"
        '"A clean quote," Black said.'
    )
    found = extract_quotes(article)
    assert [q.text for q in found] == ["this quote is never closed.", "A clean quote,"]
    assert found[0].end == article.index("\n")
    for quote in found:
        assert_offsets(article, quote)


def test_an_unclosed_quote_does_not_join_a_paragraph_that_opens_a_new_quote() -> None:
    article = 'Smith said "we will see.\nJones called it "a mess" later.'
    assert [q.text for q in extract_quotes(article)] == ["we will see.", "a mess"]


def test_stray_closing_marks_and_unclosed_single_marks_are_ignored() -> None:
    article = 'He is 5\'10" tall." She left.\nThe word \'never closed here.\nShe said "yes".'
    assert [q.text for q in extract_quotes(article)] == ["yes"]


def test_empty_quotes_and_empty_text_give_nothing() -> None:
    assert extract_quotes('He said "" and left.') == []
    assert extract_quotes("") == []
    assert extract_quotes("\n\n  \n") == []


def test_sentences_split_with_abbreviations_numbers_and_ellipses() -> None:
    article = (
        'Smith said: "The U.S. envoy, Mr. Lee, arrived on Jan. 5 with 3.5 tons of aid. '
        'We waited... and waited. …Then it came. Was it enough? No!"'
    )
    quote = only(article)
    assert [s.text for s in quote.sentences] == [
        "The U.S. envoy, Mr. Lee, arrived on Jan. 5 with 3.5 tons of aid.",
        "We waited... and waited.",
        "…Then it came.",
        "Was it enough?",
        "No!",
    ]


def test_split_sentences_shifts_offsets_by_start() -> None:
    text = "Mr. Smith paid $3.5m. Then he left."
    assert split_sentences(text, 10) == [
        Span(10, 31, "Mr. Smith paid $3.5m."),
        Span(32, 45, "Then he left."),
    ]
    assert split_sentences("   ") == []


def test_split_sentences_keeps_the_text_when_the_splitter_changes_it(monkeypatch) -> None:
    class Rewriting:
        def segment(self, text: str) -> list[str]:
            return ["One.", "Tw0 changed."]

    monkeypatch.setattr(text_module, "_segmenter", lambda: Rewriting())
    assert split_sentences("One. Two changed.") == [
        Span(0, 4, "One."),
        Span(5, 17, "Two changed."),
    ]


def test_only_marked_quotes_are_extracted() -> None:
    article = 'Officials said that talks would resume. Smith said it was "in the short term".'
    assert [(q.text, q.kind) for q in extract_quotes(article)] == [("in the short term", "partial")]


def test_quotes_are_frozen() -> None:
    quote = only('"Yes," he said.')
    with pytest.raises(AttributeError):
        quote.speaker = "someone"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: extract_quotes(b"bytes"),
            r"extract_quotes: expected text to be a str.*got bytes.*decode",
        ),
        (lambda: extract_quotes(None), r"extract_quotes: expected text to be a str.*got NoneType"),
        (lambda: split_sentences(["a"]), r"split_sentences: expected text to be a str.*got list"),
        (lambda: split_sentences("a", -1), r"expected start to be a non-negative int.*got -1"),
        (lambda: split_sentences("a", "3"), r"expected start to be a non-negative int.*got '3'"),
    ],
)
def test_bad_input_names_the_argument(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_seed_quote_lines_are_sentences_of_extracted_quotes() -> None:
    article = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    lines = SEED.with_suffix(".quotes.txt").read_text(encoding="utf-8").splitlines()
    found = extract_quotes(article)
    sentences = [s.text for q in found for s in q.sentences]
    assert sentences == lines
    assert [q.kind for q in found] == [
        "block",
        "partial",
        "direct",
        "partial",
        "partial",
        "block",
        "partial",
    ]
    for quote in found:
        assert_offsets(article, quote)
