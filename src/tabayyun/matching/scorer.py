"""The learned final score: a small numpy network over ranking features plus signed penalties.

score(x) = MLP(ranking features) + sum(w_i * conflict_i) + sum(v_j * boost_j), with every
conflict weight held at or below `-MIN_PENALTY`: a number, year, negation or direction conflict
can only lower a score, even where training data holds too few such pairs to learn it. Boosts are
features with a fixed weight set after training (`with_boost`), for signals the training data
cannot teach; a "gap" boost (a feature that is 0 for the best candidate of a group and negative
for the others) re-ranks without moving that best one, so it needs no scale of its own. A Platt
scale turns the score into a probability, which is what the "suggest" and "match" thresholds cut.

Training (`fit`) minimises a listwise softmax loss per query, so it learns to rank the right claim
first among that query's candidates. `scripts/train_matcher.py` runs it on training splits only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tabayyun.errors import ConfigError

Matrix = npt.NDArray[np.float64]
MIN_PENALTY = 0.5


@dataclass
class Scorer:
    """A trained scorer; `features` names the columns `score` expects, in order."""

    features: list[str]
    conflicts: list[str]
    mean: Matrix
    std: Matrix
    w1: Matrix
    b1: Matrix
    w2: Matrix
    b2: float
    penalties: Matrix
    platt: tuple[float, float] = (1.0, 0.0)
    boosts: dict[str, float] = field(default_factory=dict)
    # The scale fitted before any boost: what `probability(..., boosted=False)` uses when a
    # boosted feature cannot be computed (scoring it as 0 would sink every candidate).
    plain_platt: tuple[float, float] | None = None
    # Boosts whose feature is a gap to the best candidate (<= 0, and 0 where it cannot be
    # computed): they apply whether or not the others can, on whichever scale applies.
    gap_boosts: list[str] = field(default_factory=list)
    # The scale for an engine that cannot compute the gap features at all (no bridge encoder):
    # fitted before the gap boosts, as `plain_platt` is before every boost. A gap of 0 on every
    # candidate would otherwise rate each one as a best one.
    gapless_platt: tuple[float, float] | None = None

    @classmethod
    def untrained(cls, features: Sequence[str], conflicts: Sequence[str] = ()) -> Scorer:
        """A scorer that gives every candidate the same score: for collecting training features."""
        n = len(features) - len(conflicts)
        return cls(
            features=list(features),
            conflicts=list(conflicts),
            mean=np.zeros(n),
            std=np.ones(n),
            w1=np.zeros((n, 1)),
            b1=np.zeros(1),
            w2=np.zeros(1),
            b2=0.0,
            penalties=np.zeros(len(conflicts)),
        )

    def with_boost(self, feature: str, weight: float, *, gap: bool = False) -> Scorer:
        """This scorer with `weight * feature` added to its score, outside the network; the
        current Platt scale is kept as `plain_platt` for texts without that feature. A `gap`
        feature (0 for the best candidate, see above) applies to every text."""
        if feature in self.features and feature not in self.boosts:
            raise ValueError(f"{feature!r} is already an input of the network; boost another.")
        features = self.features if feature in self.features else [*self.features, feature]
        gaps = [name for name in self.gap_boosts if name != feature] + ([feature] if gap else [])
        return replace(
            self,
            features=list(features),
            boosts={**self.boosts, feature: weight},
            plain_platt=self.plain_platt or (None if gap else self.platt),
            gap_boosts=gaps,
            gapless_platt=(self.gapless_platt or self.platt) if gap else self.gapless_platt,
        )

    def without_boosts(self) -> Scorer:
        """The trained network alone, on the scale fitted before any boost."""
        return replace(
            self,
            features=[name for name in self.features if name not in self.boosts],
            boosts={},
            platt=self.plain_platt or self.gapless_platt or self.platt,
            plain_platt=None,
            gap_boosts=[],
            gapless_platt=None,
        )

    def raw(self, x: Matrix, *, boosted: bool = True, gaps: bool = True) -> Matrix:
        """The ranking score of each row of `x` (columns as in `features`); `boosted=False`
        leaves the boosts out but the gap boosts, `gaps=False` those."""
        # Conflicts stay out of the network: there they could learn to raise a score.
        conflict_cols = [self.features.index(name) for name in self.conflicts]
        boost_cols = [self.features.index(name) for name in self.boosts]
        outside = {*conflict_cols, *boost_cols}
        network_cols = [i for i in range(len(self.features)) if i not in outside]
        z = (x[:, network_cols] - self.mean) / self.std
        hidden = np.maximum(z @ self.w1 + self.b1, 0.0)
        boosts = np.asarray(
            [
                (w if gaps else 0.0) if name in self.gap_boosts else (w if boosted else 0.0)
                for name, w in self.boosts.items()
            ],
            dtype=np.float64,
        )
        return np.asarray(
            hidden @ self.w2
            + self.b2
            + x[:, conflict_cols] @ self.penalties
            + x[:, boost_cols] @ boosts
        )

    def probability(self, x: Matrix, *, boosted: bool = True, gaps: bool = True) -> Matrix:
        """The calibrated probability that each row is a match; `boosted=False` scores without
        the (non-gap) boosts, on the scale fitted before them; `gaps=False` without the gap
        boosts, on the scale fitted before those (`gapless_platt`)."""
        plain = not boosted and any(name not in self.gap_boosts for name in self.boosts)
        if plain:
            a, b = self.plain_platt or self.platt
        elif not gaps and self.gap_boosts:
            a, b = self.gapless_platt or self.platt
        else:
            a, b = self.platt
        raw = self.raw(x, boosted=boosted, gaps=gaps)
        return np.asarray(1.0 / (1.0 + np.exp(-(a * raw + b))))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form for the shipped artefact."""
        return {
            "features": self.features,
            "conflicts": self.conflicts,
            "mean": self.mean.tolist(),
            "std": self.std.tolist(),
            "w1": self.w1.tolist(),
            "b1": self.b1.tolist(),
            "w2": self.w2.tolist(),
            "b2": self.b2,
            "penalties": self.penalties.tolist(),
            "platt": list(self.platt),
            "boosts": self.boosts,
            "plain_platt": None if self.plain_platt is None else list(self.plain_platt),
            "gap_boosts": self.gap_boosts,
            "gapless_platt": None if self.gapless_platt is None else list(self.gapless_platt),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        """Read the form `to_json` writes."""
        try:
            return cls(
                features=list(data["features"]),
                conflicts=list(data["conflicts"]),
                mean=np.asarray(data["mean"], dtype=np.float64),
                std=np.asarray(data["std"], dtype=np.float64),
                w1=np.asarray(data["w1"], dtype=np.float64),
                b1=np.asarray(data["b1"], dtype=np.float64),
                w2=np.asarray(data["w2"], dtype=np.float64),
                b2=float(data["b2"]),
                penalties=np.asarray(data["penalties"], dtype=np.float64),
                platt=(float(data["platt"][0]), float(data["platt"][1])),
                boosts={str(k): float(v) for k, v in data.get("boosts", {}).items()},
                plain_platt=_pair(data.get("plain_platt")),
                gap_boosts=[str(name) for name in data.get("gap_boosts", [])],
                gapless_platt=_pair(data.get("gapless_platt")),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ConfigError(
                f"The matcher model file is malformed ({exc}); rerun scripts/train_matcher.py."
            ) from exc


def _pair(value: Any) -> tuple[float, float] | None:
    return None if value is None else (float(value[0]), float(value[1]))


MODELS_DIR = Path(__file__).parent / "models"


def load_models(path: Path | None = None) -> dict[str, Scorer]:
    """The shipped scorers by name ("mono": same language, "cross": across languages)."""
    file = path or MODELS_DIR / "scorer.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"Cannot read the matcher model {file} ({exc}); reinstall tabayyun or rerun "
            "scripts/train_matcher.py."
        ) from exc
    return {name: Scorer.from_json(model) for name, model in data["models"].items()}


def fit(
    groups: Sequence[tuple[Matrix, npt.NDArray[np.bool_]]],
    features: list[str],
    conflicts: list[str],
    *,
    hidden: int = 16,
    epochs: int = 500,
    lr: float = 0.01,
    l2: float = 1e-4,
    seed: int = 0,
) -> Scorer:
    """Train on (candidate features, is-relevant) per query with a listwise softmax loss (Adam).

    Groups without a relevant candidate carry no ranking signal and are skipped.
    """
    kept = _with_signal(groups)
    if not kept:
        raise ConfigError("No training query has a relevant candidate; check the qrels.")
    cols = [features.index(name) for name in conflicts]
    network_cols = [i for i in range(len(features)) if i not in cols]
    x_all = np.vstack([x for x, _ in kept])[:, network_cols]
    mean, std = x_all.mean(axis=0), x_all.std(axis=0) + 1e-6
    rng = np.random.default_rng(seed)
    params = {
        "w1": rng.normal(0, 0.3, (len(network_cols), hidden)),
        "b1": np.zeros(hidden),
        "w2": rng.normal(0, 0.3, hidden),
        "b2": np.zeros(1),
        "pen": np.full(len(cols), -MIN_PENALTY),
    }
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    # One padded batch of all queries: rows grouped by query, a mask for the padding.
    width = max(len(y) for _, y in kept)
    xs = np.zeros((len(kept), width, len(features)))
    ys = np.zeros((len(kept), width), dtype=bool)
    mask = np.zeros((len(kept), width), dtype=bool)
    for i, (x, y) in enumerate(kept):
        xs[i, : len(y)], ys[i, : len(y)], mask[i, : len(y)] = x, y, True
    zs = (xs[:, :, network_cols] - mean) / std
    # The real rows, flat, for the matrix products (BLAS); the padded shape for the softmax.
    n_queries = len(kept)
    valid = mask.reshape(-1)
    z2 = zs.reshape(n_queries * width, -1)[valid]
    c2 = xs[:, :, cols].reshape(n_queries * width, -1)[valid]
    s = np.full(n_queries * width, -1e9)
    for step in range(1, epochs + 1):
        pre = z2 @ params["w1"] + params["b1"]
        hid = np.maximum(pre, 0.0)
        s[valid] = hid @ params["w2"] + params["b2"][0] + c2 @ params["pen"]
        padded = s.reshape(n_queries, width)
        p = np.exp(padded - padded.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        # Loss: -log of the probability mass on the relevant candidates.
        pos = np.where(ys, p, 0.0)
        q = pos / pos.sum(axis=1, keepdims=True)
        grad_s = ((p - q) / n_queries).reshape(-1)[valid]
        grads = {
            "w2": grad_s @ hid + l2 * params["w2"],
            "b2": np.array([grad_s.sum()]),
            "pen": grad_s @ c2,
        }
        grad_pre = grad_s[:, None] * params["w2"] * (pre > 0)
        grads["w1"] = z2.T @ grad_pre + l2 * params["w1"]
        grads["b1"] = grad_pre.sum(axis=0)
        for key, grad in grads.items():
            m, v = moments[key]
            m[...] = 0.9 * m + 0.1 * grad
            v[...] = 0.999 * v + 0.001 * grad**2
            params[key] -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        params["pen"] = np.minimum(params["pen"], -MIN_PENALTY)
    scorer = Scorer(
        features=features,
        conflicts=conflicts,
        mean=mean,
        std=std,
        w1=params["w1"],
        b1=params["b1"],
        w2=params["w2"],
        b2=float(params["b2"][0]),
        penalties=params["pen"],
    )
    scorer.platt = fit_platt(scorer, kept)
    return scorer


def fit_ensemble(
    groups: Sequence[tuple[Matrix, npt.NDArray[np.bool_]]],
    features: list[str],
    conflicts: list[str],
    *,
    seeds: Sequence[int] = (0, 1, 2),
    **options: Any,
) -> Scorer:
    """The mean of networks fitted from several seeds, merged into one wider network.

    Averaging ReLU networks is exact as one network: hidden units side by side, output weights
    divided by their count. It steadies rankings that one seed leaves noisy (about +-0.015 MAP@5
    on the 85 Arabic dev queries between seeds).
    """
    members = [fit(groups, features, conflicts, seed=seed, **options) for seed in seeds]
    first = members[0]
    merged = Scorer(
        features=first.features,
        conflicts=first.conflicts,
        mean=first.mean,
        std=first.std,
        w1=np.hstack([m.w1 for m in members]),
        b1=np.concatenate([m.b1 for m in members]),
        w2=np.concatenate([m.w2 for m in members]) / len(members),
        b2=float(np.mean([m.b2 for m in members])),
        penalties=np.mean([m.penalties for m in members], axis=0),
    )
    merged.platt = fit_platt(merged, _with_signal(groups))
    return merged


def _with_signal(
    groups: Sequence[tuple[Matrix, npt.NDArray[np.bool_]]],
) -> list[tuple[Matrix, npt.NDArray[np.bool_]]]:
    """The groups that can teach ranking: a relevant candidate among several."""
    return [(x, y) for x, y in groups if y.any() and len(y) > 1]


def fit_platt(
    scorer: Scorer, groups: Sequence[tuple[Matrix, npt.NDArray[np.bool_]]]
) -> tuple[float, float]:
    """Logistic regression of relevance on the raw score: a probability the thresholds can cut."""
    raw = np.concatenate([scorer.raw(x) for x, _ in groups])
    y = np.concatenate([yy for _, yy in groups]).astype(np.float64)
    a, b = 1.0, 0.0
    for _ in range(500):
        p = 1.0 / (1.0 + np.exp(-(a * raw + b)))
        ga, gb = float(((p - y) * raw).mean()), float((p - y).mean())
        a, b = a - 0.5 * ga, b - 0.5 * gb
    return a, b
