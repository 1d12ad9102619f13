"""Registry entries by their sparse latent terms (`embed.base.Latent`), scored by dot product."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tabayyun.embed.base import Latent
from tabayyun.errors import ConfigError


class LatentIndex:
    """Unit-length sparse vectors by position; one query scores every entry in ~1 ms at 25k.

    Rows are packed into a column-major matrix when added (as `BM25Index` rebuilds its matrix),
    so a query reads only the columns of its own terms and concurrent searches only read.
    """

    def __init__(self, dim: int) -> None:
        if dim < 1:
            raise ConfigError(f"LatentIndex needs dim >= 1, not {dim}.")
        self.dim = dim
        self._rows: list[Latent] = []
        self._matrix = sparse.csc_matrix((0, dim), dtype=np.float32)

    def __len__(self) -> int:
        return len(self._rows)

    def copy(self) -> LatentIndex:
        """An index with the same rows that can grow without changing this one."""
        clone = LatentIndex(self.dim)
        clone._rows = list(self._rows)
        clone._matrix = self._matrix  # replaced, not written, by add
        return clone

    def add(self, rows: Sequence[Latent]) -> None:
        """Append one latent vector per registry entry."""
        if not rows:
            return
        for indices, _ in rows:
            if len(indices) and (int(indices.max()) >= self.dim or int(indices.min()) < 0):
                raise ConfigError(f"A latent term lies outside 0..{self.dim - 1}.")
        self._rows.extend(rows)
        self._matrix = self._pack()

    def scores(self, query: Latent) -> npt.NDArray[np.float32]:
        """Dot product of `query` with every entry, by position."""
        n = len(self._rows)
        indices, values = query
        if n == 0 or not len(indices):
            return np.zeros(n, dtype=np.float32)
        matrix = self._matrix
        keep = (indices >= 0) & (indices < self.dim)
        columns = matrix[:, indices[keep]]
        return np.asarray(columns @ values[keep], dtype=np.float32).reshape(-1)

    def _pack(self) -> sparse.csc_matrix:
        lengths = [len(idx) for idx, _ in self._rows]
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        cols = np.concatenate([idx for idx, _ in self._rows]).astype(np.int32)
        vals = np.concatenate([val for _, val in self._rows]).astype(np.float32)
        rows = sparse.csr_matrix((vals, cols, indptr), shape=(len(self._rows), self.dim))
        return rows.tocsc()
