"""One digit table serves every reader of numbers: each Arabic-Indic and Persian digit in
`DIGIT_FOLDS` reads as its ASCII digit in the search form, quantities, dates, years and ratings."""

from __future__ import annotations

import pytest

from tabayyun.lang.dates import parse_date
from tabayyun.lang.normalize import DIGIT_FOLDS, NUMBER_SIGN_FOLDS, normalize
from tabayyun.matching.verify import profile
from tabayyun.registry.ratings import as_number
from tabayyun.understand.numbers import find_quantities


def test_the_table_holds_both_digit_systems() -> None:
    assert "".join(DIGIT_FOLDS) == "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
    assert "".join(DIGIT_FOLDS.values()) == "0123456789" * 2
    assert normalize("".join(NUMBER_SIGN_FOLDS)) == ".,%"


@pytest.mark.parametrize(("digit", "ascii"), sorted(DIGIT_FOLDS.items()))
def test_every_reader_folds_every_digit(digit: str, ascii: str) -> None:
    for lang in ("ar", "fa", "ru", "en", None):
        assert normalize(f"{digit}{digit}", lang) == ascii * 2
    assert as_number(f"1{digit}\u066b{digit}") == float(f"1{ascii}.{ascii}")
    [quantity] = find_quantities(f"نسبة 1{digit}\u066b5\u066a", "ar")
    assert (quantity.value, quantity.unit) == (float(f"1{ascii}.5"), "percent")
    sep = "\u066b"  # a decimal separator is not a date separator: "٢٠٢٤٫٠٣٫١٥" stays a number
    assert parse_date(f"2024-03-1{digit}") == f"2024-03-1{ascii}"
    assert parse_date(f"2024{sep}03{sep}1{digit}") is None
    assert f"201{ascii}" in profile(f"في عام ٢٠١{digit} تغير الأمر", "ar").years
