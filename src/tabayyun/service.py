"""The verbs of tabayyun. The CLI, the REST API and the web UI call these and nothing deeper."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from tabayyun.config import Settings
from tabayyun.errors import Duplicate, InputError, Skip, TabayyunError
from tabayyun.ingest.sources import Loader, LoadFailure
from tabayyun.model import Document
from tabayyun.pipeline import Pipeline, PipelineContext, RunStats
from tabayyun.stages import ANALYSIS_STAGES
from tabayyun.storage.base import Store, open_store

if TYPE_CHECKING:
    from tabayyun.ingest.dedupe import NearDuplicateIndex

_STAGES_BEFORE_MATCH = tuple(name for name in ANALYSIS_STAGES if name != "match")


def build_pipeline(
    settings: Settings,
    *,
    store: Store | None = None,
    stages: Sequence[str] = ANALYSIS_STAGES,
    near_duplicates: NearDuplicateIndex | None = None,
) -> Pipeline:
    """The analysis pipeline; with a store, duplicates of stored documents are dropped early.

    `near_duplicates` is an index kept by the caller (a server's, over what it has stored):
    documents are marked as near duplicates of what it holds, and added to it by nobody but
    that caller, once stored.
    """
    context = PipelineContext(settings=settings)
    if store is not None:
        context.resources["store"] = store
    if near_duplicates is not None:
        context.resources["near_duplicates"] = near_duplicates
        context.resources["near_duplicates_read_only"] = True
    elif store is not None:
        from tabayyun.ingest.dedupe import NearDuplicateIndex

        index = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
        for content_hash, signature in store.near_duplicate_signatures():
            index.add(content_hash, signature)
        context.resources["near_duplicates"] = index
    return Pipeline(stages, context)


def analyze(
    source: str,
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Any = None,
    near_duplicates: NearDuplicateIndex | None = None,
) -> Document:
    """Analyse one article (a file, a URL or "-" for standard input) without storing it.

    `near_duplicates`: an index of stored articles to mark the article against (read only).
    """
    settings = settings or Settings.from_env()
    pipeline = build_pipeline(settings, near_duplicates=near_duplicates)
    return _run_one(pipeline, _load_one(source, settings, stdin, fetcher))


def _load_one(source: str, settings: Settings, stdin: BinaryIO | None, fetcher: Any) -> Document:
    """The first article `source` holds; its load failure is raised."""
    loader = Loader(settings, stdin=stdin, fetcher=fetcher)
    try:
        first = next(iter(loader.load([source])), None)
    finally:
        loader.close()
    if first is None:
        raise InputError(
            "%(source)s holds no article; pass a text, HTML, feed or JSONL file", source=source
        )
    if isinstance(first, LoadFailure):
        raise first.error
    return first


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    lang: str | None = None,
    settings: Settings | None = None,
    near_duplicates: NearDuplicateIndex | None = None,
) -> Document:
    """Analyse article text given as a string (Python API and the REST API).

    `near_duplicates`: an index of stored articles to mark the text against (read only).
    """
    settings = settings or Settings.from_env()
    doc = Document(source="text", raw_text=text, media_type="text/plain", title=title, lang=lang)
    return _run_one(build_pipeline(settings, near_duplicates=near_duplicates), doc)


def _run_one(pipeline: Pipeline, doc: Document) -> Document:
    try:
        return pipeline(doc)
    except Skip as skip:
        # Give the caller the error the stage raised, so its class and message survive.
        if isinstance(skip.__cause__, TabayyunError):
            raise skip.__cause__ from None
        raise


@dataclass(frozen=True)
class NearDuplicate:
    """A stored item that is a near duplicate of an article stored before it."""

    source: str
    doc_id: int | None
    original_source: str | None
    original_id: int | None


@dataclass
class IngestReport:
    """What an ingest run did, item by item."""

    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    stats: RunStats = field(default_factory=RunStats)
    near_duplicate_items: list[NearDuplicate] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.stored + self.duplicates + len(self.failed)

    @property
    def exit_code(self) -> int:
        """Non-zero only when nothing at all could be processed."""
        return 1 if self.failed and not (self.stored or self.duplicates) else 0


def ingest(
    inputs: Sequence[str],
    *,
    feeds: Sequence[str] = (),
    settings: Settings | None = None,
    store: Store | None = None,
    on_item: Callable[[str, str], None] | None = None,
    fetcher: Any = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Load, analyse and store every article; bad items are reported and skipped, never fatal.

    `on_item(source, outcome)` is called once per item with "stored", "duplicate" or "failed".
    """
    settings = settings or Settings.from_env()
    own_store = store is None
    store = store or open_store(settings.resolved_database_url)
    report = IngestReport()
    pipeline = build_pipeline(settings, store=store)
    report.stats = pipeline.stats
    loader = Loader(settings, stdin=stdin, fetcher=fetcher)

    def note(source: str, outcome: str) -> None:
        if on_item is not None:
            on_item(source, outcome)

    try:
        for item in loader.load(inputs, feeds=feeds):
            if isinstance(item, LoadFailure):
                report.failed.append((item.source, item.reason))
                note(item.source, "failed")
                continue
            try:
                doc = pipeline(item)
            except Duplicate:
                report.duplicates += 1
                note(item.source, "duplicate")
                continue
            except Skip as skip:
                report.failed.append((item.source, str(skip)))
                note(item.source, "failed")
                continue
            result = store.save(doc)
            if result.status == "duplicate":
                report.duplicates += 1
                note(doc.source, "duplicate")
            else:
                report.stored += 1
                if doc.near_duplicate_of is not None:
                    report.near_duplicates += 1
                    report.near_duplicate_items.append(_near_duplicate(store, doc, result.doc_id))
                note(doc.source, "stored")
    finally:
        loader.close()
        if own_store:
            store.close()
    return report


def _near_duplicate(store: Store, doc: Document, doc_id: int | None) -> NearDuplicate:
    original = store.get_by_hash(doc.near_duplicate_of or "")
    return NearDuplicate(
        source=doc.source,
        doc_id=doc_id,
        original_source=original.source if original is not None else None,
        original_id=store.doc_id_of(doc.near_duplicate_of or ""),
    )


def checkworthy_threshold(lang: str | None, settings: Settings | None = None) -> float:
    """The score from which a sentence in `lang` counts as check-worthy (and enters a review
    queue): `settings.checkworthiness_threshold` when set, else the shipped model's own
    threshold for the language, tuned out-of-fold for F1."""
    settings = settings or Settings.from_env()
    if settings.checkworthiness_threshold is not None:
        return float(settings.checkworthiness_threshold)
    from tabayyun.claims.checkworthiness import load_default_scorer  # lazy: loads the model

    return load_default_scorer().threshold("checkworthy", lang or "und")


def search_articles(
    query: str,
    *,
    lang: str | None = None,
    limit: int = 20,
    settings: Settings | None = None,
    store: Store | None = None,
) -> list[Any]:
    """Full-text search over stored articles; the query is normalised and stemmed like the index.

    `lang` restricts results to one language; the query's own language is detected.
    """
    settings = settings or Settings.from_env()
    own_store = store is None
    store = store or open_store(settings.resolved_database_url)
    try:
        return list(store.search(query, lang=lang, limit=limit))
    finally:
        if own_store:
            store.close()


@dataclass
class ClaimMatches:
    """One text (a sentence, statement or whole claim) and the fact-checks found for it."""

    text: str
    lang: str
    checkworthiness: float | None
    candidates: list[Any]  # tabayyun.matching.engine.Candidate, best first


def indexed_claims(factchecks: Iterable[Any]) -> list[Any]:
    """The matcher's view (`IndexedClaim`) of registry fact-checks."""
    from tabayyun.matching import IndexedClaim

    return [
        IndexedClaim(
            id=fc.key,
            claim=fc.claim_reviewed,
            title=fc.headline or "",
            lang=fc.lang,
            date=fc.date_published,
            metadata={
                "rating": fc.rating.label,
                "verdict": fc.rating.alternate_name or str(fc.rating.value or ""),
                "publisher": fc.publisher,
                "url": fc.url,
            },
        )
        for fc in factchecks
    ]


def build_match_engine(
    settings: Settings,
    *,
    organisation: str | None = None,
    factchecks: Iterable[Any] | None = None,
    embedder: Any = None,
    snapshot: bool = False,
) -> Any:
    """A MatchEngine over `factchecks`, else every fact-check `organisation` may see.

    `snapshot` keeps the built engine in `cache_dir/engines` and loads it on the next call over
    the same registry (matching/snapshot.py): for command-line runs, which would otherwise
    rebuild it every time. A server keeps its engines in memory instead.
    """
    from tabayyun.embed import bridge_from_settings, embedder_from_settings
    from tabayyun.matching import MatchEngine

    if factchecks is None:
        from tabayyun.registry.store import open_factcheck_store

        store = open_factcheck_store(settings.resolved_database_url)
        try:
            factchecks = list(store.iter_all(organisation=organisation))
        finally:
            store.close()
    records = indexed_claims(factchecks)
    if not records:
        raise InputError(
            "the registry is empty; import fact-checks with `tabayyun registry import`"
        )
    if embedder is not None:
        return MatchEngine.build(records, embedder, settings=settings)
    # Registry entries go through the on-disk vector cache (embedded once, ever); incoming
    # texts do not, or the cache would grow with every request a server answers.
    cached = embedder_from_settings(settings, cached=True)
    live = embedder_from_settings(settings)
    bridge = bridge_from_settings(settings, cached=True)
    live_bridge = bridge_from_settings(settings)

    def build() -> MatchEngine:
        return MatchEngine.build(
            records,
            cached,
            settings=settings,
            query_embedder=live,
            bridge=bridge,
            query_bridge=live_bridge,
        )

    if not snapshot:
        return build()
    from tabayyun.matching.snapshot import load_or_build, snapshot_key

    key = snapshot_key(
        records,
        cached.name,
        symmetric=True,
        latent=settings.match_latent_terms,
        bridge=bridge.name if bridge is not None else None,
    )
    directory = settings.cache_dir / "engines"
    engine = load_or_build(
        directory,
        key,
        build,
        embedder=cached,
        query_embedder=live,
        bridge=bridge,
        query_bridge=live_bridge,
    )
    # A scoring option, not part of the index: a snapshot serves any value of it.
    engine.foreign_preference = settings.match_foreign_preference
    return engine


def match_claims(
    texts: Sequence[str],
    *,
    settings: Settings | None = None,
    engine: Any = None,
    k: int = 5,
    foreign_preference: float | None = None,
    langs: Sequence[str | None] | None = None,
) -> list[ClaimMatches]:
    """Fact-checks for each text, in any of the four languages; `foreign_preference` replaces
    the engine's (the `match_foreign_preference` setting) for these texts.

    `langs` gives each text's language where the caller knows it (the article's, or the
    user's choice): a short text's detected language is often wrong or "und", and the lexical
    features read the text in that language. None (or a None entry) detects it.
    """
    from tabayyun.lang.codes import language_filter
    from tabayyun.lang.detect import detect_language

    settings = settings or Settings.from_env()
    engine = engine or build_match_engine(settings, snapshot=True)
    if langs is not None and len(langs) != len(texts):
        raise InputError(f"give one language per text: {len(texts)} texts, {len(langs)} languages")
    results = []
    for i, text in enumerate(texts):
        lang = language_filter(langs[i]) if langs is not None else None
        if not lang:
            lang, _ = detect_language(text, settings.languages)
        found = engine.match(text, lang=lang, k=k, foreign_preference=foreign_preference)
        results.append(ClaimMatches(text, lang, None, found))
    return results


def match_article(
    source: str,
    *,
    settings: Settings | None = None,
    engine: Any = None,
    k: int = 5,
    min_checkworthiness: float | None = None,
    lang: str | None = None,
) -> list[ClaimMatches]:
    """Analyse an article, then match each check-worthy sentence against the registry.

    Check-worthy: scoring `min_checkworthiness` or more, by default the threshold of the
    article's language (`checkworthy_threshold`), as the review queue and `analyze` count it.
    `lang` gives the article's language instead of detecting it.
    """
    from tabayyun.lang.codes import language_filter
    from tabayyun.matching.tweet import sentence_rows

    settings = settings or Settings.from_env()
    # Every candidate is listed here, so the pipeline's own `match` stage (decided matches
    # only) is left out rather than run, with an engine of its own, and thrown away.
    pipeline = build_pipeline(settings, stages=_STAGES_BEFORE_MATCH)
    loaded = _load_one(source, settings, None, None)
    loaded.lang = language_filter(lang) or loaded.lang
    doc = _run_one(pipeline, loaded)
    engine = engine or build_match_engine(settings, snapshot=True)
    if min_checkworthiness is None:
        min_checkworthiness = checkworthy_threshold(doc.lang, settings)
    results = []
    for sentence in doc.sentences:
        if (sentence.checkworthiness or 0.0) < min_checkworthiness:
            continue
        rows = sentence_rows(doc, sentence.index, engine)
        found = engine.match(sentence.text, lang=doc.lang, k=k, **rows)
        results.append(
            ClaimMatches(sentence.text, doc.lang or "und", sentence.checkworthiness, found)
        )
    return sorted(results, key=lambda r: -(r.checkworthiness or 0.0))
