"""The web UI signs in and adds members by the same username rules as the API."""

from __future__ import annotations

from .conftest import PASSWORD, World, login_token_of, sign_in


def test_sign_in_form_takes_another_spelling_of_the_name(web: World) -> None:
    client = web.client
    response = client.post(
        "/login",
        data={
            "username": "VIEWER.Alpha",
            "password": PASSWORD,
            "next": "/",
            "login_token": login_token_of(client.get("/login").text),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert "viewer.alpha" in client.get("/").text  # the name as it was made


def test_member_form_refuses_a_name_mixing_scripts_or_a_variant_of_a_member(web: World) -> None:
    admin = web.client
    token = sign_in(admin, "alpha", "admin")
    form = {"csrf_token": token, "password": "long enough pw", "role": "reviewer"}
    mixed = admin.post("/org/members", data={**form, "username": "\u0430dmin"})  # Cyrillic а
    assert mixed.status_code == 400
    assert "mixes Latin and Cyrillic letters" in mixed.text
    assert "write it in one script" in mixed.text
    variant = admin.post("/org/members", data={**form, "username": "Reviewer.ALPHA"})
    assert variant.status_code == 409
    assert "reads the same as an existing one" in variant.text
    members = web.call("GET", "/org", "alpha", "admin").json()["members"]
    assert {m["username"] for m in members} == {
        f"{r}.alpha" for r in ("admin", "editor", "reviewer", "viewer")
    }
