"""Language codes as users, feeds and ClaimReview files write them, read as tabayyun's."""

from __future__ import annotations

import re

# The shape of a BCP 47 tag (RFC 5646) as tabayyun accepts it: an ISO 639 language of two or
# three letters, then subtags of one to eight letters or digits ("fa-IR", "zh-Hant-TW",
# "sr-Latn", "es-419"); "_" is read as "-" ("ru_RU"). Registered 5-8 letter languages are left
# out, so that a language *name* ("English", "Persian") is not taken for a code.
_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*", re.IGNORECASE | re.ASCII)


def language_code(value: str) -> str:
    """The bare lower-case code tabayyun stores: "fa-IR", "FA" and "ru_RU" are "fa" and "ru"."""
    return value.strip().replace("_", "-").split("-")[0].lower()


def is_language_tag(value: str) -> bool:
    """True when `value` has the shape of a BCP 47 language tag ("de", "fa-IR", "und")."""
    return _TAG.fullmatch(value.strip()) is not None


def language_filter(value: str | None) -> str | None:
    """A language filter or hint from a request: its code, or None when empty."""
    if value is None or not value.strip():
        return None
    return language_code(value)
