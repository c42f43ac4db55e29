"""From an article to its attributed statements (quoted sentences, quoted fragments with the
clause that reports them, indirect speech), their speakers, and the stance of each."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancer.model.inputs import check_targets
from stancer.news.attribution import find_attributions
from stancer.news.parsing import parse
from stancer.news.quotes import Quote
from stancer.news.reported import statement
from stancer.news.text import Span, require_str
from stancer.stance import LABELS, Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from stancer.model.classifier import StanceClassifier

#: How a sentence is attributed: a full quote, indirect speech, or a quoted fragment inside
#: reported speech (classified with the clause that reports it).
KINDS = {"direct": "direct", "block": "direct", "partial": "mixed", "indirect": "indirect"}


@dataclass(frozen=True)
class QuotedSentence:
    """One attributed statement: a sentence of a quote, a quoted fragment, or a clause of indirect
    speech, who said it, and its stance toward each target.

    Attributes:
        quote_id: The quote it belongs to (0-based, in article order).
        text: The sentence or fragment, as quoted.
        start: Its offset in the article.
        end: Its end offset in the article.
        kind: ``"direct"`` (a full quote), ``"indirect"`` (reported speech, no quote marks) or
            ``"mixed"`` (a quoted fragment inside reported speech).
        statement: What the stance is read from: ``text`` itself, or for a fragment the clause
            that reports it (`stancer.news.reported.statement`).
        speaker: Who said it, by canonical name ("Julianne Smith"); None when the article does
            not say.
        speaker_mention: The words that name the speaker at that point ("she", "US Ambassador
            to NATO Julianne Smith"), with offsets; None with ``speaker``.
        stances: Target → `Stance` of ``statement``.
    """

    quote_id: int
    text: str
    start: int
    end: int
    kind: str
    statement: Span
    speaker: str | None
    speaker_mention: Span | None
    stances: dict[str, Stance]


@dataclass
class Analysis:
    """The result of `analyze`: quoted sentences and a per-speaker summary."""

    text: str
    targets: list[str]
    quotes: list[Quote]
    sentences: list[QuotedSentence]
    #: Speaker (None for unattributed quotes) → target → {"label", "scores" (mean),
    #: "statements" (how many)}.
    speakers: dict[str | None, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "targets": self.targets,
            "sentences": [
                {
                    "quote_id": s.quote_id,
                    "text": s.text,
                    "start": s.start,
                    "end": s.end,
                    "kind": s.kind,
                    "statement": _span_dict(s.statement),
                    "speaker": s.speaker,
                    "speaker_mention": s.speaker_mention and _span_dict(s.speaker_mention),
                    "stances": {
                        t: {"label": v.label, "scores": v.scores} for t, v in s.stances.items()
                    },
                }
                for s in self.sentences
            ],
            "speakers": [{"speaker": k, "targets": v} for k, v in self.speakers.items()],
        }


def statements(doc: Doc, quotes: list[Quote]) -> list[tuple[Quote, Span, Span]]:
    """What is classified, as ``(quote, words as quoted, statement)``: each sentence of a full
    quote or of indirect speech as itself, a quoted fragment with the clause that reports it."""
    units: list[tuple[Quote, Span, Span]] = []
    for quote in quotes:
        if quote.kind == "partial":
            units.append((quote, Span(quote.start, quote.end, quote.text), statement(doc, quote)))
        else:
            units += [(quote, s, s) for s in quote.sentences]
    return units


def _span_dict(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def summarise(
    sentences: list[QuotedSentence], targets: list[str]
) -> dict[str | None, dict[str, dict[str, Any]]]:
    """Per speaker and target: the mean scores over the speaker's sentences, and their argmax."""
    grouped: dict[str | None, list[QuotedSentence]] = defaultdict(list)
    for sentence in sentences:
        grouped[sentence.speaker].append(sentence)
    summary: dict[str | None, dict[str, dict[str, Any]]] = {}
    for speaker, own in grouped.items():
        summary[speaker] = {}
        for target in targets:
            mean = {
                label: sum(s.stances[target].scores[label] for s in own) / len(own)
                for label in LABELS
            }
            summary[speaker][target] = {
                "label": max(mean, key=mean.__getitem__),
                "scores": mean,
                "statements": len(own),
            }
    return summary


def analyze(
    text: str,
    targets: str | list[str],
    *,
    model: str | os.PathLike[str] | StanceClassifier | None = None,
    direct_only: bool = False,
    batch_size: int = 32,
) -> Analysis:
    """Find the attributed statements of an article and classify each toward the targets.

    Quotes come from their marks (`stancer.news.quotes`), indirect speech and speakers from the parse
    (`stancer.news.attribution.find_attributions`); each full quote's sentences are classified as
    themselves, a quoted fragment with the clause that reports it.

    Args:
        text: The article.
        targets: One target proposition or a list of them.
        model: As for `stancer.predict`: a name, a folder, a hub id or a loaded
            `StanceClassifier` (``None`` is the shipped default).
        direct_only: Only quotes with quote marks; no indirect speech.
        batch_size: Pairs per forward pass.

    Example:
        >>> import stancer
        >>> result = stancer.analyze('"We will stand with Ukraine," the official said.',
        ...                          ["Western countries should increase military support for Ukraine"])  # doctest: +SKIP
        >>> result.sentences[0].speaker, result.sentences[0].stances  # doctest: +SKIP
    """
    from stancer.model.api import predict

    require_str("analyze", "text", text)
    if "\n" not in text and len(text) < 1024 and Path(text).is_file():
        raise ValueError(
            f"analyze: got the path of a file ({text!r}) as the text; pass its contents: "
            "open(path, encoding='utf-8').read()"
        )
    target_list = check_targets(targets)
    doc = parse(text)
    quotes = find_attributions(text, direct_only=direct_only, doc=doc)
    units = statements(doc, quotes)
    pairs_text = [said.text for _, _, said in units for _ in target_list]
    pairs_target = [t for _ in units for t in target_list]
    stances = predict(pairs_text, pairs_target, model=model, batch_size=batch_size) if units else []
    sentences = []
    for i, (quote, span, said) in enumerate(units):
        own = stances[i * len(target_list) : (i + 1) * len(target_list)]
        sentences.append(
            QuotedSentence(
                quote_id=quote.id,
                text=span.text,
                start=span.start,
                end=span.end,
                kind=KINDS[quote.kind],
                statement=said,
                speaker=quote.speaker,
                speaker_mention=quote.speaker_mention,
                stances=dict(zip(target_list, own, strict=True)),
            )
        )
    return Analysis(text, target_list, quotes, sentences, summarise(sentences, target_list))
