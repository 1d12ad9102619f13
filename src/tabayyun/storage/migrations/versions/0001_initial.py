"""Documents, their parts, and the FTS5 index over normalised title and text.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _doc_fk() -> sa.Column[int]:
    return sa.Column(
        "doc_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    # Tables are spelled out here rather than imported from schema.py: a migration is a frozen
    # record of one revision, and schema.py will move on.
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(128), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("title_terms", sa.Text, nullable=False, server_default=""),
        sa.Column("terms", sa.Text, nullable=False, server_default=""),
        sa.Column("outlet", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published_at", sa.String(40)),
        sa.Column("lang", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("near_duplicate_of", sa.String(128)),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_documents_lang", "documents", ["lang"])
    op.create_index("ix_documents_published_at", "documents", ["published_at"])
    op.create_index("ix_documents_outlet", "documents", ["outlet"])

    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("checkworthiness", sa.Float),
    )
    op.create_index("ix_sentences_doc_id", "sentences", ["doc_id"])

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("speaker", sa.Text, nullable=False),
        sa.Column("mention", sa.Text, nullable=False),
        sa.Column("verb", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_statements_doc_id", "statements", ["doc_id"])
    op.create_index("ix_statements_speaker", "statements", ["speaker"])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_entities_doc_id", "entities", ["doc_id"])
    op.create_index("ix_entities_name", "entities", ["name"])

    op.create_table(
        "related_links",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
    )
    op.create_index("ix_related_links_doc_id", "related_links", ["doc_id"])

    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_fts()


def _create_sqlite_fts() -> None:
    # External content: the index stores only tokens and reads the columns back from
    # `documents`. FTS5 splits words at Arabic diacritics and ZWNJ, so the columns it indexes
    # hold stemmed words of normalised text only (tabayyun.lang.normalize.search_terms).
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        "title_terms, terms, content='documents', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    # Triggers keep the index in step with every write path, including future ones.
    op.execute(
        "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title_terms, terms) "
        "VALUES (new.id, new.title_terms, new.terms); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title_terms, terms) "
        "VALUES ('delete', old.id, old.title_terms, old.terms); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_au AFTER UPDATE OF title_terms, terms "
        "ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title_terms, terms) "
        "VALUES ('delete', old.id, old.title_terms, old.terms); "
        "INSERT INTO documents_fts(rowid, title_terms, terms) "
        "VALUES (new.id, new.title_terms, new.terms); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("documents_fts_au", "documents_fts_ad", "documents_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("related_links", "entities", "statements", "sentences", "documents"):
        op.drop_table(table)
