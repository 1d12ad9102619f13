"""Train the check-worthiness and verifiability scorers and write the artefact the package ships.

    PYTHONPATH=src .venv/bin/python scripts/train_checkworthiness.py --data ../shared/data

Heads. Each profile/detector ("head") is trained on the `train` + `dev` splits of its folders:
- `default`, the pipeline's: `checkworthy` from the two 2024 folders (every sentence or tweet
  labelled, as in an article), `verifiable` from the two 2022-1B folders;
- `checkthat2022-1a-ar`, `checkthat2022-1a-en`: `checkworthy` from that folder alone. 1A labels
  mean "check-worthy *among tweets that hold a verifiable claim*" (every 1A tweet is a 1B
  positive): a conditional question, kept out of the default head and benchmarked on its own.

Each head has two parts:
- lexical (ar, en: the languages with training data): a logistic regression over hashed TF-IDF
  word 1-2-grams and char 2-5-grams + cue features, the TF-IDF columns either as they are or
  scaled by their naive-Bayes log-count ratio (NBSVM), whichever has the higher out-of-fold
  average precision; both ship as the same linear weights;
- multilingual (any language): e5 sentence vectors ("query:" prefix) + cue features, through
  either a logistic regression or three seeds of a one-hidden-layer MLP (256 ReLU units, L2
  alpha 0.01, early stopping; the decision value is the seeds' mean logit). Both are fitted for
  every head and the one with the higher out-of-fold average precision over all the head's items
  is kept for the languages with training data (measured 2026-11-29: the MLP in the default
  profile's two heads, the regression in the two 2022-1A heads). Languages without training
  data (fa, ru, ...) always read the regression (`OTHER_LANGUAGES_MODEL`, which says why),
  for the verifiable head one trained on the English items alone (`OTHER_LANGUAGES_SOURCE`).
  In the heads of `BRIDGE_HEADS` the part for the languages with training data also reads the
  bridge encoder's vector (embed/bridge.py, USE multilingual: 512 more inputs); the part for
  other languages never does (the bridge does not know Persian).

Blend, calibration and thresholds come from 5-fold cross-validation over train+dev, never from
one split: out-of-fold (OOF) logits of the two parts fit a small blend per language with
training data, a Platt scaling of the multilingual logit for every other language, and the
decision threshold (the OOF probability that maximises the head's metric). Thresholds tuned on
the small dev splits alone did not transfer to dev-test; OOF predictions over ~10x more items do.
Folds are by normalised text, so duplicates never sit on both sides of a fold.

`dev-test` is never read except to drop train/dev items whose normalised text also occurs in any
dev-test split (2024-ar train holds all of 2022-1A-ar, dev-test included). Fixed seeds and folds:
the same data gives the same artefact. Needs scikit-learn (training only; the package scores with
numpy alone). About 10-20 minutes on 2 cores with the e5 vectors cached.

Regularisation (inverse C) per part and head was picked by the same 5-fold CV (OOF average
precision, then F1 on the dev items), see `C_PARTS`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.neural_network import MLPClassifier

from tabayyun.claims.checkworthiness import (
    ARTEFACT_PATH,
    DEFAULT_PROFILE,
    LEXICAL_LANGS,
    lexical_matrix_parts,
    tfidf_rows,
)
from tabayyun.claims.features import cue_features
from tabayyun.config import Settings
from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache
from tabayyun.embed.bridge import BridgeEmbedder
from tabayyun.lang.normalize import normalize

BITS = 18
SEED = 13
FOLDS = 5
CHECKWORTHY_2024 = ("checkthat2024-ar", "checkthat2024-en")
VERIFIABLE_1B = ("checkthat2022-1b-ar", "checkthat2022-1b-en")
# profile -> detector -> folders it is trained on. The default profile is the pipeline's; a folder
# that has no profile of its own (2024, 1B) is benchmarked with it, since it was trained on that
# folder's train+dev. The 2022-1A folders get their own heads: their labels mean "check-worthy
# among tweets that hold a verifiable claim" (every 1A tweet is a 1B positive), a different
# question from 2024's "is this sentence check-worthy", so mixing them into one head hurts both.
HEADS: dict[str, dict[str, tuple[str, ...]]] = {
    DEFAULT_PROFILE: {"checkworthy": CHECKWORTHY_2024, "verifiable": VERIFIABLE_1B},
    "checkthat2022-1a-ar": {"checkworthy": ("checkthat2022-1a-ar",)},
    "checkthat2022-1a-en": {"checkworthy": ("checkthat2022-1a-en",)},
}
# The metric a threshold maximises: F1 of the positive class (CheckThat!'s), except where the
# project's target is macro-F1 (2024 Arabic: the default head's Arabic checkworthy threshold).
MACRO_F1_THRESHOLDS = {(DEFAULT_PROFILE, "checkworthy", "ar")}
# Inverse regularisation (lexical, multilingual) per head, picked by 5-fold CV over train+dev
# (OOF average precision, then F1 on the dev items; grids 2/8/32 lexical and 0.25/1/4/16 e5).
C_PARTS: dict[tuple[str, str], tuple[float, float]] = {
    (DEFAULT_PROFILE, "checkworthy"): (8.0, 4.0),
    (DEFAULT_PROFILE, "verifiable"): (2.0, 4.0),
    ("checkthat2022-1a-ar", "checkworthy"): (2.0, 16.0),
    ("checkthat2022-1a-en", "checkworthy"): (8.0, 16.0),
}

Rows = list[dict[str, object]]
Floats = npt.NDArray[np.float64]


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


def experiment_inputs() -> tuple[dict[str, dict[str, Rows]], CachedEmbedder] | None:
    """For the experiment scripts: the shared data's splits (as `load`) and the cached encoder.

    None, with a message, where `../shared/data/check-worthiness` is absent.
    """
    data = Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (data / "check-worthiness").is_dir():
        print(f"{data}/check-worthiness not found", file=sys.stderr)
        return None
    return load(data)[0], CachedEmbedder(E5Embedder(), VectorCache())


def training_rows(splits: dict[str, dict[str, Rows]], folders: Sequence[str]) -> Rows:
    """train + dev of the folders, each normalised text once per folder (first label kept)."""
    rows: Rows = []
    for folder in folders:
        seen: set[str] = set()
        for split in ("train", "dev"):
            for row in splits[folder].get(split, []):
                if key(row) not in seen:
                    seen.add(key(row))
                    rows.append({**row, "split": split})
    return rows


@dataclass(frozen=True)
class HeadItems:
    """A head's training items as arrays, with the cue features standardised over them."""

    rows: Rows
    y: npt.NDArray[np.int_]
    folds: npt.NDArray[np.int_]
    langs: npt.NDArray[np.str_]
    texts: list[str]
    cue_mean: npt.NDArray[np.float32]
    cue_std: npt.NDArray[np.float32]
    z: npt.NDArray[np.float32]

    @classmethod
    def of(cls, rows: Rows) -> HeadItems:
        langs = np.asarray([str(r["lang"]) for r in rows])
        texts = [str(r["text"]) for r in rows]
        cues = cue_features(texts, list(langs))
        mean, std = cues.mean(axis=0), cues.std(axis=0) + 1e-6
        return cls(
            rows=rows,
            y=np.asarray([int(r["label"]) for r in rows]),  # type: ignore[call-overload]
            folds=np.asarray([fold_of(r) for r in rows]),
            langs=langs,
            texts=texts,
            cue_mean=mean,
            cue_std=std,
            z=(cues - mean) / std,
        )

    def inputs(
        self, rows: Rows, embedder: CachedEmbedder, idf: npt.NDArray[np.float32]
    ) -> tuple[sparse.csr_matrix, Floats, Floats]:
        """(lexical, multilingual, e5 vectors) inputs of any rows, cues standardised as ours.

        For the experiment scripts, which score dev-test rows with heads trained on these items.
        """
        texts = [str(r["text"]) for r in rows]
        cues = cue_features(texts, [str(r["lang"]) for r in rows])
        z = (cues - self.cue_mean) / self.cue_std
        vectors = embedder.embed_queries(texts).astype(np.float64)
        lexical = sparse.hstack([lexical_sparse(rows, idf, BITS), z]).tocsr()
        return lexical, np.hstack([vectors, z]), vectors


def shared_idf(splits: dict[str, dict[str, Rows]]) -> npt.NDArray[np.float32]:
    """One IDF over every head's items (each normalised text once): the artefact ships one."""
    folders = sorted({f for heads in HEADS.values() for fs in heads.values() for f in fs})
    unique = list({key(r): r for r in training_rows(splits, folders)}.values())
    return idf_weights(unique, BITS)


def best_by_ap(
    candidates: dict[str, Floats], y: npt.NDArray[np.int_]
) -> tuple[str, dict[str, float]]:
    """The candidate whose out-of-fold decision values have the highest AP, and every AP."""
    ap = {name: round(float(average_precision_score(y, v)), 4) for name, v in candidates.items()}
    return max(ap, key=lambda name: ap[name]), ap


def fold_of(row: dict[str, object]) -> int:
    """A stable fold per normalised text (sha256, so it never depends on the process or order)."""
    digest = hashlib.sha256(f"{SEED}|{key(row)}".encode()).digest()
    return int.from_bytes(digest[:4], "little") % FOLDS


def idf_weights(rows: Rows, bits: int) -> npt.NDArray[np.float32]:
    """Smoothed IDF per bucket, as scikit-learn computes it."""
    df = np.zeros(1 << bits, dtype=np.float64)
    for row in rows:
        word, _, char, _ = lexical_matrix_parts([str(row["text"])], [str(row["lang"])], bits)[0]
        df[np.union1d(word, char)] += 1
    return np.log((1 + len(rows)) / (1 + df)).astype(np.float32) + 1


def lexical_sparse(rows: Rows, idf: npt.NDArray[np.float32], bits: int) -> sparse.csr_matrix:
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


def best_threshold(labels: npt.NDArray[np.int_], probs: Floats, *, macro: bool = False) -> float:
    """The probability cut that maximises F1 of the positive class (or macro-F1)."""
    candidates = np.unique(np.quantile(probs, np.linspace(0.005, 0.995, 400)).round(4))
    average = "macro" if macro else "binary"
    scores = [f1_score(labels, probs >= t, average=average, zero_division=0) for t in candidates]
    return float(candidates[int(np.argmax(scores))])


def _lexical_model(c: float) -> LogisticRegression:
    # liblinear: several times faster than lbfgs on 2**18 sparse columns, same optimum.
    return LogisticRegression(
        C=c, solver="liblinear", max_iter=2000, class_weight="balanced", random_state=SEED
    )


NB_ALPHA = 0.1  # smoothing of the NB log-count ratio (0.1 beat 1.0 out-of-fold)


class NBLexical:
    """The lexical regression over TF-IDF columns scaled by their naive-Bayes log-count ratio.

    NBSVM (Wang and Manning 2012) with a logistic loss: each n-gram bucket's TF-IDF is multiplied
    by log((p_j / |p|) / (q_j / |q|)), p and q its smoothed sums over positive and negative
    training items; the cue columns are left as they are. `coef_` gives the weights on the
    unscaled columns (the regression's times the ratio), so the artefact and the scorer are the
    same as for the plain regression.
    """

    def __init__(self, c: float) -> None:
        self.model = _lexical_model(c)

    def _scaled(self, x: sparse.csr_matrix) -> sparse.csr_matrix:
        return (x @ sparse.diags(self.scale)).tocsr()

    def fit(self, x: sparse.csr_matrix, y: npt.NDArray[np.int_]) -> NBLexical:
        tfidf = x[:, : 1 << BITS]
        p = np.asarray(tfidf[y == 1].sum(axis=0)).ravel() + NB_ALPHA
        q = np.asarray(tfidf[y == 0].sum(axis=0)).ravel() + NB_ALPHA
        ratio = np.log((p / p.sum()) / (q / q.sum()))
        self.scale = np.concatenate([ratio, np.ones(x.shape[1] - (1 << BITS))])
        self.model.fit(self._scaled(x), y)
        self.coef_ = self.model.coef_ * self.scale
        self.intercept_ = self.model.intercept_
        return self

    def decision_function(self, x: sparse.csr_matrix) -> Floats:
        return np.asarray(self.model.decision_function(self._scaled(x)))


# The lexical part: plain TF-IDF or NB-weighted, whichever has the higher out-of-fold AP over the
# head's items (measured 2026-11-29 in the training script's own run; see the artefact's
# `lexical_oof_AP`).
LEXICAL_MODELS: dict[str, Callable[[float], LogisticRegression | NBLexical]] = {
    "tfidf": _lexical_model,
    "nb-tfidf": NBLexical,
}


def _multi_model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=SEED)


MLP_HIDDEN = 256
MLP_ALPHA = 0.01
MLP_SEEDS = 3


class SeedMLP:
    """Several seeds of a one-hidden-layer ReLU MLP; the decision value is their mean logit.

    `arrays` writes them as one network (hidden layers side by side, output weights divided by
    the seed count), which `checkworthiness.multilingual_logit` evaluates with numpy alone.
    """

    def __init__(
        self,
        _c: float = 0.0,
        *,
        hidden: int = MLP_HIDDEN,
        alpha: float = MLP_ALPHA,
        first_seed: int = SEED,
    ) -> None:
        self.nets = [
            MLPClassifier(
                hidden_layer_sizes=(hidden,),
                alpha=alpha,
                early_stopping=True,
                max_iter=200,
                random_state=first_seed + seed,
            )
            for seed in range(MLP_SEEDS)
        ]

    def fit(self, x: Floats, y: npt.NDArray[np.int_]) -> SeedMLP:
        for net in self.nets:
            net.fit(x, y)
        return self

    def weights(self) -> tuple[Floats, Floats, Floats, float]:
        """(W1, b1, w2, b2) of the seeds as one network with the mean logit as output."""
        w1 = np.hstack([net.coefs_[0] for net in self.nets])
        b1 = np.concatenate([net.intercepts_[0] for net in self.nets])
        w2 = np.concatenate([net.coefs_[1][:, 0] for net in self.nets]) / len(self.nets)
        b2 = float(np.mean([net.intercepts_[1][0] for net in self.nets]))
        return w1, b1, w2, b2

    def decision_function(self, x: Floats) -> Floats:
        w1, b1, w2, b2 = self.weights()
        return np.asarray(np.maximum(x @ w1 + b1, 0.0) @ w2 + b2)


MULTI_MODELS: dict[str, Callable[[float], LogisticRegression | SeedMLP]] = {
    "logistic": _multi_model,
    "mlp": SeedMLP,
}
# The multilingual part for languages a head has no training data for (fa, ru, ...): always the
# logistic regression, whichever part wins out-of-fold. Measured 2026-11-29: the MLP carried
# better across languages within CheckThat! (trained on en, scored on ar and back: AP 0.41
# against 0.36 for 2024 en->ar), but worse to the project's Persian and Russian news sentences
# (1A AP fa 0.890 against 0.938, ru 0.917 against 0.942; 1B F1 at the out-of-fold threshold fa
# 0.806 against 0.892, ru 0.713 against 0.829). News sentences are what the pipeline scores, so
# the linear part serves them. The first project sets took part in this one choice; the second
# (project2-*, written afterwards) confirm it (see docs/architecture.md).
# Heads whose multilingual part (for the languages with training data) also reads the bridge
# encoder's vector. Chosen by out-of-fold average precision of that part over train + dev
# (`scripts/checkworthiness_mlp_experiment.py --bridge`, 2026-11-29; e5 + cues -> + bridge): default
# checkworthy ar 0.632 -> 0.648, en 0.803 -> 0.808; default verifiable ar 0.928 -> 0.933, en
# 0.894 -> 0.899; the 2022-1A heads (a regression) lose: ar 0.535 -> 0.507, en 0.583 -> 0.578.
BRIDGE_HEADS = {(DEFAULT_PROFILE, "checkworthy"), (DEFAULT_PROFILE, "verifiable")}
OTHER_LANGUAGES_MODEL = "logistic"
# The training languages that part learns from, where not all of the head's. The verifiable
# head's comes from the English 1B tweets alone: the Arabic 1B labels carry badly to other
# languages (trained on Arabic alone it scores the project's first Russian 1B set F1 0.586;
# trained across languages within CheckThat!, ar->en AP 0.780 against en->ar 0.826), and on
# the first project sets (the fa/ru development sets) English alone scores F1 fa 0.906, ru 0.831
# against 0.892 / 0.829 from both. Measured 2026-11-29; see docs/architecture.md.
OTHER_LANGUAGES_SOURCE: dict[tuple[str, str], tuple[str, ...]] = {
    (DEFAULT_PROFILE, "verifiable"): ("en",),
}


def _part_arrays(part: str, model: LogisticRegression | SeedMLP) -> dict[str, Floats]:
    """A fitted multilingual part as the arrays `checkworthiness.multilingual_logit` reads."""
    if isinstance(model, SeedMLP):
        w1, b1, w2, b2 = model.weights()
        # float16 input weights halve the artefact; the logits move by about 1e-3.
        return {
            f"{part}_w1": w1.astype(np.float16),
            f"{part}_b1": b1.astype(np.float32),
            f"{part}_w": w2.astype(np.float32),
            f"{part}_b": np.asarray([b2], dtype=np.float32),
        }
    return {
        f"{part}_w": model.coef_[0].astype(np.float32),
        f"{part}_b": np.asarray([model.intercept_[0]], dtype=np.float32),
    }


def out_of_fold(
    make: Callable[[float], LogisticRegression | SeedMLP | NBLexical],
    c: float,
    x: sparse.csr_matrix | npt.NDArray[np.float64],
    y: npt.NDArray[np.int_],
    folds: npt.NDArray[np.int_],
) -> Floats:
    """Decision values of each item from the model trained on the other folds."""
    out = np.zeros(len(y))
    for fold in range(FOLDS):
        held = folds == fold
        model = make(c).fit(x[~held], y[~held])
        out[held] = model.decision_function(x[held])
    return out


def platt_fitted(
    make: Callable[[float], LogisticRegression | SeedMLP],
    c: float,
    x: npt.NDArray[np.float64],
    y: npt.NDArray[np.int_],
    folds: npt.NDArray[np.int_],
) -> tuple[LogisticRegression | SeedMLP, LogisticRegression, float, Floats]:
    """For the experiment scripts: a multilingual part fitted on all items, with its Platt scale,
    F1-best threshold and out-of-fold logits (as the `*` languages' part is trained)."""
    oof = out_of_fold(make, c, x, y, folds)
    platt = LogisticRegression(C=100.0, random_state=SEED).fit(oof[:, None], y)
    threshold = best_threshold(y, platt.predict_proba(oof[:, None])[:, 1])
    return make(c).fit(x, y), platt, threshold, oof


def transfer_metrics(
    make: Callable[[float], LogisticRegression | SeedMLP],
    c: float,
    x: npt.NDArray[np.float64],
    y: npt.NDArray[np.int_],
    folds: npt.NDArray[np.int_],
    train: npt.NDArray[np.bool_],
    held: npt.NDArray[np.bool_],
) -> tuple[dict[str, float], Floats]:
    """For the experiment scripts: a part fitted on the `train` rows (`platt_fitted`) scored on
    the `held` rows, as a language without training data is scored; its metrics there and its
    out-of-fold logits on `train`."""
    model, platt, threshold, oof = platt_fitted(make, c, x[train], y[train], folds[train])
    probs = platt.predict_proba(model.decision_function(x[held])[:, None])[:, 1]
    return _metrics(y[held], probs, threshold), oof


def train_head(
    profile: str,
    detector: str,
    folders: Sequence[str],
    splits: dict[str, dict[str, Rows]],
    embedder: CachedEmbedder,
    idf: npt.NDArray[np.float32],
    bridge: CachedEmbedder,
) -> tuple[dict[str, npt.NDArray[np.generic]], dict[str, object]]:
    started = time.perf_counter()
    items = HeadItems.of(training_rows(splits, folders))
    rows, y, folds, langs, z = items.rows, items.y, items.folds, items.langs, items.z
    is_dev = np.asarray([r["split"] == "dev" for r in rows])
    x_lex = sparse.hstack([lexical_sparse(rows, idf, BITS), z]).tocsr()
    x_multi = np.hstack([embedder.embed_queries(items.texts), z])
    # The part for languages with training data may read the bridge too; others never do.
    bridged = (profile, detector) in BRIDGE_HEADS
    x_trained = np.hstack([x_multi, bridge.embed_passages(items.texts)]) if bridged else x_multi

    c_lex, c_multi = C_PARTS[(profile, detector)]
    lexical_candidates = {
        name: out_of_fold(make, c_lex, x_lex, y, folds) for name, make in LEXICAL_MODELS.items()
    }
    lexical_kind, lexical_ap = best_by_ap(lexical_candidates, y)
    lex_oof = lexical_candidates[lexical_kind]
    candidates = {
        name: out_of_fold(make, c_multi, x_trained, y, folds) for name, make in MULTI_MODELS.items()
    }
    multi_kind, multi_ap = best_by_ap(candidates, y)
    multi_oof = candidates[multi_kind]
    blends: dict[str, list[float]] = {}
    thresholds: dict[str, float] = {}
    cv_metrics: dict[str, dict[str, float]] = {}
    for lang in LEXICAL_LANGS:
        mask = langs == lang
        if not mask.any():
            continue
        stack = np.column_stack([lex_oof[mask], multi_oof[mask]])
        blend = LogisticRegression(C=100.0, random_state=SEED).fit(stack, y[mask])
        blends[lang] = [*blend.coef_[0].tolist(), float(blend.intercept_[0])]
        probs = blend.predict_proba(stack)[:, 1]
        macro = (profile, detector, lang) in MACRO_F1_THRESHOLDS
        thresholds[lang] = best_threshold(y[mask], probs, macro=macro)
        cv_metrics[lang] = _metrics(y[mask], probs, thresholds[lang])
        if is_dev[mask].any():
            dev = is_dev[mask]
            cv_metrics[f"{lang} dev"] = _metrics(y[mask][dev], probs[dev], thresholds[lang])
    # Other languages: only the linear multilingual part (OTHER_LANGUAGES_MODEL), trained on the
    # items of OTHER_LANGUAGES_SOURCE (all by default) and Platt-scaled on their OOF logits.
    source = OTHER_LANGUAGES_SOURCE.get((profile, detector), tuple(sorted(set(langs))))
    from_source = np.isin(langs, source)
    make_other = MULTI_MODELS[OTHER_LANGUAGES_MODEL]
    if from_source.all() and not bridged:
        other_oof = candidates[OTHER_LANGUAGES_MODEL]
    else:
        other_oof = out_of_fold(
            make_other, c_multi, x_multi[from_source], y[from_source], folds[from_source]
        )
    y_source = y[from_source]
    platt = LogisticRegression(C=100.0, random_state=SEED).fit(other_oof[:, None], y_source)
    blends["*"] = [0.0, float(platt.coef_[0][0]), float(platt.intercept_[0])]
    probs = platt.predict_proba(other_oof[:, None])[:, 1]
    thresholds["*"] = best_threshold(y_source, probs)
    cv_metrics["* (multilingual head)"] = _metrics(y_source, probs, thresholds["*"])

    lexical = LEXICAL_MODELS[lexical_kind](c_lex).fit(x_lex, y)
    multi = MULTI_MODELS[multi_kind](c_multi).fit(x_trained, y)
    prefix = f"{profile}.{detector}"
    arrays: dict[str, npt.NDArray[np.generic]] = {
        f"{prefix}.lexical_w": lexical.coef_[0][: 1 << BITS].astype(np.float16),
        f"{prefix}.lexical_cue_w": lexical.coef_[0][1 << BITS :].astype(np.float32),
        f"{prefix}.lexical_b": np.asarray([lexical.intercept_[0]], dtype=np.float32),
        f"{prefix}.cue_mean": items.cue_mean.astype(np.float32),
        f"{prefix}.cue_std": items.cue_std.astype(np.float32),
    }
    arrays.update(_part_arrays(f"{prefix}.multi", multi))
    if multi_kind != OTHER_LANGUAGES_MODEL or not from_source.all() or bridged:
        other = make_other(c_multi).fit(x_multi[from_source], y_source)
        arrays.update(_part_arrays(f"{prefix}.other", other))
    meta: dict[str, object] = {
        "folders": list(folders),
        "train_dev_items": {f: len(training_rows(splits, (f,))) for f in folders},
        "C": {"lexical": c_lex, "multilingual": c_multi},
        "lexical_model": lexical_kind,
        "lexical_oof_AP": lexical_ap,
        "multilingual_model": multi_kind,
        # The bridge encoder whose vector the `multi` part reads after e5's and the cues.
        "multilingual_bridge": bridge.name if bridged else None,
        "multilingual_oof_AP": multi_ap,
        "other_languages_model": OTHER_LANGUAGES_MODEL,
        "other_languages_source": list(source),
        "threshold_metric": {
            lang: "macro_F1" if (profile, detector, lang) in MACRO_F1_THRESHOLDS else "F1"
            for lang in thresholds
        },
        "blend": blends,
        "thresholds": thresholds,
        "cv_metrics": cv_metrics,
    }
    print(
        f"{profile} {detector}: {len(rows)} items, {time.perf_counter() - started:.0f}s",
        json.dumps(cv_metrics, ensure_ascii=False),
        flush=True,
    )
    return arrays, meta


def _metrics(labels: npt.NDArray[np.int_], probs: Floats, t: float) -> dict[str, float]:
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
    parser.add_argument(
        "--profile",
        action="append",
        default=[],
        help="retrain only this profile (repeatable); the others are kept from the artefact at "
        "--out as they are (retraining is not reproducible to the threshold: docs/architecture.md)",
    )
    args = parser.parse_args(argv)
    np.random.seed(SEED)
    splits, dropped = load(args.data)
    print("training/dev items dropped for overlapping a dev-test split:", dropped)
    embedder = CachedEmbedder(
        E5Embedder(),
        VectorCache(Settings.from_env().cache_dir / "vectors"),
        progress=lambda done, total: print(f"  embedded {done}/{total}", file=sys.stderr),
    )
    bridge = CachedEmbedder(
        BridgeEmbedder(threads=2), VectorCache(Settings.from_env().cache_dir / "vectors")
    )
    # One IDF for every head: the hashed n-grams are computed once per sentence at run time.
    idf = shared_idf(splits)
    arrays: dict[str, npt.NDArray[np.generic]] = {"idf": idf.astype(np.float16)}
    profiles: dict[str, dict[str, object]] = {}
    unknown = set(args.profile) - set(HEADS)
    if unknown:
        parser.error(f"unknown profile(s) {sorted(unknown)}; choose from {sorted(HEADS)}")
    if args.profile:
        # The kept profiles' arrays and metadata, as shipped.
        with np.load(args.out) as kept:
            stored = {k: kept[k] for k in kept.files}
        old = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        if old["embedder"] != embedder.name:
            parser.error(f"the artefact at {args.out} was trained on {old['embedder']}")
        # The kept heads were trained with the artefact's IDF, which the scorer reads for all:
        # the retrained ones use it too (the normaliser may have changed since).
        idf = stored["idf"].astype(np.float32)
        arrays["idf"] = stored["idf"]
        for profile in set(HEADS) - set(args.profile):
            arrays.update({k: v for k, v in stored.items() if k.startswith(f"{profile}.")})
            profiles[profile] = old["profiles"][profile]
    for profile, heads in HEADS.items():
        if args.profile and profile not in args.profile:
            continue
        for detector, head_folders in heads.items():
            head_arrays, head_meta = train_head(
                profile, detector, head_folders, splits, embedder, idf, bridge
            )
            arrays.update(head_arrays)
            profiles.setdefault(profile, {})[detector] = head_meta
    profiles = {profile: profiles[profile] for profile in HEADS}  # in HEADS order
    metadata: dict[str, object] = {
        "created": dt.date.today().isoformat(),
        "embedder": embedder.name,
        "bridge": bridge.name,
        "embed_kind": "query",
        "bits": BITS,
        "seed": SEED,
        "folds": FOLDS,
        "mlp": {"hidden": MLP_HIDDEN, "alpha": MLP_ALPHA, "seeds": MLP_SEEDS},
        "dropped_for_dev_test_overlap": dropped,
        "profiles": profiles,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)  # type: ignore[arg-type]
    args.out.with_suffix(".json").write_text(
        json.dumps(metadata, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) and its .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
