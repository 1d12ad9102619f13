"""Claim-retrieval benchmark: BM25, dense, fused and final ranking on every BEIR-like folder.

    python benchmarks/claim_retrieval.py [--data ../shared/data] [--json] [--only NAME] [--split S]

Runs over every folder of DATA/claim-retrieval/ and every split that has qrels, and reports
MAP@1, MAP@5, MRR, Recall@10 and Recall@50 per method, queries per second, p50/p95 latency of
one match with and without embedding the query, and the index build time (vectors cached:
embedding the corpus once is a cost of the cache, not of the index). Any folder in the same
format works unchanged. `--json` prints one JSON object per line.

`--scale N` also times matches against a registry padded to N entries with the
registry/crowdchecked-snopes claims (real text for BM25; their vectors are embedded, or cached).

`--mixed` puts every corpus in one registry. Corpora can hold the same fact-check in two
languages (the CheckThat! 2021 Arabic corpus holds Arabic translations of Snopes checks that the
English one holds in English); the qrels count such a translation ranked first as a miss. So the
final method also reports `MAP@5_translations`: MAP@5 with each pair of `translation_pairs`
(mutual nearest claims across two languages, passage cosine >= TRANSLATION_MIN and clear of the
runner-up) counted as one claim. A heuristic, for reading the mixed figures; floors use MAP@5.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache  # noqa: E402
from tabayyun.embed.base import Embedder  # noqa: E402
from tabayyun.embed.bridge import BridgeEmbedder  # noqa: E402
from tabayyun.matching.engine import MatchEngine, embed_bridge  # noqa: E402
from tabayyun.matching.metrics import average_precision, summarise  # noqa: E402
from tabayyun.matching.records import (  # noqa: E402
    IndexedClaim,
    read_corpus,
    read_qrels,
    read_queries,
    splits_with_qrels,
)
from tabayyun.matching.tweet import strip_links  # noqa: E402

METHODS = ("bm25", "dense", "fused", "final")
LATENCY_QUERIES = 50  # queries per split embedded live to time the whole match
# A claim and its nearest claim in another language are taken for one fact-check in two languages
# when each is the other's nearest, their passage cosine is at least this, and the runner-up is
# TRANSLATION_MARGIN further (CheckThat! 2021 ar/en: 11 of 12 sampled pairs at 0.88-0.90 read as
# the same fact-check; 295 pairs in that band, the strongest above it).
TRANSLATION_MIN = 0.88
TRANSLATION_MARGIN = 0.02


def translation_pairs(engine: MatchEngine, vectors: np.ndarray) -> dict[int, int]:
    """Registry positions of claims that look like one fact-check in two languages, both ways
    (see TRANSLATION_MIN); empty for a one-language registry. A claim joins one pair at most
    (the first language pair that finds it), so with three or more languages the pairs never
    chain. `vectors`: the claims' passage vectors as e5 gives them, in registry order (the
    rule was set on those, not on the engine's centred ones)."""
    langs = np.asarray([r.lang for r in engine.records])
    pairs: dict[int, int] = {}
    names = sorted(set(langs.tolist()) - {"und"})
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            a, b = np.flatnonzero(langs == first), np.flatnonzero(langs == second)
            if len(a) < 2 or len(b) < 2:
                continue
            best, top2, back = _nearest_both_ways(vectors[a], vectors[b])
            for row, col in enumerate(best):
                left, right = int(a[row]), int(b[col])
                if (
                    back[col] == row
                    and top2[row, 1] >= TRANSLATION_MIN
                    and top2[row, 1] - top2[row, 0] >= TRANSLATION_MARGIN
                    and left not in pairs
                    and right not in pairs
                ):
                    pairs[left], pairs[right] = right, left
    return pairs


def _nearest_both_ways(
    left: np.ndarray, right: np.ndarray, block: int = 2048
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each `left` row: its nearest `right` row and its two best similarities (ascending);
    for each `right` row: its nearest `left` row. In blocks of `block` left rows, so memory
    grows with `block` x len(right), not with len(left) x len(right)."""
    best = np.zeros(len(left), dtype=np.int64)
    top2 = np.zeros((len(left), 2), dtype=np.float32)
    back = np.zeros(len(right), dtype=np.int64)
    back_score = np.full(len(right), -np.inf, dtype=np.float32)
    for start in range(0, len(left), block):
        sims = left[start : start + block] @ right.T
        best[start : start + block] = sims.argmax(axis=1)
        top2[start : start + block] = np.partition(sims, -2, axis=1)[:, -2:]
        rows = sims.argmax(axis=0)
        scores = sims[rows, np.arange(len(right))]
        better = scores > back_score
        back[better], back_score[better] = rows[better] + start, scores[better]
    top2.sort(axis=1)
    return best, top2, back


def map5_translations(ranking: list[int], relevant: set[int], pairs: dict[int, int]) -> float:
    """AP@5 of `ranking` (positions) with each translation pair counted as one claim."""

    def one(position: int) -> int:
        return min(position, pairs.get(position, position))

    merged = list(dict.fromkeys(one(p) for p in ranking))
    return average_precision(merged, {one(p) for p in relevant}, 5)


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    if not seconds:
        return 0.0, 0.0
    p50, p95 = np.percentile(np.asarray(seconds) * 1000, [50, 95])
    return round(float(p50), 2), round(float(p95), 2)


def build(
    records: list[IndexedClaim],
    embedder: Embedder,
    *,
    symmetric: bool,
    bridge: Embedder | None = None,
) -> tuple[MatchEngine, float]:
    """An engine over `records` and the seconds the index took (cached vectors excluded); the
    `bridge` encoder (cached) is kept only with the sym index, for cross-lingual queries."""
    passages = [r.passage for r in records]
    vectors = embedder.embed_passages(passages)
    query_vectors = embedder.embed_queries(passages) if symmetric else None
    bridge = bridge if symmetric else None
    bridge_vectors = embed_bridge(bridge, records) if bridge is not None else None
    started = time.perf_counter()
    engine = MatchEngine.build(
        records,
        embedder,
        vectors=vectors,
        query_vectors=query_vectors,
        symmetric=symmetric,
        bridge=bridge,
        bridge_vectors=bridge_vectors,
    )
    return engine, time.perf_counter() - started


def build_mixed(
    folders: list[Path], embedder: Embedder, bridge: Embedder | None = None
) -> tuple[MatchEngine, float]:
    """One engine over every distinct corpus of `folders` (a multilingual registry)."""
    corpora = {corpus_key(folder): folder for folder in folders}
    union = [record for folder in corpora.values() for record in read_corpus(folder)]
    return build(union, embedder, symmetric=True, bridge=bridge)


def corpus_key(folder: Path) -> str:
    """Folders with byte-identical corpora share one index."""
    return hashlib.sha256((folder / "corpus.jsonl").read_bytes()).hexdigest()


def needs_symmetric(folders: list[Path]) -> dict[str, bool]:
    """Per corpus: can a query meet a claim in another language? (Its claims are in several
    languages, or some queries come in a language its claims are not in.)

    Only then are the claims embedded as queries too (the engine's "sym" features), which
    doubles the embedding cost of a corpus; a multilingual registry is built so in the product.
    """
    out: dict[str, bool] = {}
    for folder in folders:
        corpus_langs = {r.lang for r in read_corpus(folder)}
        query_langs = {
            q.lang for split in splits_with_qrels(folder) for q in read_queries(folder, split)
        }
        key = corpus_key(folder)
        out[key] = out.get(key, False) or len(corpus_langs) > 1 or bool(query_langs - corpus_langs)
    return out


def evaluate(
    engine: MatchEngine,
    folder: Path,
    split: str,
    embedder: Embedder,
    live: Embedder | None,
    pairs: dict[int, int] | None = None,
    live_bridge: Embedder | None = None,
) -> dict[str, Any]:
    """Metrics per method and latency for one split; with translation `pairs`, the final
    method's MAP@5 with each pair counted as one claim too."""
    qrels = read_qrels(folder, split)
    queries = [q for q in read_queries(folder, split) if q.id in qrels]
    # The engine embeds a tweet without its links; so do the benchmarks.
    texts = [strip_links(q.text) for q in queries]
    vectors = embedder.embed_queries(texts)
    # Texts in a language the registry also holds claims outside of get latent terms (a second
    # pass through e5): cached here like the vectors, embedded live in the latency run below.
    latents = engine.latents_for(texts, [q.lang for q in queries], embedder)
    rankings: dict[str, list[list[str]]] = {m: [] for m in METHODS}
    seconds: list[float] = []
    translated: list[float] = []
    where = {r.id: i for i, r in enumerate(engine.records)}
    for query, vector, latent in zip(queries, vectors, latents, strict=True):
        started = time.perf_counter()
        found = engine.retrieve(query.text, lang=query.lang, vector=vector, latent=latent)
        seconds.append(time.perf_counter() - started)
        for method in METHODS:
            # "final" is the order `match` returns: the scorer's, with claims the text alters
            # after a close candidate it states as it is (MatchEngine.verified).
            ranked = (
                engine.ranked(found, query.text, 50)
                if method == "final"
                else found.ranking(method, 50)
            )
            rankings[method].append([engine.records[p].id for p in ranked])
        if pairs is not None:
            relevant_at = {where[d] for d in qrels[query.id] if d in where}
            final = engine.ranked(found, query.text, 10)
            translated.append(map5_translations(final, relevant_at, pairs))
    with_embedding: list[float] = []
    if live is not None:
        # Timed with both encoders live: the bridge embeds a text where foreign claims need it.
        cached_bridge = engine.query_bridge
        if engine.bridge is not None and live_bridge is not None:
            engine.query_bridge = live_bridge
        for query in queries[:LATENCY_QUERIES]:
            started = time.perf_counter()
            text = strip_links(query.text)
            vector = live.embed_queries([text])[0]
            latent = engine.latents_for([text], [query.lang], live)[0]
            engine.match(query.text, lang=query.lang, k=10, vector=vector, latent=latent)
            with_embedding.append(time.perf_counter() - started)
        engine.query_bridge = cached_bridge
    relevant = [qrels[q.id] for q in queries]
    # Queries whose every relevant claim is missing from corpus.jsonl score 0 for any method
    # (as trec_eval counts them); reported so that a reader can tell data gaps from misses.
    unanswerable = sum(1 for ids in relevant if not ids & where.keys())
    if unanswerable:
        print(
            f"{folder.name} {split}: {unanswerable} of {len(queries)} queries have no relevant "
            "claim in the corpus (their qrels name ids absent from corpus.jsonl); they count as 0",
            file=sys.stderr,
        )
    p50, p95 = _percentiles(seconds)
    e50, e95 = _percentiles(with_embedding)
    metrics = {m: summarise(rankings[m], relevant) for m in METHODS}
    if pairs is not None:
        metrics["final"]["MAP@5_translations"] = float(np.mean(translated)) if translated else 0.0
    return {
        "metrics": metrics,
        "timing": {
            "queries": len(queries),
            "unanswerable": unanswerable,
            "queries/s": round(len(queries) / max(sum(seconds), 1e-9), 1),
            "p50_ms": p50,
            "p95_ms": p95,
            "p50_ms_with_embedding": e50,
            "p95_ms_with_embedding": e95,
        },
    }


def scale_latency(
    records: list[IndexedClaim], data: Path, size: int, embedder: Embedder, live: Embedder
) -> dict[str, Any]:
    """Latency of one match, query embedding included, with `size` registry entries.

    The registry is `records` padded with registry/crowdchecked-snopes claims (then repeated):
    real text for BM25 and verification. Their vectors are noisy copies of the real vectors,
    which costs the same to search as embedding them would, without hours of embedding.
    """
    extra_folder = data / "registry" / "crowdchecked-snopes"
    extra = read_corpus(extra_folder) if (extra_folder / "corpus.jsonl").is_file() else records
    padded = list(records)
    while len(padded) < size:
        padded += [
            IndexedClaim(f"pad{len(padded) + i}-{r.id}", r.claim, r.title, r.lang)
            for i, r in enumerate(extra[: size - len(padded)])
        ]
    passages = [r.passage for r in records]
    real = embedder.embed_passages(passages)
    real_q = embedder.embed_queries(passages)
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(records), len(padded) - len(records))

    def pad(base: np.ndarray) -> np.ndarray:
        noise = 0.3 * rng.normal(size=(len(picks), base.shape[1])).astype(np.float32)
        more = base[picks] + noise / np.sqrt(base.shape[1])
        more /= np.linalg.norm(more, axis=1, keepdims=True)
        return np.vstack([base, more]).astype(np.float32)

    vectors, query_vectors = pad(real), pad(real_q)
    # Latent terms of the padding are copies of the real claims' (the same picks as the vectors).
    real_latents = embedder.embed_latent(passages)  # type: ignore[attr-defined]
    latents = [*real_latents, *(real_latents[int(p)] for p in picks)]
    started = time.perf_counter()
    engine = MatchEngine.build(
        padded, embedder, vectors=vectors, query_vectors=query_vectors, latents=latents
    )
    build_s = time.perf_counter() - started
    folder = data / "claim-retrieval" / "checkthat2021-en"
    queries = read_queries(folder, "dev")[:100]
    live.embed_queries(["load the model before timing"])
    seconds, matching = [], []
    for query in queries:
        started = time.perf_counter()
        vector = live.embed_queries([strip_links(query.text)])[0]
        embedded = time.perf_counter()
        engine.match(query.text, lang=query.lang, k=10, vector=vector)
        seconds.append(time.perf_counter() - started)
        matching.append(time.perf_counter() - embedded)
    p50, p95 = _percentiles(seconds)
    m50, m95 = _percentiles(matching)
    return {
        "registry": len(padded),
        "build_s": round(build_s, 2),
        "p50_ms": m50,
        "p95_ms": m95,
        "p50_ms_with_embedding": p50,
        "p95_ms_with_embedding": p95,
        "queries": len(queries),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--only", action="append", default=[], help="dataset folder name(s)")
    parser.add_argument("--split", action="append", default=[], help="split(s): train, dev, test")
    parser.add_argument("--no-live", action="store_true", help="skip timing live embedding")
    parser.add_argument("--scale", type=int, default=0, help="also time a registry of N entries")
    parser.add_argument(
        "--mixed",
        action="store_true",
        help="one registry of every corpus together (as a multilingual deployment holds them)",
    )
    parser.add_argument(
        "--embed-threads", type=int, default=1, help="e5 threads for live timing (1: a worker)"
    )
    parser.add_argument(
        "--no-bridge",
        action="store_true",
        help="match without the bridge encoder (TABAYYUN_MATCH_BRIDGE=false)",
    )
    args = parser.parse_args(argv)
    base = args.data / "claim-retrieval"
    if not base.is_dir():
        print(f"{base} not found; pass --data DIR holding claim-retrieval/", file=sys.stderr)
        return 2
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    bridge = None if args.no_bridge else CachedEmbedder(BridgeEmbedder(threads=2), VectorCache())
    live_bridge = None if args.no_bridge else BridgeEmbedder(threads=args.embed_threads)
    # One thread per request, as a server worker would run it; the model loads before timing.
    live = None if args.no_live else E5Embedder(threads=args.embed_threads)
    if live is not None:
        live.embed_queries(["load the model before timing"])
        if live_bridge is not None:
            live_bridge.embed_queries(["load the model before timing"])
    engines: dict[str, tuple[MatchEngine, float]] = {}
    rows: list[dict[str, Any]] = []
    folders = [p for p in sorted(base.iterdir()) if (p / "corpus.jsonl").is_file()]
    symmetric = needs_symmetric(folders)
    pairs: dict[int, int] | None = None
    if args.mixed:
        # Every distinct corpus in one registry: each split then meets claims in other
        # languages too, and same-language texts may take the cross-lingual path.
        shared = build_mixed(folders, embedder, bridge)
        raw = embedder.embed_passages([r.passage for r in shared[0].records])  # cached
        pairs = translation_pairs(shared[0], raw)
        print(
            f"mixed registry: {len(pairs) // 2} translation pairs, foreign preference "
            f"{shared[0].foreign_preference:g} (TABAYYUN_MATCH_FOREIGN_PREFERENCE)",
            file=sys.stderr,
        )
    for folder in folders:
        if args.only and folder.name not in args.only:
            continue
        key = corpus_key(folder)
        if args.mixed:
            engines[key] = shared
        elif key not in engines:
            engines[key] = build(
                read_corpus(folder), embedder, symmetric=symmetric[key], bridge=bridge
            )
        engine, build_s = engines[key]
        for split in splits_with_qrels(folder):
            if args.split and split not in args.split:
                continue
            result = evaluate(engine, folder, split, embedder, live, pairs, live_bridge)
            for method in METHODS:
                name = f"{folder.name} (mixed)" if args.mixed else folder.name
                row = {"dataset": name, "split": split, "method": method}
                row.update({k: round(v, 4) for k, v in result["metrics"][method].items()})
                row.update(result["timing"])
                row.update({"corpus": len(engine), "build_s": round(build_s, 2)})
                rows.append(row)
                if args.json:
                    print(json.dumps(row, ensure_ascii=False), flush=True)
    if args.scale and live is not None:
        en = base / "checkthat2021-en"
        scaled = {
            "dataset": "scale",
            **scale_latency(read_corpus(en), args.data, args.scale, embedder, live),
        }
        if args.json:
            print(json.dumps(scaled), flush=True)
        else:
            print(scaled)
    if not args.json:
        _print_table(rows)
    return 0


def _print_table(rows: list[dict[str, Any]]) -> None:
    columns = [
        "dataset",
        "split",
        "method",
        "queries",
        "unanswerable",
        "MAP@1",
        "MAP@5",
        "MAP@5_translations",
        "MRR",
        "Recall@10",
        "Recall@50",
        "queries/s",
        "p50_ms",
        "p95_ms",
        "p95_ms_with_embedding",
        "build_s",
    ]
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in columns))


if __name__ == "__main__":
    raise SystemExit(main())
