"""The full permission table: every role x every permission through a real HTTP call."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tabayyun.server.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES

from .conftest import World, sample_text

# Written out here, independently of the code, so a change to the table must change the test.
EXPECTED: dict[str, set[str]] = {
    "viewer": {"articles.read", "claims.read", "factchecks.read", "keys.manage"},
    "reviewer": {
        "articles.read",
        "claims.read",
        "factchecks.read",
        "keys.manage",
        "claims.review",
        "factchecks.write",
    },
    "editor": {
        "articles.read",
        "claims.read",
        "factchecks.read",
        "keys.manage",
        "claims.review",
        "factchecks.write",
        "articles.write",
        "claims.assign",
        "factchecks.publish",
    },
    "admin": set(PERMISSIONS),
}


@pytest.fixture(scope="module")
def table_world(shared_world: World) -> Iterator[tuple[World, int, int]]:
    """An article with claims in alpha's queue and a private alpha fact-check."""
    ingest = shared_world.call(
        "POST", "/articles", "alpha", "editor", json={"text": sample_text("en")}
    )
    assert ingest.status_code == 201, ingest.text
    claim_id = shared_world.call("GET", "/claims", "alpha", "viewer").json()["items"][0]["id"]
    created = shared_world.call(
        "POST",
        "/factchecks",
        "alpha",
        "editor",
        json={
            "claim_reviewed": "The river rose 9 metres in one day",
            "lang": "en",
            "rating": {"alternate_name": "False"},
        },
    )
    assert created.status_code == 201, created.text
    yield shared_world, claim_id, created.json()["id"]


def _call(permission: str, role: str, world: World, claim_id: int, fc_id: int) -> Any:
    calls: dict[str, Callable[[], Any]] = {
        "articles.read": lambda: world.call("GET", "/articles", "alpha", role),
        "articles.write": lambda: world.call(
            "POST", "/articles", "alpha", role, json={"text": sample_text("en")}
        ),
        "claims.read": lambda: world.call("GET", "/claims", "alpha", role),
        "claims.review": lambda: world.call(
            "POST", f"/claims/{claim_id}/comments", "alpha", role, json={"body": f"{role} was here"}
        ),
        "claims.assign": lambda: world.call(
            "POST",
            f"/claims/{claim_id}/assign",
            "alpha",
            role,
            json={"assignee": "reviewer.alpha" if role != "reviewer" else "editor.alpha"},
        ),
        "factchecks.read": lambda: world.call("GET", "/factchecks", "alpha", role),
        "factchecks.write": lambda: world.call(
            "POST",
            "/factchecks",
            "alpha",
            role,
            json={
                "claim_reviewed": f"A claim checked by the {role}",
                "lang": "en",
                "rating": {"alternate_name": "Mostly false"},
            },
        ),
        "factchecks.publish": lambda: world.call(
            "POST", f"/factchecks/{fc_id}/publish", "alpha", role
        ),
        "org.manage": lambda: world.call(
            "PUT", "/org/trust", "alpha", role, json={"publisher": "AFP Fact Check", "trust": 0.9}
        ),
        "audit.read": lambda: world.call("GET", "/audit", "alpha", role),
        "keys.manage": lambda: world.call("POST", "/keys", "alpha", role, json={"name": role}),
    }
    assert set(calls) == set(PERMISSIONS), "every permission needs an endpoint in this test"
    return calls[permission]()


def test_the_expected_table_is_the_code_table() -> None:
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == EXPECTED


@pytest.mark.parametrize("permission", PERMISSIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_permission(table_world: tuple[World, int, int], role: str, permission: str) -> None:
    world, claim_id, fc_id = table_world
    response = _call(permission, role, world, claim_id, fc_id)
    if permission in EXPECTED[role]:
        assert response.status_code in (200, 201), (role, permission, response.text)
    else:
        assert response.status_code == 403, (role, permission, response.text)
        assert response.json()["error"]["code"] == "forbidden"
