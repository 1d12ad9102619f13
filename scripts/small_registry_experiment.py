"""Do the shipped "match" / "suggest" cuts hold in a small registry? (docs/architecture.md)

    python scripts/small_registry_experiment.py [--data ../shared/data] [--size 20 --size 200]

A newsroom starts with a few dozen fact-checks, and the scorers read each candidate against the
others, so cuts calibrated on a registry of thousands might mean something else there. Each dev
query of the one-language CheckThat! 2021 corpora is asked against a registry of its `size`
nearest claims by dense score (hard negatives: the worst case), once with its relevant claims in
it ("with") and once without them ("without"); then against the whole corpus, as calibration
asked it. Prints the top-1 decisions at the shipped cuts. Reads cached e5 vectors; about two
minutes for Arabic and four for English once the quality gate has cached them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache
from tabayyun.matching import MatchEngine
from tabayyun.matching.records import read_corpus, read_qrels, read_queries
from tabayyun.matching.tweet import strip_links

DATASETS = ("checkthat2021-ar", "checkthat2021-en")


def top_decision(engine: MatchEngine, text: str, lang: str, vector: np.ndarray) -> tuple[str, str]:
    """The best candidate's claim id and decision ("match", "suggest" or "none")."""
    top = engine.match(text, lang=lang, k=1, vector=vector)[0]
    return top.claim.id, top.decision or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--size", type=int, action="append", default=[])
    args = parser.parse_args()
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    for name in DATASETS:
        folder = args.data / "claim-retrieval" / name
        if not (folder / "corpus.jsonl").is_file():
            print(f"{folder} is absent: skipped")
            continue
        corpus = read_corpus(folder)
        vectors = embedder.embed_passages([r.passage for r in corpus])
        qrels = read_qrels(folder, "dev")
        queries = [q for q in read_queries(folder, "dev") if q.id in qrels]
        query_vectors = embedder.embed_queries([strip_links(q.text) for q in queries])
        full = MatchEngine.build(corpus, embedder, vectors=vectors)
        for size in args.size or [20, 200]:
            counts = {kind: {"right": 0, "wrong": 0, "suggest": 0} for kind in ("with", "without")}
            for query, vector in zip(queries, query_vectors, strict=True):
                relevant = set(qrels[query.id])
                found = full.retrieve(query.text, lang=query.lang, vector=vector)
                nearest = [
                    int(p) for p in found.ranking("dense", 4 * size) if corpus[p].id not in relevant
                ][:size]
                answers = [i for i, r in enumerate(corpus) if r.id in relevant]
                registries = {"with": answers + nearest[: size - len(answers)], "without": nearest}
                for kind, positions in registries.items():
                    engine = MatchEngine.build(
                        [corpus[i] for i in positions], embedder, vectors=vectors[positions]
                    )
                    claim, decision = top_decision(engine, query.text, query.lang, vector)
                    if decision == "match":
                        counts[kind]["right" if claim in relevant else "wrong"] += 1
                    elif decision == "suggest":
                        counts[kind]["suggest"] += 1
            for kind, count in counts.items():
                print(f"{name} n={size} {kind}: {count} of {len(queries)}", flush=True)
        counts = {kind: {"right": 0, "wrong": 0, "suggest": 0} for kind in ("with", "without")}
        for query, vector in zip(queries, query_vectors, strict=True):
            relevant = set(qrels[query.id])
            claim, decision = top_decision(full, query.text, query.lang, vector)
            if decision == "match":
                counts["with"]["right" if claim in relevant else "wrong"] += 1
            counts["with"]["suggest"] += decision == "suggest"
            excluded = [i for i, r in enumerate(corpus) if r.id in relevant]
            found = full.retrieve(query.text, lang=query.lang, vector=vector, exclude=excluded)
            best = int(found.ranking("final", 1)[0])
            row = int(np.flatnonzero(found.positions == best)[0])
            cut = (
                full.thresholds.get(f"{found.lang}-{corpus[best].lang}")
                or full.thresholds["default"]
            )
            decision = cut.decide(float(found.final[row])) or "none"
            counts["without"]["wrong"] += decision == "match"
            counts["without"]["suggest"] += decision == "suggest"
        for kind, count in counts.items():
            print(f"{name} full {kind}: {count} of {len(queries)}", flush=True)


if __name__ == "__main__":
    main()
