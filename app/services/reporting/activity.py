"""What happened in a period besides entries and exits: placements, employer contacts, job
offers, courses, recognition procedures, measures and the effort in contact notes.

Each figure is one SQL aggregate over the period's dates (indexes on the date columns), kept
to the participants the report counts (complete ESF+ records of the Förderbereich) where it is
about people. Organisation figures (employers, job offers) are not about people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from app.db.reads import Reads
from app.reports.period_data import Period
from app.services.network_views import utc_text
from app.vocab import OrganizationKind

EMPLOYER_KINDS = (OrganizationKind.EMPLOYER.value, OrganizationKind.TRAINING_COMPANY.value)
SMALL_EMPLOYEES = 50  # Kleinst- und Kleinunternehmen: fewer than 50 employees


def _range(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


def _moments(period: Period) -> tuple[str, str]:
    """The period as stored note moments: from local midnight of its first day to local
    midnight after its last."""
    return utc_text(period.start), utc_text(period.end + timedelta(days=1))


def people_with(reads: Reads, sql: str, params: tuple, counted: set[int]) -> list[int]:
    """Participant ids of the rows of ``sql`` (one per row), kept to ``counted``: the same
    person may appear once per row (a count of events, not of people)."""
    return [row[0] for row in reads.rows(sql, params) if row[0] in counted]


@dataclass(frozen=True)
class Events:
    """A count of events (placements, enrolments …) and the people they concern."""

    count: int
    participant_ids: tuple[int, ...]

    @classmethod
    def of(cls, ids: list[int]) -> Events:
        return cls(len(ids), tuple(sorted(set(ids))))


def placements_into_insured_work(reads: Reads, period: Period, counted: set[int]) -> Events:
    return Events.of(
        people_with(
            reads,
            "SELECT participant_id FROM employment WHERE social_insurance = 1 "
            "AND start BETWEEN ? AND ?",
            _range(period),
            counted,
        )
    )


def past_probation(reads: Reads, period: Period, counted: set[int], today: date) -> Events:
    """Employments whose probation ended in the period (and by today) while they still ran."""
    last = min(period.end, today).isoformat()
    return Events.of(
        people_with(
            reads,
            "SELECT participant_id FROM employment WHERE probation_end BETWEEN ? AND ? "
            'AND ("end" IS NULL OR "end" > probation_end)',
            (period.start.isoformat(), last),
            counted,
        )
    )


def placement_stage(reads: Reads, period: Period, counted: set[int], column: str) -> Events:
    """Vermittlungsvorschläge (``proposed_on``) or contracts (``contract_on``) in the period."""
    assert column in ("proposed_on", "contract_on")
    return Events.of(
        people_with(
            reads,
            f"SELECT participant_id FROM placement WHERE {column} BETWEEN ? AND ?",
            _range(period),
            counted,
        )
    )


def enrollments(reads: Reads, period: Period, counted: set[int], *, completed: bool) -> Events:
    sql = (
        "SELECT participant_id FROM enrollment WHERE status = 'completed' "
        "AND left_on BETWEEN ? AND ?"
        if completed
        else "SELECT participant_id FROM enrollment WHERE registered_on BETWEEN ? AND ?"
    )
    return Events.of(people_with(reads, sql, _range(period), counted))


def recognition_procedures(reads: Reads, period: Period, counted: set[int]) -> Events:
    return Events.of(
        people_with(
            reads,
            "SELECT participant_id FROM foreign_qualification WHERE applied_on BETWEEN ? AND ?",
            _range(period),
            counted,
        )
    )


def measures_arranged(reads: Reads, period: Period, counted: set[int]) -> Events:
    """Measures applied for in the period (or begun in it, when no application is recorded)."""
    return Events.of(
        people_with(
            reads,
            "SELECT participant_id FROM measure WHERE COALESCE(applied_on, start) BETWEEN ? AND ?",
            _range(period),
            counted,
        )
    )


@dataclass(frozen=True)
class Employers:
    contacts: int  # contact notes naming an employer or training company
    new: int  # employers with their first contact in the period
    new_small: int  # of them with fewer than 50 employees


class OrganisationNote(NamedTuple):
    note_id: int
    participant_id: int | None  # None: an organisation's own note
    kind: str  # the named organisation's kind


def organisation_notes(reads: Reads, period: Period) -> list[OrganisationNote]:
    """The period's contact notes naming an organisation, once per named organisation (read
    once for the JOKO and the Ausbildungsmanagement figures)."""
    first, after = _moments(period)
    return [
        OrganisationNote(*row)
        for row in reads.rows(
            "SELECT n.id, n.participant_id, o.kind FROM contact_note n "
            "LEFT JOIN contact_note_organization x ON x.note_id = n.id "
            "JOIN organization o ON o.id = COALESCE(x.organization_id, n.organization_id) "
            "WHERE n.occurred_at >= ? AND n.occurred_at < ?",
            (first, after),
        )
    ]


def employers(
    reads: Reads, period: Period, counted: set[int], notes: list[OrganisationNote]
) -> Employers:
    """Contact notes naming an employer or training company: an organisation's own notes and
    those about a counted person."""
    kinds = ",".join("?" * len(EMPLOYER_KINDS))
    contacts = {
        note.note_id
        for note in notes
        if note.kind in EMPLOYER_KINDS
        and (note.participant_id is None or note.participant_id in counted)
    }
    new, small = reads.one(
        "SELECT COUNT(*), COALESCE(SUM(employees IS NOT NULL AND employees < ?), 0) "
        f"FROM organization WHERE kind IN ({kinds}) AND first_contact_on BETWEEN ? AND ?",
        (SMALL_EMPLOYEES, *EMPLOYER_KINDS, *_range(period)),
    )
    return Employers(len(contacts), new, small)


def offers_acquired(reads: Reads, period: Period) -> int:
    return reads.one(
        "SELECT COALESCE(SUM(vacancies), 0) FROM job_offer WHERE acquired_on BETWEEN ? AND ?",
        _range(period),
    )[0]


def partner_contacts(counted: set[int], notes: list[OrganisationNote]) -> dict[str, int]:
    """Contact notes about the counted people that name an organisation, by its kind."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for note in notes:
        if note.participant_id is not None and note.participant_id in counted:
            by_kind[note.kind].add(note.note_id)
    return {kind: len(ids) for kind, ids in by_kind.items()}


@dataclass(frozen=True)
class Effort:
    contacts: int
    minutes: int
    people_contacted: tuple[int, ...]


def effort(reads: Reads, period: Period, counted: set[int]) -> Effort:
    first, after = _moments(period)
    contacts = minutes = 0
    people: list[int] = []
    for person, count, total in reads.rows(
        "SELECT participant_id, COUNT(*), COALESCE(SUM(duration_minutes), 0) FROM contact_note "
        "WHERE participant_id IS NOT NULL AND occurred_at >= ? AND occurred_at < ? "
        "GROUP BY participant_id",
        (first, after),
    ):
        if person in counted:
            contacts += count
            minutes += total
            people.append(person)
    return Effort(contacts, minutes, tuple(people))
