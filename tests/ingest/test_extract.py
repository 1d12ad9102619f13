"""extract_html / extract_plain on real-language pages: body, metadata and related links."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabayyun.errors import NoArticleTextError
from tabayyun.ingest.decode import decode_bytes
from tabayyun.ingest.extract import decode_references, extract_html, extract_plain

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
SEED_TEXT = (FIXTURES / "seed.ar.txt").read_text(encoding="utf-8")


def _page(name: str) -> str:
    return decode_bytes((FIXTURES / name).read_bytes())[0]


HTML_CASES = [
    pytest.param(
        "article.ar.html",
        {
            "title": "زاخاروفا ونوروز بور يبحثان التعاون الإعلامي بين إيران وروسيا",
            "outlet": "الكوثر",  # JSON-LD publisher beats og:site_name "قناة الكوثر"
            "author": "قسم الأخبار",
            "lang_hint": "ar",
            "first_date": "2024-11-20T14:35:00+03:30",
            "related": 3,
            "first_words": "على هامش زيارته",
            "last_words": "ومكافحة الأخبار المزيفة.",
            "paragraphs": 12,
        },
        id="ar",
    ),
    pytest.param(
        "article.fa.html",
        {
            "title": "دیدار معاون وزیر ارشاد با سخنگوی وزارت خارجه روسیه",
            "outlet": "خبرگزاری نمونه",
            "author": "سرویس فرهنگی",
            "lang_hint": "fa",
            # Its only page date sat in the broken JSON-LD: the URL's is the one left, a guess.
            "first_date": None,
            "address_date": "2024-11-20",
            "related": 1,
            "first_words": "معاون امور مطبوعاتی",
            "last_words": "روابط دوجانبه تأکید کرد.",
            "paragraphs": 3,
        },
        id="fa",
    ),
    pytest.param(
        "article.ru.cp1251.html",
        {
            "title": "Захарова встретилась с иранской медийной делегацией",
            "outlet": "Новости Пример",
            "author": "Анна Смирнова, Иван Петров",
            "lang_hint": "ru",
            "first_date": "2024-11-20T12:05:00+03:00",
            "related": 2,
            "first_words": "Официальный представитель МИД России",
            "last_words": "двух стран.",
            "paragraphs": 3,
        },
        id="ru",
    ),
    pytest.param(
        "article.en.html",
        {
            "title": "Iran and Russia agree to expand media cooperation",
            "outlet": "Example Herald",
            "author": "Jane Doe",
            "lang_hint": "en",
            "first_date": "20241120",
            "related": 2,
            "first_words": "Iran's deputy culture minister",
            "last_words": "between the two countries.",
            "paragraphs": 3,
        },
        id="en",
    ),
]


@pytest.mark.parametrize(("name", "want"), HTML_CASES)
def test_extract_html(name: str, want: dict[str, object]) -> None:
    found = extract_html(_page(name), url="https://news.example.org/2024/11/20/story")
    assert found.title == want["title"]
    assert found.outlet == want["outlet"]
    assert found.author == want["author"]
    assert found.lang_hint == want["lang_hint"]
    assert (found.date_candidates or [None])[0] == want["first_date"]
    assert found.guessed_dates == [want.get("address_date", "2024-11-20")]
    assert found.text.startswith(str(want["first_words"]))
    assert found.text.endswith(str(want["last_words"]))
    assert len(found.text.splitlines()) == want["paragraphs"]
    assert len(found.related) == want["related"]
    for link in found.related:
        assert link.title not in found.text
        # Relative hrefs are resolved against the page address.
        assert link.url is not None and link.url.startswith("https://")
    assert found.title is not None and found.title not in found.text.splitlines()[0]
    assert "<" not in found.text


def test_related_links_keep_their_urls() -> None:
    found = extract_html(_page("article.ar.html"))
    urls = {link.title: link.url for link in found.related}
    assert urls[
        "مكانة إيران المتميزة في إنتاج الأدوية / توفير 100 مليون دولار من العملات الأجنبية"
    ] == (
        "https://www.alkawthartv.ir/news/123377"  # resolved against <link rel=canonical>
    )
    assert found.url == "https://www.alkawthartv.ir/news/123456"
    assert found.metadata["date_modified"] == "2024-11-20T16:00:00+03:30"
    assert found.metadata["jsonld"][0]["@graph"][1]["@type"] == "NewsArticle"


def test_broken_jsonld_is_a_warning_not_a_failure() -> None:
    found = extract_html(_page("article.fa.html"))
    assert found.metadata["jsonld"] == []
    assert any("JSON-LD block 1 is broken" in w for w in found.metadata["warnings"])


def test_persian_zero_width_non_joiner_survives() -> None:
    found = extract_html(_page("article.fa.html"))
    assert "همکاری\u200cهای رسانه\u200cای" in found.text


def test_front_page_has_no_article() -> None:
    with pytest.raises(
        NoArticleTextError, match=r"in https://example\.com/: .*save the article page"
    ):
        extract_html(_page("frontpage.en.html"), url="https://example.com/")


def test_script_only_page_uses_jsonld_article_body() -> None:
    body = "Iran's ambassador to Russia said the visit had doubled in importance for both sides."
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        f'"headline": "Visit doubled in importance", "articleBody": "{body}"}}</script></head>'
        '<body><div id="app"></div><script>render()</script></body></html>'
    )
    found = extract_html(html, url="https://example.com/a")
    assert (found.title, found.text, found.outlet) == (
        "Visit doubled in importance",
        body,
        "example.com",  # no publisher, no site name: the host names the outlet
    )
    assert "render" not in found.text


def test_extract_plain_seed() -> None:
    found = extract_plain(SEED_TEXT)
    assert found.outlet == "الكوثر_ايران"
    assert found.title is None  # the first body line is a long paragraph, not a headline
    assert [link.title[:20] for link in found.related] == [
        "إيران تستضيف 200 ضيف",
        "مكانة إيران المتميزة",
    ]
    lines = found.text.splitlines()
    assert len(lines) == 12
    assert lines[0].startswith("على هامش زيارته")
    assert lines[1].startswith("وكان من بين أولويات")
    assert "اقرأ ايضا" not in found.text


@pytest.mark.parametrize(
    ("lang", "text", "outlet", "title", "body_lines"),
    [
        (
            "ar",
            "#الكوثر_ايران\nزاخاروفا تلتقي وفدا إعلاميا إيرانيا\n\n"
            "التقى مساعد وزير الثقافة الإيراني المتحدثة باسم الخارجية الروسية في موسكو.",
            "الكوثر_ايران",
            "زاخاروفا تلتقي وفدا إعلاميا إيرانيا",
            1,
        ),
        (
            "fa",
            "دیدار معاون وزیر ارشاد با زاخارووا\nمعاون وزیر فرهنگ با سخنگوی وزارت خارجه روسیه "
            "دیدار کرد.\nدو طرف بر مقابله با اخبار جعلی تأکید کردند.",
            None,
            "دیدار معاون وزیر ارشاد با زاخارووا",
            2,
        ),
        (
            "ru",
            "РИА_Новости\nЗахарова провела встречу с делегацией Ирана.\n"
            "Стороны обсудили обмен опытом.",
            "РИА_Новости",
            None,  # the first line ends with a period: a sentence, not a headline
            2,
        ),
        ("en", "Just one line of text without a headline.", None, None, 1),
    ],
)
def test_extract_plain_languages(
    lang: str, text: str, outlet: str | None, title: str | None, body_lines: int
) -> None:
    found = extract_plain(text)
    assert (found.outlet, found.title) == (outlet, title)
    assert len(found.text.splitlines()) == body_lines


def test_extract_plain_without_body() -> None:
    with pytest.raises(NoArticleTextError):
        extract_plain("الكوثر_ايران\n\n   \n")


def test_bold_marker_directly_in_article_does_not_drop_the_article() -> None:
    paragraph = "Iran's ambassador to Russia said the visit had doubled in importance this year."
    html = (
        f"<html><body><article><strong>Related</strong> <p>{paragraph}</p>"
        f"<p>{paragraph}</p></article></body></html>"
    )
    assert paragraph in extract_html(html).text


_BODY = (
    "<p>أعلن وزير الصحة أن نحو أربعين في المئة من السكان تلقوا جرعتين من اللقاح حتى الآن، "
    "وأضاف أن الحكومة خصصت مبالغ إضافية لشراء اللقاحات خلال العام المقبل في كل المحافظات.</p>"
)


@pytest.mark.parametrize(
    ("title", "url", "outlet"),
    [
        # The <title> names the site after (or before) the headline: that is the outlet,
        # before the bare host name.
        ("وزير الصحة: تلقى السكان اللقاح | صحيفة المثال", None, "صحيفة المثال"),
        (
            "وزير الصحة: تلقى السكان اللقاح - صحيفة المثال",
            "https://mithal.example/a",
            "صحيفة المثال",
        ),
        ("صحيفة المثال :: وزير الصحة: تلقى السكان اللقاح", None, "صحيفة المثال"),
        ("وزير الصحة: تلقى السكان اللقاح — Example Daily", None, "Example Daily"),
        # A title that is the headline alone, or that carries more than a site name, says nothing.
        ("وزير الصحة: تلقى السكان اللقاح", "https://mithal.example/a", "mithal.example"),
        ("وزير الصحة: تلقى السكان اللقاح", None, None),
        (
            "وزير الصحة: تلقى السكان اللقاح | أخبار مصر والعالم العربي والدولي لحظة بلحظة اليوم",
            None,
            None,
        ),
    ],
)
def test_outlet_from_the_title_element(title: str, url: str | None, outlet: str | None) -> None:
    html = (
        f"<html><head><title>{title}</title></head><body><article>"
        f"<h1>وزير الصحة: تلقى السكان اللقاح</h1>{_BODY}</article></body></html>"
    )
    found = extract_html(html, url=url)
    assert (found.title, found.outlet) == ("وزير الصحة: تلقى السكان اللقاح", outlet)


def test_site_name_is_never_the_headline() -> None:
    # trafilatura took "Headline - Site" the wrong way round and named the site by the headline.
    html = (
        "<html><head><title>Unemployment falls to 3.9% as economy adds 250,000 jobs - The Example"
        " Times</title></head><body><article><h1>Unemployment falls to 3.9% as economy adds "
        "250,000 jobs</h1><p>The US economy added 250,000 jobs in October, the Labor Department "
        "said on Friday, and the unemployment rate fell to 3.9% in the month.</p><p>Wages rose "
        "4.1% from a year earlier, according to the report released in Washington.</p>"
        "</article></body></html>"
    )
    assert extract_html(html).outlet == "The Example Times"


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Jane Doe, Economics Correspondent", "Jane Doe"),
        ("Jane Doe, Senior Political Reporter", "Jane Doe"),
        ("Анна Смирнова, Иван Петров", "Анна Смирнова, Иван Петров"),
        ("Анна Смирнова, специальный корреспондент", "Анна Смирнова"),
        ("محمد علي، مراسل الجزيرة", "محمد علي"),
        ("سارا احمدی، خبرنگار اقتصادی", "سارا احمدی"),
    ],
)
def test_byline_job_titles_are_not_authors(byline: str, author: str) -> None:
    html = (
        f'<html><head><meta name="author" content="{byline}"></head><body><article><p>'
        "The US economy added 250,000 jobs in October, the Labor Department said on Friday, "
        "and the unemployment rate fell to 3.9% in the month of October.</p>"
        "</article></body></html>"
    )
    assert extract_html(html).author == author


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Opinion | Why the budget cuts will fail", None),  # a section, not the site
        ("Why the budget cuts will fail | Middle East | Al Jazeera", "Al Jazeera"),
    ],
)
def test_title_sections_are_not_outlets(title: str, outlet: str | None) -> None:
    body = "<p>" + "The budget cuts will fail because nobody planned the winter. " * 3 + "</p>"
    html = (
        f"<html><head><title>{title}</title></head><body><article>"
        f"<h1>Why the budget cuts will fail</h1>{body}</article></body></html>"
    )
    assert extract_html(html).outlet == outlet


def test_plain_text_decodes_html_character_references() -> None:
    """Scraped text often keeps "&amp;" and "&quot;": decoded, names stay whole; an ampersand
    that opens no reference (or one without its semicolon) is left as written."""
    page = extract_plain(
        "Texas A&amp;M University said &quot;prices rose&quot; by 5&#37;.\n"
        "AT&T and R&D stay; so does &notice and &unknownname; and the Arabic &#x627;.",
        known_title="A&amp;M report",
    )
    assert page.text == (
        'Texas A&M University said "prices rose" by 5%.\n'
        "AT&T and R&D stay; so does &notice and &unknownname; and the Arabic \u0627."
    )
    assert decode_references("no references") == "no references"
