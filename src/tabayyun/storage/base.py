"""The `Store` protocol, its result types, and the functions that open and migrate a store.

`open_store(url)` picks the implementation from the URL scheme; schema changes are Alembic
migrations shipped inside this package, run in code (no alembic.ini).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from tabayyun.errors import StoreError
from tabayyun.model import Document

if TYPE_CHECKING:
    from tabayyun.storage.sqlite import SqliteStore

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class SaveResult:
    """What `Store.save` did: stored as `doc_id`, or skipped as a copy of `duplicate_of`."""

    doc_id: int | None
    status: Literal["stored", "duplicate"]
    duplicate_of: int | None = None


@dataclass(frozen=True)
class SearchHit:
    """One full-text match; `snippet` is the text as written, matched words in [brackets].

    `score` is the negated BM25 rank, so higher is better.
    """

    doc_id: int
    title: str | None
    outlet: str | None
    lang: str | None
    published_at: str | None
    snippet: str
    score: float


class Store(Protocol):
    """Where analysed documents are kept; the pipeline's only writer."""

    def save(self, doc: Document) -> SaveResult:
        """Store `doc` unless a document with its content hash is already there."""
        ...

    def has_content_hash(self, h: str) -> bool:
        """Whether a document with content hash `h` is stored."""
        ...

    def get(self, doc_id: int) -> Document:
        """The document stored as `doc_id`; StoreError when there is none."""
        ...

    def get_by_hash(self, h: str) -> Document | None:
        """The document with content hash `h`, or None."""
        ...

    def doc_id_of(self, h: str) -> int | None:
        """The id of the document with content hash `h`, or None."""
        ...

    def search(
        self, query: str, *, lang: str | None = None, query_lang: str | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Full-text search over normalised titles and texts, best first."""
        ...

    def count(self) -> int:
        """How many documents are stored."""
        ...

    def near_duplicate_signatures(self) -> Iterator[tuple[str, bytes]]:
        """(content_hash, MinHash signature bytes) of every document that has a signature."""
        ...

    def close(self) -> None:
        """Release connections; the store cannot be used afterwards."""
        ...


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open the store at `url`, upgrading its schema first unless `migrate` is False."""
    from tabayyun.storage.sqlite import SqliteStore

    _check_backend(url)
    return prepared(SqliteStore(url), url, migrate=migrate)


StoreT = TypeVar("StoreT", bound="_HasEngine")


class _HasEngine(Protocol):
    engine: Engine

    def close(self) -> None: ...


def prepared(store: StoreT, url: str, *, migrate: bool) -> StoreT:
    """`store` with its schema upgraded (`migrate`) or checked to be current; closed on error.

    Every store over the one database (articles, fact-checks) opens through here, so they
    migrate, and refuse an old schema, the same way.
    """
    try:
        if migrate:
            _upgrade(store.engine)
        else:
            current, head = _revisions(store.engine)
            if current != head:
                found = "no tabayyun schema" if current is None else f"schema revision {current}"
                raise StoreError(
                    f"the database at {_display(url)} has {found}, this version needs {head}; "
                    "run `tabayyun db migrate` first"
                )
    except BaseException:
        store.close()
        raise
    return store


def migrate(url: str) -> str:
    """Upgrade the database at `url` to the newest schema; return that revision."""
    with _opened(url) as store:
        return _upgrade(store.engine)


def schema_status(url: str) -> tuple[str | None, str]:
    """(current revision or None when unmigrated, head revision) of the database at `url`."""
    database = _check_backend(url).database
    if database and database != ":memory:" and not Path(database).exists():
        # Asking must not create the file (and its folders) as a side effect.
        return None, head_revision()
    with _opened(url) as store:
        return _revisions(store.engine)


def head_revision() -> str:
    """The newest schema revision this version of tabayyun ships."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:  # only a broken installation ships no migrations
        raise StoreError(f"no migrations found in {MIGRATIONS_DIR}; reinstall tabayyun")
    return head


def _opened(url: str) -> SqliteStore:
    from tabayyun.storage.sqlite import SqliteStore

    _check_backend(url)
    return SqliteStore(url)


def _check_backend(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"{url!r} is not a database URL; use sqlite:///path/to/tabayyun.db"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        raise StoreError(
            "PostgreSQL support arrives with the scale-out issue; use a sqlite:/// URL"
        )
    if backend != "sqlite":
        raise StoreError(f"unsupported database {backend!r}; use a sqlite:/// URL")
    return parsed


def describe_error(err: SQLAlchemyError) -> str:
    """The driver's own words for a database error, without SQLAlchemy's statement dump."""
    orig = getattr(err, "orig", None)
    return str(orig) if orig is not None else str(err).split("\n", 1)[0]


def _display(url: str) -> str:
    # Never echo a password into an error message.
    return make_url(url).render_as_string(hide_password=True)


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(engine: Engine) -> str:
    # Sharing the store's own connection keeps in-memory databases (one connection) usable.
    try:
        with engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as err:
        raise StoreError(
            f"migrating the database failed ({describe_error(err)}); "
            "check the file is writable and not open in another program, then rerun "
            "`tabayyun db migrate`"
        ) from err
    return current or head_revision()


def _revisions(engine: Engine) -> tuple[str | None, str]:
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as err:
        raise StoreError(
            f"cannot read the schema revision ({describe_error(err)}); "
            "check the path points to a tabayyun SQLite database"
        ) from err
    return current, head_revision()
