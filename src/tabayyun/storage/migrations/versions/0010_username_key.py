"""Usernames compare by a canonical key: `users.username_key`, unique, backfilled.

Before this revision usernames were compared exactly, so "Ali" and "ali", «علی» (Persian yeh)
and «علي» (Arabic yeh), or one name in NFC and NFD, could be two accounts. Each existing user
gets the key `tabayyun.server.usernames.username_key` computes; `_key` below is a frozen copy of
it as of this revision (a migration is a frozen record; a later change to the key rules ships
its own migration that recomputes the keys).

Two existing users whose names share a key: both are kept, the older (lower id) keeps the key
and the later one's key stays NULL, and each such case is logged as a warning and written to
the later user's organisation's audit log (action `member.username_collision`). NULL rather
than a suffixed key, because:

- nothing is deleted or deactivated, so nobody loses an account or its history (claims,
  comments, audit entries point at user ids), and nobody is locked out: sign-in falls back to
  the exact username for a NULL-key account only, so it signs in exactly as before;
- a NULL key equals no key that sign-in computes, so no other spelling reaches that account,
  while a suffixed key ("ali#7") would be a string someone could type, and a key that looks
  canonical but is not would surprise every later reader of the column;
- the older account keeps the key because it existed first: people know it by that name, and
  the later one is the one exact comparison let through as a look-alike;
- UNIQUE admits any number of NULLs (SQLite and PostgreSQL), and `username_key IS NULL` lists
  exactly the accounts an admin should look at (and deactivate, if one is an impostor).

Existing names that mix scripts (new ones are refused now) are only reported the same way
(action `member.username_mixed_scripts`): they may be the look-alike of another account, but
only a person can tell, and refusing them would lock their owners out.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("tabayyun.migrations")

# -- frozen copy of tabayyun.server.usernames.username_key at this revision -----------------
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)
_FOLDS = str.maketrans(
    {
        "\u06cc": "\u064a", "\u0649": "\u064a", "\u06a9": "\u0643", "\u06aa": "\u0643",
        "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
        "\u0672": "\u0627", "\u0673": "\u0627", "\u0629": "\u0647", "\u06c3": "\u0647",
        "\u06c0": "\u0647", "\u06c2": "\u0647", "\u06d5": "\u0647", "\u06be": "\u0647",
        "\u06c1": "\u0647", "\u0451": "\u0435",
    }
)  # fmt: skip


def _strip_ignored(text: str) -> str:
    text = _ARABIC_MARKS.sub("", _INVISIBLE.sub("", text)).replace("\u0640", "")
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _key(username: str) -> str:
    text = "".join("\ufffd" if unicodedata.category(c) == "Cs" else c for c in username.strip())
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", _strip_ignored(text).casefold())
    text = _strip_ignored(text).translate(_FOLDS)
    return "".join(
        str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c for c in text
    )


# -----------------------------------------------------------------------------------------


def _scripts(username: str) -> set[str]:
    """The scripts of the name's letters, by the first word of their Unicode names (a report
    only; Chinese, Japanese and Korean writing count as one)."""
    found = set()
    for c in unicodedata.normalize("NFKC", username):
        if unicodedata.category(c).startswith("L"):
            word = unicodedata.name(c, "UNKNOWN").split()[0]
            cjk = word in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"}
            found.add("CJK" if cjk else word)
    return found


_users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("username", sa.String),
    sa.column("org_id", sa.Integer),
    sa.column("username_key", sa.String),
)
_audit_log = sa.table(
    "audit_log",
    sa.column("at", sa.String),
    sa.column("org_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("target", sa.Text),
    sa.column("detail", sa.JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("username_key", sa.String(255)))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_users.c.id, _users.c.username, _users.c.org_id).order_by(_users.c.id)
    ).all()
    owner: dict[str, int] = {}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for row in rows:
        key = _key(row.username)
        scripts = _scripts(row.username)
        if len(scripts) > 1:
            log.warning(
                "user %d %r mixes scripts (%s): check it is not a look-alike of another "
                "account's name",
                row.id, row.username, ", ".join(sorted(scripts)),
            )  # fmt: skip
            _report(conn, now, row, "member.username_mixed_scripts", {"scripts": sorted(scripts)})
        if key in owner:
            log.warning(
                "user %d %r reads the same as the older user %d (key %r): both are kept; the "
                "later one signs in by its exact username only (username_key is NULL)",
                row.id, row.username, owner[key], key,
            )  # fmt: skip
            _report(conn, now, row, "member.username_collision", {"same_as_user_id": owner[key]})
            continue
        owner[key] = row.id
        conn.execute(sa.update(_users).where(_users.c.id == row.id).values(username_key=key))
    op.create_index("uq_users_username_key", "users", ["username_key"], unique=True)


def _report(conn: sa.Connection, now: str, row: Any, action: str, detail: dict[str, Any]) -> None:
    conn.execute(
        sa.insert(_audit_log).values(
            at=now,
            org_id=row.org_id,
            action=action,
            target=f"user:{row.id}",
            detail={"username": row.username, **detail},
        )
    )


def downgrade() -> None:
    op.drop_index("uq_users_username_key", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("username_key")
