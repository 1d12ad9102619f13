"""Pipeline speed on the bundled samples: articles/s, sentences/s and time share per stage.

    python benchmarks/pipeline_speed.py [--repeat N] [--json]

A first pass over the corpus loads every model and is timed apart from the steady state, which
is what a running ingest worker sees.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict

from tabayyun.config import Settings
from tabayyun.demo import sample_paths
from tabayyun.ingest.sources import Loader, LoadFailure
from tabayyun.model import Document
from tabayyun.service import build_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    settings = Settings()
    paths = [str(p) for p in sample_paths()]
    raw_docs = [d for d in Loader(settings).load(paths) if not isinstance(d, LoadFailure)]

    started = time.perf_counter()
    list(build_pipeline(settings).run(_fresh(d) for d in raw_docs))  # loads every model once
    warmup = time.perf_counter() - started

    seconds: defaultdict[str, float] = defaultdict(float)
    articles = sentences = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        pipeline = build_pipeline(settings)  # a fresh dedupe index, so repeats are not dropped
        for doc in pipeline.run(_fresh(d) for d in raw_docs):
            articles += 1
            sentences += len(doc.sentences)
        for name, secs in pipeline.stats.seconds.items():
            seconds[name] += secs
    elapsed = time.perf_counter() - started
    total = sum(seconds.values()) or 1.0
    result = {
        "corpus_articles": len(raw_docs),
        "articles": articles,
        "seconds": round(elapsed, 3),
        "articles_per_s": round(articles / elapsed, 2),
        "sentences_per_s": round(sentences / elapsed, 1),
        "warmup_pass_s": round(warmup, 2),
        "stage_share": {
            name: round(secs / total, 4)
            for name, secs in sorted(seconds.items(), key=lambda kv: -kv[1])
        },
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"corpus: {len(raw_docs)} bundled articles x {args.repeat} passes = {articles} articles")
    print(f"first pass over the corpus (loads every model): {warmup:.2f} s")
    print(f"articles/s: {result['articles_per_s']}   sentences/s: {result['sentences_per_s']}")
    print(f"{'stage':<18}{'share':>8}{'ms/article':>12}")
    for name, secs in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"{name:<18}{secs / total:>8.1%}{1000 * secs / max(articles, 1):>12.2f}")


def _fresh(doc: Document) -> Document:
    return Document(
        source=doc.source, raw=doc.raw, raw_text=doc.raw_text, media_type=doc.media_type,
        url=doc.url, title=doc.title, outlet=doc.outlet, lang=doc.lang, metadata=dict(doc.metadata),
    )  # fmt: skip


if __name__ == "__main__":
    main()
