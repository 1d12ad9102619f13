"""Web UI fixtures: the server test world (organisations alpha and beta), signed in by form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server.conftest import PASSWORD, World, build_world, cheap_password_hashing, username

__all__ = [
    "PASSWORD",
    "World",
    "cheap_password_hashing",
    "csrf_of",
    "login_token_of",
    "sign_in",
    "username",
]
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')
_LOGIN = re.compile(r'name="login_token" value="([0-9a-f]{64})"')


@pytest.fixture
def web(tmp_path: Path) -> Iterator[World]:
    yield from build_world(tmp_path / "web.db")


def sign_in(client: TestClient, org: str, role: str) -> str:
    """Sign in through the form; returns the page's CSRF token."""
    form = client.get("/login").text
    response = client.post(
        "/login",
        data={
            "username": username(org, role),
            "password": PASSWORD,
            "next": "/",
            "login_token": login_token_of(form),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


def login_token_of(html: str) -> str:
    found = _LOGIN.search(html)
    assert found, "no login token in the sign-in form"
    return found.group(1)


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def fresh_client(world: World) -> TestClient:
    """Another browser: its own cookies, same app."""
    return TestClient(world.client.app, base_url="https://testserver")


def ingest(client: TestClient, token: str, text: str, title: str | None = None) -> Any:
    return client.post(
        "/articles",
        data={"csrf_token": token, "text": text, "title": title or ""},
        follow_redirects=False,
    )
