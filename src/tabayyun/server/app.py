"""The FastAPI app: the REST API under /api/v1 and the web UI at / (`tabayyun.web`).

Every API error answers `{"error": {"code", "message", "details"}}`: TabayyunError subclasses
via the one table in `tabayyun.server.errors`, validation errors, unknown routes, and crashes.
Outside /api/v1 the same errors are HTML pages of the web UI (or a redirect to sign in).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from tabayyun.config import Settings
from tabayyun.errors import InputError, TabayyunError
from tabayyun.server.errors import RateLimitedError, status_for
from tabayyun.server.routes import ROUTERS
from tabayyun.server.services import ServerContext

API_PREFIX = "/api/v1"
log = logging.getLogger(__name__)
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "input_too_large",
    415: "unsupported_media_type",
}


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code, "message": message, "details": details}}


def create_app(settings: Settings | None = None) -> FastAPI:
    """The server app over the database named by `settings` (migrated on start)."""
    settings = settings or Settings.from_env()
    ctx = ServerContext.open(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.close()

    app = FastAPI(
        title="tabayyun",
        summary="Cooperation server for fact-checkers: articles, claims, fact-checks.",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    from tabayyun.web.setup import install as install_web  # the web UI imports the server

    install_web(app, api_prefix=API_PREFIX)
    _add_error_handlers(app)
    return app


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def _add_error_handlers(app: FastAPI) -> None:
    from tabayyun.web.errors import html_error

    @app.exception_handler(TabayyunError)
    async def tabayyun_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, TabayyunError)
        status, code = status_for(error)
        headers = {}
        if isinstance(error, RateLimitedError):
            headers["Retry-After"] = str(error.retry_after)
        if status >= 500:
            log.error("%s: %s", type(error).__name__, error)
        if not _is_api(request):
            return await html_error(request, status, code, error, headers)  # in its language
        return JSONResponse(error_body(code, str(error)), status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        code = _HTTP_CODES.get(error.status_code, f"http_{error.status_code}")
        message = str(error.detail)
        if not _is_api(request):
            return await html_error(request, error.status_code, code, "", error.headers)
        if error.status_code == 404:
            message = "no such API route; the routes are listed at /api/v1/openapi.json"
        return JSONResponse(
            error_body(code, message), status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        # Echo where and why, never the submitted values: they may hold a password.
        details = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in error.errors()
        ]
        message = "the request is not valid; see details for each field at fault"
        if not _is_api(request):
            fields = ", ".join(".".join(str(p) for p in d["loc"]) for d in details)
            unusable = InputError(
                "these fields are missing or not valid: %(fields)s", fields=fields
            )
            return await html_error(request, 422, "validation_error", unusable)
        return JSONResponse(error_body("validation_error", message, details), status_code=422)

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception) -> Response:
        log.exception("unexpected error")
        message = "an unexpected error happened; the server log has the details"
        if not _is_api(request):
            return await html_error(request, 500, "internal_error", "")
        return JSONResponse(error_body("internal_error", message), status_code=500)
