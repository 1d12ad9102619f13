"""Verification features: numbers, years, negation, direction and names, across languages."""

from __future__ import annotations

import pytest

from tabayyun.matching.verify import compare, profile, skeleton

# The same claim in each language, then its opposite direction, then its negation.
CLAIMS = {
    "en": (
        "Unemployment rose to 5% in 2020, Biden said.",
        "Unemployment fell to 5% in 2020, Biden said.",
        "Unemployment did not reach 5% in 2020, Biden said.",
    ),
    "ar": (
        "ارتفع معدل البطالة إلى 5% في 2020 بحسب بايدن",
        "انخفض معدل البطالة إلى 5% في 2020 بحسب بايدن",
        "لم يصل معدل البطالة إلى 5% في 2020 بحسب بايدن",
    ),
    "fa": (
        "به گفته بایدن نرخ بیکاری در ۲۰۲۰ به ۵ درصد افزایش یافت",
        "به گفته بایدن نرخ بیکاری در ۲۰۲۰ به ۵ درصد کاهش یافت",
        "به گفته بایدن نرخ بیکاری در ۲۰۲۰ به ۵ درصد نرسید",
    ),
    "ru": (
        "Безработица выросла до 5% в 2020 году, заявил Байден.",
        "Безработица снизилась до 5% в 2020 году, заявил Байден.",
        "Безработица не достигла 5% в 2020 году, заявил Байден.",
    ),
}
ENGLISH_ROSE = profile(CLAIMS["en"][0], "en")
ENGLISH_FELL = profile(CLAIMS["en"][1], "en")


def test_rose_and_fell_conflict_in_direction_not_in_numbers() -> None:
    features = compare(ENGLISH_ROSE, ENGLISH_FELL)
    assert features["dir_conflict"] == 1.0
    assert features["num_agree"] == 1.0 and features["num_conflict"] == 0.0
    assert features["year_agree"] == 1.0


@pytest.mark.parametrize("lang", sorted(CLAIMS))
def test_features_agree_with_the_english_claim_across_languages(lang: str) -> None:
    same, opposite, negated = (profile(text, lang) for text in CLAIMS[lang])
    agree = compare(same, ENGLISH_ROSE)
    assert agree["num_agree"] == 1.0 and agree["year_agree"] == 1.0
    assert agree["dir_conflict"] == 0.0 and agree["neg_mismatch"] == 0.0
    assert agree["name_overlap"] > 0  # "Biden" found through its skeleton in every script
    assert compare(opposite, ENGLISH_ROSE)["dir_conflict"] == 1.0
    assert compare(negated, ENGLISH_ROSE)["neg_mismatch"] == 1.0


@pytest.mark.parametrize(
    ("query", "lang", "claim", "conflict"),
    [
        ("Prices rose by 7% in 2019", "en", "Prices rose by 5% in 2019", "num_conflict"),
        ("ارتفعت الأسعار 7% عام 2019", "ar", "Prices rose by 7% in 2021", "year_conflict"),
        ("Цены выросли на 7% в 2019 году", "ru", "Prices rose by 3% in 2019", "num_conflict"),
    ],
)
def test_different_numbers_or_years_conflict(
    query: str, lang: str, claim: str, conflict: str
) -> None:
    assert compare(profile(query, lang), profile(claim, "en"))[conflict] == 1.0


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("Trump", "ترامب", "Трамп"), "TRMB"),
        (("Biden", "بايدن", "Байден", "بایدن"), "BTN"),
        (("Putin", "بوتين", "Путин", "پوتین"), "BTN"),
        (("Kremlin", "كرملين", "کرملین", "ڪرملين"), "KRMLN"),
        (("Kennedy", "كندي", "کندی", "Кеннеди"), "KNT"),
        (("Zarif", "ظریف", "Зариф"), "SRF"),
    ],
)
def test_skeletons_match_across_scripts(words: tuple[str, ...], expected: str) -> None:
    assert {skeleton(word) for word in words} == {expected}


def test_texts_without_numbers_neither_agree_nor_conflict() -> None:
    features = compare(profile("The sky is blue", "en"), profile("Prices rose by 5%", "en"))
    assert features["num_agree"] == 0.0 and features["num_conflict"] == 0.0


@pytest.mark.parametrize(
    ("text", "lang", "years", "numbers"),
    [
        # A year-like number that counts a noun, or goes with a currency or unit, is no year.
        ("Russia sent 2000 troops to Syria", "en", set(), {2000}),
        ("Russia sent 2000 US troops to Syria", "en", set(), {2000}),
        ("The deal cost $2000", "en", set(), {2000}),
        ("the 2020 people who voted", "en", set(), {2020}),
        ("Россия направила 2000 военных в Сирию", "ru", set(), {2000}),
        ("أرسلت روسيا ٢٠٠٠ جندي إلى سوريا", "ar", set(), {2000}),
        # Years stay years, also beside counts.
        ("Russia sent troops to Syria in 2000", "en", {"2000"}, set()),
        ("Russia sent 1500 troops to Syria in 2015", "en", {"2015"}, {1500}),
        ("the 2020 elections", "en", {"2020"}, set()),
        ("Россия направила войска в Сирию в 2015 году", "ru", {"2015"}, set()),
    ],
)
def test_years_and_counts_are_told_apart_as_the_numbers_module_does(
    text: str, lang: str, years: set[str], numbers: set[float]
) -> None:
    found = profile(text, lang)
    assert set(found.years) == years
    assert set(found.numbers) == numbers


def test_a_count_is_no_year_conflict() -> None:
    troops = profile("Russia sent 2000 troops to Syria", "en")
    dated = profile("Russia sent troops to Syria in 2015", "en")
    assert compare(troops, dated)["year_conflict"] == 0.0
