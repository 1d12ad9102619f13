"""The mixed benchmark's translation pairs: one fact-check held in two languages counts once."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np

from tabayyun.embed import FakeEmbedder
from tabayyun.matching import IndexedClaim, MatchEngine

Loader = Callable[[str], ModuleType]


def _pairs(load_benchmark: Loader, langs: str, rows: list[list[float]]) -> dict[int, int]:
    """`translation_pairs` of a registry with one claim per letter of `langs` ("e": English,
    "a": Arabic, "r": Russian), whose passage vectors are `rows` (normalised here)."""
    names = {"e": "en", "a": "ar", "r": "ru"}
    claims = [IndexedClaim(f"c{i}", f"claim {i}", lang=names[c]) for i, c in enumerate(langs)]
    out = np.zeros((len(rows), FakeEmbedder().dim), dtype=np.float32)
    out[:, : len(rows[0])] = rows
    vectors = out / np.linalg.norm(out, axis=1, keepdims=True)
    engine = MatchEngine.build(claims, FakeEmbedder(), vectors=vectors, query_vectors=vectors)
    pairs: dict[int, int] = load_benchmark("claim_retrieval").translation_pairs(engine, vectors)
    return pairs


def test_translation_pairs_are_mutual_close_and_clear_of_the_runner_up(
    load_benchmark: Loader,
) -> None:
    rows = [
        [1.0, 0.0, 0.0, 0.0],
        [0.0, 1.0, 0.0, 0.0],
        [0.0, 1.0, 0.2, 0.0],  # close to claim 1
        [1.0, 0.05, 0.0, 0.0],  # claim 0 in Arabic: cosine 0.999, far from the rest
        [0.0, 1.0, 0.1, 0.0],  # 0.995 to both claims 1 and 2: no clear translation
        [0.3, 0.0, 0.0, 1.0],  # unrelated
    ]
    assert _pairs(load_benchmark, "eeeaaa", rows) == {0: 3, 3: 0}
    assert _pairs(load_benchmark, "eee", rows[:3]) == {}


def test_a_translation_ranked_first_counts_as_the_relevant_claim_once(
    load_benchmark: Loader,
) -> None:
    bench = load_benchmark("claim_retrieval")
    pairs = {0: 3, 3: 0}
    assert bench.map5_translations([3, 5, 0], {0}, pairs) == 1.0
    assert bench.map5_translations([5, 3, 0], {0}, pairs) == 0.5
    assert bench.map5_translations([5, 4, 1], {0}, pairs) == 0.0
    # Without pairs it is plain AP@5.
    assert bench.map5_translations([3, 0], {0}, {}) == 0.5


def test_nearest_both_ways_in_blocks_equals_the_full_product(
    load_benchmark: Loader,
) -> None:
    bench = load_benchmark("claim_retrieval")
    rng = np.random.default_rng(0)
    left = rng.normal(size=(50, 8)).astype(np.float32)
    right = rng.normal(size=(30, 8)).astype(np.float32)
    best, top2, back = bench._nearest_both_ways(left, right, block=7)
    sims = left @ right.T
    assert (best == sims.argmax(axis=1)).all() and (back == sims.argmax(axis=0)).all()
    # float32 products summed in blocks may differ from the full product in the last bit.
    np.testing.assert_allclose(top2, np.sort(sims, axis=1)[:, -2:], rtol=1e-5)


def test_a_pair_must_be_each_other_s_nearest(load_benchmark: Loader) -> None:
    rows = [
        [1.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 1.0, 0.0],
        [1.0, 0.45, 0.0, 0.0],  # nearest to claim 0 (0.91), but claim 0 is nearer to claim 3
        [1.0, 0.1, 0.0, 0.0],  # claim 0's nearest (0.995)
    ]
    assert _pairs(load_benchmark, "eeaa", rows) == {0: 3, 3: 0}


def test_with_three_languages_a_claim_joins_one_pair(load_benchmark: Loader) -> None:
    same = [1.0, 0.0, 0.0, 0.0]
    rows = [same, [0, 0, 1, 0], same, [0, 0, 0.9, 0.3], same, [0, 0.3, 0.9, 0]]
    pairs = _pairs(load_benchmark, "eeaarr", rows)
    # Claims 0, 2 and 4 are one fact-check in three languages: two of them pair, never a chain.
    assert all(pairs[pairs[p]] == p for p in pairs)
    assert len([p for p in (0, 2, 4) if p in pairs]) == 2
