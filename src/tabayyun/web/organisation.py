"""Pages of the organisation: members and roles, API keys, partners, publisher trust, matching
across languages, audit."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from tabayyun.errors import InputError
from tabayyun.server import admin, services
from tabayyun.server.accounts import MAX_KEY_DAYS, MIN_PASSWORD_LENGTH
from tabayyun.server.audit import Actor
from tabayyun.server.auth import SESSION_COOKIE, client_address
from tabayyun.server.errors import RateLimitedError, WrongPasswordError
from tabayyun.server.permissions import ROLES, has_permission
from tabayyun.server.routes.common import Ctx, Who
from tabayyun.server.services import ServerContext
from tabayyun.web.common import Form, decimal, optional, redirect, text, too_many_attempts
from tabayyun.web.i18n import N_
from tabayyun.web.render import page_language, render

router = APIRouter(include_in_schema=False)
AUDIT_PER_PAGE = 50
# Lifetimes, in days, the key form offers (and "never" while the organisation sets no limit).
KEY_LIFETIMES = (30, 90, 365)
DEFAULT_KEY_LIFETIME = 90


def key_lifetimes(longest: int | None) -> tuple[list[int], int]:
    """The lifetimes the key form offers under the organisation's `longest` (None: no limit),
    and the one it selects: the usual ones up to the limit, and the limit itself."""
    if longest is None:
        return list(KEY_LIFETIMES), DEFAULT_KEY_LIFETIME
    offered = sorted({d for d in KEY_LIFETIMES if d < longest} | {longest})
    return offered, DEFAULT_KEY_LIFETIME if DEFAULT_KEY_LIFETIME in offered else longest


def _page(
    request: Request, ctx: ServerContext, actor: Actor, *, new_key: dict[str, str] | None = None,
    password_error: str | None = None, status_code: int = 200,
) -> Response:  # fmt: skip
    org = services.get_organisation(ctx, actor)
    keys = services.list_keys(ctx, actor) if has_permission(actor.role, "keys.manage") else []
    others = (
        services.organisation_slugs(ctx, actor) if has_permission(actor.role, "org.manage") else []
    )
    partner_slugs = {p["slug"] for p in org["partners"]}
    lifetimes, lifetime = key_lifetimes(org["max_key_days"])
    return render(
        request, "org.html", actor=actor, org=org, keys=keys, new_key=new_key, roles=ROLES,
        candidates=[o for o in others if o[0] not in partner_slugs], status_code=status_code,
        password_error=password_error, min_password_length=MIN_PASSWORD_LENGTH,
        key_lifetimes=lifetimes, key_lifetime=lifetime,
    )  # fmt: skip


@router.get("/org", response_class=HTMLResponse)
def organisation(request: Request, ctx: Ctx, actor: Who) -> Response:
    return _page(request, ctx, actor)


@router.post("/org/members")
def add_member(ctx: Ctx, actor: Who, form: Form) -> Response:
    password = form.get("password")
    services.add_member(
        ctx, actor, username=text(form, "username"),
        password=password if isinstance(password, str) else "", role=text(form, "role"),
        display_name=text(form, "display_name"),
    )  # fmt: skip
    return redirect("/org", "member_added")


@router.post("/org/members/{user_id:int}")
def change_member(ctx: Ctx, actor: Who, form: Form, user_id: int) -> Response:
    active = {"1": True, "0": False}.get(text(form, "active"))
    services.update_member(ctx, actor, user_id, role=optional(form, "role"), active=active)
    return redirect("/org", "member_changed")


@router.post("/org/password", response_class=HTMLResponse)
def change_password(request: Request, ctx: Ctx, actor: Who, form: Form) -> Response:
    """The signed-in user's own password; a refusal shows on the same page, saying why."""
    i18n = page_language(request)
    current, new, again = (
        _secret(form, name) for name in ("current_password", "new_password", "new_password_again")
    )
    error, status = None, 400
    headers: dict[str, str] = {}
    if new != again:
        error = i18n.gettext("The two new passwords differ. Type the same new password twice.")
    elif len(new) < MIN_PASSWORD_LENGTH:
        error = i18n.ngettext(
            "The new password needs at least %(num)s character.",
            "The new password needs at least %(num)s characters.",
            MIN_PASSWORD_LENGTH,
        )
    else:
        try:
            admin.change_password(
                ctx, actor, current_password=current, new_password=new,
                client=client_address(request), session_token=request.cookies.get(SESSION_COOKIE),
            )  # fmt: skip
        except WrongPasswordError:
            error, status = i18n.gettext("The current password is wrong. Type it again."), 403
        except RateLimitedError as limited:
            (error, headers), status = too_many_attempts(i18n, limited), 429
    if error is None:
        return redirect("/org#password", "password_changed")
    page = _page(request, ctx, actor, password_error=error, status_code=status)
    page.headers.update(headers)
    return page


def _secret(form: Form, name: str) -> str:
    """A password field as typed (never stripped: spaces may be part of it)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


@router.post("/org/keys", response_class=HTMLResponse)
def create_key(request: Request, ctx: Ctx, actor: Who, form: Form) -> Response:
    name = text(form, "name")[:100]
    if not name:
        raise InputError(N_("say what the key is for"))
    days = _days(form, "expires_in_days", N_("pick how long the key works"))  # empty: never
    created = services.create_key(ctx, actor, name, expires_in_days=days)
    # The key is in this page only: it is never stored in clear, so it cannot be shown again.
    page = _page(request, ctx, actor, new_key=created, status_code=201)
    page.headers["Cache-Control"] = "no-store"
    return page


@router.post("/org/keys/{key_id:int}/revoke")
def revoke_key(ctx: Ctx, actor: Who, key_id: int) -> Response:
    services.revoke_key(ctx, actor, key_id)
    return redirect("/org#keys", "key_revoked")


@router.post("/org/key-lifetime")
def set_key_lifetime(ctx: Ctx, actor: Who, form: Form) -> Response:
    error = N_("the longest lifetime is a number of days from 1 to %(max)s (empty: no limit)")
    services.set_max_key_days(ctx, actor, _days(form, "max_key_days", error, max=MAX_KEY_DAYS))
    return redirect("/org#keys", "key_lifetime_set")


def _days(form: Form, name: str, error: str, **params: object) -> int | None:
    """A number of days typed in any of the four languages' digits; None when empty,
    `InputError(error, **params)` when it is not a number."""
    raw = text(form, name)
    try:
        return int(raw) if raw else None  # int() reads Arabic and Persian digits too
    except ValueError:
        raise InputError(error, **params) from None


@router.post("/org/partners")
def add_partner(ctx: Ctx, actor: Who, form: Form) -> Response:
    services.set_partner(ctx, actor, text(form, "slug"), shared=True)
    return redirect("/org#partners", "partner_added")


@router.post("/org/partners/{slug}/remove")
def remove_partner(ctx: Ctx, actor: Who, slug: str) -> Response:
    services.set_partner(ctx, actor, slug, shared=False)
    return redirect("/org#partners", "partner_removed")


@router.post("/org/trust")
def set_trust(ctx: Ctx, actor: Who, form: Form) -> Response:
    trust = decimal(form, "trust", N_("trust is a number between 0 and 1"))
    services.set_trust(ctx, actor, text(form, "publisher"), trust)
    return redirect("/org#trust", "trust_set")


@router.post("/org/matching")
def set_match_preference(ctx: Ctx, actor: Who, form: Form) -> Response:
    error = N_("the preference is a number, e.g. 1.5 or -1 (empty: the server's setting)")
    preference = decimal(form, "preference", error)
    services.set_match_preference(ctx, actor, preference)
    return redirect("/org#matching", "match_preference_set")


@router.post("/org/queue")
def set_queue_threshold(ctx: Ctx, actor: Who, form: Form) -> Response:
    error = N_("the threshold is a number from 0 to 1, e.g. 0.5 (empty: the server's setting)")
    threshold = decimal(form, "threshold", error)
    services.set_queue_threshold(ctx, actor, threshold)
    return redirect("/org#queue", "queue_threshold_set")


@router.get("/org/audit", response_class=HTMLResponse)
def audit(request: Request, ctx: Ctx, actor: Who, page: int = 1, action: str = "") -> Response:
    found = services.list_audit(
        ctx, actor, page=max(page, 1), per_page=AUDIT_PER_PAGE, action=action or None
    )
    return render(request, "audit.html", actor=actor, found=found, action=action)
