"""The Wiedervorlage that follows a plan's next review date (kind PLAN_REVIEW)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from app.i18n import _
from app.models.contacts import FollowUp
from app.models.support_plan import SupportPlan
from app.vocab import FollowUpKind, PlanStatus

REVIEW_KEY_PREFIX = "plan_review:plan:"


def review_key(plan_id: int, day: date) -> str:
    return f"{REVIEW_KEY_PREFIX}{plan_id}:{day.isoformat()}"


def review_follow_ups(session: Session, plan_id: int) -> list[FollowUp]:
    prefix = f"{REVIEW_KEY_PREFIX}{plan_id}:"
    return list(
        session.exec(select(FollowUp).where(col(FollowUp.generated_key).startswith(prefix))).all()
    )


def sync_review_follow_up(session: Session, plan: SupportPlan) -> None:
    """One open PLAN_REVIEW follow-up for the plan's review date; done ones stay as history."""
    assert plan.id is not None
    wanted = None
    if plan.next_review_on is not None and plan.status != PlanStatus.CLOSED:
        wanted = review_key(plan.id, plan.next_review_on)
    title = _("Review support plan {number}, version {version}").format(
        number=plan.number, version=plan.version
    )
    found = False
    for follow_up in review_follow_ups(session, plan.id):
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
