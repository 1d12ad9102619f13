"""Who is calling: API keys (header) or browser sessions (cookie) with CSRF protection.

A session cookie is HttpOnly, Secure and SameSite=Lax. Every unsafe request (POST, PUT, PATCH,
DELETE) authenticated by that cookie must also carry the session's CSRF token, in the
`X-CSRF-Token` header or a `csrf_token` form field (the web UI's forms). The token is derived
from the session token, so only a page that holds the session can know it; it is also sent in
a readable `tabayyun_csrf` cookie for scripts (double submit). Requests with an API key carry
no ambient credential a browser could send for an attacker, so they are exempt.
"""

from __future__ import annotations

import hmac

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from tabayyun.server import accounts
from tabayyun.server.audit import Actor
from tabayyun.server.errors import AuthenticationError, CsrfError
from tabayyun.server.services import ServerContext

SESSION_COOKIE = "tabayyun_session"
CSRF_COOKIE = "tabayyun_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def context(request: Request) -> ServerContext:
    """The ServerContext of the running app."""
    ctx: ServerContext = request.app.state.ctx
    return ctx


def api_key_of(request: Request) -> str | None:
    """The API key sent as `Authorization: Bearer tby_...` or `X-API-Key`, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-key") or None


def client_address(request: Request) -> str:
    """The caller's address, for the failed sign-in limit: the peer that connected, or the
    client a trusted reverse proxy names in X-Forwarded-For (uvicorn rewrites the ASGI client
    for the peers of `forwarded_allow_ips`, which `tabayyun serve` passes it); a forged header
    from anyone else changes nothing."""
    return request.client.host if request.client else "unknown"


async def current_actor(request: Request) -> Actor:
    """FastAPI dependency: the authenticated actor; 401 without credentials, 403 on CSRF."""
    ctx = context(request)
    key = api_key_of(request)
    if key is not None:
        return await run_in_threadpool(accounts.key_actor, ctx.db, key)
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise AuthenticationError(
            "sign in with POST /api/v1/auth/login, or send an API key as "
            "'Authorization: Bearer tby_...'"
        )
    actor = await run_in_threadpool(accounts.session_actor, ctx.db, token)
    if request.method not in SAFE_METHODS:
        await check_csrf(request, token)
    return actor


async def check_csrf(request: Request, session_token: str) -> None:
    """CsrfError unless the request carries the CSRF token of `session_token`."""
    submitted = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if submitted is None and content_type.startswith(_FORM_TYPES):
        form = await request.form()  # starlette caches it for the endpoint
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    expected = accounts.csrf_token_for(session_token)
    if not submitted or not hmac.compare_digest(submitted, expected):
        raise CsrfError(
            f"missing or wrong CSRF token; send the token from sign-in in the {CSRF_HEADER} "
            f"header (or the {CSRF_FIELD} form field), or reload the page"
        )


def set_session_cookies(response: Response, session_token: str) -> str:
    """Put the session and its CSRF token in cookies; returns the CSRF token."""
    csrf = accounts.csrf_token_for(session_token)
    lifetime = int(accounts.SESSION_LIFETIME.total_seconds())
    response.set_cookie(
        SESSION_COOKIE,
        session_token,
        max_age=lifetime,
        httponly=True,
        secure=True,
        samesite="lax",
        path="/",
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=lifetime, httponly=False, secure=True, samesite="lax", path="/"
    )
    return csrf


def clear_session_cookies(response: Response) -> None:
    """Remove both cookies (sign-out)."""
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=True, samesite="lax")
