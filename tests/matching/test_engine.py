"""The match engine end to end with the fake embedder, the shipped scorer and thresholds."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest

from tabayyun.config import Settings
from tabayyun.embed import FakeEmbedder
from tabayyun.errors import ConfigError, InputError
from tabayyun.matching import IndexedClaim, MatchEngine, Thresholds
from tabayyun.matching.engine import ALL_FEATURES
from tabayyun.matching.scorer import MIN_PENALTY, Scorer, fit, fit_ensemble, load_models

CLAIMS = [
    IndexedClaim("c1", "Unemployment rose to 5% in 2020.", title="Did unemployment rise?"),
    IndexedClaim("c2", "A video shows floods destroying two bridges in the north."),
    IndexedClaim("c3", "The minister said bread prices will double next year."),
    IndexedClaim("c4", "Scientists found a new species of frog in the Amazon."),
    IndexedClaim("r1", "ارتفع معدل البطالة إلى 5% في 2020", lang="ar"),
    IndexedClaim("r2", "Безработица выросла до 5% в 2020 году.", lang="ru"),
]


@pytest.fixture(scope="module")
def engine() -> MatchEngine:
    return MatchEngine.build(CLAIMS, FakeEmbedder())


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Floods destroyed the bridges in the north, says a video", "en", "c2"),
        ("Bread prices will double next year, the minister said", "en", "c3"),
        ("البطالة ارتفعت إلى 5% في 2020", "ar", "r1"),
        ("Безработица выросла до 5% в 2020", "ru", "r2"),
    ],
)
def test_match_finds_the_claim_with_every_score(
    engine: MatchEngine, text: str, lang: str, expected: str
) -> None:
    found = engine.match(text, lang=lang, k=3)
    assert found[0].claim.id == expected
    best = found[0]
    assert best.dense > 0 and best.bm25 > 0 and best.fused > 0 and 0 < best.final <= 1
    assert best.decision in ("match", "suggest", None)
    assert set(best.features) == set(ALL_FEATURES)
    assert [c.final for c in found] == sorted((c.final for c in found), reverse=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Безработицы", "r2"), ("unemployment", "c1"), ("البطاله", "r1")],
)
def test_lexical_scores_read_the_text_in_each_claims_language(
    engine: MatchEngine, text: str, expected: str
) -> None:
    """A one-word text has no reliable language: BM25 and term overlaps read it as each claim
    language's index did (Russian "Безработицы" stems to the Russian claim's "безработиц")."""
    found = engine.retrieve(text, lang="und")
    bm25 = dict(zip((engine.records[p].id for p in found.positions), found.bm25, strict=True))
    assert bm25[expected] > 0 and max(bm25, key=lambda key: bm25[key]) == expected
    column = ALL_FEATURES.index("claim_overlap")
    overlap = dict(zip(bm25, found.features[:, column], strict=True))
    assert overlap[expected] > 0


def test_add_indexes_new_claims_incrementally() -> None:
    engine = MatchEngine.build(CLAIMS[:2], FakeEmbedder())
    engine.add([IndexedClaim("c9", "A shark was seen swimming on a flooded highway.")])
    assert len(engine) == 3
    assert engine.match("Shark swimming on a flooded highway", lang="en", k=1)[0].claim.id == "c9"


def test_a_direction_conflict_lowers_the_final_score(engine: MatchEngine) -> None:
    # The same words but the opposite direction: the claim must lose score against "rose".
    rose = engine.match("Unemployment rose to 5% in 2020", lang="en", k=1)[0]
    fell = [
        c for c in engine.match("Unemployment fell to 5% in 2020", lang="en") if c.claim.id == "c1"
    ]
    assert rose.claim.id == "c1" and fell[0].features["dir_conflict"] == 1.0
    assert fell[0].final < rose.final


@pytest.mark.parametrize(
    "conflict", ["num_conflict", "year_conflict", "neg_mismatch", "dir_conflict"]
)
@pytest.mark.parametrize("model", ["mono", "cross"])
def test_every_conflict_lowers_the_shipped_score(
    engine: MatchEngine, conflict: str, model: str
) -> None:
    scorer = load_models()[model]
    row = engine.match("Unemployment rose to 5% in 2020", lang="en", k=1)[0].features
    x = np.asarray([[row[name] for name in scorer.features]])
    flagged = x.copy()
    flagged[0, scorer.features.index(conflict)] = 1.0
    x[0, scorer.features.index(conflict)] = 0.0
    assert scorer.probability(flagged)[0] < scorer.probability(x)[0]


@pytest.mark.parametrize(
    ("probability", "decision"), [(0.95, "match"), (0.8, "match"), (0.5, "suggest"), (0.1, None)]
)
def test_thresholds_decide(probability: float, decision: str | None) -> None:
    assert Thresholds(suggest=0.3, match=0.8).decide(probability) == decision


def test_language_pair_thresholds_drive_the_decision() -> None:
    always = MatchEngine.build(CLAIMS, FakeEmbedder(), thresholds={"default": Thresholds(0, 0)})
    never = MatchEngine.build(CLAIMS, FakeEmbedder(), thresholds={"default": Thresholds(2, 2)})
    strict_en = MatchEngine.build(
        CLAIMS,
        FakeEmbedder(),
        thresholds={"default": Thresholds(0, 0), "en-en": Thresholds(2, 2)},
    )
    text = "Floods destroyed two bridges in the north"
    assert always.match(text, lang="en", k=1)[0].decision == "match"
    assert never.match(text, lang="en", k=1)[0].decision is None
    assert strict_en.match(text, lang="en", k=1)[0].decision is None


def test_empty_text_is_refused(engine: MatchEngine) -> None:
    with pytest.raises(InputError, match="empty"):
        engine.match("   ")


def test_an_empty_registry_finds_nothing() -> None:
    assert MatchEngine.build([], FakeEmbedder()).match("anything", lang="en") == []


def test_scorer_round_trips_and_rejects_a_broken_file() -> None:
    scorer = load_models()["mono"]
    again = Scorer.from_json(scorer.to_json())
    x = np.random.default_rng(0).random((4, len(scorer.features)))
    np.testing.assert_allclose(again.probability(x), scorer.probability(x))
    with pytest.raises(ConfigError, match="train_matcher"):
        Scorer.from_json({"features": []})


def _groups(
    rng: np.random.Generator,
    n: int,
    shape: tuple[int, int],
    signal: Callable[[np.ndarray], np.ndarray],
) -> list[tuple[np.ndarray, np.ndarray]]:
    """`n` random candidate lists of `shape`; in each, the row with the highest `signal` is
    the relevant one."""
    groups = []
    for _ in range(n):
        x = rng.random(shape)
        y = np.zeros(shape[0], dtype=bool)
        y[int(np.argmax(signal(x)))] = True
        groups.append((x, y))
    return groups


def test_a_boost_adds_its_weighted_feature_and_round_trips() -> None:
    rng = np.random.default_rng(2)
    groups = _groups(rng, 20, (5, 2), lambda x: x[:, 0])
    scorer = fit(groups, ["a", "conflict"], ["conflict"], epochs=30)
    boosted = scorer.with_boost("extra", 4.0)
    assert boosted.features == ["a", "conflict", "extra"] and scorer.boosts == {}
    x = rng.random((6, 2))
    extra = rng.random(6)
    np.testing.assert_allclose(boosted.raw(np.c_[x, extra]), scorer.raw(x) + 4.0 * extra)
    again = Scorer.from_json(boosted.to_json())
    np.testing.assert_allclose(again.raw(np.c_[x, extra]), boosted.raw(np.c_[x, extra]))
    assert boosted.with_boost("extra", 1.0).features == boosted.features
    assert boosted.plain_platt == scorer.platt
    with pytest.raises(ValueError, match="already an input"):
        scorer.with_boost("a", 1.0)


def test_fit_learns_the_signal_and_keeps_penalties_negative() -> None:
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(60):
        x = rng.random((8, 2))
        x[:, 1] = 0.0
        y = np.zeros(8, dtype=bool)
        y[int(np.argmax(x[:, 0]))] = True
        x[y, 1] = 1.0  # a "conflict" that only the relevant rows carry: fit must not reward it
        groups.append((x, y))
    scorer = fit(groups, ["signal", "conflict"], ["conflict"], epochs=150)
    assert scorer.penalties[0] <= -MIN_PENALTY
    hits = [np.argmax(scorer.raw(np.c_[x[:, 0], np.zeros(8)])) == np.argmax(y) for x, y in groups]
    assert np.mean(hits) > 0.9


def test_an_ensemble_scores_as_the_mean_of_its_members() -> None:
    rng = np.random.default_rng(1)
    groups = _groups(rng, 30, (6, 3), lambda x: x[:, 0] + x[:, 1])
    names, conflicts = ["a", "b", "conflict"], ["conflict"]
    merged = fit_ensemble(groups, names, conflicts, seeds=(0, 1), epochs=40)
    members = [fit(groups, names, conflicts, seed=seed, epochs=40) for seed in (0, 1)]
    x = rng.random((5, 3))
    np.testing.assert_allclose(merged.raw(x), np.mean([m.raw(x) for m in members], axis=0))


def test_excluded_entries_are_answered_as_if_absent(engine: MatchEngine) -> None:
    text = "Floods destroyed the bridges in the north, says a video"
    full = engine.retrieve(text, lang="en")
    assert 1 in full.ranking("final", 1)  # c2 wins with everything indexed
    without = engine.retrieve(text, lang="en", exclude={1})
    assert 1 not in without.positions.tolist()
    assert len(without.positions) > 0
    # What remains is scored afresh: the runner-up's features no longer compare it with c2.
    assert without.ranking("final", 1) != [1]


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.queries = 0

    def embed_queries(self, texts: Sequence[str]) -> Any:
        self.queries += len(texts)
        return super().embed_queries(texts)


def test_incoming_texts_go_through_the_query_embedder() -> None:
    indexing, incoming = CountingEmbedder(), CountingEmbedder()
    engine = MatchEngine.build(CLAIMS, indexing, query_embedder=incoming)
    indexed = indexing.queries  # the symmetric index embeds claims as queries
    engine.match("Bread prices will double next year", lang="en")
    assert incoming.queries == 1 and indexing.queries == indexed


def test_a_foreign_preference_weighs_other_languages_against_the_text_s_own() -> None:
    text = "البطالة ارتفعت إلى 5% في 2020"
    plain = MatchEngine.build(CLAIMS, FakeEmbedder())
    leaning = MatchEngine.build(CLAIMS, FakeEmbedder())
    leaning.foreign_preference = 8.0
    before = plain.retrieve(text, lang="ar")
    after = leaning.retrieve(text, lang="ar")
    arabic = np.asarray([plain.records[int(p)].lang == "ar" for p in before.positions])
    # Same-language candidates keep their probabilities; the others gain exactly the prior.
    np.testing.assert_allclose(after.final[arabic], before.final[arabic])
    odds = before.final / (1 - before.final) * np.exp(8.0)
    np.testing.assert_allclose(after.final[~arabic], (odds / (1 + odds))[~arabic], rtol=1e-9)
    assert (after.final[~arabic] > before.final[~arabic]).all()
    # A claim of undetermined language is not "foreign".
    with_und = MatchEngine.build(
        [*CLAIMS, IndexedClaim("u1", "البطالة 2020", lang="und")], FakeEmbedder()
    )
    und_before = with_und.retrieve(text, lang="ar")
    with_und.foreign_preference = 8.0
    und_after = with_und.retrieve(text, lang="ar")
    und = int(np.flatnonzero(und_before.positions == len(CLAIMS))[0])
    assert und_after.final[und] == und_before.final[und]
    # A registry without claims in the text's language keeps its calibrated scale.
    english_only = MatchEngine.build(CLAIMS[:4], FakeEmbedder())
    baseline = english_only.retrieve(text, lang="ar").final
    english_only.foreign_preference = 8.0
    np.testing.assert_allclose(english_only.retrieve(text, lang="ar").final, baseline)


def test_a_foreign_preference_given_with_a_text_replaces_the_engine_s() -> None:
    text = "البطالة ارتفعت إلى 5% في 2020"
    shared = MatchEngine.build(CLAIMS, FakeEmbedder())
    leaning = MatchEngine.build(CLAIMS, FakeEmbedder())
    leaning.foreign_preference = 3.0
    given = shared.match(text, lang="ar", foreign_preference=3.0)
    assert [(c.claim.id, c.final) for c in given] == [
        (c.claim.id, c.final) for c in leaning.match(text, lang="ar")
    ]
    assert shared.foreign_preference == 0.0  # the engine other texts use is left as it was
    back = shared.match(text, lang="ar", foreign_preference=3.0 - 3.0)
    assert [c.final for c in back] == [c.final for c in shared.match(text, lang="ar")]
    with pytest.raises(ConfigError, match="match_foreign_preference"):
        shared.match(text, lang="ar", foreign_preference=float("nan"))


def test_the_foreign_preference_comes_from_the_settings(settings: Settings) -> None:
    built = MatchEngine.build(
        CLAIMS, FakeEmbedder(), settings=dataclasses.replace(settings, match_foreign_preference=1.5)
    )
    assert built.foreign_preference == 1.5
    assert MatchEngine.build(CLAIMS, FakeEmbedder(), settings=settings).foreign_preference == 0.0


def test_the_foreign_preference_is_bounded_and_keeps_probabilities_in_range() -> None:
    engine = MatchEngine.build(CLAIMS, FakeEmbedder())
    for bad in (float("nan"), float("inf"), 20.5, -21.0):
        with pytest.raises(ConfigError, match="match_foreign_preference"):
            engine.foreign_preference = bad
    assert engine.foreign_preference == 0.0
    text = "البطالة ارتفعت إلى 5% في 2020"
    found = engine.retrieve(text, lang="ar")
    rows, positions = found.features, found.positions
    for preference in (-20.0, 20.0):
        engine.foreign_preference = preference
        final = engine.score_candidates("ar", positions, rows)
        assert np.isfinite(final).all() and ((final >= 0) & (final <= 1)).all()
    # A text of undetermined language has no "own" language to weigh others against.
    with_und = MatchEngine.build(
        [*CLAIMS, IndexedClaim("u1", "البطالة 2020", lang="und")], FakeEmbedder()
    )
    before = with_und.retrieve(text, lang="und").final
    with_und.foreign_preference = 20.0
    np.testing.assert_allclose(with_und.retrieve(text, lang="und").final, before)


def test_a_sentence_vector_is_reused_only_for_a_text_without_links() -> None:
    """Matching embeds texts without their links (as the scorers were trained); a pipeline
    sentence's vector was embedded as written, so one with a link is embedded again."""
    from tabayyun.matching.tweet import query_vector

    vector = np.ones(4)
    assert query_vector("Bread prices will double next year", vector) is vector
    assert query_vector("Bread prices will double https://t.co/x1", vector) is None
    assert query_vector("See pic.twitter.com/abc for bread prices", vector) is None
    assert query_vector("Bread prices", None) is None


def test_a_second_registry_language_leaves_same_language_scores_as_trained() -> None:
    """The language-bias correction compares foreign languages among themselves; candidates in
    the text's own language keep the similarities the mono scorer was trained and calibrated on
    (one-language registries), so adding Arabic claims cannot turn an English match into a
    suggestion."""
    english = [
        IndexedClaim(f"e{i}", f"The council closed {i} bridges over the river in the north")
        for i in range(60)
    ]
    arabic = [
        IndexedClaim(f"a{i}", f"أغلق المجلس {i} جسور على النهر في الشمال", lang="ar")
        for i in range(60)
    ]
    text = "The council closed 7 bridges over the river in the north"
    alone = MatchEngine.build(english, FakeEmbedder())
    mixed = MatchEngine.build(english + arabic, FakeEmbedder())
    found = {e: e.retrieve(text, lang="en") for e in (alone, mixed)}

    def feature(engine: MatchEngine, key: str, name: str) -> float:
        hit = found[engine]
        row = [engine.records[p].id for p in hit.positions].index(key)
        return float(hit.features[row, ALL_FEATURES.index(name)])

    # (BM25 features differ: more documents, other IDF. The similarities must not.)
    for name in ("dense", "prf_dense"):
        assert feature(mixed, "e7", name) == pytest.approx(feature(alone, "e7", name), abs=1e-9)


# Persian claims and texts whose words writers join with a ZWNJ, a space or nothing: "{}" marks a
# bound affix (می, ها, ای, تر, ترین), "{c}" a compound, which typed joined stays one word.
PERSIAN_CLAIMS = [
    ("f1", "وزیر گفت قیمت نان{}ها سال آینده دو برابر می{}شود", "آیا نان گران{}تر می{}شود؟"),
    ("f2", "همکاری{}های بین{c}المللی ایران در حوزه رسانه{}ای گسترش می{}یابد", ""),
    ("f3", "ذخایر سدهای مشهد به صفر رسیده است", "بزرگ{}ترین سد مشهد خالی شد"),
    ("f4", "ویدیویی نشان می{}دهد سیل دو پل را در شمال ویران کرد", ""),
]
PERSIAN_TEXTS = [
    ("قیمت نان{}ها دو برابر می{}شود و نان گران{}تر شد", "f1"),
    ("همکاری{}های بین{c}المللی رسانه{}ای ایران گسترش می{}یابد", "f2"),
    ("بزرگ{}ترین سد مشهد به صفر رسیده است", "f3"),
]
# The features computed from words alone (rrf, prf_* and the dense ones also read the vectors,
# which the fake embedder builds from ZWNJ-joined words).
WORD_FEATURES = ("bm25_norm", "bm25_log", "bm25_rr", "title_overlap", "claim_overlap")


def _spelled(template: str, joiner: str) -> str:
    return template.replace("{}", joiner).replace("{c}", joiner or "\u200c")


def _persian_engine(joiner: str) -> MatchEngine:
    claims = [
        IndexedClaim(key, _spelled(claim, joiner), title=_spelled(title, joiner), lang="fa")
        for key, claim, title in PERSIAN_CLAIMS
    ]
    return MatchEngine.build([*claims, *CLAIMS], FakeEmbedder())


def _word_evidence(engine: MatchEngine, text: str) -> dict[str, tuple[float, ...]]:
    found = engine.retrieve(text, lang="fa")
    columns = [ALL_FEATURES.index(name) for name in WORD_FEATURES]
    return {
        engine.records[p].id: (float(found.bm25[row]), *found.features[row, columns].tolist())
        for row, p in enumerate(found.positions)
        if found.bm25[row] > 0
    }


@pytest.mark.parametrize("text_joiner", ["\u200c", " ", ""])
@pytest.mark.parametrize("claim_joiner", ["\u200c", " ", ""])
@pytest.mark.parametrize(("text", "expected"), PERSIAN_TEXTS)
def test_persian_words_get_the_same_lexical_evidence_with_a_zwnj_a_space_or_joined(
    claim_joiner: str, text_joiner: str, text: str, expected: str
) -> None:
    """A Persian text and claim that join a word's parts differently get the BM25 scores and
    word overlaps of a text and claim spelled alike (both with ZWNJs)."""
    alike = _word_evidence(_persian_engine("\u200c"), _spelled(text, "\u200c"))

    evidence = _word_evidence(_persian_engine(claim_joiner), _spelled(text, text_joiner))

    assert max(evidence, key=lambda key: evidence[key][0]) == expected
    assert evidence.keys() == alike.keys()
    for key, values in alike.items():
        assert evidence[key] == pytest.approx(values, rel=1e-6), key
