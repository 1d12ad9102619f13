"""Each organisation's own check-worthiness threshold for its review queue (NULL: the server's).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("checkworthiness_threshold", sa.Float()))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("checkworthiness_threshold")
