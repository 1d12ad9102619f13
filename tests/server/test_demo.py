"""`tabayyun serve --demo`: the seeded server works at once; seeding twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tabayyun.config import Settings
from tabayyun.server import create_app, seed_demo
from tabayyun.server.demo import DEMO_PASSWORD


def test_seed_demo_then_sign_in(tmp_path: Path) -> None:
    settings = Settings(embedder="fake", database_url=f"sqlite:///{tmp_path / 'demo.db'}")
    made = seed_demo(settings)
    assert seed_demo(settings) == made and len(made) == 8
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        editor = next(a for a in made if a.role == "editor" and a.organisation == "moscow-desk")
        signed_in = client.post(
            "/api/v1/auth/login", json={"username": editor.username, "password": DEMO_PASSWORD}
        )
        assert signed_in.status_code == 200
        queue = client.get("/api/v1/claims").json()
        assert queue["total"] > 0 and {c["lang"] for c in queue["items"]} <= {"ru", "en"}
        assert client.get("/api/v1/articles").json()["total"] == 4
        registry = client.get("/api/v1/factchecks").json()
        assert registry["total"] >= 1  # the demo registry is public
        assert all(fc["visibility"] == "public" for fc in registry["items"])
