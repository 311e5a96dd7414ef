"""Translations for the core and the Qt face: gettext catalogs compiled with Babel.

Message ids are English; the German catalog is complete (a test checks it). ``_`` translates
into the program language (German); ``translator(lang)`` serves documents printed in a second
language. ``N_`` marks a string for extraction where it must be translated later.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from datetime import date
from functools import cache

from app.paths import resource_dir

DOMAIN = "lotse"
PROGRAM_LANGUAGE = "de"


def locale_dir() -> str:
    return str(resource_dir() / "locale")


@cache
def translations(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)


_current: gettext.NullTranslations = translations(PROGRAM_LANGUAGE)


def set_language(lang: str) -> None:
    global _current
    _current = translations(lang)


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker
    return message


def translator(lang: str) -> Callable[[str], str]:
    """A gettext function for one language, e.g. for a bilingual support plan."""
    return translations(lang).gettext


def format_date(day: date | None) -> str:
    """A date as Germans write it: 24.11.2026 (empty for no date)."""
    return "" if day is None else day.strftime("%d.%m.%Y")


_DIGITS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")


def parse_german_date(text: str, today: date | None = None) -> date | None:
    """Parse "24.11.2026", "24.11.26", "24112026", "241126"; raises ValueError on nonsense."""
    text = text.strip()
    if not text:
        return None
    match = _DIGITS.fullmatch(text) or _COMPACT.fullmatch(text)
    if not match:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        century_now = (today or date.today()).year // 100 * 100
        year += century_now
        if year > (today or date.today()).year + 20:  # "51" is 1951, not 2051
            year -= 100
    return date(year, month, day)


def format_number(value: int) -> str:
    """Whole numbers with German grouping: 20000 → "20.000"."""
    return f"{value:,}".replace(",", ".")
