"""API keys that expire: `api_keys.expires_at`, and each organisation's longest allowed key
lifetime, `organisations.max_key_days`.

Keys made before this revision keep `expires_at` NULL: they never expire, as when they were
made. An organisation starts with no limit (NULL).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("expires_at", sa.String(40)))
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("max_key_days", sa.Integer()))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("max_key_days")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("expires_at")
