"""API keys on the organisation page: a lifetime picked when a key is made, its expiry in the
list (expired keys marked), and an admin's longest lifetime for the organisation's keys."""

from __future__ import annotations

import re

from sqlalchemy import update

from tabayyun.server.schema import api_keys

from .conftest import World, sign_in

_OPTION = re.compile(r'<option value="(\d*)"( selected)?>')


def lifetime_choices(page: str) -> tuple[list[str], str | None]:
    """The lifetimes the key form offers ('' is never) and the one selected."""
    form = page[page.index('id="new-key-form"') :]
    form = form[: form.index("</form>")]
    found = _OPTION.findall(form)
    return [value for value, _ in found], next((v for v, chosen in found if chosen), None)


def test_a_key_is_made_with_a_lifetime_and_its_expiry_is_listed(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    choices, chosen = lifetime_choices(client.get("/org").text)
    assert choices == ["30", "90", "365", ""] and chosen == "90"
    made = client.post(
        "/org/keys", data={"csrf_token": token, "name": "bot", "expires_in_days": "30"}
    )
    assert made.status_code == 201
    assert 'id="new-key"' in made.text and "It stops working on" in made.text
    key = next(k for k in web.call("GET", "/keys", "alpha", "editor").json() if k["name"] == "bot")
    assert key["expires_at"] is not None
    forever = client.post(
        "/org/keys", data={"csrf_token": token, "name": "ci", "expires_in_days": ""}
    )
    assert forever.status_code == 201 and "It never expires." in forever.text
    listed = web.call("GET", "/keys", "alpha", "editor").json()
    assert next(k for k in listed if k["name"] == "ci")["expires_at"] is None
    assert "<th>Expires</th>" in client.get("/org").text


def test_an_expired_key_is_marked_in_the_list(web: World) -> None:
    client = web.client
    token = sign_in(client, "beta", "viewer")
    client.post("/org/keys", data={"csrf_token": token, "name": "old bot", "expires_in_days": "30"})
    key_id = next(k["id"] for k in web.call("GET", "/keys", "beta", "viewer").json()
                  if k["name"] == "old bot")  # fmt: skip
    with web.client.app.state.ctx.db.write() as conn:  # type: ignore[attr-defined]
        conn.execute(
            update(api_keys)
            .where(api_keys.c.id == key_id)
            .values(expires_at="2025-03-01T10:00:00+00:00")
        )
    page = client.get("/org").text
    row = page[page.index("old bot") :]
    row = row[: row.index("</tr>")]
    assert 'class="status expired"' in row and "expired" in row
    client.cookies.set("lang", "ru")
    assert "истёк" in client.get("/org").text


def test_an_admin_sets_the_longest_key_lifetime(web: World) -> None:
    admin = web.client
    token = sign_in(admin, "alpha", "admin")
    assert 'id="key-lifetime"' in admin.get("/org").text
    saved = admin.post(
        "/org/key-lifetime",
        data={"csrf_token": token, "max_key_days": "٦٠"},  # Arabic-Indic digits: 60
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/org?done=key_lifetime_set#keys"
    assert web.call("GET", "/org", "alpha", "viewer").json()["max_key_days"] == 60
    choices, chosen = lifetime_choices(admin.get("/org").text)
    assert choices == ["30", "60"] and chosen == "60"  # no "never", nothing longer
    refused = admin.post(
        "/org/keys", data={"csrf_token": token, "name": "bot", "expires_in_days": "365"}
    )
    assert refused.status_code == 400 and "at most 60 days" in refused.text
    wrong = admin.post("/org/key-lifetime", data={"csrf_token": token, "max_key_days": "soon"})
    assert wrong.status_code == 400
    lifted = admin.post("/org/key-lifetime", data={"csrf_token": token, "max_key_days": ""})
    assert lifted.status_code == 200
    assert web.call("GET", "/org", "alpha", "viewer").json()["max_key_days"] is None


def test_only_admins_set_the_longest_key_lifetime(web: World) -> None:
    editor = web.client
    token = sign_in(editor, "alpha", "editor")
    assert 'id="key-lifetime"' not in editor.get("/org").text
    refused = editor.post("/org/key-lifetime", data={"csrf_token": token, "max_key_days": "30"})
    assert refused.status_code == 403
