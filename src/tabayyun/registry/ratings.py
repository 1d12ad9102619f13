"""Fact-checkers' verdicts on one scale, from rating words in ar/fa/ru/en and from numbers.

The scale has eight labels (`LABELS`) plus "unknown". A word that is not in the table is never
guessed: it becomes "unknown" with `known=False` and its text kept, so a person can add it.

Words are matched in their search form (`tabayyun.lang.normalize.normalize` with no language, so
Persian ی ک and Arabic ي ك meet) with punctuation and spaces dropped: "Half-True", "half true"
and "HALF TRUE" are one key, and so are "نیمه‌درست" and "نیمه درست". A verdict followed by an
explanation ("False: the photo is from 2019", "زائف، الصورة قديمة") matches on its first part
when a separator (. : ; , ، — -) follows a known word; "True but misleading" does not match.

Numbers are placed by their position between `worstRating` (default 1) and `bestRating`
(default 5), the schema.org defaults, on five equal bands:

    position 0.0–0.2 -> false, 0.2–0.4 -> mostly_false, 0.4–0.6 -> mixed,
    0.6–0.8 -> mostly_true, 0.8–1.0 -> true      (band edges go to the upper band)

with confidence 0.6, because publishers use numeric scales differently. A rating word, when
present, wins over the number.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from tabayyun.lang.normalize import DIGIT_FOLDS, normalize

Label = Literal[
    "false",
    "mostly_false",
    "mixed",
    "mostly_true",
    "true",
    "unproven",
    "misleading",
    "satire",
    "unknown",
]
LABELS: Final[tuple[Label, ...]] = (
    "false",
    "mostly_false",
    "mixed",
    "mostly_true",
    "true",
    "unproven",
    "misleading",
    "satire",
)
UNKNOWN: Final = "unknown"
DEFAULT_BEST = 5.0
DEFAULT_WORST = 1.0
NUMERIC_CONFIDENCE = 0.6
PREFIX_CONFIDENCE = 0.8
_NUMERIC_BANDS: tuple[Label, ...] = ("false", "mostly_false", "mixed", "mostly_true", "true")


@dataclass(frozen=True)
class NormalizedRating:
    """A verdict on the common scale; `source_text` is what the publisher wrote."""

    label: Label
    confidence: float
    known: bool
    source_text: str


# (word as fact-checkers write it, label, confidence). Confidence below 1 marks words whose
# meaning varies between publishers.
_Entry = tuple[str, Label, float]

_EN: tuple[_Entry, ...] = (
    # PolitiFact Truth-O-Meter
    ("True", "true", 1.0),
    ("Mostly True", "mostly_true", 1.0),
    ("Half True", "mixed", 1.0),
    ("Mostly False", "mostly_false", 1.0),
    ("False", "false", 1.0),
    ("Pants on Fire", "false", 1.0),
    ("Pants on Fire!", "false", 1.0),
    # Snopes
    ("Mixture", "mixed", 1.0),
    ("Unproven", "unproven", 1.0),
    ("Miscaptioned", "misleading", 1.0),
    ("Misattributed", "false", 0.9),
    ("Correct Attribution", "true", 1.0),
    ("Satire", "satire", 1.0),
    ("Labeled Satire", "satire", 1.0),
    ("Originated as Satire", "satire", 1.0),
    ("Scam", "false", 1.0),
    ("Legend", "false", 0.9),
    ("Lost Legend", "false", 0.9),
    ("Outdated", "misleading", 0.9),
    ("Research in Progress", "unproven", 0.9),
    ("Unfounded", "unproven", 0.9),
    # AFP, Reuters, Meta's programme and others
    ("Fake", "false", 1.0),
    ("Fake news", "false", 1.0),
    ("Hoax", "false", 1.0),
    ("Fabricated", "false", 1.0),
    ("Altered", "false", 1.0),
    ("Altered photo", "false", 1.0),
    ("Altered video", "false", 1.0),
    ("Doctored", "false", 1.0),
    ("Incorrect", "false", 1.0),
    ("Wrong", "false", 1.0),
    ("Untrue", "false", 1.0),
    ("Not true", "false", 1.0),
    ("Partly false", "mostly_false", 0.9),
    ("Partially false", "mostly_false", 0.9),
    ("Inaccurate", "mostly_false", 0.8),
    ("Mixed", "mixed", 1.0),
    ("Partly true", "mixed", 0.9),
    ("Partially true", "mixed", 0.9),
    ("Half-truth", "mixed", 1.0),
    ("Mostly correct", "mostly_true", 1.0),
    ("Mostly accurate", "mostly_true", 1.0),
    ("Correct", "true", 1.0),
    ("Accurate", "true", 1.0),
    ("Verified", "true", 0.9),
    ("Misleading", "misleading", 1.0),
    ("Missing context", "misleading", 1.0),
    ("Out of context", "misleading", 1.0),
    ("Needs context", "misleading", 0.9),
    ("Exaggerated", "misleading", 0.9),
    ("Exaggeration", "misleading", 0.9),
    ("Manipulated", "misleading", 0.9),
    ("Unverified", "unproven", 1.0),
    ("Unsupported", "unproven", 1.0),
    ("Unsubstantiated", "unproven", 1.0),
    ("No evidence", "unproven", 1.0),
    ("Not proven", "unproven", 1.0),
    ("Baseless", "unproven", 0.8),
    ("Parody", "satire", 1.0),
    ("Humor", "satire", 0.9),
    # The Washington Post's Pinocchios
    ("Four Pinocchios", "false", 1.0),
    ("Three Pinocchios", "mostly_false", 1.0),
    ("Two Pinocchios", "mixed", 1.0),
    ("One Pinocchio", "mostly_true", 1.0),
    ("Geppetto Checkmark", "true", 1.0),
)
# PolitiFact's Flip-O-Meter judges whether a position changed, not whether a claim is true:
# recognised (known=True) but "unknown" on the truth scale, so it is neither flagged nor mapped.
_NOT_A_VERDICT: tuple[str, ...] = ("Full Flop", "Half Flip", "No Flip")

_AR: tuple[_Entry, ...] = (
    # Misbar, Fatabyyano, AFP Arabic
    ("زائف", "false", 1.0),
    ("مزيف", "false", 1.0),
    ("كاذب", "false", 1.0),
    ("خاطئ", "false", 1.0),
    ("خطأ", "false", 1.0),
    ("غير صحيح", "false", 1.0),
    ("مفبرك", "false", 1.0),
    ("ملفق", "false", 1.0),
    ("معدل", "false", 0.8),
    ("إشاعة", "false", 0.8),
    ("شائعة", "false", 0.8),
    ("زائف جزئياً", "mostly_false", 1.0),
    ("غير دقيق", "mostly_false", 0.8),
    ("نصف صحيح", "mixed", 1.0),
    ("صحيح جزئياً", "mixed", 0.9),
    ("صحيح في معظمه", "mostly_true", 1.0),
    ("صحيح غالباً", "mostly_true", 1.0),
    ("صحيح", "true", 1.0),
    ("دقيق", "true", 0.9),
    ("مضلل", "misleading", 1.0),
    ("خادع", "misleading", 1.0),
    ("عنوان مضلل", "misleading", 1.0),
    ("سياق مضلل", "misleading", 1.0),
    ("خارج السياق", "misleading", 1.0),
    ("مجتزأ", "misleading", 1.0),
    ("مبالغ فيه", "misleading", 0.9),
    ("غير مؤكد", "unproven", 1.0),
    ("غير مثبت", "unproven", 1.0),
    ("لا دليل", "unproven", 1.0),
    ("بلا دليل", "unproven", 1.0),
    ("ساخر", "satire", 1.0),
    ("محتوى ساخر", "satire", 1.0),
    ("سخرية", "satire", 1.0),
    # Feminine forms: a verdict agrees with its noun ("الصورة مضللة", "معلومة زائفة").
    ("زائفة", "false", 1.0),
    ("مزيفة", "false", 1.0),
    ("كاذبة", "false", 1.0),
    ("خاطئة", "false", 1.0),
    ("غير صحيحة", "false", 1.0),
    ("مفبركة", "false", 1.0),
    ("ملفقة", "false", 1.0),
    ("معدلة", "false", 0.8),
    ("زائفة جزئياً", "mostly_false", 1.0),
    ("غير دقيقة", "mostly_false", 0.8),
    ("صحيحة جزئياً", "mixed", 0.9),
    ("صحيحة", "true", 1.0),
    ("دقيقة", "true", 0.9),
    ("مضللة", "misleading", 1.0),
    ("خادعة", "misleading", 1.0),
    ("مجتزأة", "misleading", 1.0),
    ("مبالغ فيها", "misleading", 0.9),
    ("غير مؤكدة", "unproven", 1.0),
    ("غير مثبتة", "unproven", 1.0),
    ("ساخرة", "satire", 1.0),
)
_FA: tuple[_Entry, ...] = (
    # Factnameh and other Persian-language fact-checkers
    ("نادرست", "false", 1.0),
    ("کاملا نادرست", "false", 1.0),
    ("غلط", "false", 1.0),
    ("فیک", "false", 1.0),
    ("جعلی", "false", 1.0),
    ("دروغ", "false", 1.0),
    ("ساختگی", "false", 1.0),
    ("کذب", "false", 1.0),
    ("دستکاری شده", "false", 0.9),
    ("شایعه", "false", 0.8),
    ("تقریبا نادرست", "mostly_false", 1.0),
    ("عمدتا نادرست", "mostly_false", 1.0),
    ("نیمه‌درست", "mixed", 1.0),
    ("تقریبا درست", "mostly_true", 1.0),
    ("عمدتا درست", "mostly_true", 1.0),
    ("درست", "true", 1.0),
    ("صحیح", "true", 1.0),
    ("گمراه‌کننده", "misleading", 1.0),
    ("اغراق‌آمیز", "misleading", 0.9),
    ("خارج از متن", "misleading", 1.0),
    ("ناقص", "misleading", 0.8),
    ("بی‌پایه", "unproven", 0.8),
    ("ادعای بی‌پایه", "unproven", 0.8),
    ("تأیید نشده", "unproven", 1.0),
    ("تائید نشده", "unproven", 1.0),  # the hamza on a yeh seat, a common Persian spelling
    ("اثبات نشده", "unproven", 1.0),
    ("طنز", "satire", 1.0),
)
_RU: tuple[_Entry, ...] = (
    # Provereno.media, Lapsha, StopFake, AFP in Russian
    ("Фейк", "false", 1.0),
    ("Неправда", "false", 1.0),
    ("Ложь", "false", 1.0),
    ("Ложно", "false", 1.0),
    ("Ложное утверждение", "false", 1.0),
    ("Подделка", "false", 1.0),
    ("Фотомонтаж", "false", 1.0),
    ("Вымысел", "false", 1.0),
    ("Мистификация", "false", 1.0),
    ("Миф", "false", 0.9),
    ("Утка", "false", 0.9),
    ("Скорее неправда", "mostly_false", 1.0),
    ("В основном неправда", "mostly_false", 1.0),
    ("Полуправда", "mixed", 1.0),
    ("Частично правда", "mixed", 1.0),
    ("Отчасти правда", "mixed", 1.0),
    ("Скорее правда", "mostly_true", 1.0),
    ("В основном правда", "mostly_true", 1.0),
    ("Правда", "true", 1.0),
    ("Верно", "true", 1.0),
    ("Манипуляция", "misleading", 1.0),
    ("Вводит в заблуждение", "misleading", 1.0),
    ("Искажение", "misleading", 1.0),
    ("Вне контекста", "misleading", 1.0),
    ("Нет контекста", "misleading", 1.0),
    ("Преувеличение", "misleading", 0.9),
    ("Не доказано", "unproven", 1.0),
    ("Недостаточно доказательств", "unproven", 1.0),
    ("Нет доказательств", "unproven", 1.0),
    ("Непроверяемо", "unproven", 1.0),
    ("Сатира", "satire", 1.0),
    ("Юмор", "satire", 0.9),
)
RATING_WORDS: Final[dict[str, tuple[_Entry, ...]]] = {"en": _EN, "ar": _AR, "fa": _FA, "ru": _RU}

# Arabic and Persian numerals: ٫ is the decimal mark, ٬ groups thousands; digits to ASCII.
# Unlike NUMBER_SIGN_FOLDS, ٬ is dropped rather than made ",": `as_number` then reads "," as a
# decimal comma ("0,5"), so "١٬٠٠٠" must become "1000", not "1.000". ٪ is not mapped: a rating
# value is a bare number.
_NUMERALS = str.maketrans({**DIGIT_FOLDS, "\u066b": ".", "\u066c": None})

_SEPARATOR = re.compile(r"\s*[.:;,،؛—–-]\s*|\s+[-–—]\s+")


def rating_key(text: str) -> str:
    """The lookup form of a rating word: search form, letters and digits only, no spaces."""
    form = normalize(text)
    return "".join(ch for ch in form if unicodedata.category(ch)[0] in "LN")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[Label, float]]:
    table: dict[str, tuple[Label, float]] = {}
    for entries in RATING_WORDS.values():
        for word, label, confidence in entries:
            table.setdefault(rating_key(word), (label, confidence))
    for word in _NOT_A_VERDICT:
        table[rating_key(word)] = ("unknown", 1.0)
    return table


def lookup_word(text: str) -> tuple[Label, float] | None:
    """(label, confidence) of a rating word, or None when the table lacks it."""
    key = rating_key(text)
    if not key:
        return None
    found = _table().get(key)
    if found is not None:
        return found
    # "False: the image is older" -> "False": only a known word before a separator counts.
    parts = _SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) == 2 and parts[1]:
        head = _table().get(rating_key(parts[0]))
        if head is not None:
            return head[0], min(head[1], PREFIX_CONFIDENCE)
    return None


def as_number(value: object) -> float | None:
    """`value` as a finite float when it is a number or numeric text, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().translate(_NUMERALS).replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def numeric_label(value: float, best: float, worst: float) -> Label | None:
    """The band of `value` between `worst` and `best`, or None when it lies outside them."""
    if best == worst:
        return None
    position = (value - worst) / (best - worst)
    if position < 0 or position > 1:
        return None
    return _NUMERIC_BANDS[min(int(position * 5), 4)]


def normalize_rating(
    value: object = None,
    best: object = None,
    worst: object = None,
    alternate_name: str | None = None,
    lang: str | None = None,
) -> NormalizedRating:
    """Put a ClaimReview reviewRating on the common scale.

    `alternate_name` (or a textual `value`) is looked up in the rating-word table; otherwise a
    numeric `value` is placed between `worst` and `best`. `lang` is kept for callers' symmetry:
    the table is shared by all languages because no rating word means two things across them.
    """
    del lang  # one table serves every language (see docstring)
    words = [w for w in (alternate_name, value) if isinstance(w, str) and as_number(w) is None]
    words = [w.strip() for w in words if w.strip()]
    if words:
        source = words[0]
        found = lookup_word(source)
        if found is None:
            return NormalizedRating(UNKNOWN, 0.0, False, source)
        label, confidence = found
        return NormalizedRating(label, confidence, True, source)
    number = as_number(value)
    if number is None:
        return NormalizedRating(UNKNOWN, 0.0, False, "")
    top = as_number(best)
    bottom = as_number(worst)
    top = DEFAULT_BEST if top is None else top
    bottom = DEFAULT_WORST if bottom is None else bottom
    source = f"{number:g} ({bottom:g}–{top:g})"
    band = numeric_label(number, top, bottom)
    if band is None:
        return NormalizedRating(UNKNOWN, 0.0, False, source)
    return NormalizedRating(band, NUMERIC_CONFIDENCE, True, source)
