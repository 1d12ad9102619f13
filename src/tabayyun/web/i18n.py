"""Languages of the web UI: gettext catalogues compiled by Babel, and locale-aware formatting.

Every string a person reads goes through `gettext`: templates call `_()` / `ngettext()`, Python
code marks strings with `N_()` and translates them when it renders. The catalogues live in
`locale/<lang>/LC_MESSAGES/messages.po` (compiled to `.mo` beside them); see babel.cfg for
extraction. Numbers and dates are formatted by Babel with the page's locale.
"""

from __future__ import annotations

import gettext as gettext_module
import math
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import jdatetime
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent, get_decimal_symbol

LOCALE_DIR: Final = Path(__file__).with_name("locale")
DOMAIN: Final = "messages"
LANGUAGES: Final = ("ar", "fa", "ru", "en")
RTL: Final = frozenset({"ar", "fa"})
DEFAULT_LANGUAGE: Final = "en"
LANG_COOKIE: Final = "lang"
# Digits of the numbering systems CLDR names as a locale's default (Babel formats the
# separators of a numbering system but leaves digits Latin).
_DIGITS: Final = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}
# Each language's own name, for the switcher (never translated: a reader finds their own).
NATIVE_NAMES: Final = {"ar": "العربية", "fa": "فارسی", "ru": "Русский", "en": "English"}


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext_module.NullTranslations:
    """The compiled catalogue of `lang` (English falls back to the msgids)."""
    return gettext_module.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The `lang` cookie when valid, else the best of Accept-Language, else English."""
    if cookie in LANGUAGES:
        return str(cookie)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class I18n:
    """One page's language: translation callables for templates and formatting helpers."""

    lang: str

    @property
    def dir(self) -> str:
        return "rtl" if self.lang in RTL else "ltr"

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def gettext(self, message: str, **variables: Any) -> str:
        """The translation of `message`, with %(name)s variables filled in.

        The result is plain text: templates escape it (variables included) when they print it.
        """
        text = translations(self.lang).gettext(message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> str:
        """The plural form for `n`; `%(num)s` is `n` formatted for the locale."""
        text = translations(self.lang).ngettext(singular, plural, n)
        return text % {"num": self.number(n), **variables}

    def _native(self, text: str) -> str:
        digits = _DIGITS.get(self.locale.default_numbering_system)
        if digits is None:
            return text
        return text.translate(str.maketrans("0123456789%", digits + "٪"))

    def number(self, value: float | int | None) -> str:
        """A number with the locale's separators and digits (Persian: ۱۲٬۳۴۵)."""
        if value is None:
            return ""
        return self._native(format_decimal(value, locale=self.locale, numbering_system="default"))

    def integer(self, value: int) -> str:
        """A whole number in the locale's digits without grouping: an id or a count in a
        sentence, e.g. "claim 1234" (Persian: "۱۲۳۴")."""
        return self._native(str(value))

    def exact(self, value: float) -> str:
        """A number as the English text writes it (no rounding, no grouping) in the locale's
        digits and decimal sign: what a message quotes back, e.g. "1.00004" (Persian: "۱٫۰۰۰۰۴")."""
        text = str(value)
        if not math.isfinite(value) or "e" in text:
            return text  # "inf", "1e+30": as the English says it
        symbol = get_decimal_symbol(self.locale, numbering_system="default")
        return self._native(text.replace(".", symbol))

    def score(self, value: float | None) -> str:
        """A probability or match score as a percentage, e.g. "87%" (Persian: "۸۷٪")."""
        if value is None:
            return ""
        return self._native(format_percent(value, locale=self.locale, numbering_system="default"))

    def date(self, value: str | date | None) -> str:
        """An ISO date or datetime for reading; the raw text when it is not ISO 8601."""
        if not value:
            return ""
        if isinstance(value, date):
            moment: date = value
        else:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                try:
                    moment = date.fromisoformat(value[:10])
                except ValueError:
                    return value
            if isinstance(moment, datetime) and len(value) <= 10:
                moment = moment.date()
        if self.lang == "fa":  # the Solar Hijri calendar, as Persian readers date things
            return self._native(_solar_hijri(moment))
        if isinstance(moment, datetime):
            return self._native(format_datetime(moment, format="medium", locale=self.locale))
        return self._native(format_date(moment, format="medium", locale=self.locale))


def _solar_hijri(moment: date) -> str:
    day = moment.date() if isinstance(moment, datetime) else moment
    solar = jdatetime.date.fromgregorian(date=day)
    text = f"{solar.day} {jdatetime.date.j_months_fa[solar.month - 1]} {solar.year}"
    if isinstance(moment, datetime):
        text += f"، {moment:%H:%M}"
    return text
