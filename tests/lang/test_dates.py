"""Dates in four languages and three calendars, checked against hand-verified anchors.

Anchors (Umm al-Qura / official Iranian calendar): 1 Muharram 1446 = 2024-07-07,
1 Ramadan 1445 = 2024-03-11, 1 Shawwal 1445 (Eid al-Fitr) = 2024-04-10,
10 Dhu al-Hijja 1445 (Eid al-Adha) = 2024-06-16, 1 Farvardin 1403 (Nowruz) = 2024-03-20,
1 Farvardin 1402 = 2023-03-21, 22 Bahman 1402 = 2024-02-11, 1 Aban 1403 = 2024-10-22.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.lang.dates import (
    FoundDate,
    choose_published_date,
    find_dates,
    find_days,
    is_date_fragment,
    is_partial_date,
    parse_date,
    parse_date_value,
    pick_published_date,
)

# (lang, text, expected ISO, calendar)
CASES: list[tuple[str | None, str, str, str]] = [
    # metadata formats
    (None, "2024-11-05", "2024-11-05", "gregorian"),
    (None, "2024-11-05T14:30:00+03:00", "2024-11-05T14:30:00+03:00", "gregorian"),
    (None, "2024-11-05T14:30:00.123Z", "2024-11-05T14:30:00+00:00", "gregorian"),
    (None, "2024-11-05 09:05", "2024-11-05T09:05", "gregorian"),
    (None, "Tue, 05 Nov 2024 14:30:00 +0330", "2024-11-05T14:30:00+03:30", "gregorian"),
    (None, "Tue, 05 Nov 2024 14:30:00 GMT", "2024-11-05T14:30:00+00:00", "gregorian"),
    (None, "Tue Nov 05 2024 14:30:00 GMT+0300", "2024-11-05T14:30:00+03:00", "gregorian"),
    # Arabic: Gregorian loanword months, Levantine months, weekdays, م suffix, Arabic-Indic digits
    ("ar", "5 نوفمبر 2024", "2024-11-05", "gregorian"),
    ("ar", "الثلاثاء 5 نوفمبر 2024م", "2024-11-05", "gregorian"),
    ("ar", "يوم الأحد ٣ مارس ٢٠٢٤ م", "2024-03-03", "gregorian"),
    ("ar", "15 ابريل 2024", "2024-04-15", "gregorian"),
    ("ar", "1 يونيه 2023", "2023-06-01", "gregorian"),
    ("ar", "20 يوليه 2023", "2023-07-20", "gregorian"),
    ("ar", "٢٩ أغسطس ٢٠٢٤", "2024-08-29", "gregorian"),
    ("ar", "12 تشرين الأول 2023", "2023-10-12", "gregorian"),
    ("ar", "الجمعة 1 كانون الثاني 2021", "2021-01-01", "gregorian"),
    ("ar", "7 شباط 2024", "2024-02-07", "gregorian"),
    ("ar", "5 آذار/مارس 2024", "2024-03-05", "gregorian"),
    ("ar", "9 أيار (مايو) 2024", "2024-05-09", "gregorian"),
    ("ar", "31 تموز 2024", "2024-07-31", "gregorian"),
    ("ar", "٠٥/١١/٢٠٢٤", "2024-11-05", "gregorian"),
    ("ar", "2024/11/05", "2024-11-05", "gregorian"),
    # Arabic Hijri
    ("ar", "1 محرم 1446 هـ", "2024-07-07", "hijri"),
    ("ar", "١ رمضان ١٤٤٥ هجري", "2024-03-11", "hijri"),
    ("ar", "الأربعاء 1 شوال 1445هـ", "2024-04-10", "hijri"),
    ("ar", "10 ذو الحجة 1445 هـ", "2024-06-16", "hijri"),
    ("ar", "10 ذي الحجه 1445", "2024-06-16", "hijri"),
    ("ar", "4 جمادى الأولى 1446هـ", "2024-11-06", "hijri"),
    ("ar", "1445/09/01هـ", "2024-03-11", "hijri"),
    ("ar", "01/09/1445 هـ", "2024-03-11", "hijri"),
    # Persian: Jalali names (Persian and Arabic letters), numeric Jalali, Gregorian names, Hijri
    ("fa", "۱ فروردین ۱۴۰۳", "2024-03-20", "jalali"),
    ("fa", "1 فروردين 1402", "2023-03-21", "jalali"),
    ("fa", "۲۲ بهمن ۱۴۰۲", "2024-02-11", "jalali"),
    ("fa", "سه‌شنبه ۱۵ آبان‌ماه ۱۴۰۳", "2024-11-05", "jalali"),
    ("fa", "۱۲ مرداد ماه ۱۴۰۳ ه.ش", "2024-08-02", "jalali"),
    ("fa", "10 دي 1402", "2023-12-31", "jalali"),
    ("fa", "۱۴۰۳/۰۵/۱۲", "2024-08-02", "jalali"),
    ("fa", "1403/1/1", "2024-03-20", "jalali"),
    (None, "۱۴۰۳/۰۸/۰۱", "2024-10-22", "jalali"),
    ("fa", "۵ نوامبر ۲۰۲۴", "2024-11-05", "gregorian"),
    ("fa", "۱ ژانویه ۲۰۲۴ میلادی", "2024-01-01", "gregorian"),
    ("fa", "۲۰ ژوئیه ۲۰۲۳", "2023-07-20", "gregorian"),
    ("fa", "۹ می ۲۰۲۴", "2024-05-09", "gregorian"),
    ("fa", "۵ ذی‌القعده ۱۴۴۵ ه.ق", "2024-05-13", "hijri"),
    ("fa", "۱ رمضان ۱۴۴۶", "2025-03-01", "hijri"),
    # Russian
    ("ru", "5 мая 2024 г.", "2024-05-05", "gregorian"),
    ("ru", "1 января 2024 года", "2024-01-01", "gregorian"),
    ("ru", "вторник, 5 ноября 2024", "2024-11-05", "gregorian"),
    ("ru", "23 Февраля 2023", "2023-02-23", "gregorian"),
    ("ru", "9 Мая 2025 г., 10:00", "2025-05-09T10:00", "gregorian"),
    ("ru", "05.11.2024", "2024-11-05", "gregorian"),
    ("ru", "05.11.2024 14:30", "2024-11-05T14:30", "gregorian"),
    ("ru", "12 сент. 2024", "2024-09-12", "gregorian"),
    # English
    ("en", "March 3, 2024", "2024-03-03", "gregorian"),
    ("en", "3 Mar 2024", "2024-03-03", "gregorian"),
    ("en", "Tuesday, 5 November 2024", "2024-11-05", "gregorian"),
    ("en", "Nov. 5th, 2024 at 3:30 pm EST", "2024-11-05T15:30-05:00", "gregorian"),
    ("en", "5th of November 2024", "2024-11-05", "gregorian"),
    ("en", "Sept 1 2023", "2023-09-01", "gregorian"),
    ("en", "05/11/2024", "2024-11-05", "gregorian"),  # day first, as the rest of the world writes
    ("en", "11/25/2024", "2024-11-25", "gregorian"),  # unambiguous US order is read as such
]


@pytest.mark.parametrize(("lang", "text", "iso", "calendar"), CASES)
def test_parse_date(lang: str | None, text: str, iso: str, calendar: str) -> None:
    assert parse_date(text, lang) == iso
    [found] = find_dates(text, lang)
    assert found.calendar == calendar
    assert (found.start, found.end, found.text) == (0, len(text), text)


# Tatweel (U+0640), harakat (U+064B-U+0652) and a glued «ماه» inside month and weekday names.
DECORATED: list[tuple[str | None, str, str, str]] = [
    ("ar", "15 مـارس 2024", "2024-03-15", "gregorian"),
    ("ar", "15 مارِس 2024", "2024-03-15", "gregorian"),
    ("ar", "15 مــارسـ 2024", "2024-03-15", "gregorian"),
    ("ar", "15 رمضـان 1445هـ", "2024-03-25", "hijri"),
    ("ar", "١ رَمَضَانَ ١٤٤٥ هـ", "2024-03-11", "hijri"),
    ("ar", "10 ذو الحِجَّة 1445 هـ", "2024-06-16", "hijri"),
    ("ar", "الثلاثـاء 5 نوفمـبر 2024م", "2024-11-05", "gregorian"),
    ("ar", "12 تشريـن الأوّل 2023", "2023-10-12", "gregorian"),
    ("fa", "15 آبانماه 1402", "2023-11-06", "jalali"),
    ("fa", "15 آبان‌ماه 1402", "2023-11-06", "jalali"),
    ("fa", "۱۲ مردادماه ۱۴۰۳", "2024-08-02", "jalali"),
    ("fa", "۱ دیماه ۱۴۰۲", "2023-12-22", "jalali"),
    ("fa", "۱۵ آبـانمـاه ۱۴۰۳", "2024-11-05", "jalali"),
    ("fa", "۱ دیماھ ۱۴۰۲", "2023-12-22", "jalali"),  # ھ and ہ are typed for ه
    ("fa", "۱۲ مہر ۱۴۰۳", "2024-10-03", "jalali"),
    ("ar", "15 ذو القعدۃ 1445", "2024-05-23", "hijri"),
    ("ar", "12 ڪانون الأول 2023", "2023-12-12", "gregorian"),
]


@pytest.mark.parametrize(("lang", "text", "iso", "calendar"), DECORATED)
def test_tatweel_harakat_and_glued_mah_in_month_names(
    lang: str | None, text: str, iso: str, calendar: str
) -> None:
    assert parse_date(text, lang) == iso
    [found] = find_dates(text, lang)
    assert found.calendar == calendar
    assert (found.start, found.end, found.text) == (0, len(text), text)


def test_decorated_month_keeps_offsets_in_running_text() -> None:
    text = "قال إنه في 15 مـارِس 2024 وصل"
    [found] = find_dates(text, "ar")
    assert (found.iso, found.text) == ("2024-03-15", "15 مـارِس 2024")
    assert text[found.start : found.end] == found.text


INVALID: list[tuple[str | None, str]] = [
    ("en", "31 February 2024"),
    ("en", "2023-02-29"),
    ("ru", "32.01.2024"),
    ("ar", "30 ذو الحجة 1446 هـ"),  # a 29-day month in Umm al-Qura
    ("fa", "۳۰ اسفند ۱۴۰۲"),  # 1402 is not a leap year
    ("ar", "15 رمضان 2024"),  # a Hijri month with a Gregorian year
    ("ar", "1445/09/01"),  # Hijri or Jalali? without هـ or ه.ش nobody can tell
    ("en", "5 March 2024 25:61"),
    ("ar", "قال 5 مسؤولين في 2024 إن صفر الأرباح"),
    ("en", "March 2024"),
    ("ru", "версия 1.2.3"),
    (None, ""),
]


@pytest.mark.parametrize(("lang", "text"), INVALID)
def test_invalid_dates_are_none(lang: str | None, text: str) -> None:
    assert parse_date(text, lang) is None


RUNNING: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "ar": (
        "موسكو - الثلاثاء 5 نوفمبر 2024م الموافق 4 جمادى الأولى 1446هـ: التقت زاخاروفا الوفد "
        "الإيراني، على أن تعقد الجولة المقبلة في ١٢ كانون الثاني ٢٠٢٥.",
        [("2024-11-05", "gregorian"), ("2024-11-06", "hijri"), ("2025-01-12", "gregorian")],
    ),
    "fa": (
        "تهران – سه‌شنبه ۱۵ آبان ۱۴۰۳ برابر با ۵ نوامبر ۲۰۲۴: نشست بعدی در ۱۴۰۳/۰۹/۰۱ برگزار می‌شود.",
        [("2024-11-05", "jalali"), ("2024-11-05", "gregorian"), ("2024-11-21", "jalali")],
    ),
    "ru": (
        "МОСКВА, 5 ноября 2024 г. Захарова заявила, что следующая встреча пройдёт 12.01.2025.",
        [("2024-11-05", "gregorian"), ("2025-01-12", "gregorian")],
    ),
    "en": (
        "MOSCOW, Nov 5, 2024 — Zakharova said the next round, due on 12 January 2025, is set.",
        [("2024-11-05", "gregorian"), ("2025-01-12", "gregorian")],
    ),
}


@pytest.mark.parametrize("lang", sorted(RUNNING))
def test_find_dates_in_running_text(lang: str) -> None:
    text, expected = RUNNING[lang]
    found = find_dates(text, lang)
    assert [(f.iso, f.calendar) for f in found] == expected
    for item in found:
        assert text[item.start : item.end] == item.text
    # Without a language hint the script decides, and the answer is the same.
    assert [(f.iso, f.calendar) for f in find_dates(text)] == expected


def test_find_dates_returns_found_dates_in_order() -> None:
    text = "3 Mar 2024 and 2024-01-01"
    found = find_dates(text, "en")
    assert found == [
        FoundDate("3 Mar 2024", "2024-03-03", 0, 10, "gregorian"),
        FoundDate("2024-01-01", "2024-01-01", 15, 25, "gregorian"),
    ]


@pytest.mark.parametrize(
    ("lang", "expected"), [("fa", "2024-08-02"), ("ar", None), ("en", "1403-05-12")]
)
def test_numeric_year_1300_1499_depends_on_language(lang: str, expected: str | None) -> None:
    assert parse_date("1403/05/12", lang) == expected


# (text, lang, calendar for a bare 13xx/14xx year, expected ISO or None)
VALUES: list[tuple[str, str | None, str | None, str | None]] = [
    ("1402/09/01", "fa", None, "2023-11-22"),  # 1 Azar 1402
    ("۱۴۰۲/۰۹/۰۱", None, None, "2023-11-22"),  # Persian digits say Persian
    ("۲۰۲۴-۰۳-۰۵", "fa", None, "2024-03-05"),
    ("2024/03/05", None, None, "2024-03-05"),
    ("5 March 2024", "en", None, "2024-03-05"),
    (" ۵ مارس ۲۰۲۴ ", "fa", None, "2024-03-05"),
    ("1 آذر 1402", "fa", None, "2023-11-22"),
    ("1445/09/01", "ar", "hijri", "2024-03-11"),  # 1 Ramadan 1445
    ("1445/09/01", "ar", None, None),  # the article rule: no guess between two calendars
    ("1402/09/01", "en", "jalali", "2023-11-22"),
    ("1402-09-01", "ru", "jalali", "2023-11-22"),
    ("۱۴۰۲/۰۹/۰۱", "ar", "hijri", "2023-11-22"),  # Persian digits win over the hint
    ("1445/09/01 هـ", "fa", "jalali", "2024-03-11"),  # a written calendar wins too
    ("2024-03-05", "fa", "jalali", "2024-03-05"),  # the hint is for 1300-1499 only
    ("2024-03-05 10:00", None, None, "2024-03-05T10:00"),
    ("yesterday", "en", None, None),
    ("", None, None, None),
    ("5 March 2024 and 6 March 2024", "en", None, None),  # two dates: which one?
    ("2024-03-05 12", None, None, None),  # stray digits: not just a date
]


@pytest.mark.parametrize(("text", "lang", "calendar", "expected"), VALUES)
def test_parse_date_value_reads_a_field_that_holds_one_date(
    text: str, lang: str | None, calendar: str | None, expected: str | None
) -> None:
    assert parse_date_value(text, lang, calendar=calendar) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "candidates", "text", "expected"),
    [
        (
            "ar",
            ["", "غير معروف", "2024-11-05T10:00:00+03:00"],
            "5 مارس 2020",
            "2024-11-05T10:00:00+03:00",
        ),
        ("fa", ["۱۴۰۳/۰۵/۱۲"], "", "2024-08-02"),
        ("ar", [], "طهران - الثلاثاء 5 نوفمبر 2024م - التقى الوزير", "2024-11-05"),
        ("fa", [], "تهران - ۱ فروردین ۱۴۰۳ - دیدار وزیران", "2024-03-20"),
        ("ru", ["not a date"], "МОСКВА, 5 мая 2024 г. Встреча прошла.", "2024-05-05"),
        ("en", [], "x" * 400 + " 5 March 2024", None),  # too far in to be a dateline
        ("en", [], "No date here at all.", None),
    ],
)
def test_pick_published_date(
    lang: str, candidates: list[str], text: str, expected: str | None
) -> None:
    assert pick_published_date(candidates, text, lang) == expected


@pytest.mark.parametrize(
    ("text", "partial"),
    [("2019", True), ("2024-03", True), ("03/2024", True), ("March 2024", True),
     ("марта 2024 г.", True), ("اسفند ۱۴۰۲", True), ("2024-13", False), ("2024-03-05", False),
     ("Tuesday", False), ("", False)],
)  # fmt: skip
def test_a_year_or_month_alone_is_a_partial_date(text: str, partial: bool) -> None:
    assert is_partial_date(text) is partial


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("March 5", True), ("5 марта 2024 г.", True), ("۱۵ اسفند ۱۴۰۲ - ۱۰:۳۰", True),
     ("الثلاثاء 24 شعبان 1445 هـ", True), ("May", False), ("Maria Lopez", False),
     ("Maria 5", False)],
)  # fmt: skip
def test_date_fragments_hold_nothing_but_a_date(text: str, fragment: bool) -> None:
    assert is_date_fragment(text) is fragment


def test_the_published_date_comes_from_the_most_trusted_source() -> None:
    text = "Officials said on 4 March 2024 that the floods of 2019 were the worst."
    byline = ["By Ann Lee, 6 March 2024"]
    address = ["2024-03-07"]
    assert choose_published_date(["2024-03-01"], text, "en", bylines=byline).source == "field"
    # ISO 8601's basic format, as in <meta name="pubdate" content="20241120">.
    assert choose_published_date(["20241120"], "", "en").iso == "2024-11-20"
    chosen = choose_published_date(["not a date"], text, "en", bylines=byline)
    assert (chosen.iso, chosen.source) == ("2024-03-06", "byline")
    assert chosen.warnings == [
        "could not read the publication date 'not a date' given with the article"
    ]
    chosen = choose_published_date([], text, "en", addresses=address)
    assert (chosen.iso, chosen.source) == ("2024-03-04", "dateline")
    assert "first lines" in chosen.warnings[0]
    chosen = choose_published_date([], "The floods of 2019 were the worst.", "en",
                                   addresses=address)  # fmt: skip
    assert (chosen.iso, chosen.source) == ("2024-03-07", "address") and chosen.warnings
    # A month-only field stops the search: a guess after it would only pad it out.
    chosen = choose_published_date(["2024-03"], "No date.", "en", addresses=address)
    assert (chosen.iso, chosen.partial) == (None, "2024-03")
    chosen = choose_published_date([], "The floods of 2019 were the worst.", "en")
    assert chosen.iso is None and "no publication date" in chosen.warnings[0]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
    | st.text(alphabet="0123456789٠١٢٣٤٥۰۱۲۳۴۵/.-: ,هـمرداد مارس мая May Tue GMT+", max_size=60),
    st.sampled_from([None, "ar", "fa", "ru", "en", "und", "fa-IR", ""]),
)
def test_never_raises(text: str, lang: str | None) -> None:
    iso = parse_date(text, lang)
    assert iso is None or iso[:4].isdigit()
    for found in find_dates(text, lang):
        assert text[found.start : found.end] == found.text
        assert found.calendar in {"gregorian", "hijri", "jalali"}


def test_fast_on_a_long_article() -> None:
    text = "الثلاثاء 5 نوفمبر 2024م - وقال المتحدث إن 12 شخصا قتلوا في 2024. " * 2000
    started = time.perf_counter()
    found = find_dates(text, "ar")
    assert len(found) == 2000
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("water cut by 1 September, says a notice", [("gregorian", 9, 1, "1 September")]),
        ("from September 1st on", [("gregorian", 9, 1, "September 1st")]),
        ("The 3rd of June", [("gregorian", 6, 3, "3rd of June")]),
        ("حتى الأول من مارس", [("gregorian", 3, 1, "الأول من مارس")]),
        ("قبل ١٥ يونيو", [("gregorian", 6, 15, "١٥ يونيو")]),
        ("تا اول دسامبر", [("gregorian", 12, 1, "اول دسامبر")]),
        ("از ۱۵ خرداد", [("jalali", 3, 15, "۱۵ خرداد")]),
        ("с 1-го сентября и до 1 декабря", [("gregorian", 9, 1, "1-го сентября"),
                                              ("gregorian", 12, 1, "1 декабря")]),
        # Not a day: a year before a month, a number too large, the verb "may", Hijri names
        # (also everyday words: «صفر», zero).
        ("in 2019 March", []),
        ("45 March", []),
        ("prices 5 may rise", []),
        ("5 صفر", []),
    ],
)  # fmt: skip
def test_find_days_reads_a_day_of_a_month_without_a_year(
    text: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert find_days(text) == expected
