"""German names for ISO country and language codes, shown beside the code fields."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale

from app.i18n import PROGRAM_LANGUAGE, _


@cache
def _locale() -> Locale:
    return Locale.parse(PROGRAM_LANGUAGE)


def _names(codes: Iterable[str], table: dict[str, str]) -> str:
    names = []
    for code in codes:
        name = table.get(code)
        names.append(name if name else _("{code}: unknown code").format(code=code))
    return ", ".join(names)


def country_names(codes: Iterable[str]) -> str:
    """ "SY, AF" → "Syrien, Afghanistan" (ISO 3166 alpha-2, upper case)."""
    return _names((code.upper() for code in codes), _locale().territories)


def language_names(codes: Iterable[str]) -> str:
    """ "ar, fa" → "Arabisch, Persisch" (ISO 639, lower case)."""
    return _names((code.lower() for code in codes), _locale().languages)
