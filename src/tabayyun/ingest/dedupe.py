"""Exact and near-duplicate detection: a content hash, and MinHash + LSH over word shingles.

Outlets republish agency copy with a changed sentence or a different "read also" tail; word
5-shingles see through that, while two articles on the same topic share almost no 5-word runs.
Signatures are plain bytes so the store can persist them and rebuild the index on start.
"""

from __future__ import annotations

import hashlib
import re
import threading

import numpy as np
from datasketch import MinHash, MinHashLSH

from tabayyun.config import Settings
from tabayyun.errors import ConfigError, InputError

__all__ = ["NearDuplicateIndex", "content_hash", "shingles"]

NUM_PERM = 128
SEED = 1  # fixed: signatures must stay comparable across runs and machines
# Named, not defaulted: if a datasketch upgrade changed the default, stored signatures would
# stop matching new ones.
SCHEME = "affine32"
WORD_SHINGLE = 5
CHAR_SHINGLE = 5
# Below this many words a text has too few word 5-shingles to compare; use character shingles.
MIN_WORDS_FOR_WORD_SHINGLES = 10

# Letters and digits plus Arabic combining marks, so that a stray diacritic does not split a word.
_WORD = re.compile(r"(?:\w|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+")
# affine32 values, little-endian on purpose: stored signatures must load on any machine.
_DTYPE = np.dtype("<u4")


def content_hash(normalized_text: str) -> str:
    """Return the sha256 hex digest of the normalised text, whitespace collapsed once more."""
    # The caller normalises; collapsing again keeps a stray newline from splitting duplicates.
    return hashlib.sha256(" ".join(normalized_text.split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """Return the word 5-shingles of `text`, or its character 5-shingles for very short texts."""
    words = _WORD.findall(text.casefold())
    if len(words) >= MIN_WORDS_FOR_WORD_SHINGLES:
        return {" ".join(words[i : i + WORD_SHINGLE]) for i in range(len(words) - WORD_SHINGLE + 1)}
    joined = " ".join(words)
    if len(joined) <= CHAR_SHINGLE:
        return {joined} if joined else set()
    return {joined[i : i + CHAR_SHINGLE] for i in range(len(joined) - CHAR_SHINGLE + 1)}


class NearDuplicateIndex:
    """An in-memory LSH index of MinHash signatures; `query` returns the most similar key.

    Safe to share between threads (a server's requests): `add` and `query` hold a lock.
    """

    def __init__(self, threshold: float = 0.8) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(
                f"near_duplicate_threshold must be in (0, 1], got {threshold}; fix the setting"
            )
        self.threshold = threshold
        # Every candidate is verified below, so the LSH bands are tuned looser than the threshold:
        # a pair just above it is otherwise missed about half the time. Above 0.9 datasketch
        # cannot form two bands of 128 permutations, so the bands stop tightening there.
        lsh_threshold = min(0.9, max(0.1, threshold - 0.15))
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM, weights=(0.3, 0.7))
        self._minhashes: dict[str, MinHash] = {}
        # Built once: MinHash() draws its permutations from the seed, which costs more than hashing.
        self._template = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> NearDuplicateIndex:
        """Build an index with `settings.near_duplicate_threshold`."""
        return cls(settings.near_duplicate_threshold)

    def signature(self, text: str) -> bytes:
        """Return the MinHash of `text`'s shingles as bytes (NUM_PERM little-endian uint32)."""
        minhash = self._template.copy()
        minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
        return bytes(minhash.hashvalues.astype(_DTYPE).tobytes())

    def add(self, key: str, sig: bytes) -> None:
        """Index `sig` under `key`; adding a key again replaces its signature."""
        minhash = self._from_bytes(sig)
        if minhash.is_empty():
            return  # an empty text is nobody's near duplicate
        with self._lock:
            if key in self._minhashes:
                self._lsh.remove(key)
            self._lsh.insert(key, minhash)
            self._minhashes[key] = minhash

    def query(self, sig: bytes, *, exclude: str | None = None) -> str | None:
        """Return the key of the most similar indexed text at or above the threshold, else None.

        `exclude` is a key never returned: the text's own, when it is indexed already.
        """
        minhash = self._from_bytes(sig)
        if minhash.is_empty():
            return None
        with self._lock:
            found = [
                (key, self._minhashes[key]) for key in self._lsh.query(minhash) if key != exclude
            ]
        best_key, best_score = None, -1.0
        for key, other in found:
            # LSH only proposes candidates; confirm each with the estimated Jaccard similarity.
            score = minhash.jaccard(other)
            if score < self.threshold or score < best_score:
                continue
            # Ties go to the smallest key so that the answer does not depend on set order.
            if score > best_score or best_key is None or key < best_key:
                best_key, best_score = key, score
        return best_key

    def similarity(self, sig_a: bytes, sig_b: bytes) -> float:
        """Return the estimated Jaccard similarity of two signatures."""
        return float(self._from_bytes(sig_a).jaccard(self._from_bytes(sig_b)))

    def __len__(self) -> int:
        return len(self._minhashes)

    def __contains__(self, key: object) -> bool:
        return key in self._minhashes

    def _from_bytes(self, sig: bytes) -> MinHash:
        expected = NUM_PERM * _DTYPE.itemsize
        if len(sig) != expected:
            raise InputError(
                f"a near-duplicate signature must be {expected} bytes, got {len(sig)}; "
                "recompute it with NearDuplicateIndex.signature"
            )
        values = np.frombuffer(sig, dtype=_DTYPE).astype(np.uint32)
        return MinHash(
            seed=SEED,
            hashvalues=values,
            permutations=self._template.permutations,
            scheme=SCHEME,
        )
