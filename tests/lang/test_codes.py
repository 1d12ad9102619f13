"""Language codes: the bare code tabayyun stores, and the shape of a BCP 47 tag."""

from __future__ import annotations

import pytest

from tabayyun.lang.codes import is_language_tag, language_code


@pytest.mark.parametrize("tag", ["ar", "fa-IR", "ru_RU", "EN", "de", "und", "zh-Hant-TW", "es-419"])
def test_well_formed_tags(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    "value", ["xx-123-!!", "English", "Persian", "f", "fa IR", "fa--IR", "-fa", "۱۲", ""]
)
def test_garbage_and_language_names_are_not_tags(value: str) -> None:
    assert not is_language_tag(value)


@pytest.mark.parametrize(("tag", "code"), [("fa-IR", "fa"), ("ru_RU", "ru"), (" DE ", "de")])
def test_language_code_is_the_bare_lower_case_language(tag: str, code: str) -> None:
    assert language_code(tag) == code
