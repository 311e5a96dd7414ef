"""Signatures: who signed the open version when; a complete set makes a draft active."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.db.changes import NOTHING, Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models.participant import ADULT_AGE
from app.services import audit
from app.services.participants import get_participant
from app.services.support_plans.common import ENTITY, label
from app.services.support_plans.editing import checked_open_plan
from app.text import canonical
from app.validation import not_future, plausible_date, text_problem
from app.vocab import AuditAction, PlanStatus

MAX_PARTNER = 200


@dataclass(frozen=True)
class SignatureInput:
    participant_signed_on: date | None = None
    coordinator_signed_on: date | None = None
    guardian_signed_on: date | None = None
    partner_name: str = ""
    partner_signed_on: date | None = None


def record_signatures(
    uow: UnitOfWork, plan_id: int, data: SignatureInput, *, today: date | None = None
) -> Changes:
    """Note who signed when; participant and coordinator (and a minor's guardian) make it active."""
    today = today or date.today()
    plan = checked_open_plan(uow, plan_id)
    participant = get_participant(uow, plan.participant_id)
    partner = data.partner_name
    values = {
        "participant_signed_on": data.participant_signed_on,
        "guardian_signed_on": data.guardian_signed_on,
        "coordinator_signed_on": data.coordinator_signed_on,
        "partner_name": canonical(partner) if isinstance(partner, str) else partner,
        "partner_signed_on": data.partner_signed_on,
    }
    errors = []
    for name, value in values.items():
        if name != "partner_name" and (
            message := plausible_date(value) or not_future(value, today)  # type: ignore[arg-type]
        ):
            errors.append(FieldError(name, label(name), message))
    wrong = {error.field for error in errors}
    signed_on = None if "participant_signed_on" in wrong else data.participant_signed_on
    age = participant.age_at(signed_on or today)
    minor = age is not None and age < ADULT_AGE
    if minor and signed_on is not None and data.guardian_signed_on is None:
        errors.append(
            FieldError(
                "guardian_signed_on",
                label("guardian_signed_on"),
                _("The participant is a minor: the guardian signs too."),
            )
        )
    if message := text_problem(values["partner_name"], multiline=False, max_length=MAX_PARTNER):
        errors.append(FieldError("partner_name", label("partner_name"), message))
    elif data.partner_signed_on is not None and not values["partner_name"]:
        errors.append(
            FieldError("partner_name", label("partner_name"), _("Please fill in this field."))
        )
    if errors:
        raise ValidationError(errors)
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    for name in changed:
        setattr(plan, name, values[name])
    signed = (
        plan.participant_signed_on is not None
        and plan.coordinator_signed_on is not None
        and (not minor or plan.guardian_signed_on is not None)
    )
    status = PlanStatus.ACTIVE if signed else PlanStatus.DRAFT
    if status != plan.status:
        plan.status = status
        changed.append("status")
    if not changed:
        return NOTHING
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, plan_id, changed)
    return uow.commit()
