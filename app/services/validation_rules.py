"""The checks a participant record must pass before it is stored."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Date, Integer, String
from sqlmodel.sql.sqltypes import AutoString

from app import validation
from app.errors import FieldError
from app.i18n import _
from app.models.base import EnumText
from app.models.participant import Participant
from app.models.participant_fields import EDITABLE_FIELDS, label
from app.vocab import DrivingLicenceClass, LabeledEnum, RiskFactor, SupportNeedArea

if TYPE_CHECKING:
    from sqlmodel import Session

DATE_FIELDS = (
    "birth_date", "unemployed_since", "entry_date", "privacy_notice_given_on", "exit_date",
    "exit_outcome_on", "outcome_6_months_on", "residence_title_valid_until",
    "arrived_in_germany_on", "s104c_granted_on", "s25_application_on", "sgb2_proven_on",
    "cooperation_plan_on", "cooperation_plan_next_update_on", "german_proof_on",
    "apprenticeship_start", "apprenticeship_end", "absence_as_of", "support_need_assessed_on",
)  # fmt: skip
NOT_FUTURE_FIELDS = (
    "privacy_notice_given_on", "arrived_in_germany_on", "s104c_granted_on", "s25_application_on",
    "sgb2_proven_on", "german_proof_on", "unemployed_since",
)  # fmt: skip


MAX_LIST_ITEM = 150  # one target occupation (as long as a training occupation may be)
_COLUMNS = {c.name: c for c in Participant.__table__.columns if c.name in EDITABLE_FIELDS}  # type: ignore[attr-defined]
# one-line texts have a declared length; those without one are multi-line (notes, barriers)
TEXT_FIELDS: dict[str, int | None] = {
    name: c.type.length for name, c in _COLUMNS.items() if isinstance(c.type, (String, AutoString))
}
ENUM_FIELDS: dict[str, type[LabeledEnum]] = {
    name: c.type.enum_class for name, c in _COLUMNS.items() if isinstance(c.type, EnumText)
}
ALL_DATE_FIELDS = tuple(name for name, c in _COLUMNS.items() if isinstance(c.type, Date))
NUMBER_FIELDS = tuple(
    name for name, c in _COLUMNS.items() if isinstance(c.type, Integer) and not c.foreign_keys
)
BOOL_FIELDS = tuple(name for name, c in _COLUMNS.items() if isinstance(c.type, Boolean))
LIST_FIELDS = tuple(name for name, c in _COLUMNS.items() if isinstance(c.type, JSON))
CODE_LISTS: dict[str, type[LabeledEnum]] = {
    "driving_licences": DrivingLicenceClass,
    "risk_factors": RiskFactor,
    "support_need_areas": SupportNeedArea,
}
NULLABLE_TEXTS = frozenset({"esf_number", "birth_country"})  # "" is stored as None


def _text_message(field: str, value: Any) -> str | None:
    if value is None and field in NULLABLE_TEXTS:
        return None
    limit = TEXT_FIELDS[field]
    return validation.text_problem(value, multiline=limit is None, max_length=limit)


def _enum_message(enum_class: type[LabeledEnum], value: Any) -> str | None:
    if value is None or isinstance(value, enum_class):
        return None
    try:
        enum_class(value)
    except ValueError:
        return _("Please choose one.")
    return None


def _list_message(field: str, items: Any) -> str | None:
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return _("Please enter a list of entries.")
    if field == "nationalities":
        return validation.country_code_problem(items)
    if field == "first_languages":
        return validation.language_code_problem(items)
    if field in CODE_LISTS:
        known = CODE_LISTS[field]._value2member_map_  # type: ignore[attr-defined]
        unknown = [item for item in items if item not in known]
        if unknown:
            return _("Unknown value: {codes}.").format(codes=", ".join(unknown))
        return None
    for item in items:
        if message := validation.text_problem(item, multiline=False, max_length=MAX_LIST_ITEM):
            return message
    return None


def _shape_errors(p: Participant, check: Any) -> None:
    """Texts, codes, types: what must hold before any other rule can look at a value."""
    for field in TEXT_FIELDS:
        check(field, _text_message(field, getattr(p, field)))
    for field, enum_class in ENUM_FIELDS.items():
        check(field, _enum_message(enum_class, getattr(p, field)))
    for field in ALL_DATE_FIELDS:
        check(field, validation.plausible_date(getattr(p, field)))
    for field in BOOL_FIELDS:
        if getattr(p, field) not in (None, True, False):
            check(field, _("Please choose one."))
    for field in LIST_FIELDS:
        check(field, _list_message(field, getattr(p, field)))
    if isinstance(p.birth_country, str):
        check("birth_country", validation.country_code_problem([p.birth_country]))
    if isinstance(p.school_year, str):
        check("school_year", validation.school_year(p.school_year))


def participant_errors(p: Participant, today: date) -> list[FieldError]:
    """Every problem of the record, each naming its field in German."""
    errors: list[FieldError] = []

    def check(field: str, message: str | None) -> None:
        if message and not any(e.field == field for e in errors):
            errors.append(FieldError(field, label(field), message))

    _shape_errors(p, check)
    if isinstance(p.last_name, str) and not p.last_name.strip():
        check("last_name", _("Please fill in this field."))
    if p.program is None:
        check("program", _("Please choose one."))
    for field in DATE_FIELDS:
        check(field, validation.plausible_date(getattr(p, field)))
    check("birth_date", validation.past_date(p.birth_date, today))
    for field in NOT_FUTURE_FIELDS:
        check(field, validation.not_future(getattr(p, field), today))
    for field, rule in (
        ("postal_code", validation.postal_code),
        ("email", validation.email),
        ("phone", validation.phone),
    ):
        if isinstance(value := getattr(p, field), str):
            check(field, rule(value))
    order: list[tuple[str, str]] = [
        ("entry_date", "birth_date"),
        ("exit_date", "entry_date"),
        ("exit_outcome_on", "exit_date"),
        ("outcome_6_months_on", "exit_date"),
        ("apprenticeship_end", "apprenticeship_start"),
        ("residence_title_valid_until", "arrived_in_germany_on"),
    ]
    for later, earlier in order:
        check(later, validation.not_before(getattr(p, later), getattr(p, earlier), label(earlier)))
    ranges: list[tuple[str, int, int]] = [
        ("mobility_radius_km", 0, 1000),
        ("apprenticeship_year", 1, 4),
        ("absence_hours", 0, 2000),
        ("unexcused_absence_hours", 0, 2000),
    ]
    for field, low, high in ranges:
        check(field, validation.number_range(getattr(p, field), low, high))
    for field in NUMBER_FIELDS:  # a number column without a range of its own
        check(field, validation.number_range(getattr(p, field), 0, validation.MAX_ROW_ID))
    absence, unexcused = p.absence_hours, p.unexcused_absence_hours
    if not any(e.field in ("absence_hours", "unexcused_absence_hours") for e in errors) and (
        absence is not None and unexcused is not None and unexcused > absence
    ):
        check(
            "unexcused_absence_hours",
            _("The unexcused hours cannot be more than the whole absence ({hours} hours).").format(
                hours=absence
            ),
        )
    if p.exit_date and p.exit_reason is None:
        check("exit_reason", _("Please give the reason for the exit."))
    return errors


def reference_problem(session: Session, table: type, row_id: int) -> str | None:
    """Why ``row_id`` cannot be linked: not a usable id, or no such row (any more)."""
    message = validation.row_id_problem(row_id)
    if message is None and session.get(table, row_id) is None:
        message = _("The chosen entry does not exist (any more).")
    return message
