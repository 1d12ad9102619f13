"""Fusing ranked lists: reciprocal rank fusion and per-query max-normalised score sums."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]

RRF_K = 60  # the constant of Cormack et al. (2009); robust across collections


def rrf(rankings: Sequence[Sequence[int]], *, k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds 1 / (k + rank) to the items it ranks (rank from 1)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def max_normalise(scores: Vector) -> Vector:
    """Scores divided by the best one, so one query's BM25 scale does not dominate another's."""
    top = float(scores.max()) if scores.size else 0.0
    if top <= 0:
        return np.zeros_like(scores)
    return (scores / top).astype(np.float32)


def ranked(fused: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The best `limit` (item, score) pairs, ties broken by item for a stable order."""
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
