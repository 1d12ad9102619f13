"""Usernames: the canonical key that decides which account a name means, and the rules for new ones.

A username is shown as typed, but names that a reader cannot tell apart, or that two keyboards
type differently, are one account. `username_key` is what uniqueness and sign-in compare: NFKC,
then case folded, without invisible and text-direction characters, tatweel or Arabic diacritics,
with the letter variants of Arabic, Persian and Russian keyboards made one (ي ی ى, ك ک ڪ, the
alef forms, ه ة ۀ ھ ہ, ё е; the folds of `tabayyun.lang.normalize`, language-blind) and every
decimal digit made ASCII. So "Ali", "ali" and "ALI" are one account, and so are «علی» typed on
a Persian keyboard and «علي» on an Arabic one.

`check_new_username` also refuses names that mix scripts (Latin "admin" with a Cyrillic "а" is
another name that looks the same, the way to impersonate someone in the audit log and the review
workflow) and letters of scripts that are not in common use (UAX #31 recommended scripts), whose
letters include look-alikes of whole Latin words. Digits and . @ _ - go with any one script.

Changing `username_key` changes which account a stored key means: ship a migration that
recomputes `users.username_key` with it (as migration 0010 computed the first keys).
"""

from __future__ import annotations

import re
import unicodedata

import regex

from tabayyun.errors import InputError

MIN_LENGTH = 2
MAX_LENGTH = 64
KEY_MAX_LENGTH = 255  # casefolding can lengthen a name (ß -> ss); see schema.users

_PUNCTUATION = frozenset(".@_-")
_TATWEEL = "\u0640"
_ZWNJ = "\u200c"  # Persian writes some words with it; it never tells two names apart
# Unicode's Default_Ignorable_Code_Point (zero-width characters, bidi controls, soft hyphen,
# variation selectors, Hangul fillers...); every other format character (Cf) is dropped too.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Arabic diacritics (harakat, superscript alef, Quranic marks): a name means the same without.
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)
_FOLDS = str.maketrans(
    {
        "\u06cc": "\u064a",  # ی Persian yeh -> ي
        "\u0649": "\u064a",  # ى alef maksura -> ي
        "\u06a9": "\u0643",  # ک keheh -> ك
        "\u06aa": "\u0643",  # ڪ swash kaf -> ك
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0672": "\u0627",  # ٲ -> ا
        "\u0673": "\u0627",  # ٳ -> ا
        "\u0629": "\u0647",  # ة teh marbuta -> ه
        "\u06c3": "\u0647",  # ۃ teh marbuta goal -> ه
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u06c2": "\u0647",  # ۂ -> ه
        "\u06d5": "\u0647",  # ە -> ه
        "\u06be": "\u0647",  # ھ heh doachashmee -> ه
        "\u06c1": "\u0647",  # ہ heh goal -> ه
        "\u0451": "\u0435",  # ё -> е
    }
)

# UAX #31 table 4, the scripts recommended for identifiers (without Common and Inherited,
# which hold no letters of a language). Matched by Script_Extensions, so tatweel counts as
# Arabic and the Japanese length mark ー as kana.
_SCRIPTS = (
    "Latin", "Arabic", "Cyrillic", "Greek", "Armenian", "Hebrew", "Georgian", "Thaana",
    "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
    "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Ethiopic", "Khmer", "Han",
    "Hiragana", "Katakana", "Hangul", "Bopomofo",
)  # fmt: skip
_SCRIPT_PATTERNS = {name: regex.compile(rf"\p{{scx={name}}}") for name in _SCRIPTS}
# UTS #39: Han goes with kana (Japanese), Hangul (Korean) or Bopomofo (Chinese); these mixes
# are how those languages are written, not a mix of scripts.
_WRITING_SYSTEMS = {
    "Han": frozenset({"Han", "Japanese", "Korean", "Chinese"}),
    "Hiragana": frozenset({"Hiragana", "Japanese"}),
    "Katakana": frozenset({"Katakana", "Japanese"}),
    "Hangul": frozenset({"Hangul", "Korean"}),
    "Bopomofo": frozenset({"Bopomofo", "Chinese"}),
}
# What a name may be (each message is a whole sentence, for translation: see tabayyun.errors).
_LIMITS = {"min": MIN_LENGTH, "max": MAX_LENGTH}
_NOT_A_NAME = "username %(username)s must be %(min)s-%(max)s letters, digits or . @ _ - characters"


def username_key(username: str) -> str:
    """The canonical form two usernames share when they are one account.

    Total: any text has a key (sign-in computes it from whatever was typed).
    """
    text = "".join("\ufffd" if unicodedata.category(c) == "Cs" else c for c in username.strip())
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", _strip_ignored(text).casefold())
    text = _strip_ignored(text).translate(_FOLDS)
    return "".join(
        str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c for c in text
    )


def _strip_ignored(text: str) -> str:
    text = _ARABIC_MARKS.sub("", _INVISIBLE.sub("", text)).replace(_TATWEEL, "")
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def check_new_username(username: str) -> str:
    """The key of `username` for a new account; InputError saying what to change when the name
    is not acceptable. Uniqueness of the key is the caller's to check."""
    form = unicodedata.normalize("NFKC", username)
    if not MIN_LENGTH <= len(form) <= MAX_LENGTH or len(username) > MAX_LENGTH:
        raise InputError(_NOT_A_NAME, username=repr(username), **_LIMITS)
    for char in form:
        if char == _ZWNJ or char in _PUNCTUATION or _is_letter_or_digit(char):
            continue
        if _is_invisible(char):
            raise InputError(
                "username %(username)s holds an invisible or text-direction character "
                "(%(code)s); type the name again instead of pasting it",
                username=repr(username),
                code=_code(char),
            )
        raise InputError(
            "username %(username)s must be %(min)s-%(max)s letters, digits or . @ _ - characters; "
            "remove %(char)s (%(code)s)",
            username=repr(username),
            char=repr(char),
            code=_code(char),
            **_LIMITS,
        )
    letters = [c for c in form if unicodedata.category(c).startswith("L")]
    systems = _check_one_script(username, letters)
    if _ZWNJ in form and "Arabic" not in systems:
        raise InputError(
            "username %(username)s holds an invisible character (%(code)s), which only "
            "names in Arabic script may use; type the name again without it",
            username=repr(username),
            code=_code(_ZWNJ),
        )
    key = username_key(username)
    if len(key) < MIN_LENGTH:
        raise InputError(_NOT_A_NAME, username=repr(username), **_LIMITS)
    return key


def _is_letter_or_digit(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Nd" or (category.startswith("L") and not _is_invisible(char))


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or bool(_INVISIBLE.match(char))


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _systems(letter: str) -> frozenset[str]:
    found: set[str] = set()
    for name, pattern in _SCRIPT_PATTERNS.items():
        if pattern.match(letter):
            found |= _WRITING_SYSTEMS.get(name, {name})
    return frozenset(found)


def _check_one_script(username: str, letters: list[str]) -> frozenset[str]:
    """The writing systems every letter fits (empty for a name without letters); InputError
    for letters of an uncommon script or of more than one."""
    if not letters:
        return frozenset()
    by_letter = {c: _systems(c) for c in letters}
    rare = [c for c, systems in by_letter.items() if not systems]
    if rare:
        shown = ", ".join(f"{c!r} ({_code(c)})" for c in rare[:3])
        raise InputError(
            "username %(username)s uses letters of a script that usernames do not accept "
            "(%(letters)s); write it in Latin, Arabic, Cyrillic or another script in common use",
            username=repr(username),
            letters=shown,
        )
    common = frozenset.intersection(*by_letter.values())
    if common:
        return common
    groups: dict[str, list[str]] = {}
    for c in letters:
        script = next(name for name in _SCRIPTS if _SCRIPT_PATTERNS[name].match(c))
        if c not in groups.setdefault(script, []):
            groups[script].append(c)
    counts = {script: sum(letters.count(c) for c in chars) for script, chars in groups.items()}
    scripts = sorted(groups, key=lambda script: -counts[script])
    fewest = scripts[-1]
    shown = ", ".join(f"{c!r} {_code(c)}" for c in groups[fewest][:3])
    raise InputError(
        "username %(username)s mixes %(scripts)s and %(fewest)s letters "
        "(%(fewest)s: %(letters)s), so it can pass for another name; write it in one script, "
        "e.g. with one keyboard layout (digits and . @ _ - go with any script)",
        username=repr(username),
        scripts=", ".join(scripts[:-1]),
        fewest=fewest,
        letters=shown,
    )
