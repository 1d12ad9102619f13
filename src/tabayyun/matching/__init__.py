"""Claim matching: find the fact-checked claims an incoming text repeats, in ar/fa/ru/en."""

from __future__ import annotations

from tabayyun.matching.engine import Candidate, MatchEngine, Thresholds, load_thresholds
from tabayyun.matching.records import IndexedClaim

__all__ = ["Candidate", "IndexedClaim", "MatchEngine", "Thresholds", "load_thresholds"]
