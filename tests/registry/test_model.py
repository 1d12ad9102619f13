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
        ("datePublished", "yesterday", "datePublished: expected a date like 2024-03-05"),
        ("itemReviewed.datePublished", "soon", "itemReviewed.datePublished: expected a date"),
        ("inLanguage", "xx-123-!!", "inLanguage: expected a language code like 'ar' or 'fa-IR'"),
        ("inLanguage", "Persian", "inLanguage: expected a language code"),
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


@pytest.mark.parametrize(
    ("lang", "written", "iso"),
    [
        ("fa", "1402/09/01", "2023-11-22"),  # Solar Hijri in Persian data
        ("fa", "۱۴۰۲/۰۹/۰۱", "2023-11-22"),
        ("ar", "1445/09/01", "2024-03-11"),  # Hijri (lunar) in Arabic data
        ("ar", "١٤٤٥/٠٩/٠١", "2024-03-11"),
        ("ar", "1445/09/01 هـ", "2024-03-11"),
        ("en", "1402/09/01", "2023-11-22"),  # other languages: Solar Hijri, the usual export
        ("fa", "۲۰۲۴-۰۳-۰۵", "2024-03-05"),
        ("fa", "2024/03/05", "2024-03-05"),
        ("en", "5 March 2024", "2024-03-05"),
        ("ru", "5 марта 2024", "2024-03-05"),
        ("ar", "5 مارس 2024", "2024-03-05"),
        ("fa", "1402-09-01", "2023-11-22"),  # ISO-shaped, but no fact-check is 600 years old
    ],
)
def test_dates_as_spreadsheets_write_them_are_stored_as_iso(
    lang: str, written: str, iso: str
) -> None:
    data = _with("datePublished", written) | {"inLanguage": lang}
    data["itemReviewed"]["datePublished"] = written
    fc = from_claimreview(data)
    assert (fc.date_published, fc.claim_date, fc.flags) == (iso, iso, [])


@pytest.mark.parametrize("written", ["2024-04-05", "2024-04-05T10:30:00Z", "2024-04-05T10:30"])
def test_iso_dates_are_kept_exactly_as_written(written: str) -> None:
    fc = from_claimreview(_with("datePublished", written))
    assert fc.date_published == written
    assert from_claimreview(fc.to_claimreview()) == fc


def test_an_unreadable_date_is_left_out_and_flagged_when_importing() -> None:
    data = _with("datePublished", "آبان‌ماه پارسال")
    data["itemReviewed"]["datePublished"] = "soon"
    fc = from_claimreview(data, lenient=True)
    assert (fc.date_published, fc.claim_date) == (None, None)
    assert fc.flags == [
        "datePublished: cannot read 'آبان‌ماه پارسال' as a date; imported without it",
        "itemReviewed.datePublished: cannot read 'soon' as a date; imported without it",
    ]
    assert "\\u200c" not in fc.flags[0]
    # Flags describe one import; they are not part of the fact-check.
    assert "flags" not in fc.to_dict() and FactCheck.from_dict(fc.to_dict()).flags == []


@pytest.mark.parametrize(("given", "lang"), [("de", "de"), ("de-CH", "de"), ("zh-Hant-TW", "zh")])
def test_any_well_formed_language_code_is_kept(given: str, lang: str) -> None:
    assert from_claimreview(_with("inLanguage", given)).lang == lang


def test_a_malformed_language_is_detected_instead_and_flagged_when_importing() -> None:
    fc = from_claimreview(_with("inLanguage", "xx-123-!!"), lenient=True)
    assert fc.lang == "en"
    assert fc.flags == [
        "inLanguage: 'xx-123-!!' is not a language code like 'ar' or 'fa-IR'; "
        "detected 'en' from the claim"
    ]
