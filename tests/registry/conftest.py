"""Registry fixtures: the project-written files and a real, migrated SQLite registry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tabayyun.registry.store import SqliteFactCheckStore, open_factcheck_store

REGISTRY_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "registry"


@pytest.fixture
def fixtures() -> Path:
    return REGISTRY_FIXTURES


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteFactCheckStore]:
    with open_factcheck_store(f"sqlite:///{tmp_path / 'registry.db'}") as opened:
        yield opened
