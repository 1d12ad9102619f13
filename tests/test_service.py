"""The service verbs end to end: real pipeline, real SQLite, a fake network only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from tabayyun.config import Settings
from tabayyun.errors import BlockedAddressError, NoArticleTextError
from tabayyun.ingest.fetch import Fetcher
from tabayyun.service import analyze, ingest, search_articles
from tabayyun.storage.base import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PUBLIC_IP = "93.184.216.34"


def fake_web(pages: dict[str, tuple[str, bytes]]) -> Fetcher:
    """A Fetcher whose network is a dict of URL -> (content type, body); DNS says public."""

    def handler(request: httpx.Request) -> httpx.Response:
        # The fetcher pins the checked IP, so the name travels in the Host header.
        url = f"{request.url.scheme}://{request.headers['host']}{request.url.raw_path.decode()}"
        if url not in pages:
            return httpx.Response(404)
        content_type, body = pages[url]
        return httpx.Response(200, headers={"content-type": content_type}, content=body)

    settings = Settings(per_host_delay=0)
    return Fetcher(
        settings, transport=httpx.MockTransport(handler), resolver=lambda host: [PUBLIC_IP]
    )


def test_live_feed_items_are_read_from_their_article_pages(settings: Settings) -> None:
    feed = (FIXTURES / "feed.broken-item.en.rss").read_bytes()
    article = (FIXTURES / "article.en.html").read_bytes()
    fetcher = fake_web({
        "https://example.com/feed.rss": ("application/rss+xml", feed),
        "https://example.com/2024/11/iran-russia-media": ("text/html; charset=utf-8", article),
    })  # fmt: skip
    store = open_store(settings.resolved_database_url)
    report = ingest([], feeds=["https://example.com/feed.rss"], settings=settings, store=store,
                    fetcher=fetcher)  # fmt: skip
    # item 1: its page is fetched; item 4: its page is missing, the teaser is kept with a warning;
    # items 2 and 3 are broken and reported.
    assert report.stored == 2
    assert [source.rsplit("#", 1)[1] for source, _ in report.failed] == ["item-2", "item-3"]
    hits = search_articles("Zakharova", settings=settings, store=store)
    full = store.get(hits[0].doc_id)
    assert full.url == "https://example.com/2024/11/iran-russia-media"
    assert len(full.sentences) > 2
    teaser = next(store.get(h.doc_id) for h in search_articles("tehran forum", settings=settings,
                                                                store=store))  # fmt: skip
    assert any("summary" in warning for warning in teaser.warnings)
    assert report.exit_code == 0


def test_url_analysis_through_the_fake_network(settings: Settings) -> None:
    fetcher = fake_web(
        {"https://example.com/a": ("text/html", (FIXTURES / "article.fa.html").read_bytes())}
    )
    doc = analyze("https://example.com/a", settings=settings, fetcher=fetcher)
    assert doc.lang == "fa"
    assert doc.url == "https://example.com/a" and doc.fetched_at


def test_redirect_to_metadata_address_is_refused(settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/meta-data/"})

    fetcher = Fetcher(Settings(per_host_delay=0), transport=httpx.MockTransport(handler),
                      resolver=lambda host: [PUBLIC_IP])  # fmt: skip
    with pytest.raises(BlockedAddressError, match="link-local"):
        analyze("https://example.com/r", settings=settings, fetcher=fetcher)


def test_html_without_article_text_keeps_its_error_class(settings: Settings) -> None:
    with pytest.raises(NoArticleTextError):
        analyze(str(FIXTURES / "frontpage.en.html"), settings=settings)


def test_jsonl_batch_stores_good_lines_and_reports_bad_ones(settings: Settings) -> None:
    report = ingest([str(FIXTURES / "articles.jsonl")], settings=settings)
    assert report.stored == 4
    assert [s.rsplit("-", 1)[1] for s, _ in report.failed] == ["5", "7", "8", "9", "10"]
    assert all(reason.startswith("line ") for _, reason in report.failed)


def test_near_duplicates_are_stored_and_marked(
    settings: Settings, seed_path: Path, tmp_path: Path
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    edited = text.replace("مكافحة الأخبار المزيفة.", "مكافحة الأخبار الكاذبة والمضللة.")
    (tmp_path / "edited.txt").write_text(edited, encoding="utf-8")
    store = open_store(settings.resolved_database_url)
    first = ingest([str(seed_path)], settings=settings, store=store)
    second = ingest([str(tmp_path / "edited.txt")], settings=settings, store=store)
    assert (first.stored, second.stored, second.near_duplicates) == (1, 1, 1)
    assert store.count() == 2


def test_the_ingest_report_names_each_near_duplicate_and_its_original(
    settings: Settings, seed_path: Path, tmp_path: Path
) -> None:
    from rich.console import Console

    from tabayyun.cli.report import render_ingest_report

    text = seed_path.read_text(encoding="utf-8")
    (tmp_path / "original.txt").write_text(text, encoding="utf-8")
    (tmp_path / "edited.txt").write_text(text + "\nانتهى الخبر.", encoding="utf-8")
    report = ingest([str(tmp_path / "original.txt"), str(tmp_path / "edited.txt")],
                    settings=settings)  # fmt: skip
    assert report.near_duplicates == 1
    (item,) = report.near_duplicate_items
    assert (item.source, item.original_source) == (
        str(tmp_path / "edited.txt"),
        str(tmp_path / "original.txt"),
    )
    assert (item.doc_id, item.original_id) == (2, 1)
    console = Console(record=True, width=300)
    render_ingest_report(report, console)
    output = console.export_text()
    assert f"near duplicate: {tmp_path / 'edited.txt'} (article 2) of " in output
    assert f"{tmp_path / 'original.txt'} (article 1)" in output


@pytest.mark.parametrize(
    ("name", "query"),
    [("en-flood-bridges.txt", "flood bridge"), ("ru-school-repairs.txt", "ремонтом школы"),
     ("fa-mashhad-water.txt", "ذخاير سدهاي مشهد")],
)  # fmt: skip
def test_search_matches_other_word_forms(settings: Settings, name: str, query: str) -> None:
    """Stemmed terms: "flood bridge" finds "floods ... bridges"; Arabic ي/ك find Persian text."""
    article = Path(__file__).parent / "fixtures" / "articles" / name
    ingest([str(article)], settings=settings)
    hits = search_articles(query, settings=settings)
    assert len(hits) == 1
    assert "[" in hits[0].snippet


def test_a_snapshot_engine_takes_the_foreign_preference_of_the_settings(
    settings: Settings,
) -> None:
    import dataclasses

    from tabayyun.registry import DEMO_REGISTRY
    from tabayyun.registry.service import import_factchecks
    from tabayyun.registry.store import open_factcheck_store
    from tabayyun.service import build_match_engine

    store = open_factcheck_store(settings.resolved_database_url)
    try:
        assert import_factchecks(DEMO_REGISTRY, store=store, settings=settings).added
    finally:
        store.close()
    fake = dataclasses.replace(settings, embedder="fake")
    first = build_match_engine(fake, snapshot=True)
    assert first.foreign_preference == 0.0
    # The second run loads the snapshot the first wrote, and still reads the setting.
    leaning = dataclasses.replace(fake, match_foreign_preference=2.0)
    assert build_match_engine(leaning, snapshot=True).foreign_preference == 2.0
    assert len(list((fake.cache_dir / "engines").iterdir())) == 1


def test_match_claims_reads_each_text_in_the_language_given() -> None:
    """A caller that knows a text's language (an article's, a user's choice) passes it; a short
    text left to detection comes back as whatever was detected."""
    from tabayyun.embed import FakeEmbedder
    from tabayyun.errors import InputError
    from tabayyun.lang.detect import detect_language
    from tabayyun.matching import IndexedClaim, MatchEngine
    from tabayyun.service import match_claims

    engine = MatchEngine.build(
        [IndexedClaim("r1", "Безработица выросла до 5% в 2020 году.", lang="ru")], FakeEmbedder()
    )
    settings = Settings(embedder="fake")
    given, detected = match_claims(
        ["Безработицы", "Безработицы"], settings=settings, engine=engine, langs=["ru", None]
    )
    assert given.lang == "ru" and given.candidates[0].claim.id == "r1"
    assert detected.lang == detect_language("Безработицы", settings.languages)[0]
    with pytest.raises(InputError, match="one language per text"):
        match_claims(["a", "b"], settings=settings, engine=engine, langs=["ru"])


@pytest.mark.parametrize("given", ["fa", "FA", "fa-IR", "fa_IR"])
def test_a_given_language_is_read_as_its_code(given: str) -> None:
    """A language from a feed, a JSONL field or an API call keeps the analysis in Persian
    however it is written; a code outside the settings' languages is detected instead."""
    from tabayyun.service import analyze_text

    text = "ذخایر سدهای مشهد به ۱۸ میلیون مترمکعب رسید."
    doc = analyze_text(text, lang=given, settings=Settings(embedder="fake"))
    assert (doc.lang, doc.lang_confidence) == ("fa", 1.0)
    assert analyze_text(text, lang="xx", settings=Settings(embedder="fake")).lang == "fa"


@pytest.mark.parametrize(
    ("title", "first_sentence"),
    [(None, "The minister said on Tuesday"),
     ("Economy news", "Minister claims unemployment fell"),
     ("minister claims  unemployment fell to 2 percent", "The minister said on Tuesday")],
)  # fmt: skip
def test_a_given_title_keeps_a_headline_like_first_line_in_the_text(
    title: str | None, first_sentence: str
) -> None:
    """The API and the web form send a title: the text's own first line, headline-like or not,
    is then the text's, unless it repeats that title."""
    from tabayyun.service import analyze_text

    text = (
        "Minister claims unemployment fell to 2 percent\n"
        "The minister said on Tuesday that unemployment fell to 2 percent in March. "
        "Economists disputed the figure."
    )
    doc = analyze_text(text, title=title, settings=Settings(embedder="fake"))
    assert doc.sentences[0].text.startswith(first_sentence)
    assert doc.title == (title or "Minister claims unemployment fell to 2 percent")


def test_match_article_takes_the_sentences_the_queue_would(tmp_path: Path) -> None:
    """`tabayyun match --file` lists the sentences at the language's check-worthy threshold,
    the ones `analyze` marks and a review queue takes; a given cut still overrides it."""
    from tabayyun.embed import FakeEmbedder
    from tabayyun.matching import IndexedClaim, MatchEngine
    from tabayyun.service import analyze_text, checkworthy_threshold, match_article

    article = Path(__file__).parent / "fixtures" / "articles" / "en-flood-bridges.txt"
    engine = MatchEngine.build([IndexedClaim("c1", "Floods destroyed bridges")], FakeEmbedder())
    doc = analyze_text(article.read_text(encoding="utf-8"), settings=Settings(embedder="fake"))
    # The fake vectors score every sentence high; a server-wide threshold at the median splits
    # them, and match_article must follow it like the queue.
    median = float(np.median([s.checkworthiness for s in doc.sentences]))
    settings = Settings(embedder="fake", data_dir=tmp_path, checkworthiness_threshold=median)
    cut = checkworthy_threshold(doc.lang, settings)
    expected = {s.text for s in doc.sentences if (s.checkworthiness or 0.0) >= cut}
    assert 0 < len(expected) < len(doc.sentences)
    found = match_article(str(article), settings=settings, engine=engine)
    assert {r.text for r in found} == expected
    assert len(match_article(str(article), settings=settings, engine=engine,
                             min_checkworthiness=0.0)) == len(doc.sentences)  # fmt: skip
    given = match_article(str(article), settings=settings, engine=engine, lang="RU")
    assert given and {r.lang for r in given} == {"ru"}


def _counting_bridge() -> Any:
    """The real bridge encoder, keeping the texts it embeds as queries."""
    from tabayyun.embed.bridge import BridgeEmbedder

    class Counting(BridgeEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.queries: list[str] = []

        def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
            self.queries.extend(texts)
            return super().embed_queries(texts)

    return Counting()


def test_matching_reads_the_bridge_rows_check_worthiness_embedded(tmp_path: Path) -> None:
    """An English sentence against a Russian claim needs the bridge encoder's vector, which
    the check-worthiness heads already read: the matcher takes it from the Document instead of
    embedding the sentence a second time, and scores exactly as if it had."""
    from tabayyun.embed import FakeEmbedder
    from tabayyun.matching import IndexedClaim, MatchEngine
    from tabayyun.matching.tweet import strip_links
    from tabayyun.service import match_article

    article = Path(__file__).parent / "fixtures" / "articles" / "en-flood-bridges.txt"
    registry = [
        IndexedClaim("en", "Floods destroyed three bridges in northern England"),
        IndexedClaim("ru", "Наводнения разрушили три моста на севере Англии", lang="ru"),
        IndexedClaim("ru-2", "Цены на нефть выросли вдвое в 2020 году", lang="ru"),
    ]
    bridge = _counting_bridge()
    engine = MatchEngine.build(registry, FakeEmbedder(), bridge=bridge)
    settings = Settings(embedder="fake", data_dir=tmp_path)
    found = match_article(str(article), settings=settings, engine=engine, min_checkworthiness=0)
    assert len(found) > 5 and bridge.queries == []
    # The same sentences, with the engine embedding each one itself.
    gaps = []
    for result in found[:3]:
        again = engine.match(result.text, lang="en", k=5)
        assert [c.claim.id for c in again] == [c.claim.id for c in result.candidates]
        for given, own in zip(result.candidates, again, strict=True):
            assert given.final == pytest.approx(own.final, abs=1e-5)
            assert given.features["bridge_gap"] == pytest.approx(own.features["bridge_gap"])
            gaps.append(own.features["bridge_gap"])
    assert min(gaps) < 0  # the second Russian claim trails the first: the gap was read
    assert bridge.queries == [strip_links(r.text) for r in found[:3]]


def test_the_match_stage_reads_bridge_rows_except_where_none_fits() -> None:
    """The pipeline's match stage hands the engine each sentence's bridge row; a sentence with
    a link (the engine embeds it without) and one in a language the heads do not embed (a
    zero row) are embedded by the engine itself."""
    from tabayyun.embed import FakeEmbedder
    from tabayyun.matching import IndexedClaim, MatchEngine
    from tabayyun.model import Document
    from tabayyun.pipeline import Pipeline, PipelineContext
    from tabayyun.stages import ANALYSIS_STAGES

    bridge = _counting_bridge()
    registry = [
        IndexedClaim("ru", "Наводнения разрушили три моста на севере Англии", lang="ru"),
        IndexedClaim("ru-2", "Цены на нефть выросли вдвое в 2020 году", lang="ru"),
        IndexedClaim("en", "Floods destroyed three bridges in northern England"),
        IndexedClaim("en-2", "Oil prices doubled in 2020"),
    ]
    engine = MatchEngine.build(registry, FakeEmbedder(), bridge=bridge)
    settings = Settings(embedder="fake", match_min_checkworthiness=0.0)
    context = PipelineContext(settings=settings, resources={"match_engine": engine})
    pipeline = Pipeline(ANALYSIS_STAGES, context)

    def run(text: str, lang: str) -> Document:
        doc = Document(source="text", raw_text=text, media_type="text/plain", lang=lang)
        return pipeline(doc)

    english = run(
        "Floods destroyed three bridges in the north of England on Monday.\n"
        "Oil prices doubled last year, see https://example.org/oil for more.",
        "en",
    )
    assert english.bridge_model == bridge.name and english.matches
    assert bridge.queries == ["Oil prices doubled last year, see for more."]  # the link's
    russian = run("Наводнения разрушили три моста на севере Англии в понедельник.", "ru")
    assert not russian.bridge_vectors.any()  # the heads read no bridge for Russian
    assert bridge.queries[1:] == [russian.sentences[0].text]


def test_a_matcher_with_another_bridge_embeds_the_sentences_itself(tmp_path: Path) -> None:
    """Rows from one bridge encoder are never read as another's: a matcher whose bridge is
    not the check-worthiness heads' embeds the text with its own."""
    from tabayyun.embed import FakeEmbedder
    from tabayyun.matching import IndexedClaim, MatchEngine
    from tabayyun.service import match_article

    class Tiny:
        name, dim, languages = "tiny-bridge", 2, frozenset({"en", "ru"})

        def __init__(self) -> None:
            self.queries: list[str] = []

        def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
            return np.tile(np.asarray([[1.0, 0.0]], dtype=np.float32), (len(texts), 1))

        def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
            self.queries.extend(texts)
            return self.embed_passages(texts)

    article = Path(__file__).parent / "fixtures" / "articles" / "en-flood-bridges.txt"
    bridge = Tiny()
    registry = [IndexedClaim("ru", "Наводнения разрушили мосты", lang="ru")]
    engine = MatchEngine.build(registry, FakeEmbedder(), bridge=bridge)
    settings = Settings(embedder="fake", data_dir=tmp_path)
    found = match_article(str(article), settings=settings, engine=engine, min_checkworthiness=0)
    assert found and len(bridge.queries) == len(found)


def test_a_text_in_another_language_is_stored_without_names_and_the_batch_goes_on(
    settings: Settings, tmp_path: Path
) -> None:
    """German, Turkish or Kurdish items reach any inbox; they used to abort the whole batch."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-de.txt").write_text(
        "Die Regierung kündigte am Montag an, dass die Preise um 40 Prozent steigen werden.\n"
        "Der Minister sagte, das sei notwendig.",
        encoding="utf-8",
    )
    seed = Path(__file__).parent / "fixtures" / "articles" / "en-flood-bridges.txt"
    (inbox / "b-en.txt").write_bytes(seed.read_bytes())

    stats = ingest([str(inbox)], settings=settings)

    assert stats.stored == 2 and stats.failed == []
    german = analyze(str(inbox / "a-de.txt"), settings=settings)
    assert german.lang == "und" and german.entities == [] and german.statements == []
    assert any("no names or attributed statements" in w for w in german.warnings)
    assert german.sentences and german.sentences[0].checkworthiness is not None
    assert search_articles("Regierung", settings=settings)


def test_jsonl_titles_and_texts_have_their_character_references_decoded(
    settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "scraped.jsonl"
    source.write_text(
        '{"title": "Texas A&amp;M to cut fees", "text": "Texas A&amp;M University said on '
        'Monday that fees would fall by 5&#37; next year, its president told reporters."}\n',
        encoding="utf-8",
    )
    report = ingest([str(source)], settings=settings)
    assert report.stored == 1
    with open_store(settings.resolved_database_url) as store:
        doc = store.get(1)
    assert doc.title == "Texas A&M to cut fees"
    assert doc.text.startswith("Texas A&M University said") and "5% next year" in doc.text
