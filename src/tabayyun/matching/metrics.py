"""Ranking metrics of the claim-retrieval benchmarks (CheckThat! definitions)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet


def average_precision(
    ranking: Sequence[Hashable], relevant: AbstractSet[Hashable], k: int
) -> float:
    """AP@k: precision at each relevant hit in the top k, over min(|relevant|, k)."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranking[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k)


def reciprocal_rank(ranking: Sequence[str], relevant: set[str]) -> float:
    """1 / rank of the first relevant item; 0 when none was retrieved."""
    for rank, doc in enumerate(ranking, 1):
        if doc in relevant:
            return 1.0 / rank
    return 0.0


def recall(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """Share of the relevant items found in the top k."""
    return len(set(ranking[:k]) & relevant) / len(relevant) if relevant else 0.0


def summarise(rankings: Sequence[Sequence[str]], qrels: Sequence[set[str]]) -> dict[str, float]:
    """MAP@1, MAP@5, MRR, Recall@10 and Recall@50 over queries (means)."""
    n = max(len(rankings), 1)
    pairs = list(zip(rankings, qrels, strict=True))
    return {
        "MAP@1": sum(average_precision(r, q, 1) for r, q in pairs) / n,
        "MAP@5": sum(average_precision(r, q, 5) for r, q in pairs) / n,
        "MRR": sum(reciprocal_rank(r, q) for r, q in pairs) / n,
        "Recall@10": sum(recall(r, q, 10) for r, q in pairs) / n,
        "Recall@50": sum(recall(r, q, 50) for r, q in pairs) / n,
    }
