"""Hostile input stays text; private fact-checks stay private; sign-in is rate limited."""

from __future__ import annotations

import re
import uuid
from typing import Any

from tabayyun.web.i18n import I18n

from .conftest import screenshot, sign_in

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
SVG = '<svg onload="window.__xss=1">'
HOSTILE_TITLE = f"Bridges {SCRIPT} {IMG} {SVG}"
HOSTILE_TEXT = (
    f"Health minister John Smith said on Monday that 45 percent of the country's 1,200 bridges "
    f"{SCRIPT} collapsed in the 2023 floods, killing 300 people. The ministry reported that "
    f"{IMG} repairs will cost 2 billion dollars by 2025. Officials claimed that {SVG} 80 percent "
    "of schools in the region were closed for 6 months."
)


def assert_inert(page: Any) -> None:
    """No payload ran and no dialog opened; no element came from the payloads."""
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.locator("main script, main img, main svg").count() == 0
    assert page.csp_violations == []


def test_hostile_text_is_shown_escaped_everywhere(new_page: Any) -> None:
    page = new_page()
    sign_in(page, "editor@moscow-desk")
    marker = uuid.uuid4().hex[:8]
    page.goto("/articles")
    page.fill("#analyse input[name=title]", f"{HOSTILE_TITLE} {marker}")
    page.fill("#analyse textarea[name=text]", f"{HOSTILE_TEXT} Marker {marker}.")
    page.click("#analyse button:not([formaction])")
    page.wait_for_url(re.compile(r".*/articles/\d+"))
    article_url = page.url
    assert_inert(page)
    title = page.locator("main h1").inner_text()
    assert SCRIPT in title and IMG in title and SVG in title
    body = page.locator("div.text").inner_text()
    assert SCRIPT in body and IMG in body and SVG in body
    assert page.locator("div.text mark.checkworthy").count() >= 2
    screenshot(page, "xss-article")

    page.locator("#claims a[href^='/claims/']").first.click()
    page.wait_for_url("**/claims/*")
    assert_inert(page)
    assert SCRIPT in page.locator("blockquote.claim-text").inner_text()
    page.fill("#comment-form textarea[name=body]", f"{IMG} {SVG} {SCRIPT}")
    page.click("#comment-form button[type=submit]")
    page.locator("#history .comment", has_text=SVG).wait_for()
    assert_inert(page)

    # A fact-check written with hostile fields, then found through the registry search.
    page.goto("/factchecks/new")
    page.fill("#factcheck-form textarea[name=claim_reviewed]", f"{SVG} claim {marker}")
    page.fill("#factcheck-form input[name=publisher]", f"{IMG} Desk")
    page.fill("#factcheck-form input[name=url]", f"https://example.org/{marker}")
    page.select_option("#factcheck-form select[name=rating]", "false")
    page.click("#factcheck-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/factchecks/\d+\?done=saved"))
    assert_inert(page)
    assert SVG in page.locator("blockquote.claim-text").inner_text()

    for path in ("/", f"/articles?q={marker}", f"/factchecks?q={marker}", article_url):
        page.goto(path)
        assert_inert(page)
        assert (
            SVG in page.locator("main").inner_text() or SCRIPT in page.locator("main").inner_text()
        )
    page.goto(f"/factchecks?q={SCRIPT}")  # the query itself is echoed in the search field
    assert_inert(page)
    assert page.input_value("#registry-search input[name=q]") == SCRIPT
    screenshot(page, "xss-registry-search")


def test_private_fact_check_is_invisible_to_another_organisation(new_page: Any) -> None:
    owner, other, admin = new_page(), new_page(), new_page()
    sign_in(owner, "editor@beirut-desk")
    sign_in(other, "editor@moscow-desk")
    sign_in(admin, "admin@beirut-desk")
    marker = uuid.uuid4().hex[:10]
    owner.goto("/factchecks/new")
    owner.fill("#factcheck-form textarea[name=claim_reviewed]", f"Private claim {marker}")
    owner.fill("#factcheck-form input[name=url]", f"https://beirut.example.org/{marker}")
    owner.select_option("#factcheck-form select[name=rating]", "misleading")
    owner.check("#factcheck-form input[name=visibility][value=private]")
    owner.click("#factcheck-form button[type=submit]")
    owner.wait_for_url(re.compile(r".*/factchecks/\d+\?done=saved"))
    factcheck_path = re.sub(r"\?.*$", "", owner.url.split("127.0.0.1", 1)[1].split("/", 1)[1])
    factcheck_path = "/" + factcheck_path

    def sees(page: Any) -> bool:
        page.goto("/factchecks")
        listed = marker in page.locator("#results").inner_text()
        page.goto(f"/factchecks?q={marker}")
        found = marker in page.locator("#results").inner_text()
        response = page.goto(factcheck_path)
        direct = response.status == 200 and marker in page.locator("main").inner_text()
        assert listed == found == direct, (listed, found, direct)
        if not direct:
            assert response.status == 404
        return direct

    assert sees(owner)
    assert not sees(other)
    screenshot(other, "visibility-hidden")

    # Shared with partners, but moscow-desk is not a partner: still hidden.
    admin.goto("/org")
    admin.locator("#partners li", has_text="moscow-desk").locator("button").click()
    admin.wait_for_url("**/org?done=partner_removed*")
    owner.goto(f"{factcheck_path}/edit")
    owner.check("#factcheck-form input[name=visibility][value=shared]")
    owner.click("#factcheck-form button[type=submit]")
    owner.wait_for_url("**done=saved")
    assert not sees(other)

    # Once beirut-desk shares with moscow-desk, moscow-desk sees it everywhere.
    admin.goto("/org")
    admin.select_option("#add-partner select[name=slug]", "moscow-desk")
    admin.click("#add-partner button[type=submit]")
    admin.wait_for_url("**/org?done=partner_added*")
    assert "moscow-desk" in admin.locator("#partners").inner_text()
    screenshot(admin, "visibility-partners")
    assert sees(other)
    screenshot(other, "visibility-shared")


def test_sign_in_rate_limit_is_explained(new_page: Any) -> None:
    i18n = I18n("ru")
    page = new_page("ru-RU")  # Accept-Language picks Russian without a cookie
    username = f"nobody-{uuid.uuid4().hex[:6]}"
    for attempt in range(6):
        page.goto("/login")
        assert page.get_attribute("html", "lang") == "ru"
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", f"wrong password {attempt}")
        with page.expect_response("**/login") as answer:
            page.click("form[action='/login'] button[type=submit]")
        message = page.locator("#login-error").inner_text()
        if attempt < 5:
            assert answer.value.status == 401
            assert message == i18n.gettext("Wrong username or password. Check both and try again.")
    assert answer.value.status == 429
    seconds = int(answer.value.headers["retry-after"])
    assert 1 <= seconds <= 301
    assert message == i18n.ngettext(
        "Too many failed sign-ins. Wait %(num)s second, then try again.",
        "Too many failed sign-ins. Wait %(num)s seconds, then try again.",
        seconds,
    )
    screenshot(page, "ru-rate-limited")
