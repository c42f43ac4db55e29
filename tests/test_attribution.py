"""Speaker attribution: every attribution pattern, canonical speakers and their mentions,
pronouns and descriptions, the failures seen on real news, None cases, the seed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from stancer.news.attribution import attribute, find_attributions
from stancer.news.quotes import Quote, extract_quotes
from stancer.news.text import Span

pytestmark = pytest.mark.parser  # spaCy's English pipeline

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ukraine-nato-invitation-2024-10-18"


def attributed(article: str, *, direct_only: bool = True) -> list[Quote]:
    """The article's attributed quotes, checking that every span sits at its offsets."""
    result = find_attributions(article, direct_only=direct_only)
    if direct_only:
        found = extract_quotes(article)
        assert [replace(q, speaker=None, speaker_mention=None, cue=None) for q in result] == found
    for quote in result:
        for span in (quote.speaker_mention, quote.cue):
            if span is not None:
                assert article[span.start : span.end] == span.text
        assert (quote.speaker is None) == (quote.speaker_mention is None) == (quote.cue is None)
    return result


def speakers(article: str, *, direct_only: bool = True) -> list[tuple[str, str | None, str | None]]:
    return [
        (q.text, q.speaker, q.cue.text if q.cue else None)
        for q in attributed(article, direct_only=direct_only)
    ]


# One article per pattern: (article, expected speaker mention, expected cue); the canonical
# speaker is the mention unless CANONICAL says otherwise.
PATTERNS = {
    '"…," X said': ('"We will win," Smith said.', "Smith", "said"),
    '"…," X says': ("“We will win,” the mayor says.", "the mayor", "says"),
    '"…," said X': (
        '"We will win," said Defence Minister Rustem Umerov on Monday.',
        "Defence Minister Rustem Umerov",
        "said",
    ),
    '"…," X said, X ending in -ly': ('"We want answers," the family said.', "the family", "said"),
    '"…," X told': ('"We wait," the mayor told reporters.', "the mayor", "told"),
    '"…," X, apposition, said': (
        '"We will win," the official, who asked not to be named, said.',
        "the official",
        "said",
    ),
    "''…,'' said X": ("''This isn't reform,'' said Mr. Burman.", "Mr. Burman", "said"),
    'X said: "…"': ('Jones said: "The talks failed."', "Jones", "said"),
    'X told Y: "…"': ('Smith told Jones: "Go home."', "Smith", "told"),
    'X said, "…"': ("Mr. Lee said, “It is over.”", "Mr. Lee", "said"),
    'X said that "…"': ('Jones said that "the talks failed" on Monday.', "Jones", "said"),
    'X stated that "…"': (
        'Details: The envoy stated that "nothing changed".',
        "The envoy",
        "stated",
    ),
    'X has warned that "…"': (
        'Officials have warned that "winter will be hard".',
        "Officials",
        "warned",
    ),
    "according to X, …": (
        "According to Maria Garcia, “the deal is done.”",
        "Maria Garcia",
        "According to",
    ),
    '"…", according to X': (
        '"The deal is done", according to the ministry.',
        "the ministry",
        "according to",
    ),
    '"…" — Name': ("“Be the change.” — Mahatma Gandhi", "Mahatma Gandhi", "—"),
    '"…" - Name': ('"Stay hungry." - Steve Jobs', "Steve Jobs", "-"),
    '"…," X (party) said': (
        '"He would be a great senator," panel member Rep. Elijah E. Cummings (D-Md.) said.',
        "panel member Rep. Elijah E. Cummings",
        "said",
    ),
    '"…," X, long apposition, said': (
        "''It is fiscally responsible,'' Leonard E. Burman, director of the centrist "
        "Urban-Brookings Tax Policy Center and a professor at Syracuse University, said.",
        "Leonard E. Burman",
        "said",
    ),
    'X, apposition, recalled, "…"': (
        'Douglas Brinkley, a historian who attended the session, recalled, "Out of nowhere."',
        "Douglas Brinkley",
        "recalled",
    ),
    'X did something, saying, "…"': (
        'Trump attacked Clinton for her vote, saying, "She is trigger-happy."',
        "Trump",
        "saying",
    ),
    'X did something to A, B and C, adding "…"': (
        'Smith warned Kyiv, Lviv and Odesa, adding that "more will come".',
        "Smith",
        "adding",
    ),
    'X <any verb>: "…"': (
        "Democratic Sen. Claire McCaskill (D-Mo.) scolded him: “The community is against you.”",
        "Democratic Sen. Claire McCaskill",
        "scolded",
    ),
    'X <any verb>, "…"': ('Smith continued, "We are not done."', "Smith", "continued"),
    "speech verb earlier in the sentence": (
        'The spokesperson also mentioned that there is an "active conversation" about it.',
        "The spokesperson",
        "mentioned",
    ),
    "X said at the end of the sentence": (
        'Talks "in the short term" are ruled out, the envoy said.',
        "the envoy",
        "said",
    ),
    "British single quotes": (
        "‘We don’t want Ukraine’s defeat,’ the minister said.",
        "the minister",
        "said",
    ),
}


CANONICAL = {
    '"…," said X': "Rustem Umerov",
    "''…,'' said X": "Burman",
    'X said, "…"': "Lee",
    '"…," X (party) said': "Elijah E. Cummings",
    'X <any verb>: "…"': "Claire McCaskill",
}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_attribution_pattern(pattern: str) -> None:
    article, mention, cue = PATTERNS[pattern]
    [quote] = attributed(article)
    assert (quote.speaker, quote.cue.text if quote.cue else None) == (
        CANONICAL.get(pattern, mention),
        cue,
    )
    assert quote.speaker_mention is not None
    assert (quote.speaker_mention.start, quote.speaker_mention.text) == (
        article.index(mention),
        mention,
    )


def test_source_label_names_the_speaker_of_a_block_quote() -> None:
    article = (
        "Source: a spokesperson for the ministry during a press briefing, as reported by TV\n\n"
        'Quote: "There is no consensus at this time."'
    )
    assert speakers(article) == [
        ("There is no consensus at this time.", "a spokesperson for the ministry", "Source")
    ]


def test_speaker_named_in_the_sentence_before_the_quote() -> None:
    article = 'The Prime Minister said in a statement:\n\n"We stand ready."'
    assert speakers(article) == [("We stand ready.", "The Prime Minister", "said")]


def test_speaker_named_before_a_colon_in_the_paragraph_before() -> None:
    article = "On July 6, 2015, Sanders made the following comment:\n\n“Young people need jobs.”"
    assert speakers(article) == [("Young people need jobs.", "Sanders", "made")]


def test_a_bare_quote_continues_the_previous_speaker() -> None:
    article = '"We will win," Smith said.\n\n"The war is almost over."'
    assert [s for _, s, _ in speakers(article)] == ["Smith", "Smith"]


def test_a_resolved_speaker_keeps_the_span_of_its_mention() -> None:
    article = 'Senator Jane Doe spoke.\n\n"We are ready," she said.'
    [quote] = attributed(article)
    assert quote.speaker == "Jane Doe"
    assert quote.speaker_mention == Span(article.index("she"), article.index("she") + 3, "she")
    assert quote.cue == Span(article.index("said"), article.index("said") + 4, "said")


def test_pronouns_take_the_last_named_speaker() -> None:
    article = (
        'Senator Jane Doe spoke to reporters.\n\n"We are ready," she said.\n\n'
        'Asked about the budget, Governor Ray Lin said "no".\n\n'
        '"We will see," he added. They insisted that "talks continue".'
    )
    assert speakers(article) == [
        ("We are ready,", "Jane Doe", "said"),
        ("no", "Ray Lin", "said"),
        ("We will see,", "Ray Lin", "added"),
        ("talks continue", None, None),  # "They" is a group, and none was named
    ]


def test_descriptions_refer_back_to_an_earlier_speaker() -> None:
    article = (
        "Source: a senior official from the US administration\n\n"
        'Quote: "There is no consensus."\n\n'
        'The official stated that "we are going to resource this effort".\n\n'
        'The Biden administration representative also mentioned an "active conversation".\n\n'
        '"It is final," the spokesman said.'
    )
    official = "a senior official from the US administration"
    assert [s for _, s, _ in speakers(article)] == [official, official, official, "the spokesman"]


def test_a_description_is_a_speaker_when_nothing_earlier_matches() -> None:
    [quote] = attributed('"We are ready," a senior diplomat said.')
    assert quote.speaker == "a senior diplomat"


def test_multi_paragraph_quote_is_attributed_after_its_last_paragraph() -> None:
    article = '"We will not give up.\n\n"Never," Olena Kovalenko said.'
    assert speakers(article) == [("We will not give up.\nNever,", "Olena Kovalenko", "said")]


def test_unattributable_quotes_get_no_speaker() -> None:
    article = (
        '"A bare quote with nobody before it."\n\n'
        '"We will win," Smith said.\n\n'
        'The so-called "peace plan" was rejected.\n\n'
        "The weather was cold all week.\n\n"
        '"A bare quote two paragraphs after the last speaker."'
    )
    assert [s for _, s, _ in speakers(article)] == [None, "Smith", None, None]


def test_clause_words_are_not_speakers() -> None:
    assert speakers('"It is over" is what officials said.') == [("It is over", None, None)]


def test_a_pronoun_without_an_earlier_speaker_is_not_resolved() -> None:
    assert speakers('"It is over," he said.') == [("It is over,", None, None)]


def test_speakers_are_never_read_from_inside_a_quote() -> None:
    article = 'Jones said: "Lee told me that Smith said so."\n\n"It is true."'
    assert [s for _, s, _ in speakers(article)] == ["Jones", "Jones"]


def test_a_cue_right_before_the_quote_wins_over_the_next_sentence() -> None:
    article = 'Smith said: "We are ready." Jones added that the plan was new.'
    assert speakers(article) == [("We are ready.", "Smith", "said")]


def test_attribute_returns_copies_in_order() -> None:
    article = '"One," Smith said. "Two," Jones said.'
    found = extract_quotes(article)
    result = attribute(article, found)
    assert [q.speaker for q in result] == ["Smith", "Jones"]
    assert [q.speaker for q in found] == [None, None]
    assert attribute(article, []) == []


@pytest.mark.parametrize(
    ("text", "quotes", "message"),
    [
        (b"bytes", [], r"attribute: expected text to be a str.*got bytes"),
        ("text", "not quotes", r"attribute: expected quotes to be a list of Quote.*got str"),
        (
            "text",
            [{"text": "x"}],
            r"expected quotes to be a list of Quote.*got a list holding \['dict'\]",
        ),
        (
            "A different article.",
            extract_quotes('Smith said: "We will win the war."'),
            r"quote 0 \('We will win the war.'\) is not at offsets 13:33.*same text",
        ),
    ],
)
def test_bad_input_names_the_argument(text, quotes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        attribute(text, quotes)


def test_seed_speakers_match_the_gold_file() -> None:
    article = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    gold = {}
    for line in SEED.with_suffix(".gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["text"]] = row["speaker"]
    found = {s.text: q.speaker for q in attributed(article) for s in q.sentences}
    assert found == gold


def test_seed_indirect_speech_is_attributed() -> None:
    article = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    official = "a senior official from the US administration"
    indirect = [q for q in attributed(article, direct_only=False) if q.kind == "indirect"]
    assert [(q.text[:24], q.speaker) for q in indirect] == [
        ("there is currently no co", "Officials in US President Joe Biden's administration"),
        ("the US wants Ukraine to ", official),
        ("on Friday, 18 October, B", official),
        ("Ukraine will join the Al", "Mark Rutte"),
    ]


# Failures seen on real news: (article, [(canonical speaker, mention)] per quote).
REAL_NEWS = {
    "pronoun after an organisation": (
        "Cindy Woodhouse met the chiefs. The AFN Youth Council said it would appeal.\n\n"
        '"We will not stop," she said.',
        [("Cindy Woodhouse", "she")],
    ),
    "apposition before a quote, no speech verb": (
        'The spokeswoman, Ana Ruiz, went through the figures. "We counted every ballot twice."',
        [("Ana Ruiz", "The spokeswoman")],
    ),
    "the mayor after Mayor X": (
        'Mayor Doug McCallum arrived late.\n\n"We have a plan," the mayor said.',
        [("Doug McCallum", "the mayor")],
    ),
    "guillemets after according to": (
        "According to the minister, «the talks are over».",
        [("the minister", "the minister")],
    ),
    "single quotes after according to": (
        "According to Smith, 'the deal is dead.'",
        [("Smith", "Smith")],
    ),
    "two speakers in one paragraph": (
        '"We will win," said John Smith. "We will lose," Mary Jones replied.',
        [("John Smith", "John Smith"), ("Mary Jones", "Mary Jones")],
    ),
    "a quote split by its cue": (
        '"We will win," Smith said, "and soon."',
        [("Smith", "Smith"), ("Smith", "Smith")],
    ),
    "a pronoun in a passive frame": (
        'Jane Doe left the room. "It is over," she was quoted as saying.',
        [("Jane Doe", "she")],
    ),
    "surname and pronoun of one person": (
        'US Ambassador to NATO Julianne Smith spoke in Brussels. "We are united," Smith said.'
        '\n\n"Nothing has changed," she added.',
        [("Julianne Smith", "Smith"), ("Julianne Smith", "she")],
    ),
    "a pronoun skips a person of the other gender": (
        'Hillary Clinton met Mike Pence. "It went well," she said.',
        [("Hillary Clinton", "she")],
    ),
    "a surname the article names in full elsewhere": (
        '"It went well," Clinton said. Hillary Clinton met Mike Pence later.\n\n'
        '"We agreed," she added.',
        [("Hillary Clinton", "Clinton"), ("Hillary Clinton", "she")],
    ),
    "a parenthetical cue": (
        'Back home, Mr. Clarke said, he decided to "take aim" at coal.',
        [("Clarke", "Mr. Clarke")],
    ),
    "a fragment used by the subject, no speech verb": (
        "Trump described the incident as a “terrible situation” on Monday.",
        [("Trump", "Trump")],
    ),
    "title and apposition in the mention": (
        'US Ambassador to NATO Julianne Smith said: "We are ready."',
        [("Julianne Smith", "US Ambassador to NATO Julianne Smith")],
    ),
}


@pytest.mark.parametrize("case", REAL_NEWS)
def test_failures_seen_on_real_news(case: str) -> None:
    article, expected = REAL_NEWS[case]
    found = attributed(article)
    assert [(q.speaker, q.speaker_mention and q.speaker_mention.text) for q in found] == expected


def test_scare_quotes_stay_unattributed() -> None:
    article = 'Smith visited the so-called "peace camp". The "reform" failed.'
    assert [q.speaker for q in attributed(article)] == [None, None]


def test_an_unnamed_pronoun_is_never_resolved_to_an_organisation() -> None:
    article = 'The AFN Youth Council said it would appeal. "We will not stop," she said.'
    assert [q.speaker for q in attributed(article)] == [None]
