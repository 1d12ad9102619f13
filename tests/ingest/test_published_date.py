"""The publication date: from a date field first, then a byline or dateline, never from a year
mentioned in the body; an uncertain or missing date says so in the document's warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabayyun.config import Settings
from tabayyun.ingest.extract import extract_html
from tabayyun.ingest.sources import Loader, LoadFailure
from tabayyun.model import Document
from tabayyun.service import build_pipeline

STAGES = ("decode", "extract", "detect_language", "dates")
EN_BODY = (
    "The governor said that the floods of 2019 destroyed 3,000 homes in the province. Officials "
    "told reporters that rebuilding would cost 200 million dollars. Residents said help arrived "
    "late and that many families were still living in tents."
)
AR_BODY = (
    "قال وزير المالية اللبناني يوسف خليل يوم الاثنين إن العجز في الموازنة بلغ 4.5 مليار دولار "
    "في عام 2023. وأضاف أن التضخم سينخفض إلى 7 في المئة العام المقبل. وقال نواب المعارضة إن "
    "الأرقام مضللة وطالبوا بتحقيق."
)
RU_BODY = (
    "Министр финансов Антон Силуанов заявил в понедельник, что дефицит бюджета в 2023 году "
    "составил 3,2 трлн рублей. По его словам, инфляция снизится до 4 процентов в следующем году."
)
FA_BODY = (
    "علی صالح‌آبادی، رئیس کل بانک مرکزی، روز دوشنبه گفت که تورم در سال ۱۴۰۲ به ۴۰ درصد رسید. "
    "وی افزود که نرخ بیکاری ۹ درصد است."
)


def page(body: str, *, head: str = "", charset: str = "utf-8", title: str = "Report") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!doctype html><html><head>{meta}<title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def analysed(doc: Document) -> Document:
    return build_pipeline(Settings(), stages=STAGES)(doc)


def html_doc(html: str | bytes) -> Document:
    raw = html.encode("utf-8") if isinstance(html, str) else html
    return analysed(Document(source="page.html", raw=raw, media_type="text/html"))


def loaded(path: Path) -> list[Document]:
    items = list(Loader(Settings()).load([str(path)]))
    assert not [item for item in items if isinstance(item, LoadFailure)]
    return [analysed(item) for item in items if isinstance(item, Document)]


def date_warnings(doc: Document) -> list[str]:
    return [w for w in doc.warnings if "date" in w]


# -- a year in the body is never the publication date ----------------------------------------


def test_a_year_in_the_body_is_not_a_publication_date() -> None:
    doc = html_doc(page(f"<p>{EN_BODY}</p>", title="Flood damage"))
    assert doc.published_at is None
    assert any("no publication date" in w for w in date_warnings(doc)), doc.warnings


def test_extraction_keeps_no_date_guessed_from_running_text() -> None:
    found = extract_html(page(f"<p>{EN_BODY}</p>"))
    assert found.date_candidates == []
    assert found.guessed_dates == []


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        (page(f"<p>{AR_BODY}</p>", charset="windows-1256").encode("cp1256"), "ar"),
        (page(f"<p>{RU_BODY}</p>", charset="").encode("koi8-r"), "ru"),
        (b"\xef\xbb\xbf" + page(f"<p>{EN_BODY}</p>").encode("utf-8"), "en"),
    ],
    ids=["windows-1256", "koi8-r", "bom"],
)
def test_a_year_in_the_body_is_not_a_date_in_any_encoding(raw: bytes, lang: str) -> None:
    doc = html_doc(raw)
    assert doc.lang == lang
    assert doc.published_at is None


def test_a_hijri_dateline_beats_a_year_in_the_body() -> None:
    html = page(f"<p><span class='date'>الثلاثاء 24 شعبان 1445 هـ</span></p><p>{AR_BODY}</p>")
    doc = html_doc(html)
    assert doc.published_at == "2024-03-05"
    assert date_warnings(doc) == []


def test_a_date_field_beats_the_dateline() -> None:
    ld = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2024-03-01"}</script>'
    )
    html = page(f"<p><span class='date'>5 March 2024</span></p><p>{EN_BODY}</p>", head=ld)
    assert html_doc(html).published_at == "2024-03-01"


def test_a_month_only_field_is_left_out_with_a_warning() -> None:
    head = '<meta property="article:published_time" content="2024-03">'
    doc = html_doc(page(f"<p>{EN_BODY}</p>", head=head))
    assert doc.published_at is None
    assert any("2024-03" in w and "day" in w for w in date_warnings(doc)), doc.warnings
    assert doc.metadata["published_partial"] == "2024-03"


def test_a_year_only_time_element_is_left_out() -> None:
    doc = html_doc(page(f'<p><time datetime="2019">2019</time></p><p>{EN_BODY}</p>'))
    assert doc.published_at is None
    assert any("2019" in w for w in date_warnings(doc)), doc.warnings


def test_a_dateline_opening_the_text_is_read_without_a_warning() -> None:
    doc = analysed(
        Document(
            source="text",
            raw_text="LONDON, March 5, 2024 - " + EN_BODY,
            media_type="text/plain",
        )
    )
    assert doc.published_at == "2024-03-05"
    assert date_warnings(doc) == []


def test_a_date_inside_the_first_sentence_is_taken_with_a_warning() -> None:
    text = (
        "Officials from the ministry of finance told reporters in the capital that on 4 March "
        "2024 the deficit had doubled. " + EN_BODY
    )
    doc = analysed(Document(source="text", raw_text=text, media_type="text/plain"))
    assert doc.published_at == "2024-03-04"
    assert any("first lines" in w for w in date_warnings(doc)), doc.warnings


def test_a_date_read_from_the_address_is_marked_uncertain() -> None:
    html = page(f"<p>{EN_BODY}</p>")
    doc = analysed(
        Document(
            source="https://news.example/2024/03/05/floods",
            raw=html.encode(),
            media_type="text/html",
            url="https://news.example/2024/03/05/floods",
        )
    )
    assert doc.published_at == "2024-03-05"
    assert any("address" in w for w in date_warnings(doc)), doc.warnings


# -- feeds and JSONL -------------------------------------------------------------------------


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Daily</title><link>https://daily.example/</link>
<item><title>Good date</title><link>https://daily.example/a1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>{body} One.</description></item>
<item><title>Broken date</title><link>https://daily.example/a2</link>
<pubDate>Blursday, 45 Foo 2024 99:99</pubDate><description>{body} Two.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry><title>Atom broken date</title><link href="https://wire.example/2"/><id>w2</id>
<updated>not-a-date</updated><summary>{body}</summary></entry>
</feed>"""


def test_a_feed_item_with_a_broken_date_gets_none_and_a_warning(tmp_path: Path) -> None:
    body = EN_BODY.replace("2019", "2023")
    (tmp_path / "feed.rss").write_text(RSS.format(body=body), encoding="utf-8")
    good, broken = loaded(tmp_path / "feed.rss")
    assert good.published_at == "2024-03-05T10:00:00+00:00"
    assert broken.published_at is None
    assert any("Blursday" in w for w in date_warnings(broken)), broken.warnings


def test_an_atom_entry_with_a_broken_date_gets_none(tmp_path: Path) -> None:
    (tmp_path / "feed.atom").write_text(ATOM.format(body=EN_BODY), encoding="utf-8")
    (entry,) = loaded(tmp_path / "feed.atom")
    assert entry.published_at is None
    assert date_warnings(entry)


def test_a_jsonl_html_line_without_a_date_gets_none(tmp_path: Path) -> None:
    import json

    line = json.dumps({"html": f"<p>{EN_BODY}</p>", "title": "JSONL html"})
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    (doc,) = loaded(tmp_path / "a.jsonl")
    assert doc.published_at is None


# -- bylines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "body", "author", "published"),
    [
        ('<div class="byline">By Maria Lopez, March 5, 2024</div>', EN_BODY, "Maria Lopez",
         "2024-03-05"),
        ("<p><span class='byline'>تاریخ انتشار: ۱۵ اسفند ۱۴۰۲ - ۱۰:۳۰</span></p>", FA_BODY, None,
         "2024-03-05T10:30"),
        ('<p class="byline">بقلم: أحمد علي - 5 مارس 2024</p>', AR_BODY, "أحمد علي", "2024-03-05"),
        ('<div class="author">Автор: Иван Петров, 5 марта 2024 г.</div>', RU_BODY, "Иван Петров",
         "2024-03-05"),
    ],
    ids=["en", "fa-label-only", "ar", "ru"],
)  # fmt: skip
def test_a_byline_gives_the_author_without_its_date_and_label_and_the_date(
    byline: str, body: str, author: str | None, published: str
) -> None:
    doc = html_doc(page(f"{byline}<p>{body}</p>"))
    assert doc.author == author
    assert doc.published_at == published
    assert date_warnings(doc) == []
