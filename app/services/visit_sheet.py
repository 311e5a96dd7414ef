"""Besuchsblatt: what the sheet for an employer visit prints, read with plain SQL.

What is read follows the sheet's rule (app.reports.visit_sheet): of participants only the name,
the job at this employer, the stage or kind of employment and their dates, and only while
their case is open; contacts and follow-ups of the organisation itself, never those of a
participant's case, and of a contact never its content.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.clock import to_local
from app.db.reads import Reads
from app.errors import LotseError
from app.i18n import _
from app.reports.visit_sheet import (
    LAST_NOTES,
    ContactPersonLine,
    EmploymentLine,
    FollowUpLine,
    NoteLine,
    OfferLine,
    PlacementLine,
    VisitSheetData,
)
from app.vocab import (
    AcquisitionChannel,
    ContactKind,
    CooperationStatus,
    EmploymentKind,
    JobOfferStatus,
    OrganizationKind,
    ParticipantStatus,
    PlacementStage,
)

__all__ = ["UnknownOrganization", "VisitSheetData", "visit_sheet_data"]

# Cases whose people appear on the sheet.
OPEN_CASES = (ParticipantStatus.ACTIVE.value, ParticipantStatus.EMPLOYED_AFTERCARE.value)
# Placements still under way (an Absage is not printed; an Arbeitsvertrag is the employment).
UNDER_WAY = tuple(
    stage.value
    for stage in PlacementStage
    if stage not in (PlacementStage.REJECTED, PlacementStage.CONTRACT)
)

_ORGANIZATION_SQL = """
SELECT o.kind, o.name, o.street, o.postal_code, o.city, o.branch, o.employees,
       coalesce(o.betriebsnummer, ''), coalesce(c.name, ''), o.first_contact_on,
       o.cooperation_status, o.support_needs, o.phone, o.email, o.acquisition_channel
FROM organization o LEFT JOIN organization c ON c.id = o.chamber_id
WHERE o.id = ?
"""
_CONTACTS_SQL = """
SELECT name, function, phone, email FROM contact_person WHERE organization_id = ? ORDER BY id
"""
_OFFERS_SQL = """
SELECT title, occupation, hours_per_week, vacancies, valid_until,
       coalesce(valid_until < :today, 0) AS expired
FROM job_offer
WHERE employer_id = :org AND status = :open
ORDER BY expired, valid_until IS NULL, valid_until, id
"""
_STAGE_DATE = """
coalesce(
    (SELECT max(e.occurred_on) FROM placement_event e
     WHERE e.placement_id = pl.id AND e.stage = pl.stage),
    CASE pl.stage
        WHEN 'proposed' THEN pl.proposed_on
        WHEN 'applied' THEN pl.applied_on
        WHEN 'interview' THEN pl.interview_on
        WHEN 'trial_work' THEN pl.trial_work_on
        ELSE pl.decided_on
    END)
"""
_PLACEMENTS_SQL = f"""
SELECT trim(p.first_name || ' ' || p.last_name), j.title, pl.stage, {_STAGE_DATE} AS on_day
FROM placement pl
JOIN job_offer j ON j.id = pl.job_offer_id
JOIN participant p ON p.id = pl.participant_id
WHERE j.employer_id = ? AND pl.stage IN ({", ".join("?" * len(UNDER_WAY))})
  AND p.status IN ({", ".join("?" * len(OPEN_CASES))})
ORDER BY on_day DESC, pl.id DESC
"""
_EMPLOYMENTS_SQL = f"""
SELECT trim(p.first_name || ' ' || p.last_name), e.occupation, e.kind, e.start, e.probation_end
FROM employment e
JOIN participant p ON p.id = e.participant_id
WHERE e.employer_id = ? AND (e."end" IS NULL OR e."end" >= ?)
  AND p.status IN ({", ".join("?" * len(OPEN_CASES))})
ORDER BY e.start DESC, e.id DESC
"""
_NOTES_SQL = """
SELECT occurred_at, kind, topics, agreements FROM contact_note
WHERE organization_id = ? AND participant_id IS NULL
ORDER BY occurred_at DESC, id DESC
LIMIT ?
"""
_FOLLOW_UPS_SQL = """
SELECT due_date, title FROM follow_up
WHERE organization_id = ? AND participant_id IS NULL AND done_at IS NULL
ORDER BY due_date, id
"""


class UnknownOrganization(LotseError):
    """There is no organisation with this id."""


def visit_sheet_data(reads: Reads, organization_id: int, today: date) -> VisitSheetData:
    """What the Besuchsblatt of the organisation prints on ``today`` (raises
    UnknownOrganization)."""
    found = reads.rows(_ORGANIZATION_SQL, (organization_id,))
    if not found:
        raise UnknownOrganization(
            _("There is no organisation with number {id}.").format(id=organization_id)
        )
    row = found[0]
    return VisitSheetData(
        organization_id=organization_id,
        kind=OrganizationKind(row[0]),
        name=row[1],
        street=row[2],
        postal_code=row[3],
        city=row[4],
        branch=row[5],
        employees=row[6],
        betriebsnummer=row[7],
        chamber=row[8],
        first_contact_on=_day(row[9]),
        acquisition_channel=AcquisitionChannel(row[14]) if row[14] else None,
        cooperation_status=CooperationStatus(row[10]) if row[10] else None,
        support_needs=row[11],
        phone=row[12],
        email=row[13],
        today=today,
        contacts=[ContactPersonLine(*r) for r in reads.rows(_CONTACTS_SQL, (organization_id,))],
        offers=[
            OfferLine(r[0], r[1], r[2], r[3], _day(r[4]), bool(r[5]))
            for r in reads.rows(
                _OFFERS_SQL,
                {"org": organization_id, "today": str(today), "open": JobOfferStatus.OPEN.value},
            )
        ],
        placements=[
            PlacementLine(r[0], r[1], PlacementStage(r[2]), _day(r[3]))
            for r in reads.rows(_PLACEMENTS_SQL, (organization_id, *UNDER_WAY, *OPEN_CASES))
        ],
        employments=[
            EmploymentLine(r[0], r[1], EmploymentKind(r[2]), _day(r[3]), _day(r[4]))
            for r in reads.rows(_EMPLOYMENTS_SQL, (organization_id, str(today), *OPEN_CASES))
        ],
        notes=[
            NoteLine(_local_day(r[0]), ContactKind(r[1]), r[2], r[3])
            for r in reads.rows(_NOTES_SQL, (organization_id, LAST_NOTES))
        ],
        follow_ups=[
            _follow_up(date.fromisoformat(r[0]), r[1], today)
            for r in reads.rows(_FOLLOW_UPS_SQL, (organization_id,))
        ],
    )


def _follow_up(due: date, title: str, today: date) -> FollowUpLine:
    return FollowUpLine(due, title, overdue=due < today)


def _day(stored: str | None) -> date | None:
    return date.fromisoformat(stored) if stored else None


def _local_day(stored: str) -> date:
    """The local calendar day of a stored UTC moment."""
    return to_local(datetime.fromisoformat(stored).replace(tzinfo=UTC)).date()
