"""Numbers, percentages, money and units read from real-style news sentences in four languages."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.demo import SEED_SAMPLE, sample_path
from tabayyun.model import Quantity
from tabayyun.understand.numbers import find_quantities

SEED = sample_path(SEED_SAMPLE)  # the bundled copy of shared/seed

# (lang, text, [(as written, value, unit, currency), ...])
CASES: list[tuple[str, str, list[tuple[str, float, str | None, str | None]]]] = [
    # Arabic
    ("ar", "إيران تستضيف 200 ضيف أجنبي في منتدى حوار طهران", [("200 ضيف", 200, "person", None)]),
    ("ar", "توفير 100 مليون دولار من العملات الأجنبية", [("100 مليون دولار", 1e8, None, "USD")]),
    ("ar", "ارتفع التضخم بنسبة 5 في المائة", [("5 في المائة", 5, "percent", None)]),
    ("ar", "نمو بلغ 7 بالمئة", [("7 بالمئة", 7, "percent", None)]),
    ("ar", "تراجع بنسبة ١٢٫٥٪ خلال الربع", [("١٢٫٥٪", 12.5, "percent", None)]),
    ("ar", "صادرات بلغت ٣٬٥٠٠ طن من القمح", [("٣٬٥٠٠ طن", 3500, "tonne", None)]),
    ("ar", "شارك 50 ألف شخص في المسيرة", [("50 ألف شخص", 5e4, "person", None)]),
    ("ar", "سقوط 3 آلاف قتيل", [("3 آلاف قتيل", 3e3, "person", None)]),
    ("ar", "بيع البرميل بـ 80 دولاراً", [("80 دولاراً", 80, None, "USD")]),
    ("ar", "استثمارات بقيمة 1.5 مليار يورو", [("1.5 مليار يورو", 1.5e9, None, "EUR")]),
    ("ar", "منحة قدرها 20 مليون ريال سعودي", [("20 مليون ريال سعودي", 2e7, None, "SAR")]),
    ("ar", "خط أنابيب طوله 40 كم", [("40 كم", 40, "km", None)]),
    ("ar", "حجم التبادل 2,5 مليار روبل", [("2,5 مليار روبل", 2.5e9, None, "RUB")]),
    # Persian
    ("fa", "۳ هزار میلیارد ریال اعتبار تصویب شد", [("۳ هزار میلیارد ریال", 3e12, None, "IRR")]),
    ("fa", "۵۰ هزار نفر در راهپیمایی شرکت کردند", [("۵۰ هزار نفر", 5e4, "person", None)]),
    ("fa", "قیمت خودرو ۱۰۰ میلیون تومان شد", [("۱۰۰ میلیون تومان", 1e8, None, "IRT")]),
    ("fa", "تورم به ۴۰/۵ درصد رسید", [("۴۰/۵ درصد", 40.5, "percent", None)]),
    ("fa", "نرخ بیکاری ۲۰٪ است", [("۲۰٪", 20, "percent", None)]),
    ("fa", "جاده‌ای به طول ۳۰ کیلومتر", [("۳۰ کیلومتر", 30, "km", None)]),
    ("fa", "۲۰ تن از مسافران زخمی شدند", [("۲۰ تن", 20, "person", None)]),
    ("fa", "صادرات ۵ تن زعفران", [("۵ تن", 5, "tonne", None)]),
    ("fa", "۲ میلیارد دلار سرمایه‌گذاری", [("۲ میلیارد دلار", 2e9, None, "USD")]),
    # Russian
    ("ru", "бюджет составит 2,5 млрд рублей", [("2,5 млрд рублей", 2.5e9, None, "RUB")]),
    ("ru", "инфляция замедлилась до 3,5 % в годовом выражении", [("3,5 %", 3.5, "percent", None)]),
    ("ru", "в акции участвовали 1 500 000 человек", [("1 500 000 человек", 1.5e6, "person", None)]),
    ("ru", "цена выросла до 5 000 ₽", [("5 000 ₽", 5e3, None, "RUB")]),
    ("ru", "штраф 10 тыс. руб. за нарушение", [("10 тыс. руб.", 1e4, None, "RUB")]),
    ("ru", "трасса длиной 300 км", [("300 км", 300, "km", None)]),
    ("ru", "поставлено 20 тонн гуманитарной помощи", [("20 тонн", 20, "tonne", None)]),
    ("ru", "рост на 15 процентов", [("15 процентов", 15, "percent", None)]),
    ("ru", "кредит на 4 млрд долларов", [("4 млрд долларов", 4e9, None, "USD")]),
    ("ru", "В 2020 году 150 человек", [("150 человек", 150, "person", None)]),
    ("ru", "стоимость 1.500 евро", [("1.500 евро", 1500, None, "EUR")]),
    # English
    ("en", "The deal is worth $5m", [("$5m", 5e6, None, "USD")]),
    ("en", "Debt rose to £3.2bn", [("£3.2bn", 3.2e9, None, "GBP")]),
    ("en", "about 10k people marched", [("10k people", 1e4, "person", None)]),
    ("en", "exports of 1,500,000 tonnes", [("1,500,000 tonnes", 1.5e6, "tonne", None)]),
    ("en", "inflation hit 12.5 percent", [("12.5 percent", 12.5, "percent", None)]),
    ("en", "growth of 10 per cent", [("10 per cent", 10, "percent", None)]),
    ("en", "a loan of US$ 5 billion", [("US$ 5 billion", 5e9, None, "USD")]),
    ("en", "USD 5 million in aid", [("USD 5 million", 5e6, None, "USD")]),
    ("en", "2.5 million people fled", [("2.5 million people", 2.5e6, "person", None)]),
    ("en", "GDP fell -3.5% last year", [("-3.5%", -3.5, "percent", None)]),
    ("en", "a 32 kilometres long front", [("32 kilometres", 32, "km", None)]),
    ("en", "the 2020 people who voted", [("2020 people", 2020, "person", None)]),
]

# Years, dates, times, phones, ids and model names: no quantity at all.
NOT_QUANTITIES: list[tuple[str, str]] = [
    ("ar", "في عام 2023 وقعت الاتفاقية"),
    ("ar", "وقع الاتفاق في 15 مايو"),
    ("ar", "ولد سنة 1979 في طهران"),
    ("ar", "الساعة 10:30 صباحا"),
    ("fa", "در سال ۱۴۰۲ اتفاق افتاد"),
    ("fa", "تاریخ ۱۴۰۲/۰۵/۱۲ ثبت شد"),
    ("fa", "روز ۱۲ اردیبهشت"),
    ("ru", "в 1990-х годах"),
    ("ru", "встреча 5 мая"),
    ("ru", "истребители Су-57 и С-400"),
    ("ru", "звоните 8 800 555 35 35"),
    ("ru", "тел. +7 (495) 123-45-67"),
    ("ru", "дата 12.05.2023"),
    ("en", "On 12 May 2023 at 10:30"),
    ("en", "F-35 jets and 5G networks"),
    ("en", "call +1 202 555 0147"),
    ("en", "order id 20231105123"),
    ("en", "In 2020 people voted"),
    ("en", "published 2023-05-12"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_reads_quantity(
    lang: str, text: str, expected: list[tuple[str, float, str | None, str | None]]
) -> None:
    found = [(q.text, q.value, q.unit, q.currency) for q in find_quantities(text, lang)]
    assert found == [(t, pytest.approx(v), u, c) for t, v, u, c in expected]


@pytest.mark.parametrize(("lang", "text"), NOT_QUANTITIES)
def test_skips_years_dates_and_identifiers(lang: str, text: str) -> None:
    assert find_quantities(text, lang) == []


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article {SEED} is absent; run from a checkout beside shared/")
    text = SEED.read_text(encoding="utf-8")
    found = find_quantities(text, "ar")
    assert [(q.text, q.value, q.unit, q.currency) for q in found] == [
        ("200 ضيف", 200.0, "person", None),
        ("100 مليون دولار", 1e8, None, "USD"),
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("ar", "١٬٢٥٠٬٠٠٠ شخص", 1_250_000),  # Arabic thousands separator
        ("en", "1,250,000 people", 1_250_000),
        ("ru", "1\u00a0250\u00a0000 человек", 1_250_000),  # NBSP groups
        ("fa", "۱٬۲۵۰٬۰۰۰ نفر", 1_250_000),
        ("en", "3.5 people", 3.5),  # a dot is a decimal mark in en and ar
        ("ar", "3.5 شخص", 3.5),
        ("ru", "3.500 человек", 3500),  # and groups thousands in ru
    ],
)
def test_separators_follow_the_language(lang: str, text: str, value: float) -> None:
    (quantity,) = find_quantities(text, lang)
    assert quantity.value == pytest.approx(value)
    assert quantity.end == len(text)


# Tatweel (U+0640) and harakat inside scale, currency and unit words are ignored.
DECORATED: list[tuple[str, str, list[tuple[str, float, str | None, str | None]]]] = [
    ("ar", "بقيمة 20 مليـون دولار", [("20 مليـون دولار", 2e7, None, "USD")]),
    ("ar", "20 مِلْيُون دُولار", [("20 مِلْيُون دُولار", 2e7, None, "USD")]),
    ("ar", "1.5 مليـار يـورو", [("1.5 مليـار يـورو", 1.5e9, None, "EUR")]),
    ("ar", "50 ألـف شخـص", [("50 ألـف شخـص", 5e4, "person", None)]),
    ("ar", "3 ملايـين روبـل", [("3 ملايـين روبـل", 3e6, None, "RUB")]),
    ("ar", "20 مليون ريـال سعـودي", [("20 مليون ريـال سعـودي", 2e7, None, "SAR")]),
    ("ar", "بيع البرميل بـ 80 دولاراً", [("80 دولاراً", 80, None, "USD")]),
    ("ar", "20 دولارـ", [("20 دولارـ", 20, None, "USD")]),
    ("ar", "نمو 5 في المئـة", [("5 في المئـة", 5, "percent", None)]),
    ("ar", "نمو 7 بالمـائة", [("7 بالمـائة", 7, "percent", None)]),
    ("fa", "۲ میلیـارد دلـار", [("۲ میلیـارد دلـار", 2e9, None, "USD")]),
    ("fa", "۵۰ هـزار نفـر", [("۵۰ هـزار نفـر", 5e4, "person", None)]),
    ("fa", "۲۰ تـن از مسافران", [("۲۰ تـن", 20, "person", None)]),
]


def _assert_read_as(
    text: str, lang: str, expected: list[tuple[str, float, str | None, str | None]]
) -> None:
    """`text` holds exactly the `expected` quantities, each sliced back from the original."""
    found = find_quantities(text, lang)
    assert [(q.text, q.value, q.unit, q.currency) for q in found] == [
        (t, pytest.approx(v), u, c) for t, v, u, c in expected
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(("lang", "text", "expected"), DECORATED)
def test_tatweel_and_harakat_inside_words_are_ignored(
    lang: str, text: str, expected: list[tuple[str, float, str | None, str | None]]
) -> None:
    _assert_read_as(text, lang, expected)


# Arabic and Persian pages put a bidi mark (RLM, LRM, ALM) between a number and its sign or word.
BIDI_MARKED = [
    ("ar", "ارتفع بنسبة 50\u200f%", [("50\u200f%", 50, "percent", None)]),
    ("ar", "20\u200f مليون دولار", [("20\u200f مليون دولار", 2e7, None, "USD")]),
    ("fa", "۱۲ \u200fمیلیون تومان", [("۱۲ \u200fمیلیون تومان", 1.2e7, None, "IRT")]),
    ("ar", "نمو 5\u061c في المئة", [("5\u061c في المئة", 5, "percent", None)]),
    ("en", "rose 7\u200e%", [("7\u200e%", 7, "percent", None)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BIDI_MARKED)
def test_bidi_marks_between_a_number_and_its_unit_are_gaps(
    lang: str, text: str, expected: list[tuple[str, float, str | None, str | None]]
) -> None:
    _assert_read_as(text, lang, expected)


# Singular, accusative (tanween alef) and plural forms keep their currency.
ARABIC_CURRENCY_FORMS: list[tuple[str, str]] = [
    ("20 دولار", "USD"),
    ("20 دولارا", "USD"),
    ("20 دولاراً", "USD"),
    ("20 دولارات", "USD"),
    ("20 ريال", "IRR"),
    ("20 ريالا", "IRR"),
    ("20 ريالاً", "IRR"),
    ("20 ريالات", "IRR"),
    ("20 روبل", "RUB"),
    ("20 روبلا", "RUB"),
    ("20 روبلات", "RUB"),
    ("20 ريالات سعودية", "SAR"),
    ("20 ريالاً سعودياً", "SAR"),
    ("20 دولاراً أمريكياً", "USD"),
]


@pytest.mark.parametrize(("text", "currency"), ARABIC_CURRENCY_FORMS)
def test_arabic_currency_forms_keep_their_currency(text: str, currency: str) -> None:
    (quantity,) = find_quantities(f"بلغ {text} فقط", "ar")
    assert (quantity.text, quantity.value, quantity.unit, quantity.currency) == (
        text,
        20.0,
        None,
        currency,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3 آلاف دولار", 3e3),
        ("3 ملايين دولار", 3e6),
        ("3 مليارات دولار", 3e9),  # not "مليارا" + a stray letter read as the "m" of "$5m"
        ("3 تريليونات دولار", 3e12),
        ("20 مليونًا دولار", 2e7),
        ("20 مليارًا دولار", 2e10),
    ],
)
def test_arabic_plural_and_accusative_scales(text: str, value: float) -> None:
    (quantity,) = find_quantities(text, "ar")
    assert (quantity.text, quantity.currency) == (text, "USD")
    assert quantity.value == pytest.approx(value)


def test_offsets_index_the_original_text() -> None:
    text = "قال إن ٢٠٠ ضيف حضروا و١٠٠ مليون دولار"
    found = find_quantities(text, "ar")
    assert [(q.start, q.end) for q in found] == [(7, 14), (22, 37)]
    assert found[1] == Quantity(
        text="١٠٠ مليون دولار", value=1e8, unit=None, currency="USD", start=22, end=37
    )


def test_unsupported_language_reads_words_of_all_four() -> None:
    found = find_quantities("5 млн рублей and 200 ضيف", "und")
    assert [(q.value, q.unit, q.currency) for q in found] == [
        (5e6, None, "RUB"),
        (200.0, "person", None),
    ]


_PIECES = st.sampled_from(
    [
        " ", "\u00a0", ",", ".", "/", "-", "+", "%", "٪", "٫", "٬", "$", "€", "(", ")", ":", "\n",
        "1", "5", "0", "12", "2023", "١٢", "۳", "٥٠٠", "k", "m", "bn", "млн", "тыс.", "مليون",
        "ألف", "هزار", "میلیارد", "دولار", "ریال", "рублей", "человек", "ضيف", "نفر", "تن از",
        "درصد", "في المائة", "percent", "km", "عام", "году", "мая", "May", "ـ", "ً",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=3), max_size=30).map("".join))
@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "en", "und"])
def test_never_raises_and_offsets_slice_back(lang: str, text: str) -> None:
    previous_end = 0
    for quantity in find_quantities(text, lang):
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start >= previous_end  # in order, never overlapping
        assert math.isfinite(quantity.value)
        previous_end = quantity.end


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fa", "۵۰ ھزار تومان", [("۵۰ ھزار تومان", 5e4, None, "IRT")]),
        ("fa", "۵۰ ہزار تومان", [("۵۰ ہزار تومان", 5e4, None, "IRT")]),
        ("ar", "نمو 5 في المئۃ", [("5 في المئۃ", 5, "percent", None)]),
    ],
)
def test_letters_typed_on_urdu_layout_keyboards_read_as_arabic_ones(
    lang: str, text: str, expected: list[tuple[str, float, str | None, str | None]]
) -> None:
    # ھ and ہ are typed for ه, ۃ for ة.
    _assert_read_as(text, lang, expected)
