"""Every string of the web UI is translated in all four catalogues, and the .mo files are
compiled from the current .po files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tabayyun.web.i18n import LANGUAGES, LOCALE_DIR

WEB = LOCALE_DIR.parent
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def used_msgids() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB), METHODS, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))  # type: ignore[arg-type]
    return found


def catalogue(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


def test_extraction_finds_the_strings_of_templates_and_code() -> None:
    used = used_msgids()
    assert "Review queue" in used  # a template
    assert "The claim is assigned." in used  # Python, marked with N_()
    assert any(isinstance(m, tuple) for m in used)  # ngettext
    with (LOCALE_DIR / "messages.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(handle) if m.id}
    assert template == used, "re-extract messages.pot (see babel.cfg)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_msgid_is_translated(lang: str) -> None:
    with catalogue(lang).open("rb") as handle:
        po = read_po(handle)
    missing, empty, fuzzy, placeholders = [], [], [], []
    for msgid in sorted(used_msgids(), key=str):
        key = msgid if isinstance(msgid, str) else msgid[0]
        message = po.get(key)
        if message is None:
            missing.append(msgid)
            continue
        if message.fuzzy:
            fuzzy.append(msgid)
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if isinstance(msgid, tuple):
            assert len(forms) == po.num_plurals, (lang, msgid)
        if not all(form.strip() for form in forms):
            empty.append(msgid)
        wanted = set(PLACEHOLDER.findall(key))
        for form in forms:
            named = set(PLACEHOLDER.findall(form))
            # A plural form may leave out the number ("one second"), never invent a name.
            if not named <= wanted or not (wanted - {"num"}) <= named:
                placeholders.append((msgid, form))
    assert missing == [] and empty == [] and fuzzy == [] and placeholders == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_files_are_compiled_from_the_po_files(lang: str) -> None:
    with catalogue(lang).open("rb") as handle:
        po = read_po(handle)
    with catalogue(lang).with_suffix(".mo").open("rb") as handle:
        mo = read_mo(handle)
    as_po = {_key(m.id): _key(m.string) for m in po if m.id}
    as_mo = {_key(m.id): _key(m.string) for m in mo if m.id}
    assert as_mo == as_po, "run: pybabel compile -d src/tabayyun/web/locale"
    assert mo.plural_forms == po.plural_forms


def _key(value: object) -> object:
    return value if isinstance(value, str) else tuple(value)  # type: ignore[call-overload]


def translations(lang: str) -> list[str]:
    with catalogue(lang).open("rb") as handle:
        po = read_po(handle)
    out: list[str] = []
    for message in po:
        if message.id:
            out += [message.string] if isinstance(message.string, str) else list(message.string)
    return out


def test_persian_uses_persian_letters_and_zwnj() -> None:
    text = "\n".join(translations("fa"))
    assert not re.search("[يك]", text), "Persian uses ی and ک, not Arabic ي and ك"
    assert "\u200c" in text
    # The prefix می/نمی and the plural ها attach with a zero-width non-joiner, never a space.
    assert not re.search(r"(?:^|\s)(?:ن?می) \w", text)
    assert "می‌" in text and "‌ها" in text


def test_arabic_uses_no_persian_letters() -> None:
    text = "\n".join(translations("ar"))
    assert not re.search("[پچژگکی]", text)
