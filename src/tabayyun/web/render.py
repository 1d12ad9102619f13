"""Templates (Jinja2, autoescaped) and the few pieces of markup built in Python.

Untrusted text (article titles and bodies, fact-check fields, outlet names, comments) is never
marked safe: markup built here is assembled from `markupsafe.escape`d pieces with
`Markup.format`, which escapes every argument.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from tabayyun.server.accounts import csrf_token_for
from tabayyun.server.audit import Actor
from tabayyun.server.auth import CSRF_FIELD, SESSION_COOKIE
from tabayyun.server.permissions import has_permission
from tabayyun.web.common import NOTICES
from tabayyun.web.i18n import LANG_COOKIE, LANGUAGES, N_, NATIVE_NAMES, I18n, choose_language

ENV = Environment(
    loader=PackageLoader("tabayyun.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

# Labels of the rating scale and review states, translated where they are shown.
RATING_NAMES = {
    "false": N_("False"),
    "mostly_false": N_("Mostly false"),
    "mixed": N_("Mixed"),
    "mostly_true": N_("Mostly true"),
    "true": N_("True"),
    "unproven": N_("Unproven"),
    "misleading": N_("Misleading"),
    "satire": N_("Satire"),
    "unknown": N_("Unknown rating"),
}
STATUS_NAMES = {
    "new": N_("New"),
    "in_review": N_("In review"),
    "fact_checked": N_("Fact-checked"),
    "dismissed": N_("Dismissed"),
}
ROLE_NAMES = {
    "admin": N_("Admin"),
    "editor": N_("Editor"),
    "reviewer": N_("Reviewer"),
    "viewer": N_("Viewer"),
}
VISIBILITY_NAMES = {
    "private": N_("Private (my organisation)"),
    "shared": N_("Partners"),
    "public": N_("Public"),
}
LANGUAGE_NAMES = {
    "ar": N_("Arabic"),
    "fa": N_("Persian"),
    "ru": N_("Russian"),
    "en": N_("English"),
    "und": N_("Undetermined"),
}
DECISION_NAMES = {"match": N_("Match"), "suggest": N_("Suggestion")}
# What a text states otherwise than a fact-checked claim (matching/conflicts.py).
CONFLICT_NAMES = {
    "number": N_("Different number"),
    "year": N_("Different year"),
    "date": N_("Different date"),
    "negation": N_("Opposite polarity"),
    "action": N_("Opposite action"),
}
KIND_NAMES = {"direct": N_("direct quote"), "indirect": N_("reported speech")}


def language_name(i18n: I18n, code: str | None) -> str:
    """A language's name in the page's language: ours for the four and "und", else Babel's
    (CLDR) name of the code ("de" is "German", «آلمانی», "немецкий"), else the code itself."""
    code = code or "und"
    if code in LANGUAGE_NAMES:
        return i18n.gettext(LANGUAGE_NAMES[code])
    return str(i18n.locale.languages.get(code) or code)


def page_language(request: Request) -> I18n:
    """The language of this request's page (see `choose_language`)."""
    lang = choose_language(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
    return I18n(lang)


def safe_href(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL (never javascript:, data: and the like)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path on this site (no scheme, no host, no //), else `default`."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else default


# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI become ZERO WIDTH SPACE (one character each,
# so offsets keep); the implicit marks (LRM, RLM, ALM) change no order beyond a character.
BIDI_CONTROLS = dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), "\u200b")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_spans(text: str) -> Markup:
    """A message with each `backticked` span (a command, a field, an address) set as
    left-to-right code, so that it keeps its order inside a right-to-left sentence; every piece
    is escaped."""
    out, position = [Markup("")], 0
    for span in _CODE_SPAN.finditer(text):
        out.append(escape(text[position : span.start()]))
        out.append(Markup('<code dir="ltr">{}</code>').format(span.group(1)))
        position = span.end()
    out.append(escape(text[position:]))
    return Markup("").join(out)


ENV.filters["code_spans"] = code_spans


def highlight(
    text: str,
    sentences: Iterable[Mapping[str, Any]],
    *,
    threshold: float,
    i18n: I18n,
    claim_links: Mapping[int, int] | None = None,
) -> Markup:
    """The article text with check-worthy sentences marked, their score shown.

    Every piece of text is escaped; only the <mark>, <a> and <span> tags are ours. Explicit bidi
    embeddings, overrides and isolates are left out of what is shown: one U+202E in a hostile
    article reversed everything after it on the page, "2024" reading "4202".
    """
    claim_links = claim_links or {}
    text = text.translate(BIDI_CONTROLS)  # one for one: sentence offsets still hold
    out = [Markup("")]
    position = 0
    for sentence in sorted(sentences, key=lambda s: int(s["start"])):
        score = sentence.get("checkworthiness")
        start, end = int(sentence["start"]), int(sentence["end"])
        if score is None or score < threshold or start < position or end > len(text):
            continue
        out.append(escape(text[position:start]))
        label = i18n.gettext("Check-worthiness %(score)s", score=i18n.score(score))
        body: Markup = escape(text[start:end])
        claim_id = claim_links.get(int(sentence["index"]))
        if claim_id is not None:
            body = Markup('<a href="/claims/{}">{}</a>').format(claim_id, body)
        out.append(
            Markup(
                '<mark class="checkworthy" title="{}">{}<span class="score">{}</span></mark>'
            ).format(label, body, i18n.score(score))
        )
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)


def render(
    request: Request,
    template: str,
    *,
    actor: Actor | None = None,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    """Render `template` in the request's language; sets nothing but the body and status."""
    i18n = page_language(request)
    session = request.cookies.get(SESSION_COOKIE)
    current = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    context = {
        "request": request,
        "actor": actor,
        "can": (lambda permission: actor is not None and has_permission(actor.role, permission)),
        "i18n": i18n,
        "lang": i18n.lang,
        "dir": i18n.dir,
        "_": i18n.gettext,
        "gettext": i18n.gettext,
        "ngettext": i18n.ngettext,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token_for(session) if session and actor else "",
        "languages": [(code, NATIVE_NAMES[code]) for code in LANGUAGES],
        "current_path": local_path(current),
        "rating_names": RATING_NAMES,
        "status_names": STATUS_NAMES,
        "role_names": ROLE_NAMES,
        "visibility_names": VISIBILITY_NAMES,
        "language_names": LANGUAGE_NAMES,
        "language_name": lambda code: language_name(i18n, code),
        "decision_names": DECISION_NAMES,
        "conflict_names": CONFLICT_NAMES,
        "kind_names": KIND_NAMES,
        "safe_href": safe_href,
        "flash": NOTICES.get(request.query_params.get("done", "")),
        **values,
    }
    body = ENV.get_template(template).render(context)
    return HTMLResponse(body, status_code=status_code)
