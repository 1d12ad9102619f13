"""The latent-term index and how the engine uses latent terms across languages."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from tabayyun.embed import FakeEmbedder
from tabayyun.embed.base import Latent, unit_latent
from tabayyun.errors import ConfigError
from tabayyun.matching import IndexedClaim, MatchEngine
from tabayyun.matching.engine import ALL_FEATURES
from tabayyun.matching.latent import LatentIndex


def test_scores_are_the_dot_products_of_the_dense_forms() -> None:
    rng = np.random.default_rng(3)
    dim = 50
    rows = [
        unit_latent(idx, rng.random(len(idx)))
        for idx in (rng.choice(dim, size=k, replace=False) for k in (5, 1, 12, 7))
    ]
    rows.append(unit_latent([], []))  # an entry with no terms scores zero
    index = LatentIndex(dim)
    index.add([])
    index.add(rows[:2])
    index.add(rows[2:])  # added after a first pack: the next search sees every row
    query = unit_latent(rng.choice(dim, size=9, replace=False), rng.random(9))

    def dense(latent: Latent) -> np.ndarray:
        out = np.zeros(dim)
        out[latent[0]] = latent[1]
        return out

    index.scores(query)
    expected = np.array([dense(r) @ dense(query) for r in rows])
    np.testing.assert_allclose(index.scores(query), expected, rtol=1e-5, atol=1e-7)
    assert index.scores(unit_latent([], [])).tolist() == [0.0] * 5
    assert len(LatentIndex(dim).scores(query)) == 0


def test_terms_outside_the_space_are_refused() -> None:
    with pytest.raises(ConfigError, match="outside"):
        LatentIndex(10).add([unit_latent([3, 10], [1.0, 1.0])])
    with pytest.raises(ConfigError):
        LatentIndex(0)


class CountingFake(FakeEmbedder):
    """The fake, counting the texts it computes latent terms for."""

    def __init__(self) -> None:
        super().__init__()
        self.latent_texts: list[str] = []

    def embed_latent(self, texts: Sequence[str]) -> list[Latent]:
        self.latent_texts.extend(texts)
        return super().embed_latent(texts)


ENGLISH = [
    IndexedClaim("e1", "Navalny was poisoned with Novichok in Tomsk."),
    IndexedClaim("e2", "A video shows floods destroying two bridges in the north."),
]


def test_one_language_registries_skip_the_second_pass() -> None:
    fake = CountingFake()
    engine = MatchEngine.build(ENGLISH, fake)
    assert len(fake.latent_texts) == 2  # each claim's terms, once, at indexing
    engine.match("Floods destroyed two bridges", lang="en")
    assert len(fake.latent_texts) == 2
    assert not engine.wants_latent("en") and engine.wants_latent("ru")


def test_a_text_in_another_language_gets_latent_features() -> None:
    fake = CountingFake()
    engine = MatchEngine.build(ENGLISH, fake)
    found = engine.match("Отравление Navalny: Novichok, Tomsk", lang="ru", k=2)
    assert fake.latent_texts[-1] == "Отравление Navalny: Novichok, Tomsk"
    assert found[0].claim.id == "e1"
    assert found[0].features["sae"] > found[1].features["sae"] >= 0


def test_without_a_symmetric_index_no_latent_terms_are_kept() -> None:
    fake = CountingFake()
    engine = MatchEngine.build(ENGLISH, fake, symmetric=False)
    assert engine.latent is None and fake.latent_texts == []
    assert not engine.wants_latent("ru")
    assert engine.match("Novichok Tomsk", lang="ru", k=1)[0].features["sae"] == 0.0


def test_the_setting_turns_latent_terms_off() -> None:
    from tabayyun.config import Settings

    fake = CountingFake()
    engine = MatchEngine.build(ENGLISH, fake, settings=Settings(match_latent_terms=False))
    assert engine.latent is None and fake.latent_texts == []
    assert MatchEngine.build(ENGLISH, fake, settings=Settings()).latent is not None


def test_same_language_texts_skip_the_cross_scorer_searches() -> None:
    # More claims than the engine takes from each retriever (the fake embeds queries and
    # passages alike, so here the sym search finds what the dense one does).
    fillers = [
        IndexedClaim(f"f{n}", f"Report number {n} on harvests in region {n}.") for n in range(60)
    ]
    engine = MatchEngine.build([*ENGLISH, *fillers], FakeEmbedder())
    plain = engine.retrieve("Navalny poisoned with Novichok", lang="en")
    assert not plain.features[:, ALL_FEATURES.index("sym")].any()
    forced = engine.retrieve("Navalny poisoned with Novichok", lang="en", cross_lingual=True)
    assert forced.features[:, ALL_FEATURES.index("sym")].max() > 0.5
    assert plain.ranking("final", 1) == forced.ranking("final", 1) == [0]


def test_undetermined_claims_do_not_make_a_registry_multilingual() -> None:
    engine = MatchEngine.build([*ENGLISH, IndexedClaim("u1", "???", lang="und")], FakeEmbedder())
    assert not engine.wants_latent("en") and engine.wants_latent("ru")


def test_without_latent_terms_the_cross_scorer_uses_its_plain_scale() -> None:
    from tabayyun.config import Settings

    text = "Отравление Navalny: Novichok, Tomsk"
    on = MatchEngine.build(ENGLISH, FakeEmbedder())
    off = MatchEngine.build(ENGLISH, FakeEmbedder(), settings=Settings(match_latent_terms=False))
    cross = on.models["cross"]
    assert cross.boosts and cross.plain_platt is not None
    cols = [ALL_FEATURES.index(f) for f in cross.features]
    with_terms, without = on.retrieve(text, lang="ru"), off.retrieve(text, lang="ru")
    # These engines have no bridge encoder: their cross scale is the one without the gap.
    np.testing.assert_allclose(
        with_terms.final, cross.probability(with_terms.features[:, cols], gaps=False)
    )
    # Not the boosted scale with a zero boost: that would sink every cross-lingual candidate.
    np.testing.assert_allclose(
        without.final, cross.probability(without.features[:, cols], boosted=False, gaps=False)
    )
    assert not np.allclose(without.final, cross.probability(without.features[:, cols], gaps=False))


def test_an_extended_engine_leaves_the_original_as_it_was() -> None:
    engine = MatchEngine.build(ENGLISH, FakeEmbedder())
    before = [(c.claim.id, c.final) for c in engine.match("Navalny Novichok Tomsk", lang="en")]
    grown = engine.extended([IndexedClaim("r9", "Отравление Навального в Томске.", lang="ru")])
    assert grown is not None and len(grown) == 3 and len(engine) == 2
    assert [(c.claim.id, c.final) for c in engine.match("Navalny Novichok Tomsk", lang="en")] == (
        before
    )
    assert not engine.wants_latent("en") and grown.wants_latent("en")
    assert grown.match("Отравление Навального в Томске", lang="ru", k=1)[0].claim.id == "r9"
    approximate = MatchEngine.build(ENGLISH, FakeEmbedder(), exact_limit=1)
    assert approximate.dense.is_approximate and approximate.extended([]) is None


def test_a_text_whose_nearest_claims_share_its_language_skips_the_second_pass() -> None:
    fake = CountingFake()
    fillers = [
        IndexedClaim(f"f{n}", f"Harvest report {n}: wheat harvests in region {n}.")
        for n in range(30)
    ]
    russian = IndexedClaim("r1", "Отравление: Novichok, Tomsk.", lang="ru")
    engine = MatchEngine.build([*fillers, russian], fake)
    indexed = len(fake.latent_texts)
    assert engine.wants_latent("en")  # the registry is mixed ...
    found = engine.retrieve("Wheat harvest report for the region", lang="en")
    assert len(fake.latent_texts) == indexed  # ... but no Russian claim is near this text
    assert not found.features[:, ALL_FEATURES.index("sae")].any()
    engine.retrieve("Novichok Tomsk", lang="en")  # an English text near the Russian claim
    assert len(fake.latent_texts) == indexed + 1
    engine.retrieve("Отравление Novichok", lang="ru")  # English claims are among its nearest
    assert len(fake.latent_texts) == indexed + 2


def test_each_claim_language_is_ranked_on_its_own() -> None:
    registry = [
        IndexedClaim("e1", "Novichok poisoning in Tomsk."),
        IndexedClaim("e2", "Floods destroyed two bridges in the north."),
        IndexedClaim("a1", "تسمم Novichok Tomsk في سيبيريا", lang="ar"),
        IndexedClaim("a2", "فيضانات في الشمال", lang="ar"),
    ]
    engine = MatchEngine.build(registry, FakeEmbedder())
    found = engine.retrieve("تسمم Novichok Tomsk", lang="ar")
    at = {engine.records[int(p)].id: i for i, p in enumerate(found.positions)}
    column = {name: found.features[:, ALL_FEATURES.index(name)] for name in ("dense", "dense_rr")}
    # The Arabic claim is nearer overall, yet the English one leads the English claims.
    assert column["dense"][at["a1"]] > column["dense"][at["e1"]]
    assert column["dense_rr"][at["a1"]] == column["dense_rr"][at["e1"]] == 1.0
    assert column["dense_rr"][at["e2"]] == 0.5


def test_every_claim_language_gets_its_share_of_candidates() -> None:
    fillers = [
        IndexedClaim(f"f{n}", f"Harvest report {n}: wheat harvests in region {n}.")
        for n in range(60)
    ]
    arabic = IndexedClaim("a1", "تقرير عن الطقس في الشمال", lang="ar")
    engine = MatchEngine.build([*fillers, arabic], FakeEmbedder())
    found = engine.retrieve("Wheat harvest report", lang="en")
    # 50 English claims are nearer than the Arabic one; it is a candidate all the same.
    assert 60 in found.positions.tolist()
    one_language = MatchEngine.build(fillers, FakeEmbedder())
    assert len(one_language.retrieve("Wheat harvest report", lang="en").positions) <= 60


def test_a_language_s_bias_is_measured_against_its_centroid() -> None:
    from tabayyun.matching.engine import BIAS_MIN_CLAIMS

    english = [IndexedClaim(f"e{n}", f"Weather report {n} for the north.") for n in range(60)]
    russian = [
        IndexedClaim(f"r{n}", f"Новости спорта {n}: футбол.", lang="ru")
        for n in range(BIAS_MIN_CLAIMS)
    ]
    engine = MatchEngine.build([*english, *russian], FakeEmbedder())
    query = FakeEmbedder().embed_queries(["Weather report for the north"])[0]
    bias = engine._language_bias("dense", query, np.asarray(["en", "ru", "en"]), "fa")
    # English claims resemble this (foreign) text more on average: theirs is the bias taken off.
    assert bias[0] == bias[2] > 0 and bias[1] == 0.0
    # The text's own language is never shifted: the mono scorer was fitted on it unshifted.
    assert not engine._language_bias("dense", query, np.asarray(["en", "ru", "en"]), "en").any()
    few = MatchEngine.build([*english, *russian[:3]], FakeEmbedder())
    assert not few._language_bias("dense", query, np.asarray(["en", "ru"]), "fa").any()
