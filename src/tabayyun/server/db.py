"""The server's database handle: one engine, one in-process writer, short read connections.

It shares the store's SQLite file and follows its rule: every write runs in one
BEGIN IMMEDIATE transaction under one lock (see tabayyun.storage.sqlite).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from tabayyun.storage.sqlite import _WRITE_OPTION, _is_memory, _translated, create_sqlite_engine


def now_iso(delta: timedelta | None = None) -> str:
    """The current UTC time (plus `delta`) as ISO 8601, the store's time format."""
    moment = datetime.now(UTC) + (delta or timedelta())
    return moment.isoformat(timespec="seconds")


class Database:
    """Transactions over the tabayyun SQLite database for the server's own tables."""

    def __init__(self, url: str) -> None:
        self.engine = create_sqlite_engine(url)
        self.in_memory = _is_memory(url)
        self._write_lock = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: everything in it, audit entry included, commits together."""
        with self._write_lock, _translated(), self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A short read-only connection."""
        guard: AbstractContextManager[Any] = self._write_lock if self.in_memory else nullcontext()
        with guard, _translated(), self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
