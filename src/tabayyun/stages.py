"""The built-in stages, registered like any plugin's.

Each factory imports its module lazily so that `tabayyun --help` stays fast and a pipeline only
pays for the models it uses.
"""

from __future__ import annotations

from typing import Any

from tabayyun.errors import Duplicate, Grouped, InputTooLargeError, NoArticleTextError
from tabayyun.model import ClaimMatch, Document, Sentence
from tabayyun.pipeline import PipelineContext, StageFn, register_stage

HTML_TYPES = ("text/html", "application/xhtml+xml")


# The analysis every article goes through, in order.
ANALYSIS_STAGES = (
    "decode",
    "extract",
    "detect_language",
    "normalize",
    "dedupe",
    "segment",
    "dates",
    "entities",
    "statements",
    "quantities",
    "embed",
    "checkworthiness",
    "match",
)


@register_stage("decode", reads=("raw",), writes=("raw_text", "encoding"))
def decode_stage(context: PipelineContext) -> StageFn:
    """Bytes to text, with the encoding detected and verified."""
    from tabayyun.ingest.decode import decode_bytes

    max_bytes = context.settings.max_input_bytes

    def decode(doc: Document) -> Document:
        if doc.raw_text is not None:  # loaders of feeds and JSONL hand over text already
            return doc
        if doc.raw is None:
            raise NoArticleTextError(f"{doc.source}: nothing to decode; pass a file, URL or text")
        declared = doc.metadata.get("charset")
        doc.raw_text, doc.encoding = decode_bytes(doc.raw, declared=declared, max_bytes=max_bytes)
        return doc

    return decode


@register_stage(
    "extract",
    reads=("raw_text", "media_type"),
    writes=("title", "text", "outlet", "author", "related", "metadata"),
)
def extract_stage(context: PipelineContext) -> StageFn:
    """Main text, title, outlet, author, date candidates and related links."""
    from tabayyun.ingest.extract import extract_html, extract_plain
    from tabayyun.lang.normalize import decode_references

    max_chars = context.settings.max_article_chars

    def extract(doc: Document) -> Document:
        raw_text = doc.raw_text or ""
        if is_html(doc.media_type, raw_text):
            try:
                page = extract_html(raw_text, url=doc.url)
            except NoArticleTextError:
                if "feed" not in doc.metadata:
                    raise
                page = feed_summary(doc)
        else:
            page = extract_plain(raw_text, known_title=doc.title)
        if len(page.text) > max_chars:
            # A pasted book or a whole site dump would hold a worker for many minutes.
            raise InputTooLargeError(
                "%(source)s: the article text has %(chars)s characters, more than "
                "the %(max)s analysed at once (TABAYYUN_MAX_ARTICLE_CHARS); split it",
                source=doc.source,
                chars=Grouped(len(page.text)),
                max=Grouped(max_chars),
            )
        # Fields a loader already knows (JSONL, feed items) win over what extraction guesses;
        # they may hold HTML character references as a scraper kept them.
        doc.title = decode_references(doc.title or "") or page.title
        doc.text = page.text
        doc.outlet = doc.outlet or page.outlet
        doc.author = doc.author or page.author
        doc.related = page.related
        candidates = list(doc.metadata.get("date_candidates", [])) + list(page.date_candidates)
        doc.metadata.update(page.metadata)
        doc.metadata["date_candidates"] = candidates
        doc.metadata["byline_dates"] = list(page.bylines)
        doc.metadata["address_dates"] = list(page.guessed_dates)
        if page.lang_hint and "lang_hint" not in doc.metadata:
            doc.metadata["lang_hint"] = page.lang_hint
        return doc

    return extract


def feed_summary(doc: Document) -> Any:
    """A feed item's teaser as its text, when neither the item nor its page has more."""
    import lxml.html

    from tabayyun.ingest.extract import extract_plain

    text = lxml.html.fromstring(doc.raw_text or "<p></p>").text_content().strip()
    if not text and not doc.title:
        raise NoArticleTextError(
            "%(source)s: the feed item has no title or summary text", source=doc.source
        )
    page = extract_plain(text or doc.title or "")
    page.outlet = None  # a teaser has no outlet tag line; the feed's title names the outlet
    doc.warnings.append("only the feed's summary was available; analysed that")
    return page


def is_html(media_type: str | None, text: str) -> bool:
    if media_type:
        return media_type.split(";")[0].strip().lower() in HTML_TYPES
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


@register_stage("detect_language", reads=("title", "text"), writes=("lang", "lang_confidence"))
def detect_language_stage(context: PipelineContext) -> StageFn:
    """ar / fa / ru / en, or und; Arabic and Persian never confused."""
    from tabayyun.lang.codes import language_code
    from tabayyun.lang.detect import detect_language

    languages = context.settings.languages

    def detect(doc: Document) -> Document:
        if doc.lang and language_code(doc.lang) in languages:  # given (JSONL field, API)
            doc.lang = language_code(doc.lang)
            doc.lang_confidence = doc.lang_confidence or 1.0
            return doc
        sample = f"{doc.title or ''}\n{doc.text[:3000]}"
        doc.lang, doc.lang_confidence = detect_language(sample, languages)
        return doc

    return detect


@register_stage("normalize", reads=("title", "text", "lang"), writes=("normalized",))
def normalize_stage(context: PipelineContext) -> StageFn:
    """The search form of title and text, shared by the index and every query."""
    from tabayyun.lang.normalize import normalize

    def run(doc: Document) -> Document:
        doc.normalized = normalize(f"{doc.title or ''}\n{doc.text}", doc.lang)
        return doc

    return run


@register_stage(
    "dedupe",
    reads=("normalized",),
    writes=("content_hash", "duplicate_of", "near_duplicate_of", "minhash"),
)
def dedupe_stage(context: PipelineContext) -> StageFn:
    """Exact duplicates (content hash) are dropped; near duplicates (MinHash) are marked.

    With `resources["near_duplicates_read_only"]` (a server's shared index, which learns only
    what is stored) documents are looked up but neither remembered nor dropped.
    """
    from tabayyun.ingest.dedupe import NearDuplicateIndex, content_hash

    index: NearDuplicateIndex = context.resources.setdefault(
        "near_duplicates", NearDuplicateIndex(threshold=context.settings.near_duplicate_threshold)
    )
    read_only = bool(context.resources.get("near_duplicates_read_only"))
    seen: set[str] = context.resources.setdefault("seen_hashes", set())
    store: Any = context.resources.get("store")

    def dedupe(doc: Document) -> Document:
        doc.content_hash = content_hash(doc.normalized)
        if doc.content_hash in seen or (
            store is not None and store.has_content_hash(doc.content_hash)
        ):
            doc.duplicate_of = doc.content_hash
            raise Duplicate(doc.content_hash)
        doc.minhash = index.signature(doc.normalized)
        # A stored copy of the very same text is a duplicate, not a near duplicate of itself.
        doc.near_duplicate_of = index.query(doc.minhash, exclude=doc.content_hash)
        if not read_only:
            index.add(doc.content_hash, doc.minhash)
            seen.add(doc.content_hash)
        return doc

    return dedupe


@register_stage(
    "segment",
    reads=("text", "lang"),
    writes=("sentences", "sentence_vectors", "bridge_vectors", "bridge_model"),
)
def segment_stage(context: PipelineContext) -> StageFn:
    """Sentences with their character spans (vectors of earlier sentences are dropped)."""
    from tabayyun.lang.segment import split_sentences

    def segment(doc: Document) -> Document:
        spans = split_sentences(doc.text, doc.lang or "und")
        doc.sentences = [
            Sentence(index=i, text=doc.text[start:end], start=start, end=end)
            for i, (start, end) in enumerate(spans)
        ]
        # Rows embedded for other sentences must never be read as these sentences' own.
        doc.sentence_vectors = doc.bridge_vectors = doc.bridge_model = None
        return doc

    return segment


@register_stage("dates", reads=("text", "lang", "metadata"), writes=("published_at",))
def dates_stage(context: PipelineContext) -> StageFn:
    """Publication date in ISO 8601, in any of the calendars: from a date field, else a byline
    or dateline, else the page's address; never from a year in the text. A date that may be
    wrong, or none, is explained in `doc.warnings`; `metadata["published_from"]` names the
    source and `metadata["published_partial"]` keeps a year- or month-only date left out."""
    from tabayyun.lang.dates import choose_published_date

    def dates(doc: Document) -> Document:
        fields = ([doc.published_at] if doc.published_at else []) + list(
            doc.metadata.get("date_candidates", [])
        )
        chosen = choose_published_date(
            fields,
            doc.text,
            doc.lang,
            bylines=doc.metadata.get("byline_dates", []),
            addresses=doc.metadata.get("address_dates", []),
        )
        doc.published_at = chosen.iso
        doc.metadata["published_from"] = chosen.source
        if chosen.partial is not None:
            doc.metadata["published_partial"] = chosen.partial
        doc.warnings.extend(chosen.warnings)
        return doc

    return dates


@register_stage("entities", reads=("text", "sentences", "lang"), writes=("entities",))
def entities_stage(context: PipelineContext) -> StageFn:
    """Named people, organisations and places."""
    from tabayyun.understand.entities import LANGUAGES, find_entities

    def entities(doc: Document) -> Document:
        # A text in another language (German, Turkish, Kurdish reach any inbox) is still
        # stored, searched and matched; it only gets no names or statements.
        if doc.lang not in LANGUAGES:
            doc.warnings.append(
                f"no names or attributed statements for language {doc.lang or 'und'!r}: the "
                f"rules cover {', '.join(LANGUAGES)}; give the language if detection was wrong"
            )
            doc.entities = []
            return doc
        doc.entities = find_entities(doc.text, doc.sentences, doc.lang)
        return doc

    return entities


@register_stage(
    "statements", reads=("text", "sentences", "entities", "lang"), writes=("statements",)
)
def statements_stage(context: PipelineContext) -> StageFn:
    """Attributed statements: who said what, with which reporting verb."""
    from tabayyun.understand.entities import LANGUAGES
    from tabayyun.understand.statements import find_statements

    def statements(doc: Document) -> Document:
        if doc.lang not in LANGUAGES:  # the entities stage has said why
            doc.statements = []
            return doc
        doc.statements = find_statements(doc.text, doc.sentences, doc.entities, doc.lang)
        return doc

    return statements


@register_stage("quantities", reads=("text", "lang"), writes=("quantities",))
def quantities_stage(context: PipelineContext) -> StageFn:
    """Numbers with units and currencies as structured values."""
    from tabayyun.understand.numbers import find_quantities

    def quantities(doc: Document) -> Document:
        doc.quantities = find_quantities(doc.text, doc.lang or "und")
        return doc

    return quantities


@register_stage("embed", reads=("sentences",), writes=("sentence_vectors",))
def embed_stage(context: PipelineContext) -> StageFn:
    """One vector per sentence (e5 query form), shared by check-worthiness and matching."""
    import numpy as np

    from tabayyun.embed import embedder_from_settings

    if "embedder" not in context.resources:
        context.resources["embedder"] = embedder_from_settings(context.settings)
    embedder = context.resources["embedder"]

    def embed(doc: Document) -> Document:
        texts = [sentence.text for sentence in doc.sentences]
        if texts:
            doc.sentence_vectors = embedder.embed_queries(texts)
        else:
            doc.sentence_vectors = np.zeros((0, embedder.dim), dtype=np.float32)
        return doc

    return embed


@register_stage(
    "checkworthiness",
    reads=("sentences", "sentence_vectors", "statements", "lang"),
    writes=("sentences", "statements", "bridge_vectors", "bridge_model"),
)
def checkworthiness_stage(context: PipelineContext) -> StageFn:
    """Calibrated check-worthy and verifiable-claim probabilities per sentence and statement."""
    from tabayyun.claims.checkworthiness import load_default_scorer

    scorer = load_default_scorer()
    bridge_model = scorer.bridge_name  # one name per process: read once, not per article

    def score(doc: Document) -> Document:
        if not doc.sentences:
            return doc
        langs = [doc.lang or "und"] * len(doc.sentences)
        texts = [s.text for s in doc.sentences]
        # Kept on the Document: the match stage reads these rows instead of embedding again.
        doc.bridge_vectors = scorer.bridge_vectors(texts, langs)
        doc.bridge_model = bridge_model
        checkworthy, verifiable = scorer.score(
            texts, doc.sentence_vectors, langs, bridge_vectors=doc.bridge_vectors
        )
        for sentence, cw, ver in zip(doc.sentences, checkworthy, verifiable, strict=True):
            sentence.checkworthiness = round(float(cw), 4)
            sentence.verifiable = round(float(ver), 4)
        # A statement is as worth checking as the sentence that carries it.
        for statement in doc.statements:
            if 0 <= statement.sentence_index < len(doc.sentences):
                statement.checkworthiness = doc.sentences[statement.sentence_index].checkworthiness
        return doc

    return score


@register_stage("match", reads=("sentences", "sentence_vectors", "lang"), writes=("matches",))
def match_stage(context: PipelineContext) -> StageFn:
    """Fact-checks in the registry for each check-worthy sentence (decision match or suggest).

    The engine comes from `context.resources["match_engine"]` when a caller supplies one (None
    turns matching off); otherwise it is built on first use over every fact-check in the
    database of the settings, and matching is a no-op while that registry is empty or absent.
    """
    from tabayyun.matching.tweet import sentence_rows

    settings = context.settings
    min_score = settings.match_min_checkworthiness
    if not settings.pipeline_matching:
        context.resources["match_engine"] = None

    def engine() -> Any:
        if "match_engine" not in context.resources:
            context.resources["match_engine"] = _registry_engine(context)
        return context.resources["match_engine"]

    def match(doc: Document) -> Document:
        doc.matches = []
        chosen = [
            s for s in doc.sentences if s.checkworthiness is None or s.checkworthiness >= min_score
        ]
        if not chosen or engine() is None:
            return doc
        for sentence in chosen:
            rows = sentence_rows(doc, sentence.index, engine())
            for found in engine().match(sentence.text, lang=doc.lang, k=3, **rows):
                if found.decision is None:
                    continue
                meta = found.claim.metadata
                doc.matches.append(
                    ClaimMatch(
                        sentence_index=sentence.index,
                        factcheck=found.claim.id,
                        claim=found.claim.claim,
                        lang=found.claim.lang,
                        score=round(found.final, 4),
                        decision=found.decision,
                        rating=meta.get("rating") or None,
                        verdict=meta.get("verdict") or None,
                        publisher=meta.get("publisher") or None,
                        url=meta.get("url") or None,
                        conflicts=list(found.conflicts),
                    )
                )
        return doc

    return match


def _registry_engine(context: PipelineContext) -> Any:
    """A MatchEngine over the database's registry, or None when it holds no fact-checks.

    A SQLite file that does not exist yet is not created: analysing an article must not leave
    a database behind.
    """
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from tabayyun.errors import StoreError
    from tabayyun.registry.store import open_factcheck_store
    from tabayyun.service import build_match_engine

    url = context.settings.resolved_database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return None
        if not Path(parsed.database).exists():
            return None
    try:
        store = open_factcheck_store(url, migrate=False)
    except StoreError:
        return None  # an older schema: `tabayyun db migrate` first; analysis goes on
    try:
        factchecks = list(store.iter_all())
    finally:
        store.close()
    if not factchecks:
        return None
    # Registry passages go through the on-disk vector cache: embedded once, not per run; the
    # built engine is kept too, so the next run over the same registry loads it.
    return build_match_engine(context.settings, factchecks=factchecks, snapshot=True)
