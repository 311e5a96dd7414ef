"""Förderpläne: versions, the plan edit (texts, goals, steps in one transaction), signatures,
review, review follow-up, print proof; and the Changes every plan operation reports."""

import hashlib
import sqlite3
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import col, select

from app.db.changes import Changes
from app.errors import ValidationError
from app.i18n import _
from app.models import AuditEvent, FollowUp, Goal, Guardian, PlanPrint, PlanStep, SupportPlan
from app.services.consents import ConsentInput, add_consent, withdraw_consent
from app.services.follow_up_lists import follow_ups_of
from app.services.follow_ups import set_done
from app.services.participants import update_participant
from app.services.support_plans import editing
from app.services.support_plans.common import ENTITY, current_plan, get_plan, goals_of, steps_of
from app.services.support_plans.document import plan_document_data
from app.services.support_plans.editing import (
    GoalInput,
    PlanEdit,
    PlanInput,
    StepInput,
    create_plan,
    save_plan_edit,
)
from app.services.support_plans.prints import (
    archive_print,
    plan_versions,
    printed_pdf,
    printed_versions,
)
from app.services.support_plans.review import review_plan
from app.services.support_plans.review_follow_up import review_follow_ups, review_key
from app.services.support_plans.signatures import SignatureInput, record_signatures
from app.vocab import (
    AuditAction,
    ConsentPurpose,
    FollowUpKind,
    GoalResult,
    GoalStatus,
    PlanStatus,
    Program,
    RiskFactor,
    StepStatus,
    SupportNeedArea,
)
from tests.services.helpers import add_person, new_plan, run, stored_edit

TODAY = date(2026, 11, 24)


# --- helpers ---------------------------------------------------------------------------------


def goal(title: str, n: int = 0, **values) -> GoalInput:
    return GoalInput(title, f"Nachweis für {title}", date(2027, 1, 10 + n), **values)


def goals_input(*titles: str) -> tuple[GoalInput, ...]:
    return tuple(goal(title, n) for n, title in enumerate(titles))


def edit_of(lotse, plan_id: int, *, goals=None, steps=None, **texts) -> PlanEdit:
    """The stored plan with some texts changed and, if given, other goals or steps.

    Replacing the goals without the steps keeps the steps' positions as they were: pass both,
    or use ``relinked``.
    """
    stored = stored_edit(lotse, plan_id)
    return PlanEdit(
        replace(stored.texts, **texts),
        stored.goals if goals is None else tuple(goals),
        stored.steps if steps is None else tuple(steps),
    )


def relinked(edit: PlanEdit, goals) -> PlanEdit:
    """The edit with other goals, as the plan tab does it: a step follows its goal (by id) to
    its new position, and loses the link when its goal is left out."""
    ids = [g.id for g in edit.goals]
    position = {g.id: n for n, g in enumerate(goals) if g.id is not None}
    steps = tuple(
        replace(s, goal=position.get(ids[s.goal]) if s.goal is not None else None)
        for s in edit.steps
    )
    return replace(edit, goals=tuple(goals), steps=steps)


def save(lotse, plan_id: int, **changes) -> Changes:
    """``save_plan_edit`` of the stored plan with ``changes`` (see ``edit_of``)."""
    return run(lotse, save_plan_edit, plan_id, edit_of(lotse, plan_id, **changes))


def count(lotse, model) -> int:
    with lotse.unit_of_work() as uow:
        return len(uow.session.exec(select(model)).all())


def audit_events(lotse, entity_id: int) -> list[tuple[AuditAction, set[str]]]:
    """The plan's audit events with the names of the fields they note (stored sorted)."""
    with lotse.unit_of_work() as uow:
        events = uow.session.exec(
            select(AuditEvent)
            .where(AuditEvent.entity == ENTITY, AuditEvent.entity_id == entity_id)
            .order_by(col(AuditEvent.id))
        ).all()
        return [(event.action, set(event.fields)) for event in events]


def audit_actions(lotse, entity_id: int) -> list[AuditAction]:
    return [action for action, _fields in audit_events(lotse, entity_id)]


def review_reminders(lotse, pid: int) -> set[tuple[date, bool]]:
    return {
        (row.due_date, row.done)
        for row in follow_ups_of(lotse.reads, pid)
        if row.kind == FollowUpKind.PLAN_REVIEW
    }


def open_review_reminder(lotse, pid: int) -> int:
    (row,) = [
        r
        for r in follow_ups_of(lotse.reads, pid)
        if r.kind == FollowUpKind.PLAN_REVIEW and not r.done
    ]
    return row.id


def plan_state(lotse, plan_id: int) -> dict[str, Any]:
    """Everything a plan edit can write, read in a fresh unit of work."""
    with lotse.unit_of_work() as uow:
        plan = get_plan(uow, plan_id)
        return {
            "texts": {f.name: getattr(plan, f.name) for f in fields(PlanInput)},
            "updated_at": plan.updated_at,
            "goals": [
                (g.id, g.position, g.title, g.indicator, g.deadline, g.status)
                for g in goals_of(uow, plan_id)
            ],
            "steps": [
                (s.id, s.position, s.description, s.responsible, s.due_on, s.status, s.goal_id)
                for s in steps_of(uow, plan_id)
            ],
            "reviews": sorted(
                (f.id, f.generated_key, f.due_date, f.title, f.done_at)
                for f in review_follow_ups(uow.session, plan_id)
            ),
            "all goals": len(uow.session.exec(select(Goal)).all()),
            "all steps": len(uow.session.exec(select(PlanStep)).all()),
            "audit": len(uow.session.exec(select(AuditEvent)).all()),
        }


def prepared_plan(lotse) -> tuple[int, int, list[int]]:
    """A plan with texts, a review date, three goals and five steps."""
    pid = add_person(lotse, "Ağaoğlu", "Şükrü")
    plan_id = new_plan(lotse, pid, TODAY)
    save(
        lotse,
        plan_id,
        situation="Ausgang",
        overall_aim="Arbeit",
        next_review_on=date(2027, 2, 1),
        goals=goals_input("Deutsch B1", "Praktikum", "Führerschein"),
        steps=[
            StepInput("Prüfung anmelden", goal=0),
            StepInput("Betriebe anschreiben", goal=1),
            StepInput("Erledigt", goal=1, status=StepStatus.DONE),
            StepInput("Fahrschule finden", goal=2),
            StepInput("Termin Jobcenter"),
        ],
    )
    with lotse.unit_of_work() as uow:
        goal_ids = [g.id for g in goals_of(uow, plan_id) if g.id is not None]
    return pid, plan_id, goal_ids


# --- create -----------------------------------------------------------------------------------


def test_create_plan_is_version_1_with_needs_from_the_assessment(lotse):
    pid = add_person(
        lotse,
        "Hailu",
        "Selam",
        program=Program.TRAINING,
        support_need_areas=["language", "subject"],
        risk_factors=["absences"],
    )
    plan_id = new_plan(lotse, pid, TODAY)
    with lotse.unit_of_work() as uow:
        plan = current_plan(uow, pid)
    assert plan is not None and plan.id == plan_id
    assert (plan.version, plan.number, plan.status) == (1, f"FP-{pid}-2026", PlanStatus.DRAFT)
    assert plan.previous_version_id is None
    for expected in (SupportNeedArea.LANGUAGE, SupportNeedArea.SUBJECT, RiskFactor.ABSENCES):
        assert expected.label in plan.needs
    assert audit_events(lotse, plan_id) == [(AuditAction.CREATE, {"number", "version", "needs"})]


def test_joko_needs_come_from_the_placement_barriers(lotse):
    pid = add_person(lotse, "Ahmadi", placement_barriers=" Kinderbetreuung nur vormittags ")
    plan_id = new_plan(lotse, pid, TODAY)
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).needs == "Kinderbetreuung nur vormittags"


def test_a_second_open_plan_is_refused_and_nothing_stored(lotse):
    pid = add_person(lotse, "Karimi")
    new_plan(lotse, pid, TODAY)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        create_plan(uow, pid, today=TODAY)
    assert [e.field for e in raised.value.errors] == ["id"]
    assert "Version 1" in str(raised.value)
    assert count(lotse, SupportPlan) == 1


# --- texts and the review follow-up ----------------------------------------------------------


def test_saving_texts_keeps_one_review_follow_up_in_step(lotse):
    pid = add_person(lotse, "Popal")
    plan_id = new_plan(lotse, pid, TODAY)
    changes = save(
        lotse, plan_id, situation=" Lage ", overall_aim="Arbeit\n", next_review_on=date(2027, 2, 1)
    )
    assert changes.plans == {plan_id}
    assert audit_events(lotse, plan_id)[-1] == (
        AuditAction.UPDATE,
        {"situation", "overall_aim", "next_review_on"},
    )
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), False)}
    with lotse.unit_of_work() as uow:
        (reminder,) = uow.session.exec(select(FollowUp)).all()
        plan = get_plan(uow, plan_id)
    assert reminder.generated_key == review_key(plan_id, date(2027, 2, 1))
    assert reminder.generated_key == f"plan_review:plan:{plan_id}:2027-02-01"
    assert (reminder.participant_id, reminder.kind) == (pid, FollowUpKind.PLAN_REVIEW)
    assert reminder.title == _("Review support plan {number}, version {version}").format(
        number=plan.number, version=1
    )
    assert (plan.situation, plan.overall_aim) == ("Lage", "Arbeit")  # trimmed
    events = len(audit_events(lotse, plan_id))
    # unchanged (the untrimmed input trims to what is stored): nothing to do
    unchanged = save(lotse, plan_id, situation="Lage  ", overall_aim=" Arbeit")
    assert not unchanged and unchanged == Changes()
    assert len(audit_events(lotse, plan_id)) == events

    # moved: the open reminder follows the date
    moved = save(lotse, plan_id, next_review_on=date(2027, 3, 1))
    assert review_reminders(lotse, pid) == {(date(2027, 3, 1), False)}
    assert moved.follow_ups == {reminder.id, open_review_reminder(lotse, pid)}  # gone and new

    # a done reminder stays as history
    assert run(lotse, set_done, open_review_reminder(lotse, pid)).follow_ups
    save(lotse, plan_id, next_review_on=date(2027, 6, 1))
    assert review_reminders(lotse, pid) == {(date(2027, 3, 1), True), (date(2027, 6, 1), False)}

    # cleared: the open one goes, the done one stays
    save(lotse, plan_id, next_review_on=None)
    assert review_reminders(lotse, pid) == {(date(2027, 3, 1), True)}
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).next_review_on is None


def test_editing_the_person_keeps_the_plan_review_follow_up(lotse):
    pid = add_person(lotse, "Rahimi")
    plan_id = new_plan(lotse, pid, TODAY)
    save(lotse, plan_id, next_review_on=date(2027, 2, 1))
    assert run(lotse, update_participant, pid, {"city": "Stendal"})
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), False)}


def test_text_validation_names_the_field_and_stores_nothing(lotse):
    pid = add_person(lotse, "Noori")
    plan_id = new_plan(lotse, pid, TODAY)
    before = plan_state(lotse, plan_id)
    bad = edit_of(lotse, plan_id, situation="neu", next_review_on=date(1850, 1, 1), place="x" * 101)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_plan_edit(uow, plan_id, bad)
    errors = {error.field: error for error in raised.value.errors}
    assert list(errors) == ["next_review_on", "place"]
    assert errors["next_review_on"].label == _("Next review on")
    assert "1900" in errors["next_review_on"].message
    assert errors["place"].label == _("Place")
    assert "100" in errors["place"].message
    assert plan_state(lotse, plan_id) == before
    assert count(lotse, FollowUp) == 0


# --- goals and steps -------------------------------------------------------------------------


def test_goals_and_steps_replace_the_lists(lotse):
    pid = add_person(lotse, "Sultani")
    plan_id = new_plan(lotse, pid, TODAY)
    save(
        lotse,
        plan_id,
        goals=goals_input("Deutsch B1", "Praktikum"),
        steps=[
            StepInput(" Kurs anmelden ", " Koordination ", date(2026, 12, 1), goal=0),
            StepInput("Betrieb suchen", "Teilnehmer", goal=1),
        ],
    )
    with lotse.unit_of_work() as uow:
        first, second = (g.id for g in goals_of(uow, plan_id))
        steps = steps_of(uow, plan_id)
    assert [(s.description, s.responsible, s.due_on, s.goal_id, s.position) for s in steps] == [
        ("Kurs anmelden", "Koordination", date(2026, 12, 1), first, 0),
        ("Betrieb suchen", "Teilnehmer", None, second, 1),
    ]

    # keep the second (renamed, first now), drop the first, add one
    stored = stored_edit(lotse, plan_id)
    renamed = GoalInput("Praktikum 4 Wochen", "Vertrag", date(2027, 3, 1), id=second)
    changes = run(lotse, save_plan_edit, plan_id, relinked(stored, [renamed, goal("Führerschein")]))
    assert changes.plans == {plan_id}
    with lotse.unit_of_work() as uow:
        goals = goals_of(uow, plan_id)
        steps = steps_of(uow, plan_id)
    assert [(g.id == second, g.title, g.indicator, g.position) for g in goals] == [
        (True, "Praktikum 4 Wochen", "Vertrag", 0),
        (False, "Führerschein", "Nachweis für Führerschein", 1),
    ]
    assert [(s.description, s.goal_id) for s in steps] == [
        ("Kurs anmelden", None),  # its goal was removed: the step stays, unlinked
        ("Betrieb suchen", second),
    ]
    with lotse.unit_of_work() as uow:
        assert uow.session.get(Goal, first) is None
    assert audit_events(lotse, plan_id)[1:] == [
        (AuditAction.UPDATE, {"goals", "steps"}),
        (AuditAction.UPDATE, {"goals", "steps"}),
    ]

    # steps left out are deleted, goals left out too
    save(lotse, plan_id, goals=(), steps=())
    assert plan_state(lotse, plan_id)["goals"] == plan_state(lotse, plan_id)["steps"] == []
    assert (count(lotse, Goal), count(lotse, PlanStep)) == (0, 0)


def test_dropping_the_first_goal_keeps_the_steps_and_the_other_links(lotse):
    """Steps keep their ids; the dropped goal's step loses its link, the other step follows
    its goal from position 1 to 0."""
    pid = add_person(lotse, "Haidari")
    plan_id = new_plan(lotse, pid, TODAY)
    save(
        lotse,
        plan_id,
        goals=goals_input("A", "B"),
        steps=[StepInput("zu A", goal=0), StepInput("zu B", goal=1)],
    )
    stored = stored_edit(lotse, plan_id)
    steps = [replace(stored.steps[0], goal=None), replace(stored.steps[1], goal=0)]
    save(lotse, plan_id, goals=stored.goals[1:], steps=steps)
    with lotse.unit_of_work() as uow:
        (kept,) = goals_of(uow, plan_id)
        steps = steps_of(uow, plan_id)
    assert kept.id == stored.goals[1].id
    assert [(s.id, s.goal_id) for s in steps] == [
        (stored.steps[0].id, None),
        (stored.steps[1].id, kept.id),
    ]


def test_goal_validation_names_row_and_field_and_stores_nothing(lotse):
    pid = add_person(lotse, "Wardak")
    plan_id = new_plan(lotse, pid, TODAY)
    goals = [*goals_input("Gut"), GoalInput(" ", "", None), GoalInput("x" * 301, "ok", None)]
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_plan_edit(uow, plan_id, edit_of(lotse, plan_id, goals=goals, situation="neu"))
    assert [error.field for error in raised.value.errors] == [
        "goals.1.goal_title",
        "goals.1.indicator",
        "goals.1.deadline",
        "goals.2.goal_title",
        "goals.2.deadline",
    ]
    indicator = raised.value.errors[1]
    assert indicator.label == _("{list}, row {number}: {field}").format(
        list=_("Goals"), number=2, field=_("Indicator")
    )
    assert indicator.label == "Ziele, Zeile 2: Indikator"  # German once the catalog is merged
    assert "300" in raised.value.errors[3].message
    assert count(lotse, Goal) == 0
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).situation == ""
    assert audit_actions(lotse, plan_id) == [AuditAction.CREATE]


def test_step_validation(lotse):
    pid = add_person(lotse, "Zadran")
    plan_id = new_plan(lotse, pid, TODAY)
    steps = [
        StepInput(""),
        StepInput("ok", "r" * 201, date(2200, 1, 1), goal=1),  # only one goal: position 0
        StepInput("ok", goal=-1),
        StepInput("fine", goal=0),
    ]
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_plan_edit(uow, plan_id, edit_of(lotse, plan_id, goals=goals_input("G"), steps=steps))
    assert [error.field for error in raised.value.errors] == [
        "steps.0.description",
        "steps.1.responsible",
        "steps.1.due_on",
        "steps.1.goal_id",
        "steps.2.goal_id",
    ]
    assert raised.value.errors[3].label == "Schritte, Zeile 2: Zu Ziel"
    assert raised.value.errors[3].message == _("This goal is not part of the plan.")
    assert (count(lotse, Goal), count(lotse, PlanStep)) == (0, 0)


def test_a_step_can_belong_to_a_goal_added_in_the_same_edit(lotse):
    pid = add_person(lotse, "Mohammadi")
    plan_id = new_plan(lotse, pid, TODAY)
    save(lotse, plan_id, goals=goals_input("Alt"), steps=[StepInput("zu Alt", goal=0)])
    stored = stored_edit(lotse, plan_id)
    (old_goal,) = stored.goals
    # a new goal in front of the stored one, and a new step for it
    save(
        lotse,
        plan_id,
        goals=[goal("Neu"), old_goal],
        steps=[replace(stored.steps[0], goal=1), StepInput("zu Neu", goal=0)],
    )
    with lotse.unit_of_work() as uow:
        goals = {g.title: g for g in goals_of(uow, plan_id)}
        steps = steps_of(uow, plan_id)
    assert [(g.title, g.position) for g in goals.values()] == [("Neu", 0), ("Alt", 1)]
    assert goals["Alt"].id == old_goal.id and goals["Neu"].id != old_goal.id
    assert [(s.description, s.goal_id) for s in steps] == [
        ("zu Alt", old_goal.id),
        ("zu Neu", goals["Neu"].id),
    ]


def test_a_new_plan_gets_goals_and_linked_steps_in_its_first_edit(lotse):
    pid = add_person(lotse, "Nazari")
    plan_id = new_plan(lotse, pid, TODAY)
    save(
        lotse,
        plan_id,
        goals=goals_input("Eins", "Zwei", "Drei"),
        steps=[StepInput("c", goal=2), StepInput("a", goal=0), StepInput("frei")],
    )
    with lotse.unit_of_work() as uow:
        ids = {g.title: g.id for g in goals_of(uow, plan_id)}
        steps = steps_of(uow, plan_id)
    assert [(s.description, s.goal_id) for s in steps] == [
        ("c", ids["Drei"]),
        ("a", ids["Eins"]),
        ("frei", None),
    ]


def test_reordering_goals_keeps_the_steps_links(lotse):
    pid = add_person(lotse, "Safi")
    plan_id = new_plan(lotse, pid, TODAY)
    save(
        lotse,
        plan_id,
        goals=goals_input("A", "B", "C"),
        steps=[StepInput("zu A", goal=0), StepInput("zu B", goal=1), StepInput("zu C", goal=2)],
    )
    with lotse.unit_of_work() as uow:
        ids = {g.title: g.id for g in goals_of(uow, plan_id)}
    stored = stored_edit(lotse, plan_id)
    changes = run(lotse, save_plan_edit, plan_id, relinked(stored, stored.goals[::-1]))
    assert changes.plans == {plan_id}
    assert audit_events(lotse, plan_id)[-1] == (AuditAction.UPDATE, {"goals"})  # steps as were
    with lotse.unit_of_work() as uow:
        goals = goals_of(uow, plan_id)
        steps = steps_of(uow, plan_id)
    assert [(g.title, g.id, g.position) for g in goals] == [
        ("C", ids["C"], 0),
        ("B", ids["B"], 1),
        ("A", ids["A"], 2),
    ]
    assert [(s.description, s.goal_id) for s in steps] == [
        ("zu A", ids["A"]),
        ("zu B", ids["B"]),
        ("zu C", ids["C"]),
    ]
    # and the tab shows them at the goals' new positions
    assert [s.goal for s in stored_edit(lotse, plan_id).steps] == [2, 1, 0]

    # moving a step to another goal and reordering the steps
    stored = stored_edit(lotse, plan_id)
    save(lotse, plan_id, steps=[replace(stored.steps[2], goal=2), stored.steps[0]])
    with lotse.unit_of_work() as uow:
        steps = steps_of(uow, plan_id)
    assert [(s.description, s.goal_id, s.position) for s in steps] == [
        ("zu C", ids["A"], 0),
        ("zu A", ids["A"], 1),
    ]


def test_goals_of_another_plan_are_refused_and_nothing_stored(lotse):
    pid = add_person(lotse, "Faizi")
    plan_id = new_plan(lotse, pid, TODAY)
    other = new_plan(lotse, add_person(lotse, "Andere"))
    save(lotse, other, goals=goals_input("fremd"))
    (foreign,) = stored_edit(lotse, other).goals
    before, other_before = plan_state(lotse, plan_id), plan_state(lotse, other)
    edit = edit_of(lotse, plan_id, situation="neu", goals=[goal("eigen"), foreign])
    with lotse.unit_of_work() as uow, pytest.raises(ValueError, match="do not belong"):
        save_plan_edit(uow, plan_id, edit)
    assert plan_state(lotse, plan_id) == before
    assert plan_state(lotse, other) == other_before


# --- one edit, one transaction ---------------------------------------------------------------


def edited_everything(lotse, plan_id: int, extra_step: StepInput | None = None) -> PlanEdit:
    """Changed texts and review date, a changed and an added goal, changed steps."""
    stored = stored_edit(lotse, plan_id)
    goals = (replace(stored.goals[0], title="Deutsch B2"), *stored.goals[1:], goal("Neues Ziel"))
    steps = (
        replace(stored.steps[0], description="Prüfung B2 anmelden"),
        StepInput("Zum neuen Ziel", goal=len(goals) - 1),
        *([extra_step] if extra_step else []),
    )
    texts = replace(stored.texts, situation="Neue Lage", next_review_on=date(2027, 5, 1))
    return PlanEdit(texts, goals, steps)


def assert_applied_inside(uow, plan_id: int, goal_count: int) -> None:
    """Texts, review date and goals were written in the transaction before it failed."""
    assert get_plan(uow, plan_id).situation == "Neue Lage"
    titles = [g.title for g in goals_of(uow, plan_id)]
    assert titles[0] == "Deutsch B2" and titles[-1] == "Neues Ziel"
    assert len(titles) == goal_count + 1
    keys = {f.generated_key for f in review_follow_ups(uow.session, plan_id)}
    assert review_key(plan_id, date(2027, 5, 1)) in keys


def test_a_save_failing_at_its_steps_leaves_texts_and_goals_as_they_were(lotse):
    pid, plan_id, goal_ids = prepared_plan(lotse)
    other = new_plan(lotse, add_person(lotse, "Andere"))
    save(lotse, other, steps=[StepInput("fremder Schritt")])
    (foreign_step,) = stored_edit(lotse, other).steps
    before, other_before = plan_state(lotse, plan_id), plan_state(lotse, other)
    edit = edited_everything(lotse, plan_id, extra_step=foreign_step)
    with lotse.unit_of_work() as uow:
        with pytest.raises(ValueError, match="do not belong"):
            save_plan_edit(uow, plan_id, edit)
        assert_applied_inside(uow, plan_id, len(goal_ids))
    assert plan_state(lotse, plan_id) == before
    assert plan_state(lotse, other) == other_before
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), False)}


def test_a_failure_injected_at_the_steps_rolls_back_the_whole_edit(lotse, monkeypatch):
    pid, plan_id, goal_ids = prepared_plan(lotse)
    before = plan_state(lotse, plan_id)
    real_write_steps = editing._write_steps
    calls = []

    def failing_write_steps(session, plan_id, steps, goals):
        calls.append([g.id for g in goals])
        real_write_steps(session, plan_id, steps, goals)
        session.flush()  # the steps reach the database too, then the disk fails
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(editing, "_write_steps", failing_write_steps)
    with lotse.unit_of_work() as uow:
        with pytest.raises(sqlite3.OperationalError):
            save_plan_edit(uow, plan_id, edited_everything(lotse, plan_id))
        assert_applied_inside(uow, plan_id, len(goal_ids))
        descriptions = [s.description for s in steps_of(uow, plan_id)]
        assert descriptions == ["Prüfung B2 anmelden", "Zum neuen Ziel"]
    assert len(calls) == 1 and all(goal_id is not None for goal_id in calls[0])
    assert plan_state(lotse, plan_id) == before
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), False)}

    monkeypatch.undo()  # the same edit without the failure is stored as a whole
    changes = run(lotse, save_plan_edit, plan_id, edited_everything(lotse, plan_id))
    assert changes.plans == {plan_id}
    state = plan_state(lotse, plan_id)
    assert state["texts"]["situation"] == "Neue Lage"
    assert [g[2] for g in state["goals"]][-1] == "Neues Ziel"
    assert [s[2] for s in state["steps"]] == ["Prüfung B2 anmelden", "Zum neuen Ziel"]
    assert review_reminders(lotse, pid) == {(date(2027, 5, 1), False)}


def test_an_invalid_step_row_stores_nothing_of_the_edit(lotse):
    pid, plan_id, _goal_ids = prepared_plan(lotse)
    before = plan_state(lotse, plan_id)
    edit = edited_everything(lotse, plan_id, extra_step=StepInput("  ", due_on=date(1850, 1, 1)))
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_plan_edit(uow, plan_id, edit)
    errors = raised.value.errors
    assert [(e.field, e.label) for e in errors] == [
        ("steps.2.description", "Schritte, Zeile 3: Schritt"),
        ("steps.2.due_on", "Schritte, Zeile 3: Bis wann"),
    ]
    assert errors[0].message == _("Please fill in this field.")
    assert "1900" in errors[1].message
    assert plan_state(lotse, plan_id) == before
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), False)}


# --- signatures ------------------------------------------------------------------------------


def test_signatures_make_the_plan_active(lotse):
    pid = add_person(lotse, "Yusufi", birth_date=date(1990, 1, 1))
    plan_id = new_plan(lotse, pid, TODAY)
    first = SignatureInput(participant_signed_on=TODAY)
    changes = run(lotse, record_signatures, plan_id, first, today=TODAY)
    assert changes == Changes(plans=frozenset({plan_id}), cases=frozenset({pid}))
    assert audit_events(lotse, plan_id)[-1] == (AuditAction.UPDATE, {"participant_signed_on"})
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).status == PlanStatus.DRAFT
    assert not run(lotse, record_signatures, plan_id, first, today=TODAY)  # unchanged

    signatures = SignatureInput(TODAY, TODAY, partner_name=" Bäckerei Schulz ")
    assert run(lotse, record_signatures, plan_id, signatures, today=TODAY).plans == {plan_id}
    with lotse.unit_of_work() as uow:
        plan = get_plan(uow, plan_id)
    assert (plan.status, plan.partner_name) == (PlanStatus.ACTIVE, "Bäckerei Schulz")
    assert (plan.participant_signed_on, plan.coordinator_signed_on) == (TODAY, TODAY)
    assert audit_events(lotse, plan_id)[-1] == (
        AuditAction.UPDATE,
        {"coordinator_signed_on", "partner_name", "status"},
    )

    # taking the coordinator's signature back makes it a draft again
    run(
        lotse,
        record_signatures,
        plan_id,
        replace(signatures, coordinator_signed_on=None),
        today=TODAY,
    )
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).status == PlanStatus.DRAFT


def test_a_minor_needs_the_guardian_and_dates_must_not_lie_ahead(lotse):
    pid = add_person(lotse, "Jung", birth_date=date(2010, 6, 1), program=Program.TRAINING)
    plan_id = new_plan(lotse, pid, TODAY)
    bad = SignatureInput(TODAY, date(2026, 12, 24), partner_signed_on=TODAY)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        record_signatures(uow, plan_id, bad, today=TODAY)
    assert {e.field for e in raised.value.errors} == {
        "coordinator_signed_on",
        "guardian_signed_on",
        "partner_name",
    }
    with lotse.unit_of_work() as uow:
        plan = get_plan(uow, plan_id)
    assert (plan.participant_signed_on, plan.status) == (None, PlanStatus.DRAFT)
    assert audit_actions(lotse, plan_id) == [AuditAction.CREATE]

    signed = run(
        lotse, record_signatures, plan_id, SignatureInput(TODAY, TODAY, TODAY), today=TODAY
    )
    assert signed.plans == {plan_id}
    with lotse.unit_of_work() as uow:
        plan = get_plan(uow, plan_id)
    assert (plan.status, plan.guardian_signed_on) == (PlanStatus.ACTIVE, TODAY)


# --- review into version 2 -------------------------------------------------------------------


def test_review_closes_the_version_and_starts_the_next(lotse):
    pid, plan_id, (g1, g2, g3) = prepared_plan(lotse)
    results = {
        g1: (GoalResult.ACHIEVED, ""),
        g2: (GoalResult.PARTLY, " Zwei Bewerbungen offen "),
        g3: (GoalResult.NOT_ACHIEVED, "Kein Platz in der Fahrschule"),
    }
    new_id = run(lotse, review_plan, plan_id, results, " Gespräch mit Jobcenter ").created
    with lotse.unit_of_work() as uow:
        old, new = get_plan(uow, plan_id), get_plan(uow, new_id)
        old_goals = {g.id: g for g in goals_of(uow, plan_id)}
        new_goals = goals_of(uow, new_id)
        new_steps = steps_of(uow, new_id)
        current = current_plan(uow, pid)
    versions = plan_versions(lotse.reads, pid)
    assert current is not None and current.id == new_id
    assert (old.status, old.review_notes) == (PlanStatus.CLOSED, "Gespräch mit Jobcenter")
    assert old.closed_at is not None
    assert old.review_result == _(
        "{achieved} of {total} goals achieved, {partly} partly achieved, "
        "{not_achieved} not achieved."
    ).format(achieved=1, total=3, partly=1, not_achieved=1)
    assert (old_goals[g1].result, old_goals[g1].status) == (
        GoalResult.ACHIEVED,
        GoalStatus.COMPLETED,
    )
    assert (old_goals[g2].result, old_goals[g2].result_reason) == (
        GoalResult.PARTLY,
        "Zwei Bewerbungen offen",
    )
    assert old_goals[g3].result == GoalResult.NOT_ACHIEVED
    assert (new.version, new.number, new.previous_version_id) == (2, old.number, plan_id)
    assert (new.status, new.situation, new.overall_aim) == (PlanStatus.DRAFT, "Ausgang", "Arbeit")
    assert new.next_review_on is None and new.participant_signed_on is None
    assert [(g.title, g.result, g.position) for g in new_goals] == [
        ("Praktikum", None, 0),
        ("Führerschein", None, 1),
    ]
    copied = {g.id: g.title for g in new_goals}
    assert [(s.description, copied.get(s.goal_id), s.position) for s in new_steps] == [
        ("Betriebe anschreiben", "Praktikum", 0),
        ("Fahrschule finden", "Führerschein", 1),
        ("Termin Jobcenter", None, 2),
    ]
    assert [(v.id, v.version, v.status) for v in versions] == [
        (new_id, 2, PlanStatus.DRAFT),
        (plan_id, 1, PlanStatus.CLOSED),
    ]
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), True)}  # the review took place
    assert audit_actions(lotse, new_id) == [AuditAction.CREATE]
    assert audit_actions(lotse, plan_id)[-1] == AuditAction.UPDATE

    # the closed version is history: no edit, no signatures, no second review
    before = plan_state(lotse, plan_id)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_plan_edit(uow, plan_id, edit_of(lotse, plan_id, situation="zu spät"))
    assert "Version 1" in str(raised.value)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        record_signatures(uow, plan_id, SignatureInput(TODAY, TODAY), today=TODAY)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        review_plan(uow, plan_id, {})
    assert plan_state(lotse, plan_id) == before
    assert count(lotse, SupportPlan) == 2

    # the next version is edited like the first, with its copied goals and steps
    stored = stored_edit(lotse, new_id)
    assert [s.goal for s in stored.steps] == [0, 1, None]
    assert save(lotse, new_id, next_review_on=date(2027, 8, 1)).plans == {new_id}
    assert review_reminders(lotse, pid) == {(date(2027, 2, 1), True), (date(2027, 8, 1), False)}


def test_review_needs_every_result_and_reasons(lotse):
    _pid, plan_id, (g1, g2, _g3) = prepared_plan(lotse)
    before = plan_state(lotse, plan_id)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        review_plan(uow, plan_id, {g1: (GoalResult.ACHIEVED, ""), g2: (GoalResult.PARTLY, " ")})
    assert [e.field for e in raised.value.errors] == ["goals.1.result_reason", "goals.2.result"]
    assert raised.value.errors[1].label == "Ziele, Zeile 3: Ergebnis"
    assert count(lotse, SupportPlan) == 1
    assert plan_state(lotse, plan_id) == before
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).status == PlanStatus.DRAFT
        assert all(goal.result is None for goal in goals_of(uow, plan_id))


def test_review_skips_cancelled_goals_and_refuses_goals_of_another_plan(lotse):
    pid, plan_id, (g1, g2, g3) = prepared_plan(lotse)
    stored = stored_edit(lotse, plan_id)
    cancelled = replace(stored.goals[2], status=GoalStatus.CANCELLED)
    save(lotse, plan_id, goals=[*stored.goals[:2], cancelled])
    with lotse.unit_of_work() as uow, pytest.raises(ValueError, match="do not belong"):
        review_plan(
            uow, plan_id, {g1: (GoalResult.ACHIEVED, ""), g3 + 100: (GoalResult.ACHIEVED, "")}
        )
    assert count(lotse, SupportPlan) == 1
    new_id = run(
        lotse, review_plan, plan_id, {g1: (GoalResult.ACHIEVED, ""), g2: (GoalResult.ACHIEVED, "")}
    ).created
    with lotse.unit_of_work() as uow:
        assert goals_of(uow, new_id) == []  # achieved and cancelled goals are not copied
        assert [s.description for s in steps_of(uow, new_id)] == ["Termin Jobcenter"]
        current = current_plan(uow, pid)
    assert current is not None and current.id == new_id


# --- printouts -------------------------------------------------------------------------------


def test_archive_print_keeps_the_exact_bytes(lotse):
    pid = add_person(lotse, "Żółć", "Łukasz")
    plan_id = new_plan(lotse, pid, TODAY)
    pdf = b"%PDF-1.4 fake plan \x00\xff"
    before = datetime.now(UTC)
    print_id = run(lotse, archive_print, plan_id, pdf, "de+uk").created
    (row,) = printed_versions(lotse.reads, plan_id)
    with lotse.unit_of_work() as uow:
        assert printed_pdf(uow, print_id) == pdf
        stored = uow.session.get(PlanPrint, print_id)
    (version,) = plan_versions(lotse.reads, pid)
    assert (row.id, row.language, row.size) == (print_id, "de+uk", len(pdf))
    assert row.sha256 == stored.sha256 == hashlib.sha256(pdf).hexdigest()
    assert before <= row.printed_at <= datetime.now(UTC)
    assert version.prints == 1
    assert audit_events(lotse, plan_id)[-1] == (AuditAction.PRINT, {"language"})

    second = run(lotse, archive_print, plan_id, b"%PDF-1.7 zweite", "de", special_categories=True)
    assert audit_events(lotse, plan_id)[-1] == (
        AuditAction.PRINT,
        {"language", "special_categories"},
    )
    assert [r.id for r in printed_versions(lotse.reads, plan_id)] == [second.created, print_id]
    assert plan_versions(lotse.reads, pid)[0].prints == 2


def test_archive_print_refuses_what_is_not_a_pdf(lotse):
    plan_id = new_plan(lotse, add_person(lotse, "Leer"))
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        archive_print(uow, plan_id, b"<html>", "de")
    assert [e.field for e in raised.value.errors] == ["pdf"]
    assert count(lotse, PlanPrint) == 0
    assert printed_versions(lotse.reads, plan_id) == []
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        printed_pdf(uow, 12345)


# --- the printed document's data -------------------------------------------------------------


def test_plan_document_data(lotse):
    pid = add_person(lotse, "Коваленко", "Олена", birth_date=date(2010, 6, 1))
    with lotse.unit_of_work() as uow:
        uow.session.add(Guardian(participant_id=pid, name="Ірина Коваленко"))
        uow.commit()
    plan_id = new_plan(lotse, pid, TODAY)
    save(
        lotse,
        plan_id,
        situation="Ausgang",
        next_review_on=date(2027, 2, 1),
        goals=goals_input("Deutsch B1", "Praktikum"),
        steps=[StepInput("Betriebe anschreiben", goal=1), StepInput("Termin")],
    )
    consent = ConsentInput(
        ConsentPurpose.SHARE_SCHOOL,
        "BBS Halberstadt",
        date(2026, 3, 2),
        guardian_name="Ірина Коваленко",
    )
    run(lotse, add_consent, pid, consent, today=TODAY)
    gone = run(lotse, add_consent, pid, replace(consent, recipient="Zurückgezogen"), today=TODAY)
    run(lotse, withdraw_consent, gone.created, date(2026, 4, 1), today=TODAY)
    with lotse.unit_of_work() as uow:
        data = plan_document_data(uow, plan_id, today=TODAY)
    assert (data.plan_id, data.version, data.status) == (plan_id, 1, PlanStatus.DRAFT)
    assert data.person.full_name == "Олена Коваленко"
    assert data.person.is_minor and data.person.guardians == ("Ірина Коваленко",)
    assert (data.situation, data.next_review_on) == ("Ausgang", date(2027, 2, 1))
    assert [(g.number, g.title) for g in data.goals] == [(1, "Deutsch B1"), (2, "Praktikum")]
    assert [(s.description, s.goal_number) for s in data.steps] == [
        ("Betriebe anschreiben", 2),
        ("Termin", None),
    ]
    assert [c.recipient for c in data.consents] == ["BBS Halberstadt"]  # withdrawn one left out
    assert (data.printed_on, data.last_review) == (TODAY, None)


def test_plan_document_data_of_the_next_version_shows_the_last_review(lotse):
    _pid, plan_id, (g1, g2, g3) = prepared_plan(lotse)
    results = {
        g1: (GoalResult.ACHIEVED, ""),
        g2: (GoalResult.PARTLY, "offen"),
        g3: (GoalResult.ACHIEVED, ""),
    }
    new_id = run(lotse, review_plan, plan_id, results, "Notiz").created
    with lotse.unit_of_work() as uow:
        data = plan_document_data(uow, new_id, today=TODAY)
    assert data.last_review is not None
    assert (data.last_review.version, data.last_review.notes) == (1, "Notiz")
    assert [(g.title, g.result) for g in data.last_review.goals] == [
        ("Deutsch B1", GoalResult.ACHIEVED),
        ("Praktikum", GoalResult.PARTLY),
        ("Führerschein", GoalResult.ACHIEVED),
    ]
    assert [(g.number, g.title) for g in data.goals] == [(1, "Praktikum")]


# --- what each operation reports -------------------------------------------------------------


def test_create_plan_reports_the_new_plan(lotse):
    pid = add_person(lotse, "Amiri")
    changes = run(lotse, create_plan, pid, today=TODAY)
    with lotse.unit_of_work() as uow:
        plan = current_plan(uow, pid)
    assert plan is not None
    assert changes == Changes(plans=frozenset({plan.id}), cases=frozenset({pid}), created=plan.id)
    assert changes.concerns(pid) and not changes.concerns(pid + 1)


def test_save_plan_edit_reports_the_plan_and_its_review_follow_up(lotse):
    pid = add_person(lotse, "Baheer")
    plan_id = new_plan(lotse, pid, TODAY)
    dated = save(lotse, plan_id, overall_aim="Arbeit", next_review_on=date(2027, 2, 1))
    reminder = open_review_reminder(lotse, pid)
    assert dated == Changes(
        plans=frozenset({plan_id}), follow_ups=frozenset({reminder}), cases=frozenset({pid})
    )
    assert dated.created is None

    goals_only = save(
        lotse, plan_id, goals=goals_input("Ziel"), steps=[StepInput("Schritt", goal=0)]
    )
    assert goals_only == Changes(plans=frozenset({plan_id}), cases=frozenset({pid}))

    text_only = save(lotse, plan_id, agreements="Wöchentlich melden")
    assert text_only.plans == {plan_id} and text_only.cases == {pid}

    unchanged = run(lotse, save_plan_edit, plan_id, stored_edit(lotse, plan_id))
    assert not unchanged and unchanged == Changes()


def test_record_signatures_reports_the_plan(lotse):
    pid = add_person(lotse, "Dawari", birth_date=date(1990, 1, 1))
    plan_id = new_plan(lotse, pid, TODAY)
    signed = run(lotse, record_signatures, plan_id, SignatureInput(TODAY, TODAY), today=TODAY)
    assert signed == Changes(plans=frozenset({plan_id}), cases=frozenset({pid}))
    again = run(lotse, record_signatures, plan_id, SignatureInput(TODAY, TODAY), today=TODAY)
    assert not again


def test_review_plan_reports_both_versions_and_the_closed_reminder(lotse):
    pid, plan_id, goal_ids = prepared_plan(lotse)
    reminder = open_review_reminder(lotse, pid)
    results = {goal_id: (GoalResult.NOT_ACHIEVED, "später") for goal_id in goal_ids}
    changes = run(lotse, review_plan, plan_id, results)
    with lotse.unit_of_work() as uow:
        new = current_plan(uow, pid)
    assert new is not None and new.id != plan_id
    assert changes == Changes(
        plans=frozenset({plan_id, new.id}),
        follow_ups=frozenset({reminder}),
        cases=frozenset({pid}),
        created=new.id,
    )


def test_archive_print_reports_the_printout(lotse):
    pid = add_person(lotse, "Ebadi")
    plan_id = new_plan(lotse, pid, TODAY)
    changes = run(lotse, archive_print, plan_id, b"%PDF-1.4 x", "de")
    (row,) = printed_versions(lotse.reads, plan_id)
    assert changes == Changes(plans=frozenset({plan_id}), cases=frozenset({pid}), created=row.id)


def test_one_unit_of_work_runs_one_operation(lotse):
    pid = add_person(lotse, "Ghani")
    plan_id = new_plan(lotse, pid, TODAY)
    with lotse.unit_of_work() as uow:
        save_plan_edit(uow, plan_id, edit_of(lotse, plan_id, situation="eins"))
        with pytest.raises(RuntimeError, match="commits once"):
            save_plan_edit(uow, plan_id, edit_of(lotse, plan_id, situation="zwei"))
    with lotse.unit_of_work() as uow:
        assert get_plan(uow, plan_id).situation == "eins"
