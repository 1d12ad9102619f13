"""Running a server: the sysadmin's verbs (`tabayyun org ...`, `tabayyun user ...`) and a user's
change of their own password.

The command line has no signed-in user: whoever can open the database file is the server's
sysadmin. Its audit entries have no actor (`user_id` and `username` empty), the organisation
concerned (so that organisation's admins read them in their audit log) and `"via": "cli"` in
the detail.

Passwords: a reset by the sysadmin ends every session of the user and, when asked, revokes their
API keys; a user's own change ends their other sessions and keeps the one that made it (made
with an API key, it ends them all). API keys are separate credentials: a change of password
leaves them working; they are listed and revoked on the organisation page (or GET/DELETE
/api/v1/keys).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, update

from tabayyun.errors import InputError
from tabayyun.server import accounts, audit
from tabayyun.server.audit import Actor
from tabayyun.server.db import Database
from tabayyun.server.errors import ConflictError, NotFoundError
from tabayyun.server.schema import organisations, users
from tabayyun.server.services import ServerContext

CLI: dict[str, Any] = {"via": "cli"}
NO_USERS_HINT = (
    "no users yet: create an organisation and its first admin with `tabayyun org create` "
    "and `tabayyun user add`"
)


def has_users(db: Database) -> bool:
    """Whether any account exists (a fresh server has none: nobody can sign in)."""
    with db.read() as conn:
        return conn.execute(select(users.c.id).limit(1)).first() is not None


def setup_hint(db: Database) -> str | None:
    """What to do first on a server without users; None once it has some."""
    return None if has_users(db) else NO_USERS_HINT


# -- organisations ---------------------------------------------------------------------------


def create_organisation(ctx: ServerContext, slug: str, name: str) -> dict[str, Any]:
    """Add an organisation `slug` (its stable id) named `name`."""
    name = name.strip()
    if not name:
        raise InputError('give the organisation a name with --name, e.g. --name "Kyiv Fact Desk"')
    with ctx.db.write() as conn:
        try:
            org_id = accounts.create_organisation(conn, slug, name)
        except ConflictError:
            raise ConflictError(
                f"organisation {slug!r} exists already; pick another id "
                "(`tabayyun org list` shows the ones taken)"
            ) from None
        detail = {"slug": slug, "name": name, **CLI}
        audit.record(conn, None, "org.create", f"org:{org_id}", detail, org_id=org_id)
    return {"id": org_id, "slug": slug, "name": name}


def list_organisations(ctx: ServerContext) -> list[dict[str, Any]]:
    """Every organisation with how many active users it has, by id."""
    active = (
        select(func.count())
        .select_from(users)
        .where(users.c.org_id == organisations.c.id, users.c.active.is_(True))
        .scalar_subquery()
    )
    query = select(
        organisations.c.slug,
        organisations.c.name,
        organisations.c.created_at,
        active.label("active_users"),
    ).order_by(organisations.c.slug)
    with ctx.db.read() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _organisation(conn: Connection, slug: str) -> int:
    found = conn.execute(select(organisations.c.id).where(organisations.c.slug == slug)).scalar()
    if found is None:
        raise NotFoundError(
            f"no organisation {slug!r}; `tabayyun org list` shows them, "
            f"`tabayyun org create {slug} --name NAME` adds it"
        )
    return int(found)


# -- users -----------------------------------------------------------------------------------


def check_new_user(ctx: ServerContext, *, username: str, org: str, role: str) -> None:
    """What `add_user` would refuse before it has a password: unknown organisation, bad role,
    unacceptable or taken username (so nobody types a password twice for nothing)."""
    with ctx.db.read() as conn:
        _organisation(conn, org)
        accounts.check_new_account(conn, username, role)


def add_user(
    ctx: ServerContext,
    *,
    username: str,
    password: str,
    org: str,
    role: str,
    display_name: str = "",
) -> dict[str, Any]:
    """Add a user of `role` to organisation `org` (the first admin of a new one, say)."""
    password_hash = accounts.hash_password(password)  # checks the rule; slow, so not in the write
    with ctx.db.write() as conn:
        org_id = _organisation(conn, org)
        user_id = accounts.create_user(
            conn,
            username=username,
            password_hash=password_hash,
            org_id=org_id,
            role=role,
            display_name=display_name.strip(),
        )
        detail = {"username": username, "role": role, **CLI}
        audit.record(conn, None, "member.add", f"user:{user_id}", detail, org_id=org_id)
    return {"id": user_id, "username": username, "organisation": org, "role": role}


def find_user(ctx: ServerContext, username: str) -> dict[str, Any]:
    """The user `username` means (by canonical key, as sign-in finds them)."""
    with ctx.db.read() as conn:
        return _user(conn, username)


def _user(conn: Connection, username: str) -> dict[str, Any]:
    user_id = accounts.user_id_named(conn, username)
    if user_id is None:
        raise NotFoundError(f"no user {username!r}; `tabayyun user list` shows them")
    row = conn.execute(_users_query().where(users.c.id == user_id)).one()
    return dict(row._mapping)


def _users_query() -> Any:
    return (
        select(
            users.c.id,
            users.c.username,
            users.c.display_name,
            organisations.c.slug.label("organisation"),
            users.c.org_id,
            users.c.role,
            users.c.active,
            users.c.created_at,
        )
        .join(organisations, organisations.c.id == users.c.org_id)
        .order_by(organisations.c.slug, users.c.username)
    )


def list_users(ctx: ServerContext, org: str | None = None) -> list[dict[str, Any]]:
    """Every user (of organisation `org` when given), by organisation and username."""
    with ctx.db.read() as conn:
        query = _users_query()
        if org is not None:
            query = query.where(users.c.org_id == _organisation(conn, org))
        return [dict(r._mapping) for r in conn.execute(query)]


def reset_password(
    ctx: ServerContext, username: str, password: str, *, revoke_keys: bool = False
) -> dict[str, Any]:
    """Give the user a new password and end every session of theirs; with `revoke_keys`,
    revoke their API keys too (for an account that may be in someone else's hands)."""
    password_hash = accounts.hash_password(password)
    with ctx.db.write() as conn:
        user = _user(conn, username)
        accounts.set_password_hash(conn, user["id"], password_hash)
        ended = accounts.end_sessions(conn, user["id"])
        revoked = accounts.revoke_api_keys(conn, user["id"]) if revoke_keys else 0
        kept = accounts.live_api_keys(conn, user["id"])
        detail = {"sessions_ended": ended, "keys_revoked": revoked, **CLI}
        audit.record(
            conn, None, "member.password_reset", f"user:{user['id']}", detail,
            org_id=user["org_id"],
        )  # fmt: skip
    return {
        "username": user["username"],
        "sessions_ended": ended,
        "keys_revoked": revoked,
        "keys_kept": kept,
    }


def deactivate_user(ctx: ServerContext, username: str) -> dict[str, Any]:
    """Lock the user out: no sign-in, no API key, and every session of theirs ends now."""
    with ctx.db.write() as conn:
        user = _user(conn, username)
        conn.execute(update(users).where(users.c.id == user["id"]).values(active=False))
        ended = accounts.end_sessions(conn, user["id"])
        detail = {"active": False, "sessions_ended": ended, **CLI}
        audit.record(
            conn, None, "member.update", f"user:{user['id']}", detail, org_id=user["org_id"]
        )
    return {"username": user["username"], "was_active": user["active"], "sessions_ended": ended}


# -- a user's own password -------------------------------------------------------------------


def change_password(
    ctx: ServerContext,
    actor: Actor,
    *,
    current_password: str,
    new_password: str,
    client: str,
    session_token: str | None,
) -> dict[str, Any]:
    """Change the actor's own password, confirmed by the current one.

    A wrong current password is WrongPasswordError (403) and counts as a failed sign-in from
    `client` (RateLimitedError once the limit is reached). On success every other session of
    the user ends; the session `session_token` that made the change stays signed in (made
    with an API key, every session ends). API keys keep working.
    """
    accounts.check_password_rule(new_password)
    accounts.check_own_password(ctx.db, actor, current_password, client)
    password_hash = accounts.hash_password(new_password)
    keep = session_token if actor.via == "session" else None
    with ctx.db.write() as conn:
        accounts.set_password_hash(conn, actor.user_id, password_hash)
        ended = accounts.end_sessions(conn, actor.user_id, keep=keep)
        audit.record(
            conn, actor, "auth.password_change", f"user:{actor.user_id}", {"sessions_ended": ended}
        )
    return {"changed": True, "sessions_ended": ended, "this_session": "kept" if keep else "none"}
