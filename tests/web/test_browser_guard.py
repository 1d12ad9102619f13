"""Without Chromium the browser tests fail with the fix in the message; skipping is explicit."""

from __future__ import annotations

import pytest

from browser import conftest as browser_conftest


def test_missing_chromium_fails_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_conftest, "SKIP_REQUESTED", False)
    monkeypatch.setattr(browser_conftest, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(browser_conftest.shutil, "which", lambda _name: None)
    with pytest.raises(pytest.fail.Exception, match=r"run make test \(it installs chromium\)"):
        browser_conftest._need_browser()


def test_skipping_needs_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_conftest, "SKIP_REQUESTED", True)
    monkeypatch.setattr(browser_conftest, "CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(pytest.skip.Exception, match="TABAYYUN_SKIP_BROWSER=1"):
        browser_conftest._need_browser()
