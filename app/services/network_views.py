"""The network's view of its people: per school, training company or chamber, the students
and apprentices who name it (Schule, Ausbildungsbetrieb, zuständige Stelle), with their
Abbruchrisiko, open Maßnahmen and the last contact. Reads only: plain SQL over ``Reads``.

Also the two moment helpers the lists share: contact notes store UTC text, the lists speak of
local days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple

from app.clock import local_midnight_utc, to_local
from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.vocab import DropoutRisk, MeasureStatus, ParticipantStatus, Program

# The participant columns that tie a person to an organisation as a student or apprentice,
# in the order a role is named (all three are indexed).
STUDENT_LINKS = ("school_id", "training_company_id", "chamber_id")
# Measures still to be reckoned with: geplant, beantragt, bewilligt, laufend.
OPEN_MEASURE_STATUSES = (
    MeasureStatus.PLANNED,
    MeasureStatus.APPLIED,
    MeasureStatus.APPROVED,
    MeasureStatus.ONGOING,
)
# High risk first; no assessment last.
RISK_ORDER = {DropoutRisk.HIGH: 0, DropoutRisk.MEDIUM: 1, DropoutRisk.LOW: 2, None: 3}


def utc_text(day: date) -> str:
    """Local midnight of ``day`` as the contact notes store their moments (UTC text)."""
    return local_midnight_utc(day).strftime("%Y-%m-%d %H:%M:%S")


def local_day(stored: str) -> date:
    """The local day of a stored UTC moment."""
    return to_local(datetime.fromisoformat(stored).replace(tzinfo=UTC)).date()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class StudentRow(NamedTuple):
    id: int  # the participant
    name: str
    program: Program
    status: ParticipantStatus
    school_class: str  # Klasse
    occupation: str  # Ausbildungsberuf
    year: int | None  # Ausbildungsjahr
    dropout_risk: DropoutRisk | None
    risk_assessed_on: date | None
    open_measures: int
    last_contact: date | None  # the local day of the person's latest contact note
    days_without_contact: int | None  # since the last contact, up to today; None: never
    links: tuple[str, ...]  # which of STUDENT_LINKS name the organisation

    @property
    def exited(self) -> bool:
        return self.status == ParticipantStatus.EXITED


def _linked(alias: str = "p") -> str:
    return " OR ".join(f"{alias}.{column} = :org" for column in STUDENT_LINKS)


def has_students(reads: Reads, organization_id: int) -> bool:
    """Whether anyone names the organisation as school, training company or chamber."""
    (found,) = reads.one(
        f"SELECT EXISTS (SELECT 1 FROM participant p WHERE {_linked()})",
        {"org": organization_id},
    )
    return bool(found)


def students_of(
    reads: Reads, organization_id: int, today: date, *, include_exited: bool = False
) -> list[StudentRow]:
    """The people who name the organisation as Schule, Ausbildungsbetrieb or zuständige
    Stelle; without those who left the programme unless ``include_exited`` (then they come
    last). Ordered by Abbruchrisiko (high first, none last), then the longest without a
    contact first (never contacted before all), then by name."""
    open_statuses = ", ".join(f"'{status.value}'" for status in OPEN_MEASURE_STATUSES)
    flags = ", ".join(f"coalesce(p.{column} = :org, 0)" for column in STUDENT_LINKS)
    exited = "" if include_exited else "AND p.status != :exited"
    result = reads.rows(
        f"""
        SELECT p.id, trim(p.first_name || ' ' || p.last_name), p.program, p.status,
               p.school_class, p.apprenticeship_occupation, p.apprenticeship_year,
               p.dropout_risk, p.dropout_risk_assessed_on,
               (SELECT count(*) FROM measure m
                 WHERE m.participant_id = p.id AND m.status IN ({open_statuses})),
               (SELECT max(n.occurred_at) FROM contact_note n WHERE n.participant_id = p.id),
               {flags}
        FROM participant p
        WHERE ({_linked()}) {exited}
        """,
        {"org": organization_id, "exited": ParticipantStatus.EXITED.value},
    )
    # plain dict lookups: a large school lists thousands (Enum(value) is slow in bulk)
    programs, statuses = Program._value2member_map_, ParticipantStatus._value2member_map_
    risks = DropoutRisk._value2member_map_
    rows = []
    for r in result:
        last = None if r[10] is None else local_day(r[10])
        rows.append(
            StudentRow(
                r[0],
                r[1],
                programs[r[2]],  # type: ignore[arg-type]
                statuses[r[3]],  # type: ignore[arg-type]
                r[4] or "",
                r[5] or "",
                r[6],
                None if r[7] is None else risks[r[7]],  # type: ignore[arg-type]
                _day(r[8]),
                r[9],
                last,
                None if last is None else max((today - last).days, 0),
                tuple(column for column, flag in zip(STUDENT_LINKS, r[11:], strict=True) if flag),
            )
        )

    def order(row: StudentRow) -> tuple:
        return (
            row.exited,
            RISK_ORDER[row.dropout_risk],
            row.last_contact or date.min,
            row.name.casefold(),
            row.id,
        )

    return sorted(rows, key=order)


class StudentAtRisk(NamedTuple):
    participant_id: int
    name: str
    school_class: str
    occupation: str
    risk_assessed_on: date | None
    last_contact: date | None  # local day; None: no contact note at all


def high_risk_without_contact(
    reads: Reads, today: date, days: int, limit: int | None = None
) -> tuple[list[StudentAtRisk], int]:
    """People with a high Abbruchrisiko, not exited, whose latest contact note is ``days``
    days ago or longer (on the local day ``today − days`` or before), or who have none: the
    longest without contact first (none at all before everyone). The first ``limit`` rows
    and how many there are in all. Names and Klasse come from the narrow list rows; the
    latest note of each person is looked up once (the CTE is materialised)."""
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    result = reads.rows(
        f"""
        WITH high AS MATERIALIZED (
            SELECT p.id,
                   (SELECT max(n.occurred_at) FROM contact_note n
                     WHERE n.participant_id = p.id) AS last_note
            FROM participant p
            WHERE p.dropout_risk = :high AND p.status != :exited
        )
        SELECT h.id, trim(l.first_name || ' ' || l.last_name), l.school_class, h.last_note,
               count(*) OVER ()
        FROM high h
        JOIN {LIST_TABLE} l ON l.id = h.id
        WHERE h.last_note IS NULL OR h.last_note < :cutoff
        ORDER BY h.last_note IS NOT NULL, h.last_note, l.name_sort, h.id{tail}
        """,
        {
            "high": DropoutRisk.HIGH.value,
            "exited": ParticipantStatus.EXITED.value,
            # a note from the day after today − days on counts as a contact within the days
            "cutoff": utc_text(date.fromordinal(today.toordinal() - days + 1)),
        },
    )
    if not result:
        return [], 0
    details = {
        r[0]: r[1:]
        for r in reads.rows(
            "SELECT id, apprenticeship_occupation, dropout_risk_assessed_on FROM participant "
            f"WHERE id IN ({', '.join(str(int(r[0])) for r in result)})"
        )
    }
    rows = []
    for pid, name, school_class, last_note, _count in result:
        occupation, assessed = details.get(pid, ("", None))
        rows.append(
            StudentAtRisk(
                pid,
                name,
                school_class or "",
                occupation or "",
                _day(assessed),
                None if last_note is None else local_day(last_note),
            )
        )
    return rows, result[0][4]
