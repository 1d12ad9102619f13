"""Text embeddings: the `Embedder` protocol, bundled e5, a test fake and a vector cache."""

from tabayyun.embed.base import Embedder, Kind, l2_normalise
from tabayyun.embed.cache import CachedEmbedder, VectorCache, text_key
from tabayyun.embed.e5 import E5Embedder
from tabayyun.embed.fake import FakeEmbedder

__all__ = [
    "CachedEmbedder",
    "E5Embedder",
    "Embedder",
    "FakeEmbedder",
    "Kind",
    "VectorCache",
    "l2_normalise",
    "text_key",
]
