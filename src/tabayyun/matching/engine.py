"""Claim matching: dense and BM25 candidates, fused, verified and scored by a learned model.

For one incoming text the engine
1. embeds it (e5 `query:`) and takes the nearest registry entries (dense);
2. scores every entry by BM25 over stemmed terms (lexical);
3. feeds back the top dense hits: their terms re-query BM25 and their vectors re-query the dense
   index (pseudo-relevance feedback). This is what lets an Arabic, Persian or Russian text reach
   English fact-checks lexically without a translation model;
4. computes ranking and verification features for the union of candidates and scores them with
   the shipped scorer: "mono" when text and claim share a language, "cross" when they do not
   (it ignores direct BM25, which means little across scripts);
5. cuts the final probability with the thresholds of that language pair: "match" or "suggest".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from tabayyun.config import Settings
from tabayyun.embed.base import Embedder, l2_normalise
from tabayyun.errors import ConfigError, InputError
from tabayyun.lang.normalize import search_terms
from tabayyun.matching.bm25 import BM25Index
from tabayyun.matching.dense import DEFAULT_EXACT_LIMIT, DenseIndex
from tabayyun.matching.fusion import max_normalise, rrf
from tabayyun.matching.records import IndexedClaim
from tabayyun.matching.scorer import MODELS_DIR, Scorer, load_models
from tabayyun.matching.verify import FEATURES as VERIFY_FEATURES
from tabayyun.matching.tweet import clean_tweet
from tabayyun.matching.verify import Profile, anchor_terms, compare, profile

Decision = Literal["match", "suggest"] | None
Vector = npt.NDArray[np.float32]

DEPTH = 50  # candidates taken from each retriever
PRF_DOCS = 3  # top dense hits fed back
PRF_TERMS = 24  # terms of those hits that re-query BM25

# Features that need no shared language: the "cross" scorer uses only these. "sym*" compare the
# text with claims embedded as e5 queries too: a translated tweet is closer to a claim embedded
# the same way than to its `passage:` vector (xling-ru dev, top-10 re-ranked: MAP@5 0.757 -> 0.806).
SYM_FEATURES = ("sym", "sym_gap", "sym_rr")
CROSS_FEATURES = (
    *SYM_FEATURES,
    "dense",
    "dense_gap",
    "dense_rr",
    "prf_dense",
    "prf_dense_gap",
    "prf_bm25_norm",
    "prf_bm25_rr",
    *VERIFY_FEATURES,
)
LEXICAL_FEATURES = ("bm25_norm", "bm25_log", "bm25_rr", "title_overlap", "claim_overlap", "rrf")
EXTRA_FEATURES = (
    "comb",
    "comb_gap",
    "comb_rr",
    "bm25_title_norm",
    "bm25_claim_norm",
    "xl_norm",
    "xl_rr",
    "xl_log",
)
ALL_FEATURES = (*CROSS_FEATURES, *LEXICAL_FEATURES, *EXTRA_FEATURES)
MONO_FEATURES = tuple(f for f in ALL_FEATURES if f not in SYM_FEATURES and f not in EXTRA_FEATURES)
EXP = {"clean": True, "prf_from": "dense", "xl_depth": 0, "depth_dense": 50}


@dataclass(frozen=True)
class Thresholds:
    """Probability cuts of one language pair: at or above `match` is a match, `suggest` a lead."""

    suggest: float
    match: float

    def decide(self, probability: float) -> Decision:
        """The decision for a final probability."""
        if probability >= self.match:
            return "match"
        if probability >= self.suggest:
            return "suggest"
        return None


@dataclass
class Candidate:
    """One registry entry found for a text, with the score of every stage."""

    claim: IndexedClaim
    dense: float
    bm25: float
    fused: float
    final: float
    decision: Decision
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Retrieval:
    """Everything one query produced: candidate positions, features and each method's ranking."""

    lang: str
    positions: npt.NDArray[np.int64]
    features: npt.NDArray[np.float64]  # rows as `positions`, columns as ALL_FEATURES
    dense: Vector  # per candidate
    bm25: Vector
    fused: Vector
    final: npt.NDArray[np.float64]

    def ranking(self, method: str, limit: int) -> list[int]:
        """Registry positions ranked by `method` ("bm25", "dense", "fused" or "final")."""
        scores = {"bm25": self.bm25, "dense": self.dense, "fused": self.fused}.get(method)
        values = self.final if scores is None else scores
        order = np.lexsort((self.positions, -np.asarray(values, dtype=np.float64)))
        return [int(self.positions[i]) for i in order[:limit]]


def load_thresholds(path: Path | None = None) -> dict[str, Thresholds]:
    """Thresholds by language pair ("ar-en": text in Arabic, claim in English) and "default"."""
    file = path or MODELS_DIR / "thresholds.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {
            pair: Thresholds(float(cut["suggest"]), float(cut["match"]))
            for pair, cut in data["pairs"].items()
        }
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"Cannot read matching thresholds {file} ({exc}); rerun scripts/train_matcher.py."
        ) from exc


class MatchEngine:
    """Finds the fact-checked claims an incoming text repeats. Build with `MatchEngine.build`."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        exact_limit: int = DEFAULT_EXACT_LIMIT,
        models: dict[str, Scorer] | None = None,
        thresholds: dict[str, Thresholds] | None = None,
        symmetric: bool = True,
    ) -> None:
        self.embedder = embedder
        # Claims embedded as queries as well (twice the indexing cost) for cross-lingual matching;
        # without them the "cross" scorer falls back to the passage vectors for its sym features.
        self.symmetric = DenseIndex(embedder.dim, exact_limit=exact_limit) if symmetric else None
        self.records: list[IndexedClaim] = []
        self.dense = DenseIndex(embedder.dim, exact_limit=exact_limit)
        self.bm25 = BM25Index()
        self.bm25_title = BM25Index()
        self.bm25_claim = BM25Index()
        self.anchors = BM25Index(k1=1.2, b=0.3)
        self.models = models if models is not None else load_models()
        self.thresholds = thresholds if thresholds is not None else load_thresholds()
        for name in ("mono", "cross"):
            if name not in self.models:
                raise ConfigError(f"The matcher needs a {name!r} scorer; rerun train_matcher.py.")
        self._profiles: list[Profile] = []
        self._title_terms: list[frozenset[str]] = []
        self._claim_terms: list[frozenset[str]] = []
        self._langs: list[str] = []

    @classmethod
    def build(
        cls,
        records: Sequence[IndexedClaim],
        embedder: Embedder,
        *,
        settings: Settings | None = None,
        exact_limit: int = DEFAULT_EXACT_LIMIT,
        vectors: Vector | None = None,
        query_vectors: Vector | None = None,
        models: dict[str, Scorer] | None = None,
        thresholds: dict[str, Thresholds] | None = None,
        symmetric: bool = True,
    ) -> MatchEngine:
        """Index `records`; `vectors` / `query_vectors` skip embedding them (passage / query).

        `settings` is accepted for the embedder's cache location by callers that build one.
        """
        del settings  # the engine itself has no setting yet; the embedder carries the cache
        engine = cls(
            embedder,
            exact_limit=exact_limit,
            models=models,
            thresholds=thresholds,
            symmetric=symmetric,
        )
        engine.add(records, vectors=vectors, query_vectors=query_vectors)
        return engine

    def __len__(self) -> int:
        return len(self.records)

    def add(
        self,
        records: Sequence[IndexedClaim],
        *,
        vectors: Vector | None = None,
        query_vectors: Vector | None = None,
    ) -> None:
        """Index more records; earlier ones keep their positions."""
        records = list(records)
        if not records:
            return
        passages = [r.passage for r in records]
        if vectors is None:
            vectors = self.embedder.embed_passages(passages)
        if self.symmetric is not None and query_vectors is None:
            query_vectors = self.embedder.embed_queries(passages)
        for given in (vectors, query_vectors):
            if given is not None and len(given) != len(records):
                raise InputError(f"{len(records)} records but {len(given)} vectors; pass one each.")
        self.dense.add(vectors)
        if self.symmetric is not None and query_vectors is not None:
            self.symmetric.add(query_vectors)
        self.bm25.add([r.passage for r in records], [r.lang for r in records])
        self.bm25_title.add([r.title for r in records], [r.lang for r in records])
        self.bm25_claim.add([r.claim for r in records], [r.lang for r in records])
        new_profiles = [profile(record.passage, record.lang) for record in records]
        self.anchors.add_terms([anchor_terms(p) for p in new_profiles])
        for record, prof in zip(records, new_profiles, strict=True):
            self._profiles.append(prof)
            self._title_terms.append(frozenset(search_terms(record.title, record.lang)))
            self._claim_terms.append(frozenset(search_terms(record.claim, record.lang)))
            self._langs.append(record.lang)
        self.records.extend(records)

    def match(
        self, text: str, *, lang: str | None = None, k: int = 10, vector: Vector | None = None
    ) -> list[Candidate]:
        """The `k` best registry entries for `text`, best first, each with its decision."""
        found = self.retrieve(text, lang=lang, vector=vector)
        out: list[Candidate] = []
        for position in found.ranking("final", k):
            i = int(np.flatnonzero(found.positions == position)[0])
            claim = self.records[position]
            probability = float(found.final[i])
            cut = self.thresholds.get(f"{found.lang}-{claim.lang}") or self.thresholds["default"]
            out.append(
                Candidate(
                    claim=claim,
                    dense=float(found.dense[i]),
                    bm25=float(found.bm25[i]),
                    fused=float(found.fused[i]),
                    final=probability,
                    decision=cut.decide(probability),
                    features=dict(zip(ALL_FEATURES, map(float, found.features[i]), strict=True)),
                )
            )
        return out

    def retrieve(
        self, text: str, *, lang: str | None = None, vector: Vector | None = None
    ) -> Retrieval:
        """Candidates with every score and feature: what `match` ranks and benchmarks measure."""
        if not text or not text.strip():
            raise InputError("Nothing to match: the text is empty. Pass the sentence to check.")
        if lang is None:
            from tabayyun.lang.detect import detect_language

            lang = detect_language(text)[0]
        if vector is None:
            vector = self.embedder.embed_queries([text])[0]
        n = len(self.records)
        if n == 0:
            empty = np.zeros(0, dtype=np.float32)
            return Retrieval(
                lang,
                np.zeros(0, np.int64),
                np.zeros((0, len(ALL_FEATURES))),
                empty,
                empty,
                empty,
                np.zeros(0),
            )
        depth = min(DEPTH, n)
        dense_depth = min(EXP["depth_dense"], n)
        query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        _, dense_ids = self.dense.search(query, dense_depth)
        dense_top = [int(i) for i in dense_ids[0] if i >= 0]
        sym_index = self.symmetric if self.symmetric is not None else self.dense
        _, sym_ids = sym_index.search(query, dense_depth)
        sym_top = [int(i) for i in sym_ids[0] if i >= 0]

        # Links, embed footers and tags say nothing about the claim: lexical features skip them.
        lexical = clean_tweet(text) if EXP["clean"] else text
        query_terms = search_terms(lexical, lang)
        bm25_query = self.bm25.terms_query(query_terms)
        bm25_all = self.bm25.score_vector(bm25_query)
        bm25_top = _top(bm25_all, depth)
        query_profile = profile(lexical, lang)
        xl_all = self.anchors.score_vector(self.anchors.terms_query(anchor_terms(query_profile)))
        xl_top = _top(xl_all, EXP["xl_depth"]) if EXP["xl_depth"] else []

        # Dense and symmetric scores together rank the dense candidates best; their top hits
        # are fed back (pseudo-relevance feedback), in lexical and in vector space.
        if EXP["prf_from"] == "comb":
            both = np.asarray(sorted(set(dense_top[:10]) | set(sym_top[:10])), dtype=np.int64)
            both_score = self.dense.scores_for(query, both) + sym_index.scores_for(query, both)
            feedback = [int(both[i]) for i in np.argsort(-both_score, kind="stable")[:PRF_DOCS]]
        else:
            feedback = dense_top[:PRF_DOCS]
        prf_all = self.bm25.score_term_ids(self._feedback_terms(feedback))
        prf_top = _top(prf_all, depth)
        # The feedback vector only re-scores candidates, so each query costs one full search.
        prf_query = l2_normalise(query[0] + self.dense.vectors[feedback].mean(axis=0))

        positions = np.asarray(
            sorted(
                set(dense_top) | set(sym_top) | set(bm25_top) | set(prf_top) | set(xl_top)
            ),
            dtype=np.int64,
        )
        dense = self.dense.scores_for(query, positions)
        sym = sym_index.scores_for(query, positions)
        comb = (dense + sym) / 2
        comb_order = np.argsort(-comb, kind="stable")
        comb_rank = {int(positions[i]): r for r, i in enumerate(comb_order)}
        sym_rank = {p: r for r, p in enumerate(sym_top)}
        prf_dense = self.dense.scores_for(prf_query, positions)
        bm25 = bm25_all[positions]
        fused_map = rrf([dense_top[:depth], bm25_top])
        fused = np.asarray([fused_map.get(int(p), 0.0) for p in positions], dtype=np.float32)
        dense_rank = {p: r for r, p in enumerate(dense_top)}
        bm25_rank = {p: r for r, p in enumerate(bm25_top)}
        prf_rank = {p: r for r, p in enumerate(prf_top)}
        xl = xl_all[positions]
        xl_norm = max_normalise(xl)
        xl_order = np.lexsort((positions, -xl))
        xl_rank = {int(positions[i]): r for r, i in enumerate(xl_order) if xl[i] > 0}
        title_norm = max_normalise(self.bm25_title.score_vector(self.bm25_title.terms_query(query_terms))[positions])
        claim_norm = max_normalise(self.bm25_claim.score_vector(self.bm25_claim.terms_query(query_terms))[positions])

        query_set = frozenset(query_terms)
        bm25_norm = max_normalise(bm25)
        prf_norm = max_normalise(prf_all[positions])
        top_dense, top_prf, top_sym = float(dense.max()), float(prf_dense.max()), float(sym.max())
        top_comb = float(comb.max())
        rows = np.zeros((len(positions), len(ALL_FEATURES)))
        for i, p in enumerate(map(int, positions)):
            title, claim = self._title_terms[p], self._claim_terms[p]
            values = {
                "sym": float(sym[i]),
                "sym_gap": top_sym - float(sym[i]),
                "sym_rr": 1.0 / (1 + sym_rank.get(p, depth)),
                "dense": float(dense[i]),
                "dense_gap": top_dense - float(dense[i]),
                "dense_rr": 1.0 / (1 + min(dense_rank.get(p, depth), depth)),
                "prf_dense": float(prf_dense[i]),
                "prf_dense_gap": top_prf - float(prf_dense[i]),
                "prf_bm25_norm": float(prf_norm[i]),
                "prf_bm25_rr": 1.0 / (1 + prf_rank.get(p, depth)),
                "bm25_norm": float(bm25_norm[i]),
                "bm25_log": math.log1p(float(bm25[i])),
                "bm25_rr": 1.0 / (1 + bm25_rank.get(p, depth)),
                "title_overlap": len(title & query_set) / len(title) if title else 0.0,
                "claim_overlap": len(claim & query_set) / len(claim) if claim else 0.0,
                "rrf": float(fused[i]) * 60,
                "comb": float(comb[i]),
                "comb_gap": top_comb - float(comb[i]),
                "comb_rr": 1.0 / (1 + min(comb_rank[p], depth)),
                "bm25_title_norm": float(title_norm[i]),
                "bm25_claim_norm": float(claim_norm[i]),
                "xl_norm": float(xl_norm[i]),
                "xl_rr": 1.0 / (1 + xl_rank.get(p, depth)),
                "xl_log": math.log1p(float(xl[i])),
                **compare(query_profile, self._profiles[p]),
            }
            rows[i] = [values[name] for name in ALL_FEATURES]
        final = self._final(lang, positions, rows)
        return Retrieval(lang, positions, rows, dense, bm25, fused, final)

    def _feedback_terms(self, feedback: list[int]) -> dict[int, float]:
        weights: dict[int, float] = {}
        for rank, doc in enumerate(feedback):
            for term, count in self.bm25.doc_terms(doc).items():
                # Higher-ranked hits and rarer words say more about what the text is about.
                gain = self.bm25.idf(term) * min(count, 2) / (1 + rank)
                weights[term] = weights.get(term, 0.0) + gain
        best = sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))[:PRF_TERMS]
        return dict(best)

    def _final(
        self, lang: str, positions: npt.NDArray[np.int64], rows: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        final = np.zeros(len(positions))
        same = np.asarray([self._langs[int(p)] == lang for p in positions], dtype=bool)
        for name, chosen in (("mono", same), ("cross", ~same)):
            if chosen.any():
                model = self.models[name]
                cols = [ALL_FEATURES.index(f) for f in model.features]
                final[chosen] = model.probability(rows[chosen][:, cols])
        return final


def _top(scores: Vector, k: int) -> list[int]:
    """Positions of the `k` best positive scores, best first (ties by position)."""
    if not scores.size:
        return []
    k = min(k, int((scores > 0).sum()))
    if k == 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in top[np.lexsort((top, -scores[top]))]]
