"""The Übersicht page: what is overdue, due today, due this week; recently edited cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from app.db.unit_of_work import UnitOfWork
from app.models.vocab import ParticipantStatus, Program
from app.services.follow_ups import FollowUpRow, open_follow_ups

RECENT_CASES = 10


class RecentCase(NamedTuple):
    id: int
    name: str
    program: Program
    status: ParticipantStatus
    updated_at: datetime


@dataclass(frozen=True)
class Overview:
    overdue: list[FollowUpRow]
    today: list[FollowUpRow]
    this_week: list[FollowUpRow]
    recent: list[RecentCase]
    active_cases: int


def end_of_week(day: date) -> date:
    return day + timedelta(days=6 - day.weekday())


def overview(uow: UnitOfWork, today: date | None = None) -> Overview:
    today = today or date.today()
    due = open_follow_ups(uow, until=end_of_week(today))
    connection = uow.session.connection()
    recent = [
        RecentCase(r[0], r[1], Program(r[2]), ParticipantStatus(r[3]),
                   datetime.fromisoformat(r[4]).replace(tzinfo=UTC))
        for r in connection.exec_driver_sql(
            "SELECT id, trim(first_name || ' ' || last_name), program, status, updated_at "
            "FROM participant ORDER BY updated_at DESC LIMIT ?",
            (RECENT_CASES,),
        )
    ]  # fmt: skip
    active = connection.exec_driver_sql(
        "SELECT count(*) FROM participant WHERE status IN (?, ?)",
        (ParticipantStatus.ACTIVE.value, ParticipantStatus.EMPLOYED_AFTERCARE.value),
    ).scalar_one()
    return Overview(
        overdue=[row for row in due if row.due_date < today],
        today=[row for row in due if row.due_date == today],
        this_week=[row for row in due if row.due_date > today],
        recent=recent,
        active_cases=active,
    )
