"""Which sentences become claims (pure functions, real analysed text)."""

from __future__ import annotations

import pytest

from tabayyun.claims.checkworthiness import load_default_scorer
from tabayyun.config import Settings
from tabayyun.model import Document, Sentence, Statement
from tabayyun.server.claims import candidates, threshold
from tabayyun.service import analyze_text

from .conftest import sample_text


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "en"])
def test_unscored_articles_yield_sentences_with_statements_or_numbers(lang: str) -> None:
    doc = analyze_text(sample_text(lang), settings=Settings(embedder="fake"))
    for part in [*doc.sentences, *doc.statements]:
        part.checkworthiness = None  # as an article stored before scoring existed
    found = candidates(doc, 0.5)
    chosen = {c.sentence_index for c in found}
    with_statements = {s.sentence_index for s in doc.statements}
    assert with_statements <= chosen
    for sentence in doc.sentences:
        checkable = sentence.index in with_statements or any(ch.isdigit() for ch in sentence.text)
        assert (sentence.index in chosen) == checkable, sentence.text


def test_scores_decide_when_present() -> None:
    doc = Document(source="t", text="a. b. c.")
    doc.sentences = [
        Sentence(0, "Prices rose 40 percent.", 0, 1, checkworthiness=0.2),
        Sentence(1, "What a day.", 2, 3, checkworthiness=0.7),
        Sentence(2, "He said it.", 4, 5),
    ]
    doc.statements = [Statement("X", "X", "said", "it", "direct", 2, checkworthiness=0.6)]
    assert [c.sentence_index for c in candidates(doc, 0.5)] == [1, 2]
    assert [c.speaker for c in candidates(doc, 0.5)] == [None, "X"]


def test_the_queue_threshold_is_the_models_own_per_language_unless_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scorer = load_default_scorer()
    for lang in ("ar", "en", "fa", None):
        expected = scorer.threshold("checkworthy", lang or "und")
        assert threshold(Settings(), lang) == expected
    # The languages differ (the Arabic and English thresholds were tuned apart), which is why
    # one fixed number for every language was wrong.
    assert threshold(Settings(), "ar") != threshold(Settings(), "en")
    assert threshold(Settings(checkworthiness_threshold=0.7), "ar") == 0.7
    monkeypatch.setenv("TABAYYUN_CHECKWORTHINESS_THRESHOLD", "0.25")
    assert threshold(Settings.from_env(), "en") == 0.25
    for unset in ("", "model"):
        monkeypatch.setenv("TABAYYUN_CHECKWORTHINESS_THRESHOLD", unset)
        assert Settings.from_env().checkworthiness_threshold is None
