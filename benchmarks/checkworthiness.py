"""Benchmark the shipped check-worthiness scorer on every folder of DIR/check-worthiness/.

    PYTHONPATH=src .venv/bin/python benchmarks/checkworthiness.py --data ../shared/data [--json]

A folder whose name holds "1b" is scored with the `verifiable` detector, any other with
`checkworthy`. Each split present is scored with the thresholds stored in the artefact (tuned by
cross-validation over train+dev, never on dev-test), so dev-test numbers are honest; train and dev
rows are in-sample for the heads and only show fit. Vectors come from the e5 cache
(~/.cache/tabayyun).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tabayyun.claims.checkworthiness import (
    DEFAULT_PROFILE,
    CheckworthinessScorer,
    load_default_scorer,
)
from tabayyun.config import Settings
from tabayyun.embed import CachedEmbedder, E5Embedder, Embedder, VectorCache

SPLIT_ORDER = ("train", "dev", "dev-test", "test")


def detector_for(folder: str) -> str:
    """The detector a folder's labels mean: 1B asks "verifiable?", the rest "check-worthy?"."""
    return "verifiable" if "1b" in folder.lower() else "checkworthy"


def average_precision(labels: npt.NDArray[np.int_], scores: npt.NDArray[np.float64]) -> float:
    """Area under the precision-recall curve as a step function (scikit-learn's definition)."""
    order = np.argsort(-scores, kind="mergesort")
    labels, scores = labels[order], scores[order]
    positives = labels.sum()
    if positives == 0:
        return 0.0
    # One point per distinct score, so ties are not ordered arbitrarily.
    last = np.r_[np.flatnonzero(np.diff(scores)), len(scores) - 1]
    tp = np.cumsum(labels)[last]
    precision = tp / (last + 1)
    recall = tp / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def classification_metrics(
    labels: npt.NDArray[np.int_], scores: npt.NDArray[np.float64], predicted: npt.NDArray[np.bool_]
) -> dict[str, float]:
    """F1/precision/recall of the positive class, macro-F1 over both classes, AP."""

    def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return (2 * p * r / (p + r) if p + r else 0.0), p, r

    gold = labels.astype(bool)
    tp, fp = int(np.sum(predicted & gold)), int(np.sum(predicted & ~gold))
    fn, tn = int(np.sum(~predicted & gold)), int(np.sum(~predicted & ~gold))
    f1_pos, precision, recall = f1(tp, fp, fn)
    f1_neg = f1(tn, fn, fp)[0]
    return {
        "F1": round(f1_pos, 4),
        "P": round(precision, 4),
        "R": round(recall, 4),
        "macro_F1": round((f1_pos + f1_neg) / 2, 4),
        "AP": round(average_precision(labels, scores), 4),
    }


def read_split(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_split(
    path: Path,
    *,
    embedder: Embedder,
    scorer: CheckworthinessScorer,
    detector: str,
    profile: str = DEFAULT_PROFILE,
) -> dict[str, Any]:
    """Score one split file; sentences/s counts features and scoring, not the (cached) e5 step."""
    rows = read_split(path)
    texts = [str(r["text"]) for r in rows]
    langs = [str(r["lang"]) for r in rows]
    labels = np.asarray([int(r["label"]) for r in rows])
    vectors = embedder.embed_queries(texts)
    start = time.perf_counter()
    checkworthy, verifiable = scorer.score(texts, vectors, langs, profile=profile)
    elapsed = time.perf_counter() - start
    scores = verifiable if detector == "verifiable" else checkworthy
    cut = np.asarray([scorer.threshold(detector, lang, profile=profile) for lang in langs])
    return {
        "dataset": path.parent.name,
        "split": path.stem,
        "detector": detector,
        "profile": profile,
        "n": len(rows),
        "positives": int(labels.sum()),
        **classification_metrics(labels, scores, scores >= cut),
        "sentences_per_s": round(len(rows) / elapsed, 1) if elapsed else None,
    }


def evaluate(
    data: Path,
    *,
    splits: Sequence[str] | None = None,
    embedder: Embedder | None = None,
    scorer: CheckworthinessScorer | None = None,
    profiles: Sequence[str] = ("dataset", DEFAULT_PROFILE),
) -> list[dict[str, Any]]:
    """One metrics row per (folder, split, profile) under `data/check-worthiness/`.

    Profile "dataset" means the folder's own head where the artefact has one (trained on that
    folder's train and dev splits alone, the CheckThat! protocol); folders without one (the
    project sets) are scored by the default model, the pipeline's.
    """
    root = data / "check-worthiness"
    if not root.is_dir():
        raise FileNotFoundError(f"{root} not found; pass --data pointing at the benchmark data")
    scorer = scorer or load_default_scorer()
    embedder = embedder or CachedEmbedder(
        E5Embedder(), VectorCache(Settings.from_env().cache_dir / "vectors")
    )
    results = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        present = {p.stem: p for p in folder.glob("*.jsonl")}
        names = [s for s in SPLIT_ORDER if s in present] + sorted(set(present) - set(SPLIT_ORDER))
        for name in names:
            if splits is not None and name not in splits:
                continue
            # "dataset" falls back to the default model where the folder has no head of its own.
            own = []
            if "dataset" in profiles:
                own = [folder.name if folder.name in scorer.profiles else DEFAULT_PROFILE]
            default = [DEFAULT_PROFILE] if DEFAULT_PROFILE in profiles else []
            for profile in dict.fromkeys(own + default):
                results.append(
                    evaluate_split(
                        present[name],
                        embedder=embedder,
                        scorer=scorer,
                        detector=detector_for(folder.name),
                        profile=profile,
                    )
                )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--split", action="append", help="only these splits (repeatable)")
    args = parser.parse_args(argv)
    try:
        results = evaluate(args.data, splits=args.split)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.json:
        for row in results:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(f"{'dataset':<22}{'split':<10}{'profile':<10}{'n':>6}", end="")
    print("".join(f"{name:>8}" for name in ("F1", "P", "R", "mF1", "AP")), f"{'sent/s':>8}")
    for r in results:
        kind = "dataset" if r["profile"] != DEFAULT_PROFILE else DEFAULT_PROFILE
        print(
            f"{r['dataset']:<22}{r['split']:<10}{kind:<10}{r['n']:>6}{r['F1']:>8.3f}{r['P']:>8.3f}"
            f"{r['R']:>8.3f}{r['macro_F1']:>8.3f}{r['AP']:>8.3f}{r['sentences_per_s']:>9}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
