"""Shared fixtures: real files, real SQLite, settings isolated from the user's environment."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tabayyun.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "alkawthar-iran-russia-media-cooperation.ar.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def isolated_session_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The per-test isolation below (variables and data directory; the cache directory stays
    shared, as the vectors are), for the whole session: module- and session-scoped fixtures
    (the quality gates' benchmark runs, shared server worlds) are set up before any
    function-scoped fixture, so without this they would read the developer's TABAYYUN_*
    variables and data directory."""
    import os

    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("TABAYYUN_"):
                patch.delenv(name)
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("session-data")))
        yield


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the user's data directory and TABAYYUN_* variables."""
    import os

    for name in list(os.environ):
        if name.startswith("TABAYYUN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    # The cache directory is the test's own (engine snapshots land there), except for vectors:
    # the shared vector cache keeps real-model tests fast across runs.
    shared = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tabayyun"
    (shared / "vectors").mkdir(parents=True, exist_ok=True)
    own = tmp_path / "cache" / "tabayyun"
    own.mkdir(parents=True)
    (own / "vectors").symlink_to(shared / "vectors", target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def load_benchmark() -> Callable[[str], ModuleType]:
    """Loads `benchmarks/<name>.py` (a script, not a package) as a module."""

    def load(name: str) -> ModuleType:
        path = ROOT / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"benchmark_{name}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture
def seed_path() -> Path:
    """The seed article: ../shared/seed when present, else the package's identical copy."""
    from tabayyun.demo import SEED_SAMPLE, sample_path

    return SEED if SEED.exists() else sample_path(SEED_SAMPLE)


@pytest.fixture
def count_calls(monkeypatch: pytest.MonkeyPatch) -> Callable[[object, str], list[int]]:
    """`count_calls(owner, "name")` wraps `owner.name` and returns the list its calls fill."""

    def wrap(owner: object, name: str) -> list[int]:
        calls: list[int] = []
        original = getattr(owner, name)

        def counting(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counting)
        return calls

    return wrap
