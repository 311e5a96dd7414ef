"""The checks a participant record must pass before it is stored."""

from __future__ import annotations

from datetime import date

from app import validation
from app.errors import FieldError
from app.i18n import _
from app.models.participant import Participant
from app.models.participant_fields import label

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


def participant_errors(p: Participant, today: date) -> list[FieldError]:
    """Every problem of the record, each naming its field in German."""
    errors: list[FieldError] = []

    def check(field: str, message: str | None) -> None:
        if message and not any(e.field == field for e in errors):
            errors.append(FieldError(field, label(field), message))

    if not p.last_name.strip():
        check("last_name", _("Please fill in this field."))
    if p.program is None:
        check("program", _("Please choose one."))
    for field in DATE_FIELDS:
        check(field, validation.plausible_date(getattr(p, field)))
    check("birth_date", validation.past_date(p.birth_date, today))
    for field in NOT_FUTURE_FIELDS:
        check(field, validation.not_future(getattr(p, field), today))
    check("postal_code", validation.postal_code(p.postal_code))
    check("email", validation.email(p.email))
    check("phone", validation.phone(p.phone))
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
    if p.exit_date and p.exit_reason is None:
        check("exit_reason", _("Please give the reason for the exit."))
    return errors
