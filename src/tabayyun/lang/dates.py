"""Dates in Arabic, Persian, Russian and English, in the Gregorian, Hijri and Solar Hijri calendars.

Every date becomes ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS][±HH:MM]` when a time is given.
Hijri dates are converted with `hijridate` (Umm al-Qura), Solar Hijri (Jalali) ones with
`jdatetime`.

Matching runs on a *normalized copy* of the text that has exactly the same length as the original
(every substitution is one character for one character), so match offsets index the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import jdatetime
from hijridate import Hijri

from tabayyun.lang.normalize import ARABIC_LETTER_FOLDS, DIGIT_FOLDS

__all__ = [
    "FoundDate",
    "PublishedDate",
    "choose_published_date",
    "find_dates",
    "is_date_fragment",
    "is_partial_date",
    "parse_date",
    "parse_date_value",
    "pick_published_date",
]

Calendar = Literal["gregorian", "hijri", "jalali"]

DATELINE_CHARS = 300  # a dateline sits in the first lines of an article


@dataclass
class FoundDate:
    """A date expression in running text; `start`/`end` index the text that was searched."""

    text: str
    iso: str
    start: int
    end: int
    calendar: str  # "gregorian", "hijri" or "jalali": the calendar the text was written in


# --- normalization: one character for one character, so offsets survive -----------------------

_ONE_FOR_ONE: dict[int, str] = {
    # Digits only: the number signs (NUMBER_SIGN_FOLDS) stay as written, so "١٥٫٠٣٫٢٠٢٤", with
    # decimal separators, is not read as the dotted date "15.03.2024".
    **{ord(c): f for c, f in DIGIT_FOLDS.items()},
    # Persian typed with Arabic letters and back; ة and ه both written (القعدة / القعده).
    **{ord(c): f for c, f in ARABIC_LETTER_FOLDS.items()},
    ord("\u200c"): " ",  # ZWNJ: آبان‌ماه, ربیع‌الاول, سه‌شنبه
    **{cp: " " for cp in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_NORM = str.maketrans(_ONE_FOR_ONE)
_PERSIAN_DIGITS = re.compile("[۰-۹]")
_PERSIAN_CUES = re.compile("[پچژگکی۰-۹]")
_ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")


def _normalize(text: str) -> str:
    return text.translate(_NORM)


# Tatweel and harakat may follow any Arabic letter of a name: "مـارس", "رَمَضان".
_MARKS = "[\u0640\u064b-\u0652]*"


def _key(name: str) -> str:
    """Return the lookup key of a month name as matched: spacing, dots, tatweel, harakat dropped."""
    return re.sub(r"[\s.\u0640\u064b-\u0652]", "", _normalize(name)).lower()


# --- month and weekday names ------------------------------------------------------------------

_GREGORIAN_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "ژانویه", "январь", "января", "янв", "january", "jan"),
    2: ("فبراير", "شباط", "فيفري", "فوریه", "февраль", "февраля", "фев", "февр", "february", "feb"),
    3: ("مارس", "آذار", "март", "марта", "мар", "march", "mar"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل", "آوریل", "апрель", "апреля", "апр", "april", "apr"),
    5: ("مايو", "أيار", "ماي", "مه", "می", "май", "мая", "may"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "ژوئن", "июнь", "июня", "июн", "june", "jun"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "ژوئیه", "جولای", "июль", "июля", "июл", "july", "jul"),
    8: ("أغسطس", "آب", "أوت", "اوت", "آگوست", "август", "августа", "авг", "august", "aug"),
    9: (
        "سبتمبر",
        "أيلول",
        "سپتامبر",
        "сентябрь",
        "сентября",
        "сен",
        "сент",
        "september",
        "sep",
        "sept",
    ),
    10: ("أكتوبر", "تشرين الأول", "اکتبر", "октябрь", "октября", "окт", "october", "oct"),
    11: ("نوفمبر", "تشرين الثاني", "نوامبر", "ноябрь", "ноября", "ноя", "нояб", "november", "nov"),
    12: (
        "ديسمبر",
        "كانون الأول",
        "دجنبر",
        "دسامبر",
        "декабрь",
        "декабря",
        "дек",
        "december",
        "dec",
    ),
}
_HIJRI_NAMES: dict[int, tuple[str, ...]] = {
    1: ("محرم", "محرم الحرام"),
    2: ("صفر", "صفر المظفر"),
    3: ("ربيع الأول", "ربيع أول", "ربیع‌الاول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع ثاني", "ربیع‌الثانی"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادی‌الاول", "جمادی‌الاولی"),
    6: ("جمادى الآخرة", "جمادى الآخر", "جمادى الثانية", "جمادی‌الثانی", "جمادی‌الثانیه"),
    7: ("رجب", "رجب المرجب"),
    8: ("شعبان", "شعبان المعظم"),
    9: ("رمضان", "رمضان المبارك"),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذی‌القعده"),
    12: ("ذو الحجة", "ذي الحجة", "ذی‌الحجه"),
}
_JALALI_NAMES: dict[int, tuple[str, ...]] = {
    1: ("فروردین",),
    2: ("اردیبهشت",),
    3: ("خرداد",),
    4: ("تیر",),
    5: ("مرداد", "امرداد"),
    6: ("شهریور",),
    7: ("مهر",),
    8: ("آبان",),
    9: ("آذر",),
    10: ("دی",),
    11: ("بهمن",),
    12: ("اسفند",),
}
_ENGLISH_FIRST = 7  # in `_GREGORIAN_NAMES` tuples, English forms are the trailing Latin ones

_WEEKDAYS = (
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip


def _month_table() -> dict[str, tuple[Calendar, int]]:
    table: dict[str, tuple[Calendar, int]] = {}
    sources: tuple[tuple[Calendar, dict[int, tuple[str, ...]]], ...] = (
        ("gregorian", _GREGORIAN_NAMES),
        ("hijri", _HIJRI_NAMES),
        ("jalali", _JALALI_NAMES),
    )
    for calendar, names in sources:
        for month, forms in names.items():
            for form in forms:
                table[_key(form)] = (calendar, month)
    return table


_MONTHS = _month_table()


def _loose(word: str) -> str:
    """Return a regex for `word` that lets tatweel and harakat follow each Arabic letter."""
    return "".join(re.escape(ch) + (_MARKS if "\u0600" <= ch <= "\u06ff" else "") for ch in word)


def _alternation(names: Iterable[str]) -> str:
    """Return a regex alternation of names, longest first; a space matches any spacing."""
    forms = {_normalize(name).lower() for name in names}
    parts = {form: r"\s*".join(_loose(word) for word in form.split()) for form in forms}
    return "|".join(parts[form] for form in sorted(parts, key=len, reverse=True))


_ALL_MONTH_FORMS = [
    f
    for table in (_GREGORIAN_NAMES, _HIJRI_NAMES, _JALALI_NAMES)
    for forms in table.values()
    for f in forms
]
_ENGLISH_MONTH_FORMS = [f for forms in _GREGORIAN_NAMES.values() for f in forms if f.isascii()]

_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_MAH = _loose("ماه")  # Persian "month", after a month name: آبانماه, آبان‌ماه, آبان ماه
# A glued «ماه» passes the not-a-letter check; _TEXTUAL_DMY consumes it after the month group.
_MONTH = (
    rf"(?:{_alternation(_ALL_MONTH_FORMS)})"
    rf"(?:(?={_MAH}{_NOT_LETTER_AFTER})|{_NOT_LETTER_AFTER}\.?)"
)
_MONTH_EN = rf"(?:{_alternation(_ENGLISH_MONTH_FORMS)}){_NOT_LETTER_AFTER}\.?"
_WEEKDAY = (
    rf"(?:{_NOT_LETTER_BEFORE}(?:يوم\s+)?(?:{_alternation(_WEEKDAYS)}){_NOT_LETTER_AFTER}\.?"
    r"[\s,،-]*)?"
)

# Year suffixes say which calendar a number belongs to: 1446 هـ is Hijri, 1403 ه.ش is Jalali.
_HIJRI_SUFFIX = r"هجري\s*قمري|هجريه|هجري|للهجره|قمري|ه\u0640*\s*\.?\s*ق|ه\u0640*"
_JALALI_SUFFIX = r"هجري\s*شمسي|شمسي|ه\u0640*\s*\.?\s*ش|ش"
_GREGORIAN_SUFFIX = r"ميلاديه|ميلادي|للميلاد|م|года|год|гг\.|г\.|г"
_SUFFIX = (
    rf"(?:\s*(?:(?P<suf_j>{_JALALI_SUFFIX})|(?P<suf_h>{_HIJRI_SUFFIX})|"
    rf"(?P<suf_g>{_GREGORIAN_SUFFIX})){_NOT_LETTER_AFTER})?"
)
_TZ_NAMES = {
    "z": "+00:00", "gmt": "+00:00", "utc": "+00:00", "ut": "+00:00", "msk": "+03:00",
    "irst": "+03:30", "est": "-05:00", "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00",
    "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00", "cet": "+01:00",
    "cest": "+02:00", "bst": "+01:00",
}  # fmt: skip
_TZ = (
    r"(?P<tz>(?:(?:gmt|utc)\s*)?[+-][0-9]{2}:?[0-9]{2}|"
    + "|".join(sorted(_TZ_NAMES, key=len, reverse=True))
    + rf"){_NOT_LETTER_AFTER}"
)
_TIME = (
    r"(?:\s*(?:[,،|\-–—]|\bat\b|\bв\b|الساعه|ساعت)?\s*t?"
    r"(?P<hh>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<ss>[0-9]{2}))?(?:[.,][0-9]+)?(?![0-9])"
    r"(?:\s*(?P<ampm>[ap]\.?m\b\.?))?"
    rf"(?:\s*{_TZ})?)?"
)
_YEAR = r"(?P<y>[0-9]{4})(?![0-9])"
_DAY = r"(?<![0-9])(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?"

_FLAGS = re.IGNORECASE
_TEXTUAL_DMY = re.compile(
    _WEEKDAY + _DAY + r"[\s-]*(?:of\s+)?"
    rf"(?P<mon>{_MONTH})(?:\s*[/(]\s*(?P<mon2>{_MONTH})\s*\)?)?(?:\s*{_MAH})?[\s,،-]*"
    + _YEAR
    + _SUFFIX
    + _TIME,
    _FLAGS,
)
_TEXTUAL_MDY = re.compile(
    _WEEKDAY + rf"{_NOT_LETTER_BEFORE}(?P<mon>{_MONTH_EN})\s*(?P<d>[0-9]{{1,2}})(?![0-9])"
    r"(?:st|nd|rd|th)?[\s,]+" + _YEAR + _TIME,
    _FLAGS,
)
_NUMERIC_YMD = re.compile(
    _WEEKDAY + r"(?<![0-9/.\-])" + _YEAR + r"(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<d>[0-9]{1,2})(?![0-9])" + _SUFFIX + _TIME,
    _FLAGS,
)
_NUMERIC_DMY = re.compile(
    _WEEKDAY
    + r"(?<![0-9/.\-])(?P<d>[0-9]{1,2})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)"
    + _YEAR
    + _SUFFIX
    + _TIME,
    _FLAGS,
)
_PATTERNS = (_NUMERIC_YMD, _TEXTUAL_DMY, _TEXTUAL_MDY, _NUMERIC_DMY)


# --- a day of a month without a year: "1 September", «الأول من سبتمبر», «۱ دسامبر», "1 декабря" --

# Gregorian and Solar Hijri month names only: Hijri ones are also everyday words ("صفر", zero).
_DAY_MONTH_FORMS = [
    f for table in (_GREGORIAN_NAMES, _JALALI_NAMES) for forms in table.values() for f in forms
]
_FIRST = r"(?:الأول|الاول|أول|اول|یکم|first)"  # "the first of": the one ordinal said in words
# A day, at least one space, a month; or (English) a month, a day. A range before the day ("1
# to 15 March", «с 1 по 15 марта») or after the English day ("March 1 to 15") gives both days.
_RANGE = r"(?:(?P<d0>[0-9]{1,2})\s*(?:-|–|to|and|по|и|تا|و|الى|إلى)\s*)?"
_DAY_MONTH = re.compile(
    rf"(?<![\w/]){_RANGE}(?:(?P<d>[0-9]{{1,2}})(?![0-9])(?:st|nd|rd|th|-?го|ام|م)?|(?P<first>{_FIRST}))"
    rf"\s+(?:of\s+|من\s+(?:شهر\s+)?)?(?P<mon>{_alternation(_DAY_MONTH_FORMS)})(?![^\W_])"
    rf"|(?<![\w/])(?P<mon_en>{_alternation(_ENGLISH_MONTH_FORMS)})\.?\s+(?P<d_en>[0-9]{{1,2}})"
    r"(?![0-9])(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and|through)\s*(?P<d1>[0-9]{1,2})(?![0-9]))?",
    _FLAGS,
)
# «می» is May and the Persian verb prefix: "۵ می" is a day, «اول می‌باشد» is not.
_FA_MAY = _key("می")
_FA_MAY_VERB = re.compile(r"\s*(?:\u200c|(?:باشد|باشند|شود|شوند|کند|کنند|دهد|رسد|رود|گیرد)(?!\w))")


def find_days(text: str) -> list[tuple[Calendar, int, int, str]]:
    """Days of a month named without a year, in reading order: (calendar, month, day, as
    written), Gregorian and Solar Hijri ("1 September", "September 1st", «الأول من سبتمبر»,
    «۱۵ خرداد», «اول دسامبر», "1 декабря"). A number before a month is read as its day only
    when it can be one (1-31)."""
    out: list[tuple[Calendar, int, int, str]] = []
    for match in _DAY_MONTH.finditer(_normalize(text)):
        month_name = match.group("mon") or match.group("mon_en")
        digits = match.group("d") or match.group("d_en")
        found = _MONTHS.get(_key(month_name))
        if found is None or month_name == "may":
            continue  # lower-case "may" is the verb: "5 may be"
        if _key(month_name) == _FA_MAY and (not digits or _FA_MAY_VERB.match(text, match.end())):
            continue
        calendar, month = found
        shown = text[match.start() : match.end()]
        for extra in (match.group("d0"), digits or "1", match.group("d1")):
            if extra is not None and 1 <= int(extra) <= 31:
                out.append((calendar, month, int(extra), shown))
    return out


# --- conversion -------------------------------------------------------------------------------


def _lang_code(lang: str | None) -> str | None:
    """Reduce "fa-IR", "FA", "ru_RU" to the two-letter code; "und" and unknowns to None."""
    if not lang:
        return None
    code = lang.strip().lower()[:2]
    return code if code in {"ar", "fa", "ru", "en"} else None


def _guess_context(text: str) -> str | None:
    """Guess the language from the script; Persian-only letters and digits decide first."""
    if _PERSIAN_CUES.search(text):
        return "fa"
    if _ARABIC_LETTERS.search(text):
        return "ar"
    if _CYRILLIC.search(text):
        return "ru"
    if _LATIN.search(text):
        return "en"
    return None


def _to_gregorian(calendar: Calendar, year: int, month: int, day: int) -> date | None:
    """Return the Gregorian day, or None for a day that does not exist in `calendar`."""
    try:
        if calendar == "hijri":
            # validate=True refuses a 30th in a 29-day Umm al-Qura month instead of rolling over
            y, m, d = Hijri(year, month, day, validate=True).to_gregorian().datetuple()
            return date(y, m, d)
        if calendar == "jalali":
            if not 1200 <= year <= 1599:  # outside this range the name is not a Jalali date
                return None
            return jdatetime.date(year, month, day).togregorian()
        return date(year, month, day)
    except (ValueError, OverflowError, TypeError):
        return None


def _format_time(match: re.Match[str]) -> str | None:
    """Return "THH:MM[:SS][±HH:MM]", "" when no time was matched, None when it is invalid."""
    if match.group("hh") is None:
        return ""
    hour, minute = int(match.group("hh")), int(match.group("mi"))
    seconds = match.group("ss")
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59 or (seconds is not None and int(seconds) > 59):
        return None
    out = f"T{hour:02d}:{minute:02d}" + (f":{int(seconds):02d}" if seconds is not None else "")
    tz = match.group("tz")
    if tz:
        zone = _format_zone(tz)
        if zone is None:
            return None
        out += zone
    return out


def _format_zone(tz: str) -> str | None:
    name = tz.lower().replace(" ", "")
    if name in _TZ_NAMES:
        return _TZ_NAMES[name]
    digits = re.sub(r"[^0-9]", "", name)
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        return None
    sign = "-" if "-" in name else "+"
    return f"{sign}{hours:02d}:{minutes:02d}"


def _suffix_calendar(match: re.Match[str]) -> Calendar | None:
    if match.group("suf_h"):
        return "hijri"
    if match.group("suf_j"):
        return "jalali"
    if match.group("suf_g"):
        return "gregorian"
    return None


def _numeric_calendar(
    year: int, suffix: Calendar | None, context: str | None, hint: Calendar | None = None
) -> Calendar | None:
    """Decide the calendar of an all-digit date; None when it cannot be told.

    `hint` is the caller's calendar for a year 1300-1499 that neither a suffix nor Persian
    (context "fa") settles; articles give none.
    """
    if suffix is not None:
        return suffix
    if 1300 <= year <= 1499:
        if context == "fa":
            return "jalali"
        if hint is not None:
            return hint
        if context == "ar":
            # In Arabic, 1445/09/01 without هـ or ه.ش could be Hijri or Jalali: refuse to guess.
            return None
    return "gregorian"


def _convert(
    match: re.Match[str], original: str, context: str | None, hint: Calendar | None = None
) -> tuple[str, Calendar] | None:
    """Turn one regex match into (iso, calendar), or None when it is not a valid date."""
    groups = match.groupdict()
    year, day = int(match.group("y")), int(match.group("d"))
    calendar: Calendar | None
    if "mon" in groups:
        found = _MONTHS.get(_key(match.group("mon")))
        if found is None:
            return None
        calendar, month = found
    else:
        month = int(match.group("m"))
        if _PERSIAN_DIGITS.search(original):
            context = "fa"
        if match.re is _NUMERIC_DMY and month > 12 and day <= 12 and context in {"en", None}:
            month, day = day, month  # unambiguous US order, 11/25/2024; otherwise day first
        calendar = _numeric_calendar(year, _suffix_calendar(match), context, hint)
        if calendar is None:
            return None
    day_value = _to_gregorian(calendar, year, month, day)
    if day_value is None:
        return None
    time_part = _format_time(match)
    if time_part is None:
        return None
    return day_value.isoformat() + time_part, calendar


def _iter_dates(
    text: str, context: str | None, hint: Calendar | None = None
) -> Iterator[FoundDate]:
    normalized = _normalize(text)
    for pattern in _PATTERNS:
        for match in pattern.finditer(normalized):
            start, end = match.span()
            original = text[start:end]
            converted = _convert(match, original, context, hint)
            if converted is not None:
                iso, calendar = converted
                yield FoundDate(original, iso, start, end, calendar)


def find_dates(text: str, lang: str | None = None) -> list[FoundDate]:
    """Return every date expression in `text`, in reading order, without overlaps."""
    return _find_dates(text, lang)


def _find_dates(text: str, lang: str | None, hint: Calendar | None = None) -> list[FoundDate]:
    if not isinstance(text, str) or not text:
        return []
    context = _lang_code(lang) or _guess_context(text)
    try:
        dates = _iter_dates(text, context, hint)
        candidates = sorted(dates, key=lambda f: (f.start, f.start - f.end))
    except (ValueError, OverflowError, TypeError, IndexError):  # defensive: never fail a pipeline
        return []
    chosen: list[FoundDate] = []
    for found in candidates:  # earliest first, and at one start the longest: greedy is enough
        if chosen and found.start < chosen[-1].end:
            continue
        chosen.append(found)
    return chosen


def parse_date(text: str, lang: str | None = None) -> str | None:
    """Return the ISO 8601 form of the (first) date expression in `text`, or None."""
    found = find_dates(text, lang)
    return found[0].iso if found else None


def parse_date_value(
    text: str, lang: str | None = None, *, calendar: Calendar | None = None
) -> str | None:
    """Return the ISO 8601 form of a field that holds one date, or None.

    For a spreadsheet cell or a metadata field rather than running text: `text` must hold
    exactly one date expression and no other digits ("5 March 2024", "1402/09/01",
    "۲۰۲۴-۰۳-۰۵"; not "5 March 2024 and 6 March 2024", not "2024-03-05 12").

    `calendar` settles an all-digit date with a year 1300-1499 and no calendar suffix
    ("1402/09/01"), which articles leave unread in Arabic and read as Gregorian elsewhere. A
    suffix (هـ, ه.ش) and Persian digits or language still decide first.
    """
    found = _find_dates(text, lang, calendar)
    if len(found) != 1:
        return None
    rest = text[: found[0].start] + " " + text[found[0].end :]
    if any(ch.isdigit() for ch in rest):
        return None
    return found[0].iso


def pick_published_date(candidates: list[str], text: str, lang: str | None) -> str | None:
    """Return the first parseable metadata date, else a date in the dateline, else None."""
    return choose_published_date(candidates, text, lang).iso


@dataclass
class PublishedDate:
    """The publication date chosen, where it came from, and what a reader should know of it.

    `source` is "field" (a date field: loader, JSON-LD, meta, <time>), "byline" (a byline or
    date element of the page), "dateline" (the first lines of the text), "address" (the URL),
    or None when there is no date. `partial` keeps a date field that names only a year or a
    month: it is never padded into a day (2019 is not 2019-01-01), so `iso` stays None.
    """

    iso: str | None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    partial: str | None = None


# ISO 8601's basic format in a date field, as in <meta name="pubdate" content="20241120">.
_BASIC_DATE = re.compile(r"^((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?![0-9])")
# A dateline opens the article: a place name (up to this many words, then a separator) may
# come before the date.
DATELINE_LEAD_WORDS = 4
_DATELINE_SEPARATORS = ",،-–—:|/()"


def choose_published_date(
    fields: Iterable[str],
    text: str,
    lang: str | None,
    *,
    bylines: Iterable[str] = (),
    addresses: Iterable[str] = (),
) -> PublishedDate:
    """Choose the publication date, most trustworthy source first; never a bare year.

    1. `fields`: date fields in order (a feed's pubDate, JSONL `published_at`, JSON-LD
       `datePublished`, meta tags, `<time datetime>`); the first that holds a whole date wins.
    2. `bylines`: texts of the page's byline and date elements, in order.
    3. A dateline: a date in the first DATELINE_CHARS characters of `text`. One that opens a
       line (after a place name at most) is taken as it is; one inside a sentence is taken
       with a warning, as it may be the date of the event rather than of the article.
    4. `addresses`: dates read from the page's URL, with a warning.

    A field holding only a year or a month ("2019", "2024-03", "March 2024") is not a date:
    with nothing better, the date stays empty, the field is kept as `partial`, and a warning
    says so; nothing is guessed after it. Years in the running text are never read.
    """
    unreadable: list[str] = []
    partial: str | None = None
    for value in fields:
        if not isinstance(value, str) or not value.strip():
            continue
        iso = parse_date(_BASIC_DATE.sub(r"\1-\2-\3", value.strip()), lang)
        if iso is not None:
            return PublishedDate(iso, "field")
        if is_partial_date(value):
            partial = partial or value.strip()
        else:
            unreadable.append(value.strip())
    warnings = [
        f"could not read the publication date {value[:80]!r} given with the article"
        for value in unreadable[:1]
    ]
    for value in bylines:
        iso = parse_date(value, lang)
        if iso is not None:
            return PublishedDate(iso, "byline", warnings)
    dateline = _dateline(text, lang)
    if dateline is not None:
        found, opens = dateline
        if not opens:
            warnings.append(
                f"the publication date {found.iso} is a date from the article's first lines "
                f"({found.text!r}), not a date field or dateline: it may be the event's date"
            )
        return PublishedDate(found.iso, "dateline", warnings)
    if partial is not None:
        warnings.append(
            f"the publication date is given only as {partial[:40]!r}, without a day; "
            "published_at is left empty rather than guessed"
        )
        return PublishedDate(None, None, warnings, partial)
    for value in addresses:
        iso = parse_date(value, lang)
        if iso is not None:
            warnings.append(
                f"the publication date {iso} was read from the page's address, not from a date "
                "field, byline or dateline: check it"
            )
            return PublishedDate(iso, "address", warnings)
    warnings.append(
        "no publication date found: the article has no readable date field, byline date or "
        "dateline (a year mentioned in its text is not taken for one)"
    )
    return PublishedDate(None, None, warnings)


def _dateline(text: str, lang: str | None) -> tuple[FoundDate, bool] | None:
    """The first date in the first lines of `text`, and whether it is a dateline.

    A dateline opens the first line after a place name at most ("LONDON, March 5, 2024 -"),
    or stands on a line of its own; a date further into a sentence is only a date.
    """
    if not isinstance(text, str):
        return None
    # Look a little past the limit so a date straddling it is still read whole.
    head = text[: DATELINE_CHARS + 60]
    for found in find_dates(head, lang):
        if found.start >= DATELINE_CHARS:
            return None
        line_start = head.rfind("\n", 0, found.start) + 1
        line_end = text.find("\n", found.end)
        lead = head[line_start : found.start].strip()
        rest = text[found.end : line_end if line_end >= 0 else len(text)].split()
        # A place name ends with a separator; "Officials said on" is a sentence.
        placed = not lead or (
            lead[-1] in _DATELINE_SEPARATORS and len(lead.split()) <= DATELINE_LEAD_WORDS
        )
        first_line = not head[:line_start].strip()
        alone = len(rest) <= DATELINE_LEAD_WORDS
        return found, placed and (first_line or alone)
    return None


# A field that names a year, or a year and a month, and nothing finer: "2019", "2024-03",
# "03/2024", "March 2024", "марта 2024 г.", "اسفند ۱۴۰۲".
_PARTIAL = re.compile(
    rf"^[\W_]*(?:(?P<mon>{_MONTH})[\s,،.\-/]*|(?P<m1>[0-9]{{1,2}})\s*[-/.]\s*)?"
    rf"{_YEAR}(?:\s*[-/.]\s*(?P<m2>[0-9]{{1,2}})(?![0-9]))?{_SUFFIX}[\W_]*$",
    _FLAGS,
)


def is_partial_date(text: str) -> bool:
    """Whether `text` is a date with only a year, or a year and a month ("2024-03")."""
    if not isinstance(text, str):
        return False
    match = _PARTIAL.match(_normalize(text.strip()))
    if match is None:
        return False
    month = match.group("m1") or match.group("m2")
    return month is None or 1 <= int(month) <= 12


_DATE_FILLERS = (
    "am", "pm", "a.m", "p.m", "at", "of", "on", "gmt", "utc", "msk", "г", "гг", "года", "год",
    "в", "هـ", "ه", "م", "ش", "ق", "الساعه", "ساعت", "ماه", "سال", "عام", "st", "nd", "rd", "th",
)  # fmt: skip
_DATE_WORDS = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:{_alternation([*_ALL_MONTH_FORMS, *_WEEKDAYS, *_DATE_FILLERS])})"
    rf"{_NOT_LETTER_AFTER}",
    _FLAGS,
)
_LETTER = re.compile(r"[^\W\d_]")


def is_date_fragment(text: str) -> bool:
    """Whether `text` is (part of) a date and nothing else: "March 5", "5 марта 2024 г.",
    "۱۵ اسفند ۱۴۰۲ - ۱۰:۳۰"; a number is required, so a month name alone ("May") is not one."""
    if not isinstance(text, str):
        return False
    normalized = _normalize(text).lower()
    if not any(ch.isdigit() for ch in normalized):
        return False
    return _LETTER.search(_DATE_WORDS.sub(" ", normalized)) is None
