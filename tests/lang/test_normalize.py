"""The search form: examples per language and properties that must hold for any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.lang.normalize import (
    normalize,
    persian_match_form,
    query_readings,
    search_term_readings,
    search_terms,
    stem_tokens,
    tokenize,
)

# Marks, tatweel and invisible characters that must never reach the index.
FORBIDDEN = re.compile(
    "[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]"
)
LANGS = ["ar", "fa", "ru", "en", None]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ar", "الإعلاميّة المُشتركة", "الاعلاميه المشتركه"),
        ("ar", "أكّد إنّ آمال ٱلوزير", "اكد ان امال الوزير"),
        ("ar", "على  هامش\u0640\u0640 الزيارة", "علي هامش الزياره"),
        ("ar", "مساعد وزیر الثقافة", "مساعد وزير الثقافه"),  # Persian ی typed in Arabic
        ("ar", "بنسبة ١٢٪ و٣٫٥ مليار", "بنسبه 12% و3.5 مليار"),
        ("fa", "می\u200cخواهم به ایران بروم", "میخواهم به ایران بروم"),
        ("fa", "مذاكرات وزير خارجه", "مذاکرات وزیر خارجه"),  # Arabic ي/ك typed in Persian
        ("fa", "قیمت ۶۰ هزار تومان", "قیمت 60 هزار تومان"),
        ("fa", "خانۀ ملت", "خانه ملت"),
        ("ru", "Ёлка   и ЕЩЁ\u00a0раз", "елка и еще раз"),
        ("ru", "Захарова\u200b заявила", "захарова заявила"),
        ("en", "  The U.S. ＦＢＩ\tsaid\n", "the u.s. fbi said"),
        ("en", "\ufeff\u202bStraße\u202c", "strasse"),
        ("fa", "ھمکاری رسانه\u200cای", "همکاری رسانهای"),  # heh doachashmee
        ("ar", "ھذا الڪتاب", "هذا الكتاب"),  # heh doachashmee, swash kaf
        ("fa", "ڪتاب", "کتاب"),  # swash kaf is Persian keheh in Persian
        ("ar", "المدرسۃ", "المدرسه"),  # teh marbuta goal
        ("fa", "ہمکاری", "همکاری"),  # heh goal (Urdu keyboards)
        ("fa", "\ufbacمکاری", "همکاری"),  # a presentation form of ھ
    ],
)
def test_examples(lang: str, text: str, expected: str) -> None:
    assert normalize(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "spellings"),
    [
        ("fa", ["می‌خواهم", "میخواهم", "ميخواهم", "مىخواهم"]),
        ("fa", ["کتاب یک", "كتاب يك", "كتاب یک"]),
        ("ar", ["كتاب", "کتاب"]),
        ("ar", ["علي", "على", "علی", "عَلى"]),
        ("ar", ["إيران", "أيران", "ايران", "ایران"]),
        ("ar", ["مدرسة", "مدرسه", "مدرسۃ"]),
        ("fa", ["همکاری", "ھمکاری", "ہمکاری"]),
        ("ar", ["هذا", "ھذا"]),
        ("ar", ["كتاب", "ڪتاب", "کتاب"]),
        ("fa", ["کتاب", "ڪتاب", "كتاب"]),
        ("ru", ["Ёжик", "ежик", "ЕЖИК"]),
        ("en", ["Fact-Check", "fact-check", "FACT-CHECK"]),
    ],
)
def test_variant_spellings_normalise_equal_within_a_language(
    lang: str, spellings: list[str]
) -> None:
    assert len({normalize(s, lang) for s in spellings}) == 1


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_idempotent_and_clean(lang: str | None, text: str) -> None:
    once = normalize(text, lang)
    assert normalize(once, lang) == once
    assert not FORBIDDEN.search(once)
    assert once == once.strip()
    assert "  " not in once


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)))
def test_arabic_block_is_idempotent(text: str) -> None:
    for lang in ("ar", "fa"):
        once = normalize(text, lang)
        assert normalize(once, lang) == once
        assert not FORBIDDEN.search(once)


@pytest.mark.parametrize("lang", LANGS)
def test_pashto_letters_stay_apart(lang: str | None) -> None:
    # ې and ۍ are letters of their own in Pashto, not ways of typing an Arabic or Persian yeh.
    assert normalize("ې ۍ", lang) == "ې ۍ"


def test_persian_and_arabic_letters_per_language() -> None:
    assert "ی" not in normalize("یک کتاب", "ar") and "ك" in normalize("یک کتاب", "ar")
    assert "ي" not in normalize("يك كتاب", "fa") and "ک" in normalize("يك كتاب", "fa")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التقى الوزير، نظيره الروسي", ["التقى", "الوزير", "نظيره", "الروسي"]),
        ("میخواهم 3.5 درصد", ["میخواهم", "3.5", "درصد"]),
        ("курс: 90,5 рубля!", ["курс", "90,5", "рубля"]),
        ("u.s. fact_check (2024)", ["u", "s", "fact", "check", "2024"]),
        ("", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("lang", "words", "same"),
    [
        ("ar", ["الإعلامية", "الإعلامي", "إعلامية"], True),
        ("ar", ["المشتركة", "المشترك"], True),
        ("fa", ["کتاب‌ها", "کتاب"], True),
        ("ru", ["переговоры", "переговоров", "переговорам"], True),
        ("en", ["negotiations", "negotiation"], True),
        ("en", ["rose", "fell"], False),
    ],
)
def test_stems_conflate_inflections(lang: str, words: list[str], same: bool) -> None:
    stems = stem_tokens(tokenize(normalize(" ".join(words), lang)), lang)
    assert len(stems) == len(words)
    assert (len(set(stems)) == 1) is same


def test_stem_tokens_leaves_unknown_languages_alone() -> None:
    assert stem_tokens(["parlement", "votes"], "fr") == ["parlement", "votes"]
    assert stem_tokens(iter(["running"]), "en") == ["run"]


@pytest.mark.parametrize(
    ("query", "spelling"),
    [
        ("می\u200cخواهم", "می خواهم"),  # a ZWNJ is also read as a space
        ("خانه\u200cای", "خانه ای"),
        ("می خواهم", "میخواهم"),  # a spaced prefix or suffix is also read joined
        ("نمی دانم", "نمیدانم"),
        ("بی سابقه", "بیسابقه"),
        ("خانه ای", "خانهای"),
        ("رفته اند", "رفتهاند"),
        ("بزرگ ترین کتاب های", "بزرگترین کتابهای"),
        ("می خواسته اند", "میخواستهاند"),
    ],
)
@pytest.mark.parametrize("lang", ["fa", None])
def test_persian_queries_are_also_read_split_and_joined(
    query: str, spelling: str, lang: str | None
) -> None:
    readings = query_readings(query, lang)

    plain = [search_terms(query, lang)] if lang else search_term_readings(query)
    assert readings[: len(plain)] == plain
    assert search_terms(spelling, "fa") in readings


@pytest.mark.parametrize(
    ("query", "lang"),
    [("می خواهم", "ar"), ("Moscow talks", "en"), ("Moscow talks", None), ("کتاب", "fa")],
)
def test_other_queries_keep_their_readings(query: str, lang: str | None) -> None:
    plain = [search_terms(query, lang)] if lang else search_term_readings(query)
    assert query_readings(query, lang) == plain


def test_long_persian_queries_get_three_extra_readings_at_most() -> None:
    query = " ".join(["می\u200cخواهم کتاب ها و", "بی سابقه", "خانه\u200cای"] * 10)

    assert len(query_readings(query, "fa")) == 4
    assert len(query_readings(query, None)) <= len(search_term_readings(query)) + 3
    assert query_readings("", "fa") == [] and query_readings("؟", None) == []


@pytest.mark.parametrize(
    ("spellings", "form"),
    [
        (["می\u200cخواهم", "می خواهم", "میخواهم"], "میخواهم"),
        (["نمی\u200cدانند", "نمی دانند", "نمیدانند"], "نمیدانند"),
        (["کتاب\u200cهای", "کتاب های", "کتابهای"], "کتابهای"),
        (["بزرگ\u200cترین", "بزرگ ترین", "بزرگترین"], "بزرگترین"),
        (["رسانه\u200cای", "رسانه ای", "رسانهای"], "رسانهای"),
        (["بین\u200cالمللی", "بین المللی"], "بین المللی"),  # a compound: ZWNJ reads as a space
        (["بینالمللی"], "بینالمللی"),  # and typed joined stays one word
        (["مي\u200cخواهيم"], "میخواهیم"),  # Arabic yeh, as older sites type it
        (["حمل\u200cونقل", "حمل و نقل", "حمل\u200cو\u200cنقل"], "حمل و نقل"),  # a pair compound
    ],
)
def test_persian_match_form_makes_zwnj_space_and_joined_spellings_one(
    spellings: list[str], form: str
) -> None:
    assert [persian_match_form(s) for s in spellings] == [form] * len(spellings)
    assert persian_match_form(form) == form
