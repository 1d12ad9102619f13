"""Experiments (negative results) on the default check-worthiness heads' remaining gaps.

    PYTHONPATH=src .venv/bin/python scripts/checkworthiness_experiments.py --data ../shared/data

Kept to reproduce the figures in docs/architecture.md ("Check-worthiness: what the remaining
gaps are"); the package uses none of it. Needs scikit-learn (pip install '.[train]'); about
4 minutes per run with the e5 vectors cached. Each run retrains the default profile's two heads
as `train_checkworthiness.py` does (lexical + multilingual regressions, blended per language
on out-of-fold logits; IDF over the head's own rows, not over every folder, so the base figures
differ from the shipped artefact's: by up to 0.03 in 2024 Arabic macro-F1, whose threshold sits
where 75% positives make it steep) and prints dev-test figures for:
- `all`: the threshold from out-of-fold predictions over train + dev (as shipped);
- `dev`: the threshold from the out-of-fold predictions of the dev items alone;
- `oracle`: the best threshold on dev-test itself (a bound, not a method);
- `+knn`: a third blend input, the similarity-weighted label vote of the 25 nearest training
  sentences by e5 vector (out of fold for training the blend).
`--dev-weight W` weighs dev items W times in every fit (dev and dev-test may be closer to each
other than to train).
Last, whether the vote carries to news sentences far from the training tweets: the multilingual
verifiable head with and without it on the project's Persian and Russian 1B sets
(`benchmarks/data/check-worthiness/project-1b-*`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_checkworthiness as T  # the training script's own helpers

from tabayyun.claims.features import cue_features
from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache

Floats = npt.NDArray[np.float64]
NEIGHBOURS = 25
SHARPNESS = 20.0  # weight exp(20 * cosine): the nearest few neighbours dominate the vote


def knn_vote(queries: Floats, items: Floats, labels: npt.NDArray[np.int_]) -> Floats:
    sims = queries @ items.T
    nearest = np.argpartition(-sims, NEIGHBOURS, axis=1)[:, :NEIGHBOURS]
    weights = np.exp(SHARPNESS * np.take_along_axis(sims, nearest, axis=1))
    return np.asarray((weights * labels[nearest]).sum(axis=1) / weights.sum(axis=1))


def logit(p: Floats) -> Floats:
    p = np.clip(p, 1e-3, 1 - 1e-3)
    return np.asarray(np.log(p / (1 - p)))


def run_head(
    detector: str,
    folders: Sequence[str],
    splits: dict[str, dict[str, T.Rows]],
    embedder: CachedEmbedder,
    dev_weight: float,
) -> None:
    items = T.HeadItems.of(T.training_rows(splits, folders))
    rows, y, folds, langs = items.rows, items.y, items.folds, items.langs
    weight = np.where([r["split"] == "dev" for r in rows], dev_weight, 1.0)
    is_dev = np.asarray([r["split"] == "dev" for r in rows])
    idf = T.idf_weights(rows, T.BITS)

    def features(test: T.Rows) -> tuple[sparse.csr_matrix, Floats, Floats]:
        return items.inputs(test, embedder, idf)

    x_lex, x_multi, vectors = features(rows)
    c_lex, c_multi = T.C_PARTS[(T.DEFAULT_PROFILE, detector)]
    oof = {"lex": np.zeros(len(y)), "multi": np.zeros(len(y)), "knn": np.zeros(len(y))}
    for fold in range(T.FOLDS):
        held = folds == fold
        for name, make, c, x in (
            ("lex", T._lexical_model, c_lex, x_lex),
            ("multi", T._multi_model, c_multi, x_multi),
        ):
            model = make(c).fit(x[~held], y[~held], sample_weight=weight[~held])
            oof[name][held] = model.decision_function(x[held])
        oof["knn"][held] = logit(knn_vote(vectors[held], vectors[~held], y[~held]))
    lexical = T._lexical_model(c_lex).fit(x_lex, y, sample_weight=weight)
    multi = T._multi_model(c_multi).fit(x_multi, y, sample_weight=weight)
    for lang in T.LEXICAL_LANGS:
        mask = langs == lang
        folder = next((f for f in folders if f.endswith(f"-{lang}")), None)
        if folder is None or not mask.any() or "dev-test" not in splits[folder]:
            continue
        test = splits[folder]["dev-test"]
        y_test = np.asarray([int(r["label"]) for r in test])  # type: ignore[call-overload]
        t_lex, t_multi, t_vectors = features(test)
        test_logits = {
            "lex": lexical.decision_function(t_lex),
            "multi": multi.decision_function(t_multi),
            "knn": logit(knn_vote(t_vectors, vectors, y)),
        }
        macro = (T.DEFAULT_PROFILE, detector, lang) in T.MACRO_F1_THRESHOLDS
        metric = "macro_F1" if macro else "F1"
        for inputs in (("lex", "multi"), ("lex", "multi", "knn")):
            train_x = np.column_stack([oof[k][mask] for k in inputs])
            blend = LogisticRegression(C=100.0, random_state=T.SEED)
            blend.fit(train_x, y[mask], sample_weight=weight[mask])
            probs = blend.predict_proba(train_x)[:, 1]
            test_probs = blend.predict_proba(np.column_stack([test_logits[k] for k in inputs]))
            test_probs = test_probs[:, 1]
            dev = is_dev[mask]
            thresholds = {
                "all": T.best_threshold(y[mask], probs, macro=macro),
                "dev": T.best_threshold(y[mask][dev], probs[dev], macro=macro),
            }
            oracle = max(
                (T._metrics(y_test, test_probs, t)[metric], t) for t in np.linspace(0.05, 0.95, 91)
            )
            name = "+knn" if "knn" in inputs else "base"
            for how, t in thresholds.items():
                got = T._metrics(y_test, test_probs, t)
                print(
                    f"{detector:<11} {lang} dev-weight {dev_weight:g} {name:<5} threshold {how:<4}"
                    f" t={t:.3f}  dev-test {metric} {got[metric]:.3f}  AP {got['AP']:.3f}"
                )
            print(
                f"{detector:<11} {lang} dev-weight {dev_weight:g} {name:<5} threshold oracle"
                f" t={oracle[1]:.3f}  dev-test {metric} {oracle[0]:.3f}",
                flush=True,
            )


def project_sets(splits: dict[str, dict[str, T.Rows]], embedder: CachedEmbedder) -> None:
    """The multilingual verifiable head (Platt-scaled, as for fa and ru) with and without the
    kNN vote, on the project's news-sentence 1B sets."""
    rows = T.training_rows(splits, T.VERIFIABLE_1B)
    y = np.asarray([int(r["label"]) for r in rows])  # type: ignore[call-overload]
    folds = np.asarray([T.fold_of(r) for r in rows])
    texts, langs = [str(r["text"]) for r in rows], [str(r["lang"]) for r in rows]
    cues = cue_features(texts, langs)
    mean, std = cues.mean(axis=0), cues.std(axis=0) + 1e-6
    vectors = embedder.embed_queries(texts).astype(np.float64)
    x_multi = np.hstack([vectors, (cues - mean) / std])
    c_multi = T.C_PARTS[(T.DEFAULT_PROFILE, "verifiable")][1]
    multi_oof = T.out_of_fold(T._multi_model, c_multi, x_multi, y, folds)
    knn_oof = np.zeros(len(y))
    for fold in range(T.FOLDS):
        held = folds == fold
        knn_oof[held] = logit(knn_vote(vectors[held], vectors[~held], y[~held]))
    multi = T._multi_model(c_multi).fit(x_multi, y)
    root = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "check-worthiness"
    for lang in ("fa", "ru"):
        test = T.read_split(root / f"project-1b-{lang}" / "dev-test.jsonl")
        test_texts = [str(r["text"]) for r in test]
        y_test = np.asarray([int(r["label"]) for r in test])  # type: ignore[call-overload]
        test_vectors = embedder.embed_queries(test_texts).astype(np.float64)
        z = (cue_features(test_texts, [lang] * len(test)) - mean) / std
        test_multi = multi.decision_function(np.hstack([test_vectors, z]))
        test_knn = logit(knn_vote(test_vectors, vectors, y))
        with_knn = (np.column_stack([multi_oof, knn_oof]), np.column_stack([test_multi, test_knn]))
        for name, (train_x, test_x) in (
            ("base", (multi_oof[:, None], test_multi[:, None])),
            ("+knn", with_knn),
        ):
            platt = LogisticRegression(C=100.0, random_state=T.SEED).fit(train_x, y)
            threshold = T.best_threshold(y, platt.predict_proba(train_x)[:, 1])
            got = T._metrics(y_test, platt.predict_proba(test_x)[:, 1], threshold)
            print(
                f"project-1b-{lang} ({len(test)} sentences) {name:<5} F1 {got['F1']:.3f}"
                f"  AP {got['AP']:.3f}",
                flush=True,
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--dev-weight", type=float, default=1.0)
    args = parser.parse_args(argv)
    if not (args.data / "check-worthiness").is_dir():
        print(f"{args.data}/check-worthiness not found; pass --data", file=sys.stderr)
        return 2
    splits, _ = T.load(args.data)
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    for detector, folders in (("checkworthy", T.CHECKWORTHY_2024), ("verifiable", T.VERIFIABLE_1B)):
        run_head(detector, folders, splits, embedder, args.dev_weight)
    project_sets(splits, embedder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
