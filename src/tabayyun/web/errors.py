"""HTML error pages for the web UI (the API under /api/v1 keeps its JSON error shape)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from tabayyun.errors import Grouped, TabayyunError
from tabayyun.server import accounts
from tabayyun.server.audit import Actor
from tabayyun.server.auth import SESSION_COOKIE, context
from tabayyun.server.errors import AuthenticationError
from tabayyun.web.i18n import N_, I18n, translations
from tabayyun.web.render import BIDI_CONTROLS, local_path, page_language, render

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
# A server-side fault's detail stays in the log, except where it is about what the reader asked
# for: a web address that could not be fetched says why (the site's answer, a timeout...).
DETAILED_FAULTS = frozenset({"fetch_failed"})
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
# web forms mark their own messages where they raise them. A message that reaches the web UI as
# English text only (an import's reasons) is read back into its template and parameters here
# (`read_back`). A parameter that is a technical detail (a library's own message, an HTTP
# reason phrase, a field's name) is shown as it is.
SERVER_MESSAGES = (
    # a request whose fields the server could not read at all (a 422)
    N_("these fields are missing or not valid: %(fields)s"),
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
    N_("visibility must be one of %(choices)s, got %(value)s"),
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
    # fetching an article's web address (tabayyun.ingest.fetch)
    N_(
        "could not resolve %(host)s: %(reason)s; check the URL's spelling and your network "
        "or DNS settings"
    ),
    N_("%(url)s is not a valid URL (%(detail)s); check how it is written"),
    N_(
        "%(url)s (redirected from %(via)s) is not a valid URL (%(detail)s); check how it is written"
    ),
    N_("only http and https URLs can be fetched, not %(url)s"),
    N_("only http and https URLs can be fetched, not %(url)s (redirected from %(via)s)"),
    N_("%(url)s has no host name; write it as http(s)://host/path"),
    N_("%(url)s (redirected from %(via)s) has no host name; write it as http(s)://host/path"),
    N_("%(host)s resolves to no address; check the URL's spelling"),
    N_("%(host)s is not a valid IPv4 address; check the URL"),
    N_(
        "more than %(max)s redirects fetching %(url)s; the site may be "
        "misconfigured, or raise max_redirects (TABAYYUN_MAX_REDIRECTS)"
    ),
    N_(
        "redirect loop fetching %(url)s: %(next)s was already visited; "
        "the site is misconfigured, try again later"
    ),
    N_(
        "timed out after %(seconds)s s fetching %(url)s; try again later "
        "or raise fetch_timeout (TABAYYUN_FETCH_TIMEOUT)"
    ),
    N_(
        "could not connect to %(host)s (%(address)s) for %(url)s: %(detail)s; "
        "check the URL and your network connection, or try again later"
    ),
    N_("network error fetching %(url)s: %(detail)s; try again later"),
    N_("network error reading %(url)s: %(detail)s; try again later"),
    N_(
        "%(url)s answered HTTP %(status)s without a Location header; "
        "the site is misconfigured, try the final URL directly"
    ),
    N_(
        "%(url)s redirects to an invalid URL %(location)s (%(detail)s) while fetching "
        "%(start)s; try the final URL directly"
    ),
    N_("%(url)s answered HTTP %(status)s %(reason)s, not a page; check the URL in a browser"),
    N_(
        "%(url)s answered HTTP %(status)s %(reason)s; the site refused access; open it in a "
        "browser or save the page and analyse the file"
    ),
    N_(
        "%(url)s answered HTTP %(status)s %(reason)s; check the URL; the article may have "
        "moved or been deleted"
    ),
    N_("%(url)s answered HTTP %(status)s %(reason)s; the site is busy or failing; try again later"),
    N_("%(url)s answered HTTP %(status)s %(reason)s; check the URL"),
    N_(
        "%(url)s is %(size)s bytes, more than the limit of %(max)s bytes; "
        "raise max_input_bytes (TABAYYUN_MAX_INPUT_BYTES) to accept it"
    ),
    N_(
        "%(url)s is more than the limit of %(max)s bytes (stopped reading); "
        "raise max_input_bytes (TABAYYUN_MAX_INPUT_BYTES) to accept it"
    ),
    # a fetched page or feed without an article, pasted text without one (tabayyun.ingest)
    N_(
        "%(url)s is not an RSS or Atom feed (no channel, feed or item elements): "
        "give the feed's address, or load the page as HTML instead"
    ),
    N_(
        "the input is not an RSS or Atom feed (no channel, feed or item elements): "
        "give the feed's address, or load the page as HTML instead"
    ),
    N_("item %(index)s is broken XML (%(reason)s): ask the outlet to fix its feed"),
    N_("item %(index)s has no title, link or content: nothing to read"),
    N_(
        "no article text found in %(url)s: is it a front page or behind a script? "
        "save the article page itself"
    ),
    N_(
        "no article text found in the page: is it a front page or behind a script? "
        "save the article page itself"
    ),
    N_("no article text found in the text: give the article's body, not only its headline"),
    N_("%(source)s: the feed item has no title or summary text"),
    N_("%(source)s holds no article; pass a text, HTML, feed or JSONL file"),
    # an article's text longer than the server analyses (tabayyun.stages)
    N_(
        "%(source)s: the article text has %(chars)s characters, more than "
        "the %(max)s analysed at once (TABAYYUN_MAX_ARTICLE_CHARS); split it"
    ),
    # the bytes of a fetched page or an imported file (tabayyun.ingest.decode)
    N_("the input is empty: give a file, URL or text with an article"),
    N_("the input holds only whitespace: give an article's text"),
    N_("the input has NUL or control bytes, so it is not text: give %(wanted)s"),
    N_("the input is %(kind)s, not text: give %(wanted)s"),
    N_(
        "the input is not valid UTF-8, UTF-16, Windows-1256, Windows-1251, KOI8-R or "
        "ISO-8859-6: re-save the file as UTF-8"
    ),
    N_(
        "the input starts with a %(label)s byte order mark but is not valid "
        "%(label)s: re-save the file as UTF-8"
    ),
    # an imported file or item the importer cannot read (tabayyun.registry.importers)
    N_("the file is empty: give %(wanted)s"),
    N_("cannot tell the format: name the file .json, .jsonl, .csv or .html"),
    N_("not readable HTML (%(detail)s); save the page again and retry"),
    N_("broken JSON-LD (%(detail)s); the block was skipped: fix the page's markup"),
    N_("no ClaimReview JSON-LD on the page; give the fact-check article's own URL"),
    N_(
        "not valid JSON: %(detail)s (line %(line)s, column %(column)s); "
        "fix it, or name the file .jsonl if it holds one object per line"
    ),
    N_("not valid JSON: %(detail)s (column %(column)s); fix or remove the line"),
    N_("the CSV file is empty; give a header row and one row per check"),
    N_(
        "%(cells)s cells where the header has %(columns)s; "
        "check for an unquoted comma or a missing cell"
    ),
    N_("mapping %(item)s is not field=column, e.g. claimReviewed=claim"),
    N_("mapping: unknown field(s) %(fields)s; use %(known)s"),
    N_(
        "mapping: column %(column)s for %(field)s is not in the header (%(header)s); "
        "fix the mapping"
    ),
    N_(
        "no claim column among %(header)s; name one 'claimReviewed', "
        "or map yours: claimReviewed=your column"
    ),
    N_(
        "@type: expected ClaimReview or DataFeed, got %(type)s; "
        "only ClaimReview items are fact-checks"
    ),
    N_("dataFeedElement: expected a list of DataFeedItem objects"),
    N_("claimReview: expected a list of reviews in each claim"),
    N_("expected a review object"),
    # a fact-check's fields, imported or from the fact-check form (tabayyun.registry.model);
    # %(field)s is the ClaimReview path, or the form's (API's) name for the field
    N_("expected a ClaimReview object, got %(kind)s"),
    N_("@type: expected ClaimReview, got %(got)s; only ClaimReview items are fact-checks"),
    N_("%(field)s: missing; add it and import again"),
    N_("%(field)s: expected text, got %(kind)s"),
    N_("%(field)s: expected an http(s) URL, got %(value)s"),
    N_("%(field)s: expected a date like 2024-03-05, 1402/09/01 or 5 March 2024, got %(value)s"),
    N_("%(field)s: expected a name or an object with a name, got %(kind)s"),
    N_("%(field)s: expected a Claim object, got %(kind)s"),
    N_("%(field)s: expected a URL or an object, got %(kind)s"),
    N_("%(field)s: expected a language code like 'ar', got %(got)s"),
    N_("%(field)s: expected a language code like 'ar' or 'fa-IR' (BCP 47), got %(value)s"),
    N_("%(field)s: missing; a fact-check needs its verdict"),
    N_("%(field)s: expected a Rating object, got %(kind)s"),
    N_("%(field)s: expected a number or text, got %(kind)s"),
    N_("%(field)s: expected a number, got %(got)s"),
    N_("%(field)s: needs alternateName (the verdict in words) or ratingValue"),
    # why an imported fact-check is worth a look (the import's report, not an error)
    N_("unknown rating %(rating)s: kept as 'unknown'"),
    N_("%(field)s: cannot read %(value)s as a date; imported without it"),
    N_("%(field)s: expected text, got %(kind)s; imported without it"),
    N_(
        "%(field)s: %(value)s is not a language code like 'ar' or 'fa-IR'; "
        "detected %(detected)s from the claim"
    ),
)
# The server's own words that its messages take as parameters named `kind`, `got` or `wanted`
# (what an input is, what it should be) or `source` ("text", the name of a pasted article;
# a URL is never one of them), translated where they are shown. A parameter that names the
# reader's input never is: the server quotes it.
SERVER_PHRASES = (
    # what a JSON value is (tabayyun.registry.model)
    N_("object"),
    N_("list"),
    N_("text"),
    N_("boolean"),
    N_("null"),
    N_("number"),
    N_("nothing"),
    # what a binary input is (tabayyun.ingest.decode)
    N_("a PNG image"),
    N_("a JPEG image"),
    N_("a GIF image"),
    N_("a PDF document"),
    N_("a ZIP archive (or DOCX/XLSX/EPUB)"),
    N_("an empty ZIP archive"),
    N_("a GZIP archive"),
    N_("a BZIP2 archive"),
    N_("an XZ archive"),
    N_("a 7-Zip archive"),
    N_("a Zstandard archive"),
    N_("a RAR archive"),
    N_("an old Microsoft Office document"),
    N_("an executable"),
    N_("a Windows executable"),
    N_("an SQLite database"),
    N_("a RIFF media file (WebP, WAV, AVI)"),
    N_("an Ogg media file"),
    N_("an MP3 file"),
    N_("an MP4 video"),
    # what an input should be
    N_("the article as text, HTML, a feed or JSONL"),
    N_(
        "fact-checks as ClaimReview JSON or JSON-LD, JSON Lines, a DataFeed, CSV, or HTML pages "
        "with ClaimReview"
    ),
)
PHRASE_PARAMETERS = frozenset({"kind", "got", "wanted", "source"})
_PHRASES = frozenset(SERVER_PHRASES)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Longer texts are not read back (each template is a regular expression tried on the text).
_MAX_READ_BACK = 4000


def reader_text(
    i18n: I18n, msgid: str, params: Mapping[str, object] | None = None, *, english: str = ""
) -> tuple[str, str]:
    """A server message in the reader's language, and that language: `msgid` translated, its
    %(name)s parameters filled in afterwards (numbers in the reader's digits). Without a
    translation (or in English) it is the English text, `english` or the filled-in msgid, as
    the API says it: never an empty detail."""
    params = params or {}
    translated = translations(i18n.lang).gettext(msgid) if msgid else msgid
    if (
        translated == msgid
        and not params
        and i18n.lang != "en"  # the English text is already what an English reader reads
        and (found := read_back(msgid)) is not None
    ):
        english = english or msgid
        msgid, params = found
        translated = translations(i18n.lang).gettext(msgid)
    if translated != msgid:
        try:
            shown = {name: _shown(i18n, name, value) for name, value in params.items()}
            return translated % shown if shown else translated, i18n.lang
        except (KeyError, ValueError, TypeError, ArithmeticError):  # say it in English instead
            pass
    return english or (msgid % params if params else msgid), "en"


def reader_message(i18n: I18n, error: TabayyunError) -> tuple[str, str]:
    """The message of `error` for a reader of `i18n.lang`, and its language (`reader_text`)."""
    return reader_text(i18n, error.msgid, error.params, english=str(error))


def read_back(text: str) -> tuple[str, dict[str, object]] | None:
    """The template of `SERVER_MESSAGES` that `text` is filled in from, and its parameters
    (whole numbers as numbers), e.g. "3 cells where..." -> ("%(cells)s cells where...",
    {"cells": 3, ...}); None when no template with parameters gives `text`. The template with
    the most words of its own wins ("...; imported without it" over the same without)."""
    if len(text) > _MAX_READ_BACK:
        return None
    for template, pieces, pattern in _templates():
        if not (text.startswith(pieces[0]) and text.endswith(pieces[-1])):
            continue  # cheap checks first
        if not all(piece in text for piece in pieces[1:-1]):
            continue
        match = pattern.fullmatch(text)
        if match is not None:
            params = {name: _number(value) for name, value in match.groupdict().items()}
            return template, params
    return None


@lru_cache(maxsize=1)
def _templates() -> list[tuple[str, list[str], re.Pattern[str]]]:
    """Each template with parameters, its literal pieces and a pattern that reads it back."""
    found = []
    for template in SERVER_MESSAGES:
        parts = _PLACEHOLDER.split(template)  # literal pieces at even places, names at odd
        pieces = parts[::2]
        if len(pieces) == 1:
            continue
        pattern, seen = [], set()
        for index, piece in enumerate(parts):
            if index % 2 == 0:
                pattern.append(re.escape(piece))
            else:
                pattern.append(f"(?P={piece})" if piece in seen else f"(?P<{piece}>.+?)")
                seen.add(piece)
        found.append((template, pieces, re.compile("".join(pattern), re.DOTALL)))
    return sorted(found, key=lambda item: -sum(len(piece) for piece in item[1]))


def _number(value: str) -> object:
    """A parameter read back: a whole number (written as Python writes it) as a number."""
    return int(value) if value.isascii() and value.isdigit() and str(int(value)) == value else value


def _shown(i18n: I18n, name: str, value: object) -> object:
    """A parameter as the reader reads it: numbers in their digits (grouped where the English
    groups them), one of the server's own words (`SERVER_PHRASES`) translated, other text as
    it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Grouped):  # a count the English writes as "250,001"
        return i18n.number(int(value))
    if isinstance(value, int):
        return i18n.integer(value)
    if isinstance(value, float):
        return i18n.exact(value)
    if name in PHRASE_PARAMETERS and isinstance(value, str) and value in _PHRASES:
        return translations(i18n.lang).gettext(value)
    if isinstance(value, str) and i18n.dir == "rtl":
        # Isolated (FSI ... PDI), so that a quoted address or field name keeps its own
        # direction inside a right-to-left sentence instead of dragging its quotes around; its
        # own bidi controls are left out, as in an article (an unmatched PDI would end ours).
        return f"\u2068{value.translate(BIDI_CONTROLS)}\u2069"
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
        message=detail if status < 500 or code in DETAILED_FAULTS else "",
        message_lang=detail_lang,
    )
    page.headers.update(headers or {})
    return page
