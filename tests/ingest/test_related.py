"""split_related: "read also" headlines leave the body, the article's own paragraphs stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabayyun.ingest.related import marker_rest, split_related
from tabayyun.model import RelatedLink

SEED_TEXT = (Path(__file__).parent.parent / "fixtures" / "ingest" / "seed.ar.txt").read_text(
    encoding="utf-8"
)


def test_seed_read_also_block() -> None:
    body, related = split_related(SEED_TEXT)
    assert [link.title for link in related] == [
        "إيران تستضيف 200 ضيف أجنبي في منتدى حوار طهران بمشاركة كبار المسؤولين الدوليين",
        "مكانة إيران المتميزة في إنتاج الأدوية / توفير 100 مليون دولار من العملات الأجنبية",
    ]
    assert "اقرأ ايضا" not in body and "منتدى حوار طهران" not in body
    lines = body.splitlines()
    # The paragraph right after the block is the article again.
    assert lines[2].startswith("وكان من بين أولويات مناقشات الجانبين")
    assert len(lines) == len(SEED_TEXT.splitlines()) - 3


@pytest.mark.parametrize(
    "marker",
    [
        "اقرأ ايضا:",
        "اقرأ أيضاً",
        "إقرأ أيضا :",
        "اقرأ أيضا",
        "أقرأ أيضًا:",
        "اقرأ\u0640 أيضا",  # with tatweel
        "أخبار ذات صلۃ",  # teh marbuta goal
        "اقرأ ڪذلك",  # swash kaf
        "بیشتر بخوانید:",
        "مطالب مرتبط",
        "بخوانید",
        "Читайте также:",
        "ЧИТАЙТЕ ТАКЖЕ",
        "См. также",
        "Read also",
        "Read more:",
        "Related",
        "Related articles:",
        "See also",
    ],
)
def test_marker_variants_start_a_block(marker: str) -> None:
    assert marker_rest(marker) == ""


@pytest.mark.parametrize(
    ("lang", "text", "body", "links"),
    [
        (
            "ar",
            "فقرة أولى من الخبر تنتهي بنقطة.\n"
            "اقرأ أيضا: إيران تستضيف منتدى حوار طهران\nفقرة ثانية.",
            "فقرة أولى من الخبر تنتهي بنقطة.\nفقرة ثانية.",
            [RelatedLink("إيران تستضيف منتدى حوار طهران")],
        ),
        (
            "fa",
            "بند اول خبر.\n"
            "بیشتر بخوانید: برگزاری مجمع گفت‌وگوی تهران https://example.ir/n/998\nبند دوم.",
            "بند اول خبر.\nبند دوم.",
            [RelatedLink("برگزاری مجمع گفت‌وگوی تهران", "https://example.ir/n/998")],
        ),
        (
            "ru",
            "Первый абзац.\nЧитайте также:\n\n- Лавров и Аракчи обсудили сотрудничество\n"
            "- В Тегеране открылся форум\n\nПо словам Захаровой, Россия приветствует диалог.",
            "Первый абзац.\n\nПо словам Захаровой, Россия приветствует диалог.",
            [
                RelatedLink("Лавров и Аракчи обсудили сотрудничество"),
                RelatedLink("В Тегеране открылся форум"),
            ],
        ),
        (
            "en",
            "First paragraph.\nRead also: Tehran forum hosts 200 guests https://example.com/a\n"
            "Short subheading\nMore text.",
            "First paragraph.\nShort subheading\nMore text.",
            [RelatedLink("Tehran forum hosts 200 guests", "https://example.com/a")],
        ),
    ],
)
def test_blocks_per_language(lang: str, text: str, body: str, links: list[RelatedLink]) -> None:
    assert split_related(text) == (body, links)


@pytest.mark.parametrize(
    "text",
    [
        "Related to this, the minister said talks would resume.",
        "Read also the statement in full on the ministry website.",
        "Читайте также внимательно условия договора.",
        "وقال الوزير اقرأ ايضا ما كتبته الصحف.",
    ],
)
def test_prose_that_starts_like_a_marker_stays(text: str) -> None:
    assert split_related(text) == (text, [])


def test_block_stops_at_a_normal_paragraph() -> None:
    long_line = " ".join(["كلمة"] * 30)  # no final period, but too long for a headline
    body, related = split_related(f"Read also\nA headline\n{long_line}")
    assert related == [RelatedLink("A headline")]
    assert body == long_line
