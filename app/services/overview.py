"""The Übersicht page: what is overdue, due today, this week, coming up; recently edited cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from app.db.reads import Reads
from app.models.office_settings import DEFAULT_FOLLOW_UP_HORIZON_WEEKS
from app.services.follow_up_lists import FollowUpRow, open_follow_ups
from app.vocab import ParticipantStatus, Program

RECENT_CASES = 10
SHOWN = 100  # per list: a page, not the whole backlog of a large caseload


class RecentCase(NamedTuple):
    id: int
    name: str
    program: Program
    status: ParticipantStatus
    updated_at: datetime


@dataclass(frozen=True)
class Overview:
    """Each list holds at most SHOWN rows, due first; the counts are the full numbers."""

    overdue: list[FollowUpRow]
    today: list[FollowUpRow]
    this_week: list[FollowUpRow]
    coming_up: list[FollowUpRow]  # after this week, up to ``horizon_end``
    recent: list[RecentCase]
    active_cases: int
    overdue_count: int
    today_count: int
    this_week_count: int
    coming_up_count: int
    horizon_end: date


def end_of_week(day: date) -> date:
    return day + timedelta(days=6 - day.weekday())


def horizon_end(today: date, weeks: int) -> date:
    """The last due date "the next ``weeks`` weeks" take in: ``weeks`` × 7 days from today.

    Always after the end of this week (a week or more ahead)."""
    return today + timedelta(weeks=weeks)


def overview(
    reads: Reads,
    today: date | None = None,
    horizon_weeks: int = DEFAULT_FOLLOW_UP_HORIZON_WEEKS,
) -> Overview:
    today = today or date.today()
    week_end = end_of_week(today)
    until = horizon_end(today, horizon_weeks)
    counts = reads.one(
        "SELECT count(*) FILTER (WHERE due_date < :today), "
        "count(*) FILTER (WHERE due_date = :today), "
        "count(*) FILTER (WHERE due_date > :today AND due_date <= :week_end), "
        "count(*) FILTER (WHERE due_date > :week_end) "
        "FROM follow_up WHERE done_at IS NULL AND due_date <= :until",
        {"today": str(today), "week_end": str(week_end), "until": str(until)},
    )
    recent = [
        RecentCase(r[0], r[1], Program(r[2]), ParticipantStatus(r[3]),
                   datetime.fromisoformat(r[4]).replace(tzinfo=UTC))
        for r in reads.rows(
            "SELECT id, trim(first_name || ' ' || last_name), program, status, updated_at "
            "FROM participant ORDER BY updated_at DESC LIMIT ?",
            (RECENT_CASES,),
        )
    ]  # fmt: skip
    (active,) = reads.one(
        "SELECT count(*) FROM participant WHERE status IN (?, ?)",
        (ParticipantStatus.ACTIVE.value, ParticipantStatus.EMPLOYED_AFTERCARE.value),
    )
    return Overview(
        overdue=open_follow_ups(reads, until=today - timedelta(days=1), limit=SHOWN),
        today=open_follow_ups(reads, since=today, until=today, limit=SHOWN),
        this_week=open_follow_ups(
            reads, since=today + timedelta(days=1), until=week_end, limit=SHOWN
        ),  # fmt: skip
        coming_up=open_follow_ups(
            reads, since=week_end + timedelta(days=1), until=until, limit=SHOWN
        ),  # fmt: skip
        recent=recent,
        active_cases=active,
        overdue_count=counts[0],
        today_count=counts[1],
        this_week_count=counts[2],
        coming_up_count=counts[3],
        horizon_end=until,
    )
