"""parse_feed on RSS 2.0, RSS 1.0 and Atom in four languages, broken items and non-feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabayyun.errors import EmptyInputError, FeedError
from tabayyun.ingest.feeds import parse_feed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


@pytest.mark.parametrize(
    ("lang", "name", "feed_title", "count", "first_title", "published", "author"),
    [
        (
            "ar",
            "feed.ar.rss",
            "قناة الكوثر - أخبار",
            2,
            "زاخاروفا ونوروز بور يبحثان التعاون الإعلامي بين إيران وروسيا",
            "Wed, 20 Nov 2024 11:05:00 GMT",
            "قسم الأخبار",
        ),
        (
            "fa",
            "feed.fa.atom",
            "خبرگزاری نمونه",
            1,
            "دیدار معاون وزیر ارشاد با سخنگوی وزارت خارجه روسیه",
            "2024-11-20T11:30:00+03:30",
            "سرویس فرهنگی",
        ),
        (
            "ru",
            "feed.ru.cp1251.rss",  # declared windows-1251 in the XML prolog
            "Новости Пример",
            1,
            "Захарова встретилась с иранской медийной делегацией",
            "Wed, 20 Nov 2024 12:05:00 +0300",
            "news@example.ru (Анна Смирнова)",
        ),
        (
            "en",
            "feed.en.rdf",
            "Example Herald",
            1,
            "Iran and Russia agree to expand media cooperation",
            "2024-11-20T10:00:00Z",
            "Jane Doe",
        ),
    ],
)
def test_feeds_per_language(
    lang: str,
    name: str,
    feed_title: str,
    count: int,
    first_title: str,
    published: str,
    author: str,
) -> None:
    feed = parse_feed((FIXTURES / name).read_bytes(), url="https://example.org/feed")
    assert feed.title == feed_title
    assert feed.errors == []
    assert [item.index for item in feed.items] == list(range(1, count + 1))
    first = feed.items[0]
    assert (first.title, first.published, first.author) == (first_title, published, author)
    assert first.link is not None and first.link.startswith("https://")
    assert first.content_html or first.summary


def test_content_html_and_guid() -> None:
    feed = parse_feed((FIXTURES / "feed.ar.rss").read_bytes())
    first, second = feed.items
    assert first.content_html is not None and first.content_html.startswith("<p>على هامش")
    assert first.guid == "alkawthar-123456"
    assert (second.content_html, second.summary) == (None, "بمشاركة كبار المسؤولين الدوليين.")


def test_atom_relative_link_and_zwnj() -> None:
    feed = parse_feed((FIXTURES / "feed.fa.atom").read_bytes(), url="https://example.ir/feed")
    item = feed.items[0]
    assert item.link == "https://example.ir/news/1001"
    assert item.content_html is not None and "آموزش\u200cهای تخصصی" in item.content_html


def test_broken_items_are_reported_and_good_ones_kept() -> None:
    feed = parse_feed((FIXTURES / "feed.broken-item.en.rss").read_bytes())
    assert [item.index for item in feed.items] == [1, 4]
    assert [item.title for item in feed.items] == [
        "Iran and Russia agree to expand media cooperation",
        "Tehran Dialogue Forum hosts 200 foreign guests",
    ]
    assert [index for index, _ in feed.errors] == [2, 3]
    assert "broken XML" in feed.errors[0][1]
    assert "no title, link or content" in feed.errors[1][1]


@pytest.mark.parametrize(
    "raw",
    [
        (FIXTURES / "frontpage.en.html").read_bytes(),
        b"just some words, not a feed",
        b'{"items": []}',
    ],
)
def test_not_a_feed(raw: bytes) -> None:
    with pytest.raises(FeedError, match="is not an RSS or Atom feed"):
        parse_feed(raw, url="https://example.com/")


def test_empty_feed_bytes() -> None:
    with pytest.raises(EmptyInputError):
        parse_feed(b"  \n")
