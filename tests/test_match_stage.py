"""The pipeline's `match` stage: check-worthy sentences against the registry in the database."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tabayyun.config import Settings
from tabayyun.model import Document, MatchConflict
from tabayyun.registry import DEMO_REGISTRY
from tabayyun.registry.service import import_factchecks
from tabayyun.registry.store import open_factcheck_store
from tabayyun.service import analyze_text, ingest
from tabayyun.storage import open_store

DAMS_KEY_URL = "https://demo.factcheck.example.org/fa/mashhad-dams-zero"
ARTICLE = (
    "ذخایر سدهای مشهد به صفر رسیده است و شهر دیگر آبی برای توزیع ندارد.\n\n"
    "یک مقام محلی این خبر را در گفتگو با خبرنگاران رد کرد."
)


@pytest.fixture
def with_registry(settings: Settings) -> Settings:
    store = open_factcheck_store(settings.resolved_database_url)
    try:
        report = import_factchecks([DEMO_REGISTRY], store=store, settings=settings)
    finally:
        store.close()
    assert report.added == 20
    return settings


def test_a_sentence_repeating_a_checked_claim_gets_the_fact_check(with_registry: Settings) -> None:
    doc = analyze_text(ARTICLE, settings=with_registry)
    found = [m for m in doc.matches if m.sentence_index == 0]
    assert found, f"no match for the first sentence; matches: {doc.matches}"
    best = max(found, key=lambda m: m.score)
    assert best.url == DAMS_KEY_URL
    assert best.rating == "false"
    assert best.decision in ("match", "suggest")
    assert best.lang == "fa"


def test_matches_are_stored_with_the_document(with_registry: Settings, tmp_path: Path) -> None:
    article = tmp_path / "dams.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    report = ingest([str(article)], settings=with_registry)
    assert report.stored == 1
    store = open_store(with_registry.resolved_database_url)
    try:
        [hit] = store.search("سدهای مشهد")
        stored = store.get(hit.doc_id)
    finally:
        store.close()
    assert any(m.url == DAMS_KEY_URL for m in stored.matches)


def test_no_registry_means_no_matches_and_no_database_file(tmp_path: Path) -> None:
    db = tmp_path / "absent.db"
    settings = Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{db}")
    doc = analyze_text(ARTICLE, settings=settings)
    assert doc.matches == []
    assert doc.sentences, "the rest of the analysis still ran"
    assert not db.exists()


def test_matching_can_be_turned_off(with_registry: Settings) -> None:
    settings = dataclasses.replace(with_registry, pipeline_matching=False)
    assert analyze_text(ARTICLE, settings=settings).matches == []


def test_the_next_run_over_the_same_registry_loads_the_engine(
    with_registry: Settings, count_calls: Callable[[object, str], list[int]], tmp_path: Path
) -> None:
    from tabayyun.matching import MatchEngine

    built = count_calls(MatchEngine, "build")
    first = analyze_text(ARTICLE, settings=with_registry)
    assert len(built) == 1
    assert list((with_registry.cache_dir / "engines").glob("*.engine.pickle"))
    again = analyze_text(ARTICLE, settings=with_registry)
    assert len(built) == 1  # loaded, not built
    assert [(m.factcheck, m.score) for m in again.matches] == [
        (m.factcheck, m.score) for m in first.matches
    ]
    # A new fact-check in the registry makes the next run build a new engine.
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": "https://demo.factcheck.example.org/en/new-check",
                "claimReviewed": "A new claim about the price of bread in Mashhad.",
                "datePublished": "2024-05-01",
                "inLanguage": "en",
                "author": {"@type": "Organization", "name": "Example Fact Check (demo)"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            }
        ),
        encoding="utf-8",
    )
    store = open_factcheck_store(with_registry.resolved_database_url)
    try:
        assert import_factchecks([extra], store=store, settings=with_registry).added == 1
    finally:
        store.close()
    analyze_text(ARTICLE, settings=with_registry)
    assert len(built) == 2


def test_a_sentence_altering_a_checked_claim_is_suggested_with_what_differs(
    with_registry: Settings,
) -> None:
    text = (
        "The government will spend £9 billion rebuilding flood-damaged bridges in northern England."
    )
    doc = analyze_text(text, settings=with_registry)
    best = max((m for m in doc.matches if m.sentence_index == 0), key=lambda m: m.score)
    assert best.claim.startswith("The government will spend £4.5 billion")
    assert best.decision == "suggest"
    assert best.conflicts == [MatchConflict("number", "£9 billion", "£4.5 billion")]
    # Stored with the document and read back as they were; documents stored before have none.
    stored = json.loads(json.dumps(doc.to_dict()))
    assert Document.from_dict(stored).matches == doc.matches
    for match in stored["matches"]:
        del match["conflicts"]
    assert all(m.conflicts == [] for m in Document.from_dict(stored).matches)
