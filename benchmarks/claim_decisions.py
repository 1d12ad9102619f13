"""What the matcher decides, per pair of languages: the verdicts a fact-checker reads.

    python benchmarks/claim_decisions.py [--data benchmarks/data] [--only NAME] [--json]

`claim_retrieval.py` ranks; this reads the decisions of the engine as shipped ("match",
"suggest", none) at its calibrated cuts. Over every folder of DATA/claim-retrieval/ (default
this repository's `benchmarks/data`) and every split with qrels, each query's top candidate is
grouped by the query's language and that of the claim answering it ("fa-ru": a Persian text
whose fact-check is Russian); queries with no qrels line are texts no fact-check answers, grouped
as "<lang>-none". Per group: queries, P@1 and MAP@5 of the final ranking, how many got a
"match" that is right or wrong, and how many a "suggest" (right or wrong). For "-none" groups
every "match" is wrong. Any folder in the BEIR-like format works; the CheckThat! corpora take
long to build the first time (their vectors are cached, see claim_retrieval.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import claim_retrieval as bench  # noqa: E402

from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache  # noqa: E402
from tabayyun.embed.bridge import BridgeEmbedder  # noqa: E402
from tabayyun.matching.metrics import average_precision  # noqa: E402
from tabayyun.matching.records import (  # noqa: E402
    read_corpus,
    read_qrels,
    read_queries,
    splits_with_qrels,
)
from tabayyun.matching.tweet import strip_links  # noqa: E402

COLUMNS = (
    "queries",
    "P@1",
    "MAP@5",
    "match_right",
    "match_wrong",
    "suggest_right",
    "suggest_wrong",
)


def decide(folder: Path, embedder: Any, bridge: Any) -> list[dict[str, Any]]:
    """One row per split and language pair of `folder`."""
    corpus = read_corpus(folder)
    symmetric = bench.needs_symmetric([folder])[bench.corpus_key(folder)]
    engine = bench.build(corpus, embedder, symmetric=symmetric, bridge=bridge)[0]
    lang_of = {r.id: r.lang for r in corpus}
    rows = []
    for split in splits_with_qrels(folder):
        qrels = read_qrels(folder, split)
        queries = read_queries(folder, split)
        vectors = embedder.embed_queries([strip_links(q.text) for q in queries])
        groups: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0.0))
        for query, vector in zip(queries, vectors, strict=True):
            relevant = {d for d in qrels.get(query.id, ()) if d in lang_of}
            target = sorted({lang_of[d] for d in relevant})
            group = groups[f"{query.lang}-{'+'.join(target) or 'none'}"]
            found = engine.match(query.text, lang=query.lang, k=5, vector=vector)
            ranking = [c.claim.id for c in found]
            right = bool(ranking) and ranking[0] in relevant
            group["queries"] += 1
            if relevant:
                group["P@1"] += right
                group["MAP@5"] += average_precision(ranking, relevant, 5)
            decision = found[0].decision if found else None
            if decision is not None:
                group[f"{decision}_{'right' if right else 'wrong'}"] += 1
        for pair, values in sorted(groups.items()):
            n = values["queries"]
            answerable = not pair.endswith("-none")
            row: dict[str, Any] = {"dataset": folder.name, "split": split, "pair": pair}
            for column in COLUMNS:
                value = values[column]
                if column in ("P@1", "MAP@5"):
                    row[column] = round(value / n, 4) if answerable else None
                else:
                    row[column] = int(value)
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--only", action="append", default=[], help="folder names to run")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args()
    base = args.data / "claim-retrieval"
    if not base.is_dir():
        sys.exit(f"{base} is absent: nothing to measure")
    folders = sorted(p for p in base.iterdir() if (p / "corpus.jsonl").is_file())
    folders = [f for f in folders if not args.only or f.name in args.only]
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    bridge = CachedEmbedder(BridgeEmbedder(threads=2), VectorCache())
    rows = [row for folder in folders for row in decide(folder, embedder, bridge)]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    header = ("dataset", "split", "pair", *COLUMNS)
    print(" | ".join(header))
    for row in rows:
        print(" | ".join("" if row[c] is None else str(row[c]) for c in header))
    print()
    print("dataset | MAP@5 per query language | match right | match wrong | precision | "
          "wrong on texts with no fact-check")  # fmt: skip
    for name, line in summary(rows).items():
        print(f"{name} | {line}")


def summary(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Per dataset, one line: MAP@5 per query language (over the answered queries) and the
    top-1 "match" verdicts, right, wrong and their precision, and the wrong ones on texts that no
    fact-check answers."""
    out = {}
    for name in dict.fromkeys(row["dataset"] for row in rows):
        mine = [row for row in rows if row["dataset"] == name]
        maps = []
        for split in dict.fromkeys(row["split"] for row in mine):
            answered = [r for r in mine if r["split"] == split and r["MAP@5"] is not None]
            n = sum(r["queries"] for r in answered)
            if n:
                maps.append(f"{split} {sum(r['MAP@5'] * r['queries'] for r in answered) / n:.3f}")
        right = sum(r["match_right"] for r in mine)
        wrong = sum(r["match_wrong"] for r in mine)
        unanswered = sum(r["match_wrong"] for r in mine if r["pair"].endswith("-none"))
        precision = f"{right / (right + wrong):.3f}" if right + wrong else "-"
        out[name] = f"{', '.join(maps)} | {right} | {wrong} | {precision} | {unanswered}"
    return out


if __name__ == "__main__":
    main()
