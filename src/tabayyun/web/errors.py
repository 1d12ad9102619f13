"""HTML error pages for the web UI (the API under /api/v1 keeps its JSON error shape)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from tabayyun.errors import TabayyunError
from tabayyun.server import accounts
from tabayyun.server.audit import Actor
from tabayyun.server.auth import SESSION_COOKIE, context
from tabayyun.server.errors import AuthenticationError
from tabayyun.web.i18n import N_, I18n, translations
from tabayyun.web.render import local_path, page_language, render

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

# What the server says about a reader's input, marked here for the catalogues (extraction reads
# the web package only). The server raises each verbatim as a template with %(name)s parameters
# (see tabayyun.errors.TabayyunError), its English text is what the API answers, and the web UI
# shows its translation; tests/web/test_error_language.py checks each is still raised. The
# web forms mark their own messages where they raise them.
SERVER_MESSAGES = (
    # permissions
    N_(
        "your role %(role)s lacks the permission %(permission)s; "
        "ask an admin of your organisation for a role that has it"
    ),
    # members and keys
    N_("no member %(id)s in your organisation"),
    N_("you cannot demote or deactivate yourself; ask another admin"),
    N_("give a role or active to change"),
    N_("role must be one of %(roles)s, got %(role)s"),
    N_("the password must have at least %(num)s characters"),
    N_("username %(username)s is taken; pick another"),
    N_(
        "username %(username)s is taken: it reads the same as an existing one (usernames "
        "ignore case, invisible characters and letter variants such as ي/ی and ك/ک); "
        "pick another"
    ),
    N_("username %(username)s must be %(min)s-%(max)s letters, digits or . @ _ - characters"),
    N_(
        "username %(username)s must be %(min)s-%(max)s letters, digits or . @ _ - characters; "
        "remove %(char)s (%(code)s)"
    ),
    N_(
        "username %(username)s holds an invisible or text-direction character "
        "(%(code)s); type the name again instead of pasting it"
    ),
    N_(
        "username %(username)s holds an invisible character (%(code)s), which only "
        "names in Arabic script may use; type the name again without it"
    ),
    N_(
        "username %(username)s uses letters of a script that usernames do not accept "
        "(%(letters)s); write it in Latin, Arabic, Cyrillic or another script in common use"
    ),
    N_(
        "username %(username)s mixes %(scripts)s and %(fewest)s letters "
        "(%(fewest)s: %(letters)s), so it can pass for another name; write it in one script, "
        "e.g. with one keyboard layout (digits and . @ _ - go with any script)"
    ),
    N_("an API key's lifetime is 1 to %(max)s days, not %(days)s"),
    N_("the longest lifetime of a key is 1 to %(max)s days, not %(days)s"),
    N_(
        "your organisation allows API keys of at most %(days)s days; ask for "
        "%(days)s days or fewer (an admin sets the limit on the organisation page)"
    ),
    N_("you have no API key %(id)s; list yours with GET /api/v1/keys"),
    # partners, trust, matching, queue
    N_("no organisation %(slug)s; check the id with your partner"),
    N_("an organisation always sees its own fact-checks; pick another"),
    N_("name the publisher"),
    N_("trust must be between 0 (never) and 1 (fully)"),
    N_(
        "match_foreign_preference must be between -%(max)s and %(max)s (log-odds), "
        "not %(value)s; 0 leaves scores as they are."
    ),
    N_(
        "the queue threshold is a check-worthiness probability from 0 to 1, not %(value)s; "
        "leave it empty for the server's setting"
    ),
    # articles
    N_("send either `text` or `url`, not both and not neither"),
    N_(
        "%(url)s is not a web address; the server fetches only http(s) URLs "
        "(to analyse a file, paste its text or use `tabayyun analyze FILE`)"
    ),
    N_(
        "refused to fetch %(url)s: it leads to a private, loopback or "
        "link-local address; the server's administrator can allow such addresses "
        "(TABAYYUN_ALLOW_PRIVATE_ADDRESSES)"
    ),
    N_("no article %(id)s; list articles with GET /api/v1/articles"),
    # claims
    N_("status must be one of %(choices)s"),
    N_("no claim %(id)s in your queue; list it with GET /api/v1/claims"),
    N_("claim %(id)s is %(status)s; it cannot become %(target)s (allowed next: %(allowed)s)"),
    N_("claim %(id)s is %(status)s; it cannot become %(target)s (allowed next: none)"),
    N_("%(assignee)s is a %(role)s and cannot review claims; pick a reviewer"),
    N_("no active member %(username)s in your organisation"),
    N_("a comment needs text"),
    N_("say why the claim is dismissed (`reason`)"),
    # fact-checks
    N_("visibility must be one of %(choices)s"),
    N_("claim_reviewed: required; give the claim that the fact-check reviews"),
    N_("dates are written YYYY-MM-DD, got %(value)s"),
    N_(
        "no fact-check %(id)s visible to your organisation; "
        "search the registry with GET /api/v1/factchecks"
    ),
    N_("fact-check %(id)s belongs to %(owner)s; only its owner may change it"),
    N_("fact-check %(id)s belongs to no organisation; only its owner may change it"),
    N_("a fact-check with key %(key)s exists already (id %(id)s); update that one"),
    N_(
        "another organisation holds a fact-check with this URL and has not shared it with "
        "yours; give yours its own URL, or ask them to share theirs"
    ),
    N_(
        "another organisation holds a fact-check with this claim, publisher and date and has "
        "not shared it with yours; give yours its own URL, or ask them to share theirs"
    ),
    N_("the file exceeds %(max)s bytes; split it"),
    N_("format must be 'datafeed' or 'jsonld'"),
    # why an item of an import was refused (the import's report, not an error)
    N_("another organisation owns a fact-check with this URL"),
    N_(
        "this would change one of your organisation's public fact-checks, "
        "which needs the right to publish (an editor or admin)"
    ),
)


def reader_text(
    i18n: I18n, msgid: str, params: Mapping[str, object] | None = None, *, english: str = ""
) -> tuple[str, str]:
    """A server message in the reader's language, and that language: `msgid` translated, its
    %(name)s parameters filled in afterwards (numbers in the reader's digits). Without a
    translation (or in English) it is the English text, `english` or the filled-in msgid, as
    the API says it: never an empty detail."""
    params = params or {}
    translated = translations(i18n.lang).gettext(msgid) if msgid else msgid
    if translated != msgid:
        shown = {name: _shown(i18n, value) for name, value in params.items()}
        try:
            return translated % shown if shown else translated, i18n.lang
        except (KeyError, ValueError, TypeError):  # a broken translation: say it in English
            pass
    return english or (msgid % params if params else msgid), "en"


def reader_message(i18n: I18n, error: TabayyunError) -> tuple[str, str]:
    """The message of `error` for a reader of `i18n.lang`, and its language (`reader_text`)."""
    return reader_text(i18n, error.msgid, error.params, english=str(error))


def _shown(i18n: I18n, value: object) -> object:
    """A parameter as the reader reads it: numbers in their digits, text as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return i18n.integer(value)
    if isinstance(value, float):
        return i18n.number(value)
    return value


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
    message: str | TabayyunError,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error page; a reader without a session is sent to sign in instead.

    The detail is `message`: an error's own message in the reader's language where the
    catalogue translates it (`reader_message`), else in English as the API says it."""
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            target = request.headers.get("referer", "/")
            target = local_path(target if target.startswith("/") else "/")
        return RedirectResponse(f"/login?next={quote(local_path(target), safe='/')}", 303)
    actor = await _actor(request)
    title = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    if isinstance(message, TabayyunError):
        detail, detail_lang = reader_message(page_language(request), message)
    else:
        detail, detail_lang = message, "en"
    page = render(
        request,
        "error.html",
        actor=actor,
        status_code=status,
        status=status,
        code=code,
        title=title,
        explanation=EXPLANATIONS.get(code),
        message=detail if status < 500 else "",
        message_lang=detail_lang,
    )
    page.headers.update(headers or {})
    return page
