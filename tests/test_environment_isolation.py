"""The test session never reads the developer's TABAYYUN_* variables, not even in fixtures that
are set up once per module (the quality gates run their benchmarks in such fixtures)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tabayyun.config import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def module_settings() -> tuple[dict[str, str], Settings]:
    leaked = {k: v for k, v in os.environ.items() if k.startswith("TABAYYUN_")}
    return leaked, Settings.from_env()


def test_module_fixtures_see_no_tabayyun_variable(
    module_settings: tuple[dict[str, str], Settings],
) -> None:
    leaked, settings = module_settings
    assert leaked == {}
    assert settings.match_foreign_preference == Settings().match_foreign_preference


def test_a_variable_set_in_the_shell_does_not_reach_module_fixtures() -> None:
    env = {**os.environ, "TABAYYUN_MATCH_FOREIGN_PREFERENCE": "3"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).name}::test_module_fixtures_see_no_tabayyun_variable",
        ],
        cwd=Path(__file__).parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "1 passed" in run.stdout
