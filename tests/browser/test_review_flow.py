"""The review flow end to end in a real browser, in Arabic (right to left) and in Russian."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tabayyun.web.i18n import I18n

from .conftest import screenshot, sign_in

FLOWS = [("ar", "editor@beirut-desk"), ("ru", "editor@moscow-desk")]


def choose_language(page: Any, lang: str) -> None:
    """Use the switcher on the sign-in page, as a reader would."""
    page.goto("/login")
    page.click(f"nav.languages a[hreflang='{lang}']")
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")


def assert_mirrored(page: Any, rtl: bool) -> None:
    """The sidebar sits at the inline start and text starts there: right in RTL, left in LTR."""
    assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr")
    width = page.viewport_size["width"]
    nav = page.locator("nav.sidebar").bounding_box()
    main = page.locator("main").bounding_box()
    assert nav and main
    if rtl:
        assert nav["x"] >= width / 2 and main["x"] + main["width"] <= nav["x"] + 1
    else:
        assert nav["x"] + nav["width"] <= width / 2 and main["x"] >= nav["x"] + nav["width"] - 1
    # The heading's text hugs the start edge of its box.
    edges = page.evaluate(
        """() => {
            const h = document.querySelector('main h1');
            const range = document.createRange();
            range.selectNodeContents(h);
            const text = range.getBoundingClientRect(), box = h.getBoundingClientRect();
            return {gapLeft: text.left - box.left, gapRight: box.right - text.right,
                    align: getComputedStyle(h).textAlign};
        }"""
    )
    assert edges["align"] == "start"
    if rtl:
        assert edges["gapRight"] < 2 < edges["gapLeft"]
    else:
        assert edges["gapLeft"] < 2 < edges["gapRight"]


@pytest.mark.parametrize(("lang", "user"), FLOWS)
def test_review_a_claim_and_publish_its_fact_check(new_page: Any, lang: str, user: str) -> None:
    i18n = I18n(lang)
    page = new_page()
    choose_language(page, lang)
    sign_in(page, user)
    assert page.get_attribute("html", "lang") == lang
    assert_mirrored(page, rtl=lang == "ar")
    assert page.locator("h1").first.inner_text() == i18n.gettext("Dashboard")
    screenshot(page, f"{lang}-1-dashboard")

    # The queue's first claim leads to its article; the article leads back to a claim.
    page.locator("#queue table a").first.click()
    page.wait_for_url("**/claims/*")
    page.locator("#claim a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    marks = page.locator("div.text mark.checkworthy")
    assert marks.count() >= 1
    assert "%" in marks.first.locator(".score").inner_text() or "٪" in marks.first.inner_text()
    assert page.locator("#statements tbody tr").count() >= 1
    screenshot(page, f"{lang}-2-article")
    page.locator("#claims ol.claims a[href^='/claims/']").first.click()
    page.wait_for_url("**/claims/*")
    claim_url = page.url
    status = page.locator("#claim-status")
    assert status.inner_text().strip() == i18n.gettext("New")
    screenshot(page, f"{lang}-3-claim")

    # Review: assign, comment.
    page.click("#assign-form button[type=submit]")
    page.locator("#claim-status .status-in_review").wait_for()
    assert page.locator("#claim-status").inner_text().strip() == i18n.gettext("In review")
    assert page.locator("#claim-assignee").inner_text().strip() == user
    comment = f"Source checked {uuid.uuid4().hex[:6]}"
    page.fill("#comment-form textarea[name=body]", comment)
    page.click("#comment-form button[type=submit]")
    page.locator("#history .comment", has_text=comment).wait_for()
    screenshot(page, f"{lang}-4-in-review")

    # Write a fact-check for the claim (private), which closes the claim; then publish it.
    form = page.locator("#factcheck-form")
    if not form.is_visible():
        page.click("details.new-factcheck summary")
    form.locator("select[name=rating]").select_option("false")
    form.locator("input[name=url]").fill(f"https://desk.example.org/{lang}/{uuid.uuid4().hex}")
    form.locator("input[name=publisher]").fill(f"Desk {lang}")
    form.locator("input[name=visibility][value=private]").check()
    form.locator("button[type=submit]").click()
    page.locator("#claim-status .status-fact_checked").wait_for()
    assert page.locator("#claim-status").inner_text().strip() == i18n.gettext("Fact-checked")
    linked = page.locator("#linked")
    assert i18n.gettext("Private (my organisation)") in linked.inner_text()
    assert i18n.gettext("False") in linked.locator(".rating").inner_text()
    screenshot(page, f"{lang}-5-fact-checked")
    linked.locator("button[type=submit]").click()  # Publish
    page.locator("p.notice", has_text=i18n.gettext("The fact-check is public now.")).wait_for()
    assert page.url.startswith(claim_url)
    assert i18n.gettext("Public") in page.locator("#linked").inner_text()
    assert page.locator("#claim-status .status-fact_checked").count() == 1
    assert_mirrored(page, rtl=lang == "ar")
    screenshot(page, f"{lang}-6-published")
    assert page.dialogs == []
    assert page.csp_violations == []  # htmx and the stylesheet live within the policy
