"""The REST API in-process on real SQLite: errors, OpenAPI, sharing, sessions, keys, review."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import update

from tabayyun.server.errors import STATUS
from tabayyun.server.routes import ROUTERS
from tabayyun.server.schema import claims as claims_table

from .conftest import PASSWORD, World, sample_text

API = "/api/v1"


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def login(world: World, user: str, password: str = PASSWORD) -> Any:
    return world.client.post(f"{API}/auth/login", json={"username": user, "password": password})


def new_factcheck(world: World, org: str, claim: str, visibility: str, slug: str = "") -> int:
    response = world.call(
        "POST",
        "/factchecks",
        org,
        "admin",
        json={
            "claim_reviewed": claim,
            "lang": "en",
            "visibility": visibility,
            "url": f"https://{org}.example.org/{visibility}{slug}",
            "rating": {"alternate_name": "False"},
        },
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


# -- one error shape -------------------------------------------------------------------------


def test_every_error_has_one_shape(world: World) -> None:
    client = world.client
    assert_error(client.get(f"{API}/no-such-route"), 404, "not_found")
    assert_error(client.get(f"{API}/me"), 401, "unauthenticated")
    assert_error(world.call("GET", "/audit", "alpha", "viewer"), 403, "forbidden")
    assert_error(world.call("GET", "/claims/999", "alpha", "viewer"), 404, "not_found")
    invalid = assert_error(
        world.call("POST", "/factchecks", "alpha", "editor", json={"visibility": "secret"}),
        422,
        "validation_error",
    )
    assert invalid["details"][0]["loc"] == ["body", "visibility"]
    assert_error(
        world.call("GET", "/articles?per_page=0", "alpha", "viewer"), 422, "validation_error"
    )
    assert_error(world.call("DELETE", "/me", "alpha", "viewer"), 405, "method_not_allowed")
    assert_error(  # nothing to match against yet
        world.call("POST", "/match", "alpha", "viewer", json={"text": "Bridges collapsed"}),
        400,
        "invalid_input",
    )
    assert_error(
        world.call("POST", "/analyze", "alpha", "viewer", json={"url": "http://127.0.0.1/x"}),
        400,
        "blocked_address",
    )
    assert_error(world.call("POST", "/analyze", "alpha", "viewer", json={}), 400, "invalid_input")


@pytest.mark.parametrize(
    "url", ["/etc/passwd", "file:///etc/passwd", "README.md", "ftp://example.org/a", "http:///x"]
)
def test_the_server_reads_no_local_files_through_the_url_field(world: World, url: str) -> None:
    """The loader reads paths for the CLI; through the API that handed out the server's files."""
    for path in ("/analyze", "/articles"):
        error = assert_error(
            world.call("POST", path, "alpha", "editor", json={"url": url}), 400, "invalid_input"
        )
        assert "only http(s) URLs" in error["message"]
    assert world.call("GET", "/articles", "alpha", "viewer").json()["items"] == []


def test_other_languages_are_stored_and_too_long_texts_refused(world: World) -> None:
    german = "Die Regierung kündigte an, dass die Preise um 40 Prozent steigen werden."
    stored = world.call("POST", "/articles", "alpha", "editor", json={"text": german})
    assert stored.status_code == 201, stored.text
    analysed = world.call("POST", "/analyze", "alpha", "viewer", json={"text": "x"}).json()
    assert analysed["lang"] == "und" and analysed["statements"] == []
    limit = world.settings.max_article_chars
    too_long = assert_error(
        world.call("POST", "/articles", "alpha", "editor", json={"text": "Word. " * limit}),
        413,
        "input_too_large",
    )
    assert "TABAYYUN_MAX_ARTICLE_CHARS" in too_long["message"]


def test_status_table_covers_the_server_errors() -> None:
    from tabayyun.server import errors

    server_errors = {
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type)
        and issubclass(obj, errors.ServerError)
        and obj is not errors.ServerError
    }
    assert server_errors <= set(STATUS)


def test_openapi_documents_every_route(world: World) -> None:
    spec = world.client.get(f"{API}/openapi.json").json()
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 30
    for route in routes:
        assert route.summary and route.tags, route.path
        for method in route.methods:
            operation = spec["paths"][API + route.path][method.lower()]
            assert operation["summary"] == route.summary and operation["tags"]
    for path in (
        "/api/v1/auth/login",
        "/api/v1/claims/{claim_id}/assign",
        "/api/v1/factchecks/export",
        "/api/v1/match",
        "/api/v1/audit",
    ):
        assert path in spec["paths"]


@pytest.mark.parametrize(
    ("lang", "claim", "query"),
    [("fa", "ذخایر سدهای مشهد به صفر رسیده است", "ذخایر سدهای"),
     ("fa", "ذخایر سدهای مشهد به صفر رسیده است", "ذخاير سدهاي"),
     ("ar", "كل مواقع الأخبار الأجنبية ستغلق", "الاخبار الاجنبیه"),
     ("ru", "Все ёлки в парке вырубили", "ЁЛКИ"),
     ("en", "Prices rose 40% in a week", "40%")],
)  # fmt: skip
def test_registry_search_finds_a_claim_however_the_query_spells_its_letters(
    world: World, lang: str, claim: str, query: str
) -> None:
    """Persian keeps ی/ک where Arabic has ي/ك; with no language filter either spelling finds
    the claim, as it finds the article (the full-text search)."""
    body = {
        "claim_reviewed": claim,
        "lang": lang,
        "visibility": "private",
        "url": f"https://alpha.example.org/{lang}",
        "rating": {"alternate_name": "False"},
    }
    created = world.call("POST", "/factchecks", "alpha", "admin", json=body)
    assert created.status_code == 201, created.text
    for params in ({"q": query}, {"q": query, "lang": lang}):
        found = world.call("GET", "/factchecks/search", "alpha", "viewer", params=params).json()
        assert [fc["id"] for fc in found["items"]] == [created.json()["id"]], params
    for spelled in (lang.upper(), f"{lang}-IR", f"{lang}_RU"):  # as users and feeds write it
        params = {"q": query, "lang": spelled}
        found = world.call("GET", "/factchecks/search", "alpha", "viewer", params=params).json()
        assert [fc["id"] for fc in found["items"]] == [created.json()["id"]], params
    other = "en" if lang != "en" else "ru"
    none = world.call(
        "GET", "/factchecks/search", "alpha", "viewer", params={"q": query, "lang": other}
    )
    assert none.json()["total"] == 0


@pytest.mark.parametrize(
    ("written", "query"),
    [("او می خواهد به تهران برود", "می\u200cخواهد"),
     ("او می\u200cخواهد به تهران برود", "می خواهد"),
     ("کتاب ها در نمایشگاه بین المللی", "کتاب\u200cها بین\u200cالمللی"),
     ("کتاب\u200cها در نمایشگاه بین\u200cالمللی", "کتاب ها بین المللی"),
     ("پروژه هسته ای ایران", "هسته\u200cای"),
     ("پروژه هسته\u200cای ایران", "هستهای"),
     ("پروژه هستهای ایران", "هسته ای")],
)  # fmt: skip
def test_registry_search_finds_persian_words_written_with_a_zwnj_a_space_or_joined(
    world: World, written: str, query: str
) -> None:
    """Persian writers join a word's parts with a ZWNJ, a space or nothing: a query typed one
    way finds a claim written another, as the article search does."""
    body = {
        "claim_reviewed": written,
        "lang": "fa",
        "visibility": "private",
        "url": "https://alpha.example.org/fa-zwnj",
        "rating": {"alternate_name": "False"},
    }
    created = world.call("POST", "/factchecks", "alpha", "admin", json=body)
    assert created.status_code == 201, created.text
    other = {
        **body,
        "claim_reviewed": "ذخایر سدهای مشهد کم شد",
        "url": "https://alpha.example.org/x",
    }
    assert world.call("POST", "/factchecks", "alpha", "admin", json=other).status_code == 201
    for params in ({"q": query}, {"q": query, "lang": "fa"}):
        found = world.call("GET", "/factchecks/search", "alpha", "viewer", params=params).json()
        assert [fc["id"] for fc in found["items"]] == [created.json()["id"]], params


# -- visibility across organisations ---------------------------------------------------------


def test_private_and_shared_factchecks_stay_with_their_audience(world: World) -> None:
    private = new_factcheck(world, "alpha", "Alpha private claim about bridges", "private")
    shared = new_factcheck(world, "alpha", "Alpha shared claim about bridges", "shared")
    public = new_factcheck(world, "alpha", "Alpha public claim about bridges", "public")

    def seen_by_beta() -> set[int]:
        listed = world.call("GET", "/factchecks", "beta", "viewer").json()["items"]
        found = world.call("GET", "/factchecks/search?q=bridges", "beta", "viewer").json()
        ids = {fc["id"] for fc in listed}
        assert ids == {fc["id"] for fc in found["items"]} and found["total"] == len(ids)
        for fmt in ("jsonld", "datafeed"):
            exported = world.call("GET", f"/factchecks/export?format={fmt}", "beta", "viewer")
            text = exported.text
            assert ("Alpha private" in text) == (private in ids)
            assert ("Alpha shared" in text) == (shared in ids)
        for fc_id in (private, shared, public):
            status = world.call("GET", f"/factchecks/{fc_id}", "beta", "viewer").status_code
            assert status == (200 if fc_id in ids else 404)
        return ids

    assert seen_by_beta() == {public}
    assert world.call("PUT", "/org/partners/beta-desk", "alpha", "admin").status_code == 204
    assert seen_by_beta() == {public, shared}
    alpha = world.call("GET", "/factchecks", "alpha", "viewer").json()
    assert {fc["id"] for fc in alpha["items"]} == {private, shared, public}
    # Beta can neither change alpha's fact-check nor take it over by importing its URL.
    assert_error(
        world.call(
            "PATCH", f"/factchecks/{shared}", "beta", "admin", json={"claim_reviewed": "hijacked"}
        ),
        409,
        "conflict",
    )
    payload = (
        '{"@type": "ClaimReview", "url": "https://alpha.example.org/private", '
        '"claimReviewed": "hijacked", "reviewRating": {"alternateName": "True"}}'
    )
    imported = world.call(
        "POST",
        "/factchecks/import",
        "beta",
        "admin",
        files={"file": ("x.json", payload, "application/json")},
    ).json()
    assert imported["refused"] == 1 and imported["added"] == 0
    assert (
        world.call("GET", f"/factchecks/{private}", "alpha", "viewer").json()["claim_reviewed"]
        == "Alpha private claim about bridges"
    )


def test_match_sees_only_the_fact_checks_of_its_audience(world: World) -> None:
    new_factcheck(world, "alpha", "Alpha private claim: every bridge collapsed", "private")
    new_factcheck(world, "alpha", "A public claim about cheap bread prices", "public")

    def matched(org: str) -> list[str]:
        body = {"text": "every bridge collapsed"}
        response = world.call("POST", "/match", org, "viewer", json=body)
        assert response.status_code == 200, response.text
        return [m["claim"] for m in response.json()["matches"]]

    assert matched("alpha")[0] == "Alpha private claim: every bridge collapsed"
    assert "Alpha private claim: every bridge collapsed" not in matched("beta")


def test_match_returns_as_many_fact_checks_as_asked(world: World) -> None:
    for n in range(4):
        new_factcheck(
            world, "alpha", f"Bridge number {n} collapsed in the flood", "public", f"/{n}"
        )

    def matched(**extra: Any) -> Any:
        body = {"text": "a bridge collapsed in the flood", **extra}
        return world.call("POST", "/match", "alpha", "viewer", json=body)

    assert len(matched().json()["matches"]) == 4
    assert len(matched(limit=2).json()["matches"]) == 2
    assert matched(limit=0).status_code == 422
    assert matched(limit=51).status_code == 422


def test_match_says_why_an_altered_claim_is_no_match(world: World) -> None:
    """A text stating another figure than a fact-checked claim gets that fact-check (it is what
    the desk needs) but never as a "match", and the answer says what differs."""
    claim = "The government will spend £4.5 billion rebuilding bridges"
    new_factcheck(world, "alpha", claim, "public")

    def best(text: str) -> dict[str, Any]:
        body = {"text": text, "lang": "en"}
        response = world.call("POST", "/match", "alpha", "viewer", json=body)
        assert response.status_code == 200, response.text
        return dict(response.json()["matches"][0])

    same = best(claim)
    assert same["claim"] == claim and same["conflicts"] == []
    for text, expected in (
        ("The government will spend £9 billion rebuilding bridges",
         {"kind": "number", "text": "£9 billion", "claim": "£4.5 billion"}),
        ("The government will not spend £4.5 billion rebuilding bridges",
         {"kind": "negation", "text": "not spend", "claim": "spend"}),
    ):  # fmt: skip
        altered = best(text)
        assert altered["claim"] == claim and altered["score"] > 0
        assert altered["decision"] != "match"
        assert altered["conflicts"] == [expected]


def test_a_key_clash_tells_nothing_of_another_organisations_private_fact_check(
    world: World,
) -> None:
    private = new_factcheck(world, "beta", "Beta's private draft about bridges", "private")

    body = {
        "claim_reviewed": "Alpha's own check",
        "lang": "en",
        "rating": {"alternate_name": "False"},
        "url": "https://beta.example.org/private",
    }
    error = assert_error(world.call("POST", "/factchecks", "alpha", "editor", json=body), 409,
                         "conflict")  # fmt: skip
    assert str(private) not in error["message"] and "beta.example.org" not in error["message"]
    assert "has not shared it" in error["message"]

    mine = new_factcheck(world, "alpha", "Alpha's own check", "private")
    moved = world.call("PATCH", f"/factchecks/{mine}", "alpha", "editor",
                       json={"url": "https://beta.example.org/private"})  # fmt: skip
    assert moved.status_code == 409 and str(private) not in moved.json()["error"]["message"]

    # The owner, who may see it, is still told which one to update.
    again = {**body, "claim_reviewed": "Beta again"}
    own = assert_error(world.call("POST", "/factchecks", "beta", "editor", json=again), 409,
                       "conflict")  # fmt: skip
    assert f"(id {private})" in own["message"]


def test_import_upload_and_trust(world: World) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "registry"
    with (fixtures / "checks.jsonl").open("rb") as handle:
        response = world.call(
            "POST",
            "/factchecks/import",
            "alpha",
            "editor",
            files={"file": ("checks.jsonl", handle)},
            data={"visibility": "shared"},
        )
    report = response.json()
    assert response.status_code == 200 and report["added"] >= 2, report
    listed = world.call("GET", "/factchecks?per_page=100", "alpha", "viewer").json()["items"]
    publisher = listed[0]["publisher"]
    world.call("PUT", "/org/trust", "alpha", "admin", json={"publisher": publisher, "trust": 0.25})
    again = world.call("GET", f"/factchecks/{listed[0]['id']}", "alpha", "viewer").json()
    assert again["publisher_trust"] == 0.25 and again["visibility"] == "shared"
    assert world.call("GET", "/org", "alpha", "viewer").json()["publisher_trust"] == {
        publisher: 0.25
    }
    # Another spelling of the same publisher (case, spaces) replaces the entry and still applies.
    respelt = f"  {publisher.upper()}  "
    world.call("PUT", "/org/trust", "alpha", "admin", json={"publisher": respelt, "trust": 0.75})
    again = world.call("GET", f"/factchecks/{listed[0]['id']}", "alpha", "viewer").json()
    assert again["publisher_trust"] == 0.75
    assert world.call("GET", "/org", "alpha", "viewer").json()["publisher_trust"] == {
        respelt.strip(): 0.75
    }


PERSIAN_CSV = (
    "ادعا,حکم,پیوند,تاریخ\n"
    "سد شهر نمونه‌آباد خالی شده است,نادرست,https://factcheck.example.org/fa/1,1402/09/01\n"
    "قیمت نان دو برابر شد,قابل‌تأمل,https://factcheck.example.org/fa/2,هفته پیش\n"
).encode()


def test_import_a_csv_with_a_column_mapping_and_see_what_was_flagged(world: World) -> None:
    def upload(**data: Any) -> Any:
        return world.call("POST", "/factchecks/import", "alpha", "editor",
                          files={"file": ("checks.csv", PERSIAN_CSV)}, data=data)  # fmt: skip

    unmapped = upload().json()
    assert unmapped["added"] == 0 and unmapped["flagged"] == []
    [reason] = [r["reason"] for r in unmapped["rejected"]]
    assert "claimReviewed=your column" in reason and "{" not in reason
    mapped = upload(map=["claimReviewed=ادعا", "alternateName=حکم", "url=پیوند",
                         "datePublished=تاریخ"])  # fmt: skip
    report = mapped.json()
    assert mapped.status_code == 200 and (report["added"], report["rejected"]) == (2, []), report
    assert report["flagged"] == [
        {"location": "checks.csv:row 3", "reason": "unknown rating 'قابل‌تأمل': kept as 'unknown'"},
        {"location": "checks.csv:row 3",
         "reason": "datePublished: cannot read 'هفته پیش' as a date; imported without it"},
    ]  # fmt: skip
    listed = world.call("GET", "/factchecks?lang=fa", "alpha", "viewer").json()["items"]
    assert sorted(str(fc["date_published"]) for fc in listed) == ["2023-11-22", "None"]
    bad = assert_error(upload(map=["ادعا"]), 400, "invalid_input")
    assert "is not field=column" in bad["message"]
    spec = world.client.get(f"{API}/openapi.json").json()
    operation = spec["paths"][f"{API}/factchecks/import"]["post"]
    assert "map=claimReviewed=" in operation["description"]


def test_importing_a_binary_file_says_what_a_fact_check_import_takes(world: World) -> None:
    response = world.call("POST", "/factchecks/import", "alpha", "editor",
                          files={"file": ("x.bin", bytes(range(256)) * 8)})  # fmt: skip
    [rejected] = response.json()["rejected"]
    assert rejected["location"] == "x.bin"
    assert "ClaimReview JSON" in rejected["reason"] and "CSV" in rejected["reason"]
    assert "article" not in rejected["reason"]


def test_written_fact_checks_keep_their_language_and_name_api_fields(world: World) -> None:
    body = {"claim_reviewed": "Die Fähre ist sonntags kostenlos", "lang": "de-CH",
            "rating": {"alternate_name": "Falsch"}}  # fmt: skip
    created = world.call("POST", "/factchecks", "alpha", "editor", json=body)
    assert created.status_code == 201 and created.json()["lang"] == "de", created.text
    garbage = assert_error(
        world.call("POST", "/factchecks", "alpha", "editor", json={**body, "lang": "xx-123-!!"}),
        400,
        "invalid_input",
    )
    assert garbage["message"].startswith("lang: expected a language code like 'ar' or 'fa-IR'")
    assert "'xx-123-!!'" in garbage["message"]
    for claim in (None, "  "):
        missing = assert_error(
            world.call("POST", "/factchecks", "alpha", "editor",
                       json={**body, "claim_reviewed": claim}),
            400,
            "invalid_input",
        )  # fmt: skip
        assert missing["message"].startswith("claim_reviewed: required")
        assert "import" not in missing["message"]
    dated = world.call(
        "POST",
        "/factchecks",
        "alpha",
        "editor",
        json={**body, "claim_reviewed": "Anderes", "date_published": "5 März 2024"},
    )
    bad_date = assert_error(dated, 400, "invalid_input")
    assert bad_date["message"].startswith("date_published: expected a date like 2024-03-05")
    persian = world.call("POST", "/factchecks", "alpha", "editor",
                         json={**body, "claim_reviewed": "Anderes", "date_published": "1402/09/01",
                               "lang": "fa"})  # fmt: skip
    assert persian.status_code == 201 and persian.json()["date_published"] == "2023-11-22"


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("AFP Fact Check", "afp  fact check "),
     ("فکت‌نامه", "فكتنامه"),
     ("فکت‌نامه", "فکت نامه"),  # ZWNJ, space or nothing between a Persian name's parts
     ("فکت نامه", "فکتنامه"),
     ("Проверено", "ПРОВЕРЕНО")],
)  # fmt: skip
def test_trust_applies_to_a_publisher_however_it_is_spelt(stored: str, typed: str) -> None:
    from tabayyun.server.factchecks import trust_of

    assert trust_of({typed: 0.5}, stored) == 0.5
    assert trust_of({typed: 0.5}, "Someone Else") is None


# -- sessions, CSRF, rate limiting, keys -----------------------------------------------------


def test_cookie_writes_need_the_csrf_token(world: World) -> None:
    response = login(world, "editor.alpha")
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    token = response.json()["csrf_token"]
    client = world.client
    assert client.get(f"{API}/me").json()["authenticated_by"] == "session"
    assert_error(client.post(f"{API}/keys", json={"name": "k"}), 403, "csrf_failed")
    assert_error(
        client.post(f"{API}/keys", json={"name": "k"}, headers={"X-CSRF-Token": "f" * 64}),
        403,
        "csrf_failed",
    )
    assert (
        client.post(f"{API}/keys", json={"name": "k"}, headers={"X-CSRF-Token": token}).status_code
        == 201
    )
    # The web UI's forms send the token as a field.
    form = client.post(
        f"{API}/factchecks/import", data={"csrf_token": "wrong"}, files={"file": ("a.json", b"[]")}
    )
    assert_error(form, 403, "csrf_failed")
    form = client.post(
        f"{API}/factchecks/import", data={"csrf_token": token}, files={"file": ("a.json", b"[]")}
    )
    assert form.status_code == 200
    assert client.post(f"{API}/auth/logout", headers={"X-CSRF-Token": token}).status_code == 200
    assert_error(client.get(f"{API}/me"), 401, "unauthenticated")


def test_sign_in_is_rate_limited(world: World) -> None:
    for _ in range(5):
        assert_error(login(world, "viewer.alpha", "wrong password!"), 401, "unauthenticated")
    limited = login(world, "viewer.alpha")  # even the right password waits now
    assert_error(limited, 429, "rate_limited")
    assert 1 <= int(limited.headers["Retry-After"]) <= 301
    assert login(world, "viewer.beta").status_code == 200  # other accounts are unaffected


def test_api_key_lifecycle(world: World) -> None:
    created = world.call("POST", "/keys", "beta", "viewer", json={"name": "newsroom bot"})
    assert created.status_code == 201
    key, key_id = created.json()["key"], created.json()["id"]
    assert key.startswith(f"tby_{key_id}_")
    listed = world.call("GET", "/keys", "beta", "viewer").json()
    assert key not in str(listed) and listed[0]["last_used_at"] is None
    headers = {"Authorization": f"Bearer {key}"}
    assert world.client.get(f"{API}/me", headers=headers).json()["username"] == "viewer.beta"
    assert world.client.get(f"{API}/me", headers={"X-API-Key": key}).status_code == 200
    listed = world.call("GET", "/keys", "beta", "viewer").json()
    assert next(k for k in listed if k["id"] == key_id)["last_used_at"] is not None
    assert_error(world.call("DELETE", f"/keys/{key_id}", "alpha", "admin"), 404, "not_found")
    assert world.call("DELETE", f"/keys/{key_id}", "beta", "viewer").status_code == 204
    assert_error(world.client.get(f"{API}/me", headers=headers), 401, "unauthenticated")
    assert_error(
        world.client.get(f"{API}/me", headers={"X-API-Key": key[:-2] + "xx"}),
        401,
        "unauthenticated",
    )


def test_a_key_s_last_use_is_written_at_most_once_a_minute(world: World) -> None:
    from datetime import timedelta

    from tabayyun.server.db import now_iso
    from tabayyun.server.schema import api_keys

    created = world.call("POST", "/keys", "beta", "viewer", json={"name": "busy bot"}).json()
    headers = {"X-API-Key": created["key"]}
    db = world.client.app.state.ctx.db  # type: ignore[attr-defined]

    def last_use_after_a_request(stored: str) -> str:
        with db.write() as conn:
            conn.execute(
                update(api_keys).where(api_keys.c.id == created["id"]).values(last_used_at=stored)
            )
        assert world.client.get(f"{API}/me", headers=headers).status_code == 200
        listed = world.call("GET", "/keys", "beta", "viewer").json()
        return str(next(k for k in listed if k["id"] == created["id"])["last_used_at"])

    long_ago = "2020-01-01T00:00:00+00:00"
    assert last_use_after_a_request(long_ago) > now_iso(timedelta(seconds=-30))
    recent = now_iso(timedelta(seconds=-20))
    assert last_use_after_a_request(recent) == recent  # within the minute: no write


def test_no_password_or_key_is_stored_or_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret_password = "Zq9-unique-password-for-grep"
    made = world.call(
        "POST",
        "/org/members",
        "alpha",
        "admin",
        json={"username": "newcomer", "password": secret_password, "role": "viewer"},
    )
    assert made.status_code == 201
    assert login(world, "newcomer", secret_password).status_code == 200
    login(world, "newcomer", secret_password + "typo")
    key = world.call("POST", "/keys", "alpha", "viewer", json={"name": "grep"}).json()["key"]
    world.client.get(f"{API}/me", headers={"Authorization": f"Bearer {key}"})
    stored = b"".join(p.read_bytes() for p in world.db_path.parent.glob(world.db_path.name + "*"))
    # Keys read tby_<id>_<secret>, and the secret itself may hold "_": split twice from the left.
    for secret in (secret_password, key, key.split("_", 2)[2], PASSWORD):
        assert len(secret) >= 20
        assert secret.encode() not in stored
        assert secret not in caplog.text
    assert b"$argon2id$" in stored


# -- articles and the review workflow --------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "en"])
def test_ingest_queues_claims_per_language(shared_world: World, lang: str) -> None:
    world = shared_world
    response = world.call("POST", "/articles", "beta", "editor", json={"text": sample_text(lang)})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["lang"] == lang and body["claims_added"] > 0
    article = world.call("GET", f"/articles/{body['id']}", "beta", "viewer").json()
    assert len(article["claims"]) == body["claims_added"]
    # The queue holds exactly the sentences at or above the language's check-worthy threshold.
    threshold = article["checkworthy_threshold"]
    assert 0 < threshold < 1
    above = {s["index"] for s in article["sentences"] if s["checkworthiness"] >= threshold}
    assert {claim["sentence_index"] for claim in article["claims"]} == above
    for claim in article["claims"]:
        sentence = article["sentences"][claim["sentence_index"]]
        assert claim["text"] == sentence["text"] and claim["status"] == "new"
    # Only beta's queue holds them; the same text again stores nothing new.
    assert (
        world.call("GET", f"/claims/{article['claims'][0]['id']}", "alpha", "viewer").status_code
        == 404
    )
    again = world.call("POST", "/articles", "beta", "editor", json={"text": sample_text(lang)})
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    word = max(article["sentences"][0]["text"].split(), key=len).strip('.,،:«»"()')
    found = world.call("GET", "/articles/search", "beta", "viewer", params={"q": word}).json()
    assert body["id"] in {hit["doc_id"] for hit in found["items"]}


def test_each_organisation_sets_its_queue_threshold(world: World) -> None:
    from tabayyun.server.claims import threshold

    model = {lang: threshold(world.settings, lang) for lang in ("ar", "fa", "ru", "en")}
    org = world.call("GET", "/org", "alpha", "viewer").json()
    assert org["checkworthiness_threshold"] is None
    assert org["checkworthiness_threshold_effective"] == model

    refused = world.call(
        "PUT", "/org/queue", "alpha", "editor", json={"checkworthiness_threshold": 0}
    )
    assert refused.status_code == 403
    wrong = world.call(
        "PUT", "/org/queue", "alpha", "admin", json={"checkworthiness_threshold": 1.5}
    )
    assert_error(wrong, 400, "invalid_input")
    assert "from 0 to 1" in wrong.text

    # Alpha takes every sentence; beta keeps the model's thresholds.
    saved = world.call("PUT", "/org/queue", "alpha", "admin", json={"checkworthiness_threshold": 0})
    assert saved.status_code == 200, saved.text
    alpha = world.call("POST", "/articles", "alpha", "editor", json={"text": sample_text("en")})
    article = world.call("GET", f"/articles/{alpha.json()['id']}", "alpha", "viewer").json()
    assert article["checkworthy_threshold"] == 0
    assert alpha.json()["claims_added"] == len(article["sentences"])
    beta = world.call("GET", f"/articles/{alpha.json()['id']}", "beta", "viewer").json()
    assert beta["checkworthy_threshold"] == model["en"]
    assert world.call("GET", "/org", "beta", "viewer").json()["checkworthiness_threshold"] is None

    reset = world.call(
        "PUT", "/org/queue", "alpha", "admin", json={"checkworthiness_threshold": None}
    )
    assert reset.status_code == 200
    org = world.call("GET", "/org", "alpha", "viewer").json()
    assert org["checkworthiness_threshold_effective"] == model
    log = world.call("GET", "/audit?action=org.queue_threshold", "alpha", "admin").json()
    assert [entry["detail"]["threshold"] for entry in log["items"]] == [None, 0]


def test_analyze_does_not_store(world: World) -> None:
    result = world.call(
        "POST", "/analyze", "alpha", "viewer", json={"text": sample_text("ru")}
    ).json()
    assert result["lang"] == "ru" and result["statements"]
    assert world.call("GET", "/articles", "alpha", "viewer").json()["total"] == 0


def test_review_workflow_and_audit(world: World) -> None:
    ingested = world.call("POST", "/articles", "alpha", "editor", json={"text": sample_text("ar")})
    doc_id = ingested.json()["id"]
    queue = world.call("GET", "/claims?per_page=100", "alpha", "viewer").json()
    assert queue["total"] == ingested.json()["claims_added"] >= 3
    ids = [c["id"] for c in queue["items"]]
    # The queue puts a claim matching a false-rated fact-check first, then check-worthiness.
    with world.client.app.state.ctx.db.write() as conn:  # type: ignore[attr-defined]
        conn.execute(
            update(claims_table).where(claims_table.c.id == ids[0]).values(checkworthiness=0.9)
        )
        conn.execute(
            update(claims_table).where(claims_table.c.id == ids[1]).values(checkworthiness=0.95)
        )
        conn.execute(
            update(claims_table)
            .where(claims_table.c.id == ids[2])
            .values(checkworthiness=0.1, matched_rating="false")
        )
    order = [c["id"] for c in world.call("GET", "/claims", "alpha", "viewer").json()["items"]]
    assert order[:3] == [ids[2], ids[1], ids[0]]

    claim = ids[1]
    assert_error(
        world.call(
            "POST", f"/claims/{claim}/assign", "alpha", "editor", json={"assignee": "viewer.alpha"}
        ),
        409,
        "conflict",
    )
    assigned = world.call(
        "POST", f"/claims/{claim}/assign", "alpha", "editor", json={"assignee": "reviewer.alpha"}
    ).json()
    assert assigned["status"] == "in_review" and assigned["assignee"] == "reviewer.alpha"
    world.call(
        "POST",
        f"/claims/{claim}/comments",
        "alpha",
        "reviewer",
        json={"body": "المصدر: بيان الخارجية"},
    )
    beta_private = new_factcheck(world, "beta", "Beta private claim", "private")
    assert_error(
        world.call(
            "POST",
            f"/claims/{claim}/fact-checked",
            "alpha",
            "reviewer",
            json={"factcheck_id": beta_private},
        ),
        404,
        "not_found",
    )
    own = new_factcheck(world, "alpha", "Alpha claim on media cooperation", "private")
    done = world.call(
        "POST",
        f"/claims/{claim}/fact-checked",
        "alpha",
        "reviewer",
        json={"factcheck_id": own, "note": "rated false"},
    ).json()
    assert done["status"] == "fact_checked" and done["factcheck_id"] == own
    assert_error(
        world.call(
            "POST", f"/claims/{claim}/dismiss", "alpha", "reviewer", json={"reason": "late"}
        ),
        409,
        "conflict",
    )
    history = world.call("GET", f"/claims/{claim}/history", "alpha", "viewer").json()
    assert [(e["kind"], e["to_status"]) for e in history] == [
        ("created", "new"),
        ("status", "in_review"),
        ("comment", None),
        ("status", "fact_checked"),
    ]
    assert history[1]["body"] == "reviewer.alpha"  # whom it was assigned to
    comments = world.call("GET", f"/claims/{claim}/comments", "alpha", "viewer").json()
    assert [c["body"] for c in comments] == ["المصدر: بيان الخارجية"]

    other = ids[3]
    assert_error(
        world.call("POST", f"/claims/{other}/dismiss", "alpha", "reviewer", json={"reason": ""}),
        422,
        "validation_error",
    )
    dismissed = world.call(
        "POST",
        f"/claims/{other}/dismiss",
        "alpha",
        "reviewer",
        json={"reason": "opinion, not a checkable claim"},
    ).json()
    assert dismissed["status"] == "dismissed"
    assert dismissed["dismiss_reason"] == "opinion, not a checkable claim"
    assert (
        world.call("POST", f"/claims/{other}/reopen", "alpha", "reviewer").json()["status"] == "new"
    )

    audit = world.call("GET", "/audit?per_page=100", "alpha", "admin").json()
    actions = [(e["action"], e["target"], e["username"]) for e in audit["items"]]
    for expected in [
        ("article.ingest", f"article:{doc_id}", "editor.alpha"),
        ("claim.assign", f"claim:{claim}", "editor.alpha"),
        ("claim.comment", f"claim:{claim}", "reviewer.alpha"),
        ("factcheck.create", f"factcheck:{own}", "admin.alpha"),
        ("claim.fact_checked", f"claim:{claim}", "reviewer.alpha"),
        ("claim.dismiss", f"claim:{other}", "reviewer.alpha"),
        ("claim.reopen", f"claim:{other}", "reviewer.alpha"),
    ]:
        assert expected in actions
    # Beta's writes are in beta's log, not alpha's.
    assert ("factcheck.create", f"factcheck:{beta_private}", "admin.beta") not in actions


def test_every_write_route_leaves_an_audit_entry(world: World) -> None:
    fc = new_factcheck(world, "alpha", "A claim to update", "private")
    key = world.call("POST", "/keys", "alpha", "editor", json={"name": "a"}).json()["id"]
    writes = [
        ("PATCH", f"/factchecks/{fc}", {"json": {"headline": "Updated"}}, "factcheck.update"),
        ("POST", f"/factchecks/{fc}/publish", {}, "factcheck.update"),
        ("DELETE", f"/keys/{key}", {}, "key.revoke"),
        ("PUT", "/org/partners/beta-desk", {}, "partner.add"),
        ("DELETE", "/org/partners/beta-desk", {}, "partner.remove"),
        ("PUT", "/org/trust", {"json": {"publisher": "P", "trust": 1}}, "trust.set"),
        (
            "POST",
            "/org/members",
            {"json": {"username": "new.one", "password": "x" * 12, "role": "viewer"}},
            "member.add",
        ),
    ]
    for method, path, kwargs, action in writes:
        role = "editor" if path.startswith("/keys") else "admin"
        response = world.call(method, path, "alpha", role, **kwargs)
        assert response.status_code < 300, (path, response.text)
        latest = world.call("GET", "/audit?per_page=1", "alpha", "admin").json()["items"][0]
        assert latest["action"] == action, path
    members = world.call("GET", "/org", "alpha", "admin").json()["members"]
    newcomer = next(m for m in members if m["username"] == "new.one")
    world.call("PATCH", f"/org/members/{newcomer['id']}", "alpha", "admin", json={"role": "editor"})
    latest = world.call("GET", "/audit?per_page=1", "alpha", "admin").json()
    assert latest["items"][0]["action"] == "member.update" and latest["total"] >= 9
    assert latest["page"] == 1 and latest["per_page"] == 1


def test_pagination_envelope(world: World) -> None:
    for n in range(3):
        new_factcheck(world, "alpha", f"Paged claim number {n}", ["private", "shared", "public"][n])
    second = world.call("GET", "/factchecks?page=2&per_page=2", "alpha", "viewer").json()
    assert set(second) == {"items", "page", "per_page", "total"}
    assert second["total"] == 3 and second["page"] == 2 and len(second["items"]) == 1


def test_a_public_fact_check_is_changed_or_withdrawn_only_by_who_may_publish(
    world: World,
) -> None:
    public = new_factcheck(world, "alpha", "Every bridge collapsed", "public")
    path = f"/factchecks/{public}"
    for change in ({"rating": {"alternate_name": "True"}}, {"visibility": "private"}):
        assert_error(world.call("PATCH", path, "alpha", "reviewer", json=change), 403, "forbidden")
    assert world.call("GET", path, "beta", "viewer").json()["rating_label"] == "false"

    # Nor through an import of the same URL with another verdict.
    item = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://alpha.example.org/public",
        "claimReviewed": "Every bridge collapsed",
        "inLanguage": "en",
        "reviewRating": {"@type": "Rating", "alternateName": "True"},
    }
    report = world.call(
        "POST", "/factchecks/import", "alpha", "reviewer",
        files={"file": ("x.json", json.dumps(item), "application/json")},
    ).json()  # fmt: skip
    assert report["updated"] == 0 and "right to publish" in report["rejected"][0]["reason"]
    assert world.call("GET", path, "beta", "viewer").json()["rating_label"] == "false"

    edited = world.call(
        "PATCH", path, "alpha", "editor", json={"rating": {"alternate_name": "True"}}
    )
    assert edited.status_code == 200 and edited.json()["rating_label"] == "true"


def test_a_deactivated_member_reactivated_is_not_still_signed_in(world: World) -> None:
    assert login(world, "viewer.alpha").status_code == 200
    client = world.client
    assert client.get(f"{API}/me").json()["authenticated_by"] == "session"
    members = world.call("GET", "/org", "alpha", "admin").json()["members"]
    viewer = next(m for m in members if m["username"] == "viewer.alpha")
    for active in (False, True):
        path = f"/org/members/{viewer['id']}"
        assert (
            world.call("PATCH", path, "alpha", "admin", json={"active": active}).status_code == 200
        )

    assert_error(client.get(f"{API}/me"), 401, "unauthenticated")


def test_a_refused_address_is_not_named_to_an_api_caller(world: World) -> None:
    """The loader names what a host resolves to; any viewer could map the internal network."""
    body = {"url": "http://localhost:8766/admin"}
    error = assert_error(world.call("POST", "/analyze", "alpha", "viewer", json=body), 400,
                         "blocked_address")  # fmt: skip
    assert "127.0.0.1" not in error["message"] and "::1" not in error["message"]
    assert "TABAYYUN_ALLOW_PRIVATE_ADDRESSES" in error["message"]


def test_an_admin_revokes_a_members_leaked_keys_without_deactivating_them(world: World) -> None:
    members = world.call("GET", "/org", "alpha", "admin").json()["members"]
    editor = next(m for m in members if m["username"] == "editor.alpha")
    other = next(m for m in world.call("GET", "/org", "beta", "admin").json()["members"])
    path = f"/org/members/{editor['id']}/keys"

    assert_error(world.call("DELETE", path, "alpha", "editor"), 403, "forbidden")
    assert_error(world.call("DELETE", f"/org/members/{other['id']}/keys", "alpha", "admin"), 404,
                 "not_found")  # fmt: skip
    done = world.call("DELETE", path, "alpha", "admin")
    assert done.status_code == 200 and done.json()["revoked"] >= 1
    assert_error(world.call("GET", "/me", "alpha", "editor"), 401, "unauthenticated")
    assert world.call("GET", "/org", "alpha", "admin").status_code == 200  # only hers
    latest = world.call("GET", "/audit?per_page=1", "alpha", "admin").json()["items"][0]
    assert latest["action"] == "member.keys_revoked"
    assert login(world, "editor.alpha").status_code == 200  # still a member, signing in
