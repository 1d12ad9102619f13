"""Which registry state each claim was last matched against, so that later fact-checks reach it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("matched_against", sa.String(80)))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("matched_against")
