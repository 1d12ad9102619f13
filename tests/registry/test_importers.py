"""Readers for HTML pages, JSON, JSON Lines and CSV: one bad item never stops the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabayyun.errors import InputError
from tabayyun.registry.importers import Parsed, parse_mapping, read_csv, read_factchecks
from tabayyun.registry.model import FactCheck


def _split(parsed: list[Parsed]) -> tuple[list[tuple[str, FactCheck]], list[tuple[str, str]]]:
    good = [(loc, r) for loc, r in parsed if isinstance(r, FactCheck)]
    bad = [(loc, str(r)) for loc, r in parsed if isinstance(r, InputError)]
    return good, bad


@pytest.mark.parametrize(
    ("lang", "label", "location", "claim_start"),
    [
        ("ar", "false", "JSON-LD block 1.@graph[2]", "صورة متداولة"),
        ("fa", "misleading", "JSON-LD block 1", "آب شهر نمونه‌آباد"),
        ("ru", "mostly_false", "JSON-LD block 1[1]", "Все школы"),
        ("en", "false", "JSON-LD block 1", "Drinking a glass"),
    ],
)
def test_html_page_with_claimreview_json_ld(
    fixtures: Path, lang: str, label: str, location: str, claim_start: str
) -> None:
    path = fixtures / f"page-{lang}.html"
    good, bad = _split(list(read_factchecks(path)))
    assert bad == []
    [(where, fc)] = good
    assert where == f"{path}:{location}"
    assert (fc.lang, fc.rating.label, fc.rating.known) == (lang, label, True)
    assert fc.claim_reviewed.startswith(claim_start)
    assert (fc.url or "").startswith(f"https://factcheck.example.org/{lang}/")


def test_page_details_survive(fixtures: Path) -> None:
    [(_, fc)] = _split(list(read_factchecks(fixtures / "page-en.html")))[0]
    assert fc.headline == "No, hot water does not cure the flu"
    assert fc.claim_author == "Social media users"
    assert [a.url for a in fc.appearances] == [
        "https://social.example.com/post/2002",
        "https://video.example.com/watch/77",
    ]
    [(_, fa)] = _split(list(read_factchecks(fixtures / "page-fa.html")))[0]
    assert fa.publisher_url == "https://factcheck.example.org"
    assert fa.appearances[0].url == "https://messenger.example.com/channel/55"  # firstAppearance


def test_broken_json_ld_block_is_one_error_and_the_good_block_imports(fixtures: Path) -> None:
    path = fixtures / "page-broken.html"
    good, bad = _split(list(read_factchecks(path)))
    assert [loc for loc, _ in bad] == [f"{path}:JSON-LD block 1"]
    assert "broken JSON-LD" in bad[0][1]
    assert [fc.url for _, fc in good] == ["https://factcheck.example.org/en/bridge-toll"]


def test_page_without_claimreview_says_so(tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(
        '<html><script type="application/ld+json">{"@type": "NewsArticle"}</script></html>'
    )
    [(where, error)] = list(read_factchecks(page))
    assert where == str(page)
    assert isinstance(error, InputError) and "no ClaimReview" in str(error)


def test_datafeed_items_and_their_locations(fixtures: Path) -> None:
    path = fixtures / "feed.json"
    good, bad = _split(list(read_factchecks(path)))
    assert [(loc.removeprefix(f"{path}:"), fc.lang, fc.rating.label) for loc, fc in good] == [
        ("dataFeedElement[0].item[0]", "en", "mostly_false"),
        ("dataFeedElement[1].item[0]", "ar", "misleading"),
        ("dataFeedElement[1].item[1]", "fa", "true"),
        ("dataFeedElement[2].item[0]", "ru", "false"),  # an item given as one object
    ]
    assert bad == [(f"{path}:dataFeedElement[3].item[0]", bad[0][1])]
    assert bad[0][1].startswith("reviewRating: missing")


def test_jsonl_lines_judged_one_by_one(fixtures: Path) -> None:
    path = fixtures / "checks.jsonl"
    good, bad = _split(list(read_factchecks(path)))
    assert [loc.removeprefix(f"{path}:") for loc, _ in good] == [
        "line 1",
        "line 2",
        "line 4",
        "line 6",
    ]
    assert [loc for loc, _ in bad] == [f"{path}:line 5"]
    assert "not valid JSON" in bad[0][1]
    unknown = [fc for _, fc in good if not fc.rating.known]
    assert [(fc.rating.label, fc.rating.source_text) for fc in unknown] == [
        ("unknown", "Purple Herring")
    ]


MAPPING = {"url": "Fact-check link", "datePublished": "Published", "publisher": "Checked by"}


def test_csv_with_a_mapping_rejects_only_its_bad_rows(fixtures: Path) -> None:
    path = fixtures / "checks.csv"
    good, bad = _split(list(read_factchecks(path, mapping=MAPPING)))
    assert [(loc, reason.split(";")[0]) for loc, reason in bad] == [
        (f"{path}:row 5", "8 cells where the header has 7"),
    ]
    assert [(fc.lang, fc.rating.label, fc.publisher) for _, fc in good] == [
        ("en", "false", "Example Fact Check"),
        ("fa", "false", "راستی‌سنج نمونه"),
        ("ru", "mixed", "Пример Проверки"),
        ("en", "mostly_true", "Example Fact Check"),
        ("ar", "satire", "مثال لتدقيق المعلومات"),
    ]
    # An unreadable date costs the date, not the fact-check.
    last = good[-1][1]
    assert last.date_published is None
    assert last.flags == ["datePublished: cannot read 'not-a-date' as a date; imported without it"]
    first = good[0][1]
    assert (first.url, first.date_published, first.claim_author) == (
        "https://factcheck.example.org/en/dam-two-days",
        "2024-04-01",
        "Anonymous post",
    )


def test_csv_default_mapping_finds_usual_headers() -> None:
    text = (
        "claim,rating,url,date,lang,ratingValue,bestRating,worstRating\n"
        "The Exampleton tram is free,Half True,https://factcheck.example.org/en/tram,"
        "2024-06-01,en,,,\n"
        "Трамвай в Примерске бесплатный,,https://factcheck.example.org/ru/tram,2024-06-02,ru,1,5,1\n"
    )
    good, bad = _split(list(read_csv(text, "tram.csv")))
    assert bad == []
    assert [(fc.rating.label, fc.rating.value) for _, fc in good] == [
        ("mixed", None),
        ("false", 1.0),
    ]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"url": "No such column"}, "column 'No such column' for url is not in the header"),
        ({"verdict": "Verdict"}, "mapping: unknown field"),
    ],
)
def test_csv_bad_mapping_is_one_clear_error(
    fixtures: Path, mapping: dict[str, str], message: str
) -> None:
    path = fixtures / "checks.csv"
    [(where, error)] = list(read_factchecks(path, mapping=mapping))
    assert where == str(path)
    assert message in str(error)


def test_mistyped_items_rejected_with_reasons_and_the_good_one_kept(fixtures: Path) -> None:
    path = fixtures / "mistyped.json"
    good, bad = _split(list(read_factchecks(path)))
    reasons = {loc.removeprefix(f"{path}:"): reason.split(";")[0] for loc, reason in bad}
    assert reasons == {
        "item 1": "reviewRating.ratingValue: expected a number or text, got list",
        "item 2": "claimReviewed: missing",
        "item 3": "claimReviewed: expected text, got number",
        "item 5": "url: expected an http(s) URL, got 'ftp://factcheck.example.org/en/bad-url'",
        "item 6": "reviewRating.bestRating: expected a number, got 'five'",
        "item 7": "author: expected a name or an object with a name, got number",
        "item 8": "@type: expected ClaimReview or DataFeed, got 'Article'",
    }
    assert [loc.removeprefix(f"{path}:") for loc, _ in good] == ["item 4", "item 9"]
    assert good[0][1].flags == [
        "datePublished: cannot read 'last Tuesday' as a date; imported without it"
    ]


def test_fact_check_tools_api_answer(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(
        '{"claims": [{"text": "Exampleton bans bicycles", "claimant": "A viral post",'
        ' "claimDate": "2024-05-01T00:00:00Z", "claimReview": [{"publisher": {"name":'
        ' "Example Fact Check", "site": "factcheck.example.org"}, "url":'
        ' "https://factcheck.example.org/en/bikes", "title": "No ban", "reviewDate":'
        ' "2024-05-02T00:00:00Z", "textualRating": "False", "languageCode": "en"}]}]}',
        encoding="utf-8",
    )
    [(where, fc)] = list(read_factchecks(path))
    assert where == f"{path}:claims[0].claimReview[0]"
    assert isinstance(fc, FactCheck)
    assert (fc.publisher, fc.claim_author, fc.rating.label) == (
        "Example Fact Check",
        "A viral post",
        "false",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "cannot read"),
        ("empty.json", b"", "empty"),
        ("broken.json", b'{"@type": "ClaimReview",', "not valid JSON"),
        ("notes.txt", b"just some words", "cannot tell the format"),
        ("x.bin", bytes(range(256)) * 4, "not text: give fact-checks as ClaimReview JSON"),
        ("x.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image, not text: give fact-checks"),
    ],
)
def test_unreadable_sources_are_one_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    [(where, error)] = list(read_factchecks(path))
    assert where == str(path)
    assert isinstance(error, InputError) and message in str(error)
    assert "article" not in str(error)


def test_format_is_sniffed_when_the_name_does_not_say(fixtures: Path, tmp_path: Path) -> None:
    copy = tmp_path / "download"
    copy.write_bytes((fixtures / "page-fa.html").read_bytes())
    [(_, fc)] = list(read_factchecks(copy))
    assert isinstance(fc, FactCheck) and fc.lang == "fa"


PERSIAN_CSV = (
    "ادعا,حکم,پیوند,تاریخ,تاریخ ادعا\n"
    "سد شهر نمونه‌آباد خالی شده است,نادرست,https://factcheck.example.org/fa/1,1402/09/01,"
    "۱۴۰۲/۰۸/۲۸\n"
    "قیمت نان دو برابر شد,گمراه‌کننده,https://factcheck.example.org/fa/2,۲۰۲۴-۰۳-۰۵,\n"
    "مدارس شهر تعطیل شد,نادرست,https://factcheck.example.org/fa/3,هفته پیش,\n"
)
PERSIAN_MAPPING = {
    "claimReviewed": "ادعا",
    "alternateName": "حکم",
    "url": "پیوند",
    "datePublished": "تاریخ",
    "claimDate": "تاریخ ادعا",
}


def test_csv_with_persian_headers_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "checks.csv"
    path.write_text(PERSIAN_CSV, encoding="utf-8")
    [(_, error)] = list(read_factchecks(path))
    assert isinstance(error, InputError)
    assert "claimReviewed=your column" in str(error) and "{" not in str(error)
    good, bad = _split(list(read_factchecks(path, mapping=PERSIAN_MAPPING)))
    assert bad == []
    assert [(fc.lang, fc.rating.label, fc.date_published, fc.claim_date) for _, fc in good] == [
        ("fa", "false", "2023-11-22", "2023-11-19"),
        ("fa", "misleading", "2024-03-05", None),
        ("fa", "false", None, None),
    ]
    assert good[2][1].flags == [
        "datePublished: cannot read 'هفته پیش' as a date; imported without it"
    ]


@pytest.mark.parametrize(
    ("items", "mapping"),
    [
        (["claimReviewed=ادعا", " url = پیوند "], {"claimReviewed": "ادعا", "url": "پیوند"}),
        (["name=Title = short"], {"name": "Title = short"}),
        ([], {}),
    ],
)
def test_parse_mapping_reads_field_equals_column(items: list[str], mapping: dict[str, str]) -> None:
    assert parse_mapping(items) == mapping


@pytest.mark.parametrize("item", ["claimReviewed", "=claim", "claimReviewed="])
def test_parse_mapping_refuses_what_is_not_field_equals_column(item: str) -> None:
    with pytest.raises(InputError, match=r"is not field=column, e\.g\. claimReviewed=claim"):
        parse_mapping([item])
