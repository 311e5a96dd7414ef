"""Vermittlungsvorschläge: a person proposed for a job offer, step by step to the contract.

Stages (``PlacementStage``): vorgeschlagen → beworben → Vorstellungsgespräch → Probearbeit →
Zusage → Arbeitsvertrag; Absage (with a reason) from any open stage. Forward only; the
Vorstellungsgespräch and the Probearbeit may be skipped, "beworben" may not, and the
Arbeitsvertrag follows the Zusage only. Every change writes the stage's date column and a
``PlacementEvent`` (the timelines of the person and of the employer show them). The
Arbeitsvertrag makes the employment (app.services.employments) and sets the person to
"in Beschäftigung mit Nachbetreuung".

Who can be proposed: any participant who has not exited, of either Förderbereich (the
Ausbildungsmanagement also places students into training places, e.g. after a company
change), for an offer that is open; one open placement per person and offer (a new one after
an Absage or a contract is fine).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlmodel import Session, col, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.jobs import JobOffer, Placement, PlacementEvent
from app.models.participant import Participant
from app.services import audit, participants
from app.services.employments import add_employment_from_offer, contract_dates, date_errors
from app.services.job_offers import sync_expiry_follow_up
from app.text import canonical
from app.vocab import AuditAction, JobOfferStatus, ParticipantStatus, PlacementStage

ENTITY = "placement"
LABELS = {
    "participant_id": N_("Participant"),
    "job_offer_id": N_("Job offer"),
    "stage": N_("Stage"),
    "on": N_("Date"),
    "reason": N_("Reason for the rejection"),
}
MAX_REASON = 2000

# The way forward, and which steps of it may be left out.
ORDER = (
    PlacementStage.PROPOSED,
    PlacementStage.APPLIED,
    PlacementStage.INTERVIEW,
    PlacementStage.TRIAL_WORK,
    PlacementStage.OFFER,
    PlacementStage.CONTRACT,
)
SKIPPABLE = frozenset({PlacementStage.INTERVIEW, PlacementStage.TRIAL_WORK})
CLOSED = frozenset({PlacementStage.REJECTED, PlacementStage.CONTRACT})
OPEN = tuple(stage for stage in ORDER if stage not in CLOSED)
# Appointments may be entered ahead; the other stages record what has happened.
APPOINTMENTS = frozenset({PlacementStage.INTERVIEW, PlacementStage.TRIAL_WORK})
DATE_COLUMNS = {
    PlacementStage.PROPOSED: "proposed_on",
    PlacementStage.APPLIED: "applied_on",
    PlacementStage.INTERVIEW: "interview_on",
    PlacementStage.TRIAL_WORK: "trial_work_on",
    PlacementStage.OFFER: "decided_on",
    PlacementStage.REJECTED: "decided_on",
    PlacementStage.CONTRACT: "contract_on",
}
ALL_DATE_COLUMNS = tuple(dict.fromkeys(DATE_COLUMNS.values()))


def label(field: str) -> str:
    return _(LABELS[field])


def _quoted(stage: PlacementStage) -> str:
    return _("“{stage}”").format(stage=stage.label)


def transition_problem(current: PlacementStage, target: PlacementStage) -> str | None:
    """Why a placement at ``current`` cannot move to ``target`` (German), or None."""
    if current in CLOSED:
        return _("The placement is closed ({current}); no further stage can follow.").format(
            current=_quoted(current)
        )
    if target == current:
        return _("The placement is at {stage} already.").format(stage=_quoted(target))
    if target == PlacementStage.REJECTED:
        return None
    here, there = ORDER.index(current), ORDER.index(target)
    if there < here:
        return _("{stage} comes before {current}: a placement does not go back.").format(
            stage=_quoted(target), current=_quoted(current)
        )
    missing = [stage for stage in ORDER[here + 1 : there] if stage not in SKIPPABLE]
    if missing:
        return _("{stage} can only follow {needed} (now: {current}).").format(
            stage=_quoted(target), needed=_quoted(missing[-1]), current=_quoted(current)
        )
    return None


def next_stages(current: PlacementStage) -> list[PlacementStage]:
    """The stages a placement at ``current`` may move to, in order (Absage last)."""
    return [
        stage
        for stage in (*ORDER, PlacementStage.REJECTED)
        if transition_problem(current, stage) is None
    ]


def is_open(stage: PlacementStage) -> bool:
    return stage not in CLOSED


def _stage_error(message: str) -> ValidationError:
    return ValidationError([FieldError("stage", label("stage"), message)])


def _latest_date(placement: Placement) -> date | None:
    days = [getattr(placement, name) for name in ALL_DATE_COLUMNS]
    return max((day for day in days if day is not None), default=None)


def _date_problem(
    on: date | None, stage: PlacementStage, today: date, after: Placement | None = None
) -> str | None:
    """Entered, plausible, not in the future (appointments may be), and not before the
    latest stage of ``after`` (the placement as it is)."""
    if on is None:
        return _("Please enter a date.")
    if message := validation.plausible_date(on):
        return message
    if stage not in APPOINTMENTS and (message := validation.not_future(on, today)):
        return message
    if after is None:
        return None
    return validation.not_before(on, _latest_date(after), _quoted(after.stage))


def _add_event(session: Session, placement: Placement, on: date, reason: str = "") -> None:
    assert placement.id is not None
    session.add(
        PlacementEvent(
            placement_id=placement.id,
            stage=placement.stage,
            occurred_on=on,
            reason=reason,
            author=audit.current_actor(),
        )
    )


def _open_placement_of(session: Session, participant_id: int, job_offer_id: int) -> Placement:
    return session.exec(
        select(Placement).where(
            Placement.participant_id == participant_id,
            Placement.job_offer_id == job_offer_id,
            col(Placement.stage).not_in([stage.value for stage in CLOSED]),
        )
    ).first()


def propose_placement(
    uow: UnitOfWork,
    participant_id: int,
    job_offer_id: int,
    on: date | None,
    *,
    today: date | None = None,
) -> Changes:
    """Vorschlagen: the person for the offer, on ``on`` (``created``: the placement's id)."""
    session = uow.session
    errors: list[FieldError] = []
    person = None
    if message := validation.row_id_problem(participant_id):
        errors.append(FieldError("participant_id", label("participant_id"), message))
    elif (person := session.get(Participant, participant_id)) is None:
        message = _("No participant with number {id}.").format(id=participant_id)
        errors.append(FieldError("participant_id", label("participant_id"), message))
    elif person.status == ParticipantStatus.EXITED:
        message = _("{name} has exited; no placement can be proposed any more.").format(
            name=person.full_name
        )
        errors.append(FieldError("participant_id", label("participant_id"), message))
    offer = None
    if message := validation.row_id_problem(job_offer_id):
        errors.append(FieldError("job_offer_id", label("job_offer_id"), message))
    elif (offer := session.get(JobOffer, job_offer_id)) is None:
        message = _("The chosen entry does not exist (any more).")
        errors.append(FieldError("job_offer_id", label("job_offer_id"), message))
    elif offer.status != JobOfferStatus.OPEN:
        message = _("The job offer is not open ({status}).").format(status=offer.status.label)
        errors.append(FieldError("job_offer_id", label("job_offer_id"), message))
    elif person is not None and (
        existing := _open_placement_of(session, participant_id, job_offer_id)
    ):
        message = _("{name} is proposed for this offer already (open, at {stage}).").format(
            name=person.full_name, stage=_quoted(existing.stage)
        )
        errors.append(FieldError("job_offer_id", label("job_offer_id"), message))
    if message := _date_problem(on, PlacementStage.PROPOSED, today or date.today()):
        errors.append(FieldError("on", label("on"), message))
    if errors:
        raise ValidationError(errors)
    assert on is not None
    placement = Placement(
        participant_id=participant_id,
        job_offer_id=job_offer_id,
        stage=PlacementStage.PROPOSED,
        proposed_on=on,
    )
    session.add(placement)
    session.flush()
    _add_event(session, placement, on)
    audit.record(
        session,
        AuditAction.CREATE,
        ENTITY,
        placement.id,
        ["participant_id", "job_offer_id", "stage", "proposed_on"],
    )
    return uow.commit().with_created(placement.id)


def get_placement(session: Session, placement_id: int) -> Placement:
    found = (
        None if validation.row_id_problem(placement_id) else session.get(Placement, placement_id)
    )
    if found is None:
        raise ValidationError([FieldError("id", _("Placement"), _("It no longer exists."))])
    return found


def advance_placement(
    uow: UnitOfWork,
    placement_id: int,
    stage: PlacementStage,
    on: date | None,
    reason: str = "",
    *,
    start: date | None = None,
    probation_end: date | None = None,
    today: date | None = None,
) -> Changes:
    """Move the placement to ``stage`` on ``on``: the stage's date and an event are stored.

    Absage needs ``reason``. Arbeitsvertrag also makes the employment — starting on ``start``
    (default: the contract date), probation until ``probation_end`` (default: start + 6
    months) — and sets the person to "in Beschäftigung mit Nachbetreuung" (unless exited);
    ``created`` is then the employment's id. A step that is not allowed is refused with a
    message naming the stages; nothing is stored.
    """
    session = uow.session
    placement = get_placement(session, placement_id)
    if not isinstance(stage, PlacementStage):
        raise _stage_error(_("Please choose one."))
    if message := transition_problem(placement.stage, stage):
        raise _stage_error(message)
    reason = canonical(reason) if isinstance(reason, str) else reason
    errors: list[FieldError] = []
    if message := _date_problem(on, stage, today or date.today(), placement):
        errors.append(FieldError("on", label("on"), message))
    if message := validation.text_problem(reason, multiline=True, max_length=MAX_REASON):
        errors.append(FieldError("reason", label("reason"), message))
    elif stage == PlacementStage.REJECTED and not reason:
        message = _("Please give the reason for the rejection.")
        errors.append(FieldError("reason", label("reason"), message))
    if stage == PlacementStage.CONTRACT:
        errors += date_errors({"start": start, "probation_end": probation_end})
        if not errors and on is not None:  # the defaults, too: probation not before start
            first_day, probation = contract_dates(on, start, probation_end)
            errors += date_errors({"start": first_day, "probation_end": probation})
    if errors:
        raise ValidationError(errors)
    assert on is not None
    column = DATE_COLUMNS[stage]
    placement.stage = stage
    setattr(placement, column, on)
    changed = ["stage", column]
    if stage == PlacementStage.REJECTED:
        placement.rejection_reason = reason
        changed.append("rejection_reason")
    _add_event(session, placement, on, reason)
    audit.record(session, AuditAction.UPDATE, ENTITY, placement_id, changed)
    if stage != PlacementStage.CONTRACT:
        return uow.commit()
    first_day, probation = contract_dates(on, start, probation_end)
    offer = session.get(JobOffer, placement.job_offer_id) if placement.job_offer_id else None
    employment = add_employment_from_offer(
        uow,
        participant_id=placement.participant_id,
        placement_id=placement_id,
        offer=offer,
        start=first_day,
        probation_end=probation,
    )
    person = participants.get_participant(uow, placement.participant_id)
    if person.status != ParticipantStatus.EXITED:
        participants.apply_update(
            uow, person.id, {"status": ParticipantStatus.EMPLOYED_AFTERCARE}, today=today
        )
    return uow.commit().with_created(employment.id)


def mark_offer_filled(uow: UnitOfWork, job_offer_id: int) -> Changes:
    """Set the offer to "besetzt" (after its last place went to a contract)."""
    offer = (
        None if validation.row_id_problem(job_offer_id) else uow.session.get(JobOffer, job_offer_id)
    )
    if offer is None:
        raise ValidationError(
            [FieldError("job_offer_id", label("job_offer_id"), _("It no longer exists."))]
        )
    if offer.status == JobOfferStatus.FILLED:
        return NOTHING
    offer.status = JobOfferStatus.FILLED
    audit.record(uow.session, AuditAction.UPDATE, "job_offer", job_offer_id, ["status"])
    sync_expiry_follow_up(uow.session, offer)  # a filled offer needs no expiry reminder
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


def offer_places_left(reads: Reads, job_offer_id: int) -> int:
    """The offer's places (Anzahl Stellen) not yet taken by an Arbeitsvertrag (0 at least;
    0 for an offer that does not exist)."""
    found = reads.rows(
        "SELECT j.vacancies - (SELECT count(*) FROM placement p "
        "WHERE p.job_offer_id = j.id AND p.stage = ?) FROM job_offer j WHERE j.id = ?",
        (PlacementStage.CONTRACT.value, job_offer_id),
    )
    return max(0, found[0][0]) if found else 0


class PlacementRow(NamedTuple):
    id: int
    participant_id: int
    participant_name: str
    job_offer_id: int | None
    job_title: str  # "" when the offer was deleted
    employer_id: int | None
    employer_name: str
    offer_status: JobOfferStatus | None
    stage: PlacementStage
    last_date: date | None  # the date of the latest stage
    rejection_reason: str


_PLACEMENT_SQL = f"""
SELECT pl.id, pl.participant_id, trim(p.first_name || ' ' || p.last_name), pl.job_offer_id,
       coalesce(j.title, ''), j.employer_id, coalesce(o.name, ''), j.status, pl.stage,
       pl.rejection_reason, {", ".join(f"pl.{name}" for name in ALL_DATE_COLUMNS)}
FROM placement pl
JOIN {LIST_TABLE} p ON p.id = pl.participant_id
LEFT JOIN job_offer j ON j.id = pl.job_offer_id
LEFT JOIN organization o ON o.id = j.employer_id
"""


def _placement_rows(reads: Reads, where: str, params: tuple) -> list[PlacementRow]:
    rows = []
    for r in reads.rows(f"{_PLACEMENT_SQL} WHERE {where}", params):
        days = [date.fromisoformat(value) for value in r[10:] if value is not None]
        rows.append(
            PlacementRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                None if r[7] is None else JobOfferStatus(r[7]),
                PlacementStage(r[8]),
                max(days, default=None),
                r[9],
            )
        )
    # open ones first, then the latest activity first
    rows.sort(key=lambda row: (row.id,), reverse=True)
    rows.sort(key=lambda row: row.last_date or date.min, reverse=True)
    rows.sort(key=lambda row: not is_open(row.stage))
    return rows


def placements_of_participant(reads: Reads, participant_id: int) -> list[PlacementRow]:
    """The person's placements: open ones first, then by their latest stage date."""
    return _placement_rows(reads, "pl.participant_id = ?", (participant_id,))


def placements_of_offer(reads: Reads, job_offer_id: int) -> list[PlacementRow]:
    """Who was proposed for the offer: open ones first, then by their latest stage date."""
    return _placement_rows(reads, "pl.job_offer_id = ?", (job_offer_id,))


class PlacementEventRow(NamedTuple):
    """One stage change, for the employer's timeline."""

    placement_id: int
    participant_id: int
    participant_name: str
    job_title: str
    stage: PlacementStage
    occurred_on: date
    reason: str


class ParticipantPlacementEvent(NamedTuple):
    """One stage change, for the person's Kontaktverlauf."""

    id: int  # the event
    placement_id: int
    stage: PlacementStage
    occurred_on: date
    reason: str
    job_title: str  # "" when the offer was deleted
    employer_name: str


def placement_events_for_participant(
    reads: Reads, participant_id: int
) -> list[ParticipantPlacementEvent]:
    """The person's stage changes, newest first."""
    result = reads.rows(
        """
        SELECT ev.id, ev.placement_id, ev.stage, ev.occurred_on, ev.reason,
               coalesce(j.title, ''), coalesce(o.name, '')
        FROM placement_event ev
        JOIN placement pl ON pl.id = ev.placement_id
        LEFT JOIN job_offer j ON j.id = pl.job_offer_id
        LEFT JOIN organization o ON o.id = j.employer_id
        WHERE pl.participant_id = ?
        ORDER BY ev.occurred_on DESC, ev.id DESC
        """,
        (participant_id,),
    )
    return [
        ParticipantPlacementEvent(
            r[0], r[1], PlacementStage(r[2]), date.fromisoformat(r[3]), r[4], r[5], r[6]
        )
        for r in result
    ]


def placement_events_for_organization(
    reads: Reads, organization_id: int
) -> list[PlacementEventRow]:
    """The stage changes of placements for the organisation's job offers, newest first."""
    result = reads.rows(
        f"""
        SELECT ev.placement_id, pl.participant_id, trim(p.first_name || ' ' || p.last_name),
               j.title, ev.stage, ev.occurred_on, ev.reason
        FROM placement_event ev
        JOIN placement pl ON pl.id = ev.placement_id
        JOIN job_offer j ON j.id = pl.job_offer_id
        JOIN {LIST_TABLE} p ON p.id = pl.participant_id
        WHERE j.employer_id = ?
        ORDER BY ev.occurred_on DESC, ev.id DESC
        """,
        (organization_id,),
    )
    return [
        PlacementEventRow(
            r[0], r[1], r[2], r[3], PlacementStage(r[4]), date.fromisoformat(r[5]), r[6]
        )
        for r in result
    ]


class OfferChoice(NamedTuple):
    """An open offer someone can be proposed for."""

    id: int
    title: str
    employer_name: str
    location: str
    places_left: int


def offers_to_propose(reads: Reads, participant_id: int) -> list[OfferChoice]:
    """The open offers, without those the person has an open placement for; by title."""
    closed = ", ".join(f"'{stage.value}'" for stage in sorted(CLOSED))
    result = reads.rows(
        f"""
        SELECT j.id, j.title, coalesce(o.name, ''), j.location,
               j.vacancies - (SELECT count(*) FROM placement c
                               WHERE c.job_offer_id = j.id AND c.stage = :contract)
        FROM job_offer j
        LEFT JOIN organization o ON o.id = j.employer_id
        WHERE j.status = :open
          AND NOT EXISTS (SELECT 1 FROM placement p
                           WHERE p.job_offer_id = j.id AND p.participant_id = :pid
                             AND p.stage NOT IN ({closed}))
        ORDER BY j.title COLLATE NOCASE, o.name COLLATE NOCASE, j.id
        """,
        {
            "open": JobOfferStatus.OPEN.value,
            "contract": PlacementStage.CONTRACT.value,
            "pid": participant_id,
        },
    )
    return [OfferChoice(r[0], r[1], r[2], r[3], max(0, r[4])) for r in result]
