"""Quality gate: the shipped check-worthiness scorer on every dev-test split, against pinned floors.

Each folder is scored with its "dataset" profile: the 2022-1A folders with their own heads (1A asks
"check-worthy among verifiable tweets"), every other folder with the default model, the pipeline's
(trained on the 2024 and 1B train+dev splits; the project's own sets are never trained on).

Floors live in benchmarks/floors/checkworthiness.json and change only by editing that file.
The project's own sets (Persian, Russian; Arabic and English news) live in the repository and
are gated everywhere; the
CheckThat! floors skip, with a message, where ../shared/data is absent.
Vectors come from the e5 cache; on a fresh machine the ~4.2k dev-test sentences plus the ~1,490
project sentences are embedded once (about 5-8 minutes on 2 cores,
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


def _is_project_set(name: str) -> bool:
    return (PROJECT_DATA / "check-worthiness" / name.split("/")[0]).is_dir()


@pytest.fixture(scope="module")
def results(load_benchmark: Callable[[str], ModuleType]) -> dict[str, dict[str, Any]]:
    # The project's own sets ship in the repository, so they are gated on every machine; the
    # CheckThat! ones where ../shared/data is present.
    evaluate = load_benchmark("checkworthiness").evaluate
    rows = evaluate(PROJECT_DATA, splits=["dev-test"], profiles=["dataset"])
    if (SHARED_DATA / "check-worthiness").is_dir():
        rows += evaluate(SHARED_DATA, splits=["dev-test"], profiles=["dataset"])
    return {f"{r['dataset']}/{r['split']}": r for r in rows}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_metric_floors(results: dict[str, dict[str, Any]], name: str) -> None:
    shared = SHARED_DATA / "check-worthiness"
    if name not in results and not _is_project_set(name) and not shared.is_dir():
        pytest.skip(f"{shared} is absent; fetch the shared benchmark data")
    assert name in results, f"{name} was not evaluated; is its folder missing?"
    below = {
        metric: (results[name][metric], floor)
        for metric, floor in FLOORS[name].items()
        if results[name][metric] < floor
    }
    assert not below, f"{name}: (measured, floor) below the pinned floor: {below}"
