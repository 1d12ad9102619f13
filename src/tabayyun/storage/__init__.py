"""Persistence: the `Store` protocol and its SQLite implementation (PostgreSQL later)."""

from tabayyun.storage.base import (
    SaveResult,
    SearchHit,
    Store,
    head_revision,
    migrate,
    open_store,
    schema_status,
)

__all__ = [
    "SaveResult",
    "SearchHit",
    "Store",
    "head_revision",
    "migrate",
    "open_store",
    "schema_status",
]
