"""The mixed benchmark's translation pairs: one fact-check held in two languages counts once."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np

from tabayyun.embed import FakeEmbedder
from tabayyun.matching import IndexedClaim, MatchEngine


def _unit(rows: list[list[float]]) -> np.ndarray:
    out = np.zeros((len(rows), FakeEmbedder().dim), dtype=np.float32)
    out[:, : len(rows[0])] = rows
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_translation_pairs_are_mutual_close_and_clear_of_the_runner_up(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    bench = load_benchmark("claim_retrieval")
    claims = [
        IndexedClaim("e0", "Bridges fell in the flood."),
        IndexedClaim("e1", "Bread prices will double."),
        IndexedClaim("e2", "A new frog species was found."),
        IndexedClaim("a0", "سقطت الجسور في الفيضان", lang="ar"),
        IndexedClaim("a1", "أسعار الخبز ستتضاعف", lang="ar"),
        IndexedClaim("a2", "تقرير عن الطقس", lang="ar"),
    ]
    vectors = _unit(
        [
            [1.0, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.0, 0.0],
            [0.0, 1.0, 0.2, 0.0],  # close to e1
            [1.0, 0.05, 0.0, 0.0],  # e0 in Arabic: cosine 0.999, far from the rest
            [0.0, 1.0, 0.1, 0.0],  # 0.995 to both e1 and e2: no clear translation
            [0.3, 0.0, 0.0, 1.0],  # unrelated
        ]
    )
    engine = MatchEngine.build(claims, FakeEmbedder(), vectors=vectors, query_vectors=vectors)
    assert bench.translation_pairs(engine) == {0: 3, 3: 0}
    one_language = MatchEngine.build(
        claims[:3], FakeEmbedder(), vectors=vectors[:3], query_vectors=vectors[:3]
    )
    assert bench.translation_pairs(one_language) == {}


def test_a_translation_ranked_first_counts_as_the_relevant_claim_once(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    bench = load_benchmark("claim_retrieval")
    pairs = {0: 3, 3: 0}
    assert bench.map5_translations([3, 5, 0], {0}, pairs) == 1.0
    assert bench.map5_translations([5, 3, 0], {0}, pairs) == 0.5
    assert bench.map5_translations([5, 4, 1], {0}, pairs) == 0.0
    # Without pairs it is plain AP@5.
    assert bench.map5_translations([3, 0], {0}, {}) == 0.5


def test_nearest_both_ways_in_blocks_equals_the_full_product(
    load_benchmark: Callable[[str], ModuleType],
) -> None:
    bench = load_benchmark("claim_retrieval")
    rng = np.random.default_rng(0)
    left = rng.normal(size=(50, 8)).astype(np.float32)
    right = rng.normal(size=(30, 8)).astype(np.float32)
    best, top2, back = bench._nearest_both_ways(left, right, block=7)
    sims = left @ right.T
    assert (best == sims.argmax(axis=1)).all() and (back == sims.argmax(axis=0)).all()
    np.testing.assert_allclose(top2, np.sort(sims, axis=1)[:, -2:])
