"""What the plan modules share: labels, errors, and lookups of plans, goals and steps."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.support_plan import Goal, PlanStep, SupportPlan
from app.vocab import GoalResult, GoalStatus, PlanStatus, StepStatus

ENTITY = "support_plan"
OPEN_GOAL_STATUSES = frozenset({GoalStatus.OPEN, GoalStatus.IN_PROGRESS})
OPEN_STEP_STATUSES = frozenset({StepStatus.OPEN, StepStatus.IN_PROGRESS})
REASON_NEEDED = frozenset({GoalResult.PARTLY, GoalResult.NOT_ACHIEVED})

# Field labels as the plan editor shows them (msgids; translated when used).
LABELS = {
    "situation": N_("Initial situation"),
    "strengths": N_("Strengths and resources"),
    "needs": N_("Support needs and barriers"),
    "overall_aim": N_("Overall aim"),
    "agreements": N_("Agreements"),
    "involved": N_("People involved"),
    "next_review_on": N_("Next review on"),
    "place": N_("Place"),
    "goals": N_("Goals"),
    "goal_title": N_("Goal"),
    "indicator": N_("Indicator"),
    "deadline": N_("By when"),
    "status": N_("Status"),
    "steps": N_("Steps"),
    "description": N_("Step"),
    "responsible": N_("Responsible"),
    "due_on": N_("By when"),
    "goal_id": N_("For goal"),
    "participant_signed_on": N_("Signed by the participant on"),
    "guardian_signed_on": N_("Signed by the guardian on"),
    "coordinator_signed_on": N_("Signed by the coordinator on"),
    "partner_name": N_("Company or school"),
    "partner_signed_on": N_("Signed by the company or school on"),
    "result": N_("Result"),
    "result_reason": N_("Reason"),
    "review_notes": N_("Review notes"),
    "pdf": N_("Printout"),
}


def label(name: str) -> str:
    return _(LABELS[name])


def row_error(list_name: str, index: int, name: str, message: str) -> FieldError:
    """An error in one row of the goals or steps, e.g. "Ziele, Zeile 2: Indikator"."""
    row_label = _("{list}, row {number}: {field}").format(
        list=label(list_name), number=index + 1, field=label(name)
    )
    return FieldError(f"{list_name}.{index}.{name}", row_label, message)


def too_long(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return _("Please use at most {count} characters.").format(count=limit)
    return None


def plan_error(message: str) -> ValidationError:
    return ValidationError([FieldError("id", _("Support plan"), message)])


def get_plan(uow: UnitOfWork, plan_id: int) -> SupportPlan:
    plan = uow.session.get(SupportPlan, plan_id)
    if plan is None:
        raise plan_error(_("No support plan with number {id}.").format(id=plan_id))
    return plan


def open_plan(uow: UnitOfWork, plan_id: int) -> SupportPlan:
    """The plan, which must not be closed (a closed version is history)."""
    plan = get_plan(uow, plan_id)
    if plan.status == PlanStatus.CLOSED:
        raise plan_error(
            _("Version {version} is closed and can no longer be changed.").format(
                version=plan.version
            )
        )
    return plan


def current_plan(uow: UnitOfWork, participant_id: int) -> SupportPlan | None:
    """The open version (draft or active) of a person's plan, if any."""
    return uow.session.exec(
        select(SupportPlan)
        .where(
            SupportPlan.participant_id == participant_id,
            SupportPlan.status != PlanStatus.CLOSED,
        )
        .order_by(col(SupportPlan.version).desc())
    ).first()


def plan_version(uow: UnitOfWork, participant_id: int, version: int) -> SupportPlan | None:
    """Version ``version`` of a person's plan (closed ones included)."""
    return uow.session.exec(
        select(SupportPlan).where(
            SupportPlan.participant_id == participant_id, SupportPlan.version == version
        )
    ).first()


def latest_plan(session: Session, participant_id: int) -> SupportPlan | None:
    return session.exec(
        select(SupportPlan)
        .where(SupportPlan.participant_id == participant_id)
        .order_by(col(SupportPlan.version).desc())
    ).first()


def goals_of(uow: UnitOfWork, plan_id: int) -> list[Goal]:
    return plan_goals(uow.session, plan_id)


def steps_of(uow: UnitOfWork, plan_id: int) -> list[PlanStep]:
    return plan_steps(uow.session, plan_id)


def plan_goals(session: Session, plan_id: int) -> list[Goal]:
    return list(
        session.exec(
            select(Goal).where(Goal.plan_id == plan_id).order_by(Goal.position, Goal.id)
        ).all()
    )


def plan_steps(session: Session, plan_id: int) -> list[PlanStep]:
    return list(
        session.exec(
            select(PlanStep)
            .where(PlanStep.plan_id == plan_id)
            .order_by(PlanStep.position, PlanStep.id)
        ).all()
    )
