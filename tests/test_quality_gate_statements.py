"""Quality gate: attributed statements on the project's own sets, against pinned floors.

The sets ship in the repository (benchmarks/data/statements*/, written for the project), so the
gate runs on every machine. Floors live in benchmarks/floors/statements.json and change only by
editing that file. Russian names come from natasha; the rest are rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "benchmarks" / "floors" / "statements.json").read_text())["floors"]


@pytest.fixture(scope="module")
def results(load_benchmark: Callable[[str], ModuleType]) -> dict[str, dict[str, Any]]:
    rows = load_benchmark("statements").evaluate(ROOT / "benchmarks" / "data")
    return {row["dataset"]: row for row in rows}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_entity_floors(results: dict[str, dict[str, Any]], name: str) -> None:
    assert name in results, f"{name} was not evaluated; is its folder or language file missing?"
    below = {
        metric: (results[name][metric], floor)
        for metric, floor in FLOORS[name].items()
        if results[name][metric] < floor
    }
    assert not below, f"{name}: (measured, floor) below the pinned floor: {below}"


def test_every_set_has_a_floor(results: dict[str, dict[str, Any]]) -> None:
    # A new set or language must get its floor, or it would never be guarded.
    assert sorted(results) == sorted(FLOORS)
