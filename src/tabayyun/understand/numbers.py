"""Numbers, percentages, money and units as structured values, in ar, fa, ru and en.

    >>> [(q.value, q.currency) for q in find_quantities("توفير 100 مليون دولار", "ar")]
    [(100000000.0, 'USD')]

Matching runs on a folded copy of the text that has exactly the same length (Arabic-Indic and
Persian digits become ASCII, Persian/Arabic letter variants become one form), so every offset
found there indexes the original text unchanged.

Conventions:
- Money has `currency` set (ISO 4217) and `unit` None. The Iranian toman has no ISO code, so it
  gets "IRT", the code in common use. A bare Arabic "ريال" is read as the Iranian rial (IRR): the
  sources are Iranian and Russian outlets; "ريال سعودي" / "قطري" / "عماني" give SAR / QAR / OMR.
- `unit` is one code per unit in every language: "percent", "person", "km", "km2", "m", "m2",
  "m3", "litre", "kg", "tonne", "hectare", "MW", "barrel", "mile"; `UNIT_KINDS` says which
  measure the same kind of thing (length, area, volume, mass).
- One amount may be written in parts: "۲ میلیون و ۵۰۰ هزار نفر", "3 ملايين و200 ألف",
  "2 млн 500 тыс.", "2 million 500 thousand", "3 million and 500 thousand"; a magnitude after a
  thousands part takes the whole of it ("۱۲ هزار و ۵۰۰ میلیارد" is 12,500 billion), as do
  stacked ones ("هزار میلیارد" is 10^12). After an English "and" or a Russian "и" a further part
  needs a magnitude or words ("5 million and 300 jobs" is two numbers, "two thousand and five
  people" one).
- Number words of all four languages ("یک", "بیست و پنج", "خمسة", "مليونان", "twenty-five",
  "two and a half", "a dozen", "пятьдесят три", "полтора", "тысяча") give a value only before a
  magnitude word or a unit or currency ("یک میلیون تومان", "three million people", "два
  миллиона человек"), never alone ("یک روز", "ألف ليلة", "twenty-five", "тысяча"); "یک نفر"
  ("someone"), "one person" and a bare "دو تن" (persons or tonnes) are left out.
- Persian "تن" after a number counts persons where people follow: a verb of casualty or people
  ("۵ تن کشته شدند") or «از» and a plural of people ("پنج تن از معترضان"); elsewhere it is tonnes
  ("۵ تن گندم", "هزار تن فولاد", "۵۰۰ تن از این محموله").
- Persian adjectival -ی keeps the unit ("۳۵ درصدی", "تومانی"), as does the Arabic accusative.
- Years, dates, times, phone numbers and id-like digit runs are not quantities and are skipped;
  a number that could be a year is a count when a counted noun follows ("2000 troops", "2000
  военных", "۲۰۰۰ سرباز") or a currency or unit goes with it ("$2000", "2000 km").
- A language outside ar/fa/ru/en uses English separators and the words of all four languages.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from tabayyun.lang.normalize import ARABIC_LETTER_FOLDS, DIGIT_FOLDS, NUMBER_SIGN_FOLDS
from tabayyun.model import Quantity

__all__ = ["SUPPORTED_LANGS", "UNIT_KINDS", "find_quantities"]

SUPPORTED_LANGS = ("ar", "fa", "ru", "en")

# One character in, one character out: offsets in the folded text equal offsets in the original.
_FOLD = str.maketrans(
    {
        **DIGIT_FOLDS,  # Arabic-Indic and Persian digits
        **NUMBER_SIGN_FOLDS,  # Arabic decimal and thousands separators, percent sign
        # The letter folds every reader shares (yeh, kaf, alef, heh typed on Urdu layouts), but
        # teh marbuta stays apart from heh, as do ۀ ە ۂ, which the search form folds with it:
        # the word lists name the dotless spellings they read ("مائه"). ۃ is a teh marbuta.
        **{c: f for c, f in ARABIC_LETTER_FOLDS.items() if c not in "ةۀەۂۃ"},
        "\u06c3": "\u0629",
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


def _fa(*words: str, adjective: bool = True) -> str:
    """Return an alternation of Persian words allowing tatweel and harakat.

    A space inside a word may also be a ZWNJ or nothing ("متر مکعب", "مترمکعب"). With
    `adjective`, each word may take the adjectival -ی ("درصدی", "تومانی", "یورویی", "بشکه‌ای").
    """
    return "|".join(
        _loose(w).replace(" ", "[ \u00a0\u200c]?") + _fa_suffix(w, adjective) for w in words
    )


def _fa_suffix(word: str, adjective: bool) -> str:
    if not adjective:
        return ""
    if word.endswith(("و", "ا")):
        return "(?:یی|ئی)?"
    if word.endswith("ه"):
        return "(?:\u200c?ای)?"
    return "ی?"


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
        (_ar("جنيه إسترليني", "جنيه استرليني", "جنيهات إسترلينية"), "GBP"),
        (_ar("جنيه سوداني", "جنيهات سودانية"), "SDG"),
        # A bare pound in Arabic news is the Egyptian one.
        (_ar("جنيه مصري", "جنيهات مصرية", "جنيه", "جنيهات"), "EGP"),
        (_ar("دينار عراقي", "دنانير عراقية"), "IQD"),
        (_ar("دينار كويتي", "دنانير كويتية"), "KWD"),
        (_ar("دينار أردني", "دينار اردني", "دنانير أردنية"), "JOD"),
        (_ar("دينار جزائري", "دنانير جزائرية"), "DZD"),
        (_ar("دينار تونسي", "دنانير تونسية"), "TND"),
        (_ar("دينار ليبي", "دنانير ليبية"), "LYD"),
        (_ar("دينار بحريني", "دنانير بحرينية"), "BHD"),
        (_ar("درهم إماراتي", "درهم اماراتي", "دراهم إماراتية"), "AED"),
        (_ar("درهم مغربي", "دراهم مغربية"), "MAD"),
        (_ar("ريال يمني", "ريالات يمنية"), "YER"),
        (_ar("ليرة لبنانية", "ليرات لبنانية"), "LBP"),
        (_ar("ليرة سورية", "ليرات سورية"), "SYP"),
        (_ar("ليرة تركية", "ليرات تركية"), "TRY"),
        (_ar("شيكل", "شيكلات", "شيقل"), "ILS"),
    ],
    "fa": [
        (_fa("دلار"), "USD"),
        (_fa("یورو"), "EUR"),
        (_fa("ریال"), "IRR"),
        (_fa("تومان"), "IRT"),
        (_fa("روبل"), "RUB"),
        (_fa("یوان"), "CNY"),
        (_fa("پوند"), "GBP"),
        (_fa("درهم"), "AED"),
        (_fa("دینار عراق", "دینار عراقی"), "IQD"),
        (_fa("لیر ترکیه"), "TRY"),
        (_fa("افغانی"), "AFN"),
    ],
    "ru": [
        (r"доллар(?:ов|ам|ах|а|ы)?|долл\.?", "USD"),
        (r"евро", "EUR"),
        (r"рубл(?:ями|ям|ях|ей|ь|я)|руб\.?", "RUB"),
        (r"риал(?:ов|а|ы)?", "IRR"),
        (r"томан(?:ов|а|ы)?", "IRT"),
        (r"юан(?:ей|ь|я|и)", "CNY"),
        (r"фунт(?:ов|а)?\s+стерлингов", "GBP"),
        (r"гривен|гривн(?:ами|ам|ах|ы|а|у)?|грн\.?", "UAH"),
        (r"тенге", "KZT"),
        (r"турецк(?:их|ие|ая|ой|ую)\s+лир(?:ами|ам|ах|ы|а|у)?", "TRY"),
        (r"иен(?:ами|ам|ах|ы|а|у)?|йен(?:ами|ам|ах|ы|а|у)?", "JPY"),
    ],
    "en": [
        (r"(?:US\s)?dollars?", "USD"),
        (r"euros?", "EUR"),
        (r"r(?:o)?ubles?", "RUB"),
        (r"rials?", "IRR"),
        (r"tomans?", "IRT"),
        (r"yuan", "CNY"),
        (r"pounds?\s+sterling", "GBP"),
        (r"Egyptian\s+pounds?", "EGP"),
        (r"Iraqi\s+dinars?", "IQD"),
        (r"(?:UAE\s+|Emirati\s+)?dirhams?", "AED"),
        (r"Turkish\s+lira", "TRY"),
        (r"hryvnias?|hryvnia", "UAH"),
        (r"yen", "JPY"),
        (r"Indian\s+rupees?", "INR"),
        (r"shekels?", "ILS"),
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
    (r"₴", "UAH"),
    (r"₺", "TRY"),
    (r"¥", "JPY"),
    (r"₹", "INR"),
    (r"₪", "ILS"),
    (r"USD|EUR|GBP|RUB|IRR|IRT|CNY|EGP|AED|SAR|TRY|UAH|JPY|INR", ""),  # "" = the code as written
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

# Persian "تن" counts persons where people follow it: a verb of casualty or of people ("۵ تن
# کشته شدند", "دو تن گفتند", after "دیگر", "نیز" or "هم"), or «از» and a plural of people ("۲۰
# تن از مسافران", "کشته‌شدگان", "دانشجویان", "افراد", "آنها"). Elsewhere it weighs: "۵ تن گندم",
# "۵۰۰ تن از این محموله".
_FA_CASUALTY = (
    "کشته|زخمی|مجروح|مصدوم|جان|شهید|بازداشت|دستگیر|اعدام|فوت|درگذشت|هلاک|مفقود|ناپدید|ربوده|"
    "اسیر|زندانی|بستری|مسموم|غرق|نجات|محکوم|ترور|قربانی|گروگان|گفتند|هستند|بودند|"
    "به[ \u00a0]+(?:شهادت|قتل|هلاکت)"
)
_FA_PEOPLE_STEMS = (
    "معترض|مسافر|کارگر|سرباز|شهروند|کودک|زن|مرد|دختر|پسر|فرزند|معلم|پزشک|پرستار|خبرنگار|"
    "روزنامه[\u200c ]?نگار|فعال|مسئول|مسؤول|مامور|مأمور|کارمند|کارکن|فرمانده|مهاجر|هوادار|"
    "بازیکن|دانش[\u200c ]?آموز|محقق|دانشمند|کارشناس|مدیر|متهم|مظنون|مجروح|مصدوم|ساکن|همکار|"
    "سرنشین|شهید|اسیر|تروریست|نظامی|شورشی|زندانی|قربانی|حامی|ایرانی|افغان|عراقی|سوری"
)
_FA_PEOPLE = (
    f"(?:{_FA_PEOPLE_STEMS})(?:ان|ین|یان|[\u200c ]?ها(?:ی)?)"
    "|(?:[^\\W\\d_]|\u200c)*(?:گان|یان)"  # کشته‌شدگان, نمایندگان, دانشجویان
    "|افراد|اعضا|اعضای|اتباع|عوامل|نفرات|مقامات|شهدا|اسرا|وزرا|اهالی|مردم|سران|نیروهای|نیروها"
    "|آنان|آنها|آن[\u200c ]ها|ایشان|ما|شما"
)
_FA_PERSONS_AFTER = (
    "(?=[ \u00a0]+(?:"
    f"از[ \u00a0]+(?:{_FA_PEOPLE})(?!\u200c?[^\\W\\d_])"
    f"|(?:(?:دیگر|نیز|هم)[ \u00a0]+)?(?:{_FA_CASUALTY})"  # any ending: "درگذشتند"
    "))"
)

# (pattern, unit) per language; the most specific form comes first ("متر مکعب" before "متر",
# "كيلو متر" before "كيلو").
_UNITS: dict[str, list[tuple[str, str]]] = {
    "ar": [
        (_ar("كيلومتر مربع", "كيلومترات مربعة", "كلم مربع", "كم مربع") + "|كم2|كم²", "km2"),
        (_ar("كيلومتر", "كيلومترات", "كيلو متر", "كلم", "كم"), "km"),
        (_ar("متر مربع", "أمتار مربعة", "مترات مربعة") + "|م2|م²", "m2"),
        (_ar("متر مكعب", "أمتار مكعبة", "مترات مكعبة") + "|م3|م³", "m3"),
        (_ar("سنتيمتر", "سنتيمترات", "سنتيمتراً", "سنتيمترا"), "cm"),
        (_ar("مليمتر", "مليمترات", "ملم"), "mm"),
        (_ar("متر", "أمتار"), "m"),
        (_ar("لتر", "لترات", "ليتر", "ليترات"), "litre"),
        (_ar("كيلوغرام", "كيلوغرامات", "كيلوجرام", "كيلوجرامات", "كغ", "كجم", "كيلو"), "kg"),
        (_ar("طن", "أطنان"), "tonne"),
        (_ar("هكتار", "هكتارات"), "hectare"),
        (_ar("ميغاواط", "ميجاواط", "ميغاوات", "ميجاوات", "ميغا واط", "ميغاواطات"), "MW"),
        (_ar("برميل", "براميل"), "barrel"),
        (_ar("ميل", "أميال"), "mile"),
        (_ar("شخص", "أشخاص", "ضيف", "ضيوف", "قتيل", "قتلى", "جريح", "جرحى"), "person"),
        (_ar("ساعة", "ساعات"), "hour"),
        (_ar("يوم", "أيام"), "day"),
        (_ar("أسبوع", "أسابيع"), "week"),
        (_ar("شهر", "أشهر", "شهور"), "month"),
        (_ar("سنة", "سنوات", "سنين", "عام", "أعوام"), "year"),
    ],
    "fa": [
        (_fa("کیلومتر مربع"), "km2"),
        (_fa("کیلومتر"), "km"),
        (_fa("متر مربع"), "m2"),
        (_fa("متر مکعب"), "m3"),
        (_fa("سانتیمتر", "سانتی‌متر", "سانت"), "cm"),
        (_fa("میلیمتر", "میلی‌متر"), "mm"),
        (_fa("متر"), "m"),
        (_fa("لیتر"), "litre"),
        (_fa("کیلوگرم", "کیلو"), "kg"),
        (_fa("تن", adjective=False) + _FA_PERSONS_AFTER, "person"),
        (_fa("تن"), "tonne"),
        (_fa("هکتار"), "hectare"),
        (_fa("مگاوات"), "MW"),
        (_fa("بشکه"), "barrel"),
        (_fa("مایل"), "mile"),
        (_fa("نفر"), "person"),
        (_fa("ساعت", adjective=False), "hour"),
        (_fa("روز", adjective=False), "day"),
        (_fa("هفته", adjective=False), "week"),
        (_fa("ماه", adjective=False), "month"),
        (_fa("سال", adjective=False), "year"),
    ],
    "ru": [
        (r"квадратных\s+километров|кв\.?\s?км|км2|км²", "km2"),
        (r"км|километр(?:ов|а|ы)?", "km"),
        (r"квадратных\s+метров|квадратного\s+метра|кв\.?\s?м|м2|м²", "m2"),
        (r"кубометр(?:ов|а|ы)?|кубических\s+метров|куб\.?\s?м|м3|м³", "m3"),
        (r"см|сантиметр(?:ов|а|ы)?", "cm"),
        (r"мм|миллиметр(?:ов|а|ы)?", "mm"),
        (r"метр(?:ов|а|ы)?|м", "m"),
        (r"литр(?:ов|а|ы)?", "litre"),
        (r"кг|килограмм(?:ов|а|ы)?", "kg"),
        (r"тонн(?:а|ы)?", "tonne"),
        (r"гектар(?:ов|а|ы)?|га", "hectare"),
        (r"МВт|мегаватт(?:ов|а|ы)?", "MW"),
        (r"баррел(?:ей|я|ь|и)", "barrel"),
        (r"мил(?:ях|ям|ь|и|я)", "mile"),
        (r"человека?", "person"),
        (r"час(?:ов|а|ам|ами|ах)?", "hour"),
        (r"дн(?:ей|я|ям|ями|ях)|день|сут(?:ок|ки|кам)", "day"),
        (r"недел(?:ь|и|ю|я|ям|ями|ях)", "week"),
        (r"месяц(?:ев|а|ам|ами|ах)?", "month"),
        (r"лет|год(?:ам|ами|ах|а)?", "year"),  # not "году": "в 2019 году" is a date
    ],
    "en": [
        (r"square\s+kilomet(?:re|er)s?|sq\.?\s?km|km2|km²", "km2"),
        (r"km|kilomet(?:re|er)s?", "km"),
        (r"square\s+met(?:re|er)s?|sq\.?\s?m|m2|m²", "m2"),
        (r"cubic\s+met(?:re|er)s?|cu\.?\s?m|m3|m³", "m3"),
        (r"cm|centimet(?:re|er)s?", "cm"),
        (r"mm|millimet(?:re|er)s?", "mm"),
        (r"met(?:re|er)s?", "m"),  # not a bare "m": "5m people" is five million
        (r"lit(?:re|er)s?", "litre"),
        (r"kg|kilo(?:gram)?s?", "kg"),
        (r"(?:metric\s+)?(?:tonnes?|tons?)", "tonne"),
        (r"hectares?|ha", "hectare"),
        (r"MW|megawatts?", "MW"),
        (r"barrels?|bbl", "barrel"),
        (r"miles?(?!\s+(?:per|an?)\s+(?:hour|gallon))", "mile"),  # not "miles per gallon"
        (r"people|persons?", "person"),
        (r"hours?", "hour"),
        (r"days?", "day"),
        (r"weeks?", "week"),
        (r"months?", "month"),
        (r"years?|yrs?", "year"),
    ],
}

# Units that measure the same kind of thing: "5 km" and "5 miles" are two lengths.
UNIT_KINDS: dict[str, str] = {
    "km": "length",
    "m": "length",
    "cm": "length",
    "mm": "length",
    "mile": "length",
    "km2": "area",
    "m2": "area",
    "hectare": "area",
    "m3": "volume",
    "litre": "volume",
    "barrel": "volume",
    "kg": "mass",
    "tonne": "mass",
    "hour": "duration",
    "day": "duration",
    "week": "duration",
    "month": "duration",
    "year": "duration",
}
# Units added after the shipped models learnt from this module's reading: `find_quantities`
# leaves them out with `as_trained=True`, which the models' feature code passes.
LATER_UNITS = frozenset({"hour", "day", "week", "month", "year", "cm", "mm"})
# Only English "year" and Russian «год», «года» after a year-like number make a date: Arabic
# counts from eleven and Persian counts take the singular ("1400 عام", «۱۴۰۰ سال پیش»).
_YEAR_OF_DATE = re.compile(r"(?:\byear|\bгода?)$", re.IGNORECASE)

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

# Number words: (spelling, coefficient, magnitude, rule). A word counts only before a magnitude
# word or a unit/currency ("سه هزار", "دو نفر"), and by its rule:
#   "one"    not before a count of people either ("یک نفر" is "someone")
#   "scale"  only before a magnitude word (Persian "نه" is also "no")
#   "tail"   only before a unit or currency: an Arabic dual in construct ("مليوني دولار")
#   "alone"  also alone: an Arabic dual ("مليونان")
#   "half"   "and a half" ("دو و نیم میلیارد", "مليون ونصف")
_Spelling = tuple[str, float, float, str]


def _arabic_number_words() -> list[_Spelling]:
    units = {
        1: ("واحد", "واحدة"),
        2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
        3: ("ثلاث", "ثلاثة"),
        4: ("أربع", "أربعة"),
        5: ("خمس", "خمسة"),
        6: ("ست", "ستة"),
        7: ("سبع", "سبعة"),
        8: ("ثمان", "ثماني", "ثمانية"),
        9: ("تسع", "تسعة"),
    }
    words: list[_Spelling] = [
        (w, n, 1.0, "one" if n == 1 else "") for n, forms in units.items() for w in forms
    ]
    words += [(w, 10, 1.0, "") for w in ("عشر", "عشرة")]
    teens = {11: ("أحد عشر", "إحدى عشرة"), 12: ("اثنا عشر", "اثني عشر", "اثنتا عشرة", "اثنتي عشرة")}
    teens.update(
        {n + 10: tuple(f"{u} {t}" for u in units[n] for t in ("عشر", "عشرة")) for n in range(3, 10)}
    )
    words += [(w, n, 1.0, "") for n, forms in teens.items() for w in forms]
    stems = {
        3: ("ثلاث",),
        4: ("أربع",),
        5: ("خمس",),
        6: ("ست",),
        7: ("سبع",),
        8: ("ثمان", "ثماني"),
        9: ("تسع",),
    }
    words += [
        (f"{s}{end}", n * 10, 1.0, "")
        for n, ss in stems.items()
        for s in ss
        for end in ("ون", "ين")
    ]
    words += [(f"عشر{end}", 20, 1.0, "") for end in ("ون", "ين")]
    hundred = ("مائة", "مئة", "مائه", "مئه")
    words += [(w, 100, 1.0, "") for w in hundred]
    words += [
        (f"{s}{end}", 200, 1.0, "") for s in ("مئت", "مائت") for end in ("ان", "ين", "ا", "ي")
    ]
    words += [
        (f"{s}{gap}{h}", n * 100, 1.0, "")
        for n, ss in stems.items()
        for s in ss
        for h in hundred
        for gap in ("", " ")
    ]
    for stem, magnitude in (
        ("ألف", 1e3),
        ("الف", 1e3),
        ("مليون", 1e6),
        ("مليار", 1e9),
        ("بليون", 1e9),
    ):
        words.append((stem, 1, magnitude, ""))
        words += [(f"{stem}{end}", 2, magnitude, "alone") for end in ("ان", "ين")]
        words += [(f"{stem}{end}", 2, magnitude, "tail") for end in ("ا", "ي")]
    words.append(("نصف", 0.5, 1.0, "half"))
    return words


def _series(words: str, first: int, step: int) -> list[_Spelling]:
    """Plain number words in order: _series("بیست سی", 2, 10) -> بیست 20, سی 30."""
    return [(w, (first + i) * step, 1.0, "") for i, w in enumerate(words.split())]


_PERSIAN_NUMBER_WORDS: list[_Spelling] = [
    ("یک", 1, 1.0, "one"),
    *_series("دو سه چهار پنج شش هفت هشت", 2, 1),
    ("نه", 9, 1.0, "scale"),
    *_series("ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده", 10, 1),
    *_series("بیست سی چهل پنجاه شصت هفتاد هشتاد نود", 2, 10),
    *_series("صد دویست سیصد چهارصد پانصد ششصد هفتصد هشتصد نهصد", 1, 100),
    *_series("یکصد", 1, 100),
    # Spoken spellings that news also prints.
    *((w, n, 1.0, "") for w, n in (("شیش", 6), ("پونزده", 15), ("هیفده", 17), ("هیجده", 18))),
    *((w, n, 1.0, "") for w, n in (("هژده", 18), ("پونصد", 500))),
    ("هزار", 1, 1e3, ""),  # not "میلیون": "چند میلیون" is "several million"
    ("نیم", 0.5, 1.0, "half"),
]

_ENGLISH_UNITS = "one two three four five six seven eight nine"


def _english_number_words() -> list[_Spelling]:
    """Cardinals 0-999 ("twenty" and "five" make "twenty-five"), "a" before a magnitude ("a
    million"), "a dozen", and the halves: "two and a half", "half a million"."""
    units = _units(_ENGLISH_UNITS)
    words: list[_Spelling] = [("zero", 0, 1.0, "")]
    words += [(w, n, 1.0, "one" if n == 1 else "") for w, n in units]
    words += _series(
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10, 1
    )
    words += _series("twenty thirty forty fifty sixty seventy eighty ninety", 2, 10)
    words += [(f"{w} hundred", 100.0 * n, 1.0, "") for w, n in units]
    words.append(("a hundred", 100, 1.0, ""))
    for scale, magnitude in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9)):
        words.append((f"a {scale}", 1, magnitude, ""))
    words += [("a trillion", 1, 1e12, ""), ("a dozen", 12, 1.0, ""), ("half a dozen", 6, 1.0, "")]
    words += [("half a", 0.5, 1.0, "scale"), ("a half", 0.5, 1.0, "half")]
    return words


def _units(words: str) -> list[tuple[str, int]]:
    return [(w, n) for n, w in enumerate(words.split(), start=1)]


def _russian_number_words() -> list[_Spelling]:
    """Cardinals 0-999 in the cases news puts them in ("два", "двух", "пятьюдесятью"), the
    magnitudes in the singular ("тысяча", "миллиона": one of them; "тысячи" is also "thousands"),
    and the halves: "полтора", "полутора", "два с половиной"."""
    forms = {
        0: "ноль нуль",
        1: "один одна одно одного одной одному одним одном одну",
        2: "два две двух двум двумя",
        3: "три трех трёх трем трём тремя",
        4: "четыре четырех четырёх четырем четырём четырьмя",
        5: "пять пяти пятью",
        6: "шесть шести шестью",
        7: "семь семи",  # not "семью", also "family"
        8: "восемь восьми восемью",
        9: "девять девяти девятью",
        10: "десять десяти десятью",
        20: "двадцать двадцати двадцатью",
        30: "тридцать тридцати тридцатью",
        40: "сорок сорока",
        50: "пятьдесят пятидесяти пятьюдесятью",
        60: "шестьдесят шестидесяти шестьюдесятью",
        70: "семьдесят семидесяти семьюдесятью",
        80: "восемьдесят восьмидесяти восемьюдесятью",
        90: "девяносто девяноста",
        100: "сто ста",
        200: "двести двухсот двумстам",
        300: "триста трехсот трёхсот",
        400: "четыреста четырехсот четырёхсот",
        500: "пятьсот пятисот",
        600: "шестьсот шестисот",
        700: "семьсот семисот",
        800: "восемьсот восьмисот",
        900: "девятьсот девятисот",
    }
    teens = "одиннадцат двенадцат тринадцат четырнадцат пятнадцат шестнадцат семнадцат "
    teens += "восемнадцат девятнадцат"
    for n, stem in enumerate(teens.split(), start=11):
        forms[n] = " ".join(stem + end for end in ("ь", "и", "ью"))
    words: list[_Spelling] = [
        (w, n, 1.0, "one" if n == 1 else "") for n, ws in forms.items() for w in ws.split()
    ]
    for spellings, magnitude in (
        ("тысяча тысячу", 1e3),
        ("миллион миллиона", 1e6),
        ("миллиард миллиарда", 1e9),
        ("триллион триллиона", 1e12),
    ):
        words += [(w, 1, magnitude, "") for w in spellings.split()]
    words += [(w, 1.5, 1.0, "") for w in ("полтора", "полторы", "полутора")]
    words.append(("с половиной", 0.5, 1.0, "half"))
    return words


_NUMBER_WORDS: dict[str, list[_Spelling]] = {
    "ar": _arabic_number_words(),
    "fa": _PERSIAN_NUMBER_WORDS,
    "ru": _russian_number_words(),
    "en": _english_number_words(),
}
# Languages whose number words follow each other without "and": "twenty-five", "сто двадцать".
_SPACED = ("ru", "en")

# The "and" between the parts of an amount ("۲ میلیون و ۵۰۰ هزار", "one hundred and five"):
# Arabic attaches و to the next word ("و200 ألف"), and its pattern reads the Persian one too.
_AND = {
    "ar": f"{_SPACE}{{1,2}}و{_MARKS}{_SPACE}{{0,2}}",
    "fa": f"{_SPACE}{{1,2}}و{_SPACE}{{1,2}}",
    "en": f"{_SPACE}{{1,2}}and{_SPACE}{{1,2}}",
    "ru": f"{_SPACE}{{1,2}}и{_SPACE}{{1,2}}",
}
# "Several" or a plural of tens before number words: "ده‌ها هزار نفر", "چند هزار نفر" are no
# count of a thousand; nor is a part of the number: "a quarter of a million", "четверть
# миллиона", "six point eight billion".
_SEVERAL_BEFORE = re.compile(
    _fold("(?<![^\\W\\d_])(?:چند|چندین|هزاران|(?:ده|صد|هزار|میلیون|میلیارد)\u200c?ها")
    + r"|point|(?:quarter|third|fifth|tenth|fraction|half)s?\s+of|четверть|треть|половин[аеуы])"
    + "[ \u00a0\u200c]*$",
    re.IGNORECASE,
)
# "بين 2 مليون و500 ألف" is a range, not one amount.
_BETWEEN_BEFORE = re.compile(
    _fold(r"(?<![^\W\d_])(?:بين|بین|between|между)[ \u00a0]*$"), re.IGNORECASE
)

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

# Nouns whose count a number that could be a year gives: "2000 troops" is no year, while "the
# 2020 elections", "2019 protests" are. English and Russian may put an adjective between ("2000
# US troops", "2000 more troops", "2000 российских военных"); Arabic and Persian ones follow.
_AR_COUNTED = (
    "جندي جنود عسكري عسكريين شرطي مقاتل مسلح عنصر مدني طفل أطفال امرأة لاجئ مهاجر نازح "
    "معتقل سجين أسير رهينة متظاهر محتج مواطن طالب تلميذ عامل موظف مريض طبيب معلم زائر "
    "حاج عائلة أسرة ضحية مصاب جريح منزل مسكن مبنى مدرسة مستشفى سيارة مركبة دبابة صاروخ "
    "قذيفة طائرة مسيرة"
)
_FA_COUNTED = (
    "سرباز نیرو نظامی پلیس مامور رزمنده شبه‌نظامی غیرنظامی کودک زن پناهجو مهاجر آواره "
    "زندانی اسیر گروگان معترض شهروند دانشجو دانش‌آموز کارگر کارمند بیمار پزشک پرستار "
    "معلم زائر خانوار خانواده قربانی کشته زخمی مجروح خانه مدرسه بیمارستان خودرو تانک "
    "موشک پهپاد هواپیما"
)
_COUNTED = {
    "en": (
        "troops|soldiers|servicemen|marines|sailors|officers|policemen|police|fighters|"
        "militants|rebels|civilians|children|kids|women|men|migrants|refugees|immigrants|"
        "protesters|demonstrators|prisoners|detainees|inmates|hostages|patients|doctors|nurses|"
        "teachers|students|pupils|workers|employees|staff|residents|citizens|voters|members|"
        "tourists|pilgrims|visitors|families|households|victims|casualties|homes|houses|"
        "buildings|schools|hospitals|vehicles|cars|trucks|tanks|missiles|rockets|drones|"
        "aircraft|planes|jets|ships|boats|weapons|guns|rifles|bombs|shells|arrests|signatures"
    ),
    "ru": (
        "военных|военнослужащих|солдат|бойцов|боевиков|полицейских|жителей|детей|женщин|"
        "мужчин|граждан|беженцев|мигрантов|студентов|школьников|рабочих|сотрудников|"
        "заключенных|заключённых|пленных|пациентов|врачей|учителей|туристов|паломников|"
        "погибших|раненых|пострадавших|задержанных|участников|семей|домов|квартир|школ|"
        "больниц|автомобилей|машин|танков|ракет|снарядов|беспилотников|дронов|самолетов|"
        "самолётов|единиц"
    ),
    "ar": _ar(*_AR_COUNTED.split()),
    "fa": _fa(*_FA_COUNTED.split(), "واحد مسکونی", adjective=False),
}
_COUNTED_ADJECTIVE = {
    # A capitalised word ("US", "American") or one of these; case matters for the first.
    "en": "[A-Z][A-Za-z.'’-]*|(?i:more|new|additional|extra|foreign|armed|other|young|local)",
    "ru": "[а-яёА-ЯЁ-]+(?:ых|их)",  # genitive plural: "российских"
}
# A capitalised word after a lower-case one before the number names it: "World Cup 2022
# workers", "Qatar 2022 workers" are years.
_NAME_BEFORE = re.compile(r"(?<=[a-z,;]\s)[A-Z][A-Za-z'’-]*\s+$")


@functools.cache
def _counted_after(lang: str) -> re.Pattern[str]:
    """The counted noun after a number that could be a year ("2000 troops"), in `lang`."""
    langs = [lang] if lang in SUPPORTED_LANGS else list(SUPPORTED_LANGS)
    nouns = []
    for code in langs:
        adjective = _COUNTED_ADJECTIVE.get(code)
        between = f"(?:(?:{adjective}){_SPACE}{{1,2}})?" if adjective else ""
        nouns.append(f"{between}(?i:{_fold(_COUNTED[code])})")
    return re.compile(f"{_SPACE}{{1,2}}(?:{_alternation(nouns)}){_WORD_END}")


def _is_count(folded: str, m: re.Match[str], lang: str) -> bool:
    """Tell whether a number that could be a year counts the noun after it ("2000 troops")."""
    if not _counted_after(lang).match(folded, m.end()):
        return False
    return not _NAME_BEFORE.search(folded, max(0, m.start() - 40), m.start())


_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_PHONE = re.compile(
    r"(?<!\w)(?:\+\d[\d \-\u00a0().]{6,}\d"
    r"|\(\d{2,5}\)[ \-\u00a0]?\d[\d \-\u00a0]{4,}\d"
    r"|\d{1,4}(?:[ \-\u00a0]\d{2,4}){2,})(?!\d)"
)
_LETTER_OR_HYPHEN_LETTER = re.compile(r"-?[^\W\d_]")
_LATIN_CYRILLIC = "A-Za-zА-Яа-яЁё"
_WORD_END = "(?!\u200c?[^\\W\\d_])"  # not followed by a letter, nor by ZWNJ and a letter ("ده‌ها")


@dataclass(frozen=True)
class _Word:
    """A number word: its coefficient, magnitude and rule (see `_NUMBER_WORDS`)."""

    coef: float
    magnitude: float
    rule: str


@dataclass
class _Part:
    """One part of an amount: a coefficient and the magnitudes after it ("۵۰۰", [1e3])."""

    coef: float
    scales: list[float]
    half: bool = False  # "و نیم" after a magnitude: half of it


@dataclass(frozen=True)
class _Grammar:
    """The compiled patterns for one language."""

    quantity: re.Pattern[str]
    more: re.Pattern[str]  # a further part of the same amount: "و ۵۰۰ هزار نفر"
    word: re.Pattern[str]  # one number word, after an optional "and"
    words: dict[str, _Word]
    scales: list[tuple[re.Pattern[str], float]]
    tails: list[tuple[re.Pattern[str], str, str]]  # (pattern, kind, value) kind: currency|unit
    arabic_order: bool  # units before tens: "خمسة وعشرون"
    spaced: bool  # number words follow each other without "and": "two thousand five hundred"


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _word_key(word: str) -> str:
    """The spelling of a folded number word as `_Grammar.words` keys it."""
    return " ".join(re.sub("[\u0640\u064b-\u0652]", "", word).split()).lower()


_Trie = dict[str, "_Trie"]


def _trie(words: list[str]) -> str:
    """Return an alternation of `words` factored by prefix, which the regex engine runs fast."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            ("[ \u00a0]" if ch == " " else _loose(re.escape(ch))) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@functools.cache
def _grammar(lang: str, as_trained: bool = False) -> _Grammar:
    """Compile (once per language) the quantity pattern and the tables that read its parts;
    `as_trained` leaves out the units added after the shipped models learnt (`LATER_UNITS`)."""
    langs = [lang] if lang in SUPPORTED_LANGS else list(SUPPORTED_LANGS)
    sep_lang = lang if lang in SUPPORTED_LANGS else "en"
    flags = re.IGNORECASE

    scales = [(_fold(p), v) for code in langs for p, v in _SCALES[code]]
    tails: list[tuple[str, str, str]] = []
    for code in langs:
        tails += [(_fold(p), "currency", c) for p, c in _CURRENCY_WORDS[code]]
        tails.append((_fold(_PERCENT[code]), "unit", "percent"))
        tails += [
            (_fold(p), "unit", u) for p, u in _UNITS[code] if not as_trained or u not in LATER_UNITS
        ]
    tails += [(p, "currency", c) for p, c in _CURRENCY_SIGNS]
    tails.append((r"%", "unit", "percent"))
    words = {
        _word_key(_fold(w)): _Word(coef, magnitude, rule)
        for code in langs
        for w, coef, magnitude, rule in _NUMBER_WORDS[code]
    }

    scale_alt = _alternation([p for p, _ in scales])
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
    # The Arabic "and" also reads the Persian one.
    inner_and = _alternation([_AND[code] for code in langs if code != "fa" or "ar" not in langs])
    # Named groups may not repeat in one pattern: only the outer "and" is captured.
    conjunction = f"(?P<and>{inner_and})"
    spellings = sorted({_fold(w) for code in langs for w, *_ in _NUMBER_WORDS[code]})
    word = f"(?:{_trie(spellings)}){_WORD_END}"
    # Between two number words: "and" ("بیست و پنج", "one hundred and five"), or where words
    # follow each other without it, a space ("сто двадцать") or an English hyphen ("twenty-five").
    spaced = any(code in _SPACED for code in langs)
    joiners = [inner_and]
    if spaced:
        joiners.append(f"{_SPACE}{{1,2}}")
    if "en" in langs:
        joiners.append("-")
    word_seq = f"{word}(?:(?:{_alternation(joiners)}){word})*"
    # Arabic proclitics before a number word: "بمليوني دولار", "وخمسة".
    clitic = f"(?:[وبل]{_MARKS})?" if "ar" in langs else ""
    # A word start is tried only at a letter that may begin one: one test, not the whole trie.
    first = {w[0] for w in spellings} | ({"و", "ب", "ل"} if clitic else set())
    start_letter = f"(?=[{re.escape(''.join(sorted(first)))}])"
    words_led = rf"{start_letter}(?<![^\W\d_])(?<!\u200c){clitic}(?P<words>{word_seq})"

    def rest(scale: str) -> str:
        return (
            rf"(?P<scales>(?:{gap}(?:{scale}){_LETTER_AHEAD})*)"
            rf"(?:{gap}(?P<tail>(?:{tail_alt})){_LETTER_AHEAD})?"
        )

    # "m" means million only next to a currency sign ("$5m"); alone it is metres.
    pattern = (
        rf"(?:(?:(?<![^\W\d_])(?P<pre>{prefix_alt}){gap})?"
        r"(?:(?<![\w.,/-])(?P<sign>[-−])(?=\d))?"
        rf"{number}|{words_led})" + rest(rf"{scale_alt}|(?:(?(pre)m|(?!)))")
    )
    # A further part: "و ۵۰۰ هزار" (ar, fa), " and 500 thousand" or " 500 тыс." (ru, en); only a
    # magnitude may follow a part without "and" (`_joins`).
    joint = _alternation([conjunction, f"{_SPACE}{{1,2}}"])
    more = rf"(?:{joint})(?:{number}|(?P<words>{word_seq}))" + rest(scale_alt)
    return _Grammar(
        quantity=re.compile(pattern, flags),
        more=re.compile(more, flags),
        word=re.compile(
            rf"(?:(?P<j>{inner_and})|{_alternation(joiners[1:] or ['(?!)'])})?"
            rf"(?P<w>{word})",
            flags,
        ),
        words=words,
        # The same end test as in `pattern`, so "ريالا" of "ريالات" and "مليارا" of "مليارات"
        # cannot end a word early.
        scales=[(re.compile(rf"(?:{p}){_LETTER_AHEAD}", flags), v) for p, v in scales],
        tails=[
            (re.compile(rf"(?:{p}){_LETTER_AHEAD}", flags), kind, value) for p, kind, value in tails
        ],
        arabic_order="ar" in langs,
        spaced=spaced,
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


def _read_scales(folded: str, start: int, end: int, grammar: _Grammar) -> list[float]:
    """Return the scale words in folded[start:end] as values ("هزار میلیارد" -> [1e3, 1e9])."""
    found = []
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
        found.append(best_value)
        pos = best_end
    return found


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


def _digits_value(m: re.Match[str]) -> float:
    integer = re.sub(r"\D", "", m.group("int"))
    return float(f"{integer}.{m.group('frac')}" if m.group("frac") else integer)


def _order(value: float) -> int:
    """3 for hundreds, 2 for tens and teens, 1 for units, 0 for a half."""
    return 3 if value >= 100 else 2 if value >= 10 else 1 if value >= 1 else 0


def _joins(before: _Part, part: _Part, conjunction: bool) -> bool:
    """Tell whether `part` may follow `before` in one amount ("۲ میلیون" + "و ۵۰۰ هزار")."""
    if part.half:
        return conjunction
    if not before.scales or part.coef >= 1000:
        return False
    last = before.scales[-1]
    if not part.scales:
        return conjunction and part.coef < last
    # "۱۲ هزار و ۵۰۰ میلیارد": a magnitude after a thousands part takes the whole of it.
    return part.scales[0] < last or (conjunction and last == 1e3 and part.scales[0] >= 1e6)


def _word_parts(
    folded: str, start: int, end: int, grammar: _Grammar, before: _Part | None = None
) -> tuple[list[_Part], list[tuple[int, int, _Word]], bool]:
    """Read the number words in folded[start:end] as parts: "صد و بیست و پنج" -> [125].

    `before` is the part these words continue ("۲ میلیون" before "و نیم"), if any. Returns the
    parts, the words (start, end, word), and whether all of them make one amount.
    """
    tokens: list[tuple[int, int, _Word]] = []
    joined: list[bool] = []  # whether an "and" comes before each word
    pos = start
    while pos < end and (m := grammar.word.match(folded, pos, end)):
        tokens.append((m.start("w"), m.end("w"), grammar.words[_word_key(m.group("w"))]))
        joined.append(m.group("j") is not None)
        pos = m.end()
    parts: list[_Part] = []
    order, has_tens = 4, False
    for (_, _, word), after_and in zip(tokens, joined, strict=True):
        last = parts[-1] if parts else before
        if word.magnitude > 1 and parts and not after_and and not parts[-1].scales:
            # A magnitude word right after words, without "and", multiplies them: "два
            # миллиона", "одна тысяча" ("тысяча", "миллиона" also lead: "тысяча рублей").
            if word.coef != 1 or parts[-1].half or not _add_scales(parts, [word.magnitude]):
                return parts, tokens, False
            order, has_tens = 4, False
            continue
        if word.rule == "half":
            if last is None or last.half or order == 0:
                return parts, tokens, False
            if last.scales:  # "مليون ونصف"
                parts.append(_Part(0.5, [last.scales[-1]], half=True))
            elif not parts:  # "۵ و نیم": digits take no half
                return parts, tokens, False
            else:  # "دو و نیم"
                last.coef += 0.5
            order = 0
            continue
        if word.magnitude > 1:  # "ألف", "مليونان": a part of its own
            part = _Part(word.coef, [word.magnitude])
            if last is not None and not _joins(last, part, conjunction=True):
                return parts, tokens, False
            parts.append(part)
            order, has_tens = 4, False
            continue
        rank = _order(word.coef)
        if not parts or parts[-1].scales:
            parts.append(_Part(word.coef, []))
        elif rank < order or (
            # Arabic says the units first: "خمسة وعشرون".
            grammar.arabic_order and order == 1 and rank == 2 and word.coef >= 20 and not has_tens
        ):
            parts[-1].coef += word.coef
        else:
            return parts, tokens, False
        order, has_tens = rank, has_tens or rank == 2
    return parts, tokens, True


def _add_scales(parts: list[_Part], scales: list[float]) -> bool:
    """Put the magnitude words after the words on their last part; tell whether they fit."""
    last = parts[-1]
    if last.half:  # "مليون ونصف مليون"
        if scales[:1] == last.scales:
            scales = scales[1:]
        return not scales
    last.scales += scales
    return len(parts) < 2 or _joins(parts[-2], last, conjunction=True)


def _value(parts: list[_Part]) -> float:
    """The amount the parts make: each magnitude multiplies its coefficient, or all before it
    when that is smaller ("۱۲ هزار و ۵۰۰ میلیارد" = 12,500 x 10^9, "هزار میلیارد" = 10^12)."""
    total = 0.0
    for part in parts:
        current = part.coef
        for scale in part.scales:
            if total + current < scale:
                total, current = (total + current) * scale, 0.0
            else:
                total, current = total + current * scale, 0.0
        total += current
    return total


@dataclass
class _Reading:
    """What one match reads: its parts, where it ends and its unit or currency."""

    start: int
    end: int
    parts: list[_Part]
    tail: tuple[int, int] | None
    spelled: bool = False  # led by number words, not digits


def _read_more(
    folded: str, reading: _Reading, grammar: _Grammar, blocked: list[tuple[int, int]]
) -> None:
    """Extend `reading` by the further parts of its amount: "۲ میلیون" + "و ۵۰۰ هزار نفر"."""
    if _BETWEEN_BEFORE.search(folded, max(0, reading.start - 12), reading.start):
        return
    while reading.tail is None and reading.parts[-1].scales:
        m = grammar.more.match(folded, reading.end)
        if m is None:
            return
        if m.group("words"):
            parts, tokens, whole = _word_parts(
                folded, m.start("words"), m.end("words"), grammar, reading.parts[-1]
            )
            if not whole:
                return
        elif _overlaps(blocked, m.start("int"), m.end()):
            return
        else:
            parts, tokens = [_Part(_digits_value(m), [])], []
        scales = _read_scales(folded, m.start("scales"), m.end("scales"), grammar)
        if scales and not _add_scales(parts, scales):
            return
        conjunction = m.group("and")
        if (
            conjunction is not None
            and "و" not in conjunction
            and not (m.group("words") or parts[-1].scales)
        ):
            return  # "5 million and 300 jobs", "2 млн и 500": two numbers
        # Words go on words without "and" where a language writes them so ("две тысячи пятьсот",
        # "two thousand five hundred"); not digits ("$38 million one year") nor a lone "one".
        words_go_on = (
            grammar.spaced
            and reading.spelled
            and m.group("words") is not None
            and not (len(tokens) == 1 and tokens[0][2].rule == "one")
        )
        if not _joins(reading.parts[-1], parts[0], conjunction is not None or words_go_on):
            return
        tail = m.span("tail") if m.group("tail") else None
        # "۲ میلیون و ۳ درصد" is two amounts.
        if tail and not parts[-1].scales and _read_tail(folded, *tail, grammar)[1] == "percent":
            return
        reading.parts += parts
        reading.end = m.end()
        reading.tail = tail


def _alone(text: str, folded: str, m: re.Match[str], grammar: _Grammar, lang: str) -> bool:
    """Whether the plain number word of `m` stands alone: not the end of a compound the
    grammar left unread ("thirty five"), and not Persian «نه», "no", unless written «نُه»."""
    before = _WORD_BEFORE.search(folded, 0, m.start("words"))
    if before is not None and _word_key(before.group(1)) in grammar.words:
        return False
    key = _word_key(m.group("words"))
    if key in _NOT_ALONE or _FRACTION_AFTER.match(folded, m.end("words")):
        return False  # «لست», «ستُلغى»; ordinals «الحادي عشر»; «سی تیر»; "two-thirds", «دو سوم»
    return not (
        lang == "fa" and key == _word_key("نه") and "\u064f" not in text[m.start() : m.end()]
    )


_NOT_ALONE = {_word_key(_fold(w)) for w in ("ست", "عشر", "سی")}
_FRACTION_AFTER = re.compile(
    r"\s*-?\s*(?:thirds?|quarters?|halves|fifths?|tenths?|سوم|چهارم|پنجم|دهم|ثلث|أثلاث|ارباع"
    r"|أرباع|трет\w*|четверт\w*)",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\-]+(?:and\s+|و\s*|и\s+)?$")


def _is_plain_word(words: str, grammar: _Grammar) -> bool:
    """Tell whether `words` is one number word below a thousand, which alone is no amount."""
    word = grammar.words.get(_word_key(words))
    return word is not None and word.magnitude == 1


def _read_words(
    folded: str, m: re.Match[str], grammar: _Grammar, blocked: list[tuple[int, int]]
) -> tuple[_Reading | None, int]:
    """Read an amount led by number words; return it (or None) and where to search on."""
    start = m.start("words")
    parts, tokens, whole = _word_parts(folded, start, m.end("words"), grammar)
    after_first = tokens[0][1]
    if not whole or _SEVERAL_BEFORE.search(folded, max(0, start - 20), start):
        return None, after_first
    rules = {word.rule for _, _, word in tokens}
    scales = _read_scales(folded, m.start("scales"), m.end("scales"), grammar)
    if (scales and not _add_scales(parts, scales)) or ("scale" in rules and not scales):
        return None, after_first
    tail = m.span("tail") if m.group("tail") else None
    reading = _Reading(start, m.end(), parts, tail, spelled=True)
    _read_more(folded, reading, grammar, blocked)
    if reading.tail is None:
        # Alone, words are an amount only before a magnitude word ("سه هزار"), as a dual
        # ("مليونان") or with parts after a magnitude ("مليون ونصف"); "ألف", "هزار و یک" and
        # the year "عام ألفين وعشرين" are none.
        counts = bool(scales) or len(reading.parts) > 1 or "alone" in rules
        if "tail" in rules or not (reading.parts[-1].scales and counts):
            return None, after_first
        if not scales and _YEAR_WORD_BEFORE.search(folded, max(0, start - 20), start):
            return None, after_first
        return reading, reading.end
    _, unit = _read_tail(folded, *reading.tail, grammar)
    no_magnitude = all(not part.scales for part in reading.parts)
    if unit == "person" and "one" in rules and len(tokens) == 1 and no_magnitude:
        return None, after_first  # "یک نفر": someone
    if unit == "tonne" and no_magnitude and folded.startswith("تن", reading.tail[0]):
        return None, after_first  # "دو تن": two persons as often as two tonnes
    return reading, reading.end


# Arabic names two of a duration by its dual and one by the noun with "واحد" after it, with no
# number word to read: "أسبوعين" (two weeks), "ساعتان", "يوماً واحداً" (one day).
_AR_DURATIONS = (
    ("ساعت", "ساعة", "hour"),
    ("يوم", "يوم", "day"),
    ("أسبوع", "أسبوع", "week"),
    ("شهر", "شهر", "month"),
    ("سنت", "سنة", "year"),
    ("عام", "عام", "year"),
)
_AR_DUAL = [
    (
        re.compile(
            rf"(?<![^\W\d_])(?:[وبل]{_MARKS})?"
            rf"(?:{_loose(_fold(dual))}(?:{_loose('ين')}|{_loose('ان')})"
            rf"|{_ar(_fold(f'{one} واحد'), _fold(f'{one} واحدة'))})(?![^\W\d_])"
        ),
        unit,
    )
    for dual, one, unit in _AR_DURATIONS
]


def _arabic_durations(text: str, folded: str, found: list[Quantity]) -> list[Quantity]:
    """The durations of `folded` that Arabic states with no number: "أسبوعين", "يوما واحدا"."""
    out = []
    for pattern, unit in _AR_DUAL:
        for m in pattern.finditer(folded):
            if any(q.start < m.end() and m.start() < q.end for q in found):
                continue
            value = 1.0 if "\u0648\u0627\u062d\u062f" in m.group() else 2.0  # "واحد"
            out.append(Quantity(text[m.start() : m.end()], value, unit, None, m.start(), m.end()))
    return out


def find_quantities(
    text: str, lang: str, *, as_trained: bool = False, words_alone: bool = False
) -> list[Quantity]:
    """Return the numbers in `text` as values with unit or currency, in order of appearance.

    `as_trained=True` reads the units of `LATER_UNITS` (durations, years, centimetres and
    millimetres) as before they were units: a number in digits before one is a bare count, a
    number word or an Arabic dual before one is nothing. The shipped models (the matcher's
    scorers, the check-worthiness cues) learnt from that reading and keep it until they are
    retrained.

    `words_alone=True` also reads one number word from two to 999 with nothing after it that
    makes it an amount ("seven schools", «سبع مدارس») as a bare count, as digits are: what the
    conflict rule compares, never an amount of its own.
    """
    folded = _fold(text)
    grammar = _grammar(lang, as_trained)
    blocked = _blocked_spans(folded)
    quantities: list[Quantity] = []
    pos = 0
    while (m := grammar.quantity.search(folded, pos)) is not None:
        if m.group("words"):
            if m.end("words") == m.end() and _is_plain_word(m.group("words"), grammar):
                pos = m.end()  # "یک روز", "خمسة أيام": nothing can make it an amount
                word = grammar.words[_word_key(m.group("words"))]
                if words_alone and word.coef >= 2 and _alone(text, folded, m, grammar, lang):
                    start, end = m.start("words"), m.end("words")
                    quantities.append(
                        Quantity(
                            text=text[start:end],
                            value=float(word.coef),
                            unit=None,
                            currency=None,
                            start=start,
                            end=end,
                        )
                    )
                continue
            reading, pos = _read_words(folded, m, grammar, blocked)
            if reading is None:
                continue
            kind, tag = _read_tail(folded, *reading.tail, grammar) if reading.tail else ("", "")
            value = _value(reading.parts)
            currency = tag if kind == "currency" else None
        else:
            pos = m.end()
            if _overlaps(
                blocked, m.start("int"), m.end("frac") if m.group("frac") else m.end("int")
            ):
                continue
            scales = _read_scales(folded, m.start("scales"), m.end("scales"), grammar)
            reading = _Reading(m.start(), m.end(), [_Part(_digits_value(m), scales)], None)
            if m.group("tail"):
                reading.tail = m.span("tail")
            else:
                _read_more(folded, reading, grammar, blocked)
                pos = reading.end
            kind, tag = _read_tail(folded, *reading.tail, grammar) if reading.tail else ("", "")
            currency = tag if kind == "currency" else None
            if m.group("pre"):
                currency = _read_tail(folded, m.start("pre"), m.end("pre"), grammar)[1]
            digits = m.group("int")
            if m.group("frac") is None and not scales and currency is None and tag != "percent":
                if digits.isdigit() and (
                    (len(digits) >= 2 and digits.startswith("0")) or len(digits) >= 7
                ):
                    continue  # id-like: "007", "20231105123"
                if _is_date_or_year(folded, m):
                    continue
                if kind != "unit":
                    # "2000 troops" counts; "2000 saw" and "the 2020 elections" are years.
                    if (
                        digits.isdigit()
                        and _is_standalone_year(int(digits), lang)
                        and not _is_count(folded, m, lang)
                    ):
                        continue
                    # "5G", "1990-х", "5-й": a number glued to a word is a name or an ordinal.
                    if _LETTER_OR_HYPHEN_LETTER.match(folded, reading.end):
                        continue
            value = _value(reading.parts)
            if m.group("sign"):
                value = -value
        quantities.append(
            Quantity(
                text=text[reading.start : reading.end],
                value=value,
                unit=tag if kind == "unit" else None,
                currency=currency,
                start=reading.start,
                end=reading.end,
            )
        )
    # "2019 года", "the 2020 year": a year-like number before "year" in the singular is a date,
    # not a length of time (and no amount either, as before "year" was a unit); "1500 years
    # ago", «1500 лет» are lengths.
    quantities = [
        q
        for q in quantities
        if not (q.unit == "year" and 1000 <= q.value <= 2200 and _YEAR_OF_DATE.search(q.text))
    ]
    if lang == "ar" and not as_trained:
        quantities += _arabic_durations(text, folded, quantities)
        quantities.sort(key=lambda q: q.start)
    return quantities
