"""Each organisation's own `match_foreign_preference` (NULL: the server's setting).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("match_foreign_preference", sa.Float()))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("match_foreign_preference")
