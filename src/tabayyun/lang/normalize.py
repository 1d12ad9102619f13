"""The search form of text: one normaliser for the index and for queries, plus tokens and stems.

Decisions (the index and every query depend on them, so change them only with a re-index):

- Arabic and Persian share letters that are typed differently. Within a language, both spellings
  must become one: for "fa", Arabic ي ى ك become Persian ی ک (older Iranian sites type Arabic
  forms); for "ar" and any other language (or None), Persian ی ک and alef maqsura ى become ي ك.
  ى -> ي is the usual Arabic IR conflation (على/علي are often mistyped for each other).
- ة -> ه in both: Arabic writers drop the dots often, and Persian spells Arabic loans either way.
  ۀ (and ە, ۂ) -> ه for the same reason, and so does ۃ (teh marbuta goal, Urdu keyboards).
- ھ (heh doachashmee) and ہ (heh goal) -> ه: Urdu-layout and some Persian keyboards type them for
  ه, and readers see one letter. ڪ (swash kaf) is a kaf: ک for "fa", ك otherwise.
- Pashto ې and ۍ stay as they are: they are letters of their own, not ways of typing ی or ي.
- ZWNJ is removed, joining the parts: "می‌خواهم" and "میخواهم" become one token. Replacing it with
  a space would instead split every Persian plural and verb prefix into stop-word-like fragments.
  Articles that type a real space ("می خواهم") index two words; `query_readings` looks a Persian
  query up both ways instead (and the registry search reads the same `query_forms`). The claim
  matcher, which indexes both sides itself, reads Persian in `persian_match_form` instead.
- Other invisible characters (zero-width, bidi controls, BOM, soft hyphen) are removed.
- Arabic decimal/thousands separators and percent sign become ASCII ("۳٫۵٪" -> "3.5%").
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import Protocol

# Tashkeel, Quranic annotation marks and superscript alef: readers omit them freely.
_MARKS = (
    "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(
        chr(c) for c in (*range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE))
    )
)
# Invisible characters that only change rendering, never the word.
_INVISIBLE = (
    "\u0640"  # tatweel
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069"
    "\ufeff"
)
_DELETE = dict.fromkeys(map(ord, _MARKS + _INVISIBLE))

# One letter for one letter, towards the Arabic spelling: the folds every reader of
# Arabic-script text here shares (dates, read-also markers and name keys build on them; each
# keeps offsets because no fold changes a length). The search form below turns yeh and kaf the
# Persian way for "fa".
_ALEF_FOLDS = dict.fromkeys("أإآٱٲٳ", "ا")
_HEH_FOLDS = dict.fromkeys("ةۀەۂۃھہ", "ه")
ARABIC_LETTER_FOLDS: dict[str, str] = {
    **_ALEF_FOLDS,
    **_HEH_FOLDS,
    **dict.fromkeys("یى", "ي"),
    **dict.fromkeys("کڪ", "ك"),
}

# Arabic-Indic (٠-٩) and Persian (۰-۹) digits as ASCII, one for one: every module that reads
# numbers in Arabic-script text builds its table from this one, so a digit form added here
# serves them all.
DIGIT_FOLDS: dict[str, str] = {
    chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)
}
# The Arabic decimal separator, thousands separator and percent sign as ASCII ("۳٫۵٪" -> "3.5%").
NUMBER_SIGN_FOLDS: dict[str, str] = {"\u066b": ".", "\u066c": ",", "\u066a": "%"}

_COMMON = {
    **_DELETE,
    **{ord(c): f for c, f in (_ALEF_FOLDS | _HEH_FOLDS | DIGIT_FOLDS | NUMBER_SIGN_FOLDS).items()},
    ord("ё"): "е",
}
_ARABIC = {**_COMMON, ord("ی"): "ي", ord("ى"): "ي", ord("ک"): "ك", ord("ڪ"): "ك"}
_PERSIAN = {**_COMMON, ord("ي"): "ی", ord("ى"): "ی", ord("ك"): "ک", ord("ڪ"): "ک"}


def normalize(text: str, lang: str | None = None) -> str:
    """Return the search form of `text`: the form both the index and queries use."""
    table = _PERSIAN if lang == "fa" else _ARABIC
    form = text
    # NFKC and casefold do not commute for a few code points (e.g. "ϴ", "ẞ"), and deleting marks
    # can expose new compositions; repeat until stable so normalize is idempotent.
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", form).casefold().translate(table)
        if folded == form:
            break
        form = folded
    return " ".join(form.split())


# Decimal numbers stay one token ("3.5", "1,000"); otherwise runs of letters and digits.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


def tokenize(text: str) -> list[str]:
    """Return the words of already normalised text: runs of letters and digits, any script."""
    return _TOKEN.findall(text)


_STEMMER_NAMES = {"ar": "arabic", "fa": "persian", "ru": "russian", "en": "english"}
# PyStemmer objects are not thread-safe, so each thread keeps its own.
_local = threading.local()


class _Stemmer(Protocol):
    def stemWords(self, words: list[str]) -> list[str]: ...


def _stemmer(lang: str) -> _Stemmer | None:
    cache: dict[str, _Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if lang not in cache:
        name = _STEMMER_NAMES.get(lang)
        if name is None:
            return None
        import Stemmer  # lazy: only the BM25 stages need it

        cache[lang] = Stemmer.Stemmer(name)
    return cache[lang]


def stem_tokens(tokens: Iterable[str], lang: str) -> list[str]:
    """Return the Snowball stems of `tokens`; languages without a stemmer keep their tokens."""
    words = list(tokens)
    stemmer = _stemmer(lang)
    if stemmer is None:
        return words
    if lang == "ar":
        # normalize turns ة into ه, but Snowball strips feminine endings only as ة: without this
        # الإعلامية and الإعلامي stem apart. Short words (وجه, له) keep a root or pronoun ه.
        words = [w[:-1] + "ة" if len(w) >= 4 and w.endswith("ه") else w for w in words]
    return stemmer.stemWords(words)


def search_terms(text: str, lang: str | None) -> list[str]:
    """The stemmed words of `text`: what full-text and BM25 indexes store and queries look up."""
    return stem_tokens(tokenize(normalize(text, lang)), lang or "und")


# The ways a query of unknown language is read: as no language, then as each stemming language
# (each language's documents and claims are stored normalised and stemmed in their own).
READING_LANGS: tuple[str | None, ...] = (None, *_STEMMER_NAMES)


def search_term_readings(text: str) -> list[list[str]]:
    """`text`'s search terms as each stemming language (and no language) would index it.

    A query of unknown language must find a document stored in any of them: an English
    document indexes "30af9b2e" as "30af9b2", and a Russian one keeps "Navalny" whole.
    Each reading holds each term once, and duplicate readings are dropped; the first is the
    unstemmed one.
    """
    readings: list[list[str]] = []
    for lang in READING_LANGS:
        terms = list(dict.fromkeys(search_terms(text, lang)))
        if terms and terms not in readings:
            readings.append(terms)
    return readings


# Persian affixes that writers join with a ZWNJ, with nothing, or with a space; in "fa" search form.
# Bound forms only (besides تر "wet" and the vocative ای), and a wrong join merely adds a reading
# that finds nothing. Joined words are never split back: "میز", "میلیون", "برای", "اسلام" and
# "تنها" would all lose a letter-run that is no affix.
_FA_PREFIXES = ("نمی", "می", "بی")
_FA_SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
    "ترین", "تر", "اند", "ایم", "اید", "ام", "ای",
)  # fmt: skip
_FA_JOIN = re.compile(
    rf"(?<![^\W_])({'|'.join(_FA_PREFIXES)}) (?=[^\W\d_])"
    rf"|(?<=[^\W\d_]) ({'|'.join(_FA_SUFFIXES)})(?![^\W_])"
)


_ZWNJ = "\u200c"
# "و" between the two nouns of a pair compound: «حمل‌ونقل», «رفت‌و‌آمد», «حمل و نقل», «حملونقل».
_FA_BOUND_VAV = re.compile(r"(?<=[^\W\d_])\u200cو\u200c?(?=[^\W\d_])")
_FA_SPACED_VAV = re.compile(r"(?<=[^\W\d_]) و (?=[^\W\d_])")


def _zwnj_as_space(text: str) -> str:
    """Every ZWNJ a space, a ZWNJ-bound "و" a word of its own: «حمل‌ونقل» -> «حمل و نقل»."""
    return _FA_BOUND_VAV.sub(" و ", text).replace(_ZWNJ, " ")


def join_persian_affixes(normalised: str) -> str:
    """Persian search form (`normalize(..., "fa")`) with every spaced prefix or suffix joined to
    its word: "می خواهم" -> "میخواهم", "کتاب ها" -> "کتابها", as a ZWNJ would have joined it."""
    return _FA_JOIN.sub(r"\1\2", normalised)


def persian_spellings(text: str) -> list[str]:
    """`text` in Persian search form as other spellings write it (the extra readings of
    `query_readings`): with every ZWNJ a space, with every spaced prefix or suffix joined, and
    with every spaced "و" joined to both its words («حمل و نقل» -> «حملونقل», as a ZWNJ-joined
    «حمل‌ونقل» is stored). The last is a reading of its own: most "و" join two phrases."""
    form = normalize(text, "fa")
    return [
        normalize(_zwnj_as_space(text), "fa"),
        join_persian_affixes(form),
        _FA_SPACED_VAV.sub("و", form),
    ]


def persian_match_form(text: str) -> str:
    """One Persian search form for ZWNJ, space and joined spellings, for lexical comparisons
    that index both sides (the claim matcher): every ZWNJ becomes a space, then every spaced
    prefix or suffix is joined. "می‌خواهم", "می خواهم" and "میخواهم" all read "میخواهم", and
    "بین‌المللی" reads as "بین المللی" does; a joined compound ("بینالمللی") stays one word.
    """
    return join_persian_affixes(normalize(_zwnj_as_space(text), "fa"))


def query_forms(text: str, lang: str | None) -> list[tuple[str, str | None]]:
    """The search forms a query is read in, each with the language it is read as: `text` as
    `lang`, or with no language as each of READING_LANGS; a Persian query (as "fa", and with no
    language) also in its `persian_spellings`. `query_readings` stems them; the registry search
    looks them up as they are. A form may repeat."""
    forms = [(normalize(text, code), code) for code in ((lang,) if lang else READING_LANGS)]
    if lang in (None, "fa"):
        forms += [(form, "fa") for form in persian_spellings(text)]
    return forms


def query_readings(text: str, lang: str | None) -> list[list[str]]:
    """The readings a query is looked up as: a document matches when it holds every term of one.

    The search terms of each of its `query_forms`: as `lang`, or with no language as
    `search_term_readings` does. A Persian query (as "fa", and in the Persian reading of one with
    no language) is also read with every ZWNJ as a space, with every spaced prefix or suffix
    joined, and with every spaced "و" joined, so "می‌خواهم" finds an article that typed
    "می خواهم" and back, and «حمل و نقل» finds «حمل‌ونقل». Three readings more at most, however
    long the query.
    """
    unique: list[list[str]] = []
    for form, code in query_forms(text, lang):
        terms = list(dict.fromkeys(stem_tokens(tokenize(form), code or "und")))
        if terms and terms not in unique:
            unique.append(terms)
    return unique


# A character reference with its closing semicolon ("&amp;", "&#39;", "&#x627;"). Ones without it
# are left alone: html.unescape would also read "&not" in "&notice" as "¬".
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def decode_references(text: str) -> str:
    """`text` with its HTML character references decoded: text scraped from pages (JSONL
    exports, pasted tweets) often keeps "&amp;" and "&quot;", which cut names ("Texas A&amp;M"
    read "M University") and words. Unknown names stay as written."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
