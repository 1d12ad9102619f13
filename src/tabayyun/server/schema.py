"""Tables of the cooperation server: accounts, sharing, the review workflow and the audit log.

They join the store's `MetaData` (so foreign keys to `documents` resolve) without touching
`tabayyun.storage.schema`; migration 0003 creates them. Times are ISO 8601 strings in UTC, like
the store's. Secrets never appear here in clear: sessions and API keys keep SHA-256 digests of
high-entropy random tokens, passwords keep argon2 hashes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tabayyun.storage.schema import metadata

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    # Log-odds for fact-checks in another language than the text (NULL: the server's
    # `match_foreign_preference`); how often this organisation's texts are checked abroad.
    Column("match_foreign_preference", Float),
    # Check-worthiness from which a sentence enters this organisation's review queue (NULL: the
    # server's `checkworthiness_threshold`, by default the model's own per language).
    Column("checkworthiness_threshold", Float),
    # The longest lifetime, in days, of an API key its members make (NULL: no limit); a key
    # asked for without a lifetime gets this one (migration 0012).
    Column("max_key_days", Integer),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),  # as typed, for display
    Column("display_name", Text, nullable=False, server_default=""),
    Column("password_hash", Text, nullable=False),
    Column("org_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("created_at", String(40), nullable=False),
    # What makes two usernames one account (tabayyun.server.usernames.username_key): unique,
    # and what sign-in looks up. NULL only for an account whose key migration 0010 found taken
    # by an older one (see there); such an account signs in by its exact username.
    Column("username_key", String(255)),
)
Index("ix_users_org_id", users.c.org_id)
Index("uq_users_username_key", users.c.username_key, unique=True)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("last_used_at", String(40)),
    Column("revoked_at", String(40)),
    # When the key stops working (NULL: never; every key made before migration 0012).
    Column("expires_at", String(40)),
)
Index("ix_api_keys_user_id", api_keys.c.user_id)

# Failed sign-ins, keyed by a digest of username and client address (a mistyped password in
# the username field must not land in the database in clear).
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_hash", String(64), nullable=False),
    Column("at", Float, nullable=False),  # seconds since the epoch, compared arithmetically
)
Index("ix_login_failures_key_hash", login_failures.c.key_hash)

# `org_id` shares its "shared" fact-checks with `partner_id` (one direction).
partners = Table(
    "partners",
    metadata,
    Column("org_id", Integer, ForeignKey("organisations.id"), primary_key=True),
    Column("partner_id", Integer, ForeignKey("organisations.id"), primary_key=True),
    Column("created_at", String(40), nullable=False),
)

publisher_trust = Table(
    "publisher_trust",
    metadata,
    Column("org_id", Integer, ForeignKey("organisations.id"), primary_key=True),
    Column("publisher", Text, primary_key=True),
    Column("trust", Float, nullable=False),  # 0 (never trust) .. 1 (fully trust)
    Column("updated_at", String(40), nullable=False),
)

# A claim is one check-worthy sentence of a stored article, in one organisation's queue.
claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("lang", String(8)),
    Column("speaker", Text),
    Column("checkworthiness", Float),
    # Rating label of the best-matching fact-check, set by claim matching; "false" sorts first.
    Column("matched_rating", String(16)),
    # The registry key, final score and decision ("match" / "suggest") of that best match.
    Column("matched_key", Text),
    Column("matched_score", Float),
    Column("matched_decision", String(16)),
    # What the claim states otherwise than that fact-check ([] when nothing; why a close
    # match is a "suggest"): [{"kind": "number", "text": "£9 billion", "claim": "£4.5 billion"}].
    Column("matched_conflicts", JSON),
    # Fingerprint of the fact-checks the organisation could see when the claim was last matched.
    Column("matched_against", String(80)),
    Column("status", String(16), nullable=False, server_default="new"),
    Column("assignee_id", Integer, ForeignKey("users.id")),
    Column("factcheck_id", Integer, ForeignKey("factchecks.id")),
    Column("dismiss_reason", Text),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    UniqueConstraint("org_id", "doc_id", "sentence_index", name="uq_claims_org_doc_sentence"),
)
Index("ix_claims_org_status", claims.c.org_id, claims.c.status)

# History and comments of a claim: kind is "created", "status" or "comment".
claim_events = Table(
    "claim_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("kind", String(16), nullable=False),
    Column("from_status", String(16)),
    Column("to_status", String(16)),
    Column("body", Text),
    Column("created_at", String(40), nullable=False),
)
Index("ix_claim_events_claim_id", claim_events.c.claim_id)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("user_id", Integer),
    Column("username", String(64)),
    Column("org_id", Integer),
    Column("action", String(64), nullable=False),
    Column("target", Text, nullable=False),
    Column("detail", JSON, nullable=False),
)
Index("ix_audit_log_org_id", audit_log.c.org_id)
