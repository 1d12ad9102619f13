"""Verification features: do two texts, in any of ar/fa/ru/en, agree on what embeddings blur?

Embeddings score "rose to 5%" and "fell to 5%" at 0.98. These features compare what makes two
claims different facts: numbers, years and dates, negation, the direction of a change, and names.
Names are compared across scripts by a consonant skeleton ("Biden", "بايدن", "Байден" -> "BTN"),
so an Arabic tweet and an English fact-check can agree on a name without translation.

A `Profile` is computed once per text (registry entries at index time); `compare` is cheap.
The engine's verification rule (`matching/conflicts.py`) reads texts more closely.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from dataclasses import dataclass

from tabayyun.lang.dates import find_dates
from tabayyun.lang.normalize import DIGIT_FOLDS, normalize, tokenize
from tabayyun.model import Quantity
from tabayyun.understand.numbers import SUPPORTED_LANGS, find_quantities

FEATURES = (
    "num_agree",
    "num_conflict",
    "year_agree",
    "year_conflict",
    "neg_mismatch",
    "dir_conflict",
    "name_overlap",
    "len_query",
    "len_claim",
)
# Features that may only lower a score: the scorer's weights for these are held negative.
CONFLICTS = ("num_conflict", "year_conflict", "neg_mismatch", "dir_conflict")

# Negation cues on normalised tokens (Arabic/Persian letters folded as `normalize` folds them).
_NEGATION = {
    "en": {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "cannot",
        "t",
        "didn",
        "doesn",
        "isn",
        "wasn",
        "aren",
        "weren",
        "won",
        "hasn",
        "haven",
        "false",
    },
    "ar": {"لا", "لم", "لن", "ليس", "ليست", "ليسوا", "غير", "ابدا", "بدون", "دون"},
    "fa": {"نه", "نیست", "نیستند", "نبود", "نبوده", "نبودند", "هرگز", "هیچ", "بدون", "نمی"},
    "ru": {"не", "нет", "ни", "никогда", "ничего", "никто", "нельзя", "без"},
}
# Persian negates verbs with a prefix: نمی‌خواهند, نکرد, نشد.
FA_NEGATED_VERB = re.compile(
    r"^(?:نمی|نخواه|نکرد|نشد|ندار|نداشت|نبود|نرسید|نیامد|نگفت|ندید|نیافت|نباید)"
)
_UP = re.compile(
    r"^(?:ris|rose|increas|grew|grow|surg|soar|jump|climb|doubl|tripl|"
    r"ارتفع|ارتفاع|زاد|زياد|تضاعف|"
    r"افزایش|افزود|بالا|"
    r"вырос|рост|увелич|повыс|подорож)"
)
_DOWN = re.compile(
    r"^(?:fell|fall|decreas|declin|drop|plung|sank|sink|shrank|shrink|halv|"
    r"انخفض|انخفاض|تراجع|هبط|نقص|"
    r"کاهش|افت|کم|"
    r"снизи|сниж|упал|паден|сократ|уменьш|подешев)"
)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# Arabic-Indic and Persian digits as ASCII, one for one: offsets stay those of the text. Only
# the digits: the table finds years, and a separator beside one is no digit either way.
_DIGITS = str.maketrans(DIGIT_FOLDS)
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z'’\-]{2,}")
_CYRILLIC_NAME = re.compile(r"\b[А-ЯЁ][а-яёА-ЯЁ\-]{2,}")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]{3,}")
_NOT_NAMES = {
    "the",
    "this",
    "that",
    "these",
    "does",
    "did",
    "was",
    "were",
    "is",
    "are",
    "and",
    "for",
    "with",
    "from",
    "video",
    "photo",
    "image",
    "viral",
    "says",
    "said",
    "new",
}

# Consonant classes shared by Latin, Cyrillic, Arabic and Persian letters; vowels, h and the
# letters Arabic uses as vowels are dropped because transliteration varies most there.
_CLASSES = {
    "B": "bpбпبپ",
    "F": "fvфвفڤ",
    "T": "tdтдتدطضثذ",
    "S": "szxсзшщжчцسصشزژظ",
    # Persian writes k as ک (U+06A9), Arabic as ك, some keyboards as swash ڪ: all, or names
    # typed one way lose their k. ھ and ہ (typed for ه) are dropped like ه.
    "K": "kqgjcкгхكکڪقگجغخ",
    "M": "mмم",
    "N": "nнن",
    "L": "lлل",
    "R": "rрر",
}
_SKELETON = {ch: cls for cls, chars in _CLASSES.items() for ch in chars}


@dataclass(frozen=True)
class Profile:
    """What `compare` needs from one text; build it with `profile`."""

    numbers: frozenset[Hashable]  # values, rounded
    years: frozenset[Hashable]
    negated: bool
    up: bool
    down: bool
    names: tuple[frozenset[str], ...]  # per name: its skeleton and one-letter deletions
    name_keys: frozenset[str]  # all of them together
    length: int


def skeleton(word: str) -> str:
    """The consonant skeleton of a word in any of the four scripts: "Trump", "ترامب" -> "TRMB"."""
    letters = [_SKELETON.get(ch, "") for ch in word.casefold()]
    # Doubled letters are written once in Arabic script: "Illinois" and "إلينوي" share "LN".
    return "".join(c for i, c in enumerate(letters) if c and (i == 0 or c != letters[i - 1]))


def _keys(skel: str) -> set[str]:
    # A skeleton and its one-letter deletions: transliterations differ by about one consonant.
    keys = {skel}
    if len(skel) >= 3:
        keys.update(skel[:i] + skel[i + 1 :] for i in range(len(skel)))
    return keys


def _names(text: str) -> set[str]:
    words = [w for w in _LATIN_NAME.findall(text) if w.casefold() not in _NOT_NAMES]
    words += _CYRILLIC_NAME.findall(text)
    for word in _ARABIC_WORD.findall(text):
        # Arabic script has no capitals: every longer word may be a name; "ال" is the article.
        words.append(word[2:] if word.startswith("ال") and len(word) > 4 else word)
    return {s for s in map(skeleton, words) if len(s) >= 2}


def profile(text: str, lang: str | None) -> Profile:
    """Numbers, years, negation, direction and name skeletons of `text`."""
    code = lang if lang in SUPPORTED_LANGS else "en"
    tokens = tokenize(normalize(text, code))
    # The scorers learnt from numbers read without the units added since: they keep that reading.
    quantities = find_quantities(text, code, as_trained=True)
    numbers = frozenset(round(q.value, 3) for q in quantities)
    names = tuple(frozenset(_keys(name)) for name in sorted(_names(text)))
    keys = frozenset().union(*names)
    return Profile(
        numbers=numbers,
        years=stated_years(text, code, quantities),
        negated=is_negated(tokens, code),
        up=any(_UP.match(t) for t in tokens),
        down=any(_DOWN.match(t) for t in tokens),
        names=names,
        name_keys=keys,
        length=len(tokens),
    )


def is_negated(tokens: list[str], code: str) -> bool:
    """Whether a negation cue is among the normalised `tokens` (a negation anywhere)."""
    cues = _NEGATION.get(code, _NEGATION["en"])
    return any(t in cues for t in tokens) or (
        code == "fa" and any(FA_NEGATED_VERB.match(t) for t in tokens)
    )


def stated_years(text: str, code: str, quantities: list[Quantity] | None = None) -> frozenset[str]:
    """The years `text` states, alone ("in 2019") or in dates; `quantities` as `profile`
    reads them (`as_trained`), found here when not given."""
    if quantities is None:
        quantities = find_quantities(text, code, as_trained=True)
    years = _years(text, quantities)
    years.update(found.iso[:4] for found in find_dates(text, code))
    return frozenset(years)


def _years(text: str, quantities: list[Quantity]) -> set[str]:
    """The four-digit years of `text` (1900-2099) that `find_quantities` did not read as a
    count or an amount: "in 2000", "2000 год" are years; "2000 troops", "$2000" and "2020
    people" are not, as the numbers module tells them apart."""
    counted = [(q.start, q.end) for q in quantities]
    return {
        m.group(1)
        for m in _YEAR.finditer(text.translate(_DIGITS))
        if not any(start <= m.start() < end for start, end in counted)
    }


def anchor_terms(found: Profile) -> list[str]:
    """Terms that need no translation: numbers, years and name skeletons (with their variants).

    Indexed like words, they let an Arabic, Persian or Russian text reach an English claim by
    "2020", "5" or "Biden" / "بايدن" / "Байден" ("BTN") before any embedding is compared.
    """
    terms = [f"#{value}" for value in sorted(map(str, found.numbers))]
    terms += [f"y{year}" for year in sorted(map(str, found.years))]
    terms += [f"@{key}" for keys in found.names for key in sorted(keys)]
    return terms


def _agreement(a: frozenset[Hashable], b: frozenset[Hashable]) -> tuple[float, float]:
    """(Jaccard overlap, 1 if both sides have values and share none)."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a | b), float(shared == 0)


def compare(query: Profile, claim: Profile) -> dict[str, float]:
    """The verification features of a (query, claim) pair, named as in `FEATURES`."""
    num_agree, num_conflict = _agreement(query.numbers, claim.numbers)
    year_agree, year_conflict = _agreement(query.years, claim.years)
    # A direction conflicts only when each side states one direction and they differ.
    dir_conflict = (query.up != query.down) and (claim.up != claim.down) and query.up != claim.up
    found = sum(1 for keys in claim.names if not keys.isdisjoint(query.name_keys))
    return {
        "num_agree": num_agree,
        "num_conflict": num_conflict,
        "year_agree": year_agree,
        "year_conflict": year_conflict,
        "neg_mismatch": float(query.negated != claim.negated),
        "dir_conflict": float(dir_conflict),
        "name_overlap": found / len(claim.names) if claim.names else 0.0,
        "len_query": math.log1p(query.length),
        "len_claim": math.log1p(claim.length),
    }
