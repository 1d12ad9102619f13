"""What each claim states otherwise than its best match: `claims.matched_conflicts`.

A claim stating another number, year or polarity than a fact-checked claim is never its
"match", only a suggestion (matching/conflicts.py), and the conflicts say why. Best matches
recorded before this revision were decided without that rule, so open claims are marked as
matched against no registry state (`matched_against` NULL): reading the queue or the alerts
matches them again, a bounded batch at a time, as after any registry change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of tabayyun.server.claims.OPEN_STATUSES at this revision.
_OPEN = ("new", "in_review")


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("matched_conflicts", sa.JSON()))
    claims = sa.table("claims", sa.column("status", sa.String), sa.column("matched_against"))
    op.execute(claims.update().where(claims.c.status.in_(_OPEN)).values(matched_against=None))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("matched_conflicts")
