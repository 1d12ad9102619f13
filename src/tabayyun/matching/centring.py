"""The direction every e5 vector shares, taken off before the matcher compares any two.

multilingual-e5-small's vectors crowd in a narrow cone: the mean of a few thousand sentences has
a norm of about 0.9. Cosines are then dominated by that shared direction, and the little that is
left to tell texts apart is what a translation changes most. Subtracting one mean vector (the
"centre") and normalising again spreads the cone. Dense retrieval alone over the English corpus
(MAP@5 on the xling dev sets, ar / fa / ru): 0.599 / 0.602 / 0.757 raw, 0.697 / 0.741 / 0.831
centred; English queries 0.943 -> 0.939 (`docs/architecture.md` has the experiments: per-language
means, whitening and removing principal directions did no better).

The centre is fitted by `scripts/train_matcher.py` on sentences in the four languages (news in
Arabic, Persian and Russian, debate sentences in English; both e5 prefixes pooled) and ships in
`models/centre.json`. It belongs to one model: an engine over
another embedder (the tests' fake) leaves vectors as they are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tabayyun.embed.base import Embedder, l2_normalise, model_family
from tabayyun.errors import ConfigError
from tabayyun.matching.scorer import MODELS_DIR

CENTRE_PATH = MODELS_DIR / "centre.json"
Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Centre:
    """What is taken off each vector: its language's centre where one was fitted, else
    `default` (the mean of the language centres)."""

    default: Vector
    by_lang: Mapping[str, Vector] = field(default_factory=dict)

    def apply(self, vectors: npt.ArrayLike, langs: Sequence[str]) -> Vector:
        """Rows of `vectors` (texts in `langs`, one each) less their centre, at unit length."""
        matrix = np.asarray(vectors, dtype=np.float32)
        if len(langs) != len(matrix):
            raise ValueError(f"{len(matrix)} vectors but {len(langs)} languages")
        out = matrix - self.default  # a copy: the caller's vectors stay as they were
        if self.by_lang:
            # Grouped by language, not one centre row per vector: a million rows stay cheap.
            codes = np.asarray(langs)
            for lang, centre in self.by_lang.items():
                rows = codes == lang
                if rows.any():
                    out[rows] += self.default - centre
        return l2_normalise(out)


def load_centre(embedder: Embedder, path: Path | None = None) -> Centre | None:
    """The shipped centre of `embedder`'s model; None for a model it was not fitted for."""
    file = path or CENTRE_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        model = str(data["model"])
        default = np.asarray(data["default"], dtype=np.float32)
        by_lang = {
            str(lang): np.asarray(vector, dtype=np.float32)
            for lang, vector in data.get("languages", {}).items()
        }
        if default.ndim != 1 or any(v.shape != default.shape for v in by_lang.values()):
            raise ValueError("its vectors are not all of one length")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"Cannot read the matcher's centre {file} ({exc}); reinstall tabayyun or rerun "
            "scripts/train_matcher.py."
        ) from exc
    if model_family(embedder.name) != model or default.shape != (embedder.dim,):
        return None
    return Centre(default, by_lang)


def centred(vectors: npt.ArrayLike, centre: Centre | None, langs: Sequence[str]) -> Vector:
    """`centre.apply`, or the vectors as they are where there is no centre."""
    if centre is None:
        return np.asarray(vectors, dtype=np.float32)
    return centre.apply(vectors, langs)


def fit_centre(
    texts: Mapping[str, Sequence[str]], embedder: Embedder, *, per_language: bool
) -> Centre:
    """Each language's mean over its texts' query and passage vectors; `default` is the mean of
    those means (each language weighs the same). Without `per_language`, `default` alone."""
    means = {
        lang: np.vstack([embedder.embed_queries(list(group)), embedder.embed_passages(list(group))])
        .astype(np.float64)
        .mean(axis=0)
        .astype(np.float32)
        for lang, group in texts.items()
    }
    default = np.mean(list(means.values()), axis=0).astype(np.float32)
    return Centre(default, means if per_language else {})


def centre_json(centre: Centre, model: str, sources: Mapping[str, Any]) -> str:
    """The shipped file: the vectors, the model they belong to and what they were fitted on."""

    def listed(vector: Vector) -> list[float]:
        return [round(float(x), 7) for x in vector]

    return (
        json.dumps(
            {
                "model": model,
                "fitted_on": dict(sources),
                "default": listed(centre.default),
                "languages": {lang: listed(v) for lang, v in centre.by_lang.items()},
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
