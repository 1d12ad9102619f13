"""Organisations, users, passwords, sessions, API keys and sign-in rate limiting.

Passwords are argon2id hashes. Session tokens and API key secrets are 256-bit random values, so a
plain SHA-256 digest is enough to store them safely (no slow hash is needed against guessing) and
keeps per-request checks cheap. API keys read `tby_<id>_<secret>`: the id finds the row, the
secret is compared in constant time. A key may expire (`expires_at`, at most the organisation's
`max_key_days` after it was made when that is set); once it has, it is refused, saying when.

Usernames are shown as typed but compared by their canonical key (`usernames.username_key`):
uniqueness, sign-in, the sign-in limit and finding a member all go through it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from tabayyun.errors import InputError, TabayyunError
from tabayyun.server.audit import Actor
from tabayyun.server.db import Database, now_iso
from tabayyun.server.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    RateLimitedError,
    WrongPasswordError,
)
from tabayyun.server.permissions import ROLES
from tabayyun.server.schema import (
    api_keys,
    login_failures,
    organisations,
    sessions,
    users,
)
from tabayyun.server.usernames import check_new_username, username_key

SESSION_LIFETIME = timedelta(hours=12)
LOGIN_WINDOW_S = 300
LOGIN_MAX_FAILURES = 5
MIN_PASSWORD_LENGTH = 10
KEY_PREFIX = "tby_"
MAX_KEY_DAYS = 3650  # the longest lifetime an API key can be given (about ten years)
_KEY_RE = re.compile(r"^tby_(\d+)_([A-Za-z0-9_-]{20,})$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")

_hasher = PasswordHasher()
# Verified against when the username is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("tabayyun-no-such-user")


@dataclass(frozen=True)
class NewSecret:
    """A freshly made session or API key: `token` is shown once and never stored; an API key's
    `expires_at` is None when it never expires."""

    id: int
    token: str
    expires_at: str | None = None


def digest(token: str) -> str:
    """The stored form of a high-entropy token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def csrf_token_for(session_token: str) -> str:
    """The CSRF token bound to a session: derivable only by whoever holds the session cookie."""
    return hashlib.sha256(b"tabayyun-csrf\x1f" + session_token.encode("utf-8")).hexdigest()


# -- organisations and users ---------------------------------------------------------------


def create_organisation(conn: Connection, slug: str, name: str) -> int:
    """Add an organisation; `slug` is its stable lower-case id (also the fact-check owner)."""
    if not _SLUG_RE.match(slug):
        raise InputError(
            f"organisation id {slug!r} must be 2-63 lower-case letters, digits or hyphens"
        )
    if conn.execute(select(organisations.c.id).where(organisations.c.slug == slug)).first():
        raise ConflictError(f"organisation {slug!r} exists already; pick another id")
    stmt = insert(organisations).values(slug=slug, name=name, created_at=now_iso())
    return int(conn.execute(stmt.returning(organisations.c.id)).scalar_one())


def organisation_id(conn: Connection, slug: str) -> int:
    """The id of organisation `slug`; NotFoundError when there is none."""
    found = conn.execute(select(organisations.c.id).where(organisations.c.slug == slug)).scalar()
    if found is None:
        raise NotFoundError(
            "no organisation %(slug)s; check the id with your partner", slug=repr(slug)
        )
    return int(found)


def create_user(
    conn: Connection,
    *,
    username: str,
    password: str | None = None,
    password_hash: str | None = None,
    org_id: int,
    role: str,
    display_name: str = "",
) -> int:
    """Add a user with an argon2 password hash: give the `password`, or its `password_hash`
    from `hash_password` made before the write transaction (hashing is slow and the database
    has one writer).

    Every way of making an account (API, web, CLI, demo) comes here, so every new name passes
    `check_new_username` and is unique by its canonical key, not only as typed.
    """
    if (password is None) == (password_hash is None):
        raise TypeError("create_user takes a password or a password_hash, not both or neither")
    key = check_new_account(conn, username, role)
    stmt = insert(users).values(
        username=username,
        username_key=key,
        display_name=display_name or username,
        password_hash=password_hash or hash_password(password or ""),
        org_id=org_id,
        role=role,
        active=True,
        created_at=now_iso(),
    )
    return int(conn.execute(stmt.returning(users.c.id)).scalar_one())


def check_new_account(conn: Connection, username: str, role: str) -> str:
    """The canonical key of `username` for a new account of `role`; InputError for a name or
    role that is not acceptable, ConflictError for a name that is taken."""
    key = check_new_username(username)
    check_role(role)
    taken = conn.execute(
        select(users.c.username).where(
            (users.c.username_key == key) | (users.c.username == username)
        )
    ).first()
    if taken and taken.username == username:
        raise ConflictError("username %(username)s is taken; pick another", username=repr(username))
    if taken:
        raise ConflictError(
            "username %(username)s is taken: it reads the same as an existing one (usernames "
            "ignore case, invisible characters and letter variants such as ي/ی and ك/ک); "
            "pick another",
            username=repr(username),
        )
    return key


def check_password_rule(password: str) -> None:
    """InputError for a password shorter than MIN_PASSWORD_LENGTH."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            "the password must have at least %(num)s characters", num=MIN_PASSWORD_LENGTH
        )


def hash_password(password: str) -> str:
    """The argon2 hash of an acceptable password (see `check_password_rule`)."""
    check_password_rule(password)
    return _hasher.hash(password)


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    """Store a new password hash (from `hash_password`, made before the write transaction:
    hashing is slow and the database has one writer)."""
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def check_role(role: str) -> None:
    """InputError unless `role` is one of ROLES."""
    if role not in ROLES:
        raise InputError(
            "role must be one of %(roles)s, got %(role)s", roles=", ".join(ROLES), role=repr(role)
        )


def actor_for_user(conn: Connection, user_id: int, *, via: str) -> Actor | None:
    """The Actor for an active user, or None."""
    row = conn.execute(
        select(users, organisations.c.slug)
        .join(organisations, organisations.c.id == users.c.org_id)
        .where(users.c.id == user_id, users.c.active.is_(True))
    ).first()
    if row is None:
        return None
    return Actor(
        user_id=row.id,
        username=row.username,
        org_id=row.org_id,
        org_slug=row.slug,
        role=row.role,
        via=via,
    )


# -- sign-in -------------------------------------------------------------------------------


def _attempt_key(username: str, client: str) -> str:
    # By canonical key, so spelling the name another way does not start a fresh count.
    return digest(f"{username_key(username)}\x1f{client}")


def _named(username: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(where, order) finding the user `username` means: the one with its canonical key, or
    one whose key migration 0010 left NULL (it collided with an older account's) typed exactly
    as stored. The exact match goes first, so such an account keeps signing in as before."""
    where = or_(
        users.c.username_key == username_key(username),
        and_(users.c.username_key.is_(None), users.c.username == username),
    )
    return where, users.c.username_key.is_(None).desc()


def user_id_named(conn: Connection, username: str, *where: ColumnElement[bool]) -> int | None:
    """The id of the user `username` means (see `_named`) among those matching `where`."""
    named, order = _named(username)
    found = conn.execute(select(users.c.id).where(named, *where).order_by(order).limit(1))
    user_id = found.scalar()
    return None if user_id is None else int(user_id)


def authenticate(db: Database, username: str, password: str, client: str) -> Actor:
    """Check a password; RateLimitedError after LOGIN_MAX_FAILURES misses in LOGIN_WINDOW_S.

    The limit counts per username (by canonical key: "Ali" and "ali" count together) and client
    address and holds even for a correct password, so guessing cannot continue by luck.
    """
    named, order = _named(username)
    row = _counted_password_check(
        db,
        username,
        client,
        password,
        select(users.c.id, users.c.password_hash)
        .where(named, users.c.active.is_(True))
        .order_by(order)
        .limit(1),
        what="sign-ins",
        wrong=AuthenticationError("wrong username or password; check both and try again"),
    )
    with db.read() as conn:
        actor = actor_for_user(conn, int(row.id), via="session")
    if actor is None:  # deactivated since its row was read
        raise AuthenticationError("wrong username or password; check both and try again")
    return actor


def check_own_password(db: Database, actor: Actor, password: str, client: str) -> None:
    """WrongPasswordError unless `password` is the actor's own (to confirm a change of it).

    A miss counts as a failed sign-in of the actor's username from `client`, and the sign-in
    limit holds here too: a stolen session cannot guess its way to the password.
    """
    _counted_password_check(
        db,
        actor.username,
        client,
        password,
        select(users.c.password_hash).where(users.c.id == actor.user_id),
        what="password checks",
        wrong=WrongPasswordError(
            "the current password is wrong; type it again (after "
            f"{LOGIN_MAX_FAILURES} misses, sign-ins and password changes wait a few minutes)"
        ),
    )


def _counted_password_check(
    db: Database,
    username: str,
    client: str,
    password: str,
    stored: Select[Any],
    *,
    what: str,
    wrong: TabayyunError,
) -> Row[Any]:
    """The row `stored` finds (it has a `password_hash` column) when `password` matches it.

    Raises RateLimitedError (saying "too many failed `what`") once `username` from `client`
    has LOGIN_MAX_FAILURES misses in LOGIN_WINDOW_S, even for the right password; raises
    `wrong` on a miss, which counts, or when `stored` finds no row (checked against a dummy hash
    all the same, so that costs as long). A match clears the count.
    """
    key = _attempt_key(username, client)
    now = time.time()
    with db.read() as conn:
        times = _recent_failures(conn, key, now)
        row = conn.execute(stored).first()
    _check_limit(times, now, what)
    if not _password_matches(row.password_hash if row else _DUMMY_HASH, password) or row is None:
        _record_failure(db, key, now)
        raise wrong
    with db.write() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key_hash == key))
    return row


def _recent_failures(conn: Connection, key: str, now: float) -> list[float]:
    found = conn.execute(
        select(login_failures.c.at).where(
            login_failures.c.key_hash == key, login_failures.c.at > now - LOGIN_WINDOW_S
        )
    )
    return list(found.scalars().all())


def _check_limit(times: list[float], now: float, what: str) -> None:
    if len(times) >= LOGIN_MAX_FAILURES:
        retry_after = max(1, int(min(times) + LOGIN_WINDOW_S - now) + 1)
        raise RateLimitedError(
            f"too many failed {what}; wait {retry_after} seconds, then try again",
            retry_after=retry_after,
        )


def _record_failure(db: Database, key: str, now: float) -> None:
    with db.write() as conn:
        conn.execute(insert(login_failures).values(key_hash=key, at=now))
        # Old failures are useless: prune them while the write lock is held anyway.
        conn.execute(delete(login_failures).where(login_failures.c.at < now - LOGIN_WINDOW_S))


def _password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def start_session(conn: Connection, user_id: int) -> NewSecret:
    """A new browser session; the returned token goes in the cookie, its digest in the table."""
    token = secrets.token_urlsafe(32)
    stmt = insert(sessions).values(
        token_hash=digest(token),
        user_id=user_id,
        created_at=now_iso(),
        expires_at=now_iso(SESSION_LIFETIME),
    )
    return NewSecret(int(conn.execute(stmt.returning(sessions.c.id)).scalar_one()), token)


def session_actor(db: Database, token: str) -> Actor:
    """The Actor of an unexpired session token; AuthenticationError otherwise."""
    with db.read() as conn:
        row = conn.execute(
            select(sessions.c.user_id).where(
                sessions.c.token_hash == digest(token), sessions.c.expires_at > now_iso()
            )
        ).first()
        actor = actor_for_user(conn, int(row.user_id), via="session") if row else None
    if actor is None:
        raise AuthenticationError("your session has ended; sign in again")
    return actor


def end_session(conn: Connection, token: str) -> None:
    """Delete the session (sign-out), and any expired ones while at it."""
    conn.execute(
        delete(sessions).where(
            (sessions.c.token_hash == digest(token)) | (sessions.c.expires_at <= now_iso())
        )
    )


def end_sessions(conn: Connection, user_id: int, *, keep: str | None = None) -> int:
    """End every session of the user except the one of token `keep`; returns how many ended
    (expired ones are not counted: they had ended already)."""
    where = [sessions.c.user_id == user_id]
    if keep is not None:
        where.append(sessions.c.token_hash != digest(keep))
    live = conn.execute(
        select(func.count()).select_from(sessions).where(*where, sessions.c.expires_at > now_iso())
    ).scalar()
    conn.execute(delete(sessions).where(*where))
    return int(live or 0)


# -- API keys ------------------------------------------------------------------------------


def create_api_key(
    conn: Connection, user_id: int, name: str, *, expires_in_days: int | None = None
) -> NewSecret:
    """A new API key `tby_<id>_<secret>`; only the digest of the secret is kept.

    It expires after `expires_in_days` (1..MAX_KEY_DAYS), or never when None, unless the
    user's organisation sets a longest lifetime (`organisations.max_key_days`): then a key
    gets at most that, and that when no lifetime is asked for (InputError for a longer one).
    """
    if expires_in_days is not None:
        check_key_days(expires_in_days, "an API key's lifetime is 1 to %(max)s days, not %(days)s")
    longest = conn.execute(
        select(organisations.c.max_key_days)
        .join(users, users.c.org_id == organisations.c.id)
        .where(users.c.id == user_id)
    ).scalar()
    if longest is not None:
        if expires_in_days is not None and expires_in_days > longest:
            raise InputError(
                "your organisation allows API keys of at most %(days)s days; ask for "
                "%(days)s days or fewer (an admin sets the limit on the organisation page)",
                days=longest,
            )
        expires_in_days = expires_in_days or int(longest)
    expires_at = None if expires_in_days is None else now_iso(timedelta(days=expires_in_days))
    secret = secrets.token_urlsafe(32)
    stmt = insert(api_keys).values(
        user_id=user_id,
        name=name,
        secret_hash=digest(secret),
        created_at=now_iso(),
        expires_at=expires_at,
    )
    key_id = int(conn.execute(stmt.returning(api_keys.c.id)).scalar_one())
    return NewSecret(key_id, f"{KEY_PREFIX}{key_id}_{secret}", expires_at)


def check_key_days(days: int, message: str) -> None:
    """InputError(`message`) unless `days` is a whole number of days from 1 to MAX_KEY_DAYS;
    the message names the limit as %(max)s and what was given as %(days)s."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_KEY_DAYS:
        given = days if type(days) is int else repr(days)  # a number, for the reader's digits
        raise InputError(message, max=MAX_KEY_DAYS, days=given)


def _expired(expires_at: str | None, now: str) -> bool:
    # ISO 8601 UTC strings of one format compare as the times they name.
    return expires_at is not None and expires_at <= now


def expiry_text(expires_at: str) -> str:
    """A stored expiry for a message: "2025-03-01 10:00 UTC"."""
    return f"{expires_at[:10]} {expires_at[11:16]} UTC"


# A key's last use is recorded at most this often: writing it on every request would take the
# database's single writer once per API call.
KEY_USE_RESOLUTION = timedelta(minutes=1)


def key_actor(db: Database, key: str) -> Actor:
    """The Actor of a valid, unrevoked, unexpired API key; records its last use (to the
    minute). AuthenticationError otherwise, saying when an expired key expired."""
    match = _KEY_RE.match(key.strip())
    refused = AuthenticationError(
        "the API key is not valid or was revoked; create a new one under /api/v1/keys"
    )
    if not match:
        raise refused
    key_id, secret = int(match.group(1)), match.group(2)
    with db.read() as conn:
        row = conn.execute(
            select(
                api_keys.c.user_id,
                api_keys.c.secret_hash,
                api_keys.c.last_used_at,
                api_keys.c.expires_at,
            ).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
        ).first()
        if row is None or not hmac.compare_digest(row.secret_hash, digest(secret)):
            raise refused
        # Only the key's holder learns that it expired, and when: the secret matched.
        if _expired(row.expires_at, now_iso()):
            raise AuthenticationError(
                f"the API key expired on {expiry_text(row.expires_at)}; create a new one with "
                "POST /api/v1/keys (signed in) or on the organisation page (/org#keys)"
            )
        actor = actor_for_user(conn, int(row.user_id), via="key")
    if actor is None:
        raise refused
    # ISO 8601 UTC strings of one format compare as the times they name.
    if row.last_used_at is None or row.last_used_at < now_iso(-KEY_USE_RESOLUTION):
        with db.write() as conn:
            stmt = update(api_keys).where(api_keys.c.id == key_id)
            conn.execute(stmt.values(last_used_at=now_iso()))
    return actor


def list_api_keys(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    """The user's keys without secrets, newest first; `expired` says whether `expires_at`
    (None: never) has passed."""
    query = (
        select(
            api_keys.c.id,
            api_keys.c.name,
            api_keys.c.created_at,
            api_keys.c.last_used_at,
            api_keys.c.revoked_at,
            api_keys.c.expires_at,
        )
        .where(api_keys.c.user_id == user_id)
        .order_by(api_keys.c.id.desc())
    )
    now = now_iso()
    return [{**r._mapping, "expired": _expired(r.expires_at, now)} for r in conn.execute(query)]


def revoke_api_key(conn: Connection, user_id: int, key_id: int) -> None:
    """Revoke one of the user's keys; NotFoundError for a key of someone else."""
    result = conn.execute(
        update(api_keys)
        .where(api_keys.c.id == key_id, api_keys.c.user_id == user_id)
        .values(revoked_at=func.coalesce(api_keys.c.revoked_at, now_iso()))
    )
    if result.rowcount == 0:
        raise NotFoundError(
            "you have no API key %(id)s; list yours with GET /api/v1/keys", id=key_id
        )


def revoke_api_keys(conn: Connection, user_id: int) -> int:
    """Revoke every unrevoked key of the user; returns how many."""
    result = conn.execute(
        update(api_keys)
        .where(api_keys.c.user_id == user_id, api_keys.c.revoked_at.is_(None))
        .values(revoked_at=now_iso())
    )
    return int(result.rowcount)


def live_api_keys(conn: Connection, user_id: int) -> int:
    """How many of the user's keys still work (neither revoked nor expired)."""
    found = conn.execute(
        select(func.count())
        .select_from(api_keys)
        .where(
            api_keys.c.user_id == user_id,
            api_keys.c.revoked_at.is_(None),
            or_(api_keys.c.expires_at.is_(None), api_keys.c.expires_at > now_iso()),
        )
    )
    return int(found.scalar() or 0)
