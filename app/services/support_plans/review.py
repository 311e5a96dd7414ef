"""Review: rate every goal, close the version and start the next with what is still open."""

from __future__ import annotations

from sqlmodel import Session

from app.db.changes import Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models.base import utc_now
from app.models.support_plan import Goal, PlanStep, SupportPlan
from app.services import audit
from app.services.support_plans.common import (
    ENTITY,
    OPEN_GOAL_STATUSES,
    OPEN_STEP_STATUSES,
    REASON_NEEDED,
    label,
    plan_goals,
    plan_steps,
    row_error,
)
from app.services.support_plans.editing import checked_open_plan
from app.services.support_plans.review_follow_up import review_follow_ups
from app.text import canonical
from app.validation import text_problem
from app.vocab import AuditAction, GoalResult, GoalStatus, PlanStatus


def _review_summary(goals: list[Goal]) -> str:
    rated = [goal for goal in goals if goal.result is not None]
    if not rated:
        return ""
    count = {result: sum(goal.result == result for goal in rated) for result in GoalResult}
    return _(
        "{achieved} of {total} goals achieved, {partly} partly achieved, "
        "{not_achieved} not achieved."
    ).format(
        achieved=count[GoalResult.ACHIEVED],
        total=len(rated),
        partly=count[GoalResult.PARTLY],
        not_achieved=count[GoalResult.NOT_ACHIEVED],
    )


def _review_errors(
    goals: list[Goal], results: dict[int, tuple[GoalResult, str]]
) -> list[FieldError]:
    errors = []
    for index, goal in enumerate(goals):
        if goal.status == GoalStatus.CANCELLED:
            continue
        entry = results.get(goal.id or -1)
        if entry is None or not isinstance(entry[0], GoalResult):
            errors.append(row_error("goals", index, "result", _("Please choose one.")))
        elif message := text_problem(entry[1], multiline=False):
            errors.append(row_error("goals", index, "result_reason", message))
        elif entry[0] in REASON_NEEDED and not entry[1].strip():
            message = _("Please give a reason when a goal was not fully achieved.")
            errors.append(row_error("goals", index, "result_reason", message))
    return errors


def review_plan(
    uow: UnitOfWork,
    plan_id: int,
    results: dict[int, tuple[GoalResult, str]],
    notes: str = "",
) -> Changes:
    """Close the version with each goal's result and start the next one (``created``).

    The new version copies the texts, the goals not achieved and their open steps.
    """
    plan = checked_open_plan(uow, plan_id)
    session = uow.session
    goals = plan_goals(session, plan_id)
    unknown = set(results) - {goal.id for goal in goals}
    if unknown:
        raise ValueError(f"goals {sorted(unknown)} do not belong to plan {plan_id}")
    results = {
        goal_id: (result, canonical(reason) if isinstance(reason, str) else reason)
        for goal_id, (result, reason) in results.items()
    }
    notes = canonical(notes) if isinstance(notes, str) else notes
    errors = _review_errors(goals, results)
    if message := text_problem(notes, multiline=True):
        errors.append(FieldError("review_notes", label("review_notes"), message))
    if errors:
        raise ValidationError(errors)
    now = utc_now()
    for goal in goals:
        if goal.id in results:
            goal.result, reason = results[goal.id]
            goal.result_reason = reason.strip()
            if goal.result == GoalResult.ACHIEVED:
                goal.status = GoalStatus.COMPLETED
    plan.review_result = _review_summary(goals)
    plan.review_notes = notes.strip()
    plan.status = PlanStatus.CLOSED
    plan.closed_at = now
    for follow_up in review_follow_ups(session, plan_id):
        if follow_up.done_at is None:
            follow_up.done_at = now
    successor = _next_version(session, plan, goals)
    assert successor.id is not None
    audit.record(
        session,
        AuditAction.UPDATE,
        ENTITY,
        plan_id,
        ["status", "closed_at", "review_result", "review_notes", "goals"],
    )
    audit.record(session, AuditAction.CREATE, ENTITY, successor.id, ["version", "goals", "steps"])
    return uow.commit().with_created(successor.id)


def _next_version(session: Session, plan: SupportPlan, goals: list[Goal]) -> SupportPlan:
    successor = SupportPlan(
        participant_id=plan.participant_id,
        number=plan.number,
        version=plan.version + 1,
        previous_version_id=plan.id,
        situation=plan.situation,
        strengths=plan.strengths,
        needs=plan.needs,
        overall_aim=plan.overall_aim,
        agreements=plan.agreements,
        involved=plan.involved,
        partner_name=plan.partner_name,
        place=plan.place,
    )
    session.add(successor)
    session.flush()
    goal_map: dict[int, int] = {}
    open_goals = [
        goal
        for goal in goals
        if goal.status in OPEN_GOAL_STATUSES and goal.result != GoalResult.ACHIEVED
    ]
    for position, goal in enumerate(open_goals):
        copy = Goal(
            plan_id=successor.id,  # type: ignore[arg-type]
            position=position,
            title=goal.title,
            indicator=goal.indicator,
            deadline=goal.deadline,
            status=goal.status,
            course_id=goal.course_id,
            measure_id=goal.measure_id,
        )
        session.add(copy)
        session.flush()
        goal_map[goal.id] = copy.id  # type: ignore[index,assignment]
    position = 0
    for step in plan_steps(session, plan.id):  # type: ignore[arg-type]
        if step.status not in OPEN_STEP_STATUSES:
            continue
        if step.goal_id is not None and step.goal_id not in goal_map:
            continue  # its goal was achieved or dropped
        session.add(
            PlanStep(
                plan_id=successor.id,  # type: ignore[arg-type]
                goal_id=goal_map.get(step.goal_id) if step.goal_id is not None else None,
                position=position,
                description=step.description,
                responsible=step.responsible,
                due_on=step.due_on,
                status=step.status,
            )
        )
        position += 1
    session.flush()
    return successor
