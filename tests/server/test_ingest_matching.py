"""Ingesting an article matches its claims against the fact-checks the organisation may see."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from tests.server.conftest import World, sample_text
from tests.server.test_api import new_factcheck

from tabayyun.server import accounts, services
from tabayyun.server.audit import Actor
from tabayyun.server.schema import claims as claims_table


def queue(world: World, org: str) -> list[dict[str, Any]]:
    response = world.call("GET", "/claims?per_page=100", org, "viewer")
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_claims_get_their_best_visible_fact_check_at_ingest(world: World) -> None:
    article = {"text": sample_text("en")}
    first = world.call("POST", "/articles", "alpha", "editor", json=article).json()
    assert first["claims_added"] >= 3 and first["claims_matched"] == 0  # empty registry
    claims = queue(world, "alpha")
    target = claims[-1]  # the least check-worthy claim: only the match can lift it
    assert all(c["matched_key"] is None for c in claims)

    new_factcheck(world, "alpha", target["text"], "private")
    again = world.call("POST", "/articles", "alpha", "editor", json=article).json()
    assert again["status"] == "duplicate" and again["claims_matched"] >= 1

    claims = queue(world, "alpha")
    matched = next(c for c in claims if c["id"] == target["id"])
    assert matched["matched_key"] == "https://alpha.example.org/private"
    assert matched["matched_rating"] == "false"
    assert matched["matched_decision"] in ("match", "suggest")
    # A claim matching a false-rated fact-check leads the queue, whatever its score.
    assert claims[0]["matched_rating"] == "false"

    # Beta ingests the same article: alpha's private fact-check stays invisible to it.
    beta = world.call("POST", "/articles", "beta", "editor", json=article).json()
    assert beta["claims_matched"] == 0
    assert all(c["matched_key"] is None for c in queue(world, "beta"))


def test_a_claims_best_match_keeps_why_it_is_no_match(world: World) -> None:
    """A fact-check of the claim with another figure is stored as its best match, a suggestion
    with the conflicting figures, never as a match."""
    article = {"text": sample_text("en")}
    world.call("POST", "/articles", "alpha", "editor", json=article)
    target = next(c for c in queue(world, "alpha") if "£450 million" in c["text"])
    assert target["matched_conflicts"] is None  # nothing matched yet
    altered = target["text"].replace("£450 million", "£950 million")
    new_factcheck(world, "alpha", altered, "private")
    world.call("POST", "/articles", "alpha", "editor", json=article)

    matched = next(c for c in queue(world, "alpha") if c["id"] == target["id"])
    assert matched["matched_key"] == "https://alpha.example.org/private"
    assert matched["matched_decision"] == "suggest"
    assert matched["matched_conflicts"] == [
        {"kind": "number", "text": "£450 million", "claim": "£950 million"}
    ]
    one = world.call("GET", f"/claims/{target['id']}", "alpha", "viewer").json()
    assert one["matched_conflicts"] == matched["matched_conflicts"]


def test_a_fact_check_published_later_flags_older_open_claims(world: World) -> None:
    article = {"text": sample_text("en")}
    world.call("POST", "/articles", "beta", "editor", json=article)
    claims = queue(world, "beta")
    target = claims[-1]
    assert all(c["matched_key"] is None for c in claims)

    # A partner organisation publishes a fact-check of that claim for everyone.
    published = new_factcheck(world, "alpha", target["text"], "public")
    claims = queue(world, "beta")  # reading the queue re-matches stale open claims
    flagged = next(c for c in claims if c["id"] == target["id"])
    assert flagged["matched_key"] == "https://alpha.example.org/public"
    assert claims[0]["id"] == target["id"]  # false-rated matches lead

    # Made private again, it no longer flags beta's claim.
    changed = world.call(
        "PATCH", f"/factchecks/{published}", "alpha", "admin", json={"visibility": "private"}
    )
    assert changed.status_code == 200, changed.text
    claims = queue(world, "beta")
    assert next(c for c in claims if c["id"] == target["id"])["matched_key"] is None


def test_a_published_fact_check_grows_the_engine_instead_of_rebuilding_it(
    world: World, count_calls: Callable[[object, str], list[int]]
) -> None:
    from tabayyun.matching import MatchEngine

    builds = count_calls(MatchEngine, "build")

    def publish(claim: str, url: str) -> int:
        body = {"claim_reviewed": claim, "lang": "en", "visibility": "public", "url": url}
        response = world.call(
            "POST",
            "/factchecks",
            "alpha",
            "admin",
            json={**body, "rating": {"alternate_name": "False"}},
        )
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    world.call("POST", "/articles", "beta", "editor", json={"text": sample_text("en")})
    claims = queue(world, "beta")
    first, second = claims[-1], claims[-2]
    one = publish(first["text"], "https://alpha.example.org/one")
    queue(world, "beta")
    assert len(builds) == 1
    publish(second["text"], "https://alpha.example.org/two")
    claims = queue(world, "beta")
    assert len(builds) == 1  # grown by the new fact-check, not rebuilt
    flagged = {c["id"]: c["matched_key"] for c in claims}
    assert flagged[second["id"]] == "https://alpha.example.org/two"
    assert flagged[first["id"]] == "https://alpha.example.org/one"
    # A fact-check withdrawn from view needs the full build: no entry may linger.
    changed = world.call(
        "PATCH", f"/factchecks/{one}", "alpha", "admin", json={"visibility": "private"}
    )
    assert changed.status_code == 200, changed.text
    claims = queue(world, "beta")
    assert len(builds) == 2
    assert next(c for c in claims if c["id"] == first["id"])["matched_key"] != (
        "https://alpha.example.org/one"
    )


def test_organisation_engines_take_the_foreign_preference_built_or_grown(world: World) -> None:
    import dataclasses

    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    ctx.settings = dataclasses.replace(ctx.settings, match_foreign_preference=1.5)
    world.call("POST", "/articles", "beta", "editor", json={"text": sample_text("en")})
    claims = queue(world, "beta")
    engines = []
    for claim, url in ((claims[-1], "one"), (claims[-2], "two")):
        body = {"claim_reviewed": claim["text"], "lang": "en", "visibility": "public"}
        body |= {"url": f"https://alpha.example.org/{url}", "rating": {"alternate_name": "False"}}
        assert world.call("POST", "/factchecks", "alpha", "admin", json=body).status_code == 201
        queue(world, "beta")  # builds beta's engine, then grows it
        engines += [engine for _, engine, _ in ctx.match_engines.values()]
    built, grown = engines
    assert grown is not built
    assert built.foreign_preference == grown.foreign_preference == 1.5


def test_each_organisation_sets_its_own_foreign_preference(world: World) -> None:
    # The "ru" fact-check shares words with the text, so the fake embedder gives it a score the
    # API's four decimals can show moving.
    for lang, claim in (
        ("en", "Bread prices will double next year"),
        ("ru", "Цены на хлеб удвоятся в следующем году (bread prices)"),
    ):
        body = {"claim_reviewed": claim, "lang": lang, "visibility": "public"}
        body |= {"url": f"https://alpha.example.org/{lang}", "rating": {"alternate_name": "False"}}
        assert world.call("POST", "/factchecks", "alpha", "admin", json=body).status_code == 201
    text = {"text": "Bread prices will double next year, the minister said", "lang": "en"}

    def scores(org: str) -> dict[str, float]:
        response = world.call("POST", "/match", org, "viewer", json=text)
        assert response.status_code == 200, response.text
        return {m["lang"]: m["score"] for m in response.json()["matches"]}

    before = scores("alpha")
    assert set(before) == {"en", "ru"} and 0.01 < before["ru"] < 0.99, before
    changed = world.call("PUT", "/org/matching", "alpha", "admin", json={"foreign_preference": 2})
    assert changed.status_code == 200, changed.text

    after = scores("alpha")
    assert after["en"] == before["en"]  # the text's own language is left alone
    odds = [p / (1 - p) for p in (before["ru"], after["ru"])]
    assert odds[1] / odds[0] == pytest.approx(math.exp(2), rel=0.01)
    assert scores("beta") == before  # another organisation keeps the server's setting
    assert scores("alpha") == after  # and a beta request changed nothing for alpha
    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    engines = [engine for _, engine, _ in ctx.match_engines.values()]
    assert len(engines) == 2 and engines[0] is not engines[1]
    # Passed with each request: the engines, which concurrent requests share, keep the setting.
    assert all(e.foreign_preference == world.settings.match_foreign_preference for e in engines)
    alpha, beta = (world.call("GET", "/org", org, "viewer").json() for org in ("alpha", "beta"))
    assert alpha["match_foreign_preference"] == alpha["match_foreign_preference_effective"] == 2
    assert beta["match_foreign_preference"] is None
    assert beta["match_foreign_preference_effective"] == world.settings.match_foreign_preference

    refused = world.call("PUT", "/org/matching", "alpha", "editor", json={"foreign_preference": 1})
    assert refused.status_code == 403
    too_far = world.call("PUT", "/org/matching", "alpha", "admin", json={"foreign_preference": 25})
    assert too_far.status_code == 400 and "between -20 and 20" in too_far.text
    reset = world.call("PUT", "/org/matching", "alpha", "admin", json={"foreign_preference": None})
    assert reset.status_code == 200 and scores("alpha") == before
    log = world.call("GET", "/audit?action=org.match_preference", "alpha", "admin").json()
    assert [entry["detail"]["preference"] for entry in log["items"]] == [None, 2]


def test_open_claims_are_matched_again_with_the_preference_they_record(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.call("POST", "/articles", "alpha", "editor", json={"text": sample_text("en")})
    target = queue(world, "alpha")[-1]
    new_factcheck(world, "alpha", target["text"], "private")
    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    scored_with: list[float] = []
    real = services._best_match

    def spy(*args: Any, preference: float, **kwargs: Any) -> Any:
        scored_with.append(preference)
        return real(*args, preference=preference, **kwargs)

    monkeypatch.setattr(services, "_best_match", spy)

    with ctx.db.read() as conn:
        alpha = accounts.organisation_id(conn, "alpha-desk")

    def states() -> set[str | None]:
        with ctx.db.read() as conn:
            column = claims_table.c.matched_against
            return set(conn.execute(select(column).where(claims_table.c.org_id == alpha)).scalars())

    queue(world, "alpha")  # matched against the registry as it is now, at preference 0
    viewer = Actor(user_id=0, username="viewer", org_id=alpha, org_slug="alpha-desk", role="viewer")
    fingerprint = services.visible_fingerprint(ctx, viewer)
    assert states() == {services.match_state(fingerprint, 0.0)} and set(scored_with) == {0.0}
    scored_with.clear()
    world.call("PUT", "/org/matching", "alpha", "admin", json={"foreign_preference": 1.5})
    queue(world, "alpha")  # every open claim was matched against another state: again
    assert scored_with and set(scored_with) == {1.5}
    assert states() == {services.match_state(fingerprint, 1.5)} != {fingerprint}
    scored_with.clear()
    queue(world, "alpha")
    assert scored_with == []  # up to date: nothing is matched twice


def test_the_registry_fingerprint_is_exact_integer_sql_any_database_runs(world: World) -> None:
    from sqlalchemy.dialects import postgresql

    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.read() as conn:
        alpha = accounts.organisation_id(conn, "alpha-desk")
    viewer = Actor(user_id=0, username="viewer", org_id=alpha, org_slug="alpha-desk", role="viewer")
    sql = str(services.fingerprint_query(viewer).compile(dialect=postgresql.dialect()))
    assert "total(" not in sql.lower() and "sum(" in sql.lower()  # SQLite's total() is not SQL

    assert services.visible_fingerprint(ctx, viewer) is None  # nothing visible yet
    ids = [new_factcheck(world, "alpha", "Claim one about floods.", "private")]
    first = services.visible_fingerprint(ctx, viewer)
    ids.append(new_factcheck(world, "beta", "Claim two about bridges.", "public"))
    second = services.visible_fingerprint(ctx, viewer)
    hidden = new_factcheck(world, "beta", "Claim three, never shared.", "private")
    assert services.visible_fingerprint(ctx, viewer) == second  # beta's private one is unseen

    count, id_sum, scrambled, _, _ = str(second).split(":", 4)
    assert (int(count), int(id_sum)) == (2, sum(ids)) and hidden not in ids
    assert int(scrambled) == sum(services.scrambled(i) for i in ids)
    assert first != second
    # Sets with one count and one id sum (a partner link changes which are visible without
    # touching updated_at) still differ in the second sum.
    assert sum(map(services.scrambled, (1, 4))) != sum(map(services.scrambled, (2, 3)))
    assert sum(map(services.scrambled, (10, 40))) != sum(map(services.scrambled, (20, 30)))

    world.call("PATCH", f"/factchecks/{ids[1]}", "beta", "admin", json={"visibility": "private"})
    assert services.visible_fingerprint(ctx, viewer) == first  # the same visible set again


def test_every_change_of_a_visible_fact_check_changes_the_fingerprint_within_one_second(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from tabayyun.registry import store

    class Frozen(dt.datetime):  # updated_at keeps whole seconds: two edits may share one
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:
            return cls(2026, 11, 28, 12, 0, 0, tzinfo=tz)

    monkeypatch.setattr(store, "datetime", Frozen)
    ctx = world.client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.read() as conn:
        alpha = accounts.organisation_id(conn, "alpha-desk")
    viewer = Actor(user_id=0, username="viewer", org_id=alpha, org_slug="alpha-desk", role="viewer")
    factcheck = new_factcheck(world, "alpha", "The bridge collapsed in March.", "private")
    seen = [services.visible_fingerprint(ctx, viewer)]
    for rating in ("True", "Misleading"):
        changed = world.call(
            "PATCH",
            f"/factchecks/{factcheck}",
            "alpha",
            "admin",
            json={"rating": {"alternate_name": rating}},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["updated_at"] == "2026-11-28T12:00:00+00:00"  # the same second
        seen.append(services.visible_fingerprint(ctx, viewer))
    assert len(set(seen)) == 3, seen


def test_a_match_state_always_fits_its_column() -> None:
    column = claims_table.c.matched_against.type.length
    assert column == services.MATCH_STATE_LENGTH
    short = "3:6:14:2:2026-11-28T12:00:00+00:00"
    assert services.match_state(short, 0.0) == short  # readable where it fits
    huge = [f"{n}:{'9' * 90}:{n}" for n in (1, 2)]  # a registry far larger than today's
    states = {services.match_state(fingerprint, 0.0) for fingerprint in huge}
    assert len(states) == 2 and all(len(state) <= column for state in states)
    assert services.match_state(short, 1.5) != services.match_state(short, 0.0)
