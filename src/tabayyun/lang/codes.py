"""Language codes as users, feeds and ClaimReview files write them, read as tabayyun's."""

from __future__ import annotations


def language_code(value: str) -> str:
    """The bare lower-case code tabayyun stores: "fa-IR", "FA" and "ru_RU" are "fa" and "ru"."""
    return value.strip().replace("_", "-").split("-")[0].lower()


def language_filter(value: str | None) -> str | None:
    """A language filter or hint from a request: its code, or None when empty."""
    if value is None or not value.strip():
        return None
    return language_code(value)
