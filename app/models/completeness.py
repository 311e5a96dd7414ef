"""ESF+ completeness: which core data at entry are missing for a participant.

A participant counts for ESF+ only when all core entry data are present; special categories
may be answered with "keine Angabe". One field list serves the record (Python) and the list
badge (SQL), so both always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.models.participant_fields import label

if TYPE_CHECKING:
    from app.models.participant import Participant

CORE_ENTRY_FIELDS: tuple[str, ...] = (
    "last_name",
    "first_name",
    "birth_date",
    "gender",
    "postal_code",
    "city",
    "nationalities",
    "employment_status_at_entry",
    "school_level",
    "vocational_level",
    "housing_situation",
    "disability",
    "entry_date",
    "privacy_notice_given_on",
)
_TEXT_FIELDS = {"last_name", "first_name", "postal_code", "city"}
_LIST_FIELDS = {"nationalities"}


def _is_missing(value: Any) -> bool:
    return value is None or value == "" or value == []


def missing_fields(participant: Participant) -> list[str]:
    """Names of the core entry fields that are empty, in screen order."""
    return [name for name in CORE_ENTRY_FIELDS if _is_missing(getattr(participant, name))]


def missing_labels(participant: Participant) -> list[str]:
    return [label(name) for name in missing_fields(participant)]


def _missing_sql(column: str, alias: str) -> str:
    ref = f"{alias}.{column}"
    if column in _TEXT_FIELDS:
        return f"({ref} IS NULL OR {ref} = '')"
    if column in _LIST_FIELDS:
        return f"({ref} IS NULL OR json_array_length({ref}) = 0)"
    return f"({ref} IS NULL)"


def missing_flags_sql(alias: str = "p") -> str:
    """SQL select list: per core entry field (in ``CORE_ENTRY_FIELDS`` order) 1 when empty."""
    return ", ".join(_missing_sql(name, alias) for name in CORE_ENTRY_FIELDS)


def missing_count_sql(alias: str = "p") -> str:
    """SQL expression: how many core entry fields of the row ``alias`` are empty."""
    return "(" + " + ".join(_missing_sql(name, alias) for name in CORE_ENTRY_FIELDS) + ")"
