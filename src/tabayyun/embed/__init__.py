"""Text embeddings: the `Embedder` protocol, bundled e5, a test fake and a vector cache."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tabayyun.embed.base import Embedder, Kind, l2_normalise
from tabayyun.embed.cache import CachedEmbedder, VectorCache, text_key
from tabayyun.embed.e5 import E5Embedder
from tabayyun.embed.fake import FakeEmbedder

if TYPE_CHECKING:
    from tabayyun.config import Settings

__all__ = [
    "CachedEmbedder",
    "E5Embedder",
    "Embedder",
    "FakeEmbedder",
    "Kind",
    "VectorCache",
    "bridge_from_settings",
    "embedder_from_settings",
    "l2_normalise",
    "text_key",
]


def embedder_from_settings(settings: Settings, *, cached: bool = False) -> Embedder:
    """The embedder the settings name; `cached` puts the on-disk vector cache in front of it."""
    from tabayyun.errors import ConfigError

    if settings.embedder == "e5":
        # The settings given, not the environment: 0 means every core.
        model: Embedder = E5Embedder(
            threads=settings.embed_threads, model_dir=settings.cache_dir / "models"
        )
    elif settings.embedder == "fake":
        model = FakeEmbedder()
    else:
        raise ConfigError(
            f"unknown embedder {settings.embedder!r}; set TABAYYUN_EMBEDDER to 'e5' or 'fake'"
        )
    if cached:
        return CachedEmbedder(model, VectorCache(settings.cache_dir / "vectors"))
    return model


def bridge_from_settings(settings: Settings, *, cached: bool = False) -> Embedder | None:
    """The bridge encoder for cross-lingual re-ranking (embed/bridge.py), or None where the
    `match_bridge` setting is off or the embedder is the tests' fake (whose scorers it would
    not fit); `cached` puts the on-disk vector cache in front of it."""
    if not settings.match_bridge or settings.embedder != "e5":
        return None
    import os

    from tabayyun.embed.bridge import BridgeEmbedder

    model = BridgeEmbedder(threads=settings.embed_threads or os.cpu_count() or 1)
    if cached:
        return CachedEmbedder(model, VectorCache(settings.cache_dir / "vectors"))
    return model
