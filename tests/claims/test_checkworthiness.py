"""Cue features per language and the shipped scorer's contract, with the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tabayyun.claims.checkworthiness import (
    ARTEFACT_PATH,
    DETECTORS,
    CheckworthinessScorer,
    load_default_scorer,
)
from tabayyun.claims.features import CUE_NAMES, cue_features, cue_vector, hashed_ngrams
from tabayyun.embed import FakeEmbedder
from tabayyun.embed.bridge import DIM as BRIDGE_DIM
from tabayyun.errors import ConfigError

# (lang, a factual claim with a number and a source, an opinion/question in the first person)
SENTENCES = [
    (
        "en",
        "The health ministry said 1,200 people died of the flu last year, up 30% from 2022.",
        "I think we should all just stay calm, right?",
    ),
    (
        "ar",
        "أعلنت وزارة الصحة أن 1200 شخص توفوا بسبب الإنفلونزا العام الماضي بزيادة 30%.",
        "أنا أعتقد أننا يجب أن نبقى هادئين، أليس كذلك؟",
    ),
    (
        "fa",
        "به گزارش وزارت بهداشت، ۱۲۰۰ نفر سال گذشته بر اثر آنفولانزا جان باختند، ۳۰ درصد بیشتر.",
        "من فکر می‌کنم باید آرام باشیم، نه؟",
    ),
    (
        "ru",
        "По данным Минздрава, в прошлом году от гриппа умерли 1200 человек, на 30% больше.",
        "Я думаю, нам всем надо просто успокоиться, правда?",
    ),
]
LANGS = [s[0] for s in SENTENCES]


def _cue(vector: np.ndarray, name: str) -> float:
    return float(vector[CUE_NAMES.index(name)])


@pytest.mark.parametrize(("lang", "claim", "opinion"), SENTENCES, ids=LANGS)
def test_cues_tell_claim_from_opinion(lang: str, claim: str, opinion: str) -> None:
    claim_cues, opinion_cues = cue_vector(claim, lang), cue_vector(opinion, lang)
    assert claim_cues.shape == (len(CUE_NAMES),)
    assert _cue(claim_cues, "quantities") > 0
    assert _cue(claim_cues, "money_or_percent") == 1.0
    assert _cue(claim_cues, "attribution") > 0
    assert _cue(opinion_cues, "quantities") == 0
    assert _cue(opinion_cues, "first_singular") > 0
    assert _cue(opinion_cues, "question") == 1.0
    assert _cue(claim_cues, "question") == 0.0


@pytest.mark.parametrize(
    ("lang", "text", "cue"),
    [
        ("en", "Reportedly the bridge may have collapsed.", "hedge"),
        ("ar", "يقال إن الجسر ربما انهار.", "hedge"),
        ("fa", "شایعه شده که پل فرو ریخته است.", "hedge"),
        ("ru", "Говорят, что мост якобы обрушился.", "hedge"),
        ("en", "Please share this with everyone!", "imperative"),
        ("ar", "انشروا هذا الخبر لو سمحتم!", "imperative"),
        ("fa", "لطفا این خبر را منتشر کنید!", "imperative"),
        ("ru", "Пожалуйста, поделитесь этой новостью!", "imperative"),
    ],
)
def test_hedges_and_calls_to_action(lang: str, text: str, cue: str) -> None:
    assert _cue(cue_vector(text, lang), cue) > 0


LEXICON_CUES = ("attribution", "hedge", "first_singular", "first_plural", "opinion", "imperative",
                "prayer_greeting", "title", "future", "comparison")  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "plain", "variant"),
    [("fa", "به نظرم این درست نیست", "به‌نظرم این درست نیست"),
     ("fa", "به زودی قیمت‌ها بالا می‌رود", "به‌زودی قیمت‌ها بالا می‌رود"),
     ("fa", "رئیس جمهور گفت که تورم کم شد", "رئیس‌جمهور گفت که تورم کم شد"),
     ("en", "Don't buy this, share it now", "Don’t buy this, share it now")],
)  # fmt: skip
def test_cues_read_zwnj_compounds_and_curly_apostrophes(
    lang: str, plain: str, variant: str
) -> None:
    """Persian writes a compound with a space or a ZWNJ; phones type ’ for '. (The word count
    may differ: a ZWNJ compound is one token.)"""
    lexicon = [CUE_NAMES.index(name) for name in LEXICON_CUES]
    cues = cue_vector(plain, lang)[lexicon]
    assert cues.any() and np.array_equal(cue_vector(variant, lang)[lexicon], cues)


def test_tweet_furniture_is_counted() -> None:
    vector = cue_vector("عاجل @who #كورونا https://t.co/abc 🙏", "ar")
    for name in ("urls", "mentions", "hashtags", "emoji"):
        assert _cue(vector, name) > 0, name


def test_cue_features_needs_one_language_per_text() -> None:
    with pytest.raises(ValueError, match="one per text"):
        cue_features(["a", "b"], ["en"])


@pytest.mark.parametrize(("lang", "claim", "_"), SENTENCES, ids=LANGS)
def test_hashed_ngrams_are_stable_and_bounded(lang: str, claim: str, _: str) -> None:
    word_ids, word_counts, char_ids, char_counts = hashed_ngrams(claim, lang, bits=12)
    again = hashed_ngrams(claim, lang, bits=12)
    assert np.array_equal(word_ids, again[0]) and np.array_equal(char_ids, again[2])
    assert len(word_ids) and len(char_ids)
    assert word_ids.max() < 4096 and char_ids.max() < 4096 and char_ids.min() >= 0
    assert word_counts.min() >= 1 and char_counts.min() >= 1
    # Digits are folded to 0: the lexical model sees "a number", not which one.
    assert np.array_equal(
        hashed_ngrams("5 people", lang, bits=12)[0], hashed_ngrams("7 people", lang, bits=12)[0]
    )


def test_artefact_is_small_and_loads() -> None:
    assert ARTEFACT_PATH.stat().st_size < 5_000_000
    scorer = load_default_scorer()
    assert scorer is load_default_scorer()
    assert scorer.dim == 384
    for detector in DETECTORS:
        for lang in ("ar", "en", "fa", "ru", "und"):
            assert 0.0 < scorer.threshold(detector, lang) < 1.0


def test_artefact_was_trained_on_the_default_encoder() -> None:
    # Its multilingual part reads the pipeline's e5 vectors: after the encoder changes (a new
    # adapter), scripts/train_checkworthiness.py must run again or the heads read foreign vectors.
    from tabayyun.embed import E5Embedder
    from tabayyun.embed.base import model_family

    assert model_family(load_default_scorer().embedder) == model_family(E5Embedder().name)
    # Likewise the bridge encoder whose vectors the default heads also read.
    from tabayyun.embed.bridge import BridgeEmbedder

    for detector in DETECTORS:
        head = load_default_scorer().profiles["default"][detector]
        assert head["multilingual_bridge"] == BridgeEmbedder().name


def _score(texts: list[str], langs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    vectors = FakeEmbedder(dim=384).embed_queries(texts)
    return load_default_scorer().score(texts, vectors, langs)


def test_scores_are_probabilities_with_one_per_text() -> None:
    texts = [s for _, claim, opinion in SENTENCES for s in (claim, opinion)] + ["", "ok"]
    langs = [lang for lang in LANGS for _ in range(2)] + ["en", "und"]
    checkworthy, verifiable = _score(texts, langs)
    for probs in (checkworthy, verifiable):
        assert probs.shape == (len(texts),)
        assert np.all((probs >= 0) & (probs <= 1)) and np.all(np.isfinite(probs))
    assert _score([], [])[0].shape == (0,)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_claim_scores_above_opinion(lang: str) -> None:
    """Monotone sanity on the lexical languages, where the fake vectors matter least."""
    _, claim, opinion = SENTENCES[LANGS.index(lang)]
    checkworthy, verifiable = _score([claim, opinion], [lang, lang])
    assert verifiable[0] > verifiable[1]
    assert checkworthy[0] > checkworthy[1]


def test_score_rejects_mismatched_input() -> None:
    scorer = load_default_scorer()
    with pytest.raises(ValueError, match="384-dim"):
        scorer.score(["a"], np.zeros((1, 10), dtype=np.float32), ["en"])
    with pytest.raises(TypeError):
        scorer.score("a", np.zeros((1, 384), dtype=np.float32), ["en"])
    with pytest.raises(ConfigError, match="profile"):
        scorer.score(["a"], np.zeros((1, 384), dtype=np.float32), ["en"], profile="nope")


def test_missing_artefact_says_how_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="train_checkworthiness"):
        CheckworthinessScorer(tmp_path / "missing.npz")


def test_profiles_and_out_of_fold_tuning_are_recorded() -> None:
    scorer = load_default_scorer()
    # The pipeline's default profile holds both detectors; the 2022-1A heads only `checkworthy`
    # (their labels are "check-worthy among verifiable tweets") and fall back for `verifiable`.
    assert set(DETECTORS) <= set(scorer.profiles["default"])
    for profile in ("checkthat2022-1a-ar", "checkthat2022-1a-en"):
        assert set(scorer.profiles[profile]) == {"checkworthy"}
        assert scorer.threshold("verifiable", "en", profile=profile) == scorer.threshold(
            "verifiable", "en"
        )
    assert scorer.metadata["folds"] >= 2
    for heads in scorer.profiles.values():
        for head in heads.values():
            # Thresholds and blends come from out-of-fold predictions over train+dev.
            assert head["cv_metrics"] and set(head["thresholds"]) == set(head["blend"])
            assert "*" in head["thresholds"]
            # Each part kept is the candidate with the higher out-of-fold AP.
            for part in ("lexical", "multilingual"):
                ap = head[f"{part}_oof_AP"]
                assert head[f"{part}_model"] == max(ap, key=ap.get)


def test_profile_changes_only_its_own_detector() -> None:
    texts = [claim for _, claim, _ in SENTENCES]
    vectors = FakeEmbedder(dim=384).embed_queries(texts)
    scorer = load_default_scorer()
    default = scorer.score(texts, vectors, LANGS)
    special = scorer.score(texts, vectors, LANGS, profile="checkthat2022-1a-en")
    assert np.allclose(default[1], special[1])
    assert not np.allclose(default[0], special[0])


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1 - p))


def _inputs(prefix: str, texts: list[str], langs: list[str]) -> tuple[np.ndarray, dict]:
    """(e5 vector + standardised cues per text, the shipped arrays) as the scorer builds them."""
    with np.load(ARTEFACT_PATH) as data:
        arrays = {k: data[k] for k in data.files}
    cues = (cue_features(texts, langs) - arrays[f"{prefix}.cue_mean"]) / arrays[f"{prefix}.cue_std"]
    return np.hstack([FakeEmbedder(dim=384).embed_queries(texts), cues]), arrays


def _bridge(texts: list[str]) -> np.ndarray:
    """Stand-in bridge vectors (the real encoder is tested in tests/embed)."""
    return FakeEmbedder(dim=BRIDGE_DIM, name="bridge").embed_passages(texts)


def test_hidden_layer_part_is_the_seeds_mean_logit(tmp_path: Path) -> None:
    """A multilingual part with `multi_w1` is scored as a ReLU layer, linear otherwise.

    Built from the shipped artefact with the default checkworthy head's multilingual part
    replaced by two hand-made seed networks written side by side, as the training script does.
    """
    prefix, langs = "default.checkworthy", ["ar", "en"]
    texts = [claim for lang, claim, _ in SENTENCES if lang in langs]
    e5_and_cues, arrays = _inputs(prefix, texts, langs)
    bridge = _bridge(texts)
    # The part for the head's training languages reads the bridge's vector after them.
    x = np.hstack([e5_and_cues, bridge])
    rng = np.random.default_rng(0)
    seeds = [
        (rng.normal(size=(x.shape[1], 4)), rng.normal(size=4), rng.normal(size=4), rng.normal())
        for _ in range(2)
    ]
    for name in ("multi_w1", "multi_b1"):
        arrays.pop(f"{prefix}.{name}", None)
    linear = {**arrays, f"{prefix}.multi_w": np.zeros(x.shape[1], dtype=np.float32)}
    arrays[f"{prefix}.multi_w1"] = np.hstack([w1 for w1, _, _, _ in seeds]).astype(np.float32)
    arrays[f"{prefix}.multi_b1"] = np.concatenate([b1 for _, b1, _, _ in seeds]).astype(np.float32)
    arrays[f"{prefix}.multi_w"] = (np.concatenate([w2 for _, _, w2, _ in seeds]) / 2).astype(
        np.float32
    )
    arrays[f"{prefix}.multi_b"] = np.asarray([np.mean([b2 for *_, b2 in seeds])], np.float32)
    np.savez(tmp_path / "mlp.npz", **arrays)
    np.savez(tmp_path / "linear.npz", **linear)
    metadata = ARTEFACT_PATH.with_suffix(".json")
    mlp = CheckworthinessScorer(tmp_path / "mlp.npz", metadata)
    flat = CheckworthinessScorer(tmp_path / "linear.npz", metadata)
    assert mlp.dim == flat.dim == 384

    vectors = x[:, :384]
    scored, _ = mlp.score(texts, vectors, langs, bridge_vectors=bridge)
    without, _ = flat.score(texts, vectors, langs, bridge_vectors=bridge)
    # logit(p) = w_lex * lexical + w_multi * multi + bias; the linear copy (multi = its bias)
    # cancels everything but the multilingual part.
    blend = mlp.profiles["default"]["checkworthy"]["blend"]
    w_multi = np.asarray([blend[lang][1] for lang in langs])
    seed_logits = [np.maximum(x @ w1 + b1, 0) @ w2 + b2 for w1, b1, w2, b2 in seeds]
    expected = np.mean(seed_logits, axis=0) - float(linear[f"{prefix}.multi_b"][0])
    assert np.allclose(_logit(scored) - _logit(without), w_multi * expected, atol=1e-3)


def test_languages_without_training_data_read_the_other_part() -> None:
    """fa and ru get the head's linear `other` part, Platt-scaled; ar and en their blend."""
    scorer = load_default_scorer()
    for detector in DETECTORS:
        prefix = f"default.{detector}"
        head = scorer.profiles["default"][detector]
        x, arrays = _inputs(prefix, [claim for _, claim, _ in SENTENCES], LANGS)
        has_other = f"{prefix}.other_w" in arrays
        # The part exists exactly where the trained languages read another model, or where it
        # learnt from only some of the head's languages.
        trained = set(head["blend"]) - {"*"}
        assert has_other == (
            head["multilingual_model"] != head["other_languages_model"]
            or set(head["other_languages_source"]) != trained
            or bool(head.get("multilingual_bridge"))
        )
        if not has_other:
            continue
        a, b = head["blend"]["*"][1:]
        other = x @ arrays[f"{prefix}.other_w"] + arrays[f"{prefix}.other_b"][0]
        expected = 1 / (1 + np.exp(-(a * other + b)))
        checkworthy, verifiable = scorer.score(
            [claim for _, claim, _ in SENTENCES], x[:, :384], LANGS
        )
        got = checkworthy if detector == "checkworthy" else verifiable
        untrained = np.asarray([lang not in head["blend"] for lang in LANGS])
        assert untrained.sum() == 2  # fa, ru
        if detector == "checkworthy":  # then gated by the verifiable detector (next test)
            t_ver = np.asarray([scorer.threshold("verifiable", lang) for lang in LANGS])
            t_cw = np.asarray([scorer.threshold("checkworthy", lang) for lang in LANGS])
            cap = t_cw * verifiable / t_ver
            expected = np.where(verifiable < t_ver, np.minimum(expected, cap), expected)
        assert np.allclose(got[untrained], expected[untrained], atol=1e-5)
        assert not np.allclose(got[~untrained], expected[~untrained], atol=1e-3)


def test_languages_without_training_data_are_gated_by_the_verifiable_detector(
    tmp_path: Path,
) -> None:
    """fa/ru/und: a sentence under the verifiable threshold stays under the check-worthy one."""
    texts = [s for _, claim, opinion in SENTENCES for s in (claim, opinion)] * 3
    langs = [lang for lang in LANGS for _ in range(2)] * 3
    vectors = (
        FakeEmbedder(dim=384).embed_queries(texts)
        * np.repeat([1, -1, 0.5], len(texts) // 3)[:, None]
    )
    scorer = load_default_scorer()
    checkworthy, verifiable = scorer.score(texts, vectors, langs)
    # The same artefact with the verifiable head's thresholds at 0: nothing is gated.
    metadata = json.loads(ARTEFACT_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    head = metadata["profiles"]["default"]["verifiable"]
    head["thresholds"] = {lang: 0.0 for lang in head["thresholds"]}
    (tmp_path / "open.json").write_text(json.dumps(metadata), encoding="utf-8")
    ungated, same_verifiable = CheckworthinessScorer(ARTEFACT_PATH, tmp_path / "open.json").score(
        texts, vectors, langs
    )
    assert np.array_equal(verifiable, same_verifiable)
    gated_langs = np.asarray([lang in ("fa", "ru") for lang in langs])
    t_cw = np.asarray([scorer.threshold("checkworthy", lang) for lang in langs])
    t_ver = np.asarray([scorer.threshold("verifiable", lang) for lang in langs])
    rejected = verifiable < t_ver
    capped = gated_langs & rejected
    assert capped.any() and (gated_langs & ~rejected).any()  # both cases are exercised
    assert np.all(checkworthy[capped] < t_cw[capped])
    expected = np.minimum(ungated, t_cw * verifiable / t_ver)
    assert np.allclose(checkworthy[capped], expected[capped])
    assert np.array_equal(checkworthy[~capped], ungated[~capped])


def test_the_bridge_vector_is_read_for_trained_languages_only() -> None:
    """ar and en read the bridge encoder's vector in both default heads; fa and ru never do.
    Without vectors given, the scorer embeds the texts with the real bridge itself."""
    scorer = load_default_scorer()
    texts = [claim for _, claim, _ in SENTENCES]
    vectors = FakeEmbedder(dim=384).embed_queries(texts)
    for detector in DETECTORS:
        assert scorer.profiles["default"][detector]["multilingual_bridge"]
    first = scorer.score(texts, vectors, LANGS, bridge_vectors=_bridge(texts))
    other = scorer.score(texts, vectors, LANGS, bridge_vectors=np.zeros((len(texts), BRIDGE_DIM)))
    trained = np.asarray([lang in ("ar", "en") for lang in LANGS])
    for a, b in zip(first, other, strict=True):
        assert np.allclose(a[~trained], b[~trained])
        assert not np.allclose(a[trained], b[trained], atol=1e-4)
    from tabayyun.embed.bridge import BridgeEmbedder

    real = BridgeEmbedder().embed_passages(texts)
    given = scorer.score(texts, vectors, LANGS, bridge_vectors=real)
    computed = scorer.score(texts, vectors, LANGS)
    for a, b in zip(given, computed, strict=True):
        assert np.allclose(a, b, atol=1e-5)
    with pytest.raises(ValueError, match="bridge vector"):
        scorer.score(texts, vectors, LANGS, bridge_vectors=real[:2])
    # Only the texts whose heads read the bridge are embedded by it.
    seen: list[str] = []

    class Counting(BridgeEmbedder):
        def embed_passages(self, batch: list[str]) -> np.ndarray:  # type: ignore[override]
            seen.extend(batch)
            return super().embed_passages(batch)

    counting = CheckworthinessScorer()
    counting._bridge = Counting()
    counting.score(texts, vectors, [*LANGS[:-1], "und"])
    assert seen == [text for text, lang in zip(texts, LANGS, strict=True) if lang in ("ar", "en")]
    # The 2022-1A heads read e5 and the cues alone.
    assert not scorer.profiles["checkthat2022-1a-en"]["checkworthy"].get("multilingual_bridge")
