"""Vectors cached on disk by (model, kind, text) so nothing is embedded twice.

One SQLite file per model under `Settings().cache_dir / "vectors"`. Each batch of new vectors is
written in one transaction, so an interrupted run keeps every finished batch and resumes from there.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from tabayyun.config import Settings
from tabayyun.embed.base import Embedder, Kind, Latent, Matrix, embed, latent_dim, unit_latent
from tabayyun.errors import ConfigError, StoreError

DEFAULT_BATCH_SIZE = 64
# Stay under SQLite's limit on bound parameters in one statement.
_LOOKUP_CHUNK = 500
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS latent (key BLOB PRIMARY KEY, terms BLOB NOT NULL) WITHOUT ROWID;
"""
LATENT_KIND = "latent"


def text_key(kind: str, text: str) -> bytes:
    """The cache key: sha256 of the kind and the exact text (e5 embeds the two differently)."""
    return hashlib.sha256(f"{kind}\x00{text}".encode()).digest()


def _file_name(model: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", model).strip("._") or "model"
    # Two names may sanitise alike ("a/b", "a_b"); a short hash keeps their files apart.
    return f"{safe[:80]}-{hashlib.sha256(model.encode()).hexdigest()[:8]}.sqlite"


class VectorCache:
    """Persistent float32 vectors, one SQLite file per model name."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory else Settings.from_env().cache_dir / "vectors"
        self._connections: dict[str, sqlite3.Connection] = {}
        self._lock = threading.RLock()

    def path_for(self, model: str) -> Path:
        """The SQLite file that holds `model`'s vectors."""
        return self.directory / _file_name(model)

    def _connect(self, model: str, dim: int) -> sqlite3.Connection:
        connection = self._connections.get(model)
        if connection is not None:
            self._check_dim(connection, model, dim)
            return connection
        path = self.path_for(model)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            # WAL lets readers go on while a warming run writes; NORMAL is durable enough for a
            # cache whose worst loss is re-embedding the last batch.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(_SCHEMA)
            connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('model', ?), ('dim', ?)", (model, str(dim))
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"Cannot open the vector cache {path} ({exc}); check the directory is writable, "
                "or delete the file to rebuild it."
            ) from exc
        self._check_dim(connection, model, dim)
        self._connections[model] = connection
        return connection

    def _check_dim(self, connection: sqlite3.Connection, model: str, dim: int) -> None:
        row = connection.execute("SELECT value FROM meta WHERE key = 'dim'").fetchone()
        if row is None or int(row[0]) != dim:
            raise StoreError(
                f"The vector cache {self.path_for(model)} holds {row and row[0]}-dimensional "
                f"vectors, not {dim}; give the model a new name or delete the file."
            )

    def get(self, model: str, dim: int, kind: Kind, texts: Sequence[str]) -> list[Matrix | None]:
        """The cached vector of each text, or None where it is missing."""
        keys = [text_key(kind, text) for text in texts]
        found = self._read(model, dim, "vectors", keys)
        return [_decode(found[key], dim, model) if key in found else None for key in keys]

    def put(self, model: str, dim: int, kind: Kind, texts: Sequence[str], vectors: Matrix) -> None:
        """Store one vector per text, all in one transaction."""
        if len(texts) != len(vectors) or (len(vectors) and vectors.shape[1] != dim):
            raise ValueError(f"need {len(texts)} vectors of {dim} floats, got {vectors.shape}")
        rows = [
            (text_key(kind, text), np.asarray(vector, dtype="<f4").tobytes())
            for text, vector in zip(texts, vectors, strict=True)
        ]
        self._write(model, dim, "vectors", rows)

    def get_latent(self, model: str, dim: int, texts: Sequence[str]) -> list[Latent | None]:
        """The cached latent terms of each text, or None where they are missing."""
        keys = [text_key(LATENT_KIND, text) for text in texts]
        found = self._read(model, dim, "latent", keys)
        return [_decode_latent(found[key], model) if key in found else None for key in keys]

    def put_latent(
        self, model: str, dim: int, texts: Sequence[str], terms: Sequence[Latent]
    ) -> None:
        """Store the latent terms of each text (indices as uint16, weights as float16)."""
        if len(texts) != len(terms):
            raise ValueError(f"need {len(texts)} latent vectors, got {len(terms)}")
        rows = [
            (text_key(LATENT_KIND, text), encode_latent(latent))
            for text, latent in zip(texts, terms, strict=True)
        ]
        self._write(model, dim, "latent", rows)

    def _read(self, model: str, dim: int, table: str, keys: list[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        with self._lock:
            connection = self._connect(model, dim)
            for chunk in _chunks(keys, _LOOKUP_CHUNK):
                marks = ",".join("?" * len(chunk))
                # Both tables have (key, blob) columns; `table` is one of two literals.
                found.update(
                    connection.execute(
                        f"SELECT * FROM {table} WHERE key IN ({marks})", chunk
                    ).fetchall()
                )
        return found

    def _write(self, model: str, dim: int, table: str, rows: list[tuple[bytes, bytes]]) -> None:
        with self._lock:
            connection = self._connect(model, dim)
            try:
                with connection:  # one transaction: all rows or none
                    connection.execute("BEGIN")
                    connection.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)
            except sqlite3.Error as exc:
                raise StoreError(
                    f"Cannot write to the vector cache {self.path_for(model)} ({exc}); check free "
                    "disk space and permissions."
                ) from exc

    def count(self, model: str, dim: int) -> int:
        """How many vectors are cached for `model`."""
        with self._lock:
            row = self._connect(model, dim).execute("SELECT count(*) FROM vectors").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close every open file; the cache opens them again on next use."""
        with self._lock:
            for connection in self._connections.values():
                connection.close()
            self._connections.clear()


def _decode(blob: bytes, dim: int, model: str) -> Matrix:
    if len(blob) != 4 * dim:
        raise StoreError(f"A cached vector for {model!r} is corrupt; delete its cache file.")
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def encode_latent(latent: Latent) -> bytes:
    """Indices as uint16, then weights as float16: 1 KB for e5's 256 terms."""
    indices, values = latent
    if len(indices) != len(values):
        raise ValueError(f"{len(indices)} latent indices but {len(values)} weights")
    if len(indices) and (int(np.min(indices)) < 0 or int(np.max(indices)) > 0xFFFF):
        raise ValueError("latent indices must lie in 0..65535 to be cached")
    return np.asarray(indices, dtype="<u2").tobytes() + np.asarray(values, dtype="<f2").tobytes()


def _decode_latent(blob: bytes, model: str) -> Latent:
    if len(blob) % 4:
        raise StoreError(f"Cached latent terms for {model!r} are corrupt; delete its cache file.")
    half = len(blob) // 2
    indices = np.frombuffer(blob[:half], dtype="<u2")
    # Unit length again after float16: a cold and a warm cache give the same vector.
    return unit_latent(indices, np.frombuffer(blob[half:], dtype="<f2"))


def _chunks(items: Sequence[bytes], size: int) -> Iterator[list[bytes]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class CachedEmbedder:
    """An `Embedder` that embeds only texts missing from `cache`, then stores them.

    `progress(done, total)` is called after each batch written, for long warming runs.
    """

    def __init__(
        self,
        embedder: Embedder,
        cache: VectorCache,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {batch_size}.")
        self.embedder = embedder
        self.cache = cache
        self.batch_size = batch_size
        self.progress = progress
        self.name = embedder.name
        # Latent terms may come from another model than the vectors (e5's tuned adapter keeps
        # the released model's); they are cached under that model's name.
        self.latent_name: str = getattr(embedder, "latent_name", embedder.name)
        self.dim = embedder.dim
        self.latent_dim = latent_dim(embedder)
        # The languages an encoder knows, where it says (the bridge encoder does).
        self.languages: frozenset[str] | None = getattr(embedder, "languages", None)
        self.hits = 0
        self.misses = 0

    def _embed(self, kind: Kind, texts: Sequence[str]) -> Matrix:
        def compute(batch: list[str]) -> list[Any]:
            vectors = embed(self.embedder, kind, batch)
            self.cache.put(self.name, self.dim, kind, batch, vectors)
            return list(vectors)

        lookup = partial(self.cache.get, self.name, self.dim, kind)
        by_text = self._through_cache(texts, lookup, compute)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = by_text[text]
        return out

    def _through_cache(
        self,
        texts: Sequence[str],
        lookup: Callable[[list[str]], Sequence[Any]],
        compute: Callable[[list[str]], list[Any]],
    ) -> dict[str, Any]:
        """Each distinct text's value: from `lookup` (None where missing), else from `compute`
        (which also stores it), in batches with progress reports."""
        if isinstance(texts, str):
            raise TypeError("pass a sequence of texts, not a single string")
        unique = list(dict.fromkeys(texts))
        found = lookup(unique)
        by_text = {
            text: value for text, value in zip(unique, found, strict=True) if value is not None
        }
        missing = [text for text in unique if text not in by_text]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            by_text.update(zip(batch, compute(batch), strict=True))
            if self.progress:
                self.progress(min(start + len(batch), len(missing)), len(missing))
        return by_text

    def embed_queries(self, texts: Sequence[str]) -> Matrix:
        """Embed incoming texts, from the cache where possible."""
        return self._embed("query", texts)

    def embed_passages(self, texts: Sequence[str]) -> Matrix:
        """Embed registry entries, from the cache where possible."""
        return self._embed("passage", texts)

    def embed_latent(self, texts: Sequence[str]) -> list[Latent]:
        """Latent terms of each text (see `base.latent_dim`), from the cache where possible."""
        if not self.latent_dim:
            raise ConfigError(f"The embedder {self.name!r} has no latent terms.")

        def compute(batch: list[str]) -> list[Any]:
            computed = self.embedder.embed_latent(batch)  # type: ignore[attr-defined]
            self.cache.put_latent(self.latent_name, self.dim, batch, computed)
            # What the cache will answer next time, so this call already returns the same.
            return [_decode_latent(encode_latent(latent), self.latent_name) for latent in computed]

        lookup = partial(self.cache.get_latent, self.latent_name, self.dim)
        by_text = self._through_cache(texts, lookup, compute)
        return [by_text[text] for text in texts]
