"""The input contract of a stance model: the accepted forms of (text, target) input, the checks
every text passes, and how a pair becomes token ids (the target put into its template, the text
cut to fit). Training and inference both encode through `encode_pairs`, so they never disagree.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

#: Where the target goes in a target template; a template of just this leaves the target as it is.
PLAIN_TARGET = "{target}"
#: The most tokens of one (target, text) pair, where neither a model folder nor a config says.
DEFAULT_MAX_LENGTH = 256


def as_pairs(texts: Sequence[Any], targets: str | Sequence[str] | None) -> list[tuple[str, str]]:
    """Normalise the accepted input forms into a list of (text, target) pairs."""
    forms = (
        "accepted forms: predict(texts, targets='one target'), "
        "predict(texts, targets=[one target per text]), or predict([(text, target), ...])"
    )
    if isinstance(texts, str):
        raise ValueError(
            f"texts: expected a list of strings, got one str; wrap it in a list. {forms}"
        )
    if not hasattr(texts, "__iter__") or isinstance(texts, bytes | Mapping):
        raise ValueError(
            f"texts: expected a str, a list of str or a list of (text, target) pairs, got "
            f"{type(texts).__name__} {texts!r:.60}. {forms}"
        )
    if targets is not None and (
        not hasattr(targets, "__iter__") or isinstance(targets, bytes | Mapping)
    ):
        raise ValueError(
            f"targets: expected a str or a list of str, got {type(targets).__name__} "
            f"{targets!r:.60}. {forms}"
        )
    items = list(texts)
    if targets is None:
        pairs = []
        for i, item in enumerate(items):
            if not (isinstance(item, tuple | list) and len(item) == 2):
                raise ValueError(
                    f"texts[{i}]: without targets, expected a (text, target) pair, got "
                    f"{type(item).__name__} {item!r:.60}. {forms}"
                )
            pairs.append((item[0], item[1]))
    elif isinstance(targets, str):
        pairs = [(text, targets) for text in items]
    else:
        target_list = list(targets)
        if len(target_list) != len(items):
            raise ValueError(
                f"targets: expected one target for all texts or one per text ({len(items)}), "
                f"got a list of {len(target_list)}. {forms}"
            )
        pairs = list(zip(items, target_list, strict=True))
    for i, (text, target) in enumerate(pairs):
        if not isinstance(text, str):
            raise ValueError(f"texts[{i}]: expected a str, got {type(text).__name__} {text!r:.60}")
        if not isinstance(target, str) or not target.strip():
            raise ValueError(f"targets[{i}]: expected a non-empty str, got {target!r:.60}")
        check_words(f"texts[{i}]", text)
        check_words(f"targets[{i}]", target)
    return pairs


def check_words(where: str, text: str) -> None:
    """An input text must be valid Unicode and hold something to read.

    An empty, blank or invisible-only text (zero-width spaces, control characters) is an error
    rather than a stance: a model given nothing still answers with confidence, and such a row is
    nearly always a broken cell upstream, better dropped there than scored.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(
            f"{where}: holds {text[err.start]!r} at {err.start}, a lone surrogate, which is not "
            "text; decode the source with errors='replace' (or fix its encoding)"
        ) from None
    if not any(unicodedata.category(c)[0] in "LNPS" for c in text):
        raise ValueError(
            f"{where}: expected words, got {text!r:.40} (empty, blank or invisible characters "
            "only); drop such rows before predicting"
        )


def warn_if_not_latin(texts: Sequence[str]) -> None:
    """Warn, once per call, when texts are mostly in a script other than Latin."""
    foreign = 0
    for text in texts:
        letters = [c for c in text[:2000] if c.isalpha()]
        latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
        foreign += bool(letters) and latin < len(letters) / 2
    if foreign:
        warnings.warn(
            f"{foreign} of {len(texts)} texts are mostly not in Latin script; stancer's models read "
            "English, so their stances there are not to be trusted",
            stacklevel=3,
        )


def check_template(template: str) -> str:
    """Return ``template`` if it holds ``{target}`` exactly once, else raise a ValueError."""
    if not isinstance(template, str) or template.count(PLAIN_TARGET) != 1:
        raise ValueError(
            f"target_template: expected a str with '{PLAIN_TARGET}' exactly once, e.g. "
            f"'The claim: {PLAIN_TARGET}', got {template!r:.80}"
        )
    return template


def encode_pairs(
    tokenizer: Any,
    texts: Sequence[str],
    targets: Sequence[str],
    *,
    max_length: int,
    text_first: bool = False,
    target_template: str = PLAIN_TARGET,
) -> tuple[dict[str, list[list[int]]], list[int]]:
    """Tokenize (text, target) pairs as one model input each: the target, put into
    ``target_template``, and the text as a sentence pair, in the order ``text_first`` says.

    The target is never cut; a text too long for ``max_length`` keeps its first tokens.

    Returns:
        The encodings (``input_ids``, ``attention_mask`` and, where the model has them,
        ``token_type_ids``) and the positions of the texts that were cut.
    """
    prompts = [target_template.replace(PLAIN_TARGET, target) for target in targets]
    special = tokenizer.num_special_tokens_to_add(pair=True)
    unique = sorted(set(prompts))
    lengths = [len(ids) for ids in tokenizer(unique, add_special_tokens=False)["input_ids"]]
    longest, prompt = max(zip(lengths, unique, strict=True))
    if longest + special + 1 > max_length:
        raise ValueError(
            f"targets: {prompt[:60]!r} is {longest} tokens long, which leaves no room for the "
            f"text within max_length={max_length}; shorten the target or raise max_length"
        )
    first, second = (list(texts), prompts) if text_first else (prompts, list(texts))
    keys = ("input_ids", "attention_mask", "token_type_ids")
    encodings = {k: list(v) for k, v in tokenizer(first, second).items() if k in keys}
    long = [i for i, ids in enumerate(encodings["input_ids"]) if len(ids) > max_length]
    if long:
        cut = tokenizer(
            [first[i] for i in long],
            [second[i] for i in long],
            truncation="only_first" if text_first else "only_second",
            max_length=max_length,
        )
        for k in encodings:
            for j, i in enumerate(long):
                encodings[k][i] = cut[k][j]
    return encodings, long


def check_targets(targets: object) -> list[str]:
    """The target propositions of an analysis as a list: one str, or a list / tuple of str, each
    with words (`check_words`).

    Raises:
        ValueError: anything else.
    """
    target_list = [targets] if isinstance(targets, str) else targets
    if not isinstance(target_list, list | tuple) or not target_list:
        raise ValueError(
            f"targets: expected a target proposition (a str) or a list of them, got {targets!r:.80}"
        )
    for i, target in enumerate(target_list):
        if not isinstance(target, str):
            raise ValueError(
                f"targets[{i}]: expected a str, got {type(target).__name__} {target!r:.60}"
            )
        check_words(f"targets[{i}]", target)
    return list(target_list)
