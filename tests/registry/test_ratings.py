"""Rating words in four languages and numeric ratings on the common scale."""

from __future__ import annotations

import pytest

from tabayyun.registry.ratings import (
    LABELS,
    RATING_WORDS,
    as_number,
    normalize_rating,
    numeric_label,
)

WORDS = [
    # Arabic: Misbar, Fatabyyano, AFP Arabic
    ("ar", "زائف", "false"),
    ("ar", "مضلل", "misleading"),
    ("ar", "صحيح", "true"),
    ("ar", "نصف صحيح", "mixed"),
    ("ar", "ساخر", "satire"),
    ("ar", "مفبرك", "false"),
    ("ar", "خادع", "misleading"),
    ("ar", "غير دقيق", "mostly_false"),
    ("ar", "عنوان مضلل", "misleading"),
    ("ar", "زائف جزئياً", "mostly_false"),
    ("ar", "زَائِف", "false"),  # with tashkeel
    ("ar", "غير مؤكد", "unproven"),
    # feminine forms, as a verdict agrees with its noun ("الصورة مضللة")
    ("ar", "زائفة", "false"),
    ("ar", "مضللة", "misleading"),
    ("ar", "كاذبة", "false"),
    ("ar", "غير صحيحة", "false"),
    ("ar", "صحيحة", "true"),
    ("ar", "مضلّلة، الصورة قديمة", "misleading"),
    # Persian, with and without ZWNJ, with Arabic ي/ك typing
    ("fa", "نادرست", "false"),
    ("fa", "گمراه‌کننده", "misleading"),
    ("fa", "گمراه کننده", "misleading"),
    ("fa", "فیک", "false"),
    ("fa", "شایعه", "false"),
    ("fa", "نیمه‌درست", "mixed"),
    ("fa", "نيمه درست", "mixed"),
    ("fa", "درست", "true"),
    ("fa", "جعلی", "false"),
    ("fa", "جعلي", "false"),
    ("fa", "تقریباً درست", "mostly_true"),
    ("fa", "طنز", "satire"),
    ("fa", "اثبات نشده", "unproven"),
    ("fa", "تائید نشده", "unproven"),
    ("fa", "تایید نشده", "unproven"),
    # Russian
    ("ru", "Фейк", "false"),
    ("ru", "Неправда", "false"),
    ("ru", "Правда", "true"),
    ("ru", "Полуправда", "mixed"),
    ("ru", "Манипуляция", "misleading"),
    ("ru", "Вводит в заблуждение", "misleading"),
    ("ru", "Сатира", "satire"),
    ("ru", "Не доказано", "unproven"),
    ("ru", "ФЕЙК", "false"),
    ("ru", "Скорее правда", "mostly_true"),
    ("ru", "Скорее неправда", "mostly_false"),
    # English: PolitiFact, Snopes, AFP, Reuters
    ("en", "Pants on Fire", "false"),
    ("en", "Pants on Fire!", "false"),
    ("en", "Half True", "mixed"),
    ("en", "half-true", "mixed"),
    ("en", "Mostly False", "mostly_false"),
    ("en", "Mostly True", "mostly_true"),
    ("en", "True", "true"),
    ("en", "Mixture", "mixed"),
    ("en", "Unproven", "unproven"),
    ("en", "Miscaptioned", "misleading"),
    ("en", "Misattributed", "false"),
    ("en", "Satire", "satire"),
    ("en", "Labeled Satire", "satire"),
    ("en", "Originated as Satire", "satire"),
    ("en", "Scam", "false"),
    ("en", "Legend", "false"),
    ("en", "Outdated", "misleading"),
    ("en", "Correct Attribution", "true"),
    ("en", "Missing context", "misleading"),
    ("en", "FALSE", "false"),
]


@pytest.mark.parametrize(("lang", "word", "label"), WORDS)
def test_rating_words_map_to_the_common_scale(lang: str, word: str, label: str) -> None:
    rating = normalize_rating(alternate_name=word, lang=lang)
    assert (rating.label, rating.known, rating.source_text) == (label, True, word)
    assert rating.confidence >= 0.8


@pytest.mark.parametrize(
    ("lang", "word"),
    [
        ("ar", "كلام فارغ"),
        ("fa", "چرت و پرت"),
        ("ru", "Враньё какое-то"),
        ("en", "Purple Herring"),
        ("en", "True but misleading"),  # a known word with more after it, no separator
    ],
)
def test_unknown_words_are_kept_and_flagged_never_mapped(lang: str, word: str) -> None:
    rating = normalize_rating(value=1, best=5, worst=1, alternate_name=word, lang=lang)
    assert (rating.label, rating.known, rating.source_text) == ("unknown", False, word)


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "False: the photo is from 2019", "false"),
        ("ar", "زائف، الصورة قديمة", "false"),
        ("fa", "نادرست؛ این عکس قدیمی است", "false"),
        ("ru", "Фейк. Фото сделано в 2019 году", "false"),
    ],
)
def test_a_verdict_followed_by_an_explanation_matches_with_less_confidence(
    lang: str, text: str, label: str
) -> None:
    rating = normalize_rating(alternate_name=text, lang=lang)
    assert (rating.label, rating.known) == (label, True)
    assert rating.confidence < 1.0


@pytest.mark.parametrize(
    ("value", "best", "worst", "label"),
    [
        (1, None, None, "false"),  # schema.org defaults: 1..5
        (2, None, None, "mostly_false"),
        (3, None, None, "mixed"),
        (4, None, None, "mostly_true"),
        (5, None, None, "true"),
        ("2", "10", "0", "mostly_false"),  # numbers given as text
        (0, 5, 0, "false"),
        (10, 10, 0, "true"),
        (0.5, 1, 0, "mixed"),
    ],
)
def test_numeric_ratings_by_position(
    value: object, best: object, worst: object, label: str
) -> None:
    rating = normalize_rating(value, best, worst)
    assert (rating.label, rating.known, rating.confidence) == (label, True, 0.6)


@pytest.mark.parametrize(
    ("value", "best", "worst", "label", "source"),
    [
        ("3.5", "5", "1", "mostly_true", "3.5 (1–5)"),
        ("۳٫۵", "۵", "۱", "mostly_true", "3.5 (1–5)"),  # Persian digits, Arabic decimal mark
        ("٣٫٥", "٥", "١", "mostly_true", "3.5 (1–5)"),  # Arabic-Indic digits
        ("۳.۵", "۵", "۱", "mostly_true", "3.5 (1–5)"),
        ("٢", "١٠", "٠", "mostly_false", "2 (0–10)"),
        ("۲٫۵", "۵", "۰", "mixed", "2.5 (0–5)"),
        ("۱٬۵۰۰", "۲٬۰۰۰", "۰", "mostly_true", "1500 (0–2000)"),  # ٬ groups thousands
    ],
)
def test_numeric_ratings_in_arabic_and_persian_digits(
    value: str, best: str, worst: str, label: str, source: str
) -> None:
    rating = normalize_rating(value, best, worst)
    assert (rating.label, rating.known, rating.confidence) == (label, True, 0.6)
    assert rating.source_text == source


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("۳٫۵", 3.5),
        ("٣٫٥", 3.5),
        (" ٤ ", 4.0),
        ("3,5", 3.5),
        ("۱٬۰۰۰", 1000.0),
        ("٫", None),
        ("۳/۵", None),  # "x/y" is not read as a number, in any digits
        ("3/5", None),
    ],
)
def test_as_number_reads_arabic_and_persian_numerals(text: str, number: float | None) -> None:
    assert as_number(text) == number


@pytest.mark.parametrize(("value", "best", "worst"), [(7, 5, 1), (-1, 5, 1), (3, 3, 3)])
def test_numbers_outside_the_scale_are_unknown(value: float, best: float, worst: float) -> None:
    rating = normalize_rating(value, best, worst)
    assert (rating.label, rating.known) == ("unknown", False)
    assert str(value) in rating.source_text


def test_a_word_wins_over_a_number() -> None:
    assert normalize_rating(5, 5, 1, "Фейк", "ru").label == "false"
    assert normalize_rating("Mostly True").label == "mostly_true"  # textual ratingValue


def test_flip_o_meter_is_recognised_but_not_a_truth_verdict() -> None:
    rating = normalize_rating(alternate_name="Full Flop", lang="en")
    assert (rating.label, rating.known) == ("unknown", True)


def test_every_table_entry_has_a_scale_label_and_matches_itself() -> None:
    for lang, entries in RATING_WORDS.items():
        for word, label, _ in entries:
            assert label in LABELS
            assert normalize_rating(alternate_name=word, lang=lang).label == label, word


def test_band_edges_go_up() -> None:
    assert numeric_label(1.8, 5, 1) == "mostly_false"  # position exactly 0.2
    assert numeric_label(1.79, 5, 1) == "false"
