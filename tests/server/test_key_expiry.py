"""API keys that expire: a lifetime chosen at creation (`expires_in_days`), `api_keys.expires_at`
(migration 0012; older keys keep NULL and never expire), the refusal of an expired key, and an
organisation's longest allowed lifetime (`max_key_days`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from tabayyun.config import Settings
from tabayyun.server import accounts, create_app
from tabayyun.server.db import now_iso
from tabayyun.server.schema import api_keys
from tabayyun.storage import migrate
from tabayyun.storage.base import MIGRATIONS_DIR
from tabayyun.storage.sqlite import SqliteStore

from .conftest import World

API = "/api/v1"


def new_key(world: World, org: str, role: str, **body: Any) -> Any:
    return world.call("POST", "/keys", org, role, json={"name": "bot", **body})


def expire(world: World, key_id: int, when: str) -> None:
    db = world.client.app.state.ctx.db  # type: ignore[attr-defined]
    with db.write() as conn:
        conn.execute(update(api_keys).where(api_keys.c.id == key_id).values(expires_at=when))


def listed(world: World, org: str, role: str, key_id: int) -> dict[str, Any]:
    keys = world.call("GET", "/keys", org, role).json()
    return dict(next(k for k in keys if k["id"] == key_id))


def days_from_now(stamp: str) -> float:
    return (datetime.fromisoformat(stamp) - datetime.now(UTC)) / timedelta(days=1)


def test_a_key_made_to_expire_says_when_and_lists_it(world: World) -> None:
    created = new_key(world, "alpha", "editor", expires_in_days=30)
    assert created.status_code == 201, created.text
    made = created.json()
    assert 29.99 < days_from_now(made["expires_at"]) <= 30
    shown = listed(world, "alpha", "editor", made["id"])
    assert shown["expires_at"] == made["expires_at"] and shown["expired"] is False
    bearer = {"Authorization": f"Bearer {made['key']}"}
    assert world.client.get(f"{API}/me", headers=bearer).status_code == 200
    entry = world.call("GET", "/audit?action=key.create", "alpha", "admin").json()["items"]
    # Only admins read the audit log: the editor's key is there, with its expiry.
    assert entry[0]["detail"] == {"name": "bot", "expires_at": made["expires_at"]}


def test_a_key_without_a_lifetime_never_expires(world: World) -> None:
    made = new_key(world, "alpha", "viewer").json()
    assert made["expires_at"] is None
    assert listed(world, "alpha", "viewer", made["id"])["expires_at"] is None
    assert listed(world, "alpha", "viewer", made["id"])["expired"] is False


@pytest.mark.parametrize("days", [0, -5, 3651, "soon"])
def test_a_lifetime_outside_1_to_3650_days_is_refused(world: World, days: Any) -> None:
    refused = new_key(world, "alpha", "viewer", expires_in_days=days)
    assert refused.status_code in (400, 422), refused.text


def test_an_expired_key_is_refused_saying_when_and_what_to_do(world: World) -> None:
    made = new_key(world, "beta", "reviewer", expires_in_days=1).json()
    expire(world, made["id"], "2025-03-01T10:00:00+00:00")
    bearer = {"Authorization": f"Bearer {made['key']}"}
    refused = world.client.get(f"{API}/me", headers=bearer)
    assert refused.status_code == 401
    error = refused.json()["error"]
    assert error["code"] == "unauthenticated"
    assert "expired on 2025-03-01" in error["message"]
    assert "POST /api/v1/keys" in error["message"]
    shown = listed(world, "beta", "reviewer", made["id"])
    assert shown["expired"] is True and shown["last_used_at"] is None  # refusals are no use
    # A wrong secret never learns that key's expiry: it is just not valid.
    wrong = world.client.get(f"{API}/me", headers={"X-API-Key": made["key"][:-2] + "xx"})
    assert wrong.status_code == 401 and "expired" not in wrong.json()["error"]["message"]


def test_a_key_is_refused_from_the_second_it_expires(world: World) -> None:
    made = new_key(world, "beta", "viewer", expires_in_days=1).json()
    expire(world, made["id"], now_iso(timedelta(seconds=-1)))
    assert world.client.get(f"{API}/me", headers={"X-API-Key": made["key"]}).status_code == 401
    expire(world, made["id"], now_iso(timedelta(seconds=30)))
    assert world.client.get(f"{API}/me", headers={"X-API-Key": made["key"]}).status_code == 200


# -- the organisation's longest lifetime ------------------------------------------------------


def test_an_admin_caps_the_lifetime_of_new_keys(world: World) -> None:
    assert world.call("GET", "/org", "alpha", "admin").json()["max_key_days"] is None
    refused = world.call("PUT", "/org/key-lifetime", "alpha", "editor", json={"max_key_days": 90})
    assert refused.status_code == 403
    for bad in (0, 3651):
        wrong = world.call("PUT", "/org/key-lifetime", "alpha", "admin", json={"max_key_days": bad})
        assert wrong.status_code in (400, 422), wrong.text
    done = world.call("PUT", "/org/key-lifetime", "alpha", "admin", json={"max_key_days": 90})
    assert done.status_code == 200 and done.json() == {"max_key_days": 90}
    assert world.call("GET", "/org", "alpha", "viewer").json()["max_key_days"] == 90
    latest = world.call("GET", "/audit?per_page=1", "alpha", "admin").json()["items"][0]
    assert latest["action"] == "org.max_key_days" and latest["detail"] == {"max_key_days": 90}

    too_long = new_key(world, "alpha", "viewer", expires_in_days=365)
    assert too_long.status_code == 400
    assert "90 days" in too_long.json()["error"]["message"]
    # Without a lifetime, a key gets the longest allowed one instead of none.
    capped = new_key(world, "alpha", "viewer").json()
    assert 89.99 < days_from_now(capped["expires_at"]) <= 90
    assert new_key(world, "alpha", "viewer", expires_in_days=30).status_code == 201
    assert new_key(world, "beta", "viewer").json()["expires_at"] is None  # another organisation

    lifted = world.call("PUT", "/org/key-lifetime", "alpha", "admin", json={"max_key_days": None})
    assert lifted.status_code == 200
    assert new_key(world, "alpha", "viewer").json()["expires_at"] is None


# -- migration 0012 ----------------------------------------------------------------------------


def test_migration_0012_keeps_existing_keys_working_without_expiry(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'old.db'}"
    old_store = SqliteStore(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    secret = "s" * 43
    with old_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0011")
        conn.execute(
            text(
                "INSERT INTO organisations (id, slug, name, created_at) "
                "VALUES (1, 'old-desk', 'Old Desk', 't')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO users (id, username, username_key, display_name, password_hash, "
                "org_id, role, active, created_at) VALUES (1, 'old', 'old', 'old', 'x', 1, "
                "'viewer', 1, 't')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO api_keys (id, user_id, name, secret_hash, created_at) "
                "VALUES (7, 1, 'old bot', :h, '2024-01-01T00:00:00+00:00')"
            ),
            {"h": accounts.digest(secret)},
        )
    old_store.close()
    migrate(db_url)

    settings = Settings(embedder="fake", data_dir=tmp_path, database_url=db_url)
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        with client.app.state.ctx.db.read() as conn:  # type: ignore[attr-defined]
            stored = conn.execute(select(api_keys.c.expires_at)).scalar_one_or_none()
        assert stored is None
        old_key = {"X-API-Key": f"tby_7_{secret}"}
        me = client.get(f"{API}/me", headers=old_key)
        assert me.status_code == 200 and me.json()["username"] == "old"
        assert client.get(f"{API}/org", headers=old_key).json()["max_key_days"] is None


def test_a_password_reset_counts_only_the_keys_that_still_work(world: World) -> None:
    from tabayyun.server import admin

    made = new_key(world, "beta", "editor", expires_in_days=1).json()
    expire(world, made["id"], "2025-03-01T10:00:00+00:00")
    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    done = admin.reset_password(ctx, "editor.beta", "a brand new passphrase")
    assert done["keys_kept"] == 1  # the fixture's key; the expired one works no more
