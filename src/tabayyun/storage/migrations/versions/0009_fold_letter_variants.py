"""Re-index stored text holding ھ, ہ, ۃ or ڪ, which the normaliser now folds into ه and ك/ک.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The letters this revision's normaliser began to fold. The stored search form of text without
# them is unchanged, so only rows holding one are rewritten. `normalized` was NFKC-folded, so it
# also holds them for text that used their presentation forms.
_FOLDED = ("ھ", "ہ", "ۃ", "ڪ")
_BATCH = 500  # rows read at a time: articles are long


def _holding(*columns: str) -> str:
    # LIKE is case-sensitive outside ASCII, so this is an exact search for each letter.
    return "(" + " OR ".join(f"{c} LIKE '%{ch}%'" for c in columns for ch in _FOLDED) + ")"


def _batches(conn: sa.Connection, select: str) -> Iterator[Sequence[sa.Row[Any]]]:
    """The rows of `select` (which needs `id > :last` and an `ORDER BY id`) a batch at a time."""
    last = 0
    while rows := conn.execute(sa.text(select), {"last": last, "limit": _BATCH}).all():
        yield rows
        last = rows[-1].id


def upgrade() -> None:
    # Unlike the tables, the search form cannot be frozen here: it is recomputed with the
    # package's own functions, exactly as SqliteStore and the registry compute it on save. Later
    # changes to the normaliser need their own re-index revision anyway.
    from tabayyun.lang.normalize import normalize, search_terms

    conn = op.get_bind()
    documents = (
        "SELECT id, title, text, lang FROM documents WHERE id > :last AND "
        + _holding("title", "text", "normalized")
        + " ORDER BY id LIMIT :limit"
    )
    for rows in _batches(conn, documents):
        for row in rows:
            body = f"{row.title or ''}\n{row.text}"
            # The FTS5 index follows through the documents_fts_au trigger.
            conn.execute(
                sa.text(
                    "UPDATE documents SET normalized = :normalized, title_terms = :title_terms, "
                    "terms = :terms WHERE id = :id"
                ),
                {
                    "id": row.id,
                    "normalized": normalize(body, row.lang),
                    "title_terms": " ".join(search_terms(row.title or "", row.lang)),
                    "terms": " ".join(search_terms(body, row.lang)),
                },
            )
    claims = (
        "SELECT id, claim_reviewed, lang FROM factchecks WHERE id > :last AND "
        + _holding("claim_reviewed", "claim_normalized")
        + " ORDER BY id LIMIT :limit"
    )
    for rows in _batches(conn, claims):
        for row in rows:
            conn.execute(
                sa.text("UPDATE factchecks SET claim_normalized = :form WHERE id = :id"),
                {"id": row.id, "form": normalize(row.claim_reviewed, row.lang)},
            )


def downgrade() -> None:
    # Nothing to undo: the folded form only merges spellings. Older code still finds these rows
    # by the letters they were folded into (ه, ك, ک), though no longer by the variants.
    pass
