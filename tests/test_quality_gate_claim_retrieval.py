"""Quality gate: claim-retrieval MAP@5 on the dev splits must stay at or above pinned floors.

Floors live in benchmarks/floors/claim_retrieval.json and change only by editing that file.
Vectors come from the shared cache (~/.cache/tabayyun/vectors); on a machine whose cache is empty
the first run embeds each corpus three times (passage and query kind, and latent terms, the
Arabic one for the mixed registry), about 35 minutes on 2 cores, once, and with the bridge
encoder once more (under a minute); later runs take about a minute. Floors on
"<dataset> (mixed)" measure one registry holding every corpus those floors name
(`benchmarks/claim_retrieval.py --mixed`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FLOORS = ROOT / "benchmarks" / "floors" / "claim_retrieval.json"
MIXED = " (mixed)"  # floors measured with every named corpus in one registry


def _floors() -> dict[str, dict[str, float]]:
    floors: dict[str, dict[str, float]] = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    return floors


@pytest.fixture(scope="module")
def results(load_benchmark: Callable[[str], ModuleType]) -> dict[str, dict[str, Any]]:
    base = DATA / "claim-retrieval"
    if not base.is_dir():
        pytest.skip(f"{base} is absent: the quality gate needs the shared benchmark data")
    from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache
    from tabayyun.embed.bridge import BridgeEmbedder

    bench = load_benchmark("claim_retrieval")
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    # The engine as shipped: the bridge encoder re-ranks foreign claims (embed/bridge.py).
    bridge = CachedEmbedder(BridgeEmbedder(threads=2), VectorCache())
    wanted = sorted({key.split("/")[0].removesuffix(MIXED) for key in _floors()})
    folders = [base / name for name in wanted if (base / name / "corpus.jsonl").is_file()]
    symmetric = bench.needs_symmetric(folders)
    engines: dict[str, Any] = {}
    out: dict[str, dict[str, Any]] = {}
    for folder in folders:
        key = bench.corpus_key(folder)
        if key not in engines:
            engines[key] = bench.build(
                bench.read_corpus(folder), embedder, symmetric=symmetric[key], bridge=bridge
            )[0]
        out[f"{folder.name}/dev"] = bench.evaluate(engines[key], folder, "dev", embedder, None)[
            "metrics"
        ]
    mixed = sorted({k.split("/")[0].removesuffix(MIXED) for k in _floors() if MIXED in k})
    if mixed:
        # One registry of every corpus these floors name, as a multilingual deployment holds.
        engine = bench.build_mixed([base / name for name in mixed], embedder, bridge)[0]
        for name in mixed:
            result = bench.evaluate(engine, base / name, "dev", embedder, None)
            out[f"{name}{MIXED}/dev"] = result["metrics"]
    return out


@pytest.mark.parametrize("key", sorted(_floors()))
def test_dev_split_stays_above_its_floor(results: dict[str, dict[str, Any]], key: str) -> None:
    dataset_split, method = key.rsplit("/", 1)
    if dataset_split not in results:
        pytest.skip(f"{dataset_split} is not in the shared data")
    for metric, floor in _floors()[key].items():
        value = results[dataset_split][method][metric]
        assert value >= floor, f"{key} {metric} fell to {value:.4f}, below its floor {floor}"
