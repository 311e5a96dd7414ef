"""The record editor's "Speichern": the person's fields and the plan tab in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import Session

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models.organization import ContactPerson
from app.models.participant_fields import label
from app.services.participants import apply_update, get_participant
from app.services.support_plans.editing import PlanEdit, apply_plan_edit, edit_errors

PLAN_FIELD_PREFIX = "plan."
# A contact person field and the organisation field it belongs to (Integrationsfachkraft of
# the Jobcenter, Klassenleitung of the school, Ausbilder:in of the training company).
CONTACT_OF = {
    "job_center_advisor_id": "jobcenter_id",
    "class_teacher_id": "school_id",
    "trainer_id": "training_company_id",
}


def contact_link_errors(session: Session, links: dict[str, Any]) -> list[FieldError]:
    """A contact person must belong to the organisation chosen beside it. ``links``: the
    record's values of the fields in ``CONTACT_OF`` and their organisation fields. Ids that
    are no rows at all are the reference check's to report (app.services.participants)."""
    errors = []
    with session.no_autoflush:
        for person_field, organization_field in CONTACT_OF.items():
            person_id = links.get(person_field)
            if person_id is None or validation.row_id_problem(person_id):
                continue
            person = session.get(ContactPerson, person_id)
            if person is None:
                continue
            organization_id = links.get(organization_field)
            if organization_id is None:
                message = _("Please choose the organisation under “{field}” first.")
            elif person.organization_id != organization_id:
                message = _(
                    "This contact person does not belong to the organisation chosen under "
                    "“{field}”."
                )
            else:
                continue
            errors.append(
                FieldError(
                    person_field,
                    label(person_field),
                    message.format(field=label(organization_field)),
                )
            )
    return errors


def _link_errors(uow: UnitOfWork, participant_id: int, values: dict[str, Any]) -> list[FieldError]:
    """The contact links as they will be stored (the form's values over the stored ones)."""
    wanted = set(CONTACT_OF) | set(CONTACT_OF.values())
    if not wanted & set(values):
        return []
    try:
        stored = get_participant(uow, participant_id)
    except ValidationError:
        return []  # apply_update names the missing participant
    links = {name: values.get(name, getattr(stored, name)) for name in wanted}
    return contact_link_errors(uow.session, links)


def save_record(
    uow: UnitOfWork,
    participant_id: int,
    values: dict[str, Any],
    plan: tuple[int, PlanEdit] | None = None,
    *,
    today: date | None = None,
) -> Changes:
    """Store the record's fields and, when the plan tab holds edits, ``plan`` (plan id and
    edit) together: either all of it is stored or nothing.

    A refusal names the problems of both; those of the plan have fields starting "plan.".
    A contact person (Integrationsfachkraft, Klassenleitung, Ausbilder:in) must belong to the
    organisation chosen beside it.
    """
    errors: list[FieldError] = _link_errors(uow, participant_id, values)
    changed: list[str] = []
    try:
        changed += apply_update(uow, participant_id, values, today=today)
    except ValidationError as error:
        errors += [e for e in error.errors if e.field not in {f.field for f in errors}]
    if plan is not None:
        plan_id, edit = plan
        try:
            if errors:  # the person is refused: only check the plan, write nothing more
                plan_errors = edit_errors(edit)
            else:
                changed += apply_plan_edit(uow, plan_id, edit)
                plan_errors = []
        except ValidationError as error:
            plan_errors = error.errors
        errors += [replace(e, field=PLAN_FIELD_PREFIX + e.field) for e in plan_errors]
    if errors:
        raise ValidationError(errors)
    return uow.commit() if changed else NOTHING
