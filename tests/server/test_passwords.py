"""A user changes their own password: PUT /api/v1/me/password.

The current password must be right (403 otherwise, counted with the failed sign-ins, so the
same limit holds); on success every other session of the user ends and the one that made the
change stays signed in. API keys keep working.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tabayyun.server import accounts

from .conftest import PASSWORD, World, username

API = "/api/v1"
NEW = "a brand new passphrase"


def browser(world: World) -> TestClient:
    return TestClient(world.client.app, base_url="https://testserver")


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    return client.post(f"{API}/auth/login", json={"username": name, "password": password})


def signed_in(world: World, org: str, role: str) -> tuple[TestClient, str]:
    client = browser(world)
    response = sign_in(client, username(org, role))
    assert response.status_code == 200, response.text
    return client, str(response.json()["csrf_token"])


def change(client: TestClient, csrf: str | None, current: str, new: str) -> Any:
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    body = {"current_password": current, "new_password": new}
    return client.put(f"{API}/me/password", json=body, headers=headers)


def test_a_change_keeps_this_session_and_ends_the_others(world: World) -> None:
    here, csrf = signed_in(world, "alpha", "viewer")
    elsewhere, _ = signed_in(world, "alpha", "viewer")
    colleague, _ = signed_in(world, "alpha", "editor")
    changed = change(here, csrf, PASSWORD, NEW)
    assert changed.status_code == 200, changed.text
    assert changed.json() == {"changed": True, "sessions_ended": 1, "this_session": "kept"}
    assert here.get(f"{API}/me").status_code == 200
    assert elsewhere.get(f"{API}/me").status_code == 401
    assert colleague.get(f"{API}/me").status_code == 200  # another user's sessions are untouched
    assert sign_in(browser(world), "viewer.alpha").status_code == 401
    assert sign_in(browser(world), "viewer.alpha", NEW).status_code == 200
    # API keys are separate credentials: they keep working (revoke them under /keys).
    assert world.call("GET", "/me", "alpha", "viewer").status_code == 200


def test_a_change_by_api_key_ends_every_session(world: World) -> None:
    browser_session, _ = signed_in(world, "beta", "editor")
    changed = world.call(
        "PUT",
        "/me/password",
        "beta",
        "editor",
        json={"current_password": PASSWORD, "new_password": NEW},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json() == {"changed": True, "sessions_ended": 1, "this_session": "none"}
    assert browser_session.get(f"{API}/me").status_code == 401


def test_a_wrong_current_password_is_403_and_counts_toward_the_sign_in_limit(
    world: World,
) -> None:
    client, csrf = signed_in(world, "alpha", "reviewer")
    for _ in range(5):
        wrong = change(client, csrf, "not my password", NEW)
        assert wrong.status_code == 403, wrong.text
        assert wrong.json()["error"]["code"] == "wrong_password"
        assert "current password" in wrong.json()["error"]["message"]
    limited = change(client, csrf, PASSWORD, NEW)  # even the right one waits now
    assert limited.status_code == 429 and 1 <= int(limited.headers["Retry-After"]) <= 301
    assert sign_in(browser(world), "reviewer.alpha").status_code == 429  # the same count
    assert client.get(f"{API}/me").status_code == 200  # a wrong guess does not sign out
    assert sign_in(browser(world), "reviewer.beta").status_code == 200


def test_a_right_current_password_clears_earlier_misses(world: World) -> None:
    client, csrf = signed_in(world, "alpha", "admin")
    for _ in range(4):
        assert change(client, csrf, "not my password", NEW).status_code == 403
    assert change(client, csrf, PASSWORD, NEW).status_code == 200
    for _ in range(4):
        assert change(client, csrf, "still not it", PASSWORD).status_code == 403
    assert change(client, csrf, NEW, PASSWORD).status_code == 200


def test_a_short_new_password_is_refused_and_nothing_changes(world: World) -> None:
    client, csrf = signed_in(world, "alpha", "editor")
    other, _ = signed_in(world, "alpha", "editor")
    short = change(client, csrf, PASSWORD, "short")
    assert short.status_code == 400 and short.json()["error"]["code"] == "invalid_input"
    assert "at least 10 characters" in short.json()["error"]["message"]
    assert other.get(f"{API}/me").status_code == 200
    assert sign_in(browser(world), "editor.alpha").status_code == 200


def test_a_cookie_change_needs_the_csrf_token(world: World) -> None:
    client, _ = signed_in(world, "alpha", "viewer")
    forged = change(client, None, PASSWORD, NEW)
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf_failed"
    anonymous = change(browser(world), None, PASSWORD, NEW)
    assert anonymous.status_code == 401
    assert sign_in(browser(world), "viewer.alpha").status_code == 200


def test_a_change_is_audited_without_the_password(world: World) -> None:
    client, csrf = signed_in(world, "alpha", "editor")
    assert change(client, csrf, PASSWORD, NEW).status_code == 200
    log = world.call("GET", "/audit?action=auth.password_change", "alpha", "admin").json()
    [entry] = log["items"]
    assert entry["username"] == "editor.alpha" and entry["target"] == f"user:{entry['user_id']}"
    assert entry["detail"] == {"sessions_ended": 0}
    assert NEW not in repr(log) and PASSWORD not in repr(log)
    stored = b"".join(p.read_bytes() for p in world.db_path.parent.glob(world.db_path.name + "*"))
    assert NEW.encode() not in stored


def test_adding_a_member_hashes_the_password_before_taking_the_write_lock(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    hasher = accounts._hasher
    hashed_under_lock: list[bool] = []

    class Watched:
        def hash(self, password: str) -> str:
            hashed_under_lock.append(ctx.db._write_lock.locked())
            return hasher.hash(password)

    monkeypatch.setattr(accounts, "_hasher", Watched())
    answer = world.call(
        "POST",
        "/org/members",
        "alpha",
        "admin",
        json={
            "username": "new-checker",
            "password": "a long enough passphrase",
            "role": "reviewer",
        },
    )
    assert answer.status_code == 201, answer.text
    assert hashed_under_lock == [False]
