"""Baselines that `stancer bench` puts beside the library's models.

Each has ``name``, ``classes_``, ``fit(dataset) -> self`` (on the benchmark's training split) and
``predict_proba(texts, targets, *, batch_size, progress)``, like `StanceClassifier`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from datasets import Dataset

from stancer.stance import LABELS

#: Phrases that turn a stance label into an NLI hypothesis about the target.
NLI_VERBALIZERS = {"favor": "supports", "against": "opposes", "neutral": "is neutral about"}


class MajorityBaseline:
    """Always the most frequent training label; probabilities are the training label shares."""

    name = "majority"

    def fit(self, dataset: Dataset) -> MajorityBaseline:
        counts = Counter(dataset["label"])
        self.classes_ = np.array(sorted(counts, key=lambda c: (-counts[c], c)))
        self.prior_ = np.array([counts[c] for c in self.classes_], dtype=float) / dataset.num_rows
        return self

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str], **_: Any) -> np.ndarray:
        return np.tile(self.prior_, (len(texts), 1))


class TfidfBaseline:
    """TF-IDF word n-grams of the text and of the target, then logistic regression."""

    name = "tfidf-logreg"

    def __init__(self, *, max_features: int = 50_000, seed: int = 0) -> None:
        self.max_features = max_features
        self.seed = seed

    def _features(self, texts: Sequence[str], targets: Sequence[str], fit: bool = False) -> Any:
        from scipy.sparse import hstack

        if fit:
            return hstack(
                [self.text_vec_.fit_transform(texts), self.target_vec_.fit_transform(targets)]
            ).tocsr()
        return hstack(
            [self.text_vec_.transform(texts), self.target_vec_.transform(targets)]
        ).tocsr()

    def fit(self, dataset: Dataset) -> TfidfBaseline:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.text_vec_ = TfidfVectorizer(
            ngram_range=(1, 2), min_df=2, max_features=self.max_features, sublinear_tf=True
        )
        self.target_vec_ = TfidfVectorizer(ngram_range=(1, 2))
        features = self._features(dataset["text"], dataset["target"], fit=True)
        self.model_ = LogisticRegression(max_iter=2000, random_state=self.seed).fit(
            features, dataset["label"]
        )
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str], **_: Any) -> np.ndarray:
        return self.model_.predict_proba(self._features(texts, targets))


class EmbeddingBaseline:
    """Frozen sentence embeddings (mean pooling) of target and text, then logistic regression.

    Features are ``[t, x, t * x, |t - x|]`` for target embedding ``t`` and text embedding ``x``.
    """

    name = "embeddings-logreg"

    def __init__(
        self,
        model_name_or_path: str = "sentence-transformers/all-MiniLM-L6-v2",
        *,
        max_length: int = 128,
        seed: int = 0,
    ) -> None:
        self.model_name_or_path = model_name_or_path
        self.max_length = max_length
        self.seed = seed
        self.name = f"embeddings-logreg ({model_name_or_path.rsplit('/', 1)[-1]})"

    def _encoder(self) -> tuple[Any, Any]:
        if not hasattr(self, "encoder_"):
            from transformers import AutoModel, AutoTokenizer

            from stancer.model.weights import resolve_pretrained

            path = resolve_pretrained(self.model_name_or_path)
            self.tokenizer_ = AutoTokenizer.from_pretrained(path)
            self.encoder_ = AutoModel.from_pretrained(path).eval()
        return self.tokenizer_, self.encoder_

    def embed(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False
    ) -> np.ndarray:
        """Mean-pooled, L2-normalised embeddings, computed once per distinct text."""
        import torch
        from tqdm.auto import tqdm

        tokenizer, encoder = self._encoder()
        unique = sorted(set(texts), key=len)
        vectors: dict[str, np.ndarray] = {}
        with torch.inference_mode():
            for start in tqdm(
                range(0, len(unique), batch_size), disable=not progress, desc="embed"
            ):
                chunk = unique[start : start + batch_size]
                batch = tokenizer(
                    chunk,
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = encoder(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)
                vectors.update(zip(chunk, pooled.numpy(), strict=True))
        return (
            np.stack([vectors[t] for t in texts])
            if texts
            else np.zeros((0, encoder.config.hidden_size))
        )

    def _features(self, texts: Sequence[str], targets: Sequence[str], progress: bool) -> np.ndarray:
        x = self.embed(list(texts), progress=progress)
        t = self.embed(list(targets))
        return np.hstack([t, x, t * x, np.abs(t - x)])

    def fit(self, dataset: Dataset, *, progress: bool = False) -> EmbeddingBaseline:
        from sklearn.linear_model import LogisticRegression

        features = self._features(dataset["text"], dataset["target"], progress)
        self.model_ = LogisticRegression(max_iter=2000, random_state=self.seed).fit(
            features, dataset["label"]
        )
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(
        self, texts: Sequence[str], targets: Sequence[str], *, progress: bool = False, **_: Any
    ) -> np.ndarray:
        return self.model_.predict_proba(self._features(texts, targets, progress))


class NliZeroShot:
    """Zero-shot stance through the transformers ``zero-shot-classification`` pipeline.

    For each pair the text is the premise and each label a hypothesis
    ``"The author {supports | opposes | is neutral about} {target}."``; the pipeline's softmax over
    the entailment scores of the three hypotheses gives the probabilities. Needs no training.
    """

    def __init__(self, model_name_or_path: str) -> None:
        from transformers import pipeline

        self.name = f"nli-zero-shot ({model_name_or_path})"
        self.pipeline = pipeline("zero-shot-classification", model=model_name_or_path, device=-1)
        # The pipeline truncates the premise to the tokenizer's limit; some tokenizers set none.
        positions = getattr(self.pipeline.model.config, "max_position_embeddings", None)
        tokenizer = self.pipeline.tokenizer
        if positions and tokenizer is not None and tokenizer.model_max_length > positions:
            tokenizer.model_max_length = positions
        self.classes_ = np.array(LABELS)

    def fit(self, dataset: Dataset) -> NliZeroShot:
        return self

    def predict_proba(
        self,
        texts: Sequence[str],
        targets: Sequence[str],
        *,
        batch_size: int = 32,
        progress: bool = False,
        **_: Any,
    ) -> np.ndarray:
        from tqdm.auto import tqdm

        by_phrase = {phrase: label for label, phrase in NLI_VERBALIZERS.items()}
        probs = np.zeros((len(texts), len(LABELS)))
        column = {label: i for i, label in enumerate(LABELS)}
        for target in tqdm(sorted(set(targets)), disable=not progress, desc="nli targets"):
            idx = [i for i, t in enumerate(targets) if t == target]
            template = "The author {} " + target.replace("{", "{{").replace("}", "}}") + "."
            outputs = self.pipeline(
                [texts[i] for i in idx],
                candidate_labels=list(NLI_VERBALIZERS.values()),
                hypothesis_template=template,
                batch_size=batch_size,
            )
            for i, out in zip(
                idx, outputs if isinstance(outputs, list) else [outputs], strict=True
            ):
                for phrase, score in zip(out["labels"], out["scores"], strict=True):
                    probs[i, column[by_phrase[phrase]]] = score
        return probs
