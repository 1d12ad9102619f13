"""Quality gate: the shipped check-worthiness scorer on every dev-test split, against pinned floors.

Each folder is scored with its "dataset" profile: the 2022-1A folders with their own heads (1A asks
"check-worthy among verifiable tweets"), every other folder with the default model, the pipeline's
(trained on the 2024 and 1B train+dev splits; the project fa/ru sets are never trained on).

Floors live in benchmarks/floors/checkworthiness.json and change only by editing that file.
Vectors come from the e5 cache; on a fresh machine the ~4.2k dev-test sentences plus the ~1,170
project sentences (two sets per language) are embedded once (about 5-8 minutes on 2 cores,
then seconds).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
PROJECT_DATA = ROOT / "benchmarks" / "data"
FLOORS = json.loads((ROOT / "benchmarks" / "floors" / "checkworthiness.json").read_text())["floors"]

pytestmark = [pytest.mark.slow, pytest.mark.data]


@pytest.fixture(scope="module")
def results(load_benchmark: Callable[[str], ModuleType]) -> dict[str, dict[str, Any]]:
    if not (SHARED_DATA / "check-worthiness").is_dir():
        pytest.skip(f"{SHARED_DATA}/check-worthiness is absent; fetch the shared benchmark data")
    evaluate = load_benchmark("checkworthiness").evaluate
    rows = []
    for data in (SHARED_DATA, PROJECT_DATA):
        rows += evaluate(data, splits=["dev-test"], profiles=["dataset"])
    return {f"{r['dataset']}/{r['split']}": r for r in rows}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_metric_floors(results: dict[str, dict[str, Any]], name: str) -> None:
    assert name in results, f"{name} was not evaluated; is its folder missing?"
    below = {
        metric: (results[name][metric], floor)
        for metric, floor in FLOORS[name].items()
        if results[name][metric] < floor
    }
    assert not below, f"{name}: (measured, floor) below the pinned floor: {below}"
