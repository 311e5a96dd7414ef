"""Create a plan, and save an edit of its texts, goals and steps as one operation.

An edit is the plan tab as a whole (``PlanEdit``): the texts, every goal in order and every
step in order. Steps name their goal by its position in the edit's goals, so that a step can
belong to a goal added in the same edit. Everything is checked first; then texts, goals and
steps are written in the one transaction of the unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy.orm import object_session
from sqlmodel import Session, col, update

from app.db.changes import NOTHING, Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models import participant_fields as person_fields
from app.models.participant import Participant
from app.models.support_plan import Goal, PlanStep, SupportPlan
from app.services import audit, needs_assessments
from app.services.participants import get_participant
from app.services.support_plans.common import (
    ENTITY,
    current_plan,
    label,
    latest_plan,
    open_plan,
    plan_error,
    plan_goals,
    plan_steps,
    row_error,
)
from app.services.support_plans.review_follow_up import sync_review_follow_up
from app.text import canonical
from app.validation import plausible_date, row_id_problem, text_problem
from app.vocab import AuditAction, GoalStatus, LabeledEnum, RiskFactor, StepStatus, SupportNeedArea

MAX_GOAL_TITLE = 300
MAX_RESPONSIBLE = 200
MAX_PLACE = 100
MULTILINE_TEXTS = ("situation", "strengths", "needs", "overall_aim", "agreements", "involved")


@dataclass(frozen=True)
class PlanInput:
    situation: str = ""
    strengths: str = ""
    needs: str = ""
    overall_aim: str = ""
    agreements: str = ""
    involved: str = ""
    next_review_on: date | None = None
    place: str = ""


@dataclass(frozen=True)
class GoalInput:
    title: str
    indicator: str
    deadline: date | None
    status: GoalStatus = GoalStatus.OPEN
    id: int | None = None  # None: a new goal


@dataclass(frozen=True)
class StepInput:
    description: str
    responsible: str = ""
    due_on: date | None = None
    status: StepStatus = StepStatus.OPEN
    goal: int | None = None  # position of its goal in PlanEdit.goals
    id: int | None = None  # None: a new step


@dataclass(frozen=True)
class PlanEdit:
    """The open version's texts, goals and steps as the plan tab shows them."""

    texts: PlanInput
    goals: tuple[GoalInput, ...] = ()
    steps: tuple[StepInput, ...] = ()


# --- create ----------------------------------------------------------------------------------


def _labels_of(codes: list[str], vocabulary: type[LabeledEnum]) -> str:
    known = vocabulary._value2member_map_
    return ", ".join(known[c].label if c in known else c for c in codes)  # type: ignore[attr-defined]


def prefilled_needs(participant: Participant) -> str:
    """Förderbedarfe for a new plan. With a Förderbedarfsermittlung (looked up in the
    person's session), a line per area its newest version rates as a need ("sprachlich
    (hoch): Fachsprache Elektro"); without one, the record's "Förderbedarfe: …". Then the
    risk factors and the placement barriers."""
    session = object_session(participant)
    newest = (
        needs_assessments.newest_record(session, participant.id)  # type: ignore[arg-type]
        if session is not None and participant.id is not None
        else None
    )
    lines = []
    if newest is not None:
        lines += needs_assessments.need_lines(
            needs_assessments.levels_of(newest), needs_assessments.notes_of(newest)
        )
    elif participant.support_need_areas:
        areas = _labels_of(participant.support_need_areas, SupportNeedArea)
        lines.append(f"{person_fields.label('support_need_areas')}: {areas}")
    if participant.risk_factors:
        factors = _labels_of(participant.risk_factors, RiskFactor)
        lines.append(f"{person_fields.label('risk_factors')}: {factors}")
    if participant.placement_barriers.strip():
        lines.append(participant.placement_barriers.strip())
    return "\n".join(lines)


def create_plan(uow: UnitOfWork, participant_id: int, *, today: date | None = None) -> Changes:
    """Start a person's plan (version 1, or the next after closed ones) with the needs
    prefilled; ``created``: its id."""
    participant = get_participant(uow, participant_id)
    existing = current_plan(uow, participant_id)
    if existing is not None:
        raise plan_error(
            _("There is already an open support plan (version {version}).").format(
                version=existing.version
            )
        )
    previous = latest_plan(uow.session, participant_id)  # only closed ones remain
    year = (today or date.today()).year
    plan = SupportPlan(
        participant_id=participant_id,
        number=previous.number if previous else f"FP-{participant_id}-{year}",
        version=previous.version + 1 if previous else 1,
        previous_version_id=previous.id if previous else None,
        needs=prefilled_needs(participant),
    )
    uow.session.add(plan)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, ENTITY, plan.id, ["number", "version", "needs"])
    return uow.commit().with_created(plan.id)


# --- checks ----------------------------------------------------------------------------------


def checked_open_plan(uow: UnitOfWork, plan_id: int) -> SupportPlan:
    """``open_plan``, with an id that cannot be one refused as "no such plan"."""
    if row_id_problem(plan_id):
        raise plan_error(_("No support plan with number {id}.").format(id=plan_id))
    return open_plan(uow, plan_id)


def _clean(value: object) -> object:
    return canonical(value) if isinstance(value, str) else value


def _text_values(texts: PlanInput) -> dict[str, object]:
    """The texts in their stored form: NFC, stripped."""
    return {f.name: _clean(getattr(texts, f.name)) for f in fields(texts)}


def _text_errors(values: dict[str, object]) -> list[FieldError]:
    errors = []
    for name in MULTILINE_TEXTS:
        if message := text_problem(values[name], multiline=True):
            errors.append(FieldError(name, label(name), message))
    if message := plausible_date(values["next_review_on"]):  # type: ignore[arg-type]
        errors.append(FieldError("next_review_on", label("next_review_on"), message))
    if message := text_problem(values["place"], multiline=False, max_length=MAX_PLACE):
        errors.append(FieldError("place", label("place"), message))
    return errors


def _goal_errors(index: int, goal: GoalInput) -> list[FieldError]:
    errors = []

    def add(name: str, message: str) -> None:
        errors.append(row_error("goals", index, name, message))

    title, indicator = _clean(goal.title), _clean(goal.indicator)
    if message := text_problem(title, multiline=False, max_length=MAX_GOAL_TITLE):
        add("goal_title", message)
    elif not title:
        add("goal_title", _("Please fill in this field."))
    if message := text_problem(indicator, multiline=False):
        add("indicator", message)
    elif not indicator:
        add("indicator", _("Please name how achievement will be recognised."))
    if goal.deadline is None:
        add("deadline", _("Please enter a date."))
    elif message := plausible_date(goal.deadline):
        add("deadline", message)
    if not isinstance(goal.status, GoalStatus):
        add("status", _("Please choose one."))
    return errors


def _step_errors(index: int, step: StepInput, goal_count: int) -> list[FieldError]:
    errors = []

    def add(name: str, message: str) -> None:
        errors.append(row_error("steps", index, name, message))

    description, responsible = _clean(step.description), _clean(step.responsible)
    if message := text_problem(description, multiline=False):
        add("description", message)
    elif not description:
        add("description", _("Please fill in this field."))
    if message := text_problem(responsible, multiline=False, max_length=MAX_RESPONSIBLE):
        add("responsible", message)
    if message := plausible_date(step.due_on):
        add("due_on", message)
    if not isinstance(step.status, StepStatus):
        add("status", _("Please choose one."))
    if step.goal is not None and (
        isinstance(step.goal, bool)
        or not isinstance(step.goal, int)
        or not 0 <= step.goal < goal_count
    ):
        add("goal_id", _("This goal is not part of the plan."))
    return errors


def edit_errors(edit: PlanEdit) -> list[FieldError]:
    """Every problem of the edit, texts first, then goals and steps by row."""
    errors = _text_errors(_text_values(edit.texts))
    for index, goal in enumerate(edit.goals):
        errors += _goal_errors(index, goal)
    for index, step in enumerate(edit.steps):
        errors += _step_errors(index, step, len(edit.goals))
    return errors


# --- writing ---------------------------------------------------------------------------------


def _write_texts(session: Session, plan: SupportPlan, texts: PlanInput) -> list[str]:
    values = _text_values(texts)
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    for name in changed:
        setattr(plan, name, values[name])
    if changed:
        sync_review_follow_up(session, plan)
    return changed


def _goal_values(goal: Goal | GoalInput) -> tuple[object, ...]:
    return (_clean(goal.title), _clean(goal.indicator), goal.deadline, goal.status)


def _write_goals(session: Session, plan_id: int, goals: tuple[GoalInput, ...]) -> list[Goal]:
    """The plan's goals become ``goals`` in this order; goals left out are deleted (steps that
    pointed at them lose the link). Returns the stored goals by position."""
    existing = {goal.id: goal for goal in plan_goals(session, plan_id)}
    kept = {g.id for g in goals if g.id is not None}
    if kept - set(existing):
        raise ValueError(f"goals {sorted(kept - set(existing))} do not belong to plan {plan_id}")
    dropped = [goal_id for goal_id in existing if goal_id not in kept]
    if dropped:
        session.exec(
            update(PlanStep).where(col(PlanStep.goal_id).in_(dropped)).values(goal_id=None)
        )
    for goal_id in dropped:
        session.delete(existing[goal_id])
    stored: list[Goal] = []
    for position, data in enumerate(goals):
        goal = existing[data.id] if data.id is not None else Goal(plan_id=plan_id, title="")
        if goal.position != position or _goal_values(goal) != _goal_values(data):
            goal.position = position
            goal.title, goal.indicator, goal.deadline, goal.status = _goal_values(data)  # type: ignore[assignment]
            session.add(goal)
        stored.append(goal)
    session.flush()
    return stored


def _step_values(step: PlanStep | StepInput, goal_id: int | None) -> tuple[object, ...]:
    return (_clean(step.description), _clean(step.responsible), step.due_on, step.status, goal_id)


def _write_steps(
    session: Session, plan_id: int, steps: tuple[StepInput, ...], goals: list[Goal]
) -> None:
    """The plan's steps become ``steps`` in this order, linked to the stored goals."""
    existing = {step.id: step for step in plan_steps(session, plan_id)}
    kept = {s.id for s in steps if s.id is not None}
    if kept - set(existing):
        raise ValueError(f"steps {sorted(kept - set(existing))} do not belong to plan {plan_id}")
    for step_id, step in existing.items():
        if step_id not in kept:
            session.delete(step)
    for position, data in enumerate(steps):
        goal_id = goals[data.goal].id if data.goal is not None else None
        step = existing[data.id] if data.id is not None else PlanStep(plan_id=plan_id)
        wanted = _step_values(data, goal_id)
        if step.position != position or _step_values(step, step.goal_id) != wanted:
            step.position = position
            (step.description, step.responsible, step.due_on, step.status, step.goal_id) = (  # type: ignore[assignment]
                wanted
            )
            session.add(step)


def _stored_shape(session: Session, plan_id: int) -> tuple[list[tuple], list[tuple]]:
    goals = plan_goals(session, plan_id)
    steps = plan_steps(session, plan_id)
    return (
        [(g.id, *_goal_values(g)) for g in goals],
        [(s.id, *_step_values(s, s.goal_id)) for s in steps],
    )


def apply_plan_edit(uow: UnitOfWork, plan_id: int, edit: PlanEdit) -> list[str]:
    """Step: check the whole edit, then write texts, goals and steps; the names of what
    changed (text fields, "goals", "steps"). Does not commit."""
    plan = checked_open_plan(uow, plan_id)
    session = uow.session
    errors = edit_errors(edit)
    if errors:
        raise ValidationError(errors)
    goals_before, steps_before = _stored_shape(session, plan_id)
    changed = _write_texts(session, plan, edit.texts)
    goals = _write_goals(session, plan_id, edit.goals)
    _write_steps(session, plan_id, edit.steps, goals)
    session.flush()
    goals_after, steps_after = _stored_shape(session, plan_id)
    changed += ["goals"] if goals_after != goals_before else []
    changed += ["steps"] if steps_after != steps_before else []
    if changed:
        audit.record(session, AuditAction.UPDATE, ENTITY, plan_id, changed)
    return changed


def save_plan_edit(uow: UnitOfWork, plan_id: int, edit: PlanEdit) -> Changes:
    """Store texts, goals and steps of the open version together; the review date keeps its
    Wiedervorlage in step. Nothing is stored unless all of it is valid."""
    if not apply_plan_edit(uow, plan_id, edit):
        return NOTHING
    return uow.commit()
