"""The server's near-duplicate index over every stored article, kept between requests.

Building it reads every stored MinHash signature (`documents.minhash`): about 0.1 s per
thousand articles, too slow for each request of a large archive. The server builds it once,
then on each use adds the articles stored since (by itself or by `tabayyun ingest` on the same
database), found by id. Analysis only looks an article up in it; nothing unstored enters it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from sqlalchemy import select

from tabayyun.storage.schema import documents

if TYPE_CHECKING:
    from tabayyun.ingest.dedupe import NearDuplicateIndex
    from tabayyun.server.db import Database

BATCH = 1_000  # signatures read per query


class StoredNearDuplicates:
    """A `NearDuplicateIndex` of the stored articles, brought up to date on each `current()`."""

    def __init__(self, db: Database, threshold: float) -> None:
        self._db = db
        self._threshold = threshold
        self._index: NearDuplicateIndex | None = None
        self._last_id = 0  # the highest document id read into the index
        self._lock = threading.Lock()

    def current(self) -> NearDuplicateIndex:
        """The index, holding every article stored until now."""
        from tabayyun.ingest.dedupe import NearDuplicateIndex

        with self._lock:
            if self._index is None:
                self._index = NearDuplicateIndex(self._threshold)
            while True:
                query = (
                    select(documents.c.id, documents.c.content_hash, documents.c.minhash)
                    .where(documents.c.id > self._last_id, documents.c.minhash.is_not(None))
                    .order_by(documents.c.id)
                    .limit(BATCH)
                )
                with self._db.read() as conn:
                    rows = conn.execute(query).all()
                for row in rows:
                    self._index.add(row.content_hash, bytes(row.minhash))
                if rows:
                    self._last_id = rows[-1].id
                if len(rows) < BATCH:
                    return self._index
