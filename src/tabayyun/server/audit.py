"""The audit log: one row per write (who, organisation, action, target, when, a small detail)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from tabayyun.server.db import Database, now_iso
from tabayyun.server.schema import audit_log

MAX_DETAIL_CHARS = 2_000


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user (by session or API key) of one organisation."""

    user_id: int
    username: str
    org_id: int
    org_slug: str
    role: str
    via: str = "session"  # "session" or "key"


def record(
    conn: Connection,
    actor: Actor | None,
    action: str,
    target: str,
    detail: dict[str, Any] | None = None,
    *,
    org_id: int | None = None,
) -> None:
    """Append one audit entry inside the caller's write transaction, so both commit or neither.

    `detail` must never hold a password or key; callers pass ids, names and states only.
    """
    detail = detail or {}
    if len(repr(detail)) > MAX_DETAIL_CHARS:  # keep the log small: details are summaries
        detail = {"summary": repr(detail)[:MAX_DETAIL_CHARS]}
    conn.execute(
        insert(audit_log).values(
            at=now_iso(),
            user_id=actor.user_id if actor else None,
            username=actor.username if actor else None,
            org_id=actor.org_id if actor else org_id,
            action=action,
            target=target,
            detail=detail,
        )
    )


def list_entries(
    db: Database, org_id: int, *, page: int, per_page: int, action: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """One page of an organisation's audit entries, newest first, and their total."""
    where = [audit_log.c.org_id == org_id]
    if action:
        where.append(audit_log.c.action == action)
    query = (
        select(audit_log)
        .where(*where)
        .order_by(audit_log.c.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    with db.read() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        total = conn.execute(select(func.count()).select_from(audit_log).where(*where)).scalar()
    return rows, int(total or 0)
