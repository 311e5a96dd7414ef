"""Everything the printed plan shows, read in one go (the renderer does no queries)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from app.db.unit_of_work import UnitOfWork
from app.models import participant_fields as person_fields
from app.models.consent import Consent
from app.models.organization import ContactPerson, Organization
from app.models.participant import ADULT_AGE, Guardian, Participant
from app.models.support_plan import Goal, SupportPlan
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
from app.services.participants import get_participant
from app.services.support_plans.common import get_plan, plan_goals, plan_steps
from app.vocab import Program


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
    goals = [_goal_view(n, g) for n, g in enumerate(plan_goals(session, previous.id), start=1)]  # type: ignore[arg-type]
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
    goals = plan_goals(session, plan_id)
    numbers = {goal.id: number for number, goal in enumerate(goals, start=1)}
    steps = [
        StepView(
            description=step.description,
            responsible=step.responsible,
            due_on=step.due_on,
            status=step.status,
            goal_number=numbers.get(step.goal_id),
        )
        for step in plan_steps(session, plan_id)
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
