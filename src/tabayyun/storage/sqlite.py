"""The SQLite store: one file, WAL mode, one in-process writer, FTS5 over normalised text."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Select,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import RowMapping, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError, StatementError
from sqlalchemy.pool import StaticPool

from tabayyun.errors import StoreError
from tabayyun.lang.codes import language_filter
from tabayyun.model import Document
from tabayyun.storage.base import SaveResult, SearchHit, describe_error
from tabayyun.storage.schema import (
    FTS_TABLE,
    documents,
    entities,
    related_links,
    sentences,
    statements,
)

T = TypeVar("T")
D = TypeVar("D", bound="SqliteDatabase")

BUSY_TIMEOUT_MS = 5_000
SIGNATURE_BATCH = 1_000
# Weights per FTS column (title_terms, terms): a hit in the title counts double.
BM25_WEIGHTS = (2.0, 1.0)
_WRITE_OPTION = "tabayyun_write"
# Document fields stored only in their own columns, not repeated in `data`.
_TEXT_COLUMNS = ("text", "normalized")
_DOCUMENT_COLUMNS = (
    documents.c.data,
    documents.c.minhash,
    documents.c.text,
    documents.c.normalized,
)


class SqliteDatabase:
    """One SQLite file (or `sqlite://` memory) with one in-process writer and many readers."""

    what = "store"  # named in errors

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_sqlite_engine(url)
        self.in_memory = _is_memory(url)
        # One writer: SQLite allows a single write transaction at a time, so in-process writers
        # queue here instead of failing with "database is locked" (datasette's execute_write_fn).
        self._write_lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Release every connection; later calls raise StoreError."""
        self._closed = True
        self.engine.dispose()

    def __enter__(self: D) -> D:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- one writer, many readers -----------------------------------------------------------

    def _write(self, fn: Callable[[Connection], T]) -> T:
        """Run `fn` in one write transaction; every write in the store goes through here."""
        self._check_open()
        with self._write_lock, _translated(), self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                return fn(conn)

    def _read(self, fn: Callable[[Connection], T]) -> T:
        self._check_open()
        # An in-memory database is one shared connection, which must not be used by two
        # threads at once; files give each reader its own connection under WAL.
        guard: AbstractContextManager[Any] = self._write_lock if self.in_memory else nullcontext()
        with guard, _translated(), self.engine.connect() as conn:
            return fn(conn)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the {self.what} is closed; open it again")


class SqliteStore(SqliteDatabase):
    """A `Store` in one SQLite file (or in memory for `sqlite://`)."""

    # -- the Store protocol ---------------------------------------------------------------

    def save(self, doc: Document) -> SaveResult:
        """Store `doc` and its parts; a document whose content hash exists is left alone."""
        if not doc.content_hash:
            raise StoreError(
                f"document {doc.source!r} has no content hash; run the dedupe stage before saving"
            )
        row = _document_row(doc)
        return self._write(lambda conn: _insert_document(conn, doc, row))

    def has_content_hash(self, h: str) -> bool:
        """Whether a document with content hash `h` is stored."""
        query = select(documents.c.id).where(documents.c.content_hash == h)
        return self._read(lambda conn: conn.execute(query).first() is not None)

    def doc_id_of(self, h: str) -> int | None:
        """The id of the document with content hash `h`, or None."""
        query = select(documents.c.id).where(documents.c.content_hash == h)
        found = self._read(lambda conn: conn.execute(query).scalar())
        return None if found is None else int(found)

    def get(self, doc_id: int) -> Document:
        """The document stored as `doc_id`."""
        query = select(*_DOCUMENT_COLUMNS).where(documents.c.id == doc_id)
        row = self._read(lambda conn: conn.execute(query).first())
        if row is None:
            raise StoreError(f"no document with id {doc_id}; list ids with `tabayyun search`")
        return _to_document(row._mapping)

    def get_by_hash(self, h: str) -> Document | None:
        """The document with content hash `h`, or None."""
        query = select(*_DOCUMENT_COLUMNS).where(documents.c.content_hash == h)
        row = self._read(lambda conn: conn.execute(query).first())
        return None if row is None else _to_document(row._mapping)

    def search(
        self, query: str, *, lang: str | None = None, query_lang: str | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Documents holding every word of `query`, best first.

        Words are stemmed as `query_lang`, else as `lang` (the only language searched). With
        neither, a document matches when it holds every word as any one language stems them:
        short queries, names and codes have no reliable language of their own.
        """
        if limit < 1:
            raise StoreError(f"search limit must be 1 or more, got {limit}")
        lang, query_lang = language_filter(lang), language_filter(query_lang)
        readings = _query_readings(query, query_lang or lang)
        match = fts_any(readings)
        if not match:
            return []
        sql = (
            f"SELECT d.id, d.title, d.outlet, d.lang, d.published_at, d.text, d.terms, "
            f"bm25({FTS_TABLE}, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]}) AS rank "
            f"FROM {FTS_TABLE} JOIN documents AS d ON d.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH :match"
            + (" AND d.lang = :lang" if lang else "")
            + " ORDER BY rank LIMIT :limit"
        )
        params: dict[str, Any] = {"match": match, "lang": lang, "limit": limit}
        rows = self._read(lambda conn: conn.execute(text(sql), params).all())
        return [
            SearchHit(
                doc_id=r.id,
                title=r.title,
                outlet=r.outlet,
                lang=r.lang,
                published_at=r.published_at,
                snippet=_snippet(f"{r.title or ''}\n{r.text}", r.lang, _held(readings, r.terms)),
                score=-float(r.rank),
            )
            for r in rows
        ]

    def count(self) -> int:
        """How many documents are stored."""
        query = select(func.count()).select_from(documents)
        return int(self._read(lambda conn: conn.execute(query).scalar_one()))

    def near_duplicate_signatures(self) -> Iterator[tuple[str, bytes]]:
        """(content_hash, MinHash bytes) of every document with a signature, in id order."""
        # Keyset pages with a short read each, so no lock or connection is held while the
        # caller consumes the iterator (it may well save documents meanwhile).
        last_id = 0
        while True:
            query = (
                select(documents.c.id, documents.c.content_hash, documents.c.minhash)
                .where(documents.c.minhash.is_not(None), documents.c.id > last_id)
                .order_by(documents.c.id)
                .limit(SIGNATURE_BATCH)
            )
            rows = self._read(_fetch_all(query))
            for row in rows:
                yield row.content_hash, bytes(row.minhash)
            if len(rows) < SIGNATURE_BATCH:
                return
            last_id = rows[-1].id


def create_sqlite_engine(url: str) -> Engine:
    """An engine for `url` with WAL, foreign keys, a busy timeout and explicit transactions."""
    parsed = make_url(url)
    memory = _is_memory(url)
    if not memory and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {"json_serializer": _dumps}
    if memory:
        # One connection shared by all threads; otherwise each connection gets an empty DB.
        kwargs |= {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression requiring every word of `query`, each quoted as a literal.

    Quoting makes operators (`-`, `*`, `:`, `NEAR`, `AND`, parentheses) plain text, so no user
    input can produce an FTS5 syntax error. Words without letters or digits are dropped.
    """
    words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def fts_any(readings: Sequence[Sequence[str]]) -> str:
    """An FTS5 MATCH expression true when every word of at least one reading is present."""
    groups = [group for group in (fts_query(" ".join(terms)) for terms in readings) if group]
    if len(groups) <= 1:
        return groups[0] if groups else ""
    return " OR ".join(f"({group})" for group in groups)


def _fetch_all(query: Select[Any]) -> Callable[[Connection], Sequence[Row[Any]]]:
    return lambda conn: conn.execute(query).all()


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy (the `begin` hook) instead of pysqlite's implicit
    # BEGIN, which skips DDL and SELECT; this is SQLAlchemy's documented pysqlite recipe.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    # A writer takes the write lock up front: a deferred transaction that upgrades later can
    # fail at once with SQLITE_BUSY when another process wrote meanwhile, ignoring busy_timeout.
    write = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _is_memory(url: str) -> bool:
    database = make_url(url).database
    return database in (None, "", ":memory:")


@contextmanager
def _translated() -> Iterator[None]:
    """Turn driver errors into StoreError with advice."""
    try:
        yield
    except StatementError as err:
        if isinstance(err.orig, StoreError):
            raise err.orig from None
        raise _store_error(err) from err
    except SQLAlchemyError as err:
        raise _store_error(err) from err


def _store_error(err: SQLAlchemyError) -> StoreError:
    reason = describe_error(err)
    if isinstance(err, OperationalError) and "locked" in reason:
        return StoreError(
            f"the database stayed locked for {BUSY_TIMEOUT_MS / 1000:g}s ({reason}); "
            "another program is writing to it: wait for it to finish, then retry"
        )
    if isinstance(err, OperationalError) and "no such table" in reason:
        return StoreError(
            f"the database has no tabayyun tables ({reason}); run `tabayyun db migrate`"
        )
    return StoreError(
        f"the database refused the operation ({reason}); check the file is writable and not "
        "corrupt (`sqlite3 FILE 'PRAGMA integrity_check'`)"
    )


def _dumps(value: Any) -> str:
    def refuse(obj: Any) -> Any:
        raise StoreError(
            f"cannot store a {type(obj).__name__} in Document.metadata as JSON; "
            "convert it to str, number, list or dict first"
        )

    return json.dumps(value, ensure_ascii=False, default=refuse)


def _minhash_bytes(doc: Document) -> bytes | None:
    value: Any = doc.minhash
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if hasattr(value, "tobytes"):  # a numpy array of hash values
        return bytes(value.tobytes())
    raise StoreError(
        f"Document.minhash of {doc.source!r} is a {type(value).__name__}; "
        "the dedupe stage must set the signature as bytes"
    )


def _normalize(text: str, lang: str | None) -> str:
    """The shared search form of `text`, the same one queries use."""
    from tabayyun.lang.normalize import normalize  # lazy: storage stays cheap to import

    return normalize(text, lang)


def _search_terms(text: str, lang: str | None) -> list[str]:
    from tabayyun.lang.normalize import search_terms  # lazy: storage stays cheap to import

    return search_terms(text, lang)


def _query_readings(text: str, lang: str | None) -> list[list[str]]:
    from tabayyun.lang.normalize import query_readings  # lazy: storage stays cheap to import

    return query_readings(text, lang)


def _held(readings: list[list[str]], terms: str) -> set[str]:
    """The terms of the readings a document holds whole: what its snippet marks.

    Only those, so that a Persian query's split reading ("می", "خواه") does not mark every
    «می» of an article that matched through the joined one.
    """
    present = set(terms.split())
    return {t for reading in readings if present.issuperset(reading) for t in reading}


def _snippet(text: str, lang: str | None, wanted: set[str], width: int = 12) -> str:
    """A window of `text` as written around the first word whose stem was searched for.

    Each word is normalised and stemmed the way the index stores it, but shown as the article
    spells it: a reader must see «الأخبار المزيفة», not its search form «الاخبار المزيفه».
    """
    from tabayyun.lang.normalize import search_terms

    words = text.split()

    def hit(word: str) -> bool:
        return any(term in wanted for term in search_terms(word, lang))

    # Long articles: stems are computed only up to the first hit and inside the window.
    first = next((i for i, word in enumerate(words) if hit(word)), 0)
    start, end = max(0, first - width), min(len(words), first + width)
    shown = [f"[{w}]" if hit(w) else w for w in words[start:end]]
    return ("…" if start else "") + " ".join(shown) + ("…" if end < len(words) else "")


def _document_row(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    # The two long texts have their own columns; keeping them out of the JSON halves the file.
    for name in _TEXT_COLUMNS:
        del data[name]
    return {
        "content_hash": doc.content_hash,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "title_terms": " ".join(_search_terms(doc.title or "", doc.lang)),
        "terms": " ".join(_search_terms(f"{doc.title or ''}\n{doc.text}", doc.lang)),
        "outlet": doc.outlet,
        "author": doc.author,
        "published_at": doc.published_at,
        "lang": doc.lang,
        "text": doc.text,
        # Normally set by the normalize stage; computed here so no stored text is unsearchable.
        "normalized": doc.normalized
        or _normalize(f"{doc.title or ''}\n{doc.text}".strip(), doc.lang),
        "near_duplicate_of": doc.near_duplicate_of,
        "minhash": _minhash_bytes(doc),
        "data": data,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _insert_document(conn: Connection, doc: Document, row: dict[str, Any]) -> SaveResult:
    # The insert itself detects the duplicate, so the transaction writes first and never
    # upgrades from a read; the UNIQUE index also guards writers in other processes.
    stmt = insert(documents).values(row).prefix_with("OR IGNORE").returning(documents.c.id)
    doc_id = conn.execute(stmt).scalar()
    if doc_id is None:
        existing = conn.execute(
            select(documents.c.id).where(documents.c.content_hash == doc.content_hash)
        ).scalar_one()
        return SaveResult(doc_id=None, status="duplicate", duplicate_of=existing)
    _insert_parts(conn, doc_id, doc)
    return SaveResult(doc_id=doc_id, status="stored")


def _insert_parts(conn: Connection, doc_id: int, doc: Document) -> None:
    parts: list[tuple[Any, list[dict[str, Any]]]] = [
        (
            sentences,
            [
                {
                    "doc_id": doc_id,
                    "idx": s.index,
                    "text": s.text,
                    "start": s.start,
                    "end": s.end,
                    "checkworthiness": s.checkworthiness,
                }
                for s in doc.sentences
            ],
        ),
        (
            statements,
            [
                {
                    "doc_id": doc_id,
                    "speaker": s.speaker,
                    "mention": s.mention,
                    "verb": s.verb,
                    "content": s.content,
                    "kind": s.kind,
                    "sentence_index": s.sentence_index,
                    "start": s.start,
                    "end": s.end,
                }
                for s in doc.statements
            ],
        ),
        (
            entities,
            [
                {
                    "doc_id": doc_id,
                    "text": e.text,
                    "label": e.label,
                    "name": e.name,
                    "start": e.start,
                    "end": e.end,
                }
                for e in doc.entities
            ],
        ),
        (
            related_links,
            [
                {"doc_id": doc_id, "position": i, "title": r.title, "url": r.url}
                for i, r in enumerate(doc.related)
            ],
        ),
    ]
    for table, rows in parts:
        if rows:
            conn.execute(insert(table), rows)


def _to_document(row: RowMapping) -> Document:
    data = dict(row["data"])
    for name in _TEXT_COLUMNS:
        data[name] = row[name]
    doc = Document.from_dict(data)
    if row["minhash"] is not None:
        doc.minhash = bytes(row["minhash"])
    return doc
