"""Published fact-checks (schema.org ClaimReview) for the shared registry.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Spelled out rather than imported from schema.py: a migration is a frozen record.
    op.create_table(
        "factchecks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("claim_reviewed", sa.Text, nullable=False),
        sa.Column("claim_normalized", sa.Text, nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("date_published", sa.String(40)),
        sa.Column("rating_label", sa.String(16), nullable=False),
        sa.Column("rating_known", sa.Boolean, nullable=False),
        sa.Column("rating_text", sa.Text),
        sa.Column("rating_value", sa.Text),
        sa.Column("best", sa.Float),
        sa.Column("worst", sa.Float),
        sa.Column("organisation", sa.Text),
        sa.Column("visibility", sa.String(8), nullable=False, server_default="public"),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_factchecks_lang", "factchecks", ["lang"])
    op.create_index("ix_factchecks_rating_label", "factchecks", ["rating_label"])
    op.create_index("ix_factchecks_publisher", "factchecks", ["publisher"])


def downgrade() -> None:
    op.drop_table("factchecks")
