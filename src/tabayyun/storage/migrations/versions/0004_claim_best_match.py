"""The best fact-check match of each claim, found when its article was ingested.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("matched_key", sa.Text))
        batch.add_column(sa.Column("matched_score", sa.Float))
        batch.add_column(sa.Column("matched_decision", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("matched_decision")
        batch.drop_column("matched_score")
        batch.drop_column("matched_key")
