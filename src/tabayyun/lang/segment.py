"""Sentence spans for news text in Arabic, Persian, Russian and English.

Rule-based on purpose: sentencex split "د." "ق.م" "т. е." and Persian decimals in our checks, and it
returns strings, not offsets. Rules: every line break ends a sentence (news text puts one paragraph
on a line); "." "!" "?" "؟" "…" end one when followed by space or the end of the line; the Arabic
comma never does. A "." does not end a sentence after a known abbreviation, an initial (J. K.), a
lone Arabic-script letter (د. م.), a list number at the start of a line, or before a lowercase word.
Closing quotes and brackets after the stop stay with the sentence.
"""

from __future__ import annotations

import re


def _words(listing: str) -> set[str]:
    return set(listing.split())


# Abbreviations that are followed by a name or number, never by the end of a sentence.
_TITLES = {
    "en": _words(
        "dr mr mrs ms prof st no nos jan feb mar apr jun jul aug sep sept oct nov dec gen col lt"
        " sgt capt gov sen rep rev jr sr vs e.g i.e approx fig p pp vol art para mt ft"
        " u.s u.k u.n u.s.a"
    ),
    "ru": _words(
        "т е д п т.е т.к т.н им ул пр просп пер кв г гг в вв см стр рис тыс млн млрд руб коп"
        " долл проф акад дж св ген полк тов г-н г-жа гос обл р-н ок напр с ст ч мин сек кг км №"
    ),
    # Arabic and Persian: lone letters are handled by rule; these are the multi-letter ones.
    "ar": _words("ق.م هـ ه.ق ه.ش ق.ظ ب.ظ أ.د ا.د ص.ب"),
}
_TITLES["fa"] = _TITLES["ar"]
_ALL_TITLES = set().union(*_TITLES.values())

# Stop characters, then any closing quotes or brackets that belong to the sentence.
_STOP = re.compile(r"[.!?؟…۔]+[\"'»”’)\]]*")
_CLOSERS = "\"'»”’)]"
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FC]")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of `text`, without surrounding whitespace."""
    # English titles and initials turn up in every language's news; unknown languages get all.
    titles = _TITLES[lang] | _TITLES["en"] if lang in _TITLES else _ALL_TITLES
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for stop in _STOP.finditer(text, line.start(), line.end()):
            if _ends_sentence(text, start, stop, line.end(), titles):
                spans.append((start, stop.end()))
                start = stop.end()
        spans.append((start, line.end()))
    stripped = (_strip(text, span) for span in spans)
    return [span for span in stripped if _has_word(text, span)]


def _ends_sentence(
    text: str, start: int, stop: re.Match[str], line_end: int, titles: set[str]
) -> bool:
    after = stop.end()
    if after == line_end:
        return False  # the line end closes it anyway
    marks = stop.group().rstrip(_CLOSERS)
    before = text[start : stop.start()].split()
    word = before[-1].lstrip("(\"'«“‘[") if before else ""
    if not text[after].isspace():
        # "البلدين.وأكد": Arabic writers often omit the space; decimals and ق.م have no letter
        # after the dot or a one-letter part before it.
        if not _ARABIC_LETTER.match(text[after]):
            return False
        return marks != "." or len(word.rsplit(".", 1)[-1]) > 1
    rest = text[after:line_end].lstrip()
    if not rest:
        return False
    first = rest[0]
    if first in "-–—,،;:" or first.islower():
        return False  # "Это конец!" — сказал он; "Yes… maybe."; unknown lowercase abbreviations
    if marks != ".":
        return True
    word = word.rstrip(".")
    if word.casefold() in titles:
        return False
    if len(word) == 1 and word.isalpha() and (word.isupper() or _ARABIC_LETTER.match(word)):
        return False  # initials (J. K. Rowling, А. С. Пушкин) and د. م.
    # "1. " at the start of a line is a list number
    return not (word.isdigit() and len(before) == 1)


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _has_word(text: str, span: tuple[int, int]) -> bool:
    # Lines of bare punctuation ("..") are layout, not sentences.
    return any(ch.isalnum() for ch in text[span[0] : span[1]])
