"""Accounts, sharing, the claim review workflow and the audit log (tabayyun.server).

Revision ID: 0003
Revises: 0002
Create Date: 2025-02-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.String(40)


def upgrade() -> None:
    # Spelled out rather than imported from server/schema.py: a migration is a frozen record.
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False, server_default=""),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default="1"),
        sa.Column("created_at", _TIME, nullable=False),
    )
    op.create_index("ix_users_org_id", "users", ["org_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_used_at", _TIME),
        sa.Column("revoked_at", _TIME),
    )
    op.create_index("ix_api_keys_user_id", "api_keys", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_login_failures_key_hash", "login_failures", ["key_hash"])
    op.create_table(
        "partners",
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("partner_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("created_at", _TIME, nullable=False),
    )
    op.create_table(
        "publisher_trust",
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("publisher", sa.Text, primary_key=True),
        sa.Column("trust", sa.Float, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column(
            "doc_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("lang", sa.String(8)),
        sa.Column("speaker", sa.Text),
        sa.Column("checkworthiness", sa.Float),
        sa.Column("matched_rating", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False, server_default="new"),
        sa.Column("assignee_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("factcheck_id", sa.Integer, sa.ForeignKey("factchecks.id")),
        sa.Column("dismiss_reason", sa.Text),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.UniqueConstraint(
            "org_id", "doc_id", "sentence_index", name="uq_claims_org_doc_sentence"
        ),
    )
    op.create_index("ix_claims_org_status", "claims", ["org_id", "status"])
    op.create_table(
        "claim_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16)),
        sa.Column("body", sa.Text),
        sa.Column("created_at", _TIME, nullable=False),
    )
    op.create_index("ix_claim_events_claim_id", "claim_events", ["claim_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", _TIME, nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("username", sa.String(64)),
        sa.Column("org_id", sa.Integer),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_index("ix_audit_log_org_id", "audit_log", ["org_id"])


def downgrade() -> None:
    for table in (
        "audit_log",
        "claim_events",
        "claims",
        "publisher_trust",
        "partners",
        "login_failures",
        "api_keys",
        "sessions",
        "users",
        "organisations",
    ):
        op.drop_table(table)
