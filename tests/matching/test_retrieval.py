"""BM25, the dense index (exact and HNSW) and fusion, on small real-language data."""

from __future__ import annotations

import numpy as np
import pytest

from tabayyun.embed import FakeEmbedder
from tabayyun.matching.bm25 import BM25Index
from tabayyun.matching.dense import DenseIndex
from tabayyun.matching.fusion import max_normalise, ranked, rrf
from tabayyun.matching.metrics import average_precision, recall, reciprocal_rank, summarise

DOCS = {
    "en": (
        [
            "The minister announced that bread prices rose by five percent.",
            "A video shows floods destroying two bridges in the north.",
            "The school repairs were finished before the new year.",
        ],
        "Did the floods destroy bridges? A video claims so.",
        1,
    ),
    "ar": (
        [
            "أعلن الوزير أن أسعار الخبز ارتفعت بنسبة خمسة بالمئة",
            "فيديو يظهر الفيضانات وهي تدمر جسرين في الشمال",
            "انتهت أعمال ترميم المدارس قبل العام الجديد",
        ],
        "هل دمرت الفيضانات الجسور في الشمال؟",
        1,
    ),
    "fa": (
        [
            "وزیر اعلام کرد قیمت نان پنج درصد افزایش یافت",
            "ویدیویی نشان می‌دهد سیل دو پل را در شمال ویران کرد",
            "تعمیر مدارس پیش از سال نو به پایان رسید",
        ],
        "آیا سیل پل‌ها را در شمال ویران کرد؟",
        1,
    ),
    "ru": (
        [
            "Министр объявил, что цены на хлеб выросли на пять процентов.",
            "Видео показывает, как наводнение разрушило два моста на севере.",
            "Ремонт школ завершили до нового года.",
        ],
        "Правда ли, что наводнения разрушили мосты на севере?",
        1,
    ),
}


@pytest.mark.parametrize("lang", sorted(DOCS))
def test_bm25_ranks_the_document_that_shares_stems_first(lang: str) -> None:
    docs, query, expected = DOCS[lang]
    index = BM25Index()
    index.add(docs, [lang] * len(docs))
    scores = index.scores(query, lang)
    assert int(np.argmax(scores)) == expected
    assert scores[expected] > 0


def test_bm25_add_keeps_positions_and_updates_idf() -> None:
    index = BM25Index()
    index.add(["floods in the north"], ["en"])
    before = index.scores("floods", "en")[0]
    index.add(["floods again", "floods everywhere"], ["en", "en"])
    scores = index.scores("floods", "en")
    assert len(index) == 3 and scores.shape == (3,)
    assert scores[0] < before  # a word in every document says less


def test_bm25_unknown_words_score_nothing() -> None:
    index = BM25Index()
    index.add(["floods in the north"], ["en"])
    assert index.scores("zebra", "en").tolist() == [0.0]


def test_exact_and_hnsw_search_agree_on_small_data() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(600, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:20] + 0.1 * rng.normal(size=(20, 32)).astype(np.float32)
    exact = DenseIndex(32, exact_limit=10_000)
    approx = DenseIndex(32, exact_limit=100)
    exact.add(vectors[:300])
    approx.add(vectors[:300])
    exact.add(vectors[300:])
    approx.add(vectors[300:])  # incremental add into the graph
    assert not exact.is_approximate and approx.is_approximate
    exact_scores, exact_ids = exact.search(queries, 10)
    approx_scores, approx_ids = approx.search(queries, 10)
    overlap = np.mean(
        [len(set(a) & set(b)) / 10 for a, b in zip(exact_ids, approx_ids, strict=True)]
    )
    assert overlap >= 0.95
    assert exact_ids[:, 0].tolist() == list(range(20))
    np.testing.assert_allclose(exact_scores[:, 0], approx_scores[:, 0], atol=1e-4)


def test_dense_search_pads_a_short_index() -> None:
    index = DenseIndex(4)
    index.add(np.eye(4, dtype=np.float32)[:2])
    scores, ids = index.search(np.eye(4, dtype=np.float32)[:1], 3)
    assert ids[0].tolist() == [0, 1, -1]
    assert scores[0, 0] == pytest.approx(1.0)


def test_fake_embedder_dense_finds_the_shared_words() -> None:
    embedder = FakeEmbedder()
    docs, query, expected = DOCS["en"]
    index = DenseIndex(embedder.dim)
    index.add(embedder.embed_passages(docs))
    _, ids = index.search(embedder.embed_queries([query]), 1)
    assert ids[0, 0] == expected


def test_rrf_rewards_items_both_lists_rank() -> None:
    fused = rrf([[1, 2, 3], [3, 1, 4]])
    assert [item for item, _ in ranked(fused, 2)] == [1, 3]
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert 4 in fused and fused[4] < fused[2]


def test_max_normalise_handles_all_zero() -> None:
    assert max_normalise(np.array([0.0, 0.0], dtype=np.float32)).tolist() == [0.0, 0.0]
    assert max_normalise(np.array([2.0, 1.0], dtype=np.float32)).tolist() == [1.0, 0.5]


def test_metrics_follow_the_checkthat_definitions() -> None:
    assert average_precision(["a", "b", "c"], {"b"}, 5) == pytest.approx(0.5)
    assert average_precision(["a", "b", "c"], {"b"}, 1) == 0.0
    assert average_precision(["b", "x", "c"], {"b", "c"}, 5) == pytest.approx((1 + 2 / 3) / 2)
    assert reciprocal_rank(["a", "b"], {"b"}) == pytest.approx(0.5)
    assert recall(["a", "b"], {"b", "z"}, 10) == pytest.approx(0.5)
    summary = summarise([["a"], ["b"]], [{"a"}, {"a"}])
    assert summary["MAP@5"] == pytest.approx(0.5) and summary["MRR"] == pytest.approx(0.5)
