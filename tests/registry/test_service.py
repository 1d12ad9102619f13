"""Import, re-import, export and round-trip through a real SQLite registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from tabayyun.errors import InputError
from tabayyun.registry import DEMO_REGISTRY
from tabayyun.registry.model import FactCheck
from tabayyun.registry.service import (
    ImportReport,
    export_factchecks,
    import_factchecks,
    registry_stats,
)
from tabayyun.registry.store import SqliteFactCheckStore, open_factcheck_store
from tabayyun.storage.schema import factchecks, metadata

FILES = [
    "page-ar.html",
    "page-fa.html",
    "page-ru.html",
    "page-en.html",
    "page-broken.html",
    "feed.json",
    "checks.jsonl",
    "checks.csv",
    "mistyped.json",
]
MAPPING = {"url": "Fact-check link", "datePublished": "Published", "publisher": "Checked by"}
# 5 pages + 4 feed items + 4 JSONL lines + 5 CSV rows + 2 mistyped items (one without its date).
IMPORTED = 20
REJECTED = 1 + 1 + 1 + 1 + 7  # broken block, feed item, JSONL line, CSV row, mistyped items


def _import_all(store: SqliteFactCheckStore, fixtures: Path) -> ImportReport:
    return import_factchecks([fixtures / name for name in FILES], store=store, mapping=MAPPING)


def _registry(store: SqliteFactCheckStore) -> dict[str, str]:
    return {fc.key: fc.content_hash for fc in store.iter_all()}


def test_import_reports_every_item(store: SqliteFactCheckStore, fixtures: Path) -> None:
    report = _import_all(store, fixtures)
    assert (report.added, report.updated, report.unchanged) == (IMPORTED, 0, 0)
    assert len(report.rejected) == REJECTED
    assert all(reason for _, reason in report.rejected)
    assert any(loc.endswith("checks.csv:row 5") for loc, _ in report.rejected)
    assert [loc.rsplit("/", 1)[-1] for loc, _ in report.flagged] == [
        "checks.jsonl:line 4",
        "checks.csv:row 7",
        "mistyped.json:item 4",
    ]
    assert [reason for _, reason in report.flagged] == [
        "unknown rating 'Purple Herring': kept as 'unknown'",
        "datePublished: cannot read 'not-a-date' as a date; imported without it",
        "datePublished: cannot read 'last Tuesday' as a date; imported without it",
    ]
    assert store.count() == IMPORTED


def test_importing_twice_changes_nothing(store: SqliteFactCheckStore, fixtures: Path) -> None:
    _import_all(store, fixtures)
    before = _registry(store)
    report = _import_all(store, fixtures)
    assert (report.added, report.updated, report.unchanged) == (0, 0, IMPORTED)
    assert _registry(store) == before


def test_a_changed_fact_check_is_updated(
    store: SqliteFactCheckStore, fixtures: Path, tmp_path: Path
) -> None:
    import_factchecks(fixtures / "feed.json", store=store)
    feed = json.loads((fixtures / "feed.json").read_text(encoding="utf-8"))
    review = feed["dataFeedElement"][2]["item"]
    review["reviewRating"]["alternateName"] = "Манипуляция"  # the publisher revised its verdict
    changed = tmp_path / "feed.json"
    changed.write_text(json.dumps(feed, ensure_ascii=False), encoding="utf-8")
    report = import_factchecks(changed, store=store)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    stored = store.get(review["url"])
    assert stored is not None and stored.rating.label == "misleading"
    # Each change raises the row's revision (the server's registry fingerprint sums them).
    revisions = store._read(
        lambda conn: dict(conn.execute(select(factchecks.c.key, factchecks.c.revision)).all())
    )
    assert revisions[review["url"]] == 1 and sorted(revisions.values()) == [0, 0, 0, 1]


@pytest.mark.parametrize("fmt", ["datafeed", "jsonld"])
def test_export_then_import_into_an_empty_store_reproduces_the_registry(
    store: SqliteFactCheckStore, fixtures: Path, tmp_path: Path, fmt: str
) -> None:
    _import_all(store, fixtures)
    exported = export_factchecks(store, format=fmt)  # type: ignore[arg-type]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with open_factcheck_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        report = import_factchecks(path, store=empty)
        assert (report.added, report.rejected) == (IMPORTED, [])
        assert _registry(empty) == _registry(store)
        assert list(empty.iter_all()) == list(store.iter_all())


def test_export_shapes(store: SqliteFactCheckStore, fixtures: Path) -> None:
    import_factchecks(fixtures / "page-fa.html", store=store)
    feed = export_factchecks(store)
    assert isinstance(feed, dict)
    assert (feed["@context"], feed["@type"]) == ("https://schema.org", "DataFeed")
    [element] = feed["dataFeedElement"]
    [review] = element["item"]
    assert element["@type"] == "DataFeedItem"
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "گمراه‌کننده"}
    assert review["inLanguage"] == "fa"
    standalone = export_factchecks(store, format="jsonld")
    assert isinstance(standalone, list)
    assert standalone[0]["@context"] == "https://schema.org"
    assert "organisation" not in json.dumps(feed)
    with pytest.raises(InputError, match="unknown export format"):
        export_factchecks(store, format="xml")  # type: ignore[arg-type]


def test_private_fact_checks_stay_with_their_organisation(
    store: SqliteFactCheckStore, fixtures: Path, tmp_path: Path
) -> None:
    """Own, public, and shared by an organisation that names the reader a partner: the
    server's rule, from the same tables, so the command line agrees with the server."""
    from sqlalchemy import create_engine, insert

    from tabayyun.server.schema import organisations, partners

    import_factchecks(fixtures / "page-ar.html", store=store)
    import_factchecks(
        fixtures / "page-en.html", store=store, organisation="desk-a", visibility="private"
    )
    import_factchecks(
        fixtures / "page-ru.html", store=store, organisation="desk-b", visibility="shared"
    )

    def seen() -> dict[str, set[str]]:
        return {org: {fc.lang for fc in store.iter_all(org)} for org in ("desk-a", "desk-b")}

    assert seen() == {"desk-a": {"ar", "en"}, "desk-b": {"ar", "ru"}}
    engine = create_engine(f"sqlite:///{tmp_path / 'registry.db'}")
    with engine.begin() as conn:
        for org_id, slug in ((1, "desk-a"), (2, "desk-b")):
            conn.execute(
                insert(organisations).values(id=org_id, slug=slug, name=slug, created_at="x")
            )
        conn.execute(insert(partners).values(org_id=2, partner_id=1, created_at="x"))  # b shares
    engine.dispose()
    assert seen() == {"desk-a": {"ar", "en", "ru"}, "desk-b": {"ar", "ru"}}
    en = store.get("https://factcheck.example.org/en/hot-water-flu")
    assert en is not None and (en.organisation, en.visibility) == ("desk-a", "private")
    with pytest.raises(InputError, match="visibility must be one of"):
        import_factchecks(fixtures / "page-en.html", store=store, visibility="secret")  # type: ignore[arg-type]


def test_stats_count_by_rating_language_and_publisher(
    store: SqliteFactCheckStore, fixtures: Path
) -> None:
    _import_all(store, fixtures)
    stats = registry_stats(store)
    assert stats["total"] == IMPORTED
    assert sum(stats["by_rating"].values()) == IMPORTED
    assert stats["by_language"] == {"en": 9, "ru": 4, "ar": 4, "fa": 3}
    assert stats["by_publisher"]["Example Fact Check"] == 9
    assert stats["unknown_rating_words"] == {"Purple Herring": 1}


def test_demo_registry_imports_cleanly_in_four_languages(store: SqliteFactCheckStore) -> None:
    report = import_factchecks(DEMO_REGISTRY, store=store)
    assert (report.added, report.rejected, report.flagged) == (20, [], [])
    stats = store.stats()
    assert set(stats["by_language"]) == {"ar", "fa", "ru", "en"}
    for fc in store.iter_all():
        assert fc.publisher is not None and "(" in fc.publisher  # "... (demo)" in each language
        assert fc.review_body is not None and "tabayyun demo" in fc.review_body
    # The same invented claim checked in every language, for cross-language matching demos.
    pair = [fc.lang for fc in store.iter_all() if fc.key.endswith("/foreign-news-ban")]
    assert sorted(pair) == ["ar", "en", "fa", "ru"]


def test_factchecks_table_matches_schema_py(tmp_path: Path) -> None:
    import tabayyun.server.schema  # noqa: F401  (its tables join the shared metadata)

    url = f"sqlite:///{tmp_path / 'schema.db'}"
    with open_factcheck_store(url) as opened, opened.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if not (d[0] == "remove_table" and "fts" in d[1].name)] == []


def test_in_memory_registry_works(fixtures: Path) -> None:
    with open_factcheck_store("sqlite://") as memory:
        report = import_factchecks(fixtures / "feed.json", store=memory)
        assert report.added == memory.count() == 4
        assert isinstance(memory.get("https://factcheck.example.org/ru/snow-in-july"), FactCheck)
        assert memory.get("https://factcheck.example.org/none") is None


PERSIAN_CSV = (
    "ادعا,حکم,پیوند,تاریخ\n"
    "سد شهر نمونه‌آباد خالی شده است,نادرست,https://factcheck.example.org/fa/1,1402/09/01\n"
    "قیمت نان دو برابر شد,قابل‌تأمل,,۲۰۲۴-۰۳-۰۵\n"
    "مدارس شهر تعطیل شد,نادرست,https://factcheck.example.org/fa/3,هفته پیش\n"
)
PERSIAN_MAPPING = {
    "claimReviewed": "ادعا", "alternateName": "حکم", "url": "پیوند", "datePublished": "تاریخ",
}  # fmt: skip


@pytest.mark.parametrize("fmt", ["datafeed", "jsonld"])
def test_converted_dates_round_trip_through_export(
    store: SqliteFactCheckStore, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "persian.csv"
    path.write_text(PERSIAN_CSV, encoding="utf-8")
    report = import_factchecks(path, store=store, mapping=PERSIAN_MAPPING)
    assert (report.added, report.rejected) == (3, [])
    assert [reason for _, reason in report.flagged] == [
        "unknown rating 'قابل‌تأمل': kept as 'unknown'",
        "datePublished: cannot read 'هفته پیش' as a date; imported without it",
    ]
    assert sorted(str(fc.date_published) for fc in store.iter_all()) == [
        "2023-11-22", "2024-03-05", "None",
    ]  # fmt: skip
    exported = tmp_path / "export.json"
    data = export_factchecks(store, format=fmt)  # type: ignore[arg-type]
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = import_factchecks(exported, store=store)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert [reason for _, reason in again.flagged] == [
        "unknown rating 'قابل‌تأمل': kept as 'unknown'"
    ]
    with open_factcheck_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        import_factchecks(exported, store=empty)
        assert list(empty.iter_all()) == list(store.iter_all())


def test_stats_never_show_none_as_a_publisher(store: SqliteFactCheckStore, tmp_path: Path) -> None:
    path = tmp_path / "persian.csv"
    path.write_text(PERSIAN_CSV, encoding="utf-8")
    import_factchecks(path, store=store, mapping=PERSIAN_MAPPING)
    assert registry_stats(store)["by_publisher"] == {"": 3}
