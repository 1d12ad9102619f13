"""Numbers, percentages, money and a few units as structured values, in ar, fa, ru and en.

    >>> [(q.value, q.currency) for q in find_quantities("توفير 100 مليون دولار", "ar")]
    [(100000000.0, 'USD')]

Matching runs on a folded copy of the text that has exactly the same length (Arabic-Indic and
Persian digits become ASCII, Persian/Arabic letter variants become one form), so every offset
found there indexes the original text unchanged.

Conventions:
- Money has `currency` set (ISO 4217) and `unit` None. The Iranian toman has no ISO code, so it
  gets "IRT", the code in common use. A bare Arabic "ريال" is read as the Iranian rial (IRR): the
  sources are Iranian and Russian outlets; "ريال سعودي" / "قطري" / "عماني" give SAR / QAR / OMR.
- `unit` is a short English word: "percent", "km", "tonne", "person".
- Years, dates, times, phone numbers and id-like digit runs are not quantities and are skipped.
- A language outside ar/fa/ru/en uses English separators and the words of all four languages.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from tabayyun.model import Quantity

__all__ = ["SUPPORTED_LANGS", "find_quantities"]

SUPPORTED_LANGS = ("ar", "fa", "ru", "en")

# One character in, one character out: offsets in the folded text equal offsets in the original.
_FOLD = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
        "\u066a": "%",  # Arabic percent sign
        "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
        "\u0649": "\u064a",  # alef maksura -> yeh
        "\u06a9": "\u0643",  # Persian kaf -> Arabic kaf
        "\u06aa": "\u0643",  # swash kaf -> Arabic kaf
        "\u06be": "\u0647",  # heh doachashmee -> heh ("ھزار", Urdu-layout keyboards)
        "\u06c1": "\u0647",  # heh goal -> heh
        "\u06c3": "\u0629",  # teh marbuta goal -> teh marbuta
        "\u0623": "\u0627",  # alef variants -> bare alef
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
    }
)

_LETTER_AHEAD = r"(?![^\W\d_])"  # not followed by a letter (any script)
# Tatweel and harakat may follow any Arabic letter; the fold keeps them (one for one), so the
# patterns skip them instead: "مليـون", "مِلْيُون".
_MARKS = "[\u0640\u064b-\u0652]*"
# A space that may sit inside "100 млн" but not a line break; or a bidi mark (LRM, RLM, ALM),
# which Arabic and Persian pages put between a number and its sign ("50\u200f%").
_GAP_CHARS = " \u00a0\u202f\u2009\u200e\u200f\u061c"
_SPACE = f"[{_GAP_CHARS}]"


def _fold(text: str) -> str:
    """Return `text` with digits and letter variants unified, same length as `text`."""
    return text.translate(_FOLD)


def _loose(word: str) -> str:
    """Return `word` (no regex syntax) as a pattern that lets tatweel and harakat follow letters."""
    return "".join(ch + (_MARKS if "\u0621" <= ch <= "\u06d3" else "") for ch in word)


def _fa(*words: str) -> str:
    """Return an alternation of Persian words allowing tatweel and harakat."""
    return "|".join(_loose(w) for w in words)


def _ar(*words: str) -> str:
    """Return an alternation of Arabic words allowing tatweel, harakat and the accusative alef.

    Each word of a phrase may take the alef: "ريالاً سعودياً".
    """
    return "|".join(
        " ".join(f"{_loose(part)}(?:\u0627{_MARKS})?" for part in w.split(" ")) for w in words
    )


# (pattern, multiplier) per language. Patterns are written in original spelling and folded once.
_SCALES: dict[str, list[tuple[str, float]]] = {
    "ar": [
        (_ar("ألف", "آلاف", "الف", "الاف"), 1e3),
        (_ar("مليون", "ملايين"), 1e6),
        (_ar("مليار", "مليارات", "بليون"), 1e9),
        (_ar("تريليون", "تريليونات"), 1e12),
    ],
    "fa": [
        (_fa("هزار"), 1e3),
        (_fa("میلیون"), 1e6),
        (_fa("میلیارد"), 1e9),
        (_fa("تریلیون"), 1e12),
    ],
    "ru": [
        (r"тыс\.|тысяч[аиу]?|тыс", 1e3),
        (r"млн\.?|миллион(?:ов|а|ы)?", 1e6),
        (r"млрд\.?|миллиард(?:ов|а|ы)?", 1e9),
        (r"трлн\.?|триллион(?:ов|а|ы)?", 1e12),
    ],
    "en": [
        (r"thousand|k", 1e3),
        (r"million|mln|mn", 1e6),
        (r"billion|bln|bn", 1e9),
        (r"trillion|trn|tn", 1e12),
    ],
}

# (pattern, currency) per language; the most specific form comes first.
_CURRENCY_WORDS: dict[str, list[tuple[str, str]]] = {
    "ar": [
        (_ar("ريال سعودي", "ريالات سعودية"), "SAR"),
        (_ar("ريال قطري", "ريالات قطرية"), "QAR"),
        (_ar("ريال عماني", "ريالات عمانية"), "OMR"),
        (_ar("ريال إيراني", "ريالات إيرانية", "ريال", "ريالات"), "IRR"),
        (_ar("دولار أمريكي", "دولار أميركي", "دولار", "دولارات"), "USD"),
        (_ar("يورو"), "EUR"),
        (_ar("تومان"), "IRT"),
        (_ar("روبل", "روبلات"), "RUB"),
        (_ar("يوان"), "CNY"),
        (_ar("جنيه إسترليني", "جنيه استرليني"), "GBP"),
    ],
    "fa": [
        (_fa("دلار"), "USD"),
        (_fa("یورو"), "EUR"),
        (_fa("ریال"), "IRR"),
        (_fa("تومان"), "IRT"),
        (_fa("روبل"), "RUB"),
        (_fa("یوان"), "CNY"),
    ],
    "ru": [
        (r"доллар(?:ов|ам|ах|а|ы)?|долл\.?", "USD"),
        (r"евро", "EUR"),
        (r"рубл(?:ями|ям|ях|ей|ь|я)|руб\.?", "RUB"),
        (r"риал(?:ов|а|ы)?", "IRR"),
        (r"томан(?:ов|а|ы)?", "IRT"),
        (r"юан(?:ей|ь|я|и)", "CNY"),
        (r"фунт(?:ов|а)?\s+стерлингов", "GBP"),
    ],
    "en": [
        (r"(?:US\s)?dollars?", "USD"),
        (r"euros?", "EUR"),
        (r"r(?:o)?ubles?", "RUB"),
        (r"rials?", "IRR"),
        (r"tomans?", "IRT"),
        (r"yuan", "CNY"),
        (r"pounds?\s+sterling", "GBP"),
    ],
}

# Symbols and codes are read in every language.
_CURRENCY_SIGNS: list[tuple[str, str]] = [
    (r"US\$", "USD"),
    (r"\$", "USD"),
    (r"€", "EUR"),
    (r"£", "GBP"),
    (r"₽", "RUB"),
    (r"﷼", "IRR"),
    (r"USD|EUR|GBP|RUB|IRR|IRT|CNY", ""),  # "" = the code as written
]

_PERCENT_AR = ("المائة", "المئة", "المائه", "المئه")
_PERCENT: dict[str, str] = {
    "ar": "|".join(
        [rf"{_loose('في')}\s+{_loose(w)}" for w in _PERCENT_AR]
        + [_loose(f"ب{w}") for w in _PERCENT_AR]
    ),
    "fa": _fa("درصد"),
    "ru": r"процент(?:ов|а|ы)?",
    "en": r"per\s?cent|pct",
}

# (pattern, unit) per language; Persian "تن" before "از" counts people ("۲۰ تن از ..."), not tonnes.
_UNITS: dict[str, list[tuple[str, str]]] = {
    "ar": [
        (_ar("كيلومتر", "كيلومترات", "كلم", "كم"), "km"),
        (_ar("طن", "أطنان"), "tonne"),
        (_ar("شخص", "أشخاص", "ضيف", "ضيوف", "قتيل", "قتلى", "جريح", "جرحى"), "person"),
    ],
    "fa": [
        (_fa("کیلومتر"), "km"),
        (_fa("تن") + r"(?=\s+از)", "person"),
        (_fa("تن"), "tonne"),
        (_fa("نفر"), "person"),
    ],
    "ru": [
        (r"км|километр(?:ов|а|ы)?", "km"),
        (r"тонн(?:а|ы)?", "tonne"),
        (r"человека?", "person"),
    ],
    "en": [
        (r"km|kilomet(?:re|er)s?", "km"),
        (r"(?:metric\s+)?(?:tonnes?|tons?)", "tonne"),
        (r"people|persons?", "person"),
    ],
}

# Thousands separator and decimal mark per language (after folding ٬ -> "," and ٫ -> ".").
_THOUSANDS = {
    "ar": "[,\u00a0\u202f\u2009]",
    "fa": "[,\u00a0\u202f\u2009]",
    "ru": "[ \u00a0\u202f\u2009.]",
    "en": "[,\u00a0\u202f\u2009]",
}
# A comma before exactly three digits groups thousands; before other counts it is a decimal mark.
_DECIMAL = {
    "ar": r"\.|,(?!\d{3}(?!\d))",
    "fa": r"[./]|,(?!\d{3}(?!\d))",  # Persian writes 3.5 as ۳/۵
    "ru": r"[.,]",
    "en": r"\.",
}

_MONTHS = _fold(
    "|".join(
        [
            # en
            "january|february|march|april|may|june|july|august|september|october|november|"
            "december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec",
            # ru, nominative and genitive
            "январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|"
            "сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]",
            # ar, Gregorian, Levantine and Hijri names
            "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|"
            "اكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|"
            "تشرين الأول|تشرين الثاني|كانون الأول|محرم|ربيع الأول|ربيع الثاني|جمادى الأولى|"
            "جمادى الآخرة|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة",
            # fa, Solar Hijri and Gregorian names
            "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|"
            "فوریه|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر",
        ]
    )
)
_MONTH_AFTER = re.compile(rf"{_SPACE}*(?:{_MONTHS}){_LETTER_AHEAD}", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"(?<!\w)(?:{_MONTHS})[ \u00a0,]*$", re.IGNORECASE)

# Words after which any number of up to four digits is a year.
_YEAR_WORD_BEFORE = re.compile(
    _fold(r"(?<!\w)(?:عام|العام|لعام|سنة|السنة|لسنة|سال|year)\s*$"),
    re.IGNORECASE,
)
# Prepositions after which a number in 1000..2100 is a year ("in 2020 people voted").
_YEAR_PREPOSITION_BEFORE = re.compile(
    _fold(r"(?<!\w)(?:in|since|until|by|from|в|с|до|к|منذ|حتى|في|از|تا|در)\s+$"),
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(
    _fold(
        r"\s*(?:год(?:ах|ам|у|а|ов|ы)?|гг?\.|г(?![^\W\d_])|ميلادي|هجري|شمسي|هـ|ه\.\s?ش|ه\.\s?ق|"
        r"م(?![^\W\d_])|ش(?![^\W\d_])|AD|BC|BCE|CE)(?![^\W\d_])?"
    ),
)

_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_PHONE = re.compile(
    r"(?<!\w)(?:\+\d[\d \-\u00a0().]{6,}\d"
    r"|\(\d{2,5}\)[ \-\u00a0]?\d[\d \-\u00a0]{4,}\d"
    r"|\d{1,4}(?:[ \-\u00a0]\d{2,4}){2,})(?!\d)"
)
_LETTER_OR_HYPHEN_LETTER = re.compile(r"-?[^\W\d_]")
_LATIN_CYRILLIC = "A-Za-zА-Яа-яЁё"


@dataclass(frozen=True)
class _Grammar:
    """The compiled patterns for one language."""

    quantity: re.Pattern[str]
    scales: list[tuple[re.Pattern[str], float]]
    tails: list[tuple[re.Pattern[str], str, str]]  # (pattern, kind, value) kind: currency|unit


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@functools.cache
def _grammar(lang: str) -> _Grammar:
    """Compile (once per language) the quantity pattern and the tables that read its parts."""
    langs = [lang] if lang in SUPPORTED_LANGS else list(SUPPORTED_LANGS)
    sep_lang = lang if lang in SUPPORTED_LANGS else "en"
    flags = re.IGNORECASE

    scales = [(_fold(p), v) for code in langs for p, v in _SCALES[code]]
    tails: list[tuple[str, str, str]] = []
    for code in langs:
        tails += [(_fold(p), "currency", c) for p, c in _CURRENCY_WORDS[code]]
        tails.append((_fold(_PERCENT[code]), "unit", "percent"))
        tails += [(_fold(p), "unit", u) for p, u in _UNITS[code]]
    tails += [(p, "currency", c) for p, c in _CURRENCY_SIGNS]
    tails.append((r"%", "unit", "percent"))

    scale_alt = _alternation([p for p, _ in scales])
    # "m" means million only next to a currency sign ("$5m"); alone it is metres.
    scale_alt += r"|(?:(?(pre)m|(?!)))"
    tail_alt = _alternation([p for p, _, _ in tails])
    prefix_alt = _alternation([p for p, _ in _CURRENCY_SIGNS])
    letters = _LATIN_CYRILLIC
    number = (
        rf"(?<![0-9{letters}_])(?<![0-9][.,/])(?<![{letters}]-)"
        rf"(?P<int>\d{{1,3}}(?:{_THOUSANDS[sep_lang]}\d{{3}})+|\d+)"
        rf"(?:(?:{_DECIMAL[sep_lang]})(?P<frac>\d+))?"
        r"(?!\d|[.,/]\d)"
    )
    gap = f"{_SPACE}{{0,2}}"  # a space, a bidi mark, or both
    pattern = (
        rf"(?:(?<![^\W\d_])(?P<pre>{prefix_alt}){gap})?"
        r"(?:(?<![\w.,/-])(?P<sign>[-−])(?=\d))?"
        rf"{number}"
        rf"(?P<scales>(?:{gap}(?:{scale_alt}){_LETTER_AHEAD})*)"
        rf"(?:{gap}(?P<tail>(?:{tail_alt})){_LETTER_AHEAD})?"
    )
    return _Grammar(
        quantity=re.compile(pattern, flags),
        # The same end test as in `pattern`, so "ريالا" of "ريالات" and "مليارا" of "مليارات"
        # cannot end a word early.
        scales=[(re.compile(rf"(?:{p}){_LETTER_AHEAD}", flags), v) for p, v in scales],
        tails=[
            (re.compile(rf"(?:{p}){_LETTER_AHEAD}", flags), kind, value) for p, kind, value in tails
        ],
    )


def _blocked_spans(folded: str) -> list[tuple[int, int]]:
    """Return sorted spans of times and phone numbers, where no quantity may start."""
    spans = [m.span() for m in _TIME.finditer(folded)]
    for m in _PHONE.finditer(folded):
        groups = re.split(r"[ \-\u00a0]+", m.group())
        # "1 500 000" groups thousands; a phone has a "+", brackets, hyphens or uneven groups.
        is_phone = (
            m.group().startswith(("+", "("))
            or "-" in m.group()
            or any(len(g) != 3 for g in groups[1:])
        )
        if is_phone:
            spans.append(m.span())
    return sorted(spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether [start, end) meets any of the sorted `spans`."""
    before_end = bisect.bisect_left(spans, (end, -1))
    return any(span_end > start for _, span_end in spans[:before_end])


def _read_scales(folded: str, start: int, end: int, grammar: _Grammar) -> float:
    """Return the product of the scale words in folded[start:end] ("هزار میلیارد" -> 1e12)."""
    factor = 1.0
    pos = start
    while pos < end:
        while pos < end and folded[pos] in _GAP_CHARS:
            pos += 1
        best_end, best_value = pos, 0.0
        for pattern, value in grammar.scales:
            m = pattern.match(folded, pos, end)
            if m and m.end() > best_end:
                best_end, best_value = m.end(), value
        if best_end == pos:  # the bare "m" of "$5m"
            best_end, best_value = pos + 1, 1e6
        factor *= best_value
        pos = best_end
    return factor


def _read_tail(folded: str, start: int, end: int, grammar: _Grammar) -> tuple[str, str]:
    """Return (kind, value) of the currency or unit at folded[start:end]."""
    for pattern, kind, value in grammar.tails:
        m = pattern.match(folded, start)
        if m and m.end() == end:
            return kind, value or m.group().upper()
    return "unit", ""  # unreachable: the tail was matched by one of these patterns


def _is_date_or_year(folded: str, m: re.Match[str]) -> bool:
    """Tell whether a bare integer is a year, a day of a month or part of a date."""
    start, end = m.start("int"), m.end()
    if _MONTH_AFTER.match(folded, end) or _MONTH_BEFORE.search(folded, max(0, start - 30), start):
        return True
    digits = m.group("int")
    if not digits.isdigit() or len(digits) > 4:
        return False
    year = int(digits)
    window = max(0, start - 20)
    if _YEAR_WORD_BEFORE.search(folded, window, start) or _YEAR_AFTER.match(folded, end):
        return True
    is_year_after_preposition = _YEAR_PREPOSITION_BEFORE.search(folded, window, start)
    return 1000 <= year <= 2100 and is_year_after_preposition is not None


def _is_standalone_year(value: int, lang: str) -> bool:
    # Persian news dates by the Solar Hijri calendar (1403 = 2024).
    return 1900 <= value <= 2100 or (lang == "fa" and 1300 <= value <= 1499)


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Return the numbers in `text` as values with unit or currency, in order of appearance."""
    folded = _fold(text)
    grammar = _grammar(lang)
    blocked = _blocked_spans(folded)
    quantities: list[Quantity] = []
    for m in grammar.quantity.finditer(folded):
        start, end = m.span()
        if _overlaps(blocked, m.start("int"), m.end("frac") if m.group("frac") else m.end("int")):
            continue
        has_scale = m.end("scales") > m.start("scales")
        kind, tag = ("", "")
        if m.group("tail"):
            kind, tag = _read_tail(folded, m.start("tail"), m.end("tail"), grammar)
        currency = tag if kind == "currency" else None
        if m.group("pre"):
            currency = _read_tail(folded, m.start("pre"), m.end("pre"), grammar)[1]
        unit = tag if kind == "unit" else None
        is_integer = m.group("frac") is None
        digits = m.group("int")
        if is_integer and not has_scale and currency is None and unit != "percent":
            if digits.isdigit() and (
                (len(digits) >= 2 and digits.startswith("0")) or len(digits) >= 7
            ):
                continue  # id-like: "007", "20231105123"
            if _is_date_or_year(folded, m):
                continue
            if unit is None:
                if digits.isdigit() and _is_standalone_year(int(digits), lang):
                    continue
                # "5G", "1990-х", "5-й": a number glued to a word is a name or an ordinal.
                if _LETTER_OR_HYPHEN_LETTER.match(folded, end):
                    continue
        integer = re.sub(r"\D", "", digits)
        value = float(f"{integer}.{m.group('frac')}" if m.group("frac") else integer)
        if has_scale:
            value *= _read_scales(folded, m.start("scales"), m.end("scales"), grammar)
        if m.group("sign"):
            value = -value
        quantities.append(
            Quantity(
                text=text[start:end],
                value=value,
                unit=unit,
                currency=currency,
                start=start,
                end=end,
            )
        )
    return quantities
