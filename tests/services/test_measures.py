"""Maßnahmen / Hilfen: the status rules and transitions, the dates each status needs, the
generated follow-ups (approval reminder, end reminder, the approval_weeks setting), the
Förderplanziel link on both sides, the reads of the record and of the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from app.bootstrap import Lotse
from app.db.changes import NOTHING, Changes
from app.errors import ValidationError
from app.models.contacts import FollowUp
from app.models.courses import Measure
from app.models.organization import Organization
from app.models.support_plan import Goal
from app.services.follow_ups import planned_for_measure, set_done
from app.services.measures import (
    FINISHED,
    MeasureFilter,
    MeasureInput,
    MeasureQuery,
    add_measure,
    delete_measure,
    goal_choices,
    list_measures,
    measure_counts,
    measure_row,
    measures_awaiting_approval,
    measures_of,
    next_statuses,
    transition_problem,
    update_measure,
)
from app.services.settings import load_settings, save_settings
from app.services.support_plans.editing import GoalInput
from app.services.support_plans.review import review_plan
from app.vocab import FollowUpKind, GoalResult, MeasureKind, MeasureStatus
from tests.conftest import EXAMPLE_SETTINGS
from tests.services.helpers import add_person, new_plan, run, store_plan

M = MeasureStatus
TODAY = date(2026, 9, 15)
APPLIED = date(2026, 8, 3)
APPROVED = date(2026, 8, 24)
START = date(2026, 9, 1)
END = date(2027, 2, 26)


def provider(lotse: Lotse, name: str = "Bildungswerk Halle") -> int:
    with lotse.unit_of_work() as uow:
        organization = Organization(name=name, city="Halle (Saale)")
        uow.session.add(organization)
        uow.session.flush()
        assert organization.id is not None
        uow.commit()
        return organization.id


def add(lotse: Lotse, pid: int, data: MeasureInput, today: date = TODAY) -> Changes:
    return run(lotse, add_measure, pid, data, today=today)


def update(lotse: Lotse, measure_id: int, data: MeasureInput, today: date = TODAY) -> Changes:
    return run(lotse, update_measure, measure_id, data, today=today)


def created(lotse: Lotse, pid: int, data: MeasureInput) -> int:
    changes = add(lotse, pid, data)
    assert changes.created is not None
    return changes.created


def current(lotse: Lotse, measure_id: int) -> MeasureInput:
    row = measure_row(lotse.reads, measure_id)
    assert row is not None
    return row.as_input()


def refused(lotse: Lotse, operation, *args, **kwargs) -> dict[str, str]:
    """The fields and German messages of a refusal (nothing stored)."""
    with pytest.raises(ValidationError) as caught:
        run(lotse, operation, *args, **kwargs)
    return {error.field: f"{error.label}: {error.message}" for error in caught.value.errors}


def generated(lotse: Lotse, measure_id: int) -> set[tuple[FollowUpKind, date, str, bool]]:
    keys = {f"measure_approval:measure:{measure_id}", f"measure_end:measure:{measure_id}"}
    with lotse.reading() as uow:
        found = uow.session.exec(select(FollowUp)).all()
        return {
            (f.kind, f.due_date, f.title, f.done_at is not None)
            for f in found
            if f.generated_key in keys
        }


def follow_up_ids(lotse: Lotse) -> set[int]:
    with lotse.reading() as uow:
        return {f.id for f in uow.session.exec(select(FollowUp)).all()}  # type: ignore[misc]


def measure_count(lotse: Lotse) -> int:
    with lotse.reading() as uow:
        return len(uow.session.exec(select(Measure)).all())


APPROVAL_TITLE = (
    "Maßnahme noch nicht bewilligt: AsA flex (Assistierte Ausbildung) (beantragt am {})"
)
END_TITLE = "Maßnahme endet am {}: AsA flex (Assistierte Ausbildung)"


@pytest.fixture
def person(lotse: Lotse) -> int:
    return add_person(lotse, "Nowak", "Łukasz")


ASA = MeasureInput(kind=MeasureKind.ASA_FLEX)


# --- adding, and what is stored -------------------------------------------------------------


def test_a_measure_is_stored_with_its_fields_and_exact_changes(lotse, person):
    org = provider(lotse)
    data = MeasureInput(
        kind=MeasureKind.ASA_FLEX,
        provider_id=org,
        applied_on=APPLIED,
        status=M.APPLIED,
        notes="  Antrag über die Agentur für Arbeit  ",
    )
    before = follow_up_ids(lotse)
    changes = add(lotse, person, data)
    measure_id = changes.created
    assert measure_id is not None
    [follow_up] = follow_up_ids(lotse) - before
    assert changes == Changes(
        measures=frozenset({measure_id}),
        follow_ups=frozenset({follow_up}),
        cases=frozenset({person}),
        created=measure_id,
    )
    [row] = measures_of(lotse.reads, person)
    assert (row.id, row.kind, row.provider_name, row.status, row.applied_on, row.notes) == (
        measure_id,
        MeasureKind.ASA_FLEX,
        "Bildungswerk Halle",
        M.APPLIED,
        APPLIED,
        "Antrag über die Agentur für Arbeit",
    )
    assert row.as_input() == replace(data, notes="Antrag über die Agentur für Arbeit")


def test_a_planned_measure_needs_only_its_kind(lotse, person):
    changes = add(lotse, person, ASA)
    assert changes == Changes(
        measures=frozenset({changes.created}), cases=frozenset({person}), created=changes.created
    )
    assert refused(lotse, add_measure, person, MeasureInput(kind=None)) == {
        "kind": "Art: Bitte wählen Sie einen Eintrag."
    }
    assert measure_count(lotse) == 1


def test_unknown_person_provider_and_status_are_refused(lotse, person):
    assert set(refused(lotse, add_measure, 9999, ASA)) == {"participant_id"}
    errors = refused(lotse, add_measure, person, replace(ASA, provider_id=4242, status=None))
    assert errors == {
        "provider_id": "Anbieter: Der gewählte Eintrag existiert nicht (mehr).",
        "status": "Status: Bitte wählen Sie einen Eintrag.",
    }
    assert measure_count(lotse) == 0


# --- the dates each status needs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            MeasureInput(kind=MeasureKind.BAB, status=M.APPLIED),
            {
                "applied_on": "Beantragt am: Bitte geben Sie für den Status „beantragt“ ein "
                "Datum ein."
            },
        ),
        (
            MeasureInput(kind=MeasureKind.BAB, status=M.REJECTED),
            {
                "applied_on": "Beantragt am: Bitte geben Sie für den Status „abgelehnt“ ein Datum "
                "ein."
            },
        ),
        (
            MeasureInput(kind=MeasureKind.BAB, status=M.APPROVED, applied_on=APPLIED),
            {
                "approved_on": "Bewilligt am: Bitte geben Sie für den Status „bewilligt“ ein Datum "
                "ein."
            },
        ),
        (
            MeasureInput(kind=MeasureKind.BAB, status=M.ONGOING, applied_on=APPLIED),
            {
                "approved_on": "Bewilligt am: Bitte geben Sie für den Status „laufend“ ein Datum "
                "ein.",
                "start": "Beginn: Bitte geben Sie für den Status „laufend“ ein Datum ein.",
            },
        ),
        (
            MeasureInput(kind=MeasureKind.BAB, status=M.COMPLETED, applied_on=APPLIED),
            {
                "approved_on": "Bewilligt am: Bitte geben Sie für den Status „abgeschlossen“ ein "
                "Datum ein.",
                "end": "Ende: Bitte geben Sie für den Status „abgeschlossen“ ein Datum ein.",
            },
        ),
        (
            MeasureInput(
                kind=MeasureKind.BAB, applied_on=APPLIED, approved_on=APPLIED - timedelta(1)
            ),
            {
                "approved_on": "Bewilligt am: Das Datum darf nicht vor Beantragt am (03.08.2026) "
                "liegen."
            },
        ),
        (
            MeasureInput(kind=MeasureKind.BAB, start=START, end=START - timedelta(days=1)),
            {"end": "Ende: Das Datum darf nicht vor Beginn (01.09.2026) liegen."},
        ),
        (
            MeasureInput(
                kind=MeasureKind.BAB, applied_on=TODAY + timedelta(1), start=date(1850, 1, 1)
            ),
            {
                "applied_on": "Beantragt am: Das Datum darf nicht in der Zukunft liegen.",
                "start": "Beginn: Bitte geben Sie ein Datum zwischen 1900 und 2100 ein.",
            },
        ),
    ],
)
def test_each_status_rule_names_the_field_in_german_and_stores_nothing(
    lotse, person, data, expected
):
    assert refused(lotse, add_measure, person, data, today=TODAY) == expected
    assert measure_count(lotse) == 0


def test_all_problems_are_named_at_once(lotse, person):
    data = MeasureInput(
        kind=None, status=M.ONGOING, applied_on=APPLIED, start=START, end=START - timedelta(1)
    )
    assert set(refused(lotse, add_measure, person, data, today=TODAY)) == {
        "kind",
        "approved_on",
        "end",
    }


def test_a_measure_without_application_may_run_and_end_without_approval(lotse, person):
    """Nachhilfe needs no application: geplant → laufend → abgeschlossen, no "bewilligt am"."""
    measure_id = created(lotse, person, MeasureInput(kind=MeasureKind.TUTORING))
    update(lotse, measure_id, replace(current(lotse, measure_id), status=M.ONGOING, start=START))
    ended = replace(current(lotse, measure_id), status=M.COMPLETED, end=END)
    assert update(lotse, measure_id, ended).measures == {measure_id}
    [row] = measures_of(lotse.reads, person)
    assert (row.status, row.start, row.end, row.approved_on) == (M.COMPLETED, START, END, None)


# --- transitions ----------------------------------------------------------------------------


def test_the_allowed_transitions_are_the_ones_documented():
    assert next_statuses(None) == list(MeasureStatus)
    assert next_statuses(M.PLANNED) == list(MeasureStatus)
    assert next_statuses(M.APPLIED) == list(MeasureStatus)
    for status in (M.APPROVED, M.ONGOING):
        assert next_statuses(status) == [s for s in MeasureStatus if s != M.REJECTED]
    for status in FINISHED:
        assert next_statuses(status) == [status]


@pytest.mark.parametrize("finished", sorted(FINISHED))
@pytest.mark.parametrize("target", list(MeasureStatus))
def test_a_finished_measure_never_changes_its_status(lotse, person, finished, target):
    if target == finished:
        return
    data = MeasureInput(
        kind=MeasureKind.EQ,
        status=finished,
        applied_on=APPLIED,
        approved_on=APPROVED,  # not needed for abgelehnt, but then no message for it
        start=START,
        end=END,
    )
    measure_id = created(lotse, person, data)
    errors = refused(lotse, update_measure, measure_id, replace(data, status=target), today=TODAY)
    assert errors == {
        "status": f"Status: Die Maßnahme ist „{finished.label}“: eine beendete Maßnahme kann "
        f"nicht mehr „{target.label}“ werden."
    }
    assert current(lotse, measure_id).status == finished


@pytest.mark.parametrize("status", [M.APPROVED, M.ONGOING])
def test_an_approved_measure_cannot_be_rejected_any_more(lotse, person, status):
    data = MeasureInput(
        kind=MeasureKind.EQ, status=status, applied_on=APPLIED, approved_on=APPROVED, start=START
    )
    measure_id = created(lotse, person, data)
    errors = refused(lotse, update_measure, measure_id, replace(data, status=M.REJECTED))
    assert errors == {
        "status": f"Status: Eine Maßnahme mit dem Status „{status.label}“ kann nicht mehr "
        "„abgelehnt“ werden; endet sie vorzeitig, ist sie „abgebrochen“."
    }
    assert transition_problem(M.APPLIED, M.REJECTED) is None


def test_an_open_status_may_be_corrected_back(lotse, person):
    data = MeasureInput(kind=MeasureKind.EQ, status=M.ONGOING, start=START)
    measure_id = created(lotse, person, data)
    assert update(lotse, measure_id, replace(data, status=M.PLANNED)).measures == {measure_id}
    assert current(lotse, measure_id).status == M.PLANNED


def test_an_unchanged_measure_changes_nothing_and_a_missing_one_is_named(lotse, person):
    measure_id = created(lotse, person, ASA)
    assert update(lotse, measure_id, current(lotse, measure_id)) == NOTHING
    assert refused(lotse, update_measure, 9999, ASA) == {
        "id": "Maßnahme: Der Eintrag existiert nicht mehr."
    }


# --- generated follow-ups -------------------------------------------------------------------


def applied(lotse: Lotse, pid: int, on: date = APPLIED) -> int:
    return created(lotse, pid, replace(ASA, status=M.APPLIED, applied_on=on))


def test_an_application_brings_the_approval_reminder_and_a_new_date_moves_it(lotse, person):
    measure_id = applied(lotse, person)
    due = APPLIED + timedelta(weeks=6)  # the default approval_weeks
    assert generated(lotse, measure_id) == {
        (FollowUpKind.MEASURE_APPROVAL, due, APPROVAL_TITLE.format("03.08.2026"), False)
    }
    [follow_up_id] = follow_up_ids(lotse)
    later = date(2026, 8, 10)
    changes = update(lotse, measure_id, replace(current(lotse, measure_id), applied_on=later))
    assert changes == Changes(
        measures=frozenset({measure_id}),
        follow_ups=frozenset({follow_up_id}),
        cases=frozenset({person}),
    )
    assert generated(lotse, measure_id) == {
        (
            FollowUpKind.MEASURE_APPROVAL,
            later + timedelta(weeks=6),
            APPROVAL_TITLE.format("10.08.2026"),
            False,
        )
    }
    assert follow_up_ids(lotse) == {follow_up_id}  # moved, not replaced


def test_the_approval_removes_the_reminder_and_brings_the_end_reminder(lotse, person):
    measure_id = applied(lotse, person)
    approved = replace(current(lotse, measure_id), status=M.APPROVED, approved_on=APPROVED)
    update(lotse, measure_id, approved)
    assert generated(lotse, measure_id) == set()  # no end yet
    update(lotse, measure_id, replace(approved, start=START, end=END))
    assert generated(lotse, measure_id) == {
        (FollowUpKind.MEASURE_END, END - timedelta(days=14), END_TITLE.format("26.02.2027"), False)
    }
    running = replace(current(lotse, measure_id), status=M.ONGOING)
    update(lotse, measure_id, running)
    new_end = date(2027, 3, 31)
    update(lotse, measure_id, replace(running, end=new_end))
    assert generated(lotse, measure_id) == {
        (FollowUpKind.MEASURE_END, date(2027, 3, 17), END_TITLE.format("31.03.2027"), False)
    }
    update(lotse, measure_id, replace(running, status=M.COMPLETED, end=new_end))
    assert generated(lotse, measure_id) == set()


def test_done_reminders_stay_when_their_conditions_go(lotse, person):
    measure_id = applied(lotse, person)
    [follow_up_id] = follow_up_ids(lotse)
    run(lotse, set_done, follow_up_id)
    rejected = replace(current(lotse, measure_id), status=M.REJECTED)
    update(lotse, measure_id, rejected)
    assert generated(lotse, measure_id) == {
        (
            FollowUpKind.MEASURE_APPROVAL,
            APPLIED + timedelta(weeks=6),
            APPROVAL_TITLE.format("03.08.2026"),
            True,
        )
    }


def test_deleting_a_measure_removes_open_reminders_and_keeps_done_ones(lotse, person):
    first = applied(lotse, person)
    [done_id] = follow_up_ids(lotse)
    run(lotse, set_done, done_id)
    second = created(
        lotse,
        person,
        replace(ASA, status=M.ONGOING, start=START, end=END),
    )
    [open_id] = follow_up_ids(lotse) - {done_id}
    changes = run(lotse, delete_measure, second)
    assert changes == Changes(
        measures=frozenset({second}),
        follow_ups=frozenset({open_id}),
        cases=frozenset({person}),
    )
    run(lotse, delete_measure, first)
    assert follow_up_ids(lotse) == {done_id}
    with lotse.reading() as uow:
        kept = uow.session.get(FollowUp, done_id)
        assert kept is not None and kept.generated_key is None  # free for a later measure 1
    third = applied(lotse, person)  # may reuse the id: its own reminder, no clash
    assert len(generated(lotse, third)) == 1
    assert measures_of(lotse.reads, person)[0].id == third


def test_another_approval_interval_moves_the_open_reminders_only(lotse, person):
    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    waiting = applied(lotse, person)
    handled = applied(lotse, person, date(2026, 7, 1))
    with lotse.reading() as uow:
        handled_follow_up = uow.session.exec(
            select(FollowUp).where(FollowUp.generated_key == f"measure_approval:measure:{handled}")
        ).one()
    run(lotse, set_done, handled_follow_up.id)
    changes = run(lotse, save_settings, replace(load_settings(lotse.reads), approval_weeks=3))
    assert changes.settings and len(changes.follow_ups) == 1
    assert generated(lotse, waiting) == {
        (
            FollowUpKind.MEASURE_APPROVAL,
            APPLIED + timedelta(weeks=3),
            APPROVAL_TITLE.format("03.08.2026"),
            False,
        )
    }
    assert {(due, done) for _k, due, _t, done in generated(lotse, handled)} == {
        (date(2026, 7, 1) + timedelta(weeks=6), True)
    }
    applied_later = applied(lotse, person, date(2026, 9, 1))
    assert {due for _k, due, _t, _d in generated(lotse, applied_later)} == {date(2026, 9, 22)}


def test_planned_for_measure_is_pure_and_takes_plain_rows():
    from types import SimpleNamespace

    row = SimpleNamespace(
        id=7, kind="bab", status="applied", applied_on=APPLIED, end=None, participant_id=1
    )
    [item] = planned_for_measure(row, "BAB", 2)  # type: ignore[arg-type]
    assert (item.key, item.kind, item.due_date) == (
        "measure_approval:measure:7",
        FollowUpKind.MEASURE_APPROVAL,
        APPLIED + timedelta(weeks=2),
    )
    assert item.title == "Maßnahme noch nicht bewilligt: BAB (beantragt am 03.08.2026)"
    ending = SimpleNamespace(id=7, kind="bab", status="ongoing", applied_on=None, end=END)
    [item] = planned_for_measure(ending)  # type: ignore[arg-type]
    assert (item.key, item.due_date) == ("measure_end:measure:7", date(2027, 2, 12))
    assert "Berufsausbildungsbeihilfe (BAB)" in item.title
    assert planned_for_measure(SimpleNamespace(id=None)) == []  # type: ignore[arg-type]


# --- the Förderplanziel link ----------------------------------------------------------------


def plan_with_goals(lotse: Lotse, pid: int, *titles: str) -> tuple[int, list[int]]:
    plan_id = new_plan(lotse, pid)
    store_plan(
        lotse,
        plan_id,
        goals=[GoalInput(title, "Bescheinigung liegt vor", date(2027, 6, 30)) for title in titles],
    )
    with lotse.reading() as uow:
        goals = uow.session.exec(
            select(Goal).where(Goal.plan_id == plan_id).order_by(Goal.position)  # type: ignore[arg-type]
        ).all()
        return plan_id, [g.id for g in goals]  # type: ignore[misc]


def goal_links(lotse: Lotse) -> dict[int, int | None]:
    with lotse.reading() as uow:
        return {g.id: g.measure_id for g in uow.session.exec(select(Goal)).all()}  # type: ignore[misc]


def test_the_goal_link_is_kept_on_both_sides(lotse, person):
    plan_id, (exam, school) = plan_with_goals(
        lotse, person, "Zwischenprüfung bestehen", "Berufsschule regelmäßig besuchen"
    )
    changes = add(lotse, person, replace(ASA, goal_id=exam))
    measure_id = changes.created
    assert changes == Changes(
        measures=frozenset({measure_id}),
        plans=frozenset({plan_id}),
        cases=frozenset({person}),
        created=measure_id,
    )
    assert goal_links(lotse) == {exam: measure_id, school: None}
    assert measures_of(lotse.reads, person)[0].goal_title == "Zwischenprüfung bestehen"
    # to the other goal: the first loses the link
    update(lotse, measure_id, replace(current(lotse, measure_id), goal_id=school))
    assert goal_links(lotse) == {exam: None, school: measure_id}
    # no goal
    changes = update(lotse, measure_id, replace(current(lotse, measure_id), goal_id=None))
    assert changes.plans == {plan_id} and changes.measures == {measure_id}
    assert goal_links(lotse) == {exam: None, school: None}
    # deleting the measure clears the goal's side too
    update(lotse, measure_id, replace(current(lotse, measure_id), goal_id=exam))
    changes = run(lotse, delete_measure, measure_id)
    assert changes.plans == {plan_id}
    assert goal_links(lotse) == {exam: None, school: None}


def test_only_goals_of_this_persons_plans_are_accepted(lotse, person):
    other = add_person(lotse, "Haddad", "Omar")
    _plan, (foreign,) = plan_with_goals(lotse, other, "Führerschein")
    message = "Förderplanziel: Bitte wählen Sie ein Ziel aus einem Förderplan dieser Person."
    assert refused(lotse, add_measure, person, replace(ASA, goal_id=foreign)) == {
        "goal_id": message
    }
    assert refused(lotse, add_measure, person, replace(ASA, goal_id=98765)) == {"goal_id": message}
    assert measure_count(lotse) == 0 and goal_links(lotse) == {foreign: None}


def test_goal_choices_are_the_open_plans_goals_and_a_closed_link_stays(lotse, person):
    plan_id, (exam, school) = plan_with_goals(lotse, person, "Zwischenprüfung", "Berufsschule")
    measure_id = created(lotse, person, replace(ASA, goal_id=exam))
    assert [(c.id, c.text) for c in goal_choices(lotse.reads, person)] == [
        (exam, "Zwischenprüfung (Förderplan, Version 1)"),
        (school, "Berufsschule (Förderplan, Version 1)"),
    ]
    results = {exam: (GoalResult.PARTLY, "Nachprüfung"), school: (GoalResult.ACHIEVED, "")}
    successor = run(lotse, review_plan, plan_id, results).created
    links = goal_links(lotse)
    [copy] = [goal for goal in links if goal not in (exam, school)]
    assert links[copy] == measure_id  # the review carried the link into version 2
    choices = goal_choices(lotse.reads, person, keep=exam)
    assert [(c.id, c.plan_version, c.plan_closed) for c in choices] == [
        (copy, 2, False),
        (exam, 1, True),
    ]
    # the measure still names the closed goal: unchanged it stays, a new closed link is refused
    data = current(lotse, measure_id)
    assert update(lotse, measure_id, replace(data, notes="x")).measures == {measure_id}
    assert refused(lotse, update_measure, measure_id, replace(data, goal_id=school)) == {
        "goal_id": "Förderplanziel: Diese Version des Förderplans ist abgeschlossen; bitte "
        "wählen Sie ein Ziel des offenen Förderplans."
    }
    # linking the copy (it points at the measure already): the closed version keeps its link
    changes = update(lotse, measure_id, replace(data, goal_id=copy))
    assert (changes.measures, changes.plans) == ({measure_id}, frozenset())
    assert measure_row(lotse.reads, measure_id).goal_id == copy  # type: ignore[union-attr]
    # and away from it: the copy in the open version loses it, the closed one keeps it
    changes = update(lotse, measure_id, replace(data, goal_id=None))
    assert changes.plans == {successor}
    assert goal_links(lotse) == {exam: measure_id, school: None, copy: None}
    update(lotse, measure_id, replace(data, goal_id=copy))
    assert goal_links(lotse) == {exam: measure_id, school: None, copy: measure_id}


# --- the reads of the list ------------------------------------------------------------------


def test_the_list_filters_searches_and_orders(lotse, person):
    other = add_person(lotse, "Şahin", "Ayşe")
    counselling = provider(lotse, "Caritas Schuldnerberatung")
    old_application = applied(lotse, other, date(2026, 7, 1))
    new_application = applied(lotse, person, date(2026, 9, 1))
    running = created(
        lotse,
        person,
        MeasureInput(
            kind=MeasureKind.DEBT_COUNSELLING,
            provider_id=counselling,
            status=M.ONGOING,
            start=START,
            end=TODAY + timedelta(days=20),
        ),
    )
    finished = created(
        lotse, other, replace(ASA, status=M.COMPLETED, start=START, end=date(2026, 9, 10))
    )
    planned = created(lotse, other, MeasureInput(kind=MeasureKind.MOBILITY))

    def ids(status: MeasureFilter, text: str = "") -> list[int]:
        return [r.id for r in list_measures(lotse.reads, MeasureQuery(status, text), TODAY)]

    assert ids(MeasureFilter.AWAITING_APPROVAL) == [old_application, new_application]
    assert [r.id for r in measures_awaiting_approval(lotse.reads, TODAY)] == [
        old_application,
        new_application,
    ]
    assert ids(MeasureFilter.RUNNING) == [running]
    assert ids(MeasureFilter.ENDING_SOON) == [running]
    assert ids(MeasureFilter.COMPLETED) == [finished]
    assert set(ids(MeasureFilter.OPEN)) == {old_application, new_application, running, planned}
    assert len(ids(MeasureFilter.ALL)) == 5
    assert ids(MeasureFilter.OPEN)[:2] == [new_application, running]  # Nowak before Şahin
    assert ids(MeasureFilter.ALL, "schulden") == [running]  # the Art
    assert ids(MeasureFilter.ALL, "caritas") == [running]  # the Anbieter
    assert set(ids(MeasureFilter.ALL, "sahin")) == {old_application, finished, planned}
    assert ids(MeasureFilter.ALL, "ayse mobilitat") == [planned]
    counts = measure_counts(lotse.reads, TODAY)
    assert counts == {
        MeasureFilter.OPEN: 4,
        MeasureFilter.AWAITING_APPROVAL: 2,
        MeasureFilter.RUNNING: 1,
        MeasureFilter.ENDING_SOON: 1,
        MeasureFilter.COMPLETED: 1,
        MeasureFilter.ALL: 5,
    }
    [row] = list_measures(lotse.reads, MeasureQuery(MeasureFilter.RUNNING), TODAY)
    assert (row.participant_name, row.provider_name, row.ending_soon) == (
        "Łukasz Nowak",
        "Caritas Schuldnerberatung",
        True,
    )
    assert not list_measures(lotse.reads, MeasureQuery(MeasureFilter.RUNNING), START)[0].ending_soon
