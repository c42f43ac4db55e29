"""From an article to its quotes, their speakers, and the stance of each quoted sentence."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from stancer.attribution import attribute
from stancer.quotes import Quote, extract_quotes
from stancer.stance import LABELS, Stance


@dataclass(frozen=True)
class QuotedSentence:
    """One sentence of a quote, who said it, and its stance toward each target.

    Attributes:
        quote_id: The quote it belongs to (0-based, in article order).
        text: The sentence.
        start: Its offset in the article.
        end: Its end offset in the article.
        speaker: Who said it; None when the article does not say.
        stances: Target → `Stance`.
    """

    quote_id: int
    text: str
    start: int
    end: int
    speaker: str | None
    stances: dict[str, Stance]


@dataclass
class Analysis:
    """The result of `analyze`: quoted sentences and a per-speaker summary."""

    text: str
    targets: list[str]
    quotes: list[Quote]
    sentences: list[QuotedSentence]
    #: Speaker (None for unattributed quotes) → target → {"label", "scores" (mean), "sentences"}.
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
                    "speaker": s.speaker,
                    "stances": {
                        t: {"label": v.label, "scores": v.scores} for t, v in s.stances.items()
                    },
                }
                for s in self.sentences
            ],
            "speakers": [{"speaker": k, "targets": v} for k, v in self.speakers.items()],
        }


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
                "sentences": len(own),
            }
    return summary


def analyze(
    text: str,
    targets: str | list[str],
    *,
    model: str | os.PathLike[str] | None = None,
    indirect: bool = False,
    batch_size: int = 32,
) -> Analysis:
    """Extract the quotes of an article, attribute them, and classify each quoted sentence.

    Args:
        text: The article.
        targets: One target proposition or a list of them.
        model: As for `stancer.predict` (``None`` is the shipped default).
        indirect: Also take indirect speech (``X said that …`` without quote marks).
        batch_size: Pairs per forward pass.

    Example:
        >>> import stancer
        >>> result = stancer.analyze('"We will stand with Ukraine," the official said.',
        ...                          ["Western countries should increase military support for Ukraine"])  # doctest: +SKIP
        >>> result.sentences[0].speaker, result.sentences[0].stances  # doctest: +SKIP
    """
    from stancer.api import predict

    if not isinstance(text, str):
        raise ValueError(f"text: expected the article as a str, got {type(text).__name__}")
    target_list = [targets] if isinstance(targets, str) else list(targets)
    if not target_list or not all(isinstance(t, str) and t.strip() for t in target_list):
        raise ValueError(f"targets: expected one or more non-empty str, got {targets!r:.80}")
    quotes = attribute(text, extract_quotes(text, indirect=indirect))
    spans = [(q, s) for q in quotes for s in q.sentences]
    pairs_text = [s.text for _, s in spans for _ in target_list]
    pairs_target = [t for _ in spans for t in target_list]
    stances = predict(pairs_text, pairs_target, model=model, batch_size=batch_size) if spans else []
    sentences = []
    for i, (quote, span) in enumerate(spans):
        own = stances[i * len(target_list) : (i + 1) * len(target_list)]
        sentences.append(
            QuotedSentence(
                quote_id=quote.id,
                text=span.text,
                start=span.start,
                end=span.end,
                speaker=quote.speaker,
                stances=dict(zip(target_list, own, strict=True)),
            )
        )
    return Analysis(text, target_list, quotes, sentences, summarise(sentences, target_list))
