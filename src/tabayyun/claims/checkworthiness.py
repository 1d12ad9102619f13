"""Score sentences as check-worthy and as verifiable: calibrated probabilities, numpy only.

The artefact (`models/checkworthiness.npz` + `.json`) is written by
`scripts/train_checkworthiness.py`. Per profile and detector it holds up to three parts:

- lexical (ar, en: the languages with training data): a linear model over hashed TF-IDF
  n-grams + cue features;
- multilingual: the shared e5 sentence vector + cue features, through a linear model or, where
  the training script found it better out-of-fold, one ReLU hidden layer (`multi_w1`,
  `multi_b1`: several seeds' networks side by side, their output weights divided by the seed
  count, so the one logit is the seeds' mean logit). In the default profile that part also
  reads the bridge encoder's vector (embed/bridge.py, USE multilingual; the head's
  `multilingual_bridge`), which the scorer computes itself unless given (`bridge_vectors`): it
  beat e5 + cues alone out-of-fold in both default heads;
- other (fa, ru and anything else, where the head has no training data), when the head has one:
  a linear model over the same inputs, trained on the languages in the head's
  `other_languages_source`. The hidden-layer part wins out-of-fold on the CheckThat! tweets and
  debates, but carried worse to the project's Persian and Russian news sentences.

For ar and en the lexical and multilingual logits are blended by per-language weights fitted on
out-of-fold predictions (5-fold cross-validation over the CheckThat! train+dev splits); for fa,
ru and anything else only the other (or, without one, the multilingual) part speaks,
Platt-scaled on its out-of-fold logits.
Thresholds come from the same out-of-fold predictions.

Languages without check-worthy training data are gated by the verifiable detector: by the
CheckThat! guidelines a check-worthy sentence holds a verifiable claim, so where the verifiable
probability is under its threshold the check-worthy one is capped under its own (at
`t_checkworthy * verifiable / t_verifiable`). News sentences hold many verifiable background
facts with nothing at stake, and the check-worthy part, learnt from tweets and debates, lets
too many through; the gate was chosen on the project's first Persian and Russian sets and
confirmed on the second (docs/architecture.md). Arabic and English are not gated: on the
2024 English debate sentences the tweet-trained verifiable head would cut recall by half.

Profiles: `default` (the pipeline's) scores `checkworthy` with a head trained on CheckThat! 2024
(ar tweets, en debate sentences: every sentence labelled, as in an article) and `verifiable` with
one trained on 2022-1B. `checkthat2022-1a-ar` / `-en` hold 2022-1A heads, whose labels mean
"check-worthy among tweets that already hold a verifiable claim"; they are for that benchmark
and for callers that first filter by `verifiable`.
Vectors must come from `embed_queries` of the same e5 model (the "query:" prefix), the one the
pipeline computes once per sentence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tabayyun.claims.features import cue_features, hashed_ngrams
from tabayyun.embed.bridge import DIM as BRIDGE_DIM
from tabayyun.errors import ConfigError

__all__ = [
    "ARTEFACT_PATH",
    "DEFAULT_PROFILE",
    "DETECTORS",
    "CheckworthinessScorer",
    "load_default_scorer",
]

MODELS_DIR = Path(__file__).parent / "models"
ARTEFACT_PATH = MODELS_DIR / "checkworthiness.npz"
METADATA_PATH = MODELS_DIR / "checkworthiness.json"
DETECTORS = ("checkworthy", "verifiable")
DEFAULT_PROFILE = "default"
LEXICAL_LANGS = ("ar", "en")

Floats = npt.NDArray[np.float64]


def lexical_matrix_parts(
    texts: Sequence[str], langs: Sequence[str], bits: int
) -> list[
    tuple[
        npt.NDArray[np.int64],
        npt.NDArray[np.float32],
        npt.NDArray[np.int64],
        npt.NDArray[np.float32],
    ]
]:
    """`hashed_ngrams` of each text: (word ids, word counts, char ids, char counts)."""
    return [hashed_ngrams(text, lang, bits=bits) for text, lang in zip(texts, langs, strict=True)]


def _block(
    ids: npt.NDArray[np.int64], counts: npt.NDArray[np.float32], idf: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    # Sublinear tf times idf, then unit length: the usual TF-IDF for short texts.
    values = (1.0 + np.log(counts)) * idf[ids]
    norm = float(np.linalg.norm(values))
    return (values / norm if norm else values).astype(np.float32)


def tfidf_rows(
    texts: Sequence[str], langs: Sequence[str], idf: npt.NDArray[np.float32], bits: int
) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
    """Sparse TF-IDF rows (bucket ids, values): word and char blocks each of unit length."""
    idf = idf.astype(np.float32)
    for word_ids, word_counts, char_ids, char_counts in lexical_matrix_parts(texts, langs, bits):
        ids = np.concatenate([word_ids, char_ids])
        values = np.concatenate(
            [_block(word_ids, word_counts, idf), _block(char_ids, char_counts, idf)]
        )
        # A word and a char n-gram may share a bucket: sum them, as a sparse matrix would.
        unique, inverse = np.unique(ids, return_inverse=True)
        yield unique, np.bincount(inverse, weights=values).astype(np.float32)


def multilingual_logit(
    arrays: dict[str, npt.NDArray[Any]], part: str, x: npt.NDArray[np.float32]
) -> Floats:
    """The logit of a multilingual part (`<profile>.<detector>.multi` or `.other`) for inputs `x`.

    `x` holds an e5 vector and standardised cue features per row; a part with `_w1` has a ReLU
    hidden layer before its output weights.
    """
    hidden = arrays.get(f"{part}_w1")
    if hidden is not None:
        x = np.maximum(x @ hidden + arrays[f"{part}_b1"], 0.0)
    return np.asarray(x @ arrays[f"{part}_w"] + arrays[f"{part}_b"][0], dtype=np.float64)


def _sigmoid(x: Floats) -> Floats:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


class CheckworthinessScorer:
    """The two detectors, loaded once from the artefact; `score` is thread-safe (the bridge
    encoder it may call serialises its calls)."""

    def __init__(self, path: Path = ARTEFACT_PATH, metadata_path: Path | None = None) -> None:
        metadata_path = metadata_path or path.with_suffix(".json")
        try:
            with np.load(path) as data:
                stored = {k: data[k] for k in data.files}
            # float16 is how the weights ship (half the size); score in float32, converted once
            # here rather than on every call.
            self._arrays: dict[str, npt.NDArray[Any]] = {
                k: v.astype(np.float32) if v.dtype == np.float16 else v for k, v in stored.items()
            }
            self.metadata: dict[str, Any] = json.loads(metadata_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"Cannot load the check-worthiness model {path} ({exc}); reinstall tabayyun or "
                "run scripts/train_checkworthiness.py to rebuild it."
            ) from exc
        self.bits = int(self.metadata["bits"])
        self.embedder = str(self.metadata["embedder"])
        self._idf = self._arrays["idf"]
        self.profiles: dict[str, dict[str, Any]] = self.metadata["profiles"]
        first = f"{DEFAULT_PROFILE}.{DETECTORS[0]}"
        inputs = self._arrays.get(f"{first}.multi_w1")
        if inputs is None:
            inputs = self._arrays[f"{first}.multi_w"]
        self.dim = int(inputs.shape[0]) - int(self._arrays[f"{first}.cue_mean"].shape[0])
        if self._bridged(DEFAULT_PROFILE, DETECTORS[0]):
            self.dim -= BRIDGE_DIM
        self._bridge: Any = None  # the bridge encoder, loaded when a text first needs it

    def _bridged(self, profile: str, detector: str) -> bool:
        """Whether the head's part for its training languages reads the bridge's vector."""
        return bool(self.profiles[profile][detector].get("multilingual_bridge"))

    def _bridge_rows(self, langs: Sequence[str], profile: str) -> npt.NDArray[np.bool_]:
        """The texts some head of `profile` scores with the bridge's vector: those in a
        language the head was trained on."""
        rows = np.zeros(len(langs), dtype=bool)
        for detector in DETECTORS:
            name = self._profile_for(detector, profile)
            if self._bridged(name, detector):
                blends = self.profiles[name][detector]["blend"]
                rows |= np.asarray([lang in blends for lang in langs], dtype=bool)
        return rows

    @property
    def bridge_name(self) -> str:
        """The name of the bridge encoder whose rows the heads read (`bridge_vectors`)."""
        from tabayyun.embed.bridge import BridgeEmbedder

        return str(self._bridge.name) if self._bridge is not None else BridgeEmbedder().name

    def bridge_vectors(
        self, texts: Sequence[str], langs: Sequence[str], *, profile: str = DEFAULT_PROFILE
    ) -> npt.NDArray[np.float32]:
        """The bridge encoder's rows that `score` reads for `texts`: a zero row for each text
        in a language no head of `profile` reads the bridge for. The pipeline keeps them on
        the Document, so the matcher never embeds the same sentence again."""
        bridge = np.zeros((len(texts), BRIDGE_DIM), dtype=np.float32)
        needed = np.flatnonzero(self._bridge_rows(langs, profile))
        if len(needed):
            bridge[needed] = self._embed_bridge([texts[int(i)] for i in needed])
        return bridge

    def _embed_bridge(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if self._bridge is None:
            from tabayyun.embed.bridge import BridgeEmbedder

            self._bridge = BridgeEmbedder(threads=1)
        return self._bridge.embed_passages(texts)

    def _profile_for(self, detector: str, profile: str) -> str:
        if profile not in self.profiles:
            raise ConfigError(
                f"unknown check-worthiness profile {profile!r}; use one of {sorted(self.profiles)}"
            )
        # A per-dataset profile covers one detector; the other falls back to the default.
        return profile if detector in self.profiles[profile] else DEFAULT_PROFILE

    def threshold(self, detector: str, lang: str, *, profile: str = DEFAULT_PROFILE) -> float:
        """The probability from which a sentence counts as positive (tuned out-of-fold)."""
        table = self.profiles[self._profile_for(detector, profile)][detector]["thresholds"]
        return float(table.get(lang, table["*"]))

    def score(
        self,
        texts: Sequence[str],
        vectors: npt.NDArray[np.floating[Any]],
        langs: Sequence[str],
        *,
        profile: str = DEFAULT_PROFILE,
        bridge_vectors: npt.NDArray[np.floating[Any]] | None = None,
    ) -> tuple[Floats, Floats]:
        """(checkworthy, verifiable) probabilities, one per text, each in [0, 1].

        `vectors` are the texts' e5 `embed_queries` rows; `profile` picks a per-dataset model
        (see the artefact's metadata) instead of the default one. `bridge_vectors` (the bridge
        encoder's `embed_passages` rows, one per text) skip embedding the texts that need them.
        """
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        vectors = np.asarray(vectors, dtype=np.float32)
        if len(texts) != len(langs) or vectors.shape != (len(texts), self.dim):
            raise ValueError(
                f"need one language and one {self.dim}-dim e5 query vector per text; got "
                f"{len(texts)} texts, {len(langs)} languages, vectors of shape {vectors.shape}"
            )
        if not len(texts):
            return np.zeros(0), np.zeros(0)
        if bridge_vectors is not None:
            bridge = np.asarray(bridge_vectors, dtype=np.float32)
            if bridge.shape != (len(texts), BRIDGE_DIM):
                raise ValueError(
                    f"need one {BRIDGE_DIM}-dim bridge vector per text; got {bridge.shape}"
                )
        else:
            bridge = self.bridge_vectors(texts, langs, profile=profile)
        cues = cue_features(texts, langs)
        has_lexical = np.asarray([lang in LEXICAL_LANGS for lang in langs])
        rows = list(
            tfidf_rows(
                [t for t, ok in zip(texts, has_lexical, strict=True) if ok],
                [lang for lang, ok in zip(langs, has_lexical, strict=True) if ok],
                self._idf,
                self.bits,
            )
        )
        checkworthy, verifiable = (
            self._detector(
                f"{self._profile_for(detector, profile)}.{detector}",
                cues,
                vectors,
                bridge,
                langs,
                has_lexical,
                rows,
            )
            for detector in DETECTORS
        )
        return self._gated(checkworthy, verifiable, langs, profile), verifiable

    def _gated(
        self, checkworthy: Floats, verifiable: Floats, langs: Sequence[str], profile: str
    ) -> Floats:
        """Check-worthiness capped under its threshold where a language without check-worthy
        training data has a sentence the verifiable detector rejects (module docstring)."""
        trained = self.profiles[self._profile_for("checkworthy", profile)]["checkworthy"]["blend"]
        out = checkworthy.copy()
        for i, lang in enumerate(langs):
            if lang in trained:
                continue
            t_verifiable = self.threshold("verifiable", lang, profile=profile)
            if verifiable[i] < t_verifiable:
                t_checkworthy = self.threshold("checkworthy", lang, profile=profile)
                out[i] = min(out[i], t_checkworthy * verifiable[i] / t_verifiable)
        return out

    def _detector(
        self,
        prefix: str,
        cues: npt.NDArray[np.float32],
        vectors: npt.NDArray[np.float32],
        bridge: npt.NDArray[np.float32],
        langs: Sequence[str],
        has_lexical: npt.NDArray[np.bool_],
        rows: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]],
    ) -> Floats:
        a = self._arrays
        z = (cues - a[f"{prefix}.cue_mean"]) / a[f"{prefix}.cue_std"]
        x = np.hstack([vectors, z])
        profile, detector = prefix.split(".")
        blends = self.profiles[profile][detector]["blend"]
        # The training languages' part may read the bridge's vector too; `other` never does.
        x_trained = np.hstack([x, bridge]) if self._bridged(profile, detector) else x
        # Languages the head was trained on read the `multi` part inside their blend; any other
        # language reads the `other` part where the head has one (a linear model: see the module
        # docstring), Platt-scaled by the blend's "*" entry.
        other = np.asarray([lang not in blends for lang in langs])
        multi = np.zeros(len(langs))
        if f"{prefix}.other_w" in a and other.any():
            multi[other] = multilingual_logit(a, f"{prefix}.other", x[other])
            if (~other).any():
                multi[~other] = multilingual_logit(a, f"{prefix}.multi", x_trained[~other])
        else:
            multi = multilingual_logit(a, f"{prefix}.multi", x_trained)
        lexical = np.zeros(len(langs))
        weights = a[f"{prefix}.lexical_w"]
        lexical_z = z[has_lexical] @ a[f"{prefix}.lexical_cue_w"] + a[f"{prefix}.lexical_b"][0]
        for i, (row, (ids, values)) in enumerate(
            zip(np.flatnonzero(has_lexical), rows, strict=True)
        ):
            lexical[row] = float(values @ weights[ids]) + float(lexical_z[i])
        w_lex, w_multi, bias = (
            np.asarray([blends.get(lang, blends["*"])[k] for lang in langs]) for k in range(3)
        )
        return _sigmoid(w_lex * lexical + w_multi * multi + bias)


@cache
def load_default_scorer() -> CheckworthinessScorer:
    """The scorer shipped in the package, loaded on first use and shared afterwards."""
    return CheckworthinessScorer()
