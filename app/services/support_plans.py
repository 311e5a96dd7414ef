"""Förderpläne: create, edit, goals and steps, signatures, review into a new version, print proof.

A plan is versioned: exactly one version per participant is open (draft or active); a review
closes it with the results noted and starts the next version with the goals still open.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from sqlmodel import Session, col, select, update

from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.base import utc_now
from app.models.consent import Consent
from app.models.contacts import FollowUp
from app.models.organization import ContactPerson, Organization
from app.models.participant import ADULT_AGE, Guardian, Participant
from app.models.support_plan import Goal, PlanPrint, PlanStep, SupportPlan
from app.reports.plan_data import (
    ConsentView,
    ContextLine,
    GoalView,
    PersonView,
    PlanData,
    ReviewView,
    SignatureView,
    StepView,
)
from app.services import audit, search_index
from app.services import participant_fields as person_fields
from app.services.participants import get_participant
from app.validation import not_future, plausible_date
from app.vocab import (
    AuditAction,
    FollowUpKind,
    GoalResult,
    GoalStatus,
    LabeledEnum,
    PlanStatus,
    Program,
    RiskFactor,
    StepStatus,
    SupportNeedArea,
)

ENTITY = "support_plan"
PRINT_ENTITY = "plan_print"
REVIEW_KEY_PREFIX = "plan_review:plan:"
OPEN_GOAL_STATUSES = frozenset({GoalStatus.OPEN, GoalStatus.IN_PROGRESS})
OPEN_STEP_STATUSES = frozenset({StepStatus.OPEN, StepStatus.IN_PROGRESS})
REASON_NEEDED = frozenset({GoalResult.PARTLY, GoalResult.NOT_ACHIEVED})
MAX_GOAL_TITLE = 300
MAX_RESPONSIBLE = 200
MAX_PLACE = 100
MAX_PARTNER = 200

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


def _row_error(list_name: str, index: int, name: str, message: str) -> FieldError:
    """An error in one row of the goals or steps, e.g. "Ziele, Zeile 2: Indikator"."""
    row_label = _("{list}, row {number}: {field}").format(
        list=label(list_name), number=index + 1, field=label(name)
    )
    return FieldError(f"{list_name}.{index}.{name}", row_label, message)


# --- inputs and rows -------------------------------------------------------------------------


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
    goal_id: int | None = None
    id: int | None = None  # None: a new step


@dataclass(frozen=True)
class SignatureInput:
    participant_signed_on: date | None = None
    coordinator_signed_on: date | None = None
    guardian_signed_on: date | None = None
    partner_name: str = ""
    partner_signed_on: date | None = None


class PlanVersionRow(NamedTuple):
    id: int
    number: str
    version: int
    status: PlanStatus
    created_at: datetime
    closed_at: datetime | None
    next_review_on: date | None
    prints: int


class PrintRow(NamedTuple):
    id: int
    printed_at: datetime
    language: str
    sha256: str
    size: int


# --- lookups ---------------------------------------------------------------------------------


def _plan_error(message: str) -> ValidationError:
    return ValidationError([FieldError("id", _("Support plan"), message)])


def get_plan(uow: UnitOfWork, plan_id: int) -> SupportPlan:
    plan = uow.session.get(SupportPlan, plan_id)
    if plan is None:
        raise _plan_error(_("No support plan with number {id}.").format(id=plan_id))
    return plan


def _open_plan(uow: UnitOfWork, plan_id: int) -> SupportPlan:
    plan = get_plan(uow, plan_id)
    if plan.status == PlanStatus.CLOSED:
        raise _plan_error(
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


def _latest_plan(session: Session, participant_id: int) -> SupportPlan | None:
    return session.exec(
        select(SupportPlan)
        .where(SupportPlan.participant_id == participant_id)
        .order_by(col(SupportPlan.version).desc())
    ).first()


def goals_of(uow: UnitOfWork, plan_id: int) -> list[Goal]:
    return _goals(uow.session, plan_id)


def steps_of(uow: UnitOfWork, plan_id: int) -> list[PlanStep]:
    return _steps(uow.session, plan_id)


def _goals(session: Session, plan_id: int) -> list[Goal]:
    return list(
        session.exec(
            select(Goal).where(Goal.plan_id == plan_id).order_by(Goal.position, Goal.id)
        ).all()
    )


def _steps(session: Session, plan_id: int) -> list[PlanStep]:
    return list(
        session.exec(
            select(PlanStep)
            .where(PlanStep.plan_id == plan_id)
            .order_by(PlanStep.position, PlanStep.id)
        ).all()
    )


# --- create and edit -------------------------------------------------------------------------


def _labels_of(codes: list[str], vocabulary: type[LabeledEnum]) -> str:
    known = vocabulary._value2member_map_
    return ", ".join(known[c].label if c in known else c for c in codes)  # type: ignore[attr-defined]


def prefilled_needs(participant: Participant) -> str:
    """Förderbedarfe from the needs assessment: need areas and risk factors, placement barriers."""
    lines = []
    if participant.support_need_areas:
        areas = _labels_of(participant.support_need_areas, SupportNeedArea)
        lines.append(f"{person_fields.label('support_need_areas')}: {areas}")
    if participant.risk_factors:
        factors = _labels_of(participant.risk_factors, RiskFactor)
        lines.append(f"{person_fields.label('risk_factors')}: {factors}")
    if participant.placement_barriers.strip():
        lines.append(participant.placement_barriers.strip())
    return "\n".join(lines)


def create_plan(uow: UnitOfWork, participant_id: int, *, today: date | None = None) -> int:
    """Start a person's plan (version 1) with the needs prefilled; returns its id."""
    participant = get_participant(uow, participant_id)
    open_plan = current_plan(uow, participant_id)
    if open_plan is not None:
        raise _plan_error(
            _("There is already an open support plan (version {version}).").format(
                version=open_plan.version
            )
        )
    previous = _latest_plan(uow.session, participant_id)  # only closed ones remain
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
    assert plan.id is not None
    audit.record(uow.session, AuditAction.CREATE, ENTITY, plan.id, ["number", "version", "needs"])
    uow.commit()
    return plan.id


def _too_long(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return _("Please use at most {count} characters.").format(count=limit)
    return None


def save_plan(uow: UnitOfWork, plan_id: int, data: PlanInput) -> list[str]:
    """Store the texts, the next review date and the place; returns the changed fields.

    The review date keeps a generated Wiedervorlage (kind PLAN_REVIEW) in step.
    """
    plan = _open_plan(uow, plan_id)
    values = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in vars(data).items()
    }
    errors = []
    if message := plausible_date(data.next_review_on):
        errors.append(FieldError("next_review_on", label("next_review_on"), message))
    if message := _too_long(values["place"], MAX_PLACE):
        errors.append(FieldError("place", label("place"), message))
    if errors:
        raise ValidationError(errors)
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(plan, name, values[name])
    _sync_review_follow_up(uow.session, plan)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, plan_id, changed)
    uow.commit()
    return changed


def review_key(plan_id: int, day: date) -> str:
    return f"{REVIEW_KEY_PREFIX}{plan_id}:{day.isoformat()}"


def _review_follow_ups(session: Session, plan_id: int) -> list[FollowUp]:
    prefix = f"{REVIEW_KEY_PREFIX}{plan_id}:"
    return list(
        session.exec(select(FollowUp).where(col(FollowUp.generated_key).startswith(prefix))).all()
    )


def _sync_review_follow_up(session: Session, plan: SupportPlan) -> None:
    """One open PLAN_REVIEW follow-up for the plan's review date; done ones stay as history."""
    assert plan.id is not None
    wanted = None
    if plan.next_review_on is not None and plan.status != PlanStatus.CLOSED:
        wanted = review_key(plan.id, plan.next_review_on)
    title = _("Review support plan {number}, version {version}").format(
        number=plan.number, version=plan.version
    )
    found = False
    for follow_up in _review_follow_ups(session, plan.id):
        if follow_up.generated_key == wanted:
            found = True
            if follow_up.done_at is None:
                follow_up.title = title
        elif follow_up.done_at is None:
            session.delete(follow_up)
    if wanted is not None and not found:
        assert plan.next_review_on is not None
        session.add(
            FollowUp(
                due_date=plan.next_review_on,
                title=title,
                kind=FollowUpKind.PLAN_REVIEW,
                participant_id=plan.participant_id,
                generated_key=wanted,
            )
        )
    session.flush()
    search_index.refresh_list_row(session, plan.participant_id)


# --- goals and steps -------------------------------------------------------------------------


def _goal_errors(index: int, goal: GoalInput) -> list[FieldError]:
    errors = []

    def add(name: str, message: str) -> None:
        errors.append(_row_error("goals", index, name, message))

    title = goal.title.strip()
    if not title:
        add("goal_title", _("Please fill in this field."))
    elif message := _too_long(title, MAX_GOAL_TITLE):
        add("goal_title", message)
    if not goal.indicator.strip():
        add("indicator", _("Please name how achievement will be recognised."))
    if goal.deadline is None:
        add("deadline", _("Please enter a date."))
    elif message := plausible_date(goal.deadline):
        add("deadline", message)
    return errors


def save_goals(uow: UnitOfWork, plan_id: int, goals: list[GoalInput]) -> list[int]:
    """Replace the plan's goals by ``goals`` (in this order); returns their ids.

    Inputs with an id update that goal; goals left out are deleted (their steps stay, unlinked).
    """
    _open_plan(uow, plan_id)
    session = uow.session
    errors = [error for index, goal in enumerate(goals) for error in _goal_errors(index, goal)]
    if errors:
        raise ValidationError(errors)
    existing = {goal.id: goal for goal in _goals(session, plan_id)}
    unknown = {g.id for g in goals if g.id is not None} - set(existing)
    if unknown:
        raise ValueError(f"goals {sorted(unknown)} do not belong to plan {plan_id}")
    kept = {g.id for g in goals if g.id is not None}
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
        goal.position = position
        goal.title = data.title.strip()
        goal.indicator = data.indicator.strip()
        goal.deadline = data.deadline
        goal.status = data.status
        session.add(goal)
        stored.append(goal)
    session.flush()
    audit.record(session, AuditAction.UPDATE, ENTITY, plan_id, ["goals"])
    uow.commit()
    return [goal.id for goal in stored if goal.id is not None]


def _step_errors(index: int, step: StepInput, goal_ids: set[int]) -> list[FieldError]:
    errors = []

    def add(name: str, message: str) -> None:
        errors.append(_row_error("steps", index, name, message))

    if not step.description.strip():
        add("description", _("Please fill in this field."))
    if message := _too_long(step.responsible.strip(), MAX_RESPONSIBLE):
        add("responsible", message)
    if message := plausible_date(step.due_on):
        add("due_on", message)
    if step.goal_id is not None and step.goal_id not in goal_ids:
        add("goal_id", _("This goal is not part of the plan."))
    return errors


def save_steps(uow: UnitOfWork, plan_id: int, steps: list[StepInput]) -> list[int]:
    """Replace the plan's steps by ``steps`` (in this order); returns their ids."""
    _open_plan(uow, plan_id)
    session = uow.session
    goal_ids = {goal.id for goal in _goals(session, plan_id) if goal.id is not None}
    errors = [
        error for index, step in enumerate(steps) for error in _step_errors(index, step, goal_ids)
    ]
    if errors:
        raise ValidationError(errors)
    existing = {step.id: step for step in _steps(session, plan_id)}
    kept = {s.id for s in steps if s.id is not None}
    if kept - set(existing):
        raise ValueError(f"steps {sorted(kept - set(existing))} do not belong to plan {plan_id}")
    for step_id, step in existing.items():
        if step_id not in kept:
            session.delete(step)
    stored: list[PlanStep] = []
    for position, data in enumerate(steps):
        step = existing[data.id] if data.id is not None else PlanStep(plan_id=plan_id)
        step.position = position
        step.description = data.description.strip()
        step.responsible = data.responsible.strip()
        step.due_on = data.due_on
        step.status = data.status
        step.goal_id = data.goal_id
        session.add(step)
        stored.append(step)
    session.flush()
    audit.record(session, AuditAction.UPDATE, ENTITY, plan_id, ["steps"])
    uow.commit()
    return [step.id for step in stored if step.id is not None]


# --- signatures ------------------------------------------------------------------------------


def record_signatures(
    uow: UnitOfWork, plan_id: int, data: SignatureInput, *, today: date | None = None
) -> list[str]:
    """Note who signed when; participant and coordinator (and a minor's guardian) make it active."""
    today = today or date.today()
    plan = _open_plan(uow, plan_id)
    participant = get_participant(uow, plan.participant_id)
    values = {
        "participant_signed_on": data.participant_signed_on,
        "guardian_signed_on": data.guardian_signed_on,
        "coordinator_signed_on": data.coordinator_signed_on,
        "partner_name": data.partner_name.strip(),
        "partner_signed_on": data.partner_signed_on,
    }
    errors = []
    for name, value in values.items():
        if isinstance(value, date) and (
            message := plausible_date(value) or not_future(value, today)
        ):
            errors.append(FieldError(name, label(name), message))
    signed_on = data.participant_signed_on
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
    if data.partner_signed_on is not None and not values["partner_name"]:
        errors.append(
            FieldError("partner_name", label("partner_name"), _("Please fill in this field."))
        )
    elif message := _too_long(str(values["partner_name"]), MAX_PARTNER):
        errors.append(FieldError("partner_name", label("partner_name"), message))
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
    if changed:
        audit.record(uow.session, AuditAction.UPDATE, ENTITY, plan_id, changed)
        uow.commit()
    return changed


# --- review ----------------------------------------------------------------------------------


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
        if entry is None:
            errors.append(_row_error("goals", index, "result", _("Please choose one.")))
        elif entry[0] in REASON_NEEDED and not entry[1].strip():
            message = _("Please give a reason when a goal was not fully achieved.")
            errors.append(_row_error("goals", index, "result_reason", message))
    return errors


def review_plan(
    uow: UnitOfWork,
    plan_id: int,
    results: dict[int, tuple[GoalResult, str]],
    notes: str = "",
) -> int:
    """Close the version with each goal's result and start the next one; returns its id.

    The new version copies the texts, the goals not achieved and their open steps.
    """
    plan = _open_plan(uow, plan_id)
    session = uow.session
    goals = _goals(session, plan_id)
    unknown = set(results) - {goal.id for goal in goals}
    if unknown:
        raise ValueError(f"goals {sorted(unknown)} do not belong to plan {plan_id}")
    errors = _review_errors(goals, results)
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
    for follow_up in _review_follow_ups(session, plan_id):
        if follow_up.done_at is None:
            follow_up.done_at = now
    successor = _next_version(session, plan, goals)
    assert successor.id is not None
    search_index.refresh_list_row(session, plan.participant_id)
    audit.record(
        session,
        AuditAction.UPDATE,
        ENTITY,
        plan_id,
        ["status", "closed_at", "review_result", "review_notes", "goals"],
    )
    audit.record(session, AuditAction.CREATE, ENTITY, successor.id, ["version", "goals", "steps"])
    uow.commit()
    return successor.id


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
    for step in _steps(session, plan.id):  # type: ignore[arg-type]
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


# --- versions and printouts ------------------------------------------------------------------


def plan_versions(uow: UnitOfWork, participant_id: int) -> list[PlanVersionRow]:
    """Every version of a person's plan, newest first, with the number of printouts."""
    rows = uow.session.connection().exec_driver_sql(
        "SELECT p.id, p.number, p.version, p.status, p.created_at, p.closed_at, "
        "p.next_review_on, (SELECT count(*) FROM plan_print pp WHERE pp.plan_id = p.id) "
        "FROM support_plan p WHERE p.participant_id = ? ORDER BY p.version DESC, p.id DESC",
        (participant_id,),
    )
    return [
        PlanVersionRow(
            r[0],
            r[1],
            r[2],
            PlanStatus(r[3]),
            _timestamp(r[4]),
            _timestamp(r[5]) if r[5] else None,
            date.fromisoformat(r[6]) if r[6] else None,
            r[7],
        )
        for r in rows
    ]


def _timestamp(value: str | datetime) -> datetime:
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return stamp.replace(tzinfo=UTC)


def archive_print(
    uow: UnitOfWork,
    plan_id: int,
    pdf: bytes,
    language: str,
    *,
    special_categories: bool = False,
) -> int:
    """Keep the exact PDF handed out (with its SHA-256) as proof; returns the printout's id.

    ``language`` is what Labels.code gives ("de", "de+uk"); the audit log notes whether
    special-category data were printed.
    """
    get_plan(uow, plan_id)
    if not pdf.startswith(b"%PDF-"):
        raise ValidationError([FieldError("pdf", label("pdf"), _("This is not a PDF document."))])
    printout = PlanPrint(
        plan_id=plan_id,
        language=language,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    uow.session.add(printout)
    uow.session.flush()
    assert printout.id is not None
    fields = ["language", "special_categories"] if special_categories else ["language"]
    audit.record(uow.session, AuditAction.PRINT, ENTITY, plan_id, fields)
    uow.commit()
    return printout.id


def printed_versions(uow: UnitOfWork, plan_id: int) -> list[PrintRow]:
    """The printouts of one plan version, newest first (without the PDF bytes)."""
    rows = uow.session.connection().exec_driver_sql(
        "SELECT id, printed_at, language, sha256, length(pdf) FROM plan_print "
        "WHERE plan_id = ? ORDER BY printed_at DESC, id DESC",
        (plan_id,),
    )
    return [PrintRow(r[0], _timestamp(r[1]), r[2], r[3], r[4]) for r in rows]


def printed_pdf(uow: UnitOfWork, print_id: int) -> bytes:
    printout = uow.session.get(PlanPrint, print_id)
    if printout is None:
        raise ValidationError([FieldError("id", label("pdf"), _("It no longer exists."))])
    return printout.pdf


# --- the printed document's data -------------------------------------------------------------


def _organization_name(session: Session, organization_id: int | None) -> str:
    if organization_id is None:
        return ""
    organization = session.get(Organization, organization_id)
    return organization.name if organization else ""


def _contact_line(session: Session, person_id: int | None) -> str:
    if person_id is None:
        return ""
    person = session.get(ContactPerson, person_id)
    if person is None:
        return ""
    return ", ".join(part for part in (person.name, person.phone, person.email) if part)


def _context(session: Session, participant: Participant) -> tuple[ContextLine, ...]:
    """School, class and training company, or the Jobcenter contact (labels are msgids)."""
    fields = person_fields.LABELS
    if participant.program == Program.TRAINING:
        school_form = participant.school_form.label if participant.school_form else ""
        year = str(participant.apprenticeship_year or "")
        lines = [
            (fields["school_id"], _organization_name(session, participant.school_id)),
            (fields["school_form"], school_form),
            (fields["school_class"], participant.school_class),
            (fields["apprenticeship_occupation"], participant.apprenticeship_occupation),
            (fields["apprenticeship_year"], year),
            (
                fields["training_company_id"],
                _organization_name(session, participant.training_company_id),
            ),
            (fields["trainer_id"], _contact_line(session, participant.trainer_id)),
        ]
    else:
        lines = [
            (fields["jobcenter_id"], _organization_name(session, participant.jobcenter_id)),
            (
                fields["job_center_advisor_id"],
                _contact_line(session, participant.job_center_advisor_id),
            ),
        ]
    return tuple(ContextLine(msgid, value) for msgid, value in lines if value)


def _goal_view(number: int, goal: Goal) -> GoalView:
    return GoalView(
        number=number,
        title=goal.title,
        indicator=goal.indicator,
        deadline=goal.deadline,
        status=goal.status,
        result=goal.result,
        result_reason=goal.result_reason,
    )


def _last_review(session: Session, plan: SupportPlan) -> ReviewView | None:
    if plan.previous_version_id is None:
        return None
    previous = session.get(SupportPlan, plan.previous_version_id)
    if previous is None:
        return None
    goals = [_goal_view(n, g) for n, g in enumerate(_goals(session, previous.id), start=1)]  # type: ignore[arg-type]
    return ReviewView(
        version=previous.version,
        reviewed_on=previous.closed_at.date() if previous.closed_at else None,
        summary=previous.review_result,
        notes=previous.review_notes,
        goals=tuple(goals),
    )


def plan_document_data(uow: UnitOfWork, plan_id: int, *, today: date | None = None) -> PlanData:
    """Everything the printed plan shows, read in one go (the renderer does no queries)."""
    today = today or date.today()
    session = uow.session
    plan = get_plan(uow, plan_id)
    participant = get_participant(uow, plan.participant_id)
    guardians = session.exec(
        select(Guardian.name).where(Guardian.participant_id == participant.id).order_by(Guardian.id)
    ).all()
    age = participant.age_at(today)
    person = PersonView(
        participant_id=participant.id,  # type: ignore[arg-type]
        first_name=participant.first_name,
        last_name=participant.last_name,
        birth_date=participant.birth_date,
        esf_number=participant.esf_number or "",
        program=participant.program,
        is_minor=age is not None and age < ADULT_AGE,
        guardians=tuple(guardians),
        context=_context(session, participant),
        disability=participant.disability,
    )
    goals = _goals(session, plan_id)
    numbers = {goal.id: number for number, goal in enumerate(goals, start=1)}
    steps = [
        StepView(
            description=step.description,
            responsible=step.responsible,
            due_on=step.due_on,
            status=step.status,
            goal_number=numbers.get(step.goal_id),
        )
        for step in _steps(session, plan_id)
    ]
    consents = session.exec(
        select(Consent)
        .where(Consent.participant_id == participant.id)
        .order_by(Consent.given_on, Consent.id)
    ).all()
    return PlanData(
        plan_id=plan_id,
        number=plan.number,
        version=plan.version,
        status=plan.status,
        created_on=plan.created_at.date(),
        printed_on=today,
        person=person,
        situation=plan.situation,
        strengths=plan.strengths,
        needs=plan.needs,
        overall_aim=plan.overall_aim,
        goals=tuple(_goal_view(numbers[goal.id], goal) for goal in goals),
        steps=tuple(steps),
        agreements=plan.agreements,
        involved=plan.involved,
        next_review_on=plan.next_review_on,
        last_review=_last_review(session, plan),
        consents=tuple(
            ConsentView(consent.purpose, consent.recipient, consent.given_on)
            for consent in consents
            if consent.is_active_on(today)
        ),
        place=plan.place,
        signatures=SignatureView(
            participant_signed_on=plan.participant_signed_on,
            guardian_signed_on=plan.guardian_signed_on,
            coordinator_signed_on=plan.coordinator_signed_on,
            partner_name=plan.partner_name,
            partner_signed_on=plan.partner_signed_on,
        ),
    )
