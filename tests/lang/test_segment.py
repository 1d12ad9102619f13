"""Sentence spans on tricky news paragraphs per language, and on a real Arabic article."""

from __future__ import annotations

import pytest

from tabayyun.demo import SEED_SAMPLE, sample_path
from tabayyun.lang.segment import split_sentences

SEED = sample_path(SEED_SAMPLE)  # the bundled copy of shared/seed

CASES: dict[str, list[tuple[str, list[str]]]] = {
    "en": [
        (
            "Dr. Smith met Mr. Jones and Mrs. Brown. They talked.",
            ["Dr. Smith met Mr. Jones and Mrs. Brown.", "They talked."],
        ),
        (
            "J. K. Rowling spoke in the U.S. on Jan. 5. Growth hit 3.5 percent!",
            ["J. K. Rowling spoke in the U.S. on Jan. 5.", "Growth hit 3.5 percent!"],
        ),
        (
            'He said: "It is over." Then he left. Was it true? No.',
            ['He said: "It is over."', "Then he left.", "Was it true?", "No."],
        ),
        (
            "Some cities, e.g. Paris, i.e. the capital, agreed. St. Louis did not.",
            ["Some cities, e.g. Paris, i.e. the capital, agreed.", "St. Louis did not."],
        ),
        (
            "It was No. 5 on the list… The rest fell.",
            ["It was No. 5 on the list…", "The rest fell."],
        ),
        (
            "Headline without a stop\nFirst paragraph. Second one.",
            ["Headline without a stop", "First paragraph.", "Second one."],
        ),
    ],
    "ru": [
        (
            "В 1990 г. он переехал в Москву, т. е. в столицу. Там он жил.",
            ["В 1990 г. он переехал в Москву, т. е. в столицу.", "Там он жил."],
        ),
        (
            "А. С. Пушкин родился на ул. Немецкой. Это известно.",
            ["А. С. Пушкин родился на ул. Немецкой.", "Это известно."],
        ),
        (
            "Рост составил 3.5 %. Дж. Байден ответил.",
            ["Рост составил 3.5 %.", "Дж. Байден ответил."],
        ),
        (
            "Он сказал: «Всё кончено.» Дальше были выборы, налоги и т.д. Конец.",
            ["Он сказал: «Всё кончено.»", "Дальше были выборы, налоги и т.д.", "Конец."],
        ),
        (
            "«Это конец!» — сказал он. В 1990-х гг. всё изменилось.",
            ["«Это конец!» — сказал он.", "В 1990-х гг. всё изменилось."],
        ),
        (
            "Площадь им. Ленина закрыта? Да! Её откроют т.е. завтра.",
            ["Площадь им. Ленина закрыта?", "Да!", "Её откроют т.е. завтра."],
        ),
    ],
    "ar": [
        (
            "قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف أن الوضع مستقر.",
            ["قال د. محمد إن النمو بلغ 3.5 في المئة.", "وأضاف أن الوضع مستقر."],
        ),
        (
            "هل هذا صحيح؟ نعم! التقى الوزير نظيره، وبحثا التعاون.",
            ["هل هذا صحيح؟", "نعم!", "التقى الوزير نظيره، وبحثا التعاون."],
        ),
        (
            'وأضاف: "انتهى الأمر." ثم غادر القاعة.',
            ['وأضاف: "انتهى الأمر."', "ثم غادر القاعة."],
        ),
        (
            "بني المعبد عام 300 ق.م في مصر. وتوفي الملك عام 1990 م. في القاهرة.",
            ["بني المعبد عام 300 ق.م في مصر.", "وتوفي الملك عام 1990 م. في القاهرة."],
        ),
        (
            "أكد الوزير أهمية العلاقات.وأشار إلى خطط جديدة",
            ["أكد الوزير أهمية العلاقات.", "وأشار إلى خطط جديدة"],
        ),
        (
            "بلغت الصادرات ٣.٥ مليار دولار. ارتفعت بنسبة ١٢٪.\n..",
            ["بلغت الصادرات ٣.٥ مليار دولار.", "ارتفعت بنسبة ١٢٪."],
        ),
    ],
    "fa": [
        (
            "دکتر گفت: «این کار تمام شد.» آیا درست است؟ بله!",
            ["دکتر گفت: «این کار تمام شد.»", "آیا درست است؟", "بله!"],
        ),
        (
            "رشد ۳.۵ درصد بود. سال ۱۴۰۲ ه.ش. آغاز شد.",
            ["رشد ۳.۵ درصد بود.", "سال ۱۴۰۲ ه.ش. آغاز شد."],
        ),
        (
            "وزیر خارجه، در این دیدار، بر همکاری تأکید کرد. او افزود که مذاکرات ادامه دارد.",
            ["وزیر خارجه، در این دیدار، بر همکاری تأکید کرد.", "او افزود که مذاکرات ادامه دارد."],
        ),
        (
            "د. احمدی سخنرانی کرد. جلسه ساعت ۱۰ ق.ظ. پایان یافت!",
            ["د. احمدی سخنرانی کرد.", "جلسه ساعت ۱۰ ق.ظ. پایان یافت!"],
        ),
        (
            "تیتر خبر\n\nمتن خبر اول است. متن دوم…",
            ["تیتر خبر", "متن خبر اول است.", "متن دوم…"],
        ),
        (
            "قیمت دلار به ۶۰٬۰۰۰ تومان رسید؟! بانک مرکزی واکنش نشان داد.",
            ["قیمت دلار به ۶۰٬۰۰۰ تومان رسید؟!", "بانک مرکزی واکنش نشان داد."],
        ),
    ],
}


def _texts(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [(lang, text, expected) for lang, cases in CASES.items() for text, expected in cases],
)
def test_tricky_paragraphs(lang: str, text: str, expected: list[str]) -> None:
    assert _texts(text, lang) == expected


@pytest.mark.parametrize("lang", sorted(CASES))
def test_spans_are_stripped_ordered_and_in_bounds(lang: str) -> None:
    for text, _ in CASES[lang]:
        spans = split_sentences("  \n" + text + " \n", lang)
        ends = [0] + [end for _, end in spans]
        for (start, end), previous_end in zip(spans, ends, strict=False):
            assert previous_end <= start < end
            assert not ("  \n" + text + " \n")[start].isspace()


@pytest.mark.parametrize("text", ["", "   \n\n ", "..\n…", "!!!"])
def test_no_sentences_without_words(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_unknown_language_still_splits() -> None:
    assert _texts("Mr. X came. Dr. Y left.", "und") == ["Mr. X came.", "Dr. Y left."]


def test_seed_article_sentences() -> None:
    if not SEED.exists():
        pytest.skip("seed file not available")
    text = SEED.read_text(encoding="utf-8")
    sentences = _texts(text, "ar")
    assert sentences[0] == "الكوثر_ايران"
    assert "اقرأ ايضا:" in sentences
    assert 14 <= len(sentences) <= 20
    quoted = [s for s in sentences if 'قائلا:"تلعب' in s]
    assert len(quoted) == 1
    assert quoted[0].endswith('في البلدين".')
    assert all(s.strip() == s and any(c.isalpha() for c in s) for s in sentences)


def test_long_text_is_fast() -> None:
    import time

    text = SEED.read_text(encoding="utf-8") if SEED.exists() else "Some text. More text.\n" * 100
    started = time.perf_counter()
    for _ in range(20):
        split_sentences(text, "ar")
    assert (time.perf_counter() - started) / 20 < 0.01
