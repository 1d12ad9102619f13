"""A real server (uvicorn, seeded like `tabayyun serve --demo`) and Debian's Chromium.

One server per session on a free 127.0.0.1 port over a temporary SQLite database, with the real
bundled e5 embedder. Browser tests need /usr/bin/chromium (`make test` installs it); without it
they fail, unless TABAYYUN_SKIP_BROWSER=1 says to skip them.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tabayyun.config import Settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEMO_PASSWORD = "tabayyun-demo"
# Read at import: the suite's autouse fixture clears TABAYYUN_* variables inside each test.
SKIP_REQUESTED = os.environ.get("TABAYYUN_SKIP_BROWSER") == "1"


def _need_browser() -> None:
    if SKIP_REQUESTED:
        pytest.skip("TABAYYUN_SKIP_BROWSER=1: browser tests skipped on request")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(
            f"Chromium is missing ({CHROMIUM}): run make test (it installs chromium), or set "
            "TABAYYUN_SKIP_BROWSER=1 to skip the browser tests",
            pytrace=False,
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail(
            "the playwright package is missing: run make test (it installs chromium and the "
            "dev dependencies)",
            pytrace=False,
        )


@dataclass
class LiveServer:
    url: str
    settings: Settings

    def ctx(self) -> Any:
        """A ServerContext over the same database, for checks behind the UI."""
        from tabayyun.server.services import ServerContext

        return ServerContext.open(self.settings)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    _need_browser()
    import uvicorn

    from tabayyun.server import create_app, seed_demo

    folder = tmp_path_factory.mktemp("browser")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'demo.db'}")
    seed_demo(settings)
    app = create_app(settings)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", settings)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(live_server: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A factory of pages, each in its own context (own cookies); all closed at the end."""
    contexts: list[Any] = []

    def make(lang: str | None = None) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale=lang or "en-US",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.dialogs = []  # type: ignore[attr-defined]
        page.csp_violations = []  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and page.csp_violations.append(message.text)
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_selector("nav.sidebar")
