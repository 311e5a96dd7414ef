"""Field checks shared by the services. Each returns a German message or None."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from babel import Locale

from app.clock import local_to_utc
from app.i18n import _, format_date

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_TEXT = 50_000  # a text without a declared limit (notes, plan texts): about 25 pages
MAX_ROW_ID = 2**63 - 1  # SQLite INTEGER
# Bidi embeddings, overrides and isolates: they reorder what is shown (a name or a note can
# read differently from what is stored). Refused in every text.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Direction marks and zero-width characters without a job in a one-line field (names,
# numbers, codes): there they only make equal-looking values differ (search, duplicate check).
# Multi-line texts may quote right-to-left text and keep the marks. ZWNJ and ZWJ (U+200C,
# U+200D) stay allowed everywhere: Persian words and emoji sequences need them.
_INVISIBLE_IN_LINE = frozenset("\u200e\u200f\u061c\u200b\u2060\ufeff")
_MULTILINE_ALLOWED = frozenset("\n\t")
_SCHOOL_YEAR = re.compile(r"(\d{4})/(\d{2}|\d{4})")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
# Babel's regions with two letters that are no country (EU, euro zone, UN, "outlying Oceania",
# unknown region); XK (Kosovo) is kept: it is in common use for nationality.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "ZZ"})
_POSTAL_CODE = re.compile(r"\d{5}")
_BETRIEBSNUMMER = re.compile(r"\d{8}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]{2,}")
_PHONE = re.compile(r"\+?[\d\s/().-]+")


def postal_code(value: str) -> str | None:
    if value and not _POSTAL_CODE.fullmatch(value):
        return _("Please enter a German postal code with 5 digits, e.g. 06108.")
    return None


def betriebsnummer(value: str) -> str | None:
    if value and not _BETRIEBSNUMMER.fullmatch(value):
        return _("The Betriebsnummer has exactly 8 digits.")
    return None


def email(value: str) -> str | None:
    if value and not _EMAIL.fullmatch(value):
        return _("Please enter an e-mail address like name@example.de.")
    return None


def phone(value: str) -> str | None:
    if value and (not _PHONE.fullmatch(value) or sum(ch.isdigit() for ch in value) < 5):
        return _("Please enter a phone number with digits only (spaces, +, / and - allowed).")
    return None


def plausible_date(value: date | None) -> str | None:
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        return _("Please enter a date.")
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        return _("Please enter a date between 1900 and 2100.")
    return None


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def past_date(value: date | None, today: date) -> str | None:
    if _is_date(value) and value >= today:  # type: ignore[operator]
        return _("The date must lie in the past.")
    return None


def not_future(value: date | None, today: date) -> str | None:
    if _is_date(value) and value > today:  # type: ignore[operator]
        return _("The date must not lie in the future.")
    return None


def not_before(value: date | None, earliest: date | None, earliest_label: str) -> str | None:
    if _is_date(value) and _is_date(earliest) and value < earliest:  # type: ignore[operator]
        return _("The date must not lie before {field} ({date}).").format(
            field=earliest_label, date=format_date(earliest)
        )
    return None


def number_range(value: int | None, low: int, high: int) -> str | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        return _("Please enter a whole number.")
    if value is not None and not low <= value <= high:
        return _("Please enter a number from {low} to {high}.").format(low=low, high=high)
    return None


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_problem(value: object, *, multiline: bool, max_length: int | None = None) -> str | None:
    """What is wrong with a text the core stores, or None.

    Refused: C0 and C1 control characters (a multi-line text keeps newline and tab), line and
    paragraph separators and lone surrogates; bidi embeddings, overrides and isolates
    (U+202A–U+202E, U+2066–U+2069) everywhere; direction marks (U+200E, U+200F, U+061C) and
    zero-width space, word joiner and BOM in one-line fields. Letters of every script and emoji
    are fine. ``max_length`` (default ``MAX_TEXT``) counts the NFC form, as stored.
    """
    if not isinstance(value, str):
        return _("Please enter text.")
    for char in value:
        if char in _BIDI_CONTROLS or (not multiline and char in _INVISIBLE_IN_LINE):
            return _(
                "This contains an invisible formatting character ({code}); please remove it."
            ).format(code=_code_point(char))
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp") and not (multiline and char in _MULTILINE_ALLOWED):
            if char in "\r\n\u2028\u2029" and not multiline:
                return _("Please enter this on one line.")
            return _("This contains a control character ({code}); please remove it.").format(
                code=_code_point(char)
            )
        if category == "Cs":
            return _("This contains an unreadable character ({code}); please remove it.").format(
                code=_code_point(char)
            )
    limit = MAX_TEXT if max_length is None else max_length
    if len(value) > limit and len(unicodedata.normalize("NFC", value)) > limit:
        return _("Please use at most {count} characters.").format(count=limit)
    return None


def as_utc(value: datetime) -> datetime:
    """A moment as aware UTC; a naive one counts as local time (as the face enters it)."""
    return local_to_utc(value)


def plausible_moment(value: object) -> str | None:
    """A date and time between 1900 and 2100 (in UTC, as stored); naive counts as local."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return _("Please enter a date and time.")
    if not EARLIEST_DATE.year <= value.year <= LATEST_DATE.year:  # year 1 or 9999 would overflow
        return _("Please enter a date between 1900 and 2100.")
    return plausible_date(as_utc(value).date())


def row_id_problem(value: object) -> str | None:
    """A reference that cannot be a row id at all (not a whole number, out of SQLite's range)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROW_ID:
        return _("Please choose an existing entry.")
    return None


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes of countries (as Babel knows them), upper case."""
    territories = Locale.parse("de").territories
    return frozenset(
        code
        for code in territories
        if len(code) == 2 and code.isascii() and code.isalpha() and code not in _NOT_COUNTRIES
    )


def country_code_problem(codes: Iterable[str]) -> str | None:
    unknown = [code for code in codes if code not in country_codes()]
    if unknown:
        return _("Unknown country code: {codes}. Please use codes such as SY, AF, UA.").format(
            codes=", ".join(unknown)
        )
    return None


def language_code_problem(codes: Iterable[str]) -> str | None:
    """ISO 639 codes: two or three lower-case letters (639-3 has thousands; the form is checked)."""
    unknown = [code for code in codes if not _LANGUAGE_CODE.fullmatch(code)]
    if unknown:
        return _("Unknown language code: {codes}. Please use codes such as ar, fa, uk.").format(
            codes=", ".join(unknown)
        )
    return None


def school_year(value: str) -> str | None:
    """ "2026/27" or "2026/2027": the second year follows the first."""
    match = _SCHOOL_YEAR.fullmatch(value)
    if value and (
        match is None
        or not EARLIEST_DATE.year <= int(match[1]) <= LATEST_DATE.year
        or int(match[2]) != (int(match[1]) + 1) % 10 ** len(match[2])
    ):
        return _("Please enter a school year like 2026/27.")
    return None
