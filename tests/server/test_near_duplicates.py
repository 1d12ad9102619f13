"""The server marks near duplicates as the command line does, and queues their claims once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.conftest import World, sample_text

from tabayyun.service import ingest

ADDED = "\nThe ministry said more details of the plan would be published next month."


def queue_texts(world: World, org: str) -> list[str]:
    items = world.call("GET", "/claims?per_page=100", org, "viewer").json()["items"]
    return [claim["text"] for claim in items]


def ingested(world: World, text: str, org: str = "alpha") -> Any:
    response = world.call("POST", "/articles", org, "editor", json={"text": text})
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_an_article_plus_one_line_is_marked_and_its_claims_are_not_queued_again(
    world: World,
) -> None:
    first = ingested(world, sample_text("en"))
    assert first["near_duplicate_of_id"] is None and first["claims_added"] >= 3
    before = queue_texts(world, "alpha")

    second = ingested(world, sample_text("en") + ADDED)
    assert second["status"] == "stored" and second["id"] != first["id"]
    assert second["near_duplicate_of_id"] == first["id"]
    article = world.call("GET", f"/articles/{second['id']}", "alpha", "viewer").json()
    original = world.call("GET", f"/articles/{first['id']}", "alpha", "viewer").json()
    assert article["near_duplicate_of"] == original["content_hash"]
    assert article["near_duplicate_of_id"] == first["id"]
    # Only a sentence the original did not have may join the queue; none comes twice.
    after = queue_texts(world, "alpha")
    assert len(after) == len(set(after))
    assert set(after) - set(before) <= {ADDED.strip()}
    assert second["claims_added"] == len(after) - len(before)

    # Another organisation's queue does not hold the original's claims: it gets them all.
    beta = ingested(world, sample_text("en") + ADDED, org="beta")
    assert beta["status"] == "duplicate" and beta["claims_added"] >= first["claims_added"]


def test_the_same_article_again_is_a_duplicate_not_its_own_near_duplicate(world: World) -> None:
    first = ingested(world, sample_text("ru"))
    again = ingested(world, sample_text("ru"))
    assert again["status"] == "duplicate" and again["id"] == first["id"]
    assert again["near_duplicate_of_id"] is None
    analysed = world.call("POST", "/analyze", "alpha", "viewer", json={"text": sample_text("ru")})
    assert analysed.json()["near_duplicate_of"] is None


def test_analysis_sees_stored_near_duplicates_and_remembers_nothing(world: World) -> None:
    first = ingested(world, sample_text("fa"))
    analysed = world.call(
        "POST", "/analyze", "alpha", "viewer", json={"text": sample_text("fa") + " پایان."}
    ).json()
    assert analysed["near_duplicate_of_id"] == first["id"]

    # An analysed text is not stored, so it is nobody's original.
    text = sample_text("ar")
    world.call("POST", "/analyze", "alpha", "viewer", json={"text": text})
    again = world.call("POST", "/analyze", "alpha", "viewer", json={"text": text + " انتهى."})
    assert again.json()["near_duplicate_of"] is None
    stored = ingested(world, text + " انتهى.")
    assert stored["status"] == "stored" and stored["near_duplicate_of_id"] is None


def test_articles_stored_by_another_process_are_seen(world: World, tmp_path: Path) -> None:
    ingested(world, sample_text("en"))  # the server's index is built now
    path = tmp_path / "ru.txt"
    path.write_text(sample_text("ru"), encoding="utf-8")
    report = ingest([str(path)], settings=world.settings)  # as `tabayyun ingest` would
    assert report.stored == 1
    second = ingested(world, sample_text("ru") + "\nКонец.")
    assert second["near_duplicate_of_id"] is not None
    original = world.call("GET", f"/articles/{second['near_duplicate_of_id']}", "alpha", "viewer")
    assert original.json()["source"] == str(path)
