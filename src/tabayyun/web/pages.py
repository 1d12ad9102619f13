"""Pages for signing in, the dashboard, articles and the review of claims."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from tabayyun.errors import InputError
from tabayyun.registry.ratings import LABELS
from tabayyun.server import accounts, admin, claims, services
from tabayyun.server.auth import (
    SESSION_COOKIE,
    clear_session_cookies,
    client_address,
    context,
    set_session_cookies,
)
from tabayyun.server.errors import AuthenticationError, NotFoundError, RateLimitedError
from tabayyun.server.permissions import has_permission
from tabayyun.server.routes.common import Ctx, Who
from tabayyun.web.common import Form, integer, optional, redirect, text, too_many_attempts
from tabayyun.web.i18n import LANG_COOKIE, LANGUAGES, N_
from tabayyun.web.registry import factcheck_fields
from tabayyun.web.render import highlight, local_path, page_language, render

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
MATCHES_PER_CLAIM = 3
# Sign-in has no session to bind a CSRF token to, so the form carries a random token that must
# equal a SameSite=Strict cookie set with the form (double submit): a page on another site can
# neither read the cookie nor make the browser send it, so it cannot sign a victim in to the
# attacker's account ("login CSRF").
LOGIN_COOKIE = "tabayyun_login"
LOGIN_FIELD = "login_token"
MAX_MATCHED_CLAIMS = 15  # an article page matches at most this many claims against the registry


# -- signing in and language -----------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        try:
            accounts.session_actor(context(request).db, token)
            return RedirectResponse(local_path(next), status_code=303)
        except AuthenticationError:
            pass
    return login_form(request, next=local_path(next), username="", error=None)


def login_form(
    request: Request, *, next: str, username: str, error: str | None, status_code: int = 200
) -> Response:
    """The sign-in page with a fresh login token in the form and its cookie."""
    token = secrets.token_hex(32)
    page = render(
        request, "login.html", next=next, username=username, error=error,
        login_field=LOGIN_FIELD, login_token=token, status_code=status_code,
        no_users=not admin.has_users(context(request).db),
    )  # fmt: skip
    page.set_cookie(
        LOGIN_COOKIE, token, max_age=3600, httponly=True, secure=True, samesite="strict", path="/"
    )
    return page


def login_token_ok(request: Request, form: Any) -> bool:
    """True when the form's login token equals the login cookie."""
    cookie = request.cookies.get(LOGIN_COOKIE) or ""
    submitted = form.get(LOGIN_FIELD)
    if not cookie or not isinstance(submitted, str):
        return False
    return hmac.compare_digest(cookie, submitted)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, ctx: Ctx, form: Form) -> Response:
    i18n = page_language(request)
    username, target = text(form, "username"), local_path(text(form, "next"))
    password = form.get("password")
    error, status = None, 200
    headers: dict[str, str] = {}
    if not login_token_ok(request, form):
        error = i18n.gettext("The sign-in form expired. Enter your username and password again.")
        return login_form(request, next=target, username=username, error=error, status_code=403)
    try:
        _actor, token = services.login(
            ctx,
            username[:64],
            password if isinstance(password, str) else "",
            client_address(request),
        )
    except RateLimitedError as limited:
        (error, headers), status = too_many_attempts(i18n, limited), 429
    except AuthenticationError:
        error, status = i18n.gettext("Wrong username or password. Check both and try again."), 401
    if error is not None:
        page = login_form(request, next=target, username=username, error=error, status_code=status)
        page.headers.update(headers)
        return page
    response = RedirectResponse(target, status_code=303)
    set_session_cookies(response, token)
    response.delete_cookie(LOGIN_COOKIE, path="/", secure=True, samesite="strict")
    return response


@router.post("/logout")
def logout(request: Request, ctx: Ctx, actor: Who) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        services.logout(ctx, actor, token)
    response = redirect("/login", "signed_out")
    clear_session_cookies(response)
    return response


@router.get("/lang/{code}")
def choose_language(code: str, next: str = "/") -> Response:
    """Remember the reader's language in a cookie (the switcher on every page links here)."""
    response = RedirectResponse(local_path(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="lax", path="/"
        )
    return response


# -- dashboard -------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, ctx: Ctx, actor: Who) -> Response:
    articles = services.list_articles(ctx, actor, per_page=8)
    can_claims = has_permission(actor.role, "claims.read")
    queue = services.list_claims(ctx, actor, status="new", per_page=10) if can_claims else None
    # The queue above already re-matched a batch of open claims: one batch per view.
    alerts = services.list_alerts(ctx, actor, limit=10, rematch=False) if can_claims else []
    return render(
        request, "dashboard.html", actor=actor, articles=articles, queue=queue, alerts=alerts
    )


# -- articles --------------------------------------------------------------------------------


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, ctx: Ctx, actor: Who, q: str = "", page: int = 1) -> Response:
    page = max(page, 1)
    if q.strip():
        found = services.search_articles(ctx, actor, q, page=page, per_page=PER_PAGE)
        items = [
            {"id": hit["doc_id"], "title": hit["title"], "outlet": hit["outlet"],
             "lang": hit["lang"], "published_at": hit["published_at"], "snippet": hit["snippet"]}
            for hit in found["items"]
        ]  # fmt: skip
    else:
        found = services.list_articles(ctx, actor, page=page, per_page=PER_PAGE)
        items = [{**item, "snippet": None} for item in found["items"]]
    return render(
        request, "articles.html", actor=actor, q=q, found=found, items=items, form=_blank_input()
    )


def _blank_input() -> dict[str, str]:
    return {"text": "", "url": "", "title": "", "lang": ""}


def _article_input(form: Any) -> dict[str, str | None]:
    # `lang`: the article's language when the editor knows better than detection (a short
    # Persian text typed with Arabic letters); empty detects it.
    return {name: optional(form, name) for name in ("text", "url", "title", "lang")}


@router.post("/articles", response_class=HTMLResponse)
def ingest(request: Request, ctx: Ctx, actor: Who, form: Form) -> Response:
    result = services.ingest_article(ctx, actor, **_article_input(form))
    notice = "duplicate" if result["status"] == "duplicate" else "ingested"
    return redirect(f"/articles/{result['id']}", notice)


@router.post("/analyze", response_class=HTMLResponse)
def analyze(request: Request, ctx: Ctx, actor: Who, form: Form) -> Response:
    """Analyse without storing: the article page of a text nobody has saved."""
    doc = services.analyze(ctx, actor, **_article_input(form))
    threshold = doc["checkworthy_threshold"]
    chosen = [s for s in doc["sentences"] if (s.get("checkworthiness") or 0.0) >= threshold]
    texts = [s["text"] for s in chosen[:MAX_MATCHED_CLAIMS]]
    found = _matches(ctx, actor, texts, doc.get("lang"))
    # Past the cap a claim is listed unmatched (None), not shown as having no fact-check.
    claim_rows = [
        {"id": None, "text": s["text"], "checkworthiness": s["checkworthiness"], "status": None,
         "matched_rating": None, "matches": found[i] if i < len(found) else None}
        for i, s in enumerate(chosen)
    ]  # fmt: skip
    return _article_page(request, ctx, actor, doc, claim_rows, preview=True)


@router.get("/articles/{article_id:int}", response_class=HTMLResponse)
def article(request: Request, ctx: Ctx, actor: Who, article_id: int) -> Response:
    doc = services.get_article(ctx, actor, article_id)
    claim_rows = sorted(doc.get("claims", []), key=lambda c: c["sentence_index"])
    texts = [c["text"] for c in claim_rows[:MAX_MATCHED_CLAIMS]]
    found = _matches(ctx, actor, texts, doc.get("lang"))
    rows = [
        {**c, "matches": found[i] if i < len(found) else None} for i, c in enumerate(claim_rows)
    ]
    return _article_page(request, ctx, actor, doc, rows, preview=False)


def _matches(
    ctx: Any, actor: Any, texts: list[str], lang: str | None
) -> list[list[dict[str, Any]]]:
    """Decided matches of each of an article's sentences, read in the article's language."""
    if not texts or not has_permission(actor.role, "factchecks.read"):
        return [[] for _ in texts]
    found = services.match_many(ctx, actor, texts, k=MATCHES_PER_CLAIM, langs=[lang] * len(texts))
    return [[m for m in matches if m["decision"]] for matches in found]


def _article_page(
    request: Request, ctx: Any, actor: Any, doc: dict[str, Any], rows: list[dict[str, Any]], *,
    preview: bool,
) -> Response:  # fmt: skip
    i18n = page_language(request)
    links = {c["sentence_index"]: c["id"] for c in rows if c.get("id")}
    body = highlight(
        doc.get("text") or "",
        doc.get("sentences") or [],
        threshold=doc["checkworthy_threshold"],
        i18n=i18n,
        claim_links=links,
    )
    return render(
        request, "article.html", actor=actor, doc=doc, body=body, claims=rows, preview=preview,
        max_matched=MAX_MATCHED_CLAIMS,
    )  # fmt: skip


# -- claims ----------------------------------------------------------------------------------


@router.get("/claims", response_class=HTMLResponse)
def queue(
    request: Request, ctx: Ctx, actor: Who, status: str = "", mine: bool = False, page: int = 1
) -> Response:
    found = services.list_claims(
        ctx,
        actor,
        status=status or None,
        assignee=actor.username if mine else None,
        page=max(page, 1),
        per_page=PER_PAGE,
    )
    return render(
        request, "claims.html", actor=actor, found=found, status=status, mine=mine,
        statuses=claims.STATUSES,
    )  # fmt: skip


@router.get("/claims/{claim_id:int}", response_class=HTMLResponse)
def claim_page(request: Request, ctx: Ctx, actor: Who, claim_id: int) -> Response:
    claim = services.get_claim(ctx, actor, claim_id)
    article = services.get_article(ctx, actor, claim["doc_id"])
    matches = (
        services.match_many(ctx, actor, [claim["text"]], k=5, langs=[claim.get("lang")])[0]
        if has_permission(actor.role, "factchecks.read")
        else []
    )
    linked = None
    if claim["factcheck_id"]:
        # Its owner may have made it private or ended the partnership since: the claim, its
        # history and its actions stay the desk's own.
        try:
            linked = services.get_factcheck(ctx, actor, claim["factcheck_id"])
        except NotFoundError:
            linked = {"gone": True}
    reviewers = (
        services.member_usernames(ctx, actor, "claims.review")
        if has_permission(actor.role, "claims.assign")
        else []
    )
    return render(
        request, "claim.html", actor=actor, claim=claim, article=article, matches=matches,
        linked=linked, reviewers=reviewers, labels=LABELS,
    )  # fmt: skip


@router.post("/claims/{claim_id:int}/assign")
def assign(claim_id: int, ctx: Ctx, actor: Who, form: Form) -> Response:
    services.assign_claim(ctx, actor, claim_id, optional(form, "assignee"))
    return redirect(f"/claims/{claim_id}", "assigned")


@router.post("/claims/{claim_id:int}/comment")
def comment(claim_id: int, ctx: Ctx, actor: Who, form: Form) -> Response:
    services.comment_claim(ctx, actor, claim_id, text(form, "body")[:10_000])
    return redirect(f"/claims/{claim_id}#history", "commented")


@router.post("/claims/{claim_id:int}/fact-checked")
def fact_checked(claim_id: int, ctx: Ctx, actor: Who, form: Form) -> Response:
    factcheck_id = integer(form, "factcheck_id")
    if factcheck_id is None:
        raise InputError(N_("choose the fact-check that answers this claim"))
    services.mark_fact_checked(ctx, actor, claim_id, factcheck_id, optional(form, "note"))
    return redirect(f"/claims/{claim_id}", "fact_checked")


@router.post("/claims/{claim_id:int}/factcheck")
def create_and_link(claim_id: int, ctx: Ctx, actor: Who, form: Form) -> Response:
    """Write a fact-check for the claim and close the claim with it."""
    fields, visibility = factcheck_fields(form)
    services.create_factcheck_for_claim(
        ctx, actor, claim_id, fields, visibility=visibility, note=optional(form, "note")
    )
    return redirect(f"/claims/{claim_id}", "fact_checked")


@router.post("/claims/{claim_id:int}/dismiss")
def dismiss(claim_id: int, ctx: Ctx, actor: Who, form: Form) -> Response:
    services.dismiss_claim(ctx, actor, claim_id, text(form, "reason")[:2000])
    return redirect(f"/claims/{claim_id}", "dismissed")


@router.post("/claims/{claim_id:int}/reopen")
def reopen(claim_id: int, ctx: Ctx, actor: Who) -> Response:
    services.reopen_claim(ctx, actor, claim_id)
    return redirect(f"/claims/{claim_id}", "reopened")
