"""Turn input bytes into text, detecting and verifying the encoding.

Supported: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1256, ISO-8859-6, Windows-1251
and KOI8-R. Single-byte encodings decode any bytes, so each candidate is verified by how
plausible its text is: the non-ASCII characters must be letters of the expected script, and
letter frequencies pick between encodings of the same script (KOI8-R read as Windows-1251 gives
mostly capitals and rare letters).
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from dataclasses import dataclass

from tabayyun.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputTooLargeError,
)

# What article ingest takes, for the message about a binary input.
ARTICLE_INPUT = "the article as text, HTML, a feed or JSONL"

# Magic numbers of formats people drop into a news tool by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a GZIP archive"),
    (b"BZh", "a BZIP2 archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)
# BZh and MZ are also how some words begin, so they count only with a binary byte soon after.
_WEAK_MAGIC = {b"BZh", b"MZ", b"ID3", b"RIFF"}

# Approximate letter frequencies (share of letters) in news text; unlisted letters get _RARE.
# fmt: off
_RU_FREQ = {
    "о": 0.110, "е": 0.085, "а": 0.080, "и": 0.074, "н": 0.067, "т": 0.063, "с": 0.055,
    "р": 0.047, "в": 0.045, "л": 0.044, "к": 0.035, "м": 0.032, "д": 0.030, "п": 0.028,
    "у": 0.026, "я": 0.020, "ы": 0.019, "з": 0.017, "ь": 0.017, "б": 0.016, "г": 0.017,
    "ч": 0.014, "й": 0.012, "х": 0.0097, "ж": 0.0094, "ш": 0.0073, "ю": 0.0064, "ц": 0.0048,
    "щ": 0.0036, "э": 0.0032, "ф": 0.0026, "ъ": 0.0004, "ё": 0.0004,
}
_AR_FREQ = {
    "ا": 0.125, "ل": 0.10, "ي": 0.06, "ی": 0.03, "م": 0.06, "و": 0.055, "ن": 0.05,
    "ه": 0.04, "ر": 0.045, "ت": 0.04, "ب": 0.035, "ع": 0.03, "ة": 0.025, "ف": 0.025,
    "د": 0.025, "ك": 0.02, "س": 0.02, "ق": 0.02, "أ": 0.02, "ح": 0.018, "ج": 0.012,
    "إ": 0.01, "ى": 0.01, "ش": 0.01, "ص": 0.009, "خ": 0.008, "ط": 0.008, "ز": 0.006,
    "ث": 0.006, "ض": 0.005, "ذ": 0.005, "غ": 0.004, "ء": 0.003, "ئ": 0.003, "آ": 0.002,
    "ظ": 0.002, "ؤ": 0.001, "پ": 0.003, "چ": 0.003, "ژ": 0.001, "گ": 0.006, "ک": 0.01,
}
# fmt: on
_RARE = 0.0005
# Non-letters that ordinary Arabic, Persian and Russian text carries outside ASCII.
_PUNCT = set("«»–—‘’“”„…•№°·\u00a0\u200c\u200d\u200e\u200f،؛؟٪٫٬ـ")
_HARAKAT = {chr(c) for c in range(0x064B, 0x0653)}


@dataclass(frozen=True)
class _Candidate:
    codec: str  # Python codec name
    label: str  # name reported to callers
    script: str  # "arabic" or "cyrillic"


_SINGLE_BYTE = (
    _Candidate("cp1256", "windows-1256", "arabic"),
    _Candidate("iso8859_6", "iso-8859-6", "arabic"),
    _Candidate("cp1251", "windows-1251", "cyrillic"),
    _Candidate("koi8_r", "koi8-r", "cyrillic"),
)
_LABELS = {
    "utf_8": "utf-8",
    "utf_8_sig": "utf-8",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16le",
    "utf_16_be": "utf-16be",
    "ascii": "utf-8",  # ASCII is UTF-8, and UTF-8 is the safer thing to report
}
# Share of non-ASCII characters that must be script letters or usual punctuation.
MIN_PURITY = 0.9
# Control characters (other than tab, newlines, form feed) tolerated per character of text.
MAX_CONTROL_RATIO = 0.01
# Share of script words that may also hold Latin letters (brand names, "COVID-19-го").
MAX_MIXED_WORDS = 0.2
# How much worse (mean log-frequency) a declared encoding may score than its rival.
DECLARED_MARGIN = 0.3
_CAPITAL_INSIDE = re.compile(r"[а-яё][А-ЯЁ]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def decode_bytes(
    raw: bytes,
    *,
    declared: str | None = None,
    max_bytes: int | None = None,
    wanted: str = ARTICLE_INPUT,
) -> tuple[str, str]:
    """Return (text, encoding label) for `raw`, trying the `declared` charset first.

    `declared` (an HTTP header or meta charset) is used only when it decodes cleanly and
    plausibly; a wrong declaration falls back to detection. Raises EmptyInputError,
    InputTooLargeError, BinaryInputError or DecodingError; a BinaryInputError asks for
    `wanted` ("give {wanted}").
    """
    if max_bytes is not None and len(raw) > max_bytes:
        raise InputTooLargeError(
            f"input is {len(raw):,} bytes, over the limit of {max_bytes:,}: "
            "split it or raise TABAYYUN_MAX_INPUT_BYTES"
        )
    if not raw.strip():
        raise EmptyInputError("the input is empty: give a file, URL or text with an article")
    text, label = _decode(raw, declared, wanted)
    if not text.strip():
        raise EmptyInputError("the input holds only whitespace: give an article's text")
    return text, label


def _decode(raw: bytes, declared: str | None, wanted: str) -> tuple[str, str]:
    bom = _by_bom(raw)
    if bom is not None:
        return bom
    _reject_magic(raw, wanted)
    if declared:
        hit = _try_declared(raw, declared)
        if hit is not None:
            return hit
    if b"\x00" in raw or _control_ratio_bytes(raw) > MAX_CONTROL_RATIO:
        # Only UTF-16 without a BOM legitimately has NUL and control bytes.
        for codec, label in (("utf_16_le", "utf-16le"), ("utf_16_be", "utf-16be")):
            text = _strict(raw, codec)
            if text is not None and _is_plausible_utf16(text):
                return text, label
        raise BinaryInputError(
            "the input has NUL or control bytes, so it is not text: give %(wanted)s", wanted=wanted
        )
    text = _strict(raw, "utf_8")
    if text is not None:
        return text, "utf-8"
    best = _best_single_byte(raw)
    if best is None:
        raise DecodingError(
            "the input is not valid UTF-8, UTF-16, Windows-1256, Windows-1251, KOI8-R or "
            "ISO-8859-6: re-save the file as UTF-8"
        )
    return best


def _by_bom(raw: bytes) -> tuple[str, str] | None:
    """Decode by byte order mark; a BOM followed by invalid bytes is a DecodingError."""
    for bom, codec, label in (
        (codecs.BOM_UTF8, "utf_8_sig", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf_16", "utf-16le"),
        (codecs.BOM_UTF16_BE, "utf_16", "utf-16be"),
    ):
        if raw.startswith(bom):
            text = _strict(raw, codec)
            if text is None or not _is_clean(text):
                raise DecodingError(
                    "the input starts with a %(label)s byte order mark but is not valid "
                    "%(label)s: re-save the file as UTF-8",
                    label=label,
                )
            return text, label
    return None


def _reject_magic(raw: bytes, wanted: str) -> None:
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            if magic in _WEAK_MAGIC and _control_ratio_bytes(raw[:512]) == 0:
                continue
            raise BinaryInputError(
                "the input is %(kind)s, not text: give %(wanted)s", kind=kind, wanted=wanted
            )


def _try_declared(raw: bytes, declared: str) -> tuple[str, str] | None:
    """Decode with the declared charset if it is supported and its text is plausible."""
    try:
        codec = codecs.lookup(declared.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None  # an unknown charset name is the page's mistake, not the reader's
    if codec in {"utf_8", "utf_8_sig", "ascii"}:
        text = _strict(raw, "utf_8_sig")
        return (text, "utf-8") if text is not None and _is_clean(text) else None
    if codec in {"utf_16", "utf_16_le", "utf_16_be"}:
        text = _strict(raw, codec)
        ok = text is not None and _is_plausible_utf16(text)
        return (text, _LABELS[codec]) if ok and text is not None else None
    for cand in _SINGLE_BYTE:
        if codecs.lookup(cand.codec).name.replace("-", "_") != codec:
            continue
        text = _strict(raw, cand.codec)
        score = _score(text, cand.script) if text is not None else None
        if text is None or score is None:
            return None
        # A page declaring Windows-1251 while serving KOI8-R decodes "plausibly" too, so
        # the declaration must also beat its same-script rival.
        rivals = [
            _score(other, c.script)
            for c in _SINGLE_BYTE
            if c.script == cand.script and c != cand and (other := _strict(raw, c.codec))
        ]
        if all(r is None or score >= r - DECLARED_MARGIN for r in rivals):
            return text, cand.label
    return None


def _best_single_byte(raw: bytes) -> tuple[str, str] | None:
    """Pick the single-byte candidate whose text scores best, or None if none is plausible."""
    scored: list[tuple[float, str, str]] = []
    for cand in _SINGLE_BYTE:
        text = _strict(raw, cand.codec)
        if text is None:
            continue
        score = _score(text, cand.script)
        if score is not None:
            scored.append((score, text, cand.label))
    if not scored:
        return None
    # max() keeps the first of equal scores, so the commoner Windows code pages win ties.
    score, text, label = max(scored, key=lambda item: item[0])
    return text, label


def _score(text: str, script: str) -> float | None:
    """Mean log-frequency of the script's letters, or None if the text is implausible."""
    if not _is_clean(text):
        return None
    letters: list[str] = []
    bad = 0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        if _in_script(ch, script):
            letters.append(ch)
        elif ch in _HARAKAT and script == "arabic":
            letters.append(ch)  # scored as rare below: real text has few, mis-decoded many
        elif ch not in _PUNCT:
            bad += 1
    if not letters or len(letters) / (len(letters) + bad) < MIN_PURITY:
        return None
    # Runs of letters, not space-separated words: markup glues tags to words ("<p>Дефицит",
    # "رمضان</h1>"), and those are not mixed-script words.
    words = [w for w in _LETTER_RUN.findall(text) if any(_in_script(ch, script) for ch in w)]
    # Latin-1 text read as Windows-1251 gives words like "coыte": scripts mixed inside words.
    mixed = sum(1 for w in words if any("a" <= ch.lower() <= "z" for ch in w))
    if mixed > MAX_MIXED_WORDS * len(words):
        return None
    freq = _AR_FREQ
    case_term = 0.0
    if script == "cyrillic":
        freq = _RU_FREQ
        # KOI8-R read as Windows-1251 (and back) flips case: "пЖЙГЙБМШОЩК" has capitals
        # after small letters. All-capital text has none either way, so frequency decides.
        flipped = sum(1 for w in words if _CAPITAL_INSIDE.search(w))
        case_term = -3.0 * flipped / len(words)
        letters = [ch.lower() for ch in letters]
    mean = sum(math.log(freq.get(ch, _RARE)) for ch in letters) / len(letters)
    return mean + case_term


def _in_script(ch: str, script: str) -> bool:
    if not ch.isalpha():
        return False
    code = ord(ch)
    if script == "arabic":
        return 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF
    return 0x0400 <= code <= 0x04FF


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"


def _is_clean(text: str) -> bool:
    """True when the text has few control characters (C0 or C1), as text does."""
    controls = sum(1 for ch in text if _is_control(ch))
    return controls <= MAX_CONTROL_RATIO * len(text)


def _control_ratio_bytes(raw: bytes) -> float:
    controls = sum(1 for b in raw if b < 0x20 and b not in b"\t\n\r\f\v\x1b")
    return controls / len(raw)


def _is_plausible_utf16(text: str) -> bool:
    """True for BOM-less UTF-16 that reads as text in a supported script.

    Any even-length bytes decode as UTF-16, mostly to CJK ideographs; our languages live in
    the Latin, Arabic and Cyrillic blocks and common punctuation.
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible or not _is_clean(text):
        return False
    letters = sum(ch.isalpha() for ch in visible)
    ours = sum(1 for ch in visible if _is_our_block(ord(ch)))
    return letters > 0.5 * len(visible) and ours >= 0.95 * len(visible)


def _is_our_block(code: int) -> bool:
    return code < 0x0700 or 0x2000 <= code <= 0x206F or 0xFB50 <= code <= 0xFEFF
