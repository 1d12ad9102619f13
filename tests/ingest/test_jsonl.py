"""read_jsonl: each line judged alone; errors name the line and what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabayyun.errors import InputError
from tabayyun.ingest.jsonl import read_jsonl

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_mixed_file() -> None:
    results = list(read_jsonl((FIXTURES / "articles.jsonl").read_bytes()))
    assert [number for number, _ in results] == [1, 2, 3, 4, 5, 7, 8, 9, 10]
    good = {number: r for number, r in results if isinstance(r, dict)}
    bad = {number: str(r) for number, r in results if isinstance(r, InputError)}
    assert sorted(good) == [1, 2, 3, 4]
    assert [good[n]["lang"] for n in (1, 2, 3, 4)] == ["ar", "fa", "ru", "en"]
    assert good[1]["text"].startswith("على هامش زيارته")
    assert good[4]["html"].startswith("<p>")
    assert bad[5].startswith("line 5: not valid JSON:")
    assert bad[7] == 'line 7: no "text" or "html" field with content: add one'
    assert bad[8].startswith("line 8: a JSON list is not an article")
    assert bad[9] == 'line 9: field "id" must be a string or integer, not true'
    assert bad[10].startswith("line 10: not valid UTF-8")


@pytest.mark.parametrize(
    ("lang", "record"),
    [
        ("ar", {"text": "التقى مساعد وزير الثقافة الإيراني زاخاروفا.", "id": 7}),
        ("fa", {"text": "همکاری‌های رسانه‌ای", "published_at": "1403-08-30"}),
        ("ru", {"html": "<p>Захарова провела встречу.</p>", "url": "https://ria.example/1"}),
        ("en", {"text": "Zakharova met the delegation.", "outlet": None}),
    ],
)
def test_one_good_line_per_language(lang: str, record: dict[str, object]) -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\r\n"
    assert list(read_jsonl(raw)) == [(1, record)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"text": "   "}', 'no "text" or "html"'),
        (b'{"text": 5}', 'no "text" or "html"'),
        (b'{"text": "x", "title": ["a"]}', 'field "title" must be a string'),
        (b'"just a string"', "a JSON str is not an article"),
        (b'{"text": "x",}', "not valid JSON"),
    ],
)
def test_bad_lines(line: bytes, message: str) -> None:
    [(number, error)] = list(read_jsonl(b"\n" + line))
    assert number == 2
    assert isinstance(error, InputError)
    assert str(error).startswith("line 2: ") and message in str(error)


def test_blank_input_yields_nothing() -> None:
    assert list(read_jsonl(b"\n \n\t\n")) == []
