"""Where fact-checks are kept: the `FactCheckStore` protocol and its SQLite implementation.

It shares the database and migrations of `tabayyun.storage` (table `factchecks`, revision 0002)
and its one-writer pattern: every write runs under one lock in a BEGIN IMMEDIATE transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Literal, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    column,
    func,
    insert,
    or_,
    select,
    table,
    update,
)

from tabayyun.lang.normalize import normalize
from tabayyun.registry.model import FactCheck
from tabayyun.storage.base import _check_backend, prepared
from tabayyun.storage.schema import factchecks
from tabayyun.storage.sqlite import (
    SqliteDatabase,
)

T = TypeVar("T")
UpsertResult = Literal["added", "updated", "unchanged"]
PAGE_SIZE = 500


# The server's organisations and partners, named here without importing the server layer.
_ORGANISATIONS = table("organisations", column("id"), column("slug"))
_PARTNERS = table("partners", column("org_id"), column("partner_id"))


def visible_to(organisation: str) -> ColumnElement[bool]:
    """The SQL condition for the fact-checks organisation `organisation` (a slug) may see."""
    owner, reader = _ORGANISATIONS.alias("owner"), _ORGANISATIONS.alias("reader")
    sharing_owners = (
        select(owner.c.slug)
        .join(_PARTNERS, _PARTNERS.c.org_id == owner.c.id)
        .join(reader, reader.c.id == _PARTNERS.c.partner_id)
        .where(reader.c.slug == organisation)
    )
    return or_(
        factchecks.c.organisation == organisation,
        factchecks.c.visibility == "public",
        and_(factchecks.c.visibility == "shared", factchecks.c.organisation.in_(sharing_owners)),
    )


class FactCheckStore(Protocol):
    """A registry of fact-checks keyed by `FactCheck.key`."""

    def upsert(self, fc: FactCheck) -> UpsertResult:
        """Add `fc`, replace the stored one with the same key, or leave an identical one."""
        ...

    def get(self, key: str) -> FactCheck | None:
        """The fact-check with `key`, or None."""
        ...

    def iter_all(self, organisation: str | None = None) -> Iterator[FactCheck]:
        """Every fact-check in insertion order; see `SqliteFactCheckStore.iter_all`."""
        ...

    def count(self) -> int:
        """How many fact-checks are stored."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts by rating label, language and publisher, plus unknown rating words."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


class SqliteFactCheckStore(SqliteDatabase):
    """A `FactCheckStore` in the tabayyun SQLite database (or in memory for `sqlite://`)."""

    what = "fact-check store"

    def upsert(self, fc: FactCheck) -> UpsertResult:
        """Add, update or leave `fc`; the content hash decides between updated and unchanged."""
        row = _row(fc)
        return self._write(lambda conn: _upsert(conn, row))

    def get(self, key: str) -> FactCheck | None:
        """The fact-check with `key`, or None."""
        query = select(factchecks.c.data).where(factchecks.c.key == key)
        data = self._read(lambda conn: conn.execute(query).scalar())
        return None if data is None else FactCheck.from_dict(data)

    def iter_all(self, organisation: str | None = None) -> Iterator[FactCheck]:
        """Every fact-check when `organisation` is None; else those it may see.

        An organisation (by slug) sees its own fact-checks, every public one, and the shared
        ones of organisations that name it a partner: the server's rule (server.factchecks.
        visible_to), read from the same tables so that the command line agrees with it.
        """
        last_id = 0
        while True:
            query = (
                select(factchecks.c.id, factchecks.c.data)
                .where(factchecks.c.id > last_id)
                .order_by(factchecks.c.id)
                .limit(PAGE_SIZE)
            )
            if organisation is not None:
                query = query.where(visible_to(organisation))
            # Short reads page by page: no connection stays open while the caller works.
            rows = self._read(lambda conn, q=query: conn.execute(q).all())  # type: ignore[misc]
            for row in rows:
                yield FactCheck.from_dict(row.data)
            if len(rows) < PAGE_SIZE:
                return
            last_id = rows[-1].id

    def count(self) -> int:
        """How many fact-checks are stored."""
        query = select(func.count()).select_from(factchecks)
        return int(self._read(lambda conn: conn.execute(query).scalar_one()))

    def stats(self) -> dict[str, Any]:
        """{"total", "by_rating", "by_language", "by_publisher", "unknown_rating_words"}."""

        def grouped(conn: Connection, column: Any) -> dict[str, int]:
            query = select(column, func.count()).group_by(column).order_by(func.count().desc())
            # No value (a fact-check without a publisher) is "", never the text "None".
            return {"" if value is None else str(value): int(n) for value, n in conn.execute(query)}

        def collect(conn: Connection) -> dict[str, Any]:
            unknown = conn.execute(
                select(factchecks.c.rating_text).where(factchecks.c.rating_known.is_(False))
            ).scalars()
            return {
                "total": conn.execute(select(func.count()).select_from(factchecks)).scalar_one(),
                "by_rating": grouped(conn, factchecks.c.rating_label),
                "by_language": grouped(conn, factchecks.c.lang),
                "by_publisher": grouped(conn, factchecks.c.publisher),
                "unknown_rating_words": dict(Counter(w or "" for w in unknown).most_common()),
            }

        return self._read(collect)


def open_factcheck_store(url: str, *, migrate: bool = True) -> SqliteFactCheckStore:
    """Open the fact-check registry at `url`, migrating it first unless `migrate` is False."""
    _check_backend(url)
    return prepared(SqliteFactCheckStore(url), url, migrate=migrate)


def _row(fc: FactCheck) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    value = fc.rating.value
    return {
        "key": fc.key,
        "url": fc.url,
        "claim_reviewed": fc.claim_reviewed,
        "claim_normalized": normalize(fc.claim_reviewed, fc.lang),
        "lang": fc.lang,
        "publisher": fc.publisher,
        "author": fc.author,
        "date_published": fc.date_published,
        "rating_label": fc.rating.label,
        "rating_known": fc.rating.known,
        "rating_text": fc.rating.source_text or fc.rating.alternate_name,
        "rating_value": None if value is None else str(value),
        "best": fc.rating.best,
        "worst": fc.rating.worst,
        "organisation": fc.organisation,
        "visibility": fc.visibility,
        "content_hash": fc.content_hash,
        "data": fc.to_dict(),
        "created_at": now,
        "updated_at": now,
    }


def _upsert(conn: Connection, row: dict[str, Any]) -> UpsertResult:
    # BEGIN IMMEDIATE already holds the write lock, so reading first cannot race another writer.
    stored = conn.execute(
        select(factchecks.c.content_hash).where(factchecks.c.key == row["key"])
    ).scalar()
    if stored is None:
        conn.execute(insert(factchecks).values(row))
        return "added"
    if stored == row["content_hash"]:
        return "unchanged"
    changes = {k: v for k, v in row.items() if k not in ("key", "created_at")}
    changes["revision"] = factchecks.c.revision + 1
    conn.execute(update(factchecks).where(factchecks.c.key == row["key"]).values(changes))
    return "updated"
