"""The bridge encoder's gap feature: how it re-ranks foreign claims, and where it stays out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tabayyun.config import Settings
from tabayyun.embed import FakeEmbedder, bridge_from_settings
from tabayyun.embed.base import Matrix
from tabayyun.errors import ConfigError, InputError
from tabayyun.matching import IndexedClaim, MatchEngine
from tabayyun.matching.engine import ALL_FEATURES, embed_bridge
from tabayyun.matching.scorer import Scorer, load_models
from tabayyun.matching.snapshot import load_or_build, snapshot_key

GAP = ALL_FEATURES.index("bridge_gap")


class TopicBridge:
    """A stand-in bridge: a text's vector is its topic's axis (a word it contains), in any
    language, with a little of a second axis for texts that name a number. It knows ar, en, ru."""

    name = "topic-bridge"
    dim = 4
    languages = frozenset({"ar", "en", "ru"})
    TOPICS = (("floods", "наводнен", "فيضانات"), ("vaccine", "вакцин", "لقاح"), ("oil", "нефт"))

    def __init__(self) -> None:
        self.texts: list[str] = []

    def _embed(self, texts: Sequence[str]) -> Matrix:
        self.texts.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            lowered = text.lower()
            for axis, words in enumerate(self.TOPICS):
                if any(word in lowered for word in words):
                    out[row, axis] = 1.0
            if any(ch.isdigit() for ch in text):
                out[row, 3] = 0.5
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    embed_queries = _embed
    embed_passages = _embed


REGISTRY = [
    IndexedClaim("en-floods", "Floods destroyed two bridges in the north."),
    IndexedClaim("en-vaccine", "The vaccine was tested on 40 volunteers."),
    IndexedClaim("en-oil", "Oil prices doubled in 2020."),
    IndexedClaim("ru-floods", "Наводнения разрушили два моста на севере.", lang="ru"),
    IndexedClaim("fa-floods", "سیل دو پل را در شمال ویران کرد.", lang="fa"),
]


def _engine(bridge: TopicBridge | None = None) -> MatchEngine:
    return MatchEngine.build(REGISTRY, FakeEmbedder(), bridge=bridge or TopicBridge())


def _gaps(engine: MatchEngine, text: str, lang: str) -> dict[str, float]:
    found = engine.retrieve(text, lang=lang)
    return {
        engine.records[int(p)].id: float(found.features[i, GAP])
        for i, p in enumerate(found.positions)
    }


def test_each_foreign_language_keeps_its_best_and_lowers_the_rest() -> None:
    gaps = _gaps(_engine(), "فيضانات دمرت جسرين في الشمال", "ar")
    english = {k: v for k, v in gaps.items() if k.startswith("en-")}
    assert english["en-floods"] == 0.0  # the bridge's best English claim for this text
    assert all(v < 0 for k, v in english.items() if k != "en-floods")
    assert len(gaps) == len(REGISTRY)  # a registry this small is all candidates
    assert gaps["ru-floods"] == 0.0  # Russian claims are a group of their own, with their best
    assert gaps["fa-floods"] == 0.0  # the bridge does not know Persian: no gap, either way


def test_same_language_claims_and_unknown_languages_are_left_alone() -> None:
    bridge = TopicBridge()
    engine = _engine(bridge)
    indexed = len(bridge.texts)
    assert indexed == 4  # every claim but the Persian one was embedded, once
    english = _gaps(engine, "Floods destroyed bridges", "en")
    assert {k: v for k, v in english.items() if k.startswith("en-")} == {
        k: 0.0 for k in english if k.startswith("en-")
    }
    persian = _gaps(engine, "سیل پل ها را ویران کرد", "fa")
    assert set(persian.values()) == {0.0}
    undetermined = _gaps(engine, "floods", "und")
    assert set(undetermined.values()) == {0.0}
    # Only the English text had foreign claims the bridge knows (the Russian one): one text.
    assert bridge.texts[indexed:] == ["Floods destroyed bridges"]


def test_a_given_bridge_vector_is_read_instead_of_embedding_the_text() -> None:
    bridge = TopicBridge()
    engine = _engine(bridge)
    indexed = len(bridge.texts)
    text = "فيضانات دمرت جسرين في الشمال"
    own = engine.retrieve(text, lang="ar")
    assert len(bridge.texts) == indexed + 1
    given = engine.retrieve(text, lang="ar", bridge_vector=TopicBridge().embed_queries([text])[0])
    assert len(bridge.texts) == indexed + 1  # not embedded again
    assert np.array_equal(given.features[:, GAP], own.features[:, GAP])
    # Another text's row gives other gaps: the row given is the one read.
    other = TopicBridge().embed_queries(["vaccine"])[0]
    assert not np.array_equal(
        engine.retrieve(text, lang="ar", bridge_vector=other).features[:, GAP], own.features[:, GAP]
    )
    with pytest.raises(InputError, match="gives 4 per text"):
        engine.retrieve(text, lang="ar", bridge_vector=np.ones(512, dtype=np.float32))
    # ... also where no candidate would have read it: a caller's mistake shows at once.
    with pytest.raises(InputError, match="gives 4 per text"):
        engine.retrieve("سیل پل ها را ویران کرد", lang="fa", bridge_vector=np.ones(512))


def test_a_gap_boost_reranks_without_raising_the_best() -> None:
    cross = load_models()["cross"]
    plain = cross.without_boosts()
    boosted = plain.with_boost("bridge_gap", 30.0, gap=True)
    rows = np.zeros((3, len(boosted.features)))
    rows[:, boosted.features.index("dense")] = [0.9, 0.8, 0.7]
    rows[:, boosted.features.index("bridge_gap")] = [-0.5, 0.0, -0.1]
    before = plain.probability(rows[:, : len(plain.features)])
    after = boosted.probability(rows)
    assert after[1] == pytest.approx(before[1])  # gap 0: the best keeps its score
    assert after[0] < before[0] and after[2] < before[2]
    assert int(np.argmax(after)) == 1
    # A gap boost applies with or without the other boosts, on the scale that applies.
    with_latent = boosted.with_boost("sae", 40.0)
    assert with_latent.gap_boosts == ["bridge_gap"]
    unboosted = with_latent.probability(np.c_[rows, np.zeros(3)], boosted=False)
    assert unboosted[1] == pytest.approx(before[1])
    assert unboosted[0] < before[0]
    again = Scorer.from_json(with_latent.to_json())
    assert again.gap_boosts == ["bridge_gap"] and again.boosts == with_latent.boosts


def test_the_shipped_cross_scorer_reads_the_gap() -> None:
    cross = load_models()["cross"]
    assert "bridge_gap" in cross.boosts and cross.boosts["bridge_gap"] > 0
    assert cross.gap_boosts == ["bridge_gap"]
    assert "bridge_gap" not in load_models()["mono"].features


def test_the_gap_reorders_the_foreign_claims_of_a_match() -> None:
    text = "Наводнения разрушили мосты"
    with_bridge = _engine().retrieve(text, lang="ru")
    without = MatchEngine.build(REGISTRY, FakeEmbedder()).retrieve(text, lang="ru")
    assert not without.features[:, GAP].any()
    assert with_bridge.features[:, GAP].min() < 0
    english = [int(p) for p in with_bridge.ranking("final", 10) if REGISTRY[int(p)].lang == "en"]
    assert REGISTRY[english[0]].id == "en-floods"


def test_extended_engines_embed_only_the_new_claims() -> None:
    bridge = TopicBridge()
    engine = _engine(bridge)
    grown = engine.extended([IndexedClaim("ar-oil", "تضاعفت أسعار النفط", lang="ar")])
    assert grown is not None and grown.bridge is bridge
    assert bridge.texts[-1] == "تضاعفت أسعار النفط" and len(bridge.texts) == 5
    assert len(engine._bridge_vectors) == 5 and len(grown._bridge_vectors) == 6


def test_given_vectors_skip_the_bridge_and_must_fit() -> None:
    bridge = TopicBridge()
    vectors = embed_bridge(bridge, REGISTRY)
    assert not vectors[4].any()  # the Persian claim's row: zeros, not embedded
    seen = len(bridge.texts)
    MatchEngine.build(REGISTRY, FakeEmbedder(), bridge=bridge, bridge_vectors=vectors)
    assert len(bridge.texts) == seen
    with pytest.raises(InputError, match="5 records but 2 vectors"):
        MatchEngine.build(REGISTRY, FakeEmbedder(), bridge=bridge, bridge_vectors=vectors[:2])
    engine = _engine(bridge)
    more = [IndexedClaim("en-more", "Oil prices fell.")]
    with pytest.raises(InputError, match="bridge vectors of shape"):
        engine.add(more, bridge_vectors=np.zeros((1, bridge.dim + 1), dtype=np.float32))
    # Refused before anything was indexed: the engine is as it was.
    assert len(engine) == len(engine.dense.vectors) == len(engine._bridge_vectors) == 5


def test_snapshots_keep_the_bridge_vectors_and_need_the_bridge(tmp_path: Path) -> None:
    key = snapshot_key(REGISTRY, "fake-384", symmetric=True, latent=True, bridge="topic-bridge")
    assert key != snapshot_key(REGISTRY, "fake-384", symmetric=True, latent=True)
    first = load_or_build(tmp_path, key, _engine, embedder=FakeEmbedder(), bridge=TopicBridge())
    again = load_or_build(tmp_path, key, _engine, embedder=FakeEmbedder(), bridge=TopicBridge())
    text = "فيضانات دمرت جسرين"
    assert again.retrieve(text, lang="ar").final.tolist() == pytest.approx(
        first.retrieve(text, lang="ar").final.tolist()
    )
    with pytest.raises(ConfigError, match="bridge"):
        again.attach(FakeEmbedder())


def test_settings_choose_the_bridge() -> None:
    assert bridge_from_settings(Settings(embedder="fake")) is None
    assert bridge_from_settings(Settings(embedder="e5", match_bridge=False)) is None
    bridge = bridge_from_settings(Settings(embedder="e5"))
    assert bridge is not None and "fa" not in bridge.languages  # type: ignore[attr-defined]


def test_an_engine_without_the_bridge_has_its_own_scale_and_cuts() -> None:
    """The shipped cross scale and cuts were fitted with the bridge gap pushing wrong foreign
    candidates down; without a bridge every gap is 0, so those would call too much a match."""
    from tabayyun.matching.engine import load_thresholds

    with_bridge, without = load_thresholds(), load_thresholds(bridge=False)
    assert without["en-en"] == with_bridge["en-en"] and without["ar-ar"] == with_bridge["ar-ar"]
    assert without["ru-en"].match < with_bridge["ru-en"].match
    assert MatchEngine.build(REGISTRY, FakeEmbedder()).thresholds == without
    assert _engine().thresholds == with_bridge

    cross = load_models()["cross"]
    assert cross.gapless_platt is not None and cross.gapless_platt != cross.platt
    rows = np.zeros((2, len(cross.features)))
    rows[:, cross.features.index("dense")] = [0.9, 0.8]
    rows[:, cross.features.index("bridge_gap")] = [0.0, -0.4]
    plain = cross.probability(rows, gaps=False)
    a, b = cross.gapless_platt
    expected = 1 / (1 + np.exp(-(a * cross.raw(rows, gaps=False) + b)))
    np.testing.assert_allclose(plain, expected)
    # Without the gap features the gap column is not read at all.
    rows[:, cross.features.index("bridge_gap")] = 0.0
    np.testing.assert_allclose(cross.probability(rows, gaps=False), plain)
    assert cross.probability(rows)[0] > plain[0]  # the bridge scale rates a best one higher


def test_pairs_the_bridge_does_not_know_take_the_scale_without_the_gap() -> None:
    """In an engine with the bridge, a Persian text's foreign candidates (and any candidate in
    Persian) have no gap: they are scored as an engine without the bridge scores them."""
    engine = _engine()
    cross = engine.models["cross"]
    cols = [ALL_FEATURES.index(f) for f in cross.features]
    found = engine.retrieve("سیل دو پل را در شمال ویران کرد", lang="fa")
    foreign = np.asarray([REGISTRY[int(p)].lang != "fa" for p in found.positions])
    assert foreign.any()
    np.testing.assert_allclose(
        found.final[foreign], cross.probability(found.features[foreign][:, cols], gaps=False)
    )
    arabic = engine.retrieve("فيضانات دمرت جسرين في الشمال", lang="ar")
    langs = [REGISTRY[int(p)].lang for p in arabic.positions]
    persian = np.asarray([lang == "fa" for lang in langs])
    english = np.asarray([lang == "en" for lang in langs])
    np.testing.assert_allclose(
        arabic.final[persian], cross.probability(arabic.features[persian][:, cols], gaps=False)
    )
    np.testing.assert_allclose(
        arabic.final[english], cross.probability(arabic.features[english][:, cols])
    )
