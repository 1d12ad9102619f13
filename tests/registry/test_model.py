"""ClaimReview in and out of `FactCheck`: field errors by path, identity, language."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tabayyun.errors import InputError
from tabayyun.registry.model import FactCheck, from_claimreview

CLAIMREVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/en/ferry",
    "claimReviewed": "The ferry to Example Island is free on Sundays",
    "datePublished": "2024-04-05",
    "author": {"@type": "Organization", "name": "Example Fact Check"},
    "reviewRating": {"@type": "Rating", "ratingValue": 4, "alternateName": "Mostly True"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jane Example"},
        "datePublished": "2024-04-01",
        "appearance": [{"@type": "CreativeWork", "url": "https://social.example.com/post/9"}],
    },
}


def _with(path: str, value: object) -> dict[str, Any]:
    data = copy.deepcopy(CLAIMREVIEW)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return data


_DELETE = object()


def test_reads_every_field_and_writes_them_back() -> None:
    fc = from_claimreview(CLAIMREVIEW)
    assert (fc.publisher, fc.author, fc.claim_author) == ("Example Fact Check",) * 2 + (
        "Jane Example",
    )
    assert (fc.rating.label, fc.rating.known, fc.lang) == ("mostly_true", True, "en")
    assert fc.appearances[0].url == "https://social.example.com/post/9"
    assert fc.key == CLAIMREVIEW["url"]
    again = from_claimreview(fc.to_claimreview())
    assert again == fc
    assert again.content_hash == fc.content_hash
    assert FactCheck.from_dict(fc.to_dict()) == fc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "reviewRating.ratingValue",
            [1, 2],
            "reviewRating.ratingValue: expected a number or text, got list",
        ),
        ("reviewRating", _DELETE, "reviewRating: missing"),
        ("reviewRating", "False", "reviewRating: expected a Rating object, got text"),
        ("reviewRating.bestRating", "five", "reviewRating.bestRating: expected a number"),
        ("claimReviewed", _DELETE, "claimReviewed: missing"),
        ("claimReviewed", {"text": "x"}, "claimReviewed: expected text, got object"),
        ("datePublished", "yesterday", "datePublished: expected an ISO 8601 date"),
        ("url", "factcheck.example.org/x", r"url: expected an http\(s\) URL"),
        ("author", 3, "author: expected a name or an object with a name, got number"),
        ("author", {"@type": "Organization"}, "author.name: missing"),
        ("itemReviewed", "a claim", "itemReviewed: expected a Claim object, got text"),
        ("itemReviewed.datePublished", 2024, "itemReviewed.datePublished: expected text"),
        ("itemReviewed.appearance", [7], r"itemReviewed.appearance\[0\]: expected a URL"),
        ("inLanguage", ["ar", "fa"], "inLanguage: expected a language code"),
        ("@type", "Review", "@type: expected ClaimReview, got 'Review'"),
    ],
)
def test_missing_or_mistyped_fields_name_their_path(path: str, value: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_claimreview(_with(path, value))


def test_a_rating_needs_words_or_a_value() -> None:
    with pytest.raises(InputError, match="needs alternateName"):
        from_claimreview(_with("reviewRating", {"@type": "Rating", "bestRating": 5}))


def test_key_without_url_hashes_publisher_claim_and_date() -> None:
    fc = from_claimreview(_with("url", _DELETE))
    assert fc.key.startswith("sha256:")
    assert fc.key == from_claimreview(_with("url", _DELETE)).key
    other = from_claimreview(_with("url", _DELETE) | {"datePublished": "2024-04-06"})
    assert other.key != fc.key


@pytest.mark.parametrize(
    ("lang", "claim"),
    [
        ("ar", "مخزون سدود مدينة المثال وصل إلى الصفر هذا الأسبوع"),
        ("fa", "ذخایر سدهای شهر نمونه‌آباد به صفر رسیده است"),
        ("ru", "Запасы воды в водохранилищах Примерска упали до нуля"),
        ("en", "The reservoirs of Exampleton have fallen to zero this week"),
    ],
)
def test_language_is_detected_when_in_language_is_absent(lang: str, claim: str) -> None:
    fc = from_claimreview(_with("claimReviewed", claim))
    assert fc.lang == lang


@pytest.mark.parametrize(
    ("given", "lang"),
    [("fa-IR", "fa"), ("ru_RU", "ru"), ({"@type": "Language", "alternateName": "ar"}, "ar")],
)
def test_in_language_forms(given: object, lang: str) -> None:
    assert from_claimreview(_with("inLanguage", given)).lang == lang


def test_unknown_rating_word_is_imported_and_flagged() -> None:
    fc = from_claimreview(_with("reviewRating.alternateName", "Purple Herring"))
    assert (fc.rating.label, fc.rating.known, fc.rating.source_text) == (
        "unknown",
        False,
        "Purple Herring",
    )
    assert fc.to_claimreview()["reviewRating"]["alternateName"] == "Purple Herring"
