"""The web UI over HTTP: CSRF, HTML errors beside the API's JSON, CSP, languages, permissions,
escaping and the review, registry and organisation forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from server.conftest import sample_text
from tabayyun.server.schema import claims as claims_table
from tabayyun.storage.schema import factchecks as factchecks_table
from tabayyun.web.i18n import I18n
from tabayyun.web.render import highlight, safe_href
from tabayyun.web.setup import CONTENT_SECURITY_POLICY

from .conftest import (
    PASSWORD,
    World,
    csrf_of,
    fresh_client,
    ingest,
    login_token_of,
    sign_in,
    username,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "registry"


class _Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, handlers, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        self.found += [f"{tag} {n}" for n in names if n.startswith("on") or n == "style"]
        self.found += [
            f"{tag} javascript: URL" for _, v in attrs if (v or "").startswith("javascript:")
        ]


def inline_code(html: str) -> list[str]:
    parser = _Inline()
    parser.feed(html)
    return parser.found


def queue_claim_id(world: World) -> int:
    claim = world.call("GET", "/claims", "alpha", "viewer").json()["items"][0]
    return int(claim["id"])


# -- CSRF and errors ---------------------------------------------------------------------------


def test_forms_without_or_with_a_forged_csrf_token_are_refused(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    for data in ({}, {"csrf_token": "0" * 64}, {"csrf_token": token[::-1]}):
        refused = client.post("/org/keys", data={**data, "name": "bot"}, follow_redirects=False)
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("text/html")
        assert "<h1>This is not allowed</h1>" in refused.text
        assert "security token" in refused.text
    assert web.call("GET", "/keys", "alpha", "editor").json() == [] or all(
        k["name"] != "bot" for k in web.call("GET", "/keys", "alpha", "editor").json()
    )
    accepted = client.post("/org/keys", data={"csrf_token": token, "name": "bot"})
    assert accepted.status_code == 201 and "tby_" in accepted.text
    # Sign-out is a form post too.
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login?done=signed_out"
    assert client.get("/", follow_redirects=False).headers["location"] == "/login?next=/"


def test_sign_in_needs_the_token_of_its_own_form(web: World) -> None:
    """Login CSRF: a sign-in posted from elsewhere carries no token matching this browser's
    login cookie, and no session is started."""
    client = fresh_client(web)
    other = fresh_client(web)
    fields = {"username": username("alpha", "editor"), "password": PASSWORD, "next": "/"}
    client.get("/login")
    missing = client.post("/login", data=fields, follow_redirects=False)
    foreign = login_token_of(other.get("/login").text)  # valid, but another browser's
    forged = client.post("/login", data={**fields, "login_token": foreign}, follow_redirects=False)
    for refused in (missing, forged):
        assert refused.status_code == 403
        assert "tabayyun_session" not in refused.headers.get("set-cookie", "")
        assert 'id="login-error"' in refused.text
    own = login_token_of(client.get("/login").text)
    accepted = client.post("/login", data={**fields, "login_token": own}, follow_redirects=False)
    assert accepted.status_code == 303


def test_html_errors_for_pages_and_json_errors_for_the_api(web: World) -> None:
    client = web.client
    anonymous = client.get("/claims?status=new", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/claims%3Fstatus%3Dnew"
    api = client.get("/api/v1/claims")
    assert api.status_code == 401 and api.json()["error"]["code"] == "unauthenticated"
    sign_in(client, "alpha", "viewer")
    for path, status in (("/no-such-page", 404), ("/claims/999", 404), ("/org/audit", 403)):
        page = client.get(path)
        assert page.status_code == status, path
        assert page.headers["content-type"].startswith("text/html")
        assert f"Error {status}" in page.text and 'class="sidebar"' in page.text
    missing = client.get("/api/v1/no-such-route")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert "content-security-policy" not in missing.headers


def test_pages_carry_a_csp_and_no_inline_code(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "admin")
    article = ingest(client, token, sample_text("en"))
    assert article.status_code == 303
    claim_id = queue_claim_id(web)
    paths = [
        "/", "/login", "/articles", "/articles?q=bridge", article.headers["location"],
        "/claims", f"/claims/{claim_id}", "/factchecks", "/factchecks/new", "/org", "/org/audit",
        "/no-such-page",
    ]  # fmt: skip
    for path in paths:
        page = client.get(path)
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert inline_code(page.text) == [], path
        assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in page.text
    assert client.get("/static/vendor/htmx/htmx.min.js").status_code == 200
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")


# -- languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cookie", "accept", "lang", "direction"),
    [
        (None, None, "en", "ltr"),
        (None, "fr-FR,fa;q=0.8,en;q=0.5", "fa", "rtl"),
        (None, "ru-RU,ru;q=0.9", "ru", "ltr"),
        ("ar", "ru-RU", "ar", "rtl"),
        ("xx", "de", "en", "ltr"),
    ],
)
def test_language_from_cookie_then_accept_language(
    web: World, cookie: str | None, accept: str | None, lang: str, direction: str
) -> None:
    client = fresh_client(web)
    if cookie:
        client.cookies.set("lang", cookie)
    page = client.get("/login", headers={"Accept-Language": accept} if accept else {})
    assert f'<html lang="{lang}" dir="{direction}">' in page.text
    assert f"<h1>{I18n(lang).gettext('Sign in')}</h1>" in page.text


def test_switcher_sets_the_cookie_and_only_redirects_on_site(web: World) -> None:
    client = fresh_client(web)
    switched = client.get("/lang/fa?next=/articles", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/articles"
    assert "lang=fa" in switched.headers["set-cookie"]
    assert 'dir="rtl"' in client.get("/login").text
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        away = client.get(f"/lang/ru?next={target}", follow_redirects=False)
        assert away.headers["location"] == "/"
    unknown = client.get("/lang/xx?next=/", follow_redirects=False)
    assert "set-cookie" not in unknown.headers


def test_numbers_and_dates_follow_the_locale(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    ingest(client, token, sample_text("fa"))
    queue = web.call("GET", "/claims", "alpha", "viewer").json()
    total = queue["total"]
    assert total > 0
    client.cookies.set("lang", "fa")
    page = client.get("/claims").text
    persian = I18n("fa").number(total)
    assert persian == str(total).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert (
        I18n("fa").ngettext(
            "%(num)s claim, false-rated matches first, then by check-worthiness.",
            "%(num)s claims, false-rated matches first, then by check-worthiness.",
            total,
        )
        in page
    )
    client.cookies.set("lang", "ru")
    created = queue["items"][0]["created_at"]
    assert I18n("ru").date(created) in client.get(f"/claims/{queue['items'][0]['id']}").text
    assert I18n("ru").date("2024-03-05").replace("\u202f", " ") == "5 мар. 2024 г."
    assert I18n("fa").date("2024-03-05") == "۱۵ اسفند ۱۴۰۲"  # Solar Hijri, Persian digits
    assert I18n("en").date("2024-03-05") == "Mar 5, 2024"


# -- escaping ------------------------------------------------------------------------------------


def test_untrusted_text_is_escaped(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)">'
    text = f"The minister said that 45 percent of 1,200 bridges {hostile} collapsed in 2023."
    response = ingest(client, token, text, title=f"Title {hostile}")
    page = client.get(response.headers["location"]).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=&#34;alert(2)&#34;" in page
    assert inline_code(page) == []
    search = client.get("/articles", params={"q": hostile}).text
    assert "<script>alert" not in search and inline_code(search) == []
    bad_link = client.post(
        "/factchecks/new",
        data={"csrf_token": token, "claim_reviewed": "x", "url": "javascript:alert(1)",
              "rating": "false"},
        follow_redirects=False,
    )  # fmt: skip
    assert bad_link.status_code == 400  # refused, and the echoed value stays text
    assert "expected an http(s) URL" in bad_link.text and 'href="javascript:' not in bad_link.text


def test_highlight_builds_markup_from_escaped_pieces() -> None:
    text = "Intro <b>x</b>. 45% of <script>s</script> bridges fell. Calm & quiet."
    first = text.index("45%")
    second = text.index("Calm")
    sentences = [
        {"index": 0, "start": 0, "end": first - 1, "checkworthiness": 0.1},
        {"index": 1, "start": first, "end": second - 1, "checkworthiness": 0.87},
        {"index": 2, "start": second, "end": len(text), "checkworthiness": None},
    ]
    html = str(highlight(text, sentences, threshold=0.5, i18n=I18n("en"), claim_links={1: 7}))
    assert html.startswith("Intro &lt;b&gt;x&lt;/b&gt;. <mark")
    assert '<a href="/claims/7">45% of &lt;script&gt;s&lt;/script&gt; bridges fell.</a>' in html
    assert '<span class="score">87%</span></mark>' in html
    assert html.count("<mark") == 1 and html.endswith("Calm &amp; quiet.")
    assert safe_href("javascript:alert(1)") is None and safe_href("//x.org") is None
    assert safe_href(" https://x.org/a ") == "https://x.org/a"


def test_highlight_shows_no_bidi_override_from_the_article() -> None:
    """A U+202E in a hostile article reversed the rest of the page ("2024" read "4202")."""
    text = "Prices\u202e rose. In 2024 bridges fell by 45%.\u2067 Calm."
    second = text.index("In")
    sentences = [
        {"index": 0, "start": 0, "end": second - 1, "checkworthiness": 0.1},
        {"index": 1, "start": second, "end": len(text), "checkworthiness": 0.9},
    ]
    html = str(highlight(text, sentences, threshold=0.5, i18n=I18n("en")))
    assert not any(ch in html for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "In 2024 bridges fell by 45%." in html  # the offsets still cut the sentence right


# -- permissions, review, registry, organisation ------------------------------------------------


def test_viewer_sees_no_write_forms_and_writes_are_refused(web: World) -> None:
    editor = fresh_client(web)
    ingest(editor, sign_in(editor, "alpha", "editor"), sample_text("en"))
    claim_id = queue_claim_id(web)
    viewer = web.client
    token = sign_in(viewer, "alpha", "viewer")
    assert 'action="/articles"' in viewer.get("/articles").text  # analysing is allowed
    assert ">Ingest</button>" not in viewer.get("/articles").text
    assert 'id="assign-form"' not in viewer.get(f"/claims/{claim_id}").text
    refused = viewer.post(f"/claims/{claim_id}/assign", data={"csrf_token": token})
    assert refused.status_code == 403 and "Your role does not allow this" in refused.text
    assert viewer.post("/articles", data={"csrf_token": token, "text": "x"}).status_code == 403


def test_review_actions_through_forms(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    ingest(client, token, sample_text("en"))
    claim_id = queue_claim_id(web)
    base = f"/claims/{claim_id}"

    def post(action: str, **data: Any) -> Any:
        data = {"csrf_token": token, **data}
        return client.post(f"{base}/{action}", data=data, follow_redirects=False)

    assert post("assign", assignee="reviewer.alpha").headers["location"] == f"{base}?done=assigned"
    claim = web.call("GET", base, "alpha", "viewer").json()
    assert claim["status"] == "in_review" and claim["assignee"] == "reviewer.alpha"
    assert post("comment", body="needs a second source").status_code == 303
    assert post("dismiss", reason="").status_code == 400  # a reason is required
    assert post("dismiss", reason="opinion, not a claim").status_code == 303
    page = client.get(base).text
    assert "opinion, not a claim" in page and 'action="' + base + '/reopen"' in page
    assert post("reopen").status_code == 303
    assert post("assign").status_code == 303  # to oneself
    created = web.call(
        "POST", "/factchecks", "alpha", "editor",
        json={"claim_reviewed": "Bridges collapsed", "lang": "en", "url": "https://x.example/1",
              "rating": {"alternate_name": "False"}},
    ).json()  # fmt: skip
    conflict = post("fact-checked", factcheck_id="999999")
    assert conflict.status_code == 404 and "text/html" in conflict.headers["content-type"]
    assert post("fact-checked", factcheck_id=str(created["id"])).status_code == 303
    final = web.call("GET", base, "alpha", "viewer").json()
    assert final["status"] == "fact_checked" and final["factcheck_id"] == created["id"]
    history = client.get(base).text
    assert "needs a second source" in history and 'id="linked"' in history
    assert "In review, assigned to reviewer.alpha" in history

    # The linked fact-check passes out of sight (here: to another organisation, privately);
    # the claim page stays, with its history, and says what happened.
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.write() as conn:
        conn.execute(
            update(factchecks_table)
            .where(factchecks_table.c.id == created["id"])
            .values(organisation="beta", visibility="private")
        )  # fmt: skip
    gone = client.get(base)
    assert gone.status_code == 200 and "needs a second source" in gone.text
    assert "no longer visible to your organisation" in gone.text


def test_a_dashboard_view_re_matches_one_batch(
    web: World, count_calls: Callable[[object, str], list[int]]
) -> None:
    from tabayyun.server import services

    client = web.client
    sign_in(client, "alpha", "editor")
    calls = count_calls(services, "rematch_open_claims")
    assert client.get("/").status_code == 200
    assert len(calls) == 1  # the queue's batch; the alerts read after it do not run another


def test_writing_a_fact_check_for_a_closed_claim_leaves_no_fact_check(web: World) -> None:
    """The claim was dismissed while the form was open: both writes are refused, not one."""
    client = web.client
    token = sign_in(client, "alpha", "editor")
    ingest(client, token, sample_text("en"))
    claim_id = queue_claim_id(web)
    form = {"csrf_token": token, "claim_reviewed": "Bridges collapsed in the floods",
            "rating": "false", "lang": "en", "url": "https://x.example/written-here"}  # fmt: skip

    def fact_checks() -> int:
        return int(web.call("GET", "/factchecks", "alpha", "viewer").json()["total"])

    before = fact_checks()
    dismissed = {"reason": "opinion"}
    web.call("POST", f"/claims/{claim_id}/dismiss", "alpha", "editor", json=dismissed)
    refused = client.post(f"/claims/{claim_id}/factcheck", data=form, follow_redirects=False)
    assert refused.status_code == 409 and fact_checks() == before

    web.call("POST", f"/claims/{claim_id}/reopen", "alpha", "editor")
    web.call("POST", f"/claims/{claim_id}/assign", "alpha", "editor", json={})
    done = client.post(f"/claims/{claim_id}/factcheck", data=form, follow_redirects=False)
    assert done.status_code == 303 and fact_checks() == before + 1
    claim = web.call("GET", f"/claims/{claim_id}", "alpha", "viewer").json()
    assert claim["status"] == "fact_checked" and claim["factcheck_id"] is not None


def test_dashboard_alerts_and_queue_order(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    ingest(client, token, sample_text("en"))
    items = web.call("GET", "/claims?per_page=100", "alpha", "viewer").json()["items"]
    assert len(items) >= 2
    lowest = items[-1]
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    lead = items[-2]
    with ctx.db.write() as conn:
        for claim, decision in ((lowest, "match"), (lead, "suggest")):
            conn.execute(
                update(claims_table)
                .where(claims_table.c.id == claim["id"])
                .values(matched_rating="false", matched_decision=decision)
            )  # fmt: skip
    page = client.get("/").text
    alerts = page.split('id="alerts"', 1)[1].split("</section>", 1)[0]
    assert f'href="/claims/{lowest["id"]}"' in alerts
    assert f'href="/claims/{items[0]["id"]}"' not in alerts
    # A suggestion on the same topic is no alert; the queue shows it, labelled as such.
    assert f'href="/claims/{lead["id"]}"' not in alerts
    queue = page.split('id="queue"', 1)[1].split("</section>", 1)[0]
    order = [int(i) for i in re.findall(r'href="/claims/(\d+)"', queue)]
    api_order = [
        c["id"] for c in web.call("GET", "/claims?status=new", "alpha", "viewer").json()["items"]
    ]
    assert order == api_order[: len(order)] and order[:2] == [lowest["id"], lead["id"]]
    assert "Suggestion" in queue and "Match" in queue


def test_registry_filters_import_export_and_publish(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    with (FIXTURES / "checks.jsonl").open("rb") as handle:
        report = client.post(
            "/factchecks/import",
            data={"csrf_token": token, "visibility": "private"},
            files={"file": ("checks.jsonl", handle)},
        )
    assert report.status_code == 200
    added = int(re.search(r"<dt>Added</dt><dd>(\d+)</dd>", report.text).group(1))  # type: ignore[union-attr]
    everything = web.call("GET", "/factchecks?per_page=100", "alpha", "viewer").json()
    assert added == everything["total"] >= 2
    first = everything["items"][0]
    rating = first["rating_label"]
    page = client.get("/factchecks", params={"rating": rating}).text
    expected = sum(1 for fc in everything["items"] if fc["rating_label"] == rating)
    assert f"{expected} fact-check" in page
    dated = [fc["date_published"][:10] for fc in everything["items"] if fc["date_published"]]
    if dated:
        day = min(dated)
        in_range = client.get("/factchecks", params={"date_from": day, "date_to": day}).text
        count = sum(1 for d in dated if d == day)
        assert f"{count} fact-check" in in_range
    assert client.get("/factchecks", params={"date_from": "May 1"}).status_code == 400
    exported = client.get("/factchecks/export", params={"format": "jsonld"})
    assert exported.headers["content-disposition"].startswith("attachment")
    assert len(exported.json()) == everything["total"]
    feed = client.get("/factchecks/export").json()
    assert feed["@type"] == "DataFeed"
    # Edit to "partners", then publish.
    fc_id = first["id"]
    edit = client.get(f"/factchecks/{fc_id}/edit").text
    assert csrf_of(edit) == token
    saved = client.post(
        f"/factchecks/{fc_id}/edit",
        data={"csrf_token": token, "claim_reviewed": first["claim_reviewed"],
              "visibility": "shared", "rating": "mostly_true"},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303
    after = web.call("GET", f"/factchecks/{fc_id}", "alpha", "viewer").json()
    assert after["visibility"] == "shared" and after["rating_label"] == "mostly_true"
    client.post(f"/factchecks/{fc_id}/publish", data={"csrf_token": token})
    assert (
        web.call("GET", f"/factchecks/{fc_id}", "beta", "viewer").json()["visibility"] == "public"
    )


def test_import_form_maps_csv_columns_and_shows_what_was_flagged(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    page = client.get("/factchecks").text
    assert "Column mapping (CSV only)" in page and 'name="map"' in page
    csv = (
        "ادعا,حکم,پیوند\n"
        "سد شهر نمونه‌آباد خالی شده است,نادرست,https://factcheck.example.org/fa/1\n"
        "قیمت نان دو برابر شد,قابل‌تأمل,https://factcheck.example.org/fa/2\n"
    ).encode()
    report = client.post(
        "/factchecks/import",
        data={"csrf_token": token, "visibility": "private",
              "map": "claimReviewed=ادعا\nalternateName = حکم;  url=پیوند\n"},
        files={"file": ("checks.csv", csv)},
    )  # fmt: skip
    assert report.status_code == 200, report.text
    assert "<dt>Added</dt><dd>2</dd>" in report.text
    assert "Imported, but worth a look" in report.text
    assert "checks.csv:row 3: unknown rating &#39;قابل\u200cتأمل&#39;" in report.text
    client.cookies.set("lang", "fa")
    persian = client.get("/factchecks").text
    assert "نگاشت ستون‌ها (فقط CSV)" in persian
    bad = client.post("/factchecks/import", data={"csrf_token": token, "map": "ادعا"},
                      files={"file": ("checks.csv", csv)})  # fmt: skip
    assert bad.status_code == 400 and "به شکل field=column (فیلد=ستون) نیست" in bad.text


def test_languages_beyond_the_four_have_their_own_names(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    rating = {"alternate_name": "False"}
    german = web.call("POST", "/factchecks", "alpha", "editor",
                      json={"claim_reviewed": "Die Fähre ist sonntags kostenlos", "lang": "de",
                            "rating": rating}).json()  # fmt: skip
    web.call("POST", "/factchecks", "alpha", "editor",
             json={"claim_reviewed": "12345 67890", "lang": "und", "rating": rating})  # fmt: skip
    page = client.get("/factchecks").text
    select = page.split('name="lang"')[1].split("</select>")[0]
    options = re.findall(r'<option value="(\w+)"\s*>([^<]+)</option>', select)
    assert ("de", "German") in options and ("und", "Undetermined") in options
    assert len({name for _, name in options}) == len(options)
    assert "German" in client.get(f"/factchecks/{german['id']}").text
    edit = client.get(f"/factchecks/{german['id']}/edit").text
    assert '<option value="de" selected>German</option>' in edit
    saved = client.post(
        f"/factchecks/{german['id']}/edit",
        data={"csrf_token": token, "claim_reviewed": german["claim_reviewed"], "lang": "de",
              "verdict": "Falsch", "visibility": "private"},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303
    assert web.call("GET", f"/factchecks/{german['id']}", "alpha", "viewer").json()["lang"] == "de"
    client.cookies.set("lang", "ru")
    assert "немецкий" in client.get(f"/factchecks/{german['id']}").text


def test_organisation_page_members_keys_partners_trust_audit(web: World) -> None:
    admin = web.client
    token = sign_in(admin, "alpha", "admin")
    page = admin.get("/org").text
    assert "viewer.alpha" in page and 'id="add-member"' in page
    made = admin.post(
        "/org/members",
        data={"csrf_token": token, "username": "newbie.alpha", "password": "long enough pw",
              "role": "reviewer"},
        follow_redirects=False,
    )  # fmt: skip
    assert made.status_code == 303
    members = web.call("GET", "/org", "alpha", "admin").json()["members"]
    newbie = next(m for m in members if m["username"] == "newbie.alpha")
    admin.post(
        f"/org/members/{newbie['id']}", data={"csrf_token": token, "role": "editor", "active": "0"}
    )
    members = web.call("GET", "/org", "alpha", "admin").json()["members"]
    assert next(m for m in members if m["username"] == "newbie.alpha")["role"] == "editor"
    created = admin.post("/org/keys", data={"csrf_token": token, "name": "bot"})
    key = re.search(r"tby_\d+_[\w-]+", created.text).group(0)  # type: ignore[union-attr]
    assert key not in admin.get("/org").text  # shown once
    key_id = key.split("_")[1]
    admin.post(f"/org/keys/{key_id}/revoke", data={"csrf_token": token})
    assert (
        web.client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    )
    admin.post("/org/partners", data={"csrf_token": token, "slug": "beta-desk"})
    assert web.call("GET", "/org", "alpha", "admin").json()["partners"][0]["slug"] == "beta-desk"
    admin.post("/org/trust", data={"csrf_token": token, "publisher": "Example", "trust": "0,5"})
    assert web.call("GET", "/org", "alpha", "admin").json()["publisher_trust"] == {"Example": 0.5}
    saved = admin.post("/org/matching", data={"csrf_token": token, "preference": "−1٫5"})
    assert saved.status_code == 200 and 'id="matching"' in saved.text
    assert web.call("GET", "/org", "alpha", "admin").json()["match_foreign_preference"] == -1.5
    wrong = admin.post("/org/matching", data={"csrf_token": token, "preference": "a lot"})
    assert wrong.status_code == 400 and "the preference is a number" in wrong.text
    saved = admin.post("/org/queue", data={"csrf_token": token, "threshold": "٠٫٦"})
    assert saved.status_code == 200 and 'id="queue"' in saved.text
    assert web.call("GET", "/org", "alpha", "admin").json()["checkworthiness_threshold"] == 0.6
    wrong = admin.post("/org/queue", data={"csrf_token": token, "threshold": "2"})
    assert wrong.status_code == 400 and "from 0 to 1" in wrong.text
    audit = admin.get("/org/audit").text
    for action in (
        "member.add",
        "member.update",
        "key.create",
        "key.revoke",
        "partner.add",
        "trust.set",
        "org.match_preference",
        "org.queue_threshold",
    ):
        assert f"<code>{action}</code>" in audit
    # Non-admins see no member forms, and their posts are refused.
    editor = fresh_client(web)
    editor_token = sign_in(editor, "alpha", "editor")
    assert 'id="add-member"' not in editor.get("/org").text
    refused = editor.post(
        f"/org/members/{newbie['id']}", data={"csrf_token": editor_token, "role": "admin"}
    )
    assert refused.status_code == 403


def test_claims_past_the_matching_cap_are_listed_as_not_matched_here(web: World) -> None:
    """An article page matches its first MAX_MATCHED_CLAIMS claims; the rest are listed as not
    matched on the page, never as having no fact-check, in the preview and the stored page."""
    from tabayyun.web.pages import MAX_MATCHED_CLAIMS

    client = web.client
    token = sign_in(client, "alpha", "admin")
    web.call("PUT", "/org/queue", "alpha", "admin", json={"checkworthiness_threshold": 0})
    text = " ".join(
        f"The council said {n} bridges in district {n} were closed in 2024." for n in range(20)
    )
    form = {"csrf_token": token, "text": text}
    preview = client.post("/analyze", data=form).text
    stored = client.get(ingest(client, token, text).headers["location"]).text
    for page in (preview, stored):
        claims = page.split('id="claims"', 1)[1].split("</section>", 1)[0]
        assert claims.count("<li>") == 20
        assert claims.count(f"which matches the first {MAX_MATCHED_CLAIMS} claims") == 20 - (
            MAX_MATCHED_CLAIMS
        )


def test_the_analyse_form_takes_the_articles_language_when_given(web: World) -> None:
    """An editor who knows the language better than detection (a short text, Persian typed
    with Arabic letters) says so; empty detects it."""
    client = web.client
    token = sign_in(client, "alpha", "editor")
    text = "ذخاير سدهاي مشهد به ۱۸ ميليون مترمكعب رسيد."
    page = client.get("/articles").text
    assert '<select name="lang">' in page and "Detected from the text" in page
    for given, shown in (("fa", "Persian"), ("ar", "Arabic")):
        result = client.post("/analyze", data={"csrf_token": token, "text": text, "lang": given})
        assert result.status_code == 200
        head = result.text.split('id="claims"')[0]
        assert f'<article class="card article" lang="{given}">' in head and shown in head
    form = {"csrf_token": token, "text": text, "lang": "ar"}
    stored = client.post("/articles", data=form, follow_redirects=False)
    article_id = stored.headers["location"].split("?")[0].rsplit("/", 1)[1]
    assert web.call("GET", f"/articles/{article_id}", "alpha", "viewer").json()["lang"] == "ar"


def test_article_and_claim_pages_say_why_a_fact_check_is_no_match(web: World) -> None:
    """A sentence stating another figure than a fact-checked claim lists that fact-check as a
    suggestion with what differs, in the page's language, its figures escaped and isolated."""
    client = web.client
    token = sign_in(client, "alpha", "admin")
    web.call("PUT", "/org/queue", "alpha", "admin", json={"checkworthiness_threshold": 0})
    claim = "The government will spend £4.5 billion rebuilding bridges in the north"
    body = {"claim_reviewed": claim, "lang": "en", "url": "https://alpha.example.org/bridges",
            "rating": {"alternate_name": "False"}}  # fmt: skip
    assert web.call("POST", "/factchecks", "alpha", "admin", json=body).status_code == 201
    text = "The government will spend £9 billion rebuilding bridges in the north."
    stored = client.get(ingest(client, token, text).headers["location"]).text
    preview = client.post("/analyze", data={"csrf_token": token, "text": text}).text
    claim_id = queue_claim_id(web)
    for page in (stored, preview, client.get(f"/claims/{claim_id}").text):
        matches = page.split('class="matches"', 1)[1].split("</section>", 1)[0]
        assert claim in matches and "Suggestion" in matches
        assert "Not shown as a match" in matches
        assert "Different number: <bdi>£9 billion</bdi>" in matches
        assert "<bdi>£4.5 billion</bdi> in the fact-checked claim" in matches
    client.cookies.set("lang", "ar")
    arabic = client.get(f"/claims/{claim_id}").text
    assert I18n("ar").gettext("Different number") in arabic
    assert I18n("ar").gettext("Different number") != "Different number"


def test_an_article_page_says_when_its_date_is_unknown_and_why(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    client.cookies.set("lang", "fa")
    text = "The ministry said on Tuesday that 40 bridges were damaged in the floods of 2019."
    stored = ingest(client, token, text, title="Bridges")
    assert stored.status_code == 303
    page = client.get(stored.headers["location"]).text
    assert 'id="no-date"' in page and "تاریخ انتشار نامعلوم" in page
    notes = page.split('id="warnings"', 1)[1].split("</details>", 1)[0]
    assert "یادداشت‌های تحلیل" in notes and "publication date" in notes
