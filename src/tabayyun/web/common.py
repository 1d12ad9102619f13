"""What the web routers share: form data, redirects and notices.

The context and the signed-in actor are the API's (`Ctx`, `Who` of `server.routes.common`): signed
in by the session cookie; on writes the CSRF token was checked (403 otherwise). Without a session,
the HTML error handler sends the browser to the sign-in page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData, UploadFile

from tabayyun.errors import InputError
from tabayyun.server.errors import RateLimitedError
from tabayyun.web.i18n import N_, I18n


async def form_data(request: Request) -> FormData:
    """The submitted form (read once; the CSRF check reads the same cached copy)."""
    return await request.form()


Form = Annotated[FormData, Depends(form_data)]

# Notices after a successful action: the redirect names one by key, never by text.
NOTICES = {
    "signed_out": N_("You are signed out."),
    "ingested": N_("The article is stored and its check-worthy claims are in the queue."),
    "duplicate": N_("This article was stored before; its claims are in your queue."),
    "assigned": N_("The claim is assigned."),
    "commented": N_("Your comment is added."),
    "fact_checked": N_("The claim is marked fact-checked."),
    "dismissed": N_("The claim is dismissed."),
    "reopened": N_("The claim is back in the queue."),
    "saved": N_("The fact-check is saved."),
    "published": N_("The fact-check is public now."),
    "member_added": N_("The member is added."),
    "member_changed": N_("The member is changed."),
    "partner_added": N_("Your shared fact-checks are now visible to this partner."),
    "partner_removed": N_("This partner no longer sees your shared fact-checks."),
    "trust_set": N_("Publisher trust is saved."),
    "match_preference_set": N_("The preference for fact-checks in other languages is saved."),
    "queue_threshold_set": N_("The review queue's threshold is saved."),
    "key_revoked": N_("The API key is revoked."),
    "key_lifetime_set": N_("The longest lifetime of new API keys is saved."),
    "password_changed": N_(
        "Your password is changed. Other browsers and devices signed in as you are signed out."
    ),
}


def redirect(path: str, notice: str | None = None) -> RedirectResponse:
    """303 See Other to `path` (after a POST), with a notice key."""
    if notice:
        assert notice in NOTICES, notice
        path, hash_, fragment = path.partition("#")
        path += ("&" if "?" in path else "?") + f"done={notice}" + hash_ + fragment
    return RedirectResponse(path, status_code=303)


def decimal(form: FormData, name: str, error: str) -> float | None:
    """A number field typed in any of the four languages ("0,5", "٠٫٥", "−1.5"); None when
    empty, `InputError(error)` when it is not a number."""
    raw = text(form, name).replace(",", ".").replace("٫", ".").replace("−", "-")
    try:
        return float(raw) if raw else None  # float() reads Arabic and Persian digits too
    except ValueError:
        raise InputError(error) from None


def text(form: FormData, name: str, *, default: str = "") -> str:
    """A text field of `form`, stripped ('' when absent or a file)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else default


def optional(form: FormData, name: str) -> str | None:
    """A text field, or None when absent or empty."""
    return text(form, name) or None


def upload(form: FormData, name: str) -> UploadFile | None:
    """An uploaded file field, or None."""
    value = form.get(name)
    return value if isinstance(value, UploadFile) else None


def integer(form: FormData, name: str) -> int | None:
    """An integer field, or None when absent or not a number."""
    try:
        return int(text(form, name))
    except ValueError:
        return None


def too_many_attempts(i18n: I18n, limited: RateLimitedError) -> tuple[str, dict[str, str]]:
    """What a form says after too many wrong passwords (sign-in or a change of password, one
    count), and the Retry-After header of its 429 answer."""
    message = i18n.ngettext(
        "Too many failed sign-ins. Wait %(num)s second, then try again.",
        "Too many failed sign-ins. Wait %(num)s seconds, then try again.",
        limited.retry_after,
    )
    return message, {"Retry-After": str(limited.retry_after)}
