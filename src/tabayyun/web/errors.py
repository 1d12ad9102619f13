"""HTML error pages for the web UI (the API under /api/v1 keeps its JSON error shape)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from tabayyun.server import accounts
from tabayyun.server.audit import Actor
from tabayyun.server.auth import SESSION_COOKIE, context
from tabayyun.server.errors import AuthenticationError
from tabayyun.web.i18n import N_
from tabayyun.web.render import local_path, render

# What each status means to a reader; the server's own message follows as detail.
TITLES = {
    400: N_("The request could not be used"),
    401: N_("Please sign in"),
    403: N_("This is not allowed"),
    404: N_("Not found"),
    405: N_("This action is not available here"),
    409: N_("This cannot be done now"),
    413: N_("The input is too large"),
    422: N_("The input could not be processed"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong on the server"),
    502: N_("The page could not be fetched"),
    503: N_("Not available yet"),
}
EXPLANATIONS = {
    "csrf_failed": N_(
        "The form was sent without its security token or with a wrong one. Reload the page "
        "and send the form again."
    ),
    "forbidden": N_("Your role does not allow this. Ask an admin of your organisation."),
    "not_found": N_("It does not exist, or your organisation may not see it."),
    "internal_error": N_("The server log has the details."),
}


async def _actor(request: Request) -> Actor | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return await run_in_threadpool(accounts.session_actor, context(request).db, token)
    except AuthenticationError:
        return None


async def html_error(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error page; a reader without a session is sent to sign in instead."""
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            target = request.headers.get("referer", "/")
            target = local_path(target if target.startswith("/") else "/")
        return RedirectResponse(f"/login?next={quote(local_path(target), safe='/')}", 303)
    actor = await _actor(request)
    title = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    page = render(
        request,
        "error.html",
        actor=actor,
        status_code=status,
        status=status,
        code=code,
        title=title,
        explanation=EXPLANATIONS.get(code),
        message=message if status < 500 else "",
    )
    page.headers.update(headers or {})
    return page
