"""The member states of the European Union (ISO 3166 alpha-2), for ESF+ EECO13.

A third-country national (EECO13) holds no citizenship of an EU member state; a person with
a German or other EU citizenship besides another one is not counted.
"""

from __future__ import annotations

from collections.abc import Iterable

EU_MEMBER_STATES: frozenset[str] = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


def is_third_country_national(nationalities: Iterable[str]) -> bool | None:
    """True without any EU citizenship; None while no nationality is recorded."""
    codes = [code.upper() for code in nationalities]
    if not codes:
        return None
    return not any(code in EU_MEMBER_STATES for code in codes)
