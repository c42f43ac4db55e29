"""PolNeAR reading and quote scoring: a hand-computed article, the matching rules, the corpus."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from stancer.bench.quotes import (
    PRIMARY_METRIC,
    gold_name,
    gold_speakers,
    head_word,
    same_speaker,
    score_quotes,
    speaker_matches,
)
from stancer.bench.spans import jaccard, match_exact, match_overlap, trim_span
from stancer.data.polnear import Article, Attribution, is_direct_quote, load_polnear
from stancer.exceptions import DataError
from stancer.news.text import Span


@dataclass(frozen=True)
class FakeQuote:
    """The part of `stancer.news.quotes.Quote` that scoring reads."""

    start: int
    end: int
    speaker: str | None = None
    speaker_mention: Span | None = None


def span(text: str, part: str, occurrence: int = 0) -> Span:
    """The ``occurrence``-th appearance of ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


# ------------------------------------------------------------------------------ hand-computed

TEXT = (
    'Smith said: "We will win this race." Jones disagreed. "It is over," she said, '
    '"and we know it." The mayor said the plan was "a disaster" for the city.'
)


def hand_article() -> Article:
    """Three gold attributions: two direct quotes (one interrupted by its cue), one paraphrase."""
    g1 = span(TEXT, '"We will win this race."')
    g2 = (span(TEXT, '"It is over,"'), span(TEXT, '"and we know it."'))
    g3 = span(TEXT, 'the plan was "a disaster" for the city')
    gold = (
        Attribution(g1, span(TEXT, "Smith"), span(TEXT, "said"), True, (g1,), "a1"),
        Attribution(
            Span(g2[0].start, g2[1].end, TEXT[g2[0].start : g2[1].end]),
            span(TEXT, "she"),
            span(TEXT, "said", 1),
            True,
            g2,
            "a1",
        ),
        Attribution(g3, span(TEXT, "The mayor"), span(TEXT, "said", 2), False, (g3,), "a1"),
        # A second annotator's copy of the first quote: scoring uses only the first annotator.
        Attribution(g1, span(TEXT, "Smith"), span(TEXT, "said"), True, (g1,), "b2"),
    )
    return Article("hand", TEXT, gold, ("a1", "b2"))


def hand_extractor(text: str) -> list[FakeQuote]:
    we_will_win = span(text, "We will win")
    return [
        # P1 overlaps gold 1 (Jaccard 11/21) without matching it exactly; right speaker by head word.
        FakeQuote(we_will_win.start, we_will_win.end, speaker="John Smith"),
        # P2 + P3 are the halves of gold 2, one unit that matches it exactly. P3 shares more
        # characters with the gold (14 vs 10), so its wrong speaker is the unit's speaker.
        FakeQuote(*_offsets(span(text, "It is over")), "she", span(text, "she")),
        FakeQuote(*_offsets(span(text, "and we know it.")), "Jones", span(text, "Jones")),
        # P4 lies inside the paraphrase (gold 3): out of the direct view; Jaccard 10/38 < 0.3.
        FakeQuote(*_offsets(span(text, "a disaster"))),
        # P5 is no attribution at all: a false positive in both views.
        FakeQuote(*_offsets(span(text, "Jones disagreed"))),
    ]


def _offsets(s: Span) -> tuple[int, int]:
    return s.start, s.end


def test_hand_computed_scores() -> None:
    m = score_quotes([hand_article()], hand_extractor)
    # direct view: gold {1, 2}; units {P1}, {P2, P3}, {P5}; P4 belongs to a paraphrase.
    assert (m["direct/gold"], m["direct/predicted"]) == (2, 3)
    assert m["direct/exact_matches"] == 1  # {P2, P3} = gold 2 once trimmed of marks and commas
    assert m["direct/exact_precision"] == pytest.approx(1 / 3)
    assert m["direct/exact_recall"] == pytest.approx(1 / 2)
    assert m["direct/exact_f1"] == pytest.approx(0.4)
    assert m["direct/overlap_matches"] == 2
    assert m["direct/overlap_precision"] == pytest.approx(2 / 3)
    assert m["direct/overlap_recall"] == pytest.approx(1.0)
    assert m["direct/overlap_f1"] == pytest.approx(0.8)
    assert m["direct/speaker_pairs"] == 2
    assert m["direct/speaker_accuracy"] == pytest.approx(1 / 2)  # P1 right, P3 wrong
    # all view: gold {1, 2, 3}; units {P1}, {P2, P3}, {P4}, {P5}.
    assert (m["all/gold"], m["all/predicted"]) == (3, 4)
    assert m["all/exact_precision"] == pytest.approx(1 / 4)
    assert m["all/exact_recall"] == pytest.approx(1 / 3)
    assert m["all/exact_f1"] == pytest.approx(2 / 7)
    assert m["all/overlap_precision"] == pytest.approx(1 / 2)
    assert m["all/overlap_recall"] == pytest.approx(2 / 3)
    assert m["all/overlap_f1"] == pytest.approx(4 / 7)
    assert m["all/speaker_accuracy"] == pytest.approx(1 / 2)
    assert (m["articles"], m["quotes"], m["overlap_threshold"]) == (1, 5, 0.3)
    assert PRIMARY_METRIC in m


def test_overlap_threshold_admits_the_partial_quote() -> None:
    # At 0.25, P4 ("a disaster", Jaccard 10/38 = 0.263) matches the paraphrase; it has no speaker.
    m = score_quotes([hand_article()], hand_extractor, overlap=0.25)
    assert m["all/overlap_matches"] == 3
    assert m["all/overlap_precision"] == pytest.approx(3 / 4)
    assert m["all/speaker_accuracy"] == pytest.approx(1 / 3)
    assert m["direct/overlap_f1"] == pytest.approx(0.8)  # the direct view does not see P4


def test_no_predictions_scores_zero() -> None:
    m = score_quotes([hand_article()], lambda text: [])
    assert m["direct/predicted"] == 0
    assert m["direct/overlap_precision"] == m["direct/overlap_f1"] == 0.0
    assert m["direct/speaker_accuracy"] == 0.0


# ------------------------------------------------------------------------------ the rules


@pytest.mark.parametrize(
    ("text", "part", "direct"),
    [
        ("He said: “We will win,” and left.", "“We will win,”", True),
        ('He said: "Go home". Then', '"Go home".', True),  # period after the closing mark
        ("''I love Oreos,'' he said.", "''I love Oreos,''", True),  # NYT's double apostrophes
        ('He said "we will win" today', "we will win", True),  # only the inside selected
        ('"A," he said, "B."', '"A," he said, "B."', True),  # interrupted by its cue
        ('Clinton is "dogged and smart," it wrote', 'Clinton is "dogged and smart,"', False),
        ("He said that they would win.", "they would win", False),
    ],
)
def test_is_direct_quote(text: str, part: str, direct: bool) -> None:
    s = span(text, part)
    assert is_direct_quote(text, s.start, s.end) is direct


def test_trim_span_drops_marks_commas_and_space() -> None:
    text = " x “We win,” y"
    start, end = trim_span(text, 2, 13)
    assert text[start:end] == "We win"
    assert trim_span(text, 3, 3) == (3, 3)


def test_jaccard() -> None:
    assert jaccard([(0, 10)], [(5, 15)]) == pytest.approx(1 / 3)
    assert jaccard([(0, 10)], [(0, 4), (6, 10)]) == pytest.approx(8 / 10)  # gold with a gap
    assert jaccard([(0, 5)], [(5, 9)]) == 0.0
    assert jaccard([], []) == 0.0


def test_matching_is_one_to_one() -> None:
    # Two predictions over one gold: only the closer one (Jaccard 1 vs 0.5) matches.
    assert match_overlap([[(0, 5)], [(0, 10)]], [[(0, 10)]], 0.3) == [(1, 0)]
    # Two identical predictions: one exact match.
    assert match_exact([[(0, 10)], [(0, 10)]], [[(0, 10)]]) == [(0, 0)]
    # The greedy order gives each gold its best free prediction.
    assert match_overlap([[(0, 10)], [(10, 20)]], [[(0, 12)], [(9, 20)]], 0.3) == [(1, 1), (0, 0)]


def test_speaker_rules() -> None:
    source = Span(20, 35, "Hillary Clinton")
    assert speaker_matches(None, Span(28, 40, "Clinton said"), source)  # spans overlap
    assert speaker_matches("Mrs. Clinton", None, source)  # same head word
    assert not speaker_matches("Donald Trump", Span(0, 12, "Donald Trump"), source)
    assert not speaker_matches(None, None, source)
    assert head_word("Clinton's campaign") == "clinton"
    assert head_word("the party's") == "party"
    assert head_word("The report") == head_word("the report") == "report"
    assert head_word("the narrator in the 30-second spot") == "narrator"
    assert head_word("Representative Maxine Waters, a California Democrat,") == "waters"
    assert head_word("the influential US daily") == "us"
    assert head_word("she") == "she"
    assert head_word("--") is None


def test_canonical_speaker_rules() -> None:
    text = (
        "Julianne Smith spoke. Then she spoke. The official spoke. "
        "Another critic, Laurence H. Tribe, spoke."
    )
    sources = ["Julianne Smith", "she", "The official", "Another critic, Laurence H. Tribe,"]
    gold = [
        Attribution(None, span(text, words), None, False, (), "a1") for words in reversed(sources)
    ]  # in any order: antecedents follow the text
    names = dict(zip(reversed(sources), gold_speakers(gold), strict=True))
    assert names["she"] == ("she", "Julianne Smith")
    assert names["The official"] == ("The official", "Julianne Smith")
    assert same_speaker("Julianne Smith", names["she"])  # a pronoun resolved to the right person
    assert not same_speaker("Laurence H. Tribe", names["she"])
    assert same_speaker("a senior official", names["The official"])  # the description itself
    assert same_speaker("Laurence H. Tribe", names["Another critic, Laurence H. Tribe,"])
    assert not same_speaker(None, names["Julianne Smith"])
    assert gold_name("Another critic, Laurence H. Tribe,") == " Laurence H. Tribe"
    assert head_word("Rep. Gwen Moore (D-Wis.)") == "moore"


def test_bad_overlap_and_bad_offsets_raise() -> None:
    with pytest.raises(ValueError, match=r"overlap: expected a Jaccard threshold in \(0, 1\]"):
        score_quotes([hand_article()], hand_extractor, overlap=0)
    too_far = len(TEXT) + 1
    with pytest.raises(ValueError, match=rf"article hand: .* got start=0, end={too_far}"):
        score_quotes([hand_article()], lambda text: [FakeQuote(0, too_far)])


# ------------------------------------------------------------------------------ reading files

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    'T3\tContent 12 21;31 45\t"We win," "and we lose."\n'
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 56 67\tit was\nfine\n"  # brat writes a line break inside a span verbatim
    "T6\tCue 51 55\tsaid\n"
    "T7\tContent2 72 75\tbut\n"
    "T8\tAttribution-no-source 51 55\tsaid\n"
    "E2\tAttribution-no-source:T8 Content:T5 Cue:T6 Content2:T7\n"
    "T9\tDiscard 0 5\tSmith\n"
    "#1\tAnnotatorNotes T9\tcheck this\n"
)
ARTICLE = 'Smith said: "We win," he said, "and we lose." They said it was\nfine, oh but no.'


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = root / "data" / "test" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def test_read_a_small_corpus(tmp_path: Path) -> None:
    root = write_corpus(
        tmp_path,
        {
            "text/a.txt": ARTICLE,
            "attributions/a_x1.ann": ANN,
            "text/empty.txt": "Nothing is said here.",
            "attributions/empty_x1.ann": "",
        },
    )
    (article,) = load_polnear(root, "test")  # the article without attributions is left out
    assert (article.id, article.annotators) == ("a", ("x1",))
    first, second = article.attributions
    assert [p.text for p in first.content_pieces] == ['"We win,"', '"and we lose."']
    assert first.content == Span(12, 45, '"We win," he said, "and we lose."')
    assert (first.source, first.direct) == (Span(0, 5, "Smith"), True)
    # Content2 joins Content; no source; the span across a line break is read whole.
    assert [p.text for p in second.content_pieces] == ["it was\nfine", "but"]
    assert second.source is None and second.cue == Span(51, 55, "said")
    assert second.direct is False
    assert load_polnear(tmp_path / "data", "test")[0] == article  # the data folder works too


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"attributions/a_x1.ann": ANN}, r"a_x1\.ann: expected its article text at .*a\.txt"),
        (
            {"text/a.txt": ARTICLE, "attributions/a_x1.ann": "T1\tSource 0 5\tSmitty\n"},
            r"a_x1\.ann, line 1: offsets 0 5 give 'Smith' but the file says 'Smitty'",
        ),
        (
            {"text/a.txt": ARTICLE, "attributions/a_x1.ann": "T1\tSource 0 500\tSmith\n"},
            r"a_x1\.ann, line 1: offsets 0 500 fall outside the article text \(79 characters\)",
        ),
        (
            {"text/a.txt": ARTICLE, "attributions/a_x1.ann": "T1\tSource 0 5\tSmith\nE1\tWho:T1"},
            r"a_x1\.ann, line 2: expected arguments Source/Cue/Content\[2\]:T<n> .* found 'Who:T1'",
        ),
        (
            {"text/a.txt": ARTICLE, "attributions/a_x1.ann": "stray words\n"},
            r"a_x1\.ann, line 1: expected a brat record .* found 'stray words'",
        ),
        ({"text/a.txt": ARTICLE, "attributions/nounderscore.ann": ""}, r"<article>_<annotator>"),
    ],
)
def test_bad_files_raise_naming_the_file(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    with pytest.raises(DataError, match=message):
        load_polnear(write_corpus(tmp_path, files), "test")


def test_missing_folder_or_split_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DataError, match=rf"split 'test': no folder {re.escape(str(missing))}"):
        load_polnear(missing)
    write_corpus(tmp_path, {"text/a.txt": ARTICLE, "attributions/a_x1.ann": ANN})
    with pytest.raises(DataError, match=r"PolNeAR split 'dev': no folder .*dev/attributions"):
        load_polnear(tmp_path, "dev")
    with pytest.raises(DataError, match=r"split: expected one of \['train', 'dev', 'test'\]"):
        load_polnear(tmp_path, "validation")


# ------------------------------------------------------------------------------ the corpus

#: The data README's counts for PolNeAR (networkdynamics/PolNeAR @c3eee833).
README_COUNTS = {"train": (838, 22501), "dev": (84, 2320), "test": (84, 2231)}


@pytest.fixture(scope="module")
def polnear(data_dir: Path) -> Path:
    return data_dir / "polnear"


@pytest.mark.data
@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_polnear_counts_and_direct_share(polnear: Path, split: str) -> None:
    articles = load_polnear(polnear, split)
    attributions = [a for article in articles for a in article.attributions]
    assert (len(articles), len(attributions)) == README_COUNTS[split]
    # About one PolNeAR attribution in five is a direct quote (0.193 / 0.200 / 0.196 in train /
    # dev / test); the rest are paraphrases and partial quotes. A rule blind to curly quotes
    # gives 0.11 on test, so the range catches a broken mark set.
    share = sum(a.direct for a in attributions) / len(attributions)
    assert 0.17 <= share <= 0.23


_T_RECORD = re.compile(
    r"^(T\d+)\t\S+ ([\d; ]+)\t(.*?)(?=\n(?:[TEARMN]|#)\d+\t|\n*\Z)", re.MULTILINE | re.DOTALL
)


@pytest.mark.data
def test_polnear_offsets_reproduce_the_annotated_text(polnear: Path) -> None:
    """Checked against the ``.ann`` files themselves, read here by an independent parser."""
    folder = polnear / "data" / "test" / "attributions"
    checked = 0
    for article in load_polnear(polnear, "test"):
        for annotator in article.annotators:
            annotated: set[int] = set()  # the characters inside this file's spans
            for name, offsets, written in _T_RECORD.findall(
                (folder / f"{article.id}_{annotator}.ann").read_text(encoding="utf-8")
            ):
                pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
                assert " ".join(article.text[s:e] for s, e in pieces) == written, name
                annotated.update(i for s, e in pieces for i in range(s, e))
            for attribution in article.attributions:
                if attribution.annotator != annotator:
                    continue
                spans = [attribution.source, attribution.cue, *attribution.content_pieces]
                for s in spans:
                    if s is not None:
                        assert annotated.issuperset(range(s.start, s.end))
                        assert s.text == article.text[s.start : s.end]
                        checked += 1
    assert checked > 3 * 2231 - 193  # content, cue and (for 2038 of 2231) source


# ------------------------------------------------------------------------------ a regex baseline

_QUOTED = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')
_NAME = r"((?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*)*|he|she|they)"
_VERB = r"(?:said|says|added|told|wrote)"
_SAID = re.compile(rf"[\s,]*(?:{_VERB}\s+{_NAME}|{_NAME}\s+{_VERB})")


def regex_extractor(text: str) -> list[FakeQuote]:
    """Text between straight or curly double quotes; the speaker from "said X" / "X said" after."""
    quotes = []
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        said = _SAID.match(text, match.end())
        speaker = None
        if said is not None:
            name = 1 if said.group(1) else 2
            speaker = Span(said.start(name), said.end(name), said.group(name))
        quotes.append(
            FakeQuote(match.start(group), match.end(group), speaker and speaker.text, speaker)
        )
    return quotes


@pytest.mark.data
def test_regex_baseline_on_the_test_split(polnear: Path) -> None:
    m = score_quotes(load_polnear(polnear, "test"), regex_extractor)
    # One annotator per article: 2231 less the five extra copies of 2 articles (220 - 33).
    assert (m["all/gold"], m["direct/gold"]) == (2044, 410)
    # Text in quotation marks is nearly every direct quote, and not much else ...
    assert m["direct/overlap_recall"] >= 0.9
    assert m["direct/overlap_f1"] >= 0.85
    # ... but paraphrase has no marks, so most of PolNeAR stays out of reach.
    assert 0.15 <= m["all/overlap_recall"] <= 0.4
    # "said X" / "X said" right after the quote finds about two speakers in five (0.42).
    assert 0.15 <= m["direct/speaker_accuracy"] <= 0.5
