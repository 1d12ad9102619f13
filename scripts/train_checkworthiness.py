"""Train the check-worthiness and verifiability scorers and write the artefact the package ships.

    PYTHONPATH=src .venv/bin/python scripts/train_checkworthiness.py --data ../shared/data

Per detector ("checkworthy": CheckThat! 2024 + 2022-1A; "verifiable": 2022-1B), two logistic
regressions are trained on the `train` splits:
- lexical: hashed TF-IDF word 1-2-grams and char 2-5-grams + cue features (ar, en only);
- multilingual: e5 sentence vectors ("query:" prefix) + cue features (any language).
On `dev` a small blend (logistic regression on the two logits) is fitted per language with
training data, and a Platt scaling of the multilingual logit for every other language; decision
thresholds maximise F1 on dev. `dev-test` is never read except to drop training items whose
normalised text also occurs there. Fixed seeds: the same data gives the same artefact.
Needs scikit-learn (training only; the package scores with numpy alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score

from tabayyun.claims.checkworthiness import (
    ARTEFACT_PATH,
    DEFAULT_PROFILE,
    DETECTORS,
    LEXICAL_LANGS,
    METADATA_PATH,
    lexical_matrix_parts,
)
from tabayyun.claims.features import cue_features
from tabayyun.config import Settings
from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache
from tabayyun.lang.normalize import normalize

BITS = 18
SEED = 13
# Which folders train which detector; the folder name's task part decides.
TASKS = {
    "checkworthy": (
        "checkthat2024-ar",
        "checkthat2024-en",
        "checkthat2022-1a-ar",
        "checkthat2022-1a-en",
    ),
    "verifiable": ("checkthat2022-1b-ar", "checkthat2022-1b-en"),
}
C_LEXICAL = 4.0
C_MULTI = 1.0

Rows = list[dict[str, object]]


def read_split(path: Path) -> Rows:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def key(row: dict[str, object]) -> str:
    return normalize(str(row["text"]), str(row["lang"]))


def load(data: Path) -> tuple[dict[str, dict[str, Rows]], dict[str, int]]:
    """Every split of every folder, training and dev items overlapping any dev-test dropped."""
    root = data / "check-worthiness"
    splits = {
        folder.name: {p.stem: read_split(p) for p in sorted(folder.glob("*.jsonl"))}
        for folder in sorted(root.iterdir())
        if folder.is_dir()
    }
    held_out = {key(r) for parts in splits.values() for r in parts.get("dev-test", [])}
    dropped: dict[str, int] = {}
    for name, parts in splits.items():
        for split in ("train", "dev"):
            if split in parts:
                kept = [r for r in parts[split] if key(r) not in held_out]
                dropped[f"{name}/{split}"] = len(parts[split]) - len(kept)
                parts[split] = kept
    return splits, dropped


def idf_weights(rows: Rows, bits: int) -> npt.NDArray[np.float32]:
    """Smoothed IDF per bucket, as scikit-learn computes it."""
    df = np.zeros(1 << bits, dtype=np.float64)
    for row in rows:
        word, _, char, _ = lexical_matrix_parts([str(row["text"])], [str(row["lang"])], bits)[0]
        df[np.union1d(word, char)] += 1
    return np.log((1 + len(rows)) / (1 + df)).astype(np.float32) + 1


def lexical_sparse(rows: Rows, idf: npt.NDArray[np.float32], bits: int) -> sparse.csr_matrix:
    from tabayyun.claims.checkworthiness import tfidf_rows

    texts = [str(r["text"]) for r in rows]
    langs = [str(r["lang"]) for r in rows]
    indptr, indices, values = [0], [], []
    for ids, vals in tfidf_rows(texts, langs, idf, bits):
        indices.append(ids)
        values.append(vals)
        indptr.append(indptr[-1] + len(ids))
    return sparse.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.asarray(indptr)),
        shape=(len(rows), 1 << bits),
    )


def vectors_for(embedder: CachedEmbedder, rows: Rows) -> npt.NDArray[np.float32]:
    return embedder.embed_queries([str(r["text"]) for r in rows])


def best_threshold(labels: npt.NDArray[np.int_], probs: npt.NDArray[np.float64]) -> float:
    """The probability cut that maximises F1 of the positive class."""
    candidates = np.unique(np.round(probs, 4))
    scores = [f1_score(labels, probs >= t, zero_division=0) for t in candidates]
    return float(candidates[int(np.argmax(scores))])


def logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def train_detector(
    profile: str,
    detector: str,
    folders: Sequence[str],
    splits: dict[str, dict[str, Rows]],
    embedder: CachedEmbedder,
    idf: npt.NDArray[np.float32],
) -> tuple[dict[str, npt.NDArray[np.float32]], dict[str, object]]:
    train = [r for f in folders for r in splits[f]["train"]]
    # Folders share tweets across years: a dev item seen in training would flatter the blend
    # and the thresholds, so it is left out of tuning.
    seen = {key(r) for r in train}
    dev_all = [r for f in folders for r in splits[f]["dev"]]
    dev = [r for r in dev_all if key(r) not in seen]
    y_train = np.asarray([int(r["label"]) for r in train])  # type: ignore[call-overload]
    y_dev = np.asarray([int(r["label"]) for r in dev])  # type: ignore[call-overload]

    cues_train = cue_features([str(r["text"]) for r in train], [str(r["lang"]) for r in train])
    mean, std = cues_train.mean(axis=0), cues_train.std(axis=0) + 1e-6
    cues_dev = cue_features([str(r["text"]) for r in dev], [str(r["lang"]) for r in dev])
    z_train, z_dev = (cues_train - mean) / std, (cues_dev - mean) / std

    lex_train = sparse.hstack([lexical_sparse(train, idf, BITS), z_train]).tocsr()
    lex_dev = sparse.hstack([lexical_sparse(dev, idf, BITS), z_dev]).tocsr()
    lexical = LogisticRegression(
        C=C_LEXICAL, max_iter=2000, class_weight="balanced", random_state=SEED
    )
    lexical.fit(lex_train, y_train)

    multi_train = np.hstack([vectors_for(embedder, train), z_train])
    multi_dev = np.hstack([vectors_for(embedder, dev), z_dev])
    multi = LogisticRegression(C=C_MULTI, max_iter=3000, class_weight="balanced", random_state=SEED)
    multi.fit(multi_train, y_train)

    lex_logit = lexical.decision_function(lex_dev)
    multi_logit = multi.decision_function(multi_dev)
    dev_langs = np.asarray([str(r["lang"]) for r in dev])
    blends: dict[str, list[float]] = {}
    thresholds: dict[str, float] = {}
    dev_metrics: dict[str, dict[str, float]] = {}
    for lang in LEXICAL_LANGS:
        mask = dev_langs == lang
        if not mask.any():
            continue
        stack = np.column_stack([lex_logit[mask], multi_logit[mask]])
        blend = LogisticRegression(C=100.0, random_state=SEED).fit(stack, y_dev[mask])
        blends[lang] = [*blend.coef_[0].tolist(), float(blend.intercept_[0])]
        probs = blend.predict_proba(stack)[:, 1]
        thresholds[lang] = best_threshold(y_dev[mask], probs)
        dev_metrics[lang] = _metrics(y_dev[mask], probs, thresholds[lang])
    # Other languages: only the multilingual head; calibrate it on every dev sentence.
    platt = LogisticRegression(C=100.0, random_state=SEED).fit(multi_logit[:, None], y_dev)
    blends["*"] = [0.0, float(platt.coef_[0][0]), float(platt.intercept_[0])]
    probs = platt.predict_proba(multi_logit[:, None])[:, 1]
    thresholds["*"] = best_threshold(y_dev, probs)
    dev_metrics["* (multilingual head, ar+en dev)"] = _metrics(y_dev, probs, thresholds["*"])

    prefix = f"{profile}.{detector}"
    arrays = {
        f"{prefix}.lexical_w": lexical.coef_[0][: 1 << BITS].astype(np.float16),
        f"{prefix}.lexical_cue_w": lexical.coef_[0][1 << BITS :].astype(np.float32),
        f"{prefix}.lexical_b": np.asarray([lexical.intercept_[0]], dtype=np.float32),
        f"{prefix}.multi_w": multi.coef_[0].astype(np.float32),
        f"{prefix}.multi_b": np.asarray([multi.intercept_[0]], dtype=np.float32),
        f"{prefix}.cue_mean": mean.astype(np.float32),
        f"{prefix}.cue_std": std.astype(np.float32),
    }
    meta = {
        "train": {f: len(splits[f]["train"]) for f in folders},
        "dev": {f: len(splits[f]["dev"]) for f in folders},
        "dev_dropped_seen_in_train": len(dev_all) - len(dev),
        "blend": blends,
        "thresholds": thresholds,
        "dev_metrics": dev_metrics,
    }
    return arrays, meta


def _metrics(
    labels: npt.NDArray[np.int_], probs: npt.NDArray[np.float64], t: float
) -> dict[str, float]:
    pred = probs >= t
    return {
        "F1": round(float(f1_score(labels, pred, zero_division=0)), 4),
        "macro_F1": round(float(f1_score(labels, pred, average="macro", zero_division=0)), 4),
        "AP": round(float(average_precision_score(labels, probs)), 4),
        "n": len(labels),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=ARTEFACT_PATH)
    args = parser.parse_args(argv)
    np.random.seed(SEED)
    splits, dropped = load(args.data)
    print("training/dev items dropped for overlapping a dev-test split:", dropped)
    embedder = CachedEmbedder(
        E5Embedder(),
        VectorCache(Settings.from_env().cache_dir / "vectors"),
        progress=lambda done, total: print(f"  embedded {done}/{total}", file=sys.stderr),
    )
    all_train = [
        r for f in (*TASKS["checkworthy"], *TASKS["verifiable"]) for r in splits[f]["train"]
    ]
    # One IDF for both detectors: the hashed n-grams are computed once per sentence at run time.
    unique = list({key(r): r for r in all_train}.values())
    idf = idf_weights(unique, BITS)
    arrays: dict[str, npt.NDArray[np.generic]] = {"idf": idf.astype(np.float16)}
    metadata: dict[str, object] = {
        "created": dt.date.today().isoformat(),
        "embedder": embedder.name,
        "embed_kind": "query",
        "bits": BITS,
        "seed": SEED,
        "C": {"lexical": C_LEXICAL, "multilingual": C_MULTI},
        "dropped_for_dev_test_overlap": dropped,
    }
    # "default": one scorer per detector for every language, trained on all its folders (the
    # pipeline's); one profile per folder, trained on that folder alone (the data README's rule
    # "train on the splits of the same folder you report on"), for benchmarks and specialists.
    jobs = [(DEFAULT_PROFILE, d, TASKS[d]) for d in DETECTORS] + [
        (folder, d, (folder,)) for d in DETECTORS for folder in TASKS[d]
    ]
    profiles: dict[str, dict[str, object]] = {}
    for profile, detector, folders in jobs:
        det_arrays, det_meta = train_detector(profile, detector, folders, splits, embedder, idf)
        arrays.update(det_arrays)
        profiles.setdefault(profile, {})[detector] = det_meta
        print(profile, detector, json.dumps(det_meta["dev_metrics"], ensure_ascii=False))
    metadata["profiles"] = profiles
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)  # type: ignore[arg-type]
    METADATA_PATH.write_text(
        json.dumps(metadata, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) and {METADATA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
