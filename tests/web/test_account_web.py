"""The web side of accounts: changing one's own password on the organisation page, and the
sign-in page of a server that has no users yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tabayyun.config import Settings
from tabayyun.server import create_app

from .conftest import PASSWORD, World, fresh_client, login_token_of, sign_in, username

NEW = "a brand new passphrase"


def change(client: TestClient, token: str | None, current: str, new: str, again: str) -> Any:
    data = {"current_password": current, "new_password": new, "new_password_again": again}
    if token is not None:
        data["csrf_token"] = token
    return client.post("/org/password", data=data, follow_redirects=False)


def sign_in_with(client: TestClient, name: str, password: str) -> int:
    token = login_token_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": name, "password": password, "next": "/", "login_token": token},
        follow_redirects=False,
    )
    return response.status_code


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_every_role_finds_the_password_form(web: World, role: str) -> None:
    client = web.client
    sign_in(client, "alpha", role)
    page = client.get("/org").text
    assert 'id="password"' in page and 'action="/org/password"' in page
    assert 'name="current_password"' in page and 'autocomplete="current-password"' in page
    assert page.count('autocomplete="new-password"') >= 2
    assert 'href="/org#password"' in client.get("/").text  # from the sidebar, on every page


def test_changing_the_password_keeps_this_browser_and_signs_out_the_others(web: World) -> None:
    here = web.client
    token = sign_in(here, "alpha", "viewer")
    elsewhere = fresh_client(web)
    sign_in(elsewhere, "alpha", "viewer")
    done = change(here, token, PASSWORD, NEW, NEW)
    assert done.status_code == 303
    assert done.headers["location"] == "/org?done=password_changed#password"
    page = here.get("/org?done=password_changed")
    assert page.status_code == 200 and "Your password is changed" in page.text
    assert elsewhere.get("/", follow_redirects=False).status_code == 303  # to sign in
    assert sign_in_with(fresh_client(web), username("alpha", "viewer"), PASSWORD) == 401
    assert sign_in_with(fresh_client(web), username("alpha", "viewer"), NEW) == 303


@pytest.mark.parametrize(
    ("current", "new", "again", "status", "message"),
    [
        ("not my password", NEW, NEW, 403, "The current password is wrong"),
        (PASSWORD, NEW, NEW + "!", 400, "The two new passwords differ"),
        (PASSWORD, "Q7-tiny", "Q7-tiny", 400, "at least 10 characters"),
    ],
    ids=["wrong current", "differ", "short"],
)
def test_a_refused_change_says_why_on_the_same_page(
    web: World, current: str, new: str, again: str, status: int, message: str
) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    refused = change(client, token, current, new, again)
    assert refused.status_code == status
    text = refused.text
    assert 'id="password-error"' in text and message in text and 'id="members"' in text
    assert current not in text and new not in text  # no password is echoed
    assert sign_in_with(fresh_client(web), username("alpha", "editor"), PASSWORD) == 303


def test_the_refusal_is_in_the_readers_language(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    client.cookies.set("lang", "ru")
    refused = change(client, token, "not my password", NEW, NEW)
    assert refused.status_code == 403
    assert "The current password is wrong" not in refused.text


def test_wrong_current_passwords_are_rate_limited_like_sign_ins(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "reviewer")
    for _ in range(5):
        assert change(client, token, "not my password", NEW, NEW).status_code == 403
    limited = change(client, token, PASSWORD, NEW, NEW)
    assert limited.status_code == 429
    assert "Too many failed sign-ins" in limited.text
    assert limited.headers["Retry-After"]


def test_the_password_form_needs_the_csrf_token(web: World) -> None:
    client = web.client
    sign_in(client, "alpha", "viewer")
    for forged in (None, "0" * 64):
        refused = change(client, forged, PASSWORD, NEW, NEW)
        assert refused.status_code == 403
        assert "security token" in refused.text
    assert sign_in_with(fresh_client(web), username("alpha", "viewer"), PASSWORD) == 303


def test_the_sign_in_page_of_a_server_without_users_says_how_to_start(tmp_path: Path) -> None:
    settings = Settings(
        embedder="fake", data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'empty.db'}"
    )
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        page = client.get("/login").text
        assert 'id="no-users"' in page
        assert "tabayyun org create" in page and "tabayyun user add" in page
        client.cookies.set("lang", "fa")
        assert "No users yet" not in client.get("/login").text  # translated


def test_the_sign_in_page_of_a_server_with_users_gives_no_hint(web: World) -> None:
    assert 'id="no-users"' not in web.client.get("/login").text
