"""A deterministic stand-in embedder for unit tests: texts that share words score high."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from tabayyun.embed.base import Latent, Matrix, l2_normalise, unit_latent
from tabayyun.errors import ConfigError
from tabayyun.lang.normalize import normalize, tokenize

_CHAR_N = 3
# Whole words weigh more than the character n-grams that let "claims" and "claim" still meet.
_WORD_WEIGHT = 2.0
_CHAR_WEIGHT = 0.5


def _features(text: str) -> list[tuple[str, float]]:
    features: list[tuple[str, float]] = []
    for word in tokenize(normalize(text)):
        features.append(("w:" + word, _WORD_WEIGHT))
        padded = f"<{word}>"
        for i in range(max(1, len(padded) - _CHAR_N + 1)):
            features.append(("c:" + padded[i : i + _CHAR_N], _CHAR_WEIGHT))
    return features


def _slot(feature: str, dim: int) -> tuple[int, float]:
    # blake2b, not hash(): the same text must give the same vector in every process.
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dim, (1.0 if (value >> 63) & 1 else -1.0)


class FakeEmbedder:
    """Hashed bag of normalised words and character trigrams, projected to `dim` dimensions.

    Queries and passages get the same vector, so a query finds the passage that repeats its words.
    A text with no words maps to the zero vector.
    """

    def __init__(self, *, dim: int = 384, name: str = "fake") -> None:
        if dim < 8:
            raise ConfigError(f"FakeEmbedder needs dim >= 8, not {dim}.")
        self.dim = dim
        self.latent_dim = 4096
        self.name = f"{name}-{dim}"
        self.calls = 0  # texts embedded so far, so tests can see what a cache saved

    def _embed(self, texts: Sequence[str]) -> Matrix:
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in _features(text):
                index, sign = _slot(feature, self.dim)
                out[row, index] += sign * weight
        return l2_normalise(out)

    def embed_latent(self, texts: Sequence[str]) -> list[Latent]:
        """Hashed words as latent terms: texts that share words share terms."""
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        self.calls += len(texts)
        out: list[Latent] = []
        for text in texts:
            weights: dict[int, float] = {}
            for feature, weight in _features(text):
                if feature.startswith("w:"):
                    index = _slot(feature, self.latent_dim)[0]
                    weights[index] = weights.get(index, 0.0) + weight
            ordered = sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))
            out.append(unit_latent([i for i, _ in ordered], [w for _, w in ordered]))
        return out

    def embed_queries(self, texts: Sequence[str]) -> Matrix:
        """Embed incoming texts."""
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> Matrix:
        """Embed registry entries."""
        return self._embed(texts)
