"""Vermittlungsvorschläge: proposing, every allowed step and every refused one, the events,
the Arbeitsvertrag with its employment, the places left of an offer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.bootstrap import Lotse
from app.db.changes import NOTHING
from app.errors import ValidationError
from app.models.jobs import Employment, JobOffer, Placement, PlacementEvent
from app.models.organization import Organization
from app.services.employments import employments_of
from app.services.participants import ExitData, exit_participant, get_participant
from app.services.placements import (
    ORDER,
    advance_placement,
    mark_offer_filled,
    next_stages,
    offer_places_left,
    placement_events_for_organization,
    placement_events_for_participant,
    placements_of_offer,
    placements_of_participant,
    propose_placement,
)
from app.vocab import (
    EmploymentKind,
    ExitReason,
    JobOfferStatus,
    ParticipantStatus,
    PlacementStage,
)
from tests.services.helpers import add_person, run

S = PlacementStage
TODAY = date(2026, 11, 25)
PROPOSED_ON = date(2026, 11, 2)
# The date each stage is reached on when a test walks a placement there.
STAGE_DAYS = {
    S.PROPOSED: PROPOSED_ON,
    S.APPLIED: date(2026, 11, 4),
    S.INTERVIEW: date(2026, 11, 10),
    S.TRIAL_WORK: date(2026, 11, 12),
    S.OFFER: date(2026, 11, 16),
    S.REJECTED: date(2026, 11, 18),
    S.CONTRACT: date(2026, 11, 20),
}
# The way to each stage (from vorgeschlagen).
PATHS = {
    S.PROPOSED: (),
    S.APPLIED: (S.APPLIED,),
    S.INTERVIEW: (S.APPLIED, S.INTERVIEW),
    S.TRIAL_WORK: (S.APPLIED, S.INTERVIEW, S.TRIAL_WORK),
    S.OFFER: (S.APPLIED, S.INTERVIEW, S.TRIAL_WORK, S.OFFER),
    S.REJECTED: (S.REJECTED,),
    S.CONTRACT: (S.APPLIED, S.OFFER, S.CONTRACT),
}
# Every allowed step, written out by hand.
ALLOWED = {
    S.PROPOSED: [S.APPLIED, S.REJECTED],
    S.APPLIED: [S.INTERVIEW, S.TRIAL_WORK, S.OFFER, S.REJECTED],
    S.INTERVIEW: [S.TRIAL_WORK, S.OFFER, S.REJECTED],
    S.TRIAL_WORK: [S.OFFER, S.REJECTED],
    S.OFFER: [S.CONTRACT, S.REJECTED],
    S.REJECTED: [],
    S.CONTRACT: [],
}
COLUMNS = {
    S.PROPOSED: "proposed_on",
    S.APPLIED: "applied_on",
    S.INTERVIEW: "interview_on",
    S.TRIAL_WORK: "trial_work_on",
    S.OFFER: "decided_on",
    S.REJECTED: "decided_on",
    S.CONTRACT: "contract_on",
}
REFUSED = [(here, there) for here in S for there in S if there not in ALLOWED[here]]


def make_offer(
    lotse: Lotse,
    title: str = "Pflegehelfer:in",
    employer: str = "Pflegedienst Sonnenschein",
    **values,
) -> tuple[int, int]:
    """A job offer of a new employer: (offer id, employer id)."""
    values = {
        "occupation": "Pflegehelfer:in",
        "hours_per_week": 30.0,
        "social_insurance": True,
        **values,
    }
    with lotse.unit_of_work() as uow:
        organization = Organization(name=employer)
        uow.session.add(organization)
        uow.session.flush()
        offer = JobOffer(title=title, employer_id=organization.id, **values)
        uow.session.add(offer)
        uow.session.flush()
        ids = (offer.id, organization.id)
        uow.commit()
    assert ids[0] is not None and ids[1] is not None
    return ids  # type: ignore[return-value]


def propose(lotse: Lotse, pid: int, offer_id: int, on: date = PROPOSED_ON) -> int:
    changes = run(lotse, propose_placement, pid, offer_id, on, today=TODAY)
    assert changes.created is not None
    return changes.created


def advance(lotse: Lotse, placement_id: int, stage: PlacementStage, **kw):
    kw.setdefault("today", TODAY)
    if stage == S.REJECTED:
        kw.setdefault("reason", "Deutschkenntnisse reichen noch nicht")
    on = kw.pop("on", STAGE_DAYS[stage])
    return run(lotse, advance_placement, placement_id, stage, on, **kw)


def walk(lotse: Lotse, placement_id: int, stage: PlacementStage) -> None:
    for step in PATHS[stage]:
        advance(lotse, placement_id, step)


def stored(lotse: Lotse, placement_id: int) -> tuple[Placement, list[PlacementEvent]]:
    with lotse.reading() as uow:
        placement = uow.session.get(Placement, placement_id)
        events = uow.session.exec(
            select(PlacementEvent)
            .where(PlacementEvent.placement_id == placement_id)
            .order_by(PlacementEvent.id)  # type: ignore[arg-type]
        ).all()
        uow.session.expunge_all()
    assert placement is not None
    return placement, list(events)


@pytest.fixture
def case(lotse) -> tuple[Lotse, int, int, int]:
    """A person and a new proposal: (lotse, person, offer, placement)."""
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    return lotse, pid, offer_id, propose(lotse, pid, offer_id)


def test_a_proposal_stores_the_stage_its_date_and_an_event(lotse):
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    changes = run(lotse, propose_placement, pid, offer_id, PROPOSED_ON, today=TODAY)
    placement, events = stored(lotse, changes.created)
    assert (changes.placements, changes.cases) == ({changes.created}, {pid})
    assert (placement.stage, placement.proposed_on) == (S.PROPOSED, PROPOSED_ON)
    assert [(e.stage, e.occurred_on) for e in events] == [(S.PROPOSED, PROPOSED_ON)]
    assert events[0].author  # the login name


def test_the_allowed_steps_are_the_ones_written_out():
    assert {stage: next_stages(stage) for stage in S} == ALLOWED
    assert ORDER[-1] == S.CONTRACT


@pytest.mark.parametrize(
    ("here", "there"),
    [(here, there) for here, targets in ALLOWED.items() for there in targets],
    ids=str,
)
def test_each_allowed_step_writes_its_date_and_an_event(case, here, there):
    lotse, pid, _offer, placement_id = case
    walk(lotse, placement_id, here)
    _before, events_before = stored(lotse, placement_id)
    changes = advance(lotse, placement_id, there)
    placement, events = stored(lotse, placement_id)
    assert placement.stage == there
    assert getattr(placement, COLUMNS[there]) == STAGE_DAYS[there]
    assert len(events) == len(events_before) + 1
    assert (events[-1].stage, events[-1].occurred_on) == (there, STAGE_DAYS[there])
    assert placement_id in changes.placements and pid in changes.cases
    if there == S.REJECTED:
        assert placement.rejection_reason == "Deutschkenntnisse reichen noch nicht"
        assert events[-1].reason == placement.rejection_reason


@pytest.mark.parametrize(("here", "there"), REFUSED, ids=str)
def test_each_refused_step_names_the_stage_and_stores_nothing(case, here, there):
    lotse, _pid, _offer, placement_id = case
    walk(lotse, placement_id, here)
    before = stored(lotse, placement_id)
    employments = len(employments_of(lotse.reads, _pid))
    with pytest.raises(ValidationError) as raised:
        advance(lotse, placement_id, there, start=None)
    [error] = raised.value.errors
    assert (error.field, error.label) == ("stage", "Stufe")
    assert f"„{there.label}“" in error.message or f"„{here.label}“" in error.message
    assert f"„{here.label}“" in error.message
    assert stored(lotse, placement_id) == before
    assert len(employments_of(lotse.reads, _pid)) == employments


@pytest.mark.parametrize(
    ("here", "there", "message"),
    [
        (S.APPLIED, S.PROPOSED, "„vorgeschlagen“ liegt vor „beworben“"),
        (S.PROPOSED, S.INTERVIEW, "„Vorstellungsgespräch“ ist erst nach „beworben“ möglich"),
        (S.APPLIED, S.CONTRACT, "„Arbeitsvertrag“ ist erst nach „Zusage“ möglich"),
        (S.PROPOSED, S.CONTRACT, "„Arbeitsvertrag“ ist erst nach „Zusage“ möglich"),
        (S.INTERVIEW, S.INTERVIEW, "steht bereits auf „Vorstellungsgespräch“"),
        (S.REJECTED, S.APPLIED, "ist abgeschlossen („Absage“)"),
        (S.CONTRACT, S.REJECTED, "ist abgeschlossen („Arbeitsvertrag“)"),
    ],
)
def test_refusals_say_what_is_wrong_in_german(case, here, there, message):
    lotse, _pid, _offer, placement_id = case
    walk(lotse, placement_id, here)
    with pytest.raises(ValidationError) as raised:
        advance(lotse, placement_id, there)
    assert message in raised.value.errors[0].message


def test_a_rejection_needs_its_reason(case):
    lotse, _pid, _offer, placement_id = case
    before = stored(lotse, placement_id)
    with pytest.raises(ValidationError) as raised:
        advance(lotse, placement_id, S.REJECTED, reason="  ")
    assert [(e.field, e.label) for e in raised.value.errors] == [("reason", "Grund der Absage")]
    assert stored(lotse, placement_id) == before


def test_dates_must_follow_the_last_stage_and_lie_in_the_past_except_appointments(case):
    lotse, _pid, _offer, placement_id = case
    advance(lotse, placement_id, S.APPLIED)
    with pytest.raises(ValidationError) as raised:
        advance(lotse, placement_id, S.OFFER, on=date(2026, 11, 3))
    [error] = raised.value.errors
    assert error.field == "on"
    assert "„beworben“ (04.11.2026)" in error.message
    with pytest.raises(ValidationError) as raised:
        advance(lotse, placement_id, S.OFFER, on=date(2026, 11, 26))
    assert "Zukunft" in raised.value.errors[0].message
    with pytest.raises(ValidationError):
        advance(lotse, placement_id, S.OFFER, on=None)
    advance(lotse, placement_id, S.INTERVIEW, on=date(2026, 12, 3))  # an appointment ahead
    assert stored(lotse, placement_id)[0].interview_on == date(2026, 12, 3)


def test_one_open_proposal_per_person_and_offer(case):
    lotse, pid, offer_id, placement_id = case
    with pytest.raises(ValidationError) as raised:
        run(lotse, propose_placement, pid, offer_id, TODAY, today=TODAY)
    [error] = raised.value.errors
    assert error.field == "job_offer_id"
    assert "Ayşe Şahin" in error.message and "„vorgeschlagen“" in error.message
    advance(lotse, placement_id, S.REJECTED)
    again = propose(lotse, pid, offer_id, TODAY)  # after the Absage: a new try
    assert again != placement_id
    other = add_person(lotse, "Nowak", "Łukasz")
    propose(lotse, other, offer_id)  # someone else for the same offer: fine


def test_proposals_are_refused_for_closed_offers_exited_people_and_unknown_ids(lotse):
    pid = add_person(lotse, "Haddad", "Omar", entry_date=date(2026, 3, 2))
    offer_id, _employer = make_offer(lotse, status=JobOfferStatus.WITHDRAWN)
    with pytest.raises(ValidationError) as raised:
        run(lotse, propose_placement, pid, offer_id, TODAY, today=TODAY)
    assert "nicht offen (zurückgezogen)" in raised.value.errors[0].message
    open_offer, _employer = make_offer(lotse, employer="Bäckerei Müller")
    run(
        lotse,
        exit_participant,
        pid,
        ExitData(exit_date=date(2026, 11, 1), reason=ExitReason.GOAL_REACHED, outcome=None),
    )
    with pytest.raises(ValidationError) as raised:
        run(lotse, propose_placement, pid, open_offer, TODAY, today=TODAY)
    assert [e.field for e in raised.value.errors] == ["participant_id"]
    assert "ausgetreten" in raised.value.errors[0].message
    with pytest.raises(ValidationError) as raised:
        run(lotse, propose_placement, 9999, 8888, None, today=TODAY)
    assert [e.field for e in raised.value.errors] == ["participant_id", "job_offer_id", "on"]
    with lotse.reading() as uow:
        assert uow.session.exec(select(Placement)).all() == []


def test_the_contract_makes_the_employment_and_sets_aftercare(case):
    lotse, pid, offer_id, placement_id = case
    with lotse.unit_of_work() as uow:
        offer = uow.session.get(JobOffer, offer_id)
        offer.fixed_term_until = date(2027, 11, 30)
        uow.commit()
    walk(lotse, placement_id, S.OFFER)
    changes = advance(lotse, placement_id, S.CONTRACT, start=date(2026, 12, 1))
    [employment] = employments_of(lotse.reads, pid)
    assert changes.created == employment.id
    assert changes.employments == {employment.id} and pid in changes.participants
    assert employment.placement_id == placement_id
    assert employment.employer_name == "Pflegedienst Sonnenschein"
    assert (employment.occupation, employment.hours_per_week) == ("Pflegehelfer:in", 30.0)
    assert employment.social_insurance is True and employment.kind == EmploymentKind.REGULAR
    assert employment.start == date(2026, 12, 1)
    assert employment.probation_end == date(2027, 6, 1)  # start + 6 months
    assert employment.fixed_term_until == date(2027, 11, 30)
    assert employment.aftercare_until == date(2027, 6, 1)
    with lotse.reading() as uow:
        assert get_participant(uow, pid).status == ParticipantStatus.EMPLOYED_AFTERCARE
    placement, events = stored(lotse, placement_id)
    assert (placement.stage, placement.contract_on) == (S.CONTRACT, STAGE_DAYS[S.CONTRACT])
    assert [e.stage for e in events] == [S.PROPOSED, *PATHS[S.OFFER], S.CONTRACT]


def test_the_contract_starts_on_its_day_unless_told_and_checks_the_probation(case):
    lotse, pid, _offer, placement_id = case
    walk(lotse, placement_id, S.OFFER)
    with pytest.raises(ValidationError) as raised:
        advance(lotse, placement_id, S.CONTRACT, probation_end=date(2026, 11, 1))
    assert [e.field for e in raised.value.errors] == ["probation_end"]
    assert employments_of(lotse.reads, pid) == []
    assert stored(lotse, placement_id)[0].stage == S.OFFER
    advance(lotse, placement_id, S.CONTRACT, probation_end=date(2027, 2, 20))
    [employment] = employments_of(lotse.reads, pid)
    assert (employment.start, employment.probation_end) == (
        STAGE_DAYS[S.CONTRACT],
        date(2027, 2, 20),
    )


def test_places_left_and_marking_the_offer_filled(lotse):
    offer_id, _employer = make_offer(lotse, vacancies=2)
    assert offer_places_left(lotse.reads, offer_id) == 2
    people = [add_person(lotse, name) for name in ("Ahmadi", "Karimi", "Popal")]
    placements = [propose(lotse, pid, offer_id) for pid in people]
    walk(lotse, placements[2], S.REJECTED)
    assert offer_places_left(lotse.reads, offer_id) == 2  # proposals take no place
    walk(lotse, placements[0], S.CONTRACT)
    assert offer_places_left(lotse.reads, offer_id) == 1
    walk(lotse, placements[1], S.CONTRACT)
    assert offer_places_left(lotse.reads, offer_id) == 0
    assert offer_places_left(lotse.reads, 9999) == 0

    changes = run(lotse, mark_offer_filled, offer_id)
    assert changes.job_offers == {offer_id}
    with lotse.reading() as uow:
        assert uow.session.get(JobOffer, offer_id).status == JobOfferStatus.FILLED
    assert run(lotse, mark_offer_filled, offer_id) == NOTHING
    with pytest.raises(ValidationError):
        run(lotse, mark_offer_filled, 9999)
    with pytest.raises(ValidationError) as raised:  # a filled offer takes no more proposals
        run(lotse, propose_placement, add_person(lotse, "Hailu"), offer_id, TODAY, today=TODAY)
    assert "besetzt" in raised.value.errors[0].message


def test_lists_of_a_person_and_of_an_offer(lotse):
    pid = add_person(lotse, "Şahin", "Ayşe")
    care, _care_employer = make_offer(lotse)
    bakery, _bakery_employer = make_offer(lotse, "Bäckereifachverkäufer:in", "Bäckerei Müller")
    first = propose(lotse, pid, care)
    walk(lotse, first, S.REJECTED)
    second = propose(lotse, pid, bakery, date(2026, 11, 5))
    advance(lotse, second, S.APPLIED, on=date(2026, 11, 6))
    rows = placements_of_participant(lotse.reads, pid)
    assert [(r.id, r.stage, r.last_date) for r in rows] == [
        (second, S.APPLIED, date(2026, 11, 6)),  # open ones first
        (first, S.REJECTED, STAGE_DAYS[S.REJECTED]),
    ]
    assert (rows[0].job_title, rows[0].employer_name) == (
        "Bäckereifachverkäufer:in",
        "Bäckerei Müller",
    )
    assert rows[1].rejection_reason == "Deutschkenntnisse reichen noch nicht"
    assert rows[0].offer_status == JobOfferStatus.OPEN
    assert [r.participant_name for r in placements_of_offer(lotse.reads, care)] == ["Ayşe Şahin"]


def test_events_for_the_person_and_for_the_employer(lotse):
    pid = add_person(lotse, "Şahin", "Ayşe")
    other = add_person(lotse, "Nowak", "Łukasz")
    care, care_employer = make_offer(lotse)
    bakery, bakery_employer = make_offer(lotse, "Verkäufer:in", "Bäckerei Müller")
    first = propose(lotse, pid, care)
    advance(lotse, first, S.APPLIED)
    second = propose(lotse, other, bakery)
    advance(lotse, second, S.REJECTED, reason="Stelle anders besetzt")

    events = placement_events_for_organization(lotse.reads, care_employer)
    assert [(e.participant_name, e.job_title, e.stage, e.occurred_on) for e in events] == [
        ("Ayşe Şahin", "Pflegehelfer:in", S.APPLIED, STAGE_DAYS[S.APPLIED]),
        ("Ayşe Şahin", "Pflegehelfer:in", S.PROPOSED, PROPOSED_ON),
    ]
    assert {e.placement_id for e in events} == {first} and events[0].participant_id == pid
    [rejected, proposed] = placement_events_for_organization(lotse.reads, bakery_employer)
    assert (rejected.stage, rejected.reason) == (S.REJECTED, "Stelle anders besetzt")
    assert rejected._fields == (
        "placement_id",
        "participant_id",
        "participant_name",
        "job_title",
        "stage",
        "occurred_on",
        "reason",
    )

    mine = placement_events_for_participant(lotse.reads, pid)
    assert [(e.stage, e.job_title, e.employer_name) for e in mine] == [
        (S.APPLIED, "Pflegehelfer:in", "Pflegedienst Sonnenschein"),
        (S.PROPOSED, "Pflegehelfer:in", "Pflegedienst Sonnenschein"),
    ]


def test_a_deleted_offer_keeps_the_history(case):
    lotse, pid, offer_id, placement_id = case
    advance(lotse, placement_id, S.APPLIED)
    with lotse.unit_of_work() as uow:
        uow.session.delete(uow.session.get(JobOffer, offer_id))
        uow.commit()
    [row] = placements_of_participant(lotse.reads, pid)
    assert (row.job_offer_id, row.job_title, row.stage) == (None, "", S.APPLIED)
    assert len(placement_events_for_participant(lotse.reads, pid)) == 2
    advance(lotse, placement_id, S.OFFER)  # it can still be followed through
    advance(lotse, placement_id, S.CONTRACT)
    [employment] = employments_of(lotse.reads, pid)
    assert (employment.employer_id, employment.occupation) == (None, "")
    with lotse.reading() as uow:
        assert len(uow.session.exec(select(Employment)).all()) == 1
