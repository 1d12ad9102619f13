"""Built match engines kept on disk, so a command-line run over a large registry skips the build.

Building an engine over 25,000 fact-checks takes 10-16 s even with every vector cached (term
statistics, number and name profiles, BM25 matrices); loading a snapshot of it takes well under
a second. A snapshot is keyed by everything the engine is built from: the registry's records,
the embedder's name, the engine's options, the shipped scorer and thresholds, and the source of
the matching package itself, so a changed registry or a new version never loads a stale one.

Snapshots are pickles in the user's own cache directory (`cache_dir/engines`), trusted as the
vector cache next to them is; nothing here reads a file from anywhere else. The newest few are
kept (`KEEP`); a snapshot that fails to load is removed and the engine rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from tabayyun.embed.base import Embedder
from tabayyun.matching.engine import MatchEngine
from tabayyun.matching.records import IndexedClaim
from tabayyun.matching.scorer import MODELS_DIR

log = logging.getLogger(__name__)

FORMAT = 1
KEEP = 2  # snapshots kept (~185 MB each at 21k fact-checks), newest first
SUFFIX = ".engine.pickle"


def snapshot_key(
    records: Sequence[IndexedClaim], embedder_name: str, *, symmetric: bool, latent: bool
) -> str:
    """A digest of everything an engine over `records` is built from."""
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, embedder_name, symmetric, latent]).encode())
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), *MODELS_DIR.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for record in records:
        row = [record.id, record.passage, record.lang, record.date, dict(record.metadata)]
        digest.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:32]


def load_or_build(
    directory: Path,
    key: str,
    build: Callable[[], MatchEngine],
    *,
    embedder: Embedder,
    query_embedder: Embedder | None = None,
) -> MatchEngine:
    """The engine stored under `key` in `directory`, else `build()`'s, stored for next time."""
    path = directory / f"{key}{SUFFIX}"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                engine = pickle.load(handle)  # the user's own cache, see above
            if not isinstance(engine, MatchEngine):
                raise TypeError(f"holds a {type(engine).__name__}")
            engine.embedder = embedder
            engine.query_embedder = query_embedder or embedder
            path.touch()  # most recently used: pruned last
            return engine
        except Exception as exc:  # a broken snapshot is rebuilt, never fatal
            log.warning("Engine snapshot %s is unreadable (%s); rebuilding it.", path, exc)
            path.unlink(missing_ok=True)
    engine = build()
    _store(engine, directory, path)
    return engine


def _store(engine: MatchEngine, directory: Path, path: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(engine, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("Cannot keep an engine snapshot in %s (%s); the next run rebuilds.", path, exc)
        return
    snapshots = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in snapshots[KEEP:]:
        old.unlink(missing_ok=True)
