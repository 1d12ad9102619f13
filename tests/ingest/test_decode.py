"""decode_bytes: every supported encoding round-trips real text; binary and junk are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabayyun.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputTooLargeError,
)
from tabayyun.ingest.decode import decode_bytes

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
# A copy of /work/shared/seed/alkawthar-iran-russia-media-cooperation.ar.txt.
SEED_TEXT = (FIXTURES / "seed.ar.txt").read_text(encoding="utf-8")
RUSSIAN = (
    "Официальный представитель МИД России Мария Захарова заявила, что Россия рассматривает "
    "развитие информационного сотрудничества с Ираном как стратегическое направление."
)
# Windows-1256 has no Persian yeh (ی), so Persian files in it use the Arabic ي.
PERSIAN_CP1256 = (
    "معاون وزير فرهنگ و ارشاد اسلامي در ديدار با سخنگوي وزارت امور خارجه روسيه بر گسترش "
    "همکاري‌هاي رسانه‌اي دو کشور تأکيد کرد و گفت ژورناليست‌ها چه نقشي دارند."
)

ROUND_TRIPS = [
    ("ar", SEED_TEXT, "utf-8", "utf-8"),
    ("ar", SEED_TEXT, "utf-8-sig", "utf-8"),
    ("ar", SEED_TEXT, "utf-16", "utf-16le"),
    ("ar", SEED_TEXT, "utf-16-be", "utf-16be"),
    ("ar", SEED_TEXT, "cp1256", "windows-1256"),
    ("ar", SEED_TEXT, "iso8859_6", "iso-8859-6"),
    ("ar", SEED_TEXT[:200], "iso8859_6", "iso-8859-6"),
    ("ru", RUSSIAN, "utf-8", "utf-8"),
    ("ru", RUSSIAN, "cp1251", "windows-1251"),
    ("ru", RUSSIAN, "koi8_r", "koi8-r"),
    ("ru", RUSSIAN, "utf-16", "utf-16le"),
    ("ru", RUSSIAN.upper(), "cp1251", "windows-1251"),
    ("ru", RUSSIAN.upper(), "koi8_r", "koi8-r"),
    ("ru", "Москва", "koi8_r", "koi8-r"),
    ("ru", "Москва", "cp1251", "windows-1251"),
    ("fa", PERSIAN_CP1256, "cp1256", "windows-1256"),
    ("fa", PERSIAN_CP1256.replace("ي", "ی"), "utf-8", "utf-8"),
    ("en", "Iran and Russia agree to expand media cooperation.", "utf-8", "utf-8"),
]


@pytest.mark.parametrize(("lang", "text", "codec", "label"), ROUND_TRIPS)
def test_round_trip(lang: str, text: str, codec: str, label: str) -> None:
    decoded, found = decode_bytes(text.encode(codec))
    assert (decoded, found) == (text, label)


@pytest.mark.parametrize(
    ("text", "codec", "declared", "label"),
    [
        # A wrong declaration must not win over what the bytes really are.
        (SEED_TEXT, "utf-8", "windows-1256", "utf-8"),
        (SEED_TEXT, "cp1256", "utf-8", "windows-1256"),
        (SEED_TEXT, "cp1256", "iso-8859-6", "windows-1256"),
        (RUSSIAN, "koi8_r", "windows-1251", "koi8-r"),
        (RUSSIAN, "cp1251", "koi8-r", "windows-1251"),
        (RUSSIAN, "cp1251", "no-such-charset", "windows-1251"),
        # A right declaration is used.
        (RUSSIAN, "cp1251", "cp1251", "windows-1251"),
        ("Привет", "koi8_r", "KOI8-R", "koi8-r"),
    ],
)
def test_declared_is_verified(text: str, codec: str, declared: str, label: str) -> None:
    assert decode_bytes(text.encode(codec), declared=declared) == (text, label)


def test_bomless_utf16_is_told_apart_from_binary() -> None:
    assert decode_bytes(" hi there friend ".encode("utf-16-be")) == (
        " hi there friend ",
        "utf-16be",
    )
    with pytest.raises(BinaryInputError):
        decode_bytes(b"hello\x00world\x00" * 5)


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(40),
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"\x01\x02\x03\x04 some text with control bytes \x05\x06\x07\x08" * 3,
    ],
)
def test_binary_is_refused(raw: bytes) -> None:
    with pytest.raises(BinaryInputError, match="not text"):
        decode_bytes(raw)


def test_magic_prefix_that_is_a_word_stays_text() -> None:
    assert decode_bytes(b"MZ is a common abbreviation.")[0] == "MZ is a common abbreviation."


@pytest.mark.parametrize("raw", [b"", b"  \n\t\r\n ", "  ".encode("utf-16")])
def test_empty_is_refused(raw: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_bytes(raw)


def test_too_large_is_refused_before_decoding() -> None:
    with pytest.raises(InputTooLargeError, match="TABAYYUN_MAX_INPUT_BYTES"):
        decode_bytes(SEED_TEXT.encode("utf-8"), max_bytes=100)
    assert decode_bytes(b"short", max_bytes=5) == ("short", "utf-8")


@pytest.mark.parametrize(
    "raw",
    [
        "日本語のニュース記事です。".encode("shift_jis"),
        "Ça coûte très cher à Genève, déjà été.".encode("latin-1"),
        # Symbols in every candidate: € … • ¤ ¦ © « ° ± in the Windows code pages.
        b"\x80\x85\x95\xa4\xa6\xa9\xab\xb0\xb1" * 5,
    ],
)
def test_unsupported_encodings_are_refused(raw: bytes) -> None:
    with pytest.raises(DecodingError, match="re-save the file as UTF-8"):
        decode_bytes(raw)


def test_broken_bom_is_refused() -> None:
    with pytest.raises(DecodingError):
        decode_bytes(b"\xef\xbb\xbf" + "Привет".encode("cp1251"))


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200
    ).filter(lambda text: text.strip() != "")
)
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def _compact_html(paragraphs: list[str]) -> str:
    # Saved pages glue tags to words ("<p>Дефицит", "рублей</h1>"): not mixed-script words.
    body = "".join(f'<p class="x">{p}</p>' for p in paragraphs)
    return f"<html><head><title>{paragraphs[0][:30]}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("paragraphs", "codec", "label"),
    [
        (
            ["Дефицит бюджета вырос.", "Инфляция замедлилась.", "Эксперты спорят."],
            "koi8_r",
            "koi8-r",
        ),
        (
            ["Дефицит бюджета вырос.", "Инфляция замедлилась.", "Эксперты спорят."],
            "cp1251",
            "windows-1251",
        ),
        (["ارتفع العجز.", "تباطأ التضخم.", "يختلف الخبراء."], "cp1256", "windows-1256"),
    ],
)
def test_legacy_encoded_html_with_tags_against_words(
    paragraphs: list[str], codec: str, label: str
) -> None:
    html = _compact_html(paragraphs)
    assert decode_bytes(html.encode(codec)) == (html, label)
    assert decode_bytes(html.encode(codec), declared=label) == (html, label)


def test_latin1_read_as_cyrillic_is_still_refused_when_tags_are_present() -> None:
    # The mixed-script check must keep catching "coыte" inside a word, tags or not.
    html = _compact_html(["Ça coûte très cher à Genève, déjà été.", "Ça coûte très cher."])
    with pytest.raises(DecodingError):
        decode_bytes(html.encode("latin-1"))
