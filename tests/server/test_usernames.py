"""Usernames are one account per canonical key: case, Unicode form and Arabic/Persian letter
variants do not make a second account, sign in either way, and names mixing scripts are refused."""

from __future__ import annotations

import importlib.util
import logging
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from tabayyun.config import Settings
from tabayyun.errors import InputError
from tabayyun.server import accounts, create_app
from tabayyun.server.schema import audit_log, users
from tabayyun.server.usernames import check_new_username, username_key
from tabayyun.storage import migrate
from tabayyun.storage.base import MIGRATIONS_DIR
from tabayyun.storage.sqlite import SqliteStore

from .conftest import PASSWORD, World, sample_text

API = "/api/v1"
PERSIAN_ALI, ARABIC_ALI = "علی", "علي"  # Persian yeh U+06CC, Arabic yeh U+064A
PERSIAN_KARIM, ARABIC_KARIM = "کریم", "كريم"  # keheh U+06A9 + Persian yeh, kaf U+0643 + Arabic yeh
NFC_JOSE = unicodedata.normalize("NFC", "josé")
NFD_JOSE = unicodedata.normalize("NFD", "josé")
CYRILLIC_ADMIN = "\u0430dmin"  # Cyrillic а, then Latin


def add_member(world: World, name: str, password: str = PASSWORD, org: str = "alpha") -> Any:
    return world.call(
        "POST",
        "/org/members",
        org,
        "admin",
        json={"username": name, "password": password, "role": "reviewer"},
    )


def login(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    return client.post(f"{API}/auth/login", json={"username": name, "password": password})


# -- the key and the rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ali", "ali"),
        ("ALI", "ali"),
        (PERSIAN_ALI, ARABIC_ALI),
        ("على", ARABIC_ALI),  # alef maksura
        (PERSIAN_KARIM, ARABIC_KARIM),
        (NFC_JOSE, NFD_JOSE),
        ("ａｄｍｉｎ", "admin"),  # fullwidth
        ("Straße", "STRASSE"),
        ("عـلـی", PERSIAN_ALI),  # tatweel
        ("ad\u200bmin", "admin"),  # zero-width space
        ("\u202eadmin", "admin"),  # right-to-left override
        ("علی\u200cرضا", "عليرضا"),  # ZWNJ
        ("عَلِي", ARABIC_ALI),  # harakat
        ("أحمد", "احمد"),
        ("فاطمة", "فاطمه"),
        ("Алёна", "алена"),
        ("desk۱۲", "desk12"),  # Persian digits
        ("desk١٢", "desk12"),  # Arabic-Indic digits
        (" ali ", "ali"),
    ],
)
def test_spellings_of_one_name_share_a_key(one: str, other: str) -> None:
    assert username_key(one) == username_key(other)


@pytest.mark.parametrize(
    ("one", "other"), [("ali", "alí"), ("admin", CYRILLIC_ADMIN), ("ali", "ali2"), ("علی", "عل")]
)
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert username_key(one) != username_key(other)


def test_any_text_has_a_key() -> None:
    # Sign-in computes the key from whatever was typed, lone surrogates from JSON included.
    assert username_key("\ud800ali") != username_key("ali")
    assert username_key("") == ""


@pytest.mark.parametrize(
    "name",
    [
        "editor@beirut-desk",
        "john.smith_2",
        PERSIAN_ALI,
        "علی‌رضا",  # Persian, with ZWNJ
        "عـلـی۱۲",  # tatweel, Persian digits
        "Алёна-7",
        NFD_JOSE,
        "東京タワー",  # Han with kana is how Japanese is written
        "Straße",
    ],
)
def test_names_in_one_script_are_accepted(name: str) -> None:
    assert check_new_username(name) == username_key(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (CYRILLIC_ADMIN, "mixes Latin and Cyrillic letters (Cyrillic: 'а' U+0430)"),
        ("ali_علی", "mixes Latin and Arabic letters"),
        ("adـmin", "mixes Latin and Arabic letters"),  # a tatweel is Arabic
        ("pаypal", "mixes Latin and Cyrillic"),
        ("aµ", "mixes Latin and Greek"),  # the micro sign is a Greek mu
    ],
)
def test_names_mixing_scripts_are_refused_saying_what_to_do(name: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        check_new_username(name)
    said = str(refused.value)
    assert message in said
    assert "write it in one script" in said and "digits and . @ _ - go with any script" in said


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ad\u202emin", "invisible or text-direction character (U+202E); type the name again"),
        ("ad\u200bmin", "invisible or text-direction character (U+200B)"),
        ("ad\u200cmin", "only names in Arabic script may use"),
        ("\u3164\u3164", "invisible"),  # Hangul filler
        ("ad min", "remove ' ' (U+0020)"),
        ("عَلي", "remove"),  # harakat: type the name without them
        ("a", "must be 2-64 letters, digits or . @ _ - characters"),
        ("x" * 65, "must be 2-64"),
        ("ꓮꓓꓟꓲꓠ", "letters of a script that usernames do not accept"),  # Lisu look-alike
    ],
)
def test_other_unacceptable_names_say_what_to_change(name: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        check_new_username(name)
    assert message in str(refused.value)


# -- through the API ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Newcomer", "newcomer"),
        ("newcomer", "NEWCOMER"),
        (PERSIAN_ALI, ARABIC_ALI),
        (ARABIC_KARIM, PERSIAN_KARIM),
        (NFC_JOSE, NFD_JOSE),
    ],
)
def test_a_second_spelling_of_a_name_is_no_second_account(
    world: World, first: str, second: str
) -> None:
    assert add_member(world, first).status_code == 201
    refused = add_member(world, second, org="beta")  # usernames are unique across organisations
    assert refused.status_code == 409, refused.text
    assert "reads the same as an existing one" in refused.json()["error"]["message"]
    exact = add_member(world, first, org="beta")
    assert exact.status_code == 409 and "is taken; pick another" in exact.text


def test_an_existing_user_is_no_second_account_by_case(world: World) -> None:
    assert add_member(world, "Viewer.Alpha").status_code == 409


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (PERSIAN_ALI, ARABIC_ALI),
        (ARABIC_KARIM, PERSIAN_KARIM),
        ("Newcomer", "NEWCOMER"),
        (NFD_JOSE, NFC_JOSE),
        ("newcomer", " newcomer "),
    ],
)
def test_sign_in_with_another_spelling_reaches_the_account(
    world: World, stored: str, typed: str
) -> None:
    made = add_member(world, stored)
    assert made.status_code == 201, made.text
    signed_in = login(world.client, typed)
    assert signed_in.status_code == 200, signed_in.text
    me = world.client.get(f"{API}/me").json()
    assert me["id"] == made.json()["id"]
    assert me["username"] == stored  # shown as typed when the account was made


def test_mixed_script_member_is_refused_with_the_reason(world: World) -> None:
    refused = add_member(world, CYRILLIC_ADMIN)
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "invalid_input"
    assert "mixes Latin and Cyrillic letters" in error["message"]
    assert "write it in one script" in error["message"]


def test_failed_sign_ins_count_together_across_spellings(world: World) -> None:
    for typed in (
        "Viewer.Alpha",
        "VIEWER.ALPHA",
        " viewer.alpha",
        "viewer.alpha\u200b",
        "ｖｉｅｗｅｒ.alpha",
    ):
        failed = login(world.client, typed, "wrong password!")
        assert failed.status_code == 401, failed.text
    limited = login(world.client, "viewer.alpha")  # the right password, the exact name
    assert limited.status_code == 429
    assert login(world.client, "viewer.beta").status_code == 200


def test_claims_are_assigned_by_any_spelling_of_a_member(world: World) -> None:
    made = world.call("POST", "/articles", "alpha", "editor", json={"text": sample_text("en")})
    claim_id = world.call("GET", f"/articles/{made.json()['id']}", "alpha", "viewer").json()[
        "claims"
    ][0]["id"]
    assigned = world.call(
        "POST",
        f"/claims/{claim_id}/assign",
        "alpha",
        "editor",
        json={"assignee": "REVIEWER.Alpha"},
    )
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["assignee"] == "reviewer.alpha"
    # A reviewer taking a claim under another spelling of their own name takes it themself.
    taken = world.call(
        "POST",
        f"/claims/{claim_id}/assign",
        "alpha",
        "reviewer",
        json={"assignee": "Reviewer.Alpha"},
    )
    assert taken.status_code == 200, taken.text


# -- migration 0010 over existing users ---------------------------------------------------------

# (id, organisation, username as stored before 0010), in the order they were made.
OLD_USERS = [
    (1, 1, "Ali"),
    (2, 2, "ali"),  # collides with 1
    (3, 1, PERSIAN_ALI),
    (4, 2, ARABIC_ALI),  # collides with 3
    (5, 1, NFC_JOSE),
    (6, 1, NFD_JOSE),  # collides with 5
    (7, 1, "admin"),
    (8, 2, CYRILLIC_ADMIN),  # a look-alike of 7: reported
    (9, 1, "ALI"),  # collides with 1 too: two NULL keys
    (10, 2, "Zahra"),
]


def password_of(user_id: int) -> str:
    return f"password of user {user_id}"


def test_migration_0010_keys_existing_users_and_keeps_colliding_ones(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db_url = f"sqlite:///{tmp_path / 'old.db'}"
    old_store = SqliteStore(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with old_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0009")
        for org_id, slug in ((1, "alpha-desk"), (2, "beta-desk")):
            conn.execute(
                text(
                    "INSERT INTO organisations (id, slug, name, created_at) "
                    "VALUES (:i, :s, :s, 't')"
                ),
                {"i": org_id, "s": slug},
            )
        for user_id, org_id, name in OLD_USERS:
            conn.execute(
                text(
                    "INSERT INTO users (id, username, display_name, password_hash, org_id, role, "
                    "active, created_at) VALUES (:i, :u, :u, :h, :o, 'admin', 1, 't')"
                ),
                {
                    "i": user_id,
                    "u": name,
                    "h": accounts._hasher.hash(password_of(user_id)),
                    "o": org_id,
                },
            )
    old_store.close()

    with caplog.at_level(logging.WARNING, logger="tabayyun.migrations"):
        migrate(db_url)

    settings = Settings(embedder="fake", data_dir=tmp_path, database_url=db_url)
    app = create_app(settings)
    with app.state.ctx.db.read() as conn:
        keys = dict(conn.execute(select(users.c.id, users.c.username_key)).all())
        reports = conn.execute(
            select(
                audit_log.c.org_id, audit_log.c.action, audit_log.c.target, audit_log.c.detail
            ).order_by(audit_log.c.id)
        ).all()
    # Everyone is kept; the older of two colliding users keeps the key, the later one has none.
    assert keys == {
        1: "ali",
        2: None,
        3: username_key(PERSIAN_ALI),
        4: None,
        5: NFC_JOSE,
        6: None,
        7: "admin",
        8: CYRILLIC_ADMIN,
        9: None,
        10: "zahra",
    }
    collisions = {
        (r.org_id, r.target, r.detail["same_as_user_id"])
        for r in reports
        if r.action == "member.username_collision"
    }
    assert collisions == {(2, "user:2", 1), (2, "user:4", 3), (1, "user:6", 5), (1, "user:9", 1)}
    mixed = [
        (r.org_id, r.target, r.detail)
        for r in reports
        if r.action == "member.username_mixed_scripts"
    ]
    assert mixed == [(2, "user:8", {"username": CYRILLIC_ADMIN, "scripts": ["CYRILLIC", "LATIN"]})]
    assert "reads the same as the older user 1" in caplog.text

    with TestClient(app, base_url="https://testserver") as client:

        def signs_in_as(typed: str, user_id: int) -> None:
            response = login(client, typed, password_of(user_id))
            assert response.status_code == 200, (typed, response.text)
            assert client.get(f"{API}/me").json()["id"] == user_id
            client.cookies.clear()

        # Every account still signs in by its exact name; other spellings reach the keyed one.
        for user_id, _, name in OLD_USERS:
            signs_in_as(name, user_id)
        signs_in_as("aLi", 1)
        signs_in_as("على", 3)  # alef maksura: a spelling neither stored name has
        signs_in_as(unicodedata.normalize("NFD", "JOSÉ"), 5)
        assert login(client, "aLi", password_of(2)).status_code == 401
        # New accounts cannot take any spelling of a collided name.
        with app.state.ctx.db.write() as conn, pytest.raises(Exception, match="is taken"):
            accounts.create_user(conn, username="ALI", password=PASSWORD, org_id=1, role="viewer")


def test_migration_0010_computes_the_key_the_server_does() -> None:
    """The migration keeps a frozen copy of `username_key`; today they agree."""
    path = MIGRATIONS_DIR / "versions" / "0010_username_key.py"
    spec = importlib.util.spec_from_file_location("migration_0010", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in (
        "Ali", PERSIAN_ALI, ARABIC_KARIM, NFD_JOSE, "ａｄｍｉｎ", "Straße", "عـلـی‌رضا۱۲", "أحمد",
        "فاطمة", "Алёна", "\u202eadmin", "ΣΊΣΥΦΟΣ", "İstanbul", "\ud800x",
    ):  # fmt: skip
        assert module._key(name) == username_key(name), name
