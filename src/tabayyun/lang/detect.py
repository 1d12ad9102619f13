"""Language identification restricted to the configured languages, with "und" for anything else.

lingua alone always answers one of the languages it is given, so three guards come first:
the dominant script must belong to a configured language (Chinese, Hebrew -> "und"); other
languages of the same script compete as decoys (French, Ukrainian -> "und"); and Arabic against
Persian is settled by letters and function words that only one of them uses, which holds for short
headlines and for Persian typed with Arabic ي/ك.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from tabayyun.errors import ConfigError
from tabayyun.lang.normalize import normalize, tokenize

if TYPE_CHECKING:
    from lingua import LanguageDetector

UNDETERMINED = "und"

# Long articles do not need more than this to be identified; lingua's cost grows with length.
_MAX_CHARS = 2000

# The script of each language lingua knows that is not written in Latin letters; the script is
# the first word of the Unicode name of its letters.
_SCRIPTS = {
    **dict.fromkeys(["ar", "fa", "ur"], "ARABIC"),
    **dict.fromkeys(["ru", "uk", "be", "bg", "sr", "mk", "kk", "mn"], "CYRILLIC"),
    "el": "GREEK",
    "he": "HEBREW",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
    "hi": "DEVANAGARI",
    "mr": "DEVANAGARI",
    "bn": "BENGALI",
    "gu": "GUJARATI",
    "pa": "GURMUKHI",
    "ta": "TAMIL",
    "te": "TELUGU",
    "th": "THAI",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
}
# Decoys: frequent languages sharing a script with a configured one. Urdu is left out on purpose:
# it pulls Persian typed with Arabic ي/ك away from "fa" more often than it catches real Urdu.
_DECOYS = {
    "LATIN": ("fr", "de", "es", "it", "pt", "nl", "tr", "pl"),
    "CYRILLIC": ("uk", "be", "bg", "sr", "kk"),
}

# Letters Persian has and Arabic lacks (ی ک count only as typed; many Persian sites use ي ك).
_PERSIAN_LETTERS = frozenset("پچژگیکۀ")
_ARABIC_LETTERS = frozenset("ة")
# Frequent function words unique to one language, in the "fa" search form so ي/ك typing is moot.
# Words shared with the other language (من, ما, آن/أن, علی, این/أين) are left out.


def _search_forms(listing: str) -> frozenset[str]:
    return frozenset(normalize(word, "fa") for word in listing.split())


_PERSIAN_WORDS = _search_forms(
    "است را که از به با برای های شد شده کرد کرده بود می نیز خود یک هم تا گفت "
    "خواهد باید اند ها همچنین چنین اینکه وی ایشان کند کنند دارد"
)
_ARABIC_WORDS = _search_forms(
    "في على إلى عن مع التي الذي الذين هذا هذه ذلك تلك قال كان كانت لم لن قد أو "
    "بين بعد حيث أنه إنه وفي وقال وأضاف ضد خلال منذ عند"
)


def letter_script(char: str) -> str:
    """The script of one character as Unicode names it: "ARABIC", "CYRILLIC", "LATIN"..."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _script_counts(text: str) -> Counter[str]:
    return Counter(letter_script(c) for c in text if c.isalpha())


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    """Build a lingua detector once per language set (models load lazily on first use)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in codes]
    if len(languages) == 1:
        # lingua needs two languages; a lone language is compared against English or French.
        extra = "fr" if codes[0] == "en" else "en"
        languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(extra)))
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=8)
def _checked(languages: tuple[str, ...]) -> tuple[str, ...]:
    from lingua import IsoCode639_1

    if not languages:
        raise ConfigError("No languages configured; set TABAYYUN_LANGUAGES, e.g. 'ar,fa,ru,en'.")
    for code in languages:
        try:
            IsoCode639_1.from_str(code)
        except ValueError:
            raise ConfigError(
                f"Unknown language code {code!r}; use ISO 639-1 codes such as ar, fa, ru, en."
            ) from None
    return languages


def _arabic_or_persian(text: str) -> str | None:
    """Return "ar" or "fa" when script evidence is one-sided, else None (let lingua decide)."""
    words = tokenize(normalize(text, "fa"))
    fa_votes = sum(1 for w in words if w in _PERSIAN_WORDS)
    ar_votes = sum(1 for w in words if w in _ARABIC_WORDS)
    # A word with ة is Arabic; Persian letters are counted on the original, Arabic-typed or not.
    written = text.split()
    ar_votes += sum(1 for w in written if _ARABIC_LETTERS.intersection(w))
    fa_votes += sum(1 for w in written if _PERSIAN_LETTERS.intersection(w))
    # The article ال starts a third of Arabic words but few Persian ones (البته, الان).
    articled = sum(1 for w in words if w.startswith("ال") and len(w) > 3)
    if words and articled / len(words) > 0.2:
        ar_votes += 1
    if fa_votes >= 2 * ar_votes + 1:
        return "fa"
    if ar_votes >= 2 * fa_votes + 1:
        return "ar"
    return None


def detect_language(
    text: str, languages: Sequence[str] = ("ar", "fa", "ru", "en")
) -> tuple[str, float]:
    """Return (language code, confidence in [0, 1]); ("und", 0.0) when no language fits."""
    codes = _checked(tuple(languages))
    sample = text[:_MAX_CHARS]
    scripts = _script_counts(sample)
    if not scripts:
        return UNDETERMINED, 0.0
    script = scripts.most_common(1)[0][0]
    candidates = tuple(c for c in codes if _SCRIPTS.get(c, "LATIN") == script)
    if not candidates:
        return UNDETERMINED, 0.0
    decoys = tuple(d for d in _DECOYS.get(script, ()) if d not in codes)
    confidences = {
        _code(value.language): value.value
        for value in _detector(candidates + decoys).compute_language_confidence_values(sample)
    }
    if {"ar", "fa"} <= set(candidates):
        decided = _arabic_or_persian(sample)
        if decided is not None:
            # Script evidence wins; the confidence still says how much lingua agrees.
            pair = confidences.get("ar", 0.0) + confidences.get("fa", 0.0)
            agreement = confidences.get(decided, 0.0) / pair if pair else 0.0
            return decided, round(max(0.75, agreement), 4)
    best = max(confidences, key=lambda code: confidences[code])
    # A decoy winning means another language of the same script; lingua gives all zeros when
    # it recognises nothing. A short headline may win with little confidence: that is reported.
    if best not in candidates or confidences[best] <= 0.0:
        return UNDETERMINED, 0.0
    return best, round(confidences[best], 4)


def _code(language: object) -> str:
    iso = language.iso_code_639_1  # type: ignore[attr-defined]
    return str(iso.name).lower()
