"""Setting up a real server from the command line: organisations, the first admin, password
resets, listing and deactivating users, and the warning of a server that has no users yet.

Passwords come from a hidden prompt with confirmation or, with --password-stdin, from standard
input; never from an argument, which would land in the shell history and in `ps`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from tabayyun.cli import app
from tabayyun.config import Settings
from tabayyun.server import create_app
from tabayyun.server.db import Database
from tabayyun.server.schema import audit_log, users

runner = CliRunner()
API = "/api/v1"
SECRET = "a long sysadmin password"
OTHER_SECRET = "another long password"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.db'}"


def cli(db: str, *args: str, input: str | None = None) -> Any:
    return runner.invoke(app, [*args, "--db", db], input=input)


def ok(db: str, *args: str, input: str | None = None) -> Any:
    result = cli(db, *args, input=input)
    assert result.exit_code == 0, result.output
    return result


def refused(db: str, *args: str, input: str | None = None) -> str:
    """The one error line of a refused command (exit status 2)."""
    result = cli(db, *args, input=input)
    assert result.exit_code == 2, result.output
    return str(result.output)


def add_user(db: str, name: str, org: str, role: str, password: str = SECRET) -> Any:
    return ok(db, "user", "add", name, "--org", org, "--role", role, input=f"{password}\n" * 2)


@pytest.fixture
def server(db: str, tmp_path: Path) -> Iterator[TestClient]:
    """The app over the same database file, as `tabayyun serve --db` would run it."""
    settings = Settings(embedder="fake", data_dir=tmp_path, database_url=db)
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client


def sign_in(client: TestClient, name: str, password: str) -> Any:
    return client.post(f"{API}/auth/login", json={"username": name, "password": password})


def audit_entries(db: str) -> list[dict[str, Any]]:
    database = Database(db)
    try:
        with database.read() as conn:
            rows = conn.execute(select(audit_log).order_by(audit_log.c.id))
            return [dict(r._mapping) for r in rows]
    finally:
        database.close()


def stored_users(db: str) -> list[dict[str, Any]]:
    database = Database(db)
    try:
        with database.read() as conn:
            return [dict(r._mapping) for r in conn.execute(select(users).order_by(users.c.id))]
    finally:
        database.close()


def test_a_fresh_server_gets_an_organisation_and_its_first_admin(
    db: str, server: TestClient
) -> None:
    made = ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    assert "kyiv-desk" in made.output
    added = cli(db, "user", "add", "chief", "--org", "kyiv-desk", "--role", "admin",
                "--display-name", "Chief Editor", input=f"{SECRET}\n{SECRET}\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert SECRET not in added.output  # the prompt is hidden
    assert "Password" in added.output and "chief" in added.output
    signed_in = sign_in(server, "chief", SECRET)
    assert signed_in.status_code == 200, signed_in.text
    me = signed_in.json()["user"]
    assert me["role"] == "admin" and me["organisation"]["slug"] == "kyiv-desk"
    assert stored_users(db)[0]["display_name"] == "Chief Editor"
    listed = ok(db, "org", "list")
    assert "kyiv-desk" in listed.output and "Kyiv Fact Desk" in listed.output


def test_cli_writes_leave_audit_entries_without_an_actor(db: str) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    ok(db, "user", "passwd", "chief", input=f"{OTHER_SECRET}\n" * 2)
    ok(db, "user", "deactivate", "chief")
    entries = audit_entries(db)
    assert [e["action"] for e in entries] == [
        "org.create",
        "member.add",
        "member.password_reset",
        "member.update",
    ]
    org_id = entries[0]["org_id"]
    user_id = stored_users(db)[0]["id"]
    assert entries[0]["target"] == f"org:{org_id}"
    for entry in entries:
        assert entry["user_id"] is None and entry["username"] is None  # no signed-in actor
        assert entry["org_id"] == org_id  # so the organisation's admins see it in their log
        assert entry["detail"]["via"] == "cli"
    assert entries[1]["detail"]["role"] == "admin" and entries[1]["target"] == f"user:{user_id}"
    assert entries[3]["detail"]["active"] is False
    for secret in (SECRET, OTHER_SECRET):
        assert secret not in repr(entries)


def test_the_cli_admin_shows_in_the_organisations_audit_log(db: str, server: TestClient) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    sign_in(server, "chief", SECRET)
    log = server.get(f"{API}/audit?per_page=100").json()["items"]
    assert {"org.create", "member.add"} <= {e["action"] for e in log}


def test_password_from_standard_input_for_scripts(db: str, server: TestClient) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    result = ok(db, "user", "add", "bot.editor", "--org", "kyiv-desk", "--role", "editor",
                "--password-stdin", input=f"{SECRET}\n")  # fmt: skip
    assert "Password" not in result.output and SECRET not in result.output
    assert sign_in(server, "bot.editor", SECRET).status_code == 200  # the newline is not in it
    ok(db, "user", "passwd", "bot.editor", "--password-stdin", input=OTHER_SECRET)
    assert sign_in(server, "bot.editor", OTHER_SECRET).status_code == 200


@pytest.mark.parametrize(
    "extra",
    [["--password", SECRET], [f"--password={SECRET}"], ["-p", SECRET], [SECRET]],
    ids=["--password", "--password=", "-p", "argument"],
)
def test_a_password_on_the_command_line_is_refused(db: str, extra: list[str]) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    result = cli(db, "user", "add", "chief", "--org", "kyiv-desk", "--role", "admin", *extra,
                 input=f"{SECRET}\n" * 2)  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "No such option" in result.output or "unexpected extra argument" in result.output
    assert stored_users(db) == []
    add_user(db, "chief", "kyiv-desk", "admin")
    result = cli(db, "user", "passwd", "chief", *extra, input=f"{OTHER_SECRET}\n" * 2)
    assert result.exit_code == 2, result.output


def test_the_prompt_asks_again_when_the_two_passwords_differ(db: str, server: TestClient) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    result = ok(db, "user", "add", "chief", "--org", "kyiv-desk", "--role", "admin",
                input=f"{SECRET}\n{OTHER_SECRET}\n{OTHER_SECRET}\n{OTHER_SECRET}\n")  # fmt: skip
    assert "do not match" in result.output
    assert sign_in(server, "chief", OTHER_SECRET).status_code == 200


def test_a_short_password_is_refused_with_the_rule(db: str) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    message = refused(db, "user", "add", "chief", "--org", "kyiv-desk", "--role", "admin",
                      input="short\nshort\n")  # fmt: skip
    assert "at least 10 characters" in message
    message = refused(db, "user", "add", "chief", "--org", "kyiv-desk", "--role", "admin",
                      "--password-stdin", input="")  # fmt: skip
    assert "at least 10 characters" in message
    assert stored_users(db) == []


def test_a_taken_organisation_id_is_refused(db: str) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    message = refused(db, "org", "create", "kyiv-desk", "--name", "Another Desk")
    assert "exists already" in message and "tabayyun org list" in message
    message = refused(db, "org", "create", "Kyiv Desk!", "--name", "Kyiv")
    assert "lower-case letters, digits or hyphens" in message
    assert "--name" in refused(db, "org", "create", "lviv-desk", "--name", " ")
    listed = ok(db, "org", "list").output
    assert "Another Desk" not in listed and "lviv-desk" not in listed


def test_an_unknown_organisation_is_named_before_any_password_is_asked(db: str) -> None:
    message = refused(db, "user", "add", "chief", "--org", "nowhere", "--role", "admin")
    assert "no organisation 'nowhere'" in message
    assert "tabayyun org create" in message and "tabayyun org list" in message
    assert "Password" not in message
    assert "no organisation 'nowhere'" in refused(db, "user", "list", "--org", "nowhere")


def test_a_bad_role_is_refused_with_the_roles(db: str) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    message = refused(db, "user", "add", "chief", "--org", "kyiv-desk", "--role", "boss")
    assert "admin, editor, reviewer, viewer" in message and "Password" not in message
    assert stored_users(db) == []


def test_a_taken_or_unacceptable_username_is_refused_before_the_password(db: str) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    message = refused(db, "user", "add", "CHIEF", "--org", "kyiv-desk", "--role", "viewer")
    assert "taken" in message and "Password" not in message
    message = refused(db, "user", "add", "chi ef", "--org", "kyiv-desk", "--role", "viewer")
    assert "username 'chi ef'" in message
    assert len(stored_users(db)) == 1


def test_a_reset_password_ends_the_users_sessions(db: str, server: TestClient) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    assert sign_in(server, "chief", SECRET).status_code == 200
    assert server.get(f"{API}/me").status_code == 200
    result = ok(db, "user", "passwd", "Chief", input=f"{OTHER_SECRET}\n" * 2)  # any spelling
    assert OTHER_SECRET not in result.output
    assert "1 session ended" in result.output
    assert server.get(f"{API}/me").status_code == 401  # the browser signed in before is out
    assert sign_in(server, "chief", SECRET).status_code == 401
    assert sign_in(server, "chief", OTHER_SECRET).status_code == 200


def test_a_reset_can_revoke_the_users_api_keys(db: str, server: TestClient) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    csrf = sign_in(server, "chief", SECRET).json()["csrf_token"]
    key = server.post(f"{API}/keys", json={"name": "bot"}, headers={"X-CSRF-Token": csrf})
    bearer = {"Authorization": f"Bearer {key.json()['key']}"}
    kept = ok(db, "user", "passwd", "chief", input=f"{OTHER_SECRET}\n" * 2)
    assert "1 API key still works" in kept.output and "--revoke-keys" in kept.output
    assert server.get(f"{API}/me", headers=bearer).status_code == 200
    revoked = ok(db, "user", "passwd", "chief", "--revoke-keys", input=f"{SECRET}\n" * 2)
    assert "1 API key revoked" in revoked.output
    assert server.get(f"{API}/me", headers=bearer).status_code == 401
    assert audit_entries(db)[-1]["detail"]["keys_revoked"] == 1


def test_passwd_names_an_unknown_user_before_asking(db: str) -> None:
    message = refused(db, "user", "passwd", "nobody")
    assert "no user 'nobody'" in message and "tabayyun user list" in message
    assert "Password" not in message
    assert "no user 'nobody'" in refused(db, "user", "deactivate", "nobody")


def test_users_are_listed_per_organisation(db: str) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    ok(db, "org", "create", "tbilisi-desk", "--name", "Tbilisi Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    add_user(db, "reader", "tbilisi-desk", "viewer")
    everyone = ok(db, "user", "list").output
    assert "chief" in everyone and "reader" in everyone and "tbilisi-desk" in everyone
    kyiv = ok(db, "user", "list", "--org", "kyiv-desk").output
    assert "chief" in kyiv and "admin" in kyiv and "reader" not in kyiv
    assert SECRET not in everyone and "argon2" not in everyone
    orgs = ok(db, "org", "list").output
    assert "kyiv-desk" in orgs and "tbilisi-desk" in orgs


def test_deactivation_ends_sessions_and_sign_in(db: str, server: TestClient) -> None:
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    add_user(db, "reader", "kyiv-desk", "viewer")
    assert sign_in(server, "reader", SECRET).status_code == 200
    result = ok(db, "user", "deactivate", "reader")
    assert "1 session ended" in result.output
    assert server.get(f"{API}/me").status_code == 401
    assert sign_in(server, "reader", SECRET).status_code == 401
    assert [u["active"] for u in stored_users(db)] == [True, False]
    lines = ok(db, "user", "list").output.splitlines()
    assert "deactivated" in next(line for line in lines if "reader" in line)
    assert "deactivated" not in next(line for line in lines if "chief" in line)


def test_serve_warns_when_the_server_has_no_users(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda application, **kw: started.append(kw))
    fresh = ok(db, "serve")
    assert started, fresh.output
    assert "no users yet" in fresh.output
    assert "tabayyun org create" in fresh.output and "tabayyun user add" in fresh.output
    ok(db, "org", "create", "kyiv-desk", "--name", "Kyiv Fact Desk")
    add_user(db, "chief", "kyiv-desk", "admin")
    assert "no users yet" not in ok(db, "serve").output


def test_adding_a_user_hashes_the_password_before_taking_the_write_lock(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tabayyun.server import accounts, admin
    from tabayyun.server.services import ServerContext

    ctx = ServerContext.open(Settings(embedder="fake", data_dir=tmp_path, database_url=db))
    try:
        admin.create_organisation(ctx, "kyiv-desk", "Kyiv Fact Desk")
        checked: list[str] = []
        hashed_under_lock: list[bool] = []
        rule, hasher = accounts.check_password_rule, accounts._hasher

        class Watched:
            def hash(self, password: str) -> str:
                hashed_under_lock.append(ctx.db._write_lock.locked())
                return hasher.hash(password)

        monkeypatch.setattr(accounts, "check_password_rule", lambda p: checked.append(p) or rule(p))
        monkeypatch.setattr(accounts, "_hasher", Watched())
        admin.add_user(ctx, username="chief", password=SECRET, org="kyiv-desk", role="admin")
    finally:
        ctx.close()
    assert hashed_under_lock == [False]  # argon2 takes ~100 ms: not while holding the writer
    assert checked == [SECRET]  # the rule is checked once
    assert stored_users(db)[0]["username"] == "chief"
