"""SQLAlchemy Core tables of the store; migrations create them, queries read them.

The full `Document` lives in `documents.data` (JSON); the other tables repeat its parts as rows
so later features (claims, speakers, stories) can query them without parsing JSON.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(128), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    # Normalised title: the FTS5 index reads this column, never the display title.
    Column("title_terms", Text, nullable=False, server_default=""),
    Column("terms", Text, nullable=False, server_default=""),
    Column("outlet", Text),
    Column("author", Text),
    Column("published_at", String(40)),
    Column("lang", String(8)),
    Column("text", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    Column("near_duplicate_of", String(128)),
    Column("minhash", LargeBinary),
    Column("data", JSON, nullable=False),
    Column("created_at", String(40), nullable=False),
)
Index("ix_documents_lang", documents.c.lang)
Index("ix_documents_published_at", documents.c.published_at)
Index("ix_documents_outlet", documents.c.outlet)


def _document_part(name: str, *columns: Column[Any]) -> Table:
    """A table of one kind of Document part: rows keyed by `doc_id`, deleted with the document."""
    table = Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        *columns,
    )
    Index(f"ix_{name}_doc_id", table.c.doc_id)
    return table


sentences = _document_part(
    "sentences",
    Column("idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("checkworthiness", Float),
)

statements = _document_part(
    "statements",
    Column("speaker", Text, nullable=False),
    Column("mention", Text, nullable=False),
    Column("verb", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_statements_speaker", statements.c.speaker)

entities = _document_part(
    "entities",
    Column("text", Text, nullable=False),
    Column("label", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_entities_name", entities.c.name)

related_links = _document_part(
    "related_links",
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text),
)

# Created with raw SQL in the migration (SQLAlchemy has no FTS5 construct); named here so
# queries and tests refer to one spelling.
FTS_TABLE = "documents_fts"

# Published fact-checks (tabayyun.registry). `key` is the fact-check's identity (its URL, else a
# hash of publisher, claim and date); `content_hash` decides whether a re-import changed it.
factchecks = Table(
    "factchecks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("url", Text),
    Column("claim_reviewed", Text, nullable=False),
    Column("claim_normalized", Text, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("publisher", Text),
    Column("author", Text),
    Column("date_published", String(40)),
    Column("rating_label", String(16), nullable=False),
    Column("rating_known", Boolean, nullable=False),
    Column("rating_text", Text),
    Column("rating_value", Text),
    Column("best", Float),
    Column("worst", Float),
    Column("organisation", Text),
    Column("visibility", String(8), nullable=False, server_default="public"),
    Column("content_hash", String(64), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    # Raised by one on every change: the server's registry fingerprint sums it, since two
    # changes within one second leave updated_at (seconds) as it was.
    Column("revision", Integer, nullable=False, server_default="0"),
)
Index("ix_factchecks_lang", factchecks.c.lang)
Index("ix_factchecks_rating_label", factchecks.c.rating_label)
Index("ix_factchecks_publisher", factchecks.c.publisher)
