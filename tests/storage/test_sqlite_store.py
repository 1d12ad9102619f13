"""The SQLite store on real database files: round trips, idempotency, FTS5, migrations, threads."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from tabayyun.errors import StoreError
from tabayyun.lang import normalize as normalize_module
from tabayyun.lang.normalize import normalize
from tabayyun.model import Document, Entity, Quantity, RelatedLink, Sentence, Statement
from tabayyun.storage import (
    SaveResult,
    head_revision,
    migrate,
    open_store,
    schema_status,
)
from tabayyun.storage import sqlite as sqlite_module
from tabayyun.storage.base import MIGRATIONS_DIR
from tabayyun.storage.schema import metadata
from tabayyun.storage.sqlite import SqliteStore, fts_any, fts_query

# One news item per language, about the seed article's story, written with the spellings that
# make FTS5 fail on raw text: Arabic diacritics and hamza forms, Persian ZWNJ and Arabic ي/ك,
# Russian ё, English capitals.
ARTICLES = {
    "ar": (
        "زاخاروفا تلتقي وفداً إعلامياً إيرانياً",
        "الْتَقَت المتحدثة الرسمية باسم وزارة الخارجية الروسية ماريا زاخاروفا مساعد وزير "
        "الثقافة الإيراني، وبحث الجانبان مكافحة الأخبار المزيفة.",
    ),
    "fa": (
        "دیدار معاون وزیر ارشاد با زاخارووا در مسکو",
        "معاون امور مطبوعاتی وزارت فرهنگ و ارشاد اسلامی در مسکو با ماریا زاخارووا سخنگوی "
        "وزارت امور خارجه روسیه دیدار کرد و گفت دو کشور با اخبار جعلي مبارزه می‌کنند.",
    ),
    "ru": (
        "Захарова встретилась с иранской делегацией",
        "Официальный представитель МИД России Мария Захарова обсудила с иранскими журналистами "
        "совместную борьбу с фейковыми новостями и её учёт в медиаобразовании.",
    ),
    "en": (
        "Zakharova Meets Iranian Media Delegation",
        "Russian Foreign Ministry spokeswoman Maria Zakharova met Iran's deputy culture minister "
        "in Moscow to discuss cooperation against Fake News.",
    ),
}
# A query per language typed the other way round from the stored text.
QUERIES = {
    "ar": ("الأخبار المزيّفة", "ماريا"),  # shadda and hamza-on-alef typed by the user
    "fa": ("ميکنند", "زاخارووا"),  # Arabic ي, no ZWNJ
    "ru": ("учет", "захарова"),  # е for ё, lower case
    "en": ("FAKE news", "zakharova"),
}


def make_doc(lang: str, title: str, text: str, **fields: object) -> Document:
    """A document as the pipeline leaves it: normalised, hashed."""
    normalized = normalize(f"{title}\n{text}", lang)
    doc = Document(
        source=f"test://{lang}",
        title=title,
        text=text,
        lang=lang,
        normalized=normalized,
        content_hash=hashlib.sha256(normalized.encode()).hexdigest(),
    )
    for name, value in fields.items():
        setattr(doc, name, value)
    return doc


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store' / 'tabayyun.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[SqliteStore]:
    opened = open_store(db_url)
    assert isinstance(opened, SqliteStore)
    yield opened
    opened.close()


@pytest.fixture
def seed_doc(seed_path: Path) -> Document:
    """The seed article with every part a full pipeline run attaches."""
    raw = seed_path.read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    zakharova = body.index("ماريا زاخاروفا")
    doc = make_doc("ar", title, body)
    doc.url = "https://www.alkawthartv.ir/news/1"
    doc.outlet = "قناة الكوثر"
    doc.published_at = "2024-12-03"
    doc.lang_confidence = 0.99
    doc.media_type = "text/plain"
    doc.related = [RelatedLink(title="إيران تستضيف 200 ضيف أجنبي في منتدى حوار طهران")]
    doc.sentences = [Sentence(index=0, text=body[:120], start=0, end=120, checkworthiness=0.4)]
    doc.entities = [
        Entity("ماريا زاخاروفا", "PER", zakharova, zakharova + 14, name="ماريا زاخاروفا")
    ]
    doc.statements = [
        Statement("ماريا زاخاروفا", "زاخاروفا", "أكدت", "التعاون الإعلامي مهم", "indirect", 0)
    ]
    doc.quantities = [Quantity("100 مليون دولار", 1e8, currency="USD")]
    doc.minhash = np.arange(128, dtype=np.uint64).tobytes()
    doc.metadata = {"feed": "rss"}
    doc.warnings = ["published_at from the URL"]
    return doc


def test_full_arabic_document_round_trips(store: SqliteStore, seed_doc: Document) -> None:
    result = store.save(seed_doc)

    assert result.status == "stored" and result.doc_id is not None
    assert store.get(result.doc_id) == seed_doc
    assert store.get_by_hash(seed_doc.content_hash or "") == seed_doc
    assert store.has_content_hash(seed_doc.content_hash or "")
    with sqlite3.connect(store.engine.url.database or "") as conn:
        parts = [
            conn.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id = ?", (result.doc_id,)
            ).fetchone()[0]
            for table in ("sentences", "statements", "entities", "related_links")
        ]
        speaker = conn.execute("SELECT speaker FROM statements").fetchone()[0]
    assert parts == [1, 1, 1, 1]
    assert speaker == "ماريا زاخاروفا"


def test_saving_the_same_content_twice_writes_nothing(
    store: SqliteStore, seed_doc: Document
) -> None:
    first = store.save(seed_doc)
    again = Document.from_dict(seed_doc.to_dict())
    again.source = "https://mirror.example/copy"

    assert store.save(again) == SaveResult(None, "duplicate", duplicate_of=first.doc_id)
    assert store.count() == 1
    assert store.get(first.doc_id or 0).source == seed_doc.source


def test_missing_content_hash_and_unknown_ids_are_refused(store: SqliteStore) -> None:
    doc = make_doc("en", *ARTICLES["en"], content_hash=None)

    with pytest.raises(StoreError, match="no content hash"):
        store.save(doc)
    with pytest.raises(StoreError, match="no document with id 42; list ids with `tabayyun search`"):
        store.get(42)
    assert store.get_by_hash("0" * 64) is None
    assert not store.has_content_hash("0" * 64)


def test_unstorable_metadata_is_refused_without_a_partial_write(store: SqliteStore) -> None:
    doc = make_doc("en", *ARTICLES["en"], metadata={"parsed": object()})

    with pytest.raises(StoreError, match=r"cannot store a object in Document\.metadata"):
        store.save(doc)
    assert store.count() == 0


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_search_finds_each_language_through_normalised_queries(
    store: SqliteStore, lang: str
) -> None:
    ids = {code: store.save(make_doc(code, *article)).doc_id for code, article in ARTICLES.items()}
    body_query, title_query = (normalize(q, lang) for q in QUERIES[lang])

    body_hits = store.search(body_query)
    title_hits = store.search(title_query, lang=lang)

    assert [hit.doc_id for hit in body_hits] == [ids[lang]]
    assert body_hits[0].lang == lang and body_hits[0].title == ARTICLES[lang][0]
    assert "[" in body_hits[0].snippet and body_hits[0].score > 0
    assert [hit.doc_id for hit in title_hits] == [ids[lang]]
    assert [hit.doc_id for hit in store.search(title_query, lang=f"{lang.upper()}-XX")] == [
        ids[lang]
    ]
    other = "en" if lang != "en" else "ru"
    assert store.search(title_query, lang=other) == []


def test_title_matches_rank_above_body_matches(store: SqliteStore) -> None:
    in_title = make_doc("en", "Moscow talks", "Delegations met on Tuesday.")
    in_body = make_doc("en", "Delegations met", "The talks were held in Moscow on Tuesday.")
    store.save(in_body)
    title_id = store.save(in_title).doc_id

    assert store.search("moscow")[0].doc_id == title_id


@pytest.mark.parametrize(
    "query",
    ['"', '"unbalanced', "-", "*", "NEAR(", "NEAR(a b, 2)", "title:x", "AND OR NOT", "^", "(",
     "a:b:c", "''", "زاخاروفا*", "-زاخاروفا", "{title normalized}: x", "\x00"],
)  # fmt: skip
def test_hostile_queries_never_raise(store: SqliteStore, query: str) -> None:
    store.save(make_doc("ar", *ARTICLES["ar"]))

    hits = store.search(query)

    # Operators are plain text: a word with FTS5 syntax attached still finds its document.
    assert len(hits) == (1 if "زاخاروفا" in query else 0)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "no" -now') == '"say" """no""" "-now"'
    assert fts_query(" - * ") == ""


def test_fts_any_needs_every_word_of_one_reading() -> None:
    assert fts_any([["30af9b2e"], ["30af9b2"]]) == '("30af9b2e") OR ("30af9b2")'
    assert fts_any([["a", "b"]]) == '"a" "b"'
    assert fts_any([["-"], []]) == ""


@pytest.mark.parametrize(
    ("lang", "title", "text", "query"),
    [("en", "Bridges", "Marker 30af9b2e was filed.", "30af9b2e"),
     ("en", "Bridges", "Marker deadbeef was filed.", "DEADBEEF"),
     ("ru", "Суд", "Адвокат Navalny подал жалобу в суд.", "Navalny жалобы"),
     ("fa", "آب", "ذخایر سدهای مشهد کم شد.", "ذخاير سدهاي")],
)  # fmt: skip
def test_a_query_of_unknown_language_finds_the_word_as_its_document_stemmed_it(
    store: SqliteStore, lang: str, title: str, text: str, query: str
) -> None:
    """Codes, names and short queries have no language of their own; the index stemmed them."""
    doc_id = store.save(make_doc(lang, title, text)).doc_id
    store.save(make_doc("en", "Other", "Nothing relevant is said here at all."))

    hits = store.search(query)

    assert [hit.doc_id for hit in hits] == [doc_id]
    assert "[" in hits[0].snippet


@pytest.mark.parametrize(
    ("lang", "query", "shown"),
    [("ar", "الاخبار المزيفه", "[الأخبار] [المزيفة.]"),
     ("fa", "ميکنند", "[می‌کنند.]"),
     ("ru", "учет", "[учёт]"),
     ("en", "fake news", "[Fake] [News.]")],
)  # fmt: skip
def test_snippets_show_the_article_as_written(
    store: SqliteStore, lang: str, query: str, shown: str
) -> None:
    """The match is found through the search form but shown in the article's own spelling."""
    store.save(make_doc(lang, *ARTICLES[lang]))

    snippet = store.search(query)[0].snippet

    assert shown in snippet
    assert normalize(snippet, lang) != snippet  # the article's capitals, hamza, ZWNJ survive


def test_snippets_mark_only_readings_the_article_holds(store: SqliteStore) -> None:
    """A Persian query is also read split ("می", "خواه"); an article that matched it joined
    must not have its every «می» marked."""
    store.save(make_doc("fa", "خبر", "او هر روز می رود و می گوید که کتاب می‌خواهم."))

    snippet = store.search("می‌خواهم", lang="fa")[0].snippet

    assert "[می‌خواهم.]" in snippet and "[می]" not in snippet


def test_snippets_window_the_first_match_of_a_long_article(store: SqliteStore) -> None:
    filler = " ".join(f"word{i}" for i in range(200))
    store.save(make_doc("en", "Report", f"{filler} The Bridges collapsed. {filler}"))

    snippet = store.search("bridge")[0].snippet

    assert "[Bridges]" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.split()) <= 24


@pytest.mark.parametrize("lang", ["fa", None])
@pytest.mark.parametrize(
    ("written", "query"),
    [("می خواهم", "می\u200cخواهم"),
     ("می\u200cخواهم", "می خواهم"),
     ("میخواهم", "می خواهم"),
     ("نمی خواهم", "نمی\u200cخواهم"),
     ("خانه ای", "خانه\u200cای"),
     ("خانه\u200cای", "خانه ای"),
     ("رفته\u200cاند", "رفته اند"),
     ("بی\u200cسابقه", "بی سابقه"),
     ("بی سابقه", "بی\u200cسابقه"),
     ("حمل\u200cونقل", "حمل و نقل"),
     ("حمل و نقل", "حمل\u200cونقل"),
     ("رفت\u200cو\u200cآمد", "رفت و آمد"),
     ("رفت و آمد", "رفت\u200cو\u200cآمد")],
)  # fmt: skip
def test_persian_words_are_found_written_with_a_zwnj_a_space_or_joined(
    store: SqliteStore, written: str, query: str, lang: str | None
) -> None:
    doc_id = store.save(make_doc("fa", "خبر", f"او گفت {written} در مشهد بماند.")).doc_id
    store.save(make_doc("fa", "آب", "ذخایر سدهای مشهد کم شد و مردم نگران هستند."))

    hits = store.search(query, lang=lang)

    assert [hit.doc_id for hit in hits] == [doc_id]


def test_search_limit_must_be_positive(store: SqliteStore) -> None:
    with pytest.raises(StoreError, match="limit must be 1 or more"):
        store.search("x", limit=0)


def test_migrate_and_schema_status(db_url: str) -> None:
    assert schema_status(db_url) == (None, head_revision())
    assert not Path(db_url.removeprefix("sqlite:///")).parent.exists()  # asking creates nothing
    assert migrate(db_url) == head_revision()
    assert migrate(db_url) == head_revision()  # idempotent
    assert schema_status(db_url) == (head_revision(), head_revision())


def test_migration_0009_reindexes_text_with_newly_folded_letters(db_url: str) -> None:
    """ھ, ہ, ۃ and ڪ were kept as typed until 0009: their stored search forms are recomputed."""
    old_store = SqliteStore(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with old_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0008")
    with pytest.MonkeyPatch.context() as patch:
        # Index the way revision 0008 did: without the folds 0009 adds.
        added = {ord(c) for c in "ھہۃڪ"}
        for name in ("_ARABIC", "_PERSIAN"):
            table = getattr(normalize_module, name)
            patch.setattr(
                normalize_module, name, {k: v for k, v in table.items() if k not in added}
            )
        docs = [
            make_doc("fa", "ھمکاری رسانه\u200cای", "ایران و روسیه درباره ھمکاری گفتگو کردند."),
            make_doc("ar", "الڪتاب", "صدر الڪتاب عن المدرسۃ في ھذا العام."),
            make_doc("en", "Unrelated", "Nothing to fold here."),
        ]
        ids = [old_store.save(doc).doc_id or 0 for doc in docs]
    with old_store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO factchecks (key, claim_reviewed, claim_normalized, lang, "
                "rating_label, rating_known, content_hash, data, created_at, updated_at) "
                "VALUES ('k', :claim, :claim, 'fa', 'false', 1, 'h', '{}', 't', 't')"
            ),
            {"claim": "ھمکاری"},
        )
    untouched = old_store.get(ids[2])
    assert old_store.search("همکاری") == []  # the old index misses the folded query
    old_store.close()

    assert migrate(db_url) == head_revision()

    store = open_store(db_url)
    assert [hit.doc_id for hit in store.search("همکاری", lang="fa")] == [ids[0]]
    assert [hit.doc_id for hit in store.search("همکاری")] == [ids[0]]
    assert [hit.doc_id for hit in store.search("کتاب", lang="ar")] == [ids[1]]
    assert [hit.doc_id for hit in store.search("هذا المدرسة")] == [ids[1]]
    for doc_id, doc in zip(ids[:2], docs[:2], strict=True):
        assert store.get(doc_id).normalized == normalize(f"{doc.title}\n{doc.text}", doc.lang)
    assert store.get(ids[2]) == untouched
    store.close()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        claim = conn.execute("SELECT claim_normalized FROM factchecks").fetchone()[0]
        title_hits = conn.execute(
            "SELECT rowid FROM documents_fts WHERE title_terms MATCH ?", ("همکاری",)
        ).fetchall()
        # The external-content index agrees with the rewritten columns (raises otherwise).
        conn.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
    assert claim == "همکاری"
    assert title_hits == [(ids[0],)]


def test_migrations_create_exactly_the_tables_in_schema_py(db_url: str) -> None:
    import tabayyun.server.schema  # noqa: F401  (its tables join the shared metadata)

    migrate(db_url)
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    # FTS5 virtual and shadow tables are raw SQL, unknown to schema.py by design.
    assert [d for d in diff if not (d[0] == "remove_table" and "fts" in d[1].name)] == []


def test_unmigrated_database_with_migrate_false_says_how_to_fix(db_url: str) -> None:
    with pytest.raises(StoreError, match=r"has no tabayyun schema.*run `tabayyun db migrate`"):
        open_store(db_url, migrate=False)
    migrate(db_url)
    open_store(db_url, migrate=False).close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://u:p@localhost/tabayyun", "PostgreSQL support arrives with the scale-out"),
        ("mysql://localhost/x", "unsupported database 'mysql'"),
        ("not a url", "is not a database URL"),
    ],
)
def test_unsupported_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


@pytest.mark.parametrize("stores", [1, 2], ids=["shared store", "store per thread"])
def test_concurrent_writers_never_collide(store: SqliteStore, db_url: str, stores: int) -> None:
    # One store: its writer lock queues the threads. Two stores on one file: SQLite's own
    # lock with BEGIN IMMEDIATE and busy_timeout does, as it would across processes.
    writers = [store] + [SqliteStore(db_url) for _ in range(stores - 1)]
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(50):
                doc = make_doc("en", f"Item {worker}-{i}", f"Body {worker} number {i}.")
                writers[worker % stores].save(doc)
        except BaseException as err:  # collected so the main thread fails the test
            errors.append(err)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for extra in writers[1:]:
        extra.close()

    assert errors == []
    assert store.count() == 100
    assert len(store.search("body", limit=1000)) == 100


def test_connections_use_wal_and_foreign_keys(store: SqliteStore, db_url: str) -> None:
    with store.engine.connect() as conn:
        pragmas = [conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in
                   ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")]  # fmt: skip
    assert pragmas == ["wal", 1, sqlite_module.BUSY_TIMEOUT_MS, 1]  # synchronous 1 = NORMAL
    assert Path(db_url.removeprefix("sqlite:///")).parent.is_dir()


def test_near_duplicate_signatures_page_through_every_signed_document(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_module, "SIGNATURE_BATCH", 2)
    signed = {}
    for i in range(5):
        signature = np.full(4, i, dtype=np.uint64).tobytes()
        doc = make_doc("en", f"Signed {i}", "text", minhash=signature)
        store.save(doc)
        signed[doc.content_hash] = signature
    store.save(make_doc("en", "Unsigned", "text"))

    assert dict(store.near_duplicate_signatures()) == signed


def test_in_memory_store_and_closed_store(seed_doc: Document) -> None:
    store = open_store("sqlite://")
    doc_id = store.save(seed_doc).doc_id
    assert store.get(doc_id or 0) == seed_doc
    store.close()

    with pytest.raises(StoreError, match="store is closed"):
        store.count()


@pytest.mark.parametrize("run_migrations", [True, False])
def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path, run_migrations: bool) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not SQLite at all\n" * 100, encoding="utf-8")

    with pytest.raises(StoreError, match="file is not a database"):
        open_store(f"sqlite:///{path}", migrate=run_migrations)
