"""The shared fact-check registry: schema.org ClaimReview in, normalised, stored, and out."""

from pathlib import Path

from tabayyun.registry.model import ClaimAppearance, FactCheck, Rating, from_claimreview
from tabayyun.registry.ratings import LABELS, NormalizedRating, normalize_rating
from tabayyun.registry.service import (
    ImportReport,
    export_factchecks,
    import_factchecks,
    registry_stats,
)
from tabayyun.registry.store import FactCheckStore, SqliteFactCheckStore, open_factcheck_store

DEMO_REGISTRY = (
    Path(__file__).resolve().parents[1] / "samples" / "registry" / ("demo-factchecks.jsonld")
)

__all__ = [
    "DEMO_REGISTRY",
    "LABELS",
    "ClaimAppearance",
    "FactCheck",
    "FactCheckStore",
    "ImportReport",
    "NormalizedRating",
    "Rating",
    "SqliteFactCheckStore",
    "export_factchecks",
    "from_claimreview",
    "import_factchecks",
    "normalize_rating",
    "open_factcheck_store",
    "registry_stats",
]
