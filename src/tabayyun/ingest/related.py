"""Find "read also" blocks in article text and split them off as related links.

Outlets interleave headlines of other articles with the body ("اقرأ أيضا:", "Читайте также").
Those headlines are not the article's claims, so they must leave the text before analysis.
"""

from __future__ import annotations

import re
import unicodedata

from tabayyun.lang.normalize import ARABIC_LETTER_FOLDS
from tabayyun.model import RelatedLink

# Marker phrases in their matching form (see `_marker_form`), one per line of the brief.
_MARKERS: frozenset[str] = frozenset(
    {
        # Arabic; alef/hamza variants and tanween are folded away by `_marker_form`.
        "اقرا ايضا",
        "اقرا كذلك",
        "اقرا المزيد",
        "اقرا الخبر",
        "اخبار ذات صله",
        "مواضيع ذات صله",
        "مقالات ذات صله",
        "ذات صله",
        # Persian (ی/ي and ک/ك are folded).
        "بيشتر بخوانيد",
        "مطالب مرتبط",
        "اخبار مرتبط",
        "بخوانيد",
        # Russian.
        "читайте также",
        "читайте еще",
        "читайте ещё",
        "см. также",
        "см также",
        "по теме",
        # English.
        "read also",
        "also read",
        "read more",
        "related",
        "related articles",
        "related stories",
        "related news",
        "see also",
    }
)

_FOLD = str.maketrans(
    {
        **ARABIC_LETTER_FOLDS,
        "ـ": None,  # tatweel only stretches a word
        "\u200c": " ",  # ZWNJ joins Persian word parts
    }
)
_URL = re.compile(r"https?://[^\s<>\"'«»]+")
_SPACES = re.compile(r"\s+")
# A marker may be followed by a colon, dash or guillemet before an inline headline.
_SEPARATORS = ":：-–—»>|"
_BULLETS = "-–—•*·»>▪◦● \t"
_SENTENCE_END = (".", "۔", "!", "…")
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 220


def _marker_form(text: str) -> str:
    """Fold spelling variants so that "إقرأ أيضاً :" and "اقرا ايضا" compare equal."""
    decomposed = unicodedata.normalize("NFKC", text).translate(_FOLD)
    # Drop Arabic harakat and tanween (combining marks) but keep letters.
    letters = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", letters).strip().casefold()


def marker_rest(line: str) -> str | None:
    """Return what follows a related-links marker on `line` ("" if nothing), else None."""
    form = _marker_form(line)
    bare = form.rstrip(_SEPARATORS + " ")
    if bare in _MARKERS:
        return ""
    for marker in _MARKERS:
        if not form.startswith(marker):
            continue
        rest = form[len(marker) :]
        # Only a separator makes "Related: ..." inline; "Related to this, ..." is prose.
        if rest[:2].strip()[:1] in tuple(_SEPARATORS) and rest.strip(_SEPARATORS + " "):
            return _strip_marker(line, len(marker))
    return None


def _strip_marker(line: str, marker_len: int) -> str:
    """Cut the marker and its separator from the original `line`, keeping original spelling."""
    # Walk the original line until its folded prefix has the marker's length.
    for cut in range(len(line) + 1):
        if len(_marker_form(line[:cut])) >= marker_len:
            return line[cut:].strip().lstrip(_SEPARATORS).strip()
    return ""


def is_headline_like(line: str) -> bool:
    """True when `line` reads like a headline: short, without a sentence-final period."""
    stripped = line.strip()
    if not stripped or stripped.endswith(_SENTENCE_END):
        return False
    without_urls = _URL.sub("", stripped)
    return (
        len(without_urls.split()) <= MAX_HEADLINE_WORDS and len(without_urls) <= MAX_HEADLINE_CHARS
    )


def related_link(line: str) -> RelatedLink | None:
    """Turn a headline line (maybe with a URL) into a RelatedLink; None if nothing is left."""
    match = _URL.search(line)
    url = match.group(0).rstrip(".,;)]") if match else None
    title = _URL.sub("", line).strip().strip(_BULLETS).strip(" :|").strip()
    if not title:
        title = url or ""
    return RelatedLink(title=title, url=url) if title else None


def split_related(text: str) -> tuple[str, list[RelatedLink]]:
    """Return `text` without its related-links blocks, and the headlines of those blocks.

    A block starts at a marker line ("اقرأ أيضا:", "Читайте также", ...) and runs over the
    following headline-like lines (blank lines allowed) until a normal paragraph. A marker with
    a headline on the same line ("Read also: ...") is a one-line block.
    """
    lines = text.splitlines()
    kept: list[str] = []
    related: list[RelatedLink] = []
    i = 0
    while i < len(lines):
        rest = marker_rest(lines[i])
        if rest is None:
            kept.append(lines[i])
            i += 1
            continue
        i += 1
        if rest:
            # An inline marker carries its one headline; the next line is the article again.
            link = related_link(rest)
            related.extend([link] if link else [])
            continue
        while True:
            nxt = i
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1  # blank lines may separate the headlines of one block
            if nxt >= len(lines) or marker_rest(lines[nxt]) is not None:
                break
            if not is_headline_like(lines[nxt]):
                break
            link = related_link(lines[nxt])
            related.extend([link] if link else [])
            i = nxt + 1
    return "\n".join(kept), related
