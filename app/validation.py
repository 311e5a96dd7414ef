"""Field checks shared by the services. Each returns a German message or None."""

from __future__ import annotations

import re
from datetime import date

from app.i18n import _, format_date

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
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
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        return _("Please enter a date between 1900 and 2100.")
    return None


def past_date(value: date | None, today: date) -> str | None:
    if value is not None and value >= today:
        return _("The date must lie in the past.")
    return None


def not_future(value: date | None, today: date) -> str | None:
    if value is not None and value > today:
        return _("The date must not lie in the future.")
    return None


def not_before(value: date | None, earliest: date | None, earliest_label: str) -> str | None:
    if value is not None and earliest is not None and value < earliest:
        return _("The date must not lie before {field} ({date}).").format(
            field=earliest_label, date=format_date(earliest)
        )
    return None


def number_range(value: int | None, low: int, high: int) -> str | None:
    if value is not None and not low <= value <= high:
        return _("Please enter a number from {low} to {high}.").format(low=low, high=high)
    return None
