"""Quality gates on the project's own understanding sets, against pinned floors.

Entities (benchmarks/data/entities*/) and attributed statements (benchmarks/data/statements*/)
are written for the project and ship in the repository, so these gates run on every machine.
Floors live in benchmarks/floors/{entities,statements}.json and change only by editing those
files. Russian names come from natasha; the rest are rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# benchmark -> the rows' label that summarises a dataset (None: every row is a summary)
SUMMARY_LABEL = {"entities": "ALL", "statements": None}
FLOORS = {
    benchmark: json.loads((ROOT / "benchmarks" / "floors" / f"{benchmark}.json").read_text())[
        "floors"
    ]
    for benchmark in SUMMARY_LABEL
}


@pytest.fixture(scope="module")
def results(load_benchmark: Callable[[str], ModuleType]) -> dict[str, dict[str, dict[str, Any]]]:
    found = {}
    for benchmark, label in SUMMARY_LABEL.items():
        rows = load_benchmark(benchmark).evaluate(ROOT / "benchmarks" / "data")
        found[benchmark] = {
            row["dataset"]: row for row in rows if label is None or row["label"] == label
        }
    return found


@pytest.mark.parametrize(
    ("benchmark", "name"),
    [(benchmark, name) for benchmark, floors in FLOORS.items() for name in sorted(floors)],
)
def test_floors(results: dict[str, dict[str, dict[str, Any]]], benchmark: str, name: str) -> None:
    measured = results[benchmark]
    assert name in measured, f"{name} was not evaluated; is its folder or language file missing?"
    below = {
        metric: (measured[name][metric], floor)
        for metric, floor in FLOORS[benchmark][name].items()
        if measured[name][metric] < floor
    }
    assert not below, f"{name}: (measured, floor) below the pinned floor: {below}"


@pytest.mark.parametrize("benchmark", sorted(FLOORS))
def test_every_set_has_a_floor(
    results: dict[str, dict[str, dict[str, Any]]], benchmark: str
) -> None:
    # A new set or language must get its floor, or it would never be guarded.
    assert sorted(results[benchmark]) == sorted(FLOORS[benchmark])
