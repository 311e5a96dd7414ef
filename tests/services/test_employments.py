"""Employments: editing, ending, the probation and aftercare follow-ups, the list of
employments at risk, and the two aftercare settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select

from app.bootstrap import Lotse
from app.db.changes import NOTHING
from app.errors import ValidationError
from app.models.contacts import FollowUp
from app.models.jobs import Employment
from app.models.office_settings import OfficeSettings, decode, encode, label, validation_errors
from app.models.organization import Organization
from app.services.contact_notes import NoteInput, add_note
from app.services.employments import (
    EmploymentInput,
    employments_at_risk,
    employments_of,
    end_employment,
    update_employment,
)
from app.services.follow_ups import CHECK_IN_KIND, next_check_in, set_done
from app.services.participants import ExitData, exit_participant
from app.services.settings import load_settings, save_settings
from app.vocab import ContactKind, EmploymentEndReason, EmploymentKind, ExitReason, FollowUpKind
from tests.conftest import EXAMPLE_SETTINGS
from tests.services.helpers import add_person, run
from tests.services.test_placements import S, advance, make_offer, propose, walk

START = date(2026, 12, 1)


def employed(lotse: Lotse, start: date = START, **contract) -> tuple[int, int]:
    """A person with an Arbeitsvertrag for a new offer: (person, employment)."""
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    placement_id = propose(lotse, pid, offer_id)
    walk(lotse, placement_id, S.OFFER)
    changes = advance(lotse, placement_id, S.CONTRACT, start=start, **contract)
    assert changes.created is not None
    return pid, changes.created


def generated(lotse: Lotse, employment_id: int) -> set[tuple[str, date, bool]]:
    """The employment's generated follow-ups: (key without the employment, due, done)."""
    marker = f":employment:{employment_id}:"
    with lotse.reading() as uow:
        rows = uow.session.exec(select(FollowUp)).all()
        return {
            (f.generated_key.replace(marker, ":"), f.due_date, f.done_at is not None)
            for f in rows
            if f.generated_key and marker in f.generated_key
        }


def follow_up_id(lotse: Lotse, key_start: str) -> int:
    """The open generated follow-up whose key starts so."""
    with lotse.reading() as uow:
        found = uow.session.exec(select(FollowUp)).all()
        return next(
            f.id
            for f in found
            if (f.generated_key or "").startswith(key_start) and f.done_at is None
        )


def edited(lotse: Lotse, employment_id: int, **values) -> EmploymentInput:
    """The employment as its dialog would send it, with ``values`` changed."""
    with lotse.reading() as uow:
        employment = uow.session.get(Employment, employment_id)
        pid = employment.participant_id
    [current] = [r for r in employments_of(lotse.reads, pid) if r.id == employment_id]
    return replace(current.as_input(), **values)


def test_the_contract_brings_the_probation_reminder_and_the_first_check_in(lotse):
    _pid, employment_id = employed(lotse)
    assert generated(lotse, employment_id) == {
        ("probation_end:2027-06-01", date(2027, 5, 25), False),  # a week before
        ("check_in:2026-12-29", date(2026, 12, 29), False),  # start + 4 weeks
    }
    with lotse.reading() as uow:
        kinds = {f.kind for f in uow.session.exec(select(FollowUp)).all()}
    assert kinds == {FollowUpKind.PROBATION_END, CHECK_IN_KIND}


def test_the_reminders_move_when_the_dates_change_and_done_ones_stay(lotse):
    _pid, employment_id = employed(lotse)
    run(lotse, set_done, follow_up_id(lotse, "probation_end:"))
    changes = run(
        lotse,
        update_employment,
        employment_id,
        edited(lotse, employment_id, start=date(2026, 12, 15), probation_end=date(2027, 3, 14)),
    )
    assert changes.employments == {employment_id} and changes.follow_ups
    assert generated(lotse, employment_id) == {
        ("probation_end:2027-06-01", date(2027, 5, 25), True),  # history
        ("probation_end:2027-03-14", date(2027, 3, 7), False),
        ("check_in:2027-01-12", date(2027, 1, 12), False),  # the series from the new start
    }
    unchanged = edited(lotse, employment_id)
    assert run(lotse, update_employment, employment_id, unchanged) == NOTHING
    run(lotse, update_employment, employment_id, replace(unchanged, probation_end=None))
    assert ("probation_end:2027-03-14", date(2027, 3, 7), False) not in generated(
        lotse, employment_id
    )


def test_a_check_in_done_brings_the_next_one_up_to_the_end_of_aftercare(lotse):
    start = date.today() - timedelta(weeks=10)  # check-ins due 6 and 2 weeks ago, then ahead
    _pid, employment_id = employed(lotse, start)
    run(
        lotse,
        update_employment,
        employment_id,
        edited(lotse, employment_id, aftercare_until=start + timedelta(weeks=20)),
    )
    first = start + timedelta(weeks=4)
    assert ("check_in:" + first.isoformat(), first, False) in generated(lotse, employment_id)
    # done today, late: the series goes on from the next regular day after today
    changes = run(lotse, set_done, follow_up_id(lotse, "check_in:"))
    assert len(changes.follow_ups) == 2  # the done one and the next
    next_day = start + timedelta(weeks=12)
    check_ins = {item for item in generated(lotse, employment_id) if item[0].startswith("check")}
    assert check_ins == {
        ("check_in:" + first.isoformat(), first, True),
        ("check_in:" + next_day.isoformat(), next_day, False),
    }
    for _round in range(3):
        run(lotse, set_done, follow_up_id(lotse, "check_in:"))
    check_ins = sorted(i for i in generated(lotse, employment_id) if i[0].startswith("check"))
    assert [due for _key, due, _done in check_ins] == [
        start + timedelta(weeks=weeks) for weeks in (4, 12, 16, 20)
    ]
    assert all(done for _key, _due, done in check_ins)  # week 24 is after the aftercare


def test_next_check_in_counts_from_the_start():
    start = date(2026, 1, 5)
    assert next_check_in(start, 4, None, None) == date(2026, 2, 2)
    assert next_check_in(start, 4, None, date(2026, 2, 2)) == date(2026, 3, 2)
    assert next_check_in(start, 4, None, date(2026, 2, 20)) == date(2026, 3, 2)
    assert next_check_in(start, 2, None, date(2026, 3, 2)) == date(2026, 3, 16)
    assert next_check_in(start, 4, date(2026, 3, 1), date(2026, 2, 2)) is None
    assert next_check_in(start, 4, date(2026, 3, 2), date(2026, 2, 2)) == date(2026, 3, 2)


def test_ending_removes_the_open_reminders_and_keeps_the_done_ones(lotse):
    _pid, employment_id = employed(lotse, date(2026, 10, 1))
    run(lotse, set_done, follow_up_id(lotse, "check_in:"))
    before = generated(lotse, employment_id)
    assert sum(not done for _key, _due, done in before) == 2  # probation, next check-in
    changes = run(
        lotse,
        end_employment,
        employment_id,
        date(2026, 11, 30),
        EmploymentEndReason.EMPLOYER_PROBATION,
        today=date(2026, 12, 1),
    )
    assert changes.employments == {employment_id}
    assert generated(lotse, employment_id) == {item for item in before if item[2]}
    [row] = employments_of(lotse.reads, _pid)
    assert (row.end, row.end_reason, row.running) == (
        date(2026, 11, 30),
        EmploymentEndReason.EMPLOYER_PROBATION,
        False,
    )


def test_ending_needs_a_day_and_a_reason(lotse):
    pid, employment_id = employed(lotse, date(2026, 10, 1))
    cases = [
        ((None, None), ["end", "end_reason"]),
        ((date(2026, 11, 30), None), ["end_reason"]),
        ((date(2026, 9, 30), EmploymentEndReason.OTHER), ["end"]),  # before the start
        ((date(2026, 12, 2), EmploymentEndReason.OTHER), ["end"]),  # in the future
    ]
    for (end, reason), wrong in cases:
        with pytest.raises(ValidationError) as raised:
            run(lotse, end_employment, employment_id, end, reason, today=date(2026, 12, 1))
        assert [e.field for e in raised.value.errors] == wrong
    assert [e.label for e in raised.value.errors] == ["Ende"]
    with pytest.raises(ValidationError) as raised:
        run(lotse, end_employment, employment_id, date(2026, 11, 30), None)
    assert raised.value.errors[0].message == "Bitte geben Sie den Beendigungsgrund an."
    assert employments_of(lotse.reads, pid)[0].end is None


def test_editing_checks_every_field_and_stores_nothing_on_error(lotse):
    pid, employment_id = employed(lotse)
    bad = edited(
        lotse,
        employment_id,
        kind=None,
        probation_end=date(2026, 11, 1),
        aftercare_until=date(2026, 11, 2),
        hours_per_week=75.0,
        subsidy="x" * 151,
    )
    with pytest.raises(ValidationError) as raised:
        run(lotse, update_employment, employment_id, bad)
    assert [(e.field, e.label) for e in raised.value.errors] == [
        ("kind", "Art der Beschäftigung"),
        ("probation_end", "Probezeit bis"),
        ("aftercare_until", "Nachbetreuung bis"),
        ("hours_per_week", "Stunden pro Woche"),
        ("subsidy", "Förderung (z. B. Eingliederungszuschuss)"),
    ]
    assert "Beginn" in raised.value.errors[1].message
    with pytest.raises(ValidationError) as raised:
        run(lotse, update_employment, employment_id, edited(lotse, employment_id, start=None))
    assert [e.field for e in raised.value.errors] == ["start"]
    with pytest.raises(ValidationError):
        run(lotse, update_employment, 9999, edited(lotse, employment_id))
    good = edited(
        lotse,
        employment_id,
        kind=EmploymentKind.AGENCY_WORK,
        subsidy=" Eingliederungszuschuss ",
        hours_per_week=19.5,
        notes="Fahrgemeinschaft mit Kollegin",
    )
    run(lotse, update_employment, employment_id, good)
    [row] = employments_of(lotse.reads, pid)
    assert (row.kind, row.subsidy, row.hours_per_week) == (
        EmploymentKind.AGENCY_WORK,
        "Eingliederungszuschuss",
        19.5,
    )


def test_an_ended_employment_cannot_start_after_its_end(lotse):
    _pid, employment_id = employed(lotse, date(2026, 10, 1))
    run(
        lotse,
        end_employment,
        employment_id,
        date(2026, 11, 2),
        EmploymentEndReason.EMPLOYEE_NOTICE,
        today=date(2026, 12, 1),
    )
    with pytest.raises(ValidationError) as raised:
        run(
            lotse,
            update_employment,
            employment_id,
            edited(lotse, employment_id, start=date(2026, 11, 3)),
        )
    assert (
        raised.value.errors[0].message == "Der Beginn darf nicht nach dem Ende (02.11.2026) liegen."
    )
    assert generated(lotse, employment_id) == set()  # an ended one gets no new reminders


# -- at risk ---------------------------------------------------------------------------------


def note_on(lotse: Lotse, pid: int, day: date) -> None:
    moment = datetime.combine(day, time(10, 0)).astimezone().astimezone(UTC)
    run(lotse, add_note, pid, NoteInput(moment, ContactKind.PHONE, "Nachgefragt"))


def add_employment(lotse: Lotse, pid: int, employer: str, **values) -> int:
    with lotse.unit_of_work() as uow:
        organization = Organization(name=employer)
        uow.session.add(organization)
        uow.session.flush()
        employment = Employment(participant_id=pid, employer_id=organization.id, **values)
        uow.session.add(employment)
        uow.session.flush()
        employment_id = employment.id
        uow.commit()
    assert employment_id is not None
    return employment_id


def test_the_employments_at_risk_counted_by_hand(lotse):
    today = date.today()
    ago = today - timedelta(weeks=30)
    people = {}
    for name, employment, notes in (
        ("Ahmadi", {"start": ago}, []),  # 1: no note at all
        ("Bakr", {"start": ago}, [5]),  # 2: a note 5 days ago: fine
        ("Cheng", {"start": ago}, [50, 43]),  # 3: latest 43 days ago (> 6 weeks)
        ("Diallo", {"start": ago}, [42]),  # 4: exactly 6 weeks ago: still fine
        ("Eze", {"start": ago, "probation_end": today + timedelta(days=20)}, [3]),  # 5
        ("Faizi", {"start": ago, "probation_end": today + timedelta(days=29)}, [3]),  # 6 fine
        ("Ghani", {"start": ago, "end": today - timedelta(days=3)}, []),  # 7: ended
        ("Haidari", {"start": today + timedelta(days=10)}, []),  # 8: not started yet
        ("Idris", {"start": ago, "aftercare_until": today - timedelta(days=1)}, []),  # 9
        ("Jalali", {"start": ago, "probation_end": today}, []),  # 10: both reasons
        ("Karimi", {"start": None}, []),  # 11: no start known: running
    ):
        pid = add_person(lotse, name, entry_date=today - timedelta(weeks=40))
        for days in notes:
            note_on(lotse, pid, today - timedelta(days=days))
        people[name] = (pid, add_employment(lotse, pid, f"Firma {name}", **employment))
    exited = add_person(lotse, "Lutfi", entry_date=today - timedelta(weeks=40))
    add_employment(lotse, exited, "Firma Lutfi", start=ago)
    run(
        lotse,
        exit_participant,
        exited,
        ExitData(exit_date=today, reason=ExitReason.GOAL_REACHED, outcome=None),
    )

    rows = employments_at_risk(lotse.reads, today, 6)
    day = (today - timedelta(days=43)).strftime("%d.%m.%Y")
    assert [(r.participant_name, r.employer_name, r.reason) for r in rows] == [
        (
            "Jalali",
            "Firma Jalali",
            f"Probezeit endet am {today:%d.%m.%Y}; noch keine Kontaktnotiz",
        ),
        ("Eze", "Firma Eze", f"Probezeit endet am {today + timedelta(days=20):%d.%m.%Y}"),
        ("Ahmadi", "Firma Ahmadi", "Noch keine Kontaktnotiz"),
        ("Karimi", "Firma Karimi", "Noch keine Kontaktnotiz"),
        ("Cheng", "Firma Cheng", f"Kein Kontakt seit {day}"),
    ]
    assert rows[-1].last_contact == today - timedelta(days=43)
    assert {r.id for r in rows} == {
        people[n][1] for n in ("Jalali", "Eze", "Ahmadi", "Karimi", "Cheng")
    }
    assert rows[0].participant_id == people["Jalali"][0]
    # a longer patience: Cheng is no longer listed; a shorter one adds Diallo, not Bakr
    assert "Cheng" not in {r.participant_name for r in employments_at_risk(lotse.reads, today, 7)}
    shorter = {r.participant_name for r in employments_at_risk(lotse.reads, today, 1)}
    assert "Diallo" in shorter and not {"Bakr", "Faizi"} & shorter  # 5 and 3 days ago


# -- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["check_in_weeks", "risk_weeks"])
def test_the_aftercare_settings_default_store_and_range(name):
    default = {"check_in_weeks": 4, "risk_weeks": 6}[name]
    assert getattr(OfficeSettings(), name) == default
    assert encode(OfficeSettings())[name] == str(default)
    assert getattr(decode({name: "12"}), name) == 12
    assert getattr(decode({name: "oft"}), name) == default
    for weeks, valid in ((0, False), (1, True), (26, True), (27, False)):
        errors = validation_errors(replace(EXAMPLE_SETTINGS, **{name: weeks}))
        assert [e.field for e in errors] == ([] if valid else [name])
        if not valid:
            assert errors[0].label == label(name)
            assert "1 bis 26 Wochen" in errors[0].message


def test_another_check_in_interval_moves_the_open_check_ins(configured_lotse):
    lotse = configured_lotse
    _pid, employment_id = employed(lotse)
    with lotse.unit_of_work() as uow:
        changes = save_settings(uow, replace(load_settings(uow), check_in_weeks=2))
    assert changes.settings and changes.follow_ups
    assert {i for i in generated(lotse, employment_id) if i[0].startswith("check")} == {
        ("check_in:2026-12-15", date(2026, 12, 15), False)
    }
