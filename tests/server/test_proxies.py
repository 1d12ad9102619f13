"""Behind a reverse proxy: `forwarded_allow_ips` (TABAYYUN_FORWARDED_ALLOW_IPS, or `serve
--forwarded-allow-ips`) names the proxies whose X-Forwarded-For uvicorn believes, so the
failed-sign-in limit counts each client, not the proxy, and a client that is not a trusted
proxy cannot escape the limit by writing the header itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from .test_admin_cli import SECRET, add_user, ok, refused

PROXY = "10.20.0.5"
API = "/api/v1"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.db'}"


def serve(db: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Any, dict[str, Any]]:
    """Run `tabayyun serve` with uvicorn.run replaced; returns what uvicorn.run was given."""
    started: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr("uvicorn.run", lambda application, **kw: started.append((application, kw)))
    ok(db, "serve", *args)
    assert len(started) == 1
    return started[0]


@pytest.mark.parametrize(
    ("env", "args", "trusted", "headers"),
    [
        (None, (), "127.0.0.1,::1", True),  # uvicorn's own default: a proxy on this host
        (f"{PROXY}, 10.30.0.0/16", (), f"{PROXY}, 10.30.0.0/16", True),
        ("", (), "", False),  # no proxy: the headers are not read at all
        ("*", ("--forwarded-allow-ips", PROXY), PROXY, True),  # the option wins
    ],
)
def test_serve_gives_uvicorn_the_trusted_proxies(
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    env: str | None,
    args: tuple[str, ...],
    trusted: str,
    headers: bool,
) -> None:
    if env is not None:
        monkeypatch.setenv("TABAYYUN_FORWARDED_ALLOW_IPS", env)
    _, options = serve(db, monkeypatch, *args)
    assert options["forwarded_allow_ips"] == trusted
    assert options["proxy_headers"] is headers


# uvicorn would take each of these for a host name and never match it, trusting no proxy.
@pytest.mark.parametrize(
    ("value", "named"),
    [("10.0.0.300", "10.0.0.300"), ("10.0.0.5/24", "10.0.0.5/24"), ("10.0.0.5,*", "*"),
     ("proxy.internal", "proxy.internal")],
)  # fmt: skip
def test_a_proxy_that_uvicorn_would_never_match_is_refused(
    db: str, monkeypatch: pytest.MonkeyPatch, value: str, named: str
) -> None:
    monkeypatch.setattr("uvicorn.run", lambda application, **kw: pytest.fail("started"))
    monkeypatch.setenv("TABAYYUN_FORWARDED_ALLOW_IPS", value)
    error = refused(db, "serve")
    assert f"{named!r}" in error and "TABAYYUN_FORWARDED_ALLOW_IPS" in error


def behind_the_proxy(application: Any, options: dict[str, Any]) -> TestClient:
    """The app as uvicorn runs it with `options`, called by the proxy at PROXY."""
    config = uvicorn.Config(application, log_config=None, **options)
    config.load()
    return TestClient(config.loaded_app, base_url="https://testserver", client=(PROXY, 41000))


def sign_in(client: TestClient, password: str, forwarded_for: str) -> int:
    response = client.post(
        f"{API}/auth/login",
        json={"username": "chief", "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return response.status_code


@pytest.mark.parametrize("proxy_trusted", [True, False])
def test_the_sign_in_limit_counts_forwarded_clients_only_behind_a_trusted_proxy(
    db: str, monkeypatch: pytest.MonkeyPatch, proxy_trusted: bool
) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    if proxy_trusted:
        monkeypatch.setenv("TABAYYUN_FORWARDED_ALLOW_IPS", PROXY)
    application, options = serve(db, monkeypatch)
    with behind_the_proxy(application, options) as client:
        for _ in range(5):
            assert sign_in(client, "a wrong password", "203.0.113.7") == 401
        assert sign_in(client, SECRET, "203.0.113.7") == 429  # that client waits, either way
        # Another client behind the same proxy: its own count when the proxy is trusted; when
        # it is not, every request is the proxy's, and a forged header changes nothing.
        assert sign_in(client, SECRET, "198.51.100.9") == (200 if proxy_trusted else 429)
