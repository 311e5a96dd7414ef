"""The Übersicht page: what is overdue, due today, this week, coming up; recently edited cases;
the courses starting or ending this month, the measures awaiting approval, and the students at
high risk without a contact for four weeks.

Everything is plain SQL: the page is the first one shown at start (docs/architecture.md, 3)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.models.office_settings import DEFAULT_FOLLOW_UP_HORIZON_WEEKS
from app.services.follow_up_lists import FollowUpRow, open_follow_ups
from app.services.network_views import StudentAtRisk, high_risk_without_contact
from app.vocab import (
    CourseKind,
    EnrollmentStatus,
    MeasureKind,
    MeasureStatus,
    ParticipantStatus,
    Program,
)

RECENT_CASES = 10
SHOWN = 100  # per list: a page, not the whole backlog of a large caseload
# "ohne Kontakt seit 4 Wochen": the latest contact note 28 days ago or longer
NO_CONTACT_DAYS = 28


class RecentCase(NamedTuple):
    id: int
    name: str
    program: Program
    status: ParticipantStatus
    updated_at: datetime


class CourseThisMonth(NamedTuple):
    id: int
    title: str
    kind: CourseKind
    provider: str  # the Träger's name, or ""
    start: date | None
    end: date | None
    enrolled: int  # Kursteilnahmen not dropped out
    places: int | None


class AwaitingApproval(NamedTuple):
    id: int  # the measure
    participant_id: int
    participant_name: str
    kind: MeasureKind
    applied_on: date | None
    weeks_waiting: int | None  # whole weeks since applied_on; None: no date recorded


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
    courses_this_month: list[CourseThisMonth] = field(default_factory=list)
    awaiting_approval: list[AwaitingApproval] = field(default_factory=list)
    awaiting_approval_count: int = 0
    # None: Ausbildungsmanagement is not among the Förderbereiche in use (the list is not read)
    students_at_risk: list[StudentAtRisk] | None = None
    students_at_risk_count: int = 0


def end_of_week(day: date) -> date:
    return day + timedelta(days=6 - day.weekday())


def horizon_end(today: date, weeks: int) -> date:
    """The last due date "the next ``weeks`` weeks" take in: ``weeks`` × 7 days from today.

    Always after the end of this week (a week or more ahead)."""
    return today + timedelta(weeks=weeks)


def month_of(day: date) -> tuple[date, date]:
    """The first and the last day of ``day``'s month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def courses_this_month(reads: Reads, today: date) -> list[CourseThisMonth]:
    """Courses whose Beginn or Ende falls in ``today``'s month, by that day (the start when
    both do), then by title; with the number enrolled (not dropped out)."""
    first, last = month_of(today)
    result = reads.rows(
        """
        SELECT c.id, c.title, c.kind, coalesce(o.name, ''), c.start, c."end",
               (SELECT count(*) FROM enrollment e
                 WHERE e.course_id = c.id AND e.status != :dropped),
               c.places
        FROM course c
        LEFT JOIN organization o ON o.id = c.provider_id
        WHERE c.start BETWEEN :first AND :last OR c."end" BETWEEN :first AND :last
        ORDER BY CASE WHEN c.start BETWEEN :first AND :last THEN c.start ELSE c."end" END,
                 c.title, c.id
        """,
        {
            "first": first.isoformat(),
            "last": last.isoformat(),
            "dropped": EnrollmentStatus.DROPPED.value,
        },
    )
    return [
        CourseThisMonth(r[0], r[1], CourseKind(r[2]), r[3], _day(r[4]), _day(r[5]), r[6], r[7])
        for r in result
    ]


def measures_awaiting_approval(
    reads: Reads, today: date, limit: int | None = None
) -> tuple[list[AwaitingApproval], int]:
    """Measures applied for and not yet approved (status beantragt), the longest waiting
    first (those without an application date before them: how long is not known); the first
    ``limit`` and how many there are in all. The people's names come from the list rows."""
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    params = {"applied": MeasureStatus.APPLIED.value}
    result = reads.rows(
        f"""
        SELECT m.id, m.participant_id, trim(p.first_name || ' ' || p.last_name), m.kind,
               m.applied_on
        FROM measure m
        JOIN {LIST_TABLE} p ON p.id = m.participant_id
        WHERE m.status = :applied
        ORDER BY m.applied_on, m.id{tail}
        """,
        params,
    )
    rows = []
    for measure_id, pid, name, kind, applied in result:
        applied_on = _day(applied)
        weeks = None if applied_on is None else max((today - applied_on).days, 0) // 7
        rows.append(AwaitingApproval(measure_id, pid, name, MeasureKind(kind), applied_on, weeks))
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    (count,) = reads.one("SELECT count(*) FROM measure WHERE status = :applied", params)
    return rows, count


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def overview(
    reads: Reads,
    today: date | None = None,
    horizon_weeks: int = DEFAULT_FOLLOW_UP_HORIZON_WEEKS,
    programs: Collection[Program] = (Program.JOKO, Program.TRAINING),
) -> Overview:
    """``programs``: the Förderbereiche in use; the students at risk are read only when
    Ausbildungsmanagement is among them."""
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
    awaiting, awaiting_count = measures_awaiting_approval(reads, today, SHOWN)
    students: list[StudentAtRisk] | None = None
    students_count = 0
    if Program.TRAINING in programs:
        students, students_count = high_risk_without_contact(reads, today, NO_CONTACT_DAYS, SHOWN)
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
        courses_this_month=courses_this_month(reads, today),
        awaiting_approval=awaiting,
        awaiting_approval_count=awaiting_count,
        students_at_risk=students,
        students_at_risk_count=students_count,
    )
