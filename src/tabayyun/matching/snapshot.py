"""Built match engines kept on disk, so a command-line run over a large registry skips the build.

Building an engine over 21,000 fact-checks takes about 13 s even with every vector cached (term
statistics, number and name profiles, BM25 and latent matrices); loading its snapshot takes about
2 s. A snapshot is keyed by everything the engine is built from: the registry's records, the
embedder's name, the engine's options, and the source of the whole tabayyun package with its
shipped scorer and thresholds (tokenising, numbers and dates shape the indexes too), so a changed
registry or any change to the code never loads a stale one.

Snapshots are pickles in the user's own cache directory (`cache_dir/engines`), trusted as the
vector cache next to them is; nothing here reads a file from anywhere else. The newest few are
kept (`KEEP`); a snapshot that fails to load is removed and the engine rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from tabayyun import __version__
from tabayyun.embed.base import Embedder
from tabayyun.matching.engine import MatchEngine
from tabayyun.matching.records import IndexedClaim
from tabayyun.matching.scorer import MODELS_DIR

log = logging.getLogger(__name__)

FORMAT = 2
KEEP = 2  # snapshots kept (~185 MB each at 21k fact-checks), newest first
SUFFIX = ".engine.pickle"


def snapshot_key(
    records: Sequence[IndexedClaim],
    embedder_name: str,
    *,
    symmetric: bool,
    latent: bool,
    bridge: str | None = None,
) -> str:
    """A digest of everything an engine over `records` is built from (`bridge`: the bridge
    encoder's name, None without one)."""
    digest = hashlib.sha256()
    parts = [FORMAT, __version__, embedder_name, symmetric, latent, bridge]
    digest.update(json.dumps(parts).encode())
    digest.update(_code_digest())
    for record in records:
        row = [record.id, record.passage, record.lang, record.date, dict(record.metadata)]
        digest.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:32]


@functools.cache
def _code_digest() -> bytes:
    """The package's source and shipped models, hashed once per process."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    for path in sorted([*package.rglob("*.py"), *MODELS_DIR.glob("*.json")]):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.digest()


def load_or_build(
    directory: Path,
    key: str,
    build: Callable[[], MatchEngine],
    *,
    embedder: Embedder,
    query_embedder: Embedder | None = None,
    bridge: Embedder | None = None,
    query_bridge: Embedder | None = None,
) -> MatchEngine:
    """The engine stored under `key` in `directory`, else `build()`'s, stored for next time."""
    path = directory / f"{key}{SUFFIX}"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                engine = pickle.load(handle)  # the user's own cache, see above
            if not isinstance(engine, MatchEngine):
                raise TypeError(f"holds a {type(engine).__name__}")
            engine.attach(embedder, query_embedder, bridge, query_bridge)
            path.touch()  # most recently used: pruned last
            return engine
        except Exception as exc:  # a broken snapshot is rebuilt, never fatal
            log.warning("Engine snapshot %s is unreadable (%s); rebuilding it.", path, exc)
            path.unlink(missing_ok=True)
    engine = build()
    _store(engine, directory, path)
    return engine


def _store(engine: MatchEngine, directory: Path, path: Path) -> None:
    tmp: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(engine, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except Exception as exc:  # a snapshot is an optimisation: the built engine is returned anyway
        log.warning("Cannot keep an engine snapshot in %s (%s); the next run rebuilds.", path, exc)
        return
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    ages = []
    for snapshot in directory.glob(f"*{SUFFIX}"):
        try:
            ages.append((snapshot.stat().st_mtime, snapshot))
        except FileNotFoundError:  # removed meanwhile by another run
            continue
    for _, old in sorted(ages, reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
