"""The record editor's "Speichern": the person's fields and the plan tab in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from app.db.changes import NOTHING, Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.services.participants import apply_update
from app.services.support_plans.editing import PlanEdit, apply_plan_edit, edit_errors

PLAN_FIELD_PREFIX = "plan."


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
    """
    errors: list[FieldError] = []
    changed: list[str] = []
    try:
        changed += apply_update(uow, participant_id, values, today=today)
    except ValidationError as error:
        errors += error.errors
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
