"""Server fixtures: a real SQLite file, two organisations with one user per role, API keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from tabayyun.config import Settings
from tabayyun.server import accounts, create_app
from tabayyun.server.permissions import ROLES

PASSWORD = "correct horse battery staple"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "tabayyun" / "samples"
SAMPLE_BY_LANG = {
    "ar": "alkawthar-iran-russia-media-cooperation.ar.txt",
    "fa": "fa-mashhad-water.txt",
    "ru": "ru-school-repairs.txt",
    "en": "en-flood-bridges.txt",
}


def sample_text(lang: str) -> str:
    return (SAMPLES / SAMPLE_BY_LANG[lang]).read_text(encoding="utf-8")


@dataclass
class World:
    """A running app with organisations alpha and beta; `keys[(org, role)]` are API keys."""

    client: TestClient
    settings: Settings
    db_path: Path
    keys: dict[tuple[str, str], str] = field(default_factory=dict)

    def as_(self, org: str, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[(org, role)]}"}

    def call(self, method: str, path: str, org: str, role: str, **kwargs: Any) -> Any:
        return self.client.request(method, f"/api/v1{path}", headers=self.as_(org, role), **kwargs)


def username(org: str, role: str) -> str:
    return f"{role}.{org}"


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Argon2 with minimal cost: the tests hash dozens of passwords on two cores."""
    original = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    accounts._hasher = original


def build_world(db_path: Path) -> Iterator[World]:
    settings = Settings(
        embedder="fake", data_dir=db_path.parent, database_url=f"sqlite:///{db_path}"
    )
    app = create_app(settings)
    ctx = app.state.ctx
    world = World(TestClient(app, base_url="https://testserver"), settings, db_path)
    with ctx.db.write() as conn:
        for org in ("alpha", "beta"):
            org_id = accounts.create_organisation(conn, f"{org}-desk", f"{org.title()} Desk")
            for role in ROLES:
                user_id = accounts.create_user(
                    conn, username=username(org, role), password=PASSWORD, org_id=org_id, role=role
                )
                world.keys[(org, role)] = accounts.create_api_key(conn, user_id, "tests").token
    with world.client:
        yield world


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    yield from build_world(tmp_path / "server.db")


@pytest.fixture(scope="module")
def shared_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world for a whole module, for tests that only add to it."""
    yield from build_world(tmp_path_factory.mktemp("server") / "server.db")
