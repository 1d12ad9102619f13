"""Quality gate: what the matcher decides on the project's news sets (news sentences in four
languages against fact-checks in four languages), against pinned floors and ceilings.

The sets ship in the repository (benchmarks/data/claim-retrieval/news-xling*), so this gate
runs on every machine; it embeds 1,152 short texts with e5 and the bridge encoder once (cached
in ~/.cache/tabayyun). Values live in
benchmarks/floors/claim_decisions.json and change only by editing that file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIMITS = json.loads((ROOT / "benchmarks" / "floors" / "claim_decisions.json").read_text())
FOLDERS = [ROOT / "benchmarks" / "data" / "claim-retrieval" / name
           for name in ("news-xling", "news-xling-test", "news-xling-test2",
                        "news-xling-test3")]  # fmt: skip


@pytest.fixture(scope="module")
def measured(load_benchmark: Callable[[str], ModuleType]) -> dict[str, dict[str, float]]:
    """Per "<dataset>/<split>": MAP@5 over the answerable queries; per "<dataset>/all": the
    top-1 "match" decisions, right and wrong, over every query."""
    from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache
    from tabayyun.embed.bridge import BridgeEmbedder

    bench = load_benchmark("claim_decisions")
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    bridge = CachedEmbedder(BridgeEmbedder(threads=2), VectorCache())
    out: dict[str, dict[str, float]] = {}
    for folder in FOLDERS:
        rows = bench.decide(folder, embedder, bridge)
        total = {"match_right": 0.0, "match_wrong": 0.0}
        for split in sorted({row["split"] for row in rows}):
            answerable = [r for r in rows if r["split"] == split and r["MAP@5"] is not None]
            n = sum(r["queries"] for r in answerable)
            out[f"{folder.name}/{split}"] = {
                "MAP@5": sum(r["MAP@5"] * r["queries"] for r in answerable) / n
            }
        for row in rows:
            for key in total:
                total[key] += row[key]
        out[f"{folder.name}/all"] = total
    return out


@pytest.mark.parametrize("name", sorted(LIMITS["floors"]))
def test_floors(measured: dict[str, dict[str, float]], name: str) -> None:
    for metric, floor in LIMITS["floors"][name].items():
        value = measured[name][metric]
        assert value >= floor, f"{name} {metric} fell to {value:.4f}, below its floor {floor}"


@pytest.mark.parametrize("name", sorted(LIMITS["ceilings"]))
def test_ceilings(measured: dict[str, dict[str, float]], name: str) -> None:
    for metric, ceiling in LIMITS["ceilings"][name].items():
        value = measured[name][metric]
        assert value <= ceiling, f"{name} {metric} rose to {value:.0f}, above its ceiling {ceiling}"


def test_every_query_language_is_measured(measured: dict[str, Any]) -> None:
    assert {k for k in measured if not k.endswith("/all")} == {
        f"{folder.name}/{lang}" for folder in FOLDERS for lang in ("ar", "en", "fa", "ru")
    }


def test_every_measure_has_a_limit(measured: dict[str, Any]) -> None:
    limited = {*LIMITS["floors"], *LIMITS["ceilings"]}
    assert set(measured) == limited, "pin a floor for every set in claim_decisions.json"


def test_the_summary_line_adds_up(load_benchmark: Callable[[str], ModuleType]) -> None:
    """The text output's last table: MAP@5 weighted by queries, match precision, and the
    wrong verdicts on texts no fact-check answers."""
    bench = load_benchmark("claim_decisions")
    row = {"dataset": "d", "split": "ar", "match_right": 0, "match_wrong": 0}
    rows = [
        {**row, "pair": "ar-en", "queries": 3, "MAP@5": 1.0, "match_right": 3},
        {**row, "pair": "ar-fa", "queries": 1, "MAP@5": 0.0, "match_wrong": 1},
        {**row, "pair": "ar-none", "queries": 2, "MAP@5": None, "match_wrong": 1},
    ]
    assert bench.summary(rows) == {"d": "ar 0.750 | 3 | 2 | 0.600 | 1"}
