"""Sign-in, sign-out, the current user and their API keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from tabayyun.server import admin, services
from tabayyun.server.accounts import MAX_KEY_DAYS
from tabayyun.server.auth import (
    SESSION_COOKIE,
    clear_session_cookies,
    client_address,
    set_session_cookies,
)
from tabayyun.server.routes.common import Ctx, Who

router = APIRouter(tags=["account"])


class Login(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(
        max_length=1024, description="At least 10 characters; sign-in uses it from now on."
    )


class NewKey(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What the key is for.")
    expires_in_days: int | None = Field(
        default=None,
        ge=1,
        le=MAX_KEY_DAYS,
        description=(
            "Days until the key stops working (answered as `expires_at`). null or left out: "
            "never, unless your organisation sets a longest lifetime (`max_key_days` of GET "
            "/org): then that one, and a longer one is refused."
        ),
    )


@router.post("/auth/login", summary="Sign in and start a browser session")
def login(body: Login, request: Request, response: Response, ctx: Ctx) -> dict[str, Any]:
    actor, token = services.login(ctx, body.username, body.password, client_address(request))
    csrf = set_session_cookies(response, token)
    return {"user": services.me(ctx, actor), "csrf_token": csrf}


@router.post("/auth/logout", summary="End the browser session")
def logout(request: Request, response: Response, ctx: Ctx, actor: Who) -> dict[str, Any]:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        services.logout(ctx, actor, token)
    clear_session_cookies(response)
    return {"signed_out": bool(token)}


@router.get("/me", summary="The signed-in user, organisation and permissions")
def me(ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.me(ctx, actor)


@router.put(
    "/me/password",
    summary="Change your password; your other sessions end",
    description=(
        "Confirmed by the current password: a wrong one answers 403 `wrong_password` and "
        "counts as a failed sign-in, so after 5 misses in 5 minutes both wait (429). On "
        "success every other session of yours ends and this one stays signed in "
        '(`this_session`: "kept"); made with an API key, every session ends ("none"). API '
        "keys keep working: revoke them under /keys."
    ),
)
def change_password(body: PasswordChange, request: Request, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return admin.change_password(
        ctx,
        actor,
        current_password=body.current_password,
        new_password=body.new_password,
        client=client_address(request),
        session_token=request.cookies.get(SESSION_COOKIE),
    )


@router.get(
    "/keys",
    summary="List your API keys (secrets are never shown again)",
    description=(
        "Newest first. `expires_at` is null for a key that never expires; `expired` is true "
        "once it has passed (such a key is refused with 401: create a new one)."
    ),
)
def list_keys(ctx: Ctx, actor: Who) -> list[dict[str, Any]]:
    return services.list_keys(ctx, actor)


@router.post("/keys", status_code=201, summary="Create an API key; the key is shown only once")
def create_key(body: NewKey, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.create_key(ctx, actor, body.name, expires_in_days=body.expires_in_days)


@router.delete("/keys/{key_id}", status_code=204, summary="Revoke one of your API keys")
def revoke_key(key_id: int, ctx: Ctx, actor: Who) -> None:
    services.revoke_key(ctx, actor, key_id)
