"""A refused form in a real browser: the error page reads right to left in Persian, with the
server's detail in Persian and the reader's own input inside it unchanged."""

from __future__ import annotations

from typing import Any

from tabayyun.web.i18n import I18n

from .conftest import screenshot, sign_in
from .test_review_flow import assert_mirrored, choose_language


def test_a_refused_address_is_explained_in_persian(new_page: Any) -> None:
    page = new_page()
    choose_language(page, "fa")
    sign_in(page, "editor@beirut-desk")
    page.goto("/articles")
    # A browser accepts any scheme in a URL field; the server fetches only http(s).
    page.fill("input[name=url]", "ftp://example.org/report")
    page.click("#analyse button[formaction='/analyze']")
    page.wait_for_selector("section.error-page")
    assert page.get_attribute("html", "lang") == "fa"
    assert_mirrored(page, rtl=True)
    detail = page.locator("p.detail")
    assert detail.get_attribute("lang") is None  # in the page's language, not marked English
    text = detail.inner_text()
    assert text.startswith("\u2068'ftp://example.org/report'\u2069 نشانی وب نیست؛"), text
    assert detail.evaluate("e => getComputedStyle(e).fontFamily").find("monospace") < 0
    assert "is not a web address" not in page.content()
    assert page.locator("main .muted").first.inner_text() == "خطای ۴۰۰"  # in Persian digits
    assert page.locator("main h1").inner_text() == I18n("fa").gettext(
        "The request could not be used"
    )
    screenshot(page, "fa-error-page")
