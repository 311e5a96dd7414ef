"""Lists of Wiedervorlagen as tuples: what is open and due, and those of one person."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.vocab import FollowUpKind


class FollowUpRow(NamedTuple):
    id: int
    due_date: date
    title: str
    kind: FollowUpKind
    participant_id: int | None
    participant_name: str  # the organisation's name for an organisation's follow-up
    done: bool
    organization_id: int | None = None


# Names come from the narrow list rows (app.db.derived_rows), not the wide participant rows.
_ROW_SQL = f"""
SELECT f.id, f.due_date, f.title, f.kind, f.participant_id,
       coalesce(trim(p.first_name || ' ' || p.last_name), o.name, ''), f.done_at IS NOT NULL,
       f.organization_id
FROM follow_up f
LEFT JOIN {LIST_TABLE} p ON p.id = f.participant_id
LEFT JOIN organization o ON o.id = f.organization_id
"""


def _rows(reads: Reads, where: str, params: dict, limit: int | None = None) -> list[FollowUpRow]:
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    result = reads.rows(f"{_ROW_SQL} WHERE {where} ORDER BY f.due_date, f.id{tail}", params)
    return [
        FollowUpRow(
            r[0], date.fromisoformat(r[1]), r[2], FollowUpKind(r[3]), r[4], r[5], bool(r[6]), r[7]
        )
        for r in result
    ]


def open_follow_ups(
    reads: Reads,
    until: date | None = None,
    *,
    since: date | None = None,
    limit: int | None = None,
) -> list[FollowUpRow]:
    """Open follow-ups, due first; optionally only those due in [since, until]."""
    conditions, params = ["f.done_at IS NULL"], {}
    if since is not None:
        conditions.append("f.due_date >= :since")
        params["since"] = str(since)
    if until is not None:
        conditions.append("f.due_date <= :until")
        params["until"] = str(until)
    return _rows(reads, " AND ".join(conditions), params, limit)


def open_follow_up_counts(reads: Reads, until: date | None, today: date) -> tuple[int, int]:
    """How many open follow-ups are due by ``until`` (all when None), and how many are overdue."""
    limit = "" if until is None else " AND due_date <= :until"
    total, overdue = reads.one(
        "SELECT count(*), count(*) FILTER (WHERE due_date < :today) FROM follow_up "
        f"WHERE done_at IS NULL{limit}",
        {"today": str(today), "until": str(until)},
    )
    return total, overdue


def follow_ups_of(reads: Reads, participant_id: int) -> list[FollowUpRow]:
    return _rows(reads, "f.participant_id = :pid", {"pid": participant_id})
