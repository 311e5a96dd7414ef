"""Förderpläne: versions, goals and steps, signatures, review, review follow-up, print proof."""

import hashlib
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from app.errors import ValidationError
from app.i18n import _
from app.models import AuditEvent, FollowUp, Goal, Guardian, PlanPrint, PlanStep, SupportPlan
from app.services import support_plans as sp
from app.services.consents import ConsentInput, add_consent, withdraw_consent
from app.services.follow_up_lists import follow_ups_of
from app.services.follow_ups import set_done
from app.services.participants import update_participant
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
from tests.services.helpers import add_person

TODAY = date(2026, 11, 24)


def new_plan(lotse, pid: int) -> int:
    with lotse.unit_of_work() as uow:
        return sp.create_plan(uow, pid, today=TODAY)


def goals_input(*titles: str) -> list[sp.GoalInput]:
    return [
        sp.GoalInput(title, f"Nachweis für {title}", date(2027, 1, 10 + n))
        for n, title in enumerate(titles)
    ]


def count(lotse, model) -> int:
    with lotse.unit_of_work() as uow:
        return len(uow.session.exec(select(model)).all())


def audit_actions(lotse, entity_id: int) -> list[AuditAction]:
    with lotse.unit_of_work() as uow:
        events = uow.session.exec(
            select(AuditEvent)
            .where(AuditEvent.entity == sp.ENTITY, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id)
        ).all()
        return [event.action for event in events]


def review_follow_ups(lotse, pid: int) -> set[tuple[date, bool]]:
    with lotse.unit_of_work() as uow:
        return {
            (row.due_date, row.done)
            for row in follow_ups_of(uow, pid)
            if row.kind == FollowUpKind.PLAN_REVIEW
        }


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
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        plan = sp.current_plan(uow, pid)
    assert plan is not None and plan.id == plan_id
    assert (plan.version, plan.number, plan.status) == (1, f"FP-{pid}-2026", PlanStatus.DRAFT)
    for expected in (SupportNeedArea.LANGUAGE, SupportNeedArea.SUBJECT, RiskFactor.ABSENCES):
        assert expected.label in plan.needs
    assert audit_actions(lotse, plan_id) == [AuditAction.CREATE]


def test_joko_needs_come_from_the_placement_barriers(lotse):
    pid = add_person(lotse, "Ahmadi", placement_barriers="Kinderbetreuung nur vormittags")
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        assert sp.get_plan(uow, plan_id).needs == "Kinderbetreuung nur vormittags"


def test_a_second_open_plan_is_refused_and_nothing_stored(lotse):
    pid = add_person(lotse, "Karimi")
    new_plan(lotse, pid)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.create_plan(uow, pid, today=TODAY)
    assert "Version 1" in str(raised.value)
    assert count(lotse, SupportPlan) == 1


# --- texts and the review follow-up ----------------------------------------------------------


def test_save_plan_keeps_one_review_follow_up_in_step(lotse):
    pid = add_person(lotse, "Popal")
    plan_id = new_plan(lotse, pid)
    data = sp.PlanInput(situation=" Lage ", overall_aim="Arbeit", next_review_on=date(2027, 2, 1))
    with lotse.unit_of_work() as uow:
        changed = sp.save_plan(uow, plan_id, data)
    assert set(changed) == {"situation", "overall_aim", "next_review_on"}
    assert review_follow_ups(lotse, pid) == {(date(2027, 2, 1), False)}
    with lotse.unit_of_work() as uow:
        key = uow.session.exec(select(FollowUp.generated_key)).one()
        assert key == f"plan_review:plan:{plan_id}:2027-02-01"
        assert sp.get_plan(uow, plan_id).situation == "Lage"
        assert sp.save_plan(uow, plan_id, data) == []  # unchanged: nothing to do

    with lotse.unit_of_work() as uow:  # moved: the open reminder follows the date
        sp.save_plan(uow, plan_id, sp.PlanInput(next_review_on=date(2027, 3, 1)))
    assert review_follow_ups(lotse, pid) == {(date(2027, 3, 1), False)}

    with lotse.unit_of_work() as uow:  # a done reminder stays as history
        (row,) = [r for r in follow_ups_of(uow, pid) if r.kind == FollowUpKind.PLAN_REVIEW]
        set_done(uow, row.id)
    with lotse.unit_of_work() as uow:
        sp.save_plan(uow, plan_id, sp.PlanInput(next_review_on=date(2027, 6, 1)))
    assert review_follow_ups(lotse, pid) == {(date(2027, 3, 1), True), (date(2027, 6, 1), False)}

    with lotse.unit_of_work() as uow:  # cleared: the open one goes
        sp.save_plan(uow, plan_id, sp.PlanInput())
    assert review_follow_ups(lotse, pid) == {(date(2027, 3, 1), True)}


def test_editing_the_person_keeps_the_plan_review_follow_up(lotse):
    pid = add_person(lotse, "Rahimi")
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        sp.save_plan(uow, plan_id, sp.PlanInput(next_review_on=date(2027, 2, 1)))
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"city": "Stendal"})
    assert review_follow_ups(lotse, pid) == {(date(2027, 2, 1), False)}


def test_save_plan_validation_names_the_field_and_stores_nothing(lotse):
    pid = add_person(lotse, "Noori")
    plan_id = new_plan(lotse, pid)
    bad = sp.PlanInput(situation="neu", next_review_on=date(1850, 1, 1), place="x" * 101)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.save_plan(uow, plan_id, bad)
    errors = {error.field: error for error in raised.value.errors}
    assert set(errors) == {"next_review_on", "place"}
    assert errors["next_review_on"].label == _("Next review on")
    assert "1900" in errors["next_review_on"].message
    with lotse.unit_of_work() as uow:
        assert sp.get_plan(uow, plan_id).situation == ""
    assert count(lotse, FollowUp) == 0


# --- goals and steps -------------------------------------------------------------------------


def test_goals_and_steps_replace_the_lists(lotse):
    pid = add_person(lotse, "Sultani")
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        first, second = sp.save_goals(uow, plan_id, goals_input("Deutsch B1", "Praktikum"))
    with lotse.unit_of_work() as uow:
        sp.save_steps(
            uow,
            plan_id,
            [
                sp.StepInput("Kurs anmelden", "Koordination", date(2026, 12, 1), goal_id=first),
                sp.StepInput("Betrieb suchen", "Teilnehmer", goal_id=second),
            ],
        )
    with lotse.unit_of_work() as uow:  # keep the second (renamed, first now), drop the first
        kept = sp.save_goals(
            uow,
            plan_id,
            [
                sp.GoalInput("Praktikum 4 Wochen", "Vertrag", date(2027, 3, 1), id=second),
                *goals_input("Führerschein"),
            ],
        )
    assert kept[0] == second and len(kept) == 2
    with lotse.unit_of_work() as uow:
        goals = sp.goals_of(uow, plan_id)
        steps = sp.steps_of(uow, plan_id)
    assert [(g.title, g.position) for g in goals] == [
        ("Praktikum 4 Wochen", 0),
        ("Führerschein", 1),
    ]
    assert [(s.description, s.goal_id) for s in steps] == [
        ("Kurs anmelden", None),  # its goal was removed: the step stays, unlinked
        ("Betrieb suchen", second),
    ]
    assert audit_actions(lotse, plan_id).count(AuditAction.UPDATE) == 3


def test_goal_validation_names_row_and_field_and_stores_nothing(lotse):
    pid = add_person(lotse, "Wardak")
    plan_id = new_plan(lotse, pid)
    goals = [*goals_input("Gut"), sp.GoalInput(" ", "", None), sp.GoalInput("x" * 301, "ok", None)]
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.save_goals(uow, plan_id, goals)
    fields = [error.field for error in raised.value.errors]
    assert fields == [
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
    assert "Zeile 2" in indicator.label  # German once the catalog is merged
    assert count(lotse, Goal) == 0
    assert audit_actions(lotse, plan_id) == [AuditAction.CREATE]


def test_step_validation(lotse):
    pid = add_person(lotse, "Zadran")
    plan_id = new_plan(lotse, pid)
    other_plan = new_plan(lotse, add_person(lotse, "Andere"))
    with lotse.unit_of_work() as uow:
        (foreign_goal,) = sp.save_goals(uow, other_plan, goals_input("fremd"))
    steps = [
        sp.StepInput(""),
        sp.StepInput("ok", "r" * 201, date(2200, 1, 1), goal_id=foreign_goal),
    ]
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.save_steps(uow, plan_id, steps)
    assert [error.field for error in raised.value.errors] == [
        "steps.0.description",
        "steps.1.responsible",
        "steps.1.due_on",
        "steps.1.goal_id",
    ]
    assert count(lotse, PlanStep) == 0


# --- signatures ------------------------------------------------------------------------------


def test_signatures_make_the_plan_active(lotse):
    pid = add_person(lotse, "Yusufi", birth_date=date(1990, 1, 1))
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        changed = sp.record_signatures(
            uow, plan_id, sp.SignatureInput(participant_signed_on=TODAY), today=TODAY
        )
    assert changed == ["participant_signed_on"]
    with lotse.unit_of_work() as uow:
        assert sp.get_plan(uow, plan_id).status == PlanStatus.DRAFT
        signatures = sp.SignatureInput(TODAY, TODAY, partner_name="Bäckerei Schulz")
        sp.record_signatures(uow, plan_id, signatures, today=TODAY)
    with lotse.unit_of_work() as uow:
        plan = sp.get_plan(uow, plan_id)
    assert (plan.status, plan.partner_name) == (PlanStatus.ACTIVE, "Bäckerei Schulz")


def test_a_minor_needs_the_guardian_and_dates_must_not_lie_ahead(lotse):
    pid = add_person(lotse, "Jung", birth_date=date(2010, 6, 1), program=Program.TRAINING)
    plan_id = new_plan(lotse, pid)
    bad = sp.SignatureInput(TODAY, date(2026, 12, 24), partner_signed_on=TODAY)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.record_signatures(uow, plan_id, bad, today=TODAY)
    assert {e.field for e in raised.value.errors} == {
        "coordinator_signed_on",
        "guardian_signed_on",
        "partner_name",
    }
    with lotse.unit_of_work() as uow:
        assert sp.get_plan(uow, plan_id).participant_signed_on is None
        sp.record_signatures(uow, plan_id, sp.SignatureInput(TODAY, TODAY, TODAY), today=TODAY)
        assert sp.get_plan(uow, plan_id).status == PlanStatus.ACTIVE


# --- review into version 2 -------------------------------------------------------------------


def prepared_plan(lotse) -> tuple[int, int, list[int]]:
    pid = add_person(lotse, "Ağaoğlu", "Şükrü")
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        sp.save_plan(
            uow,
            plan_id,
            sp.PlanInput(
                situation="Ausgang", overall_aim="Arbeit", next_review_on=date(2027, 2, 1)
            ),
        )
        goal_ids = sp.save_goals(
            uow, plan_id, goals_input("Deutsch B1", "Praktikum", "Führerschein")
        )
        sp.save_steps(
            uow,
            plan_id,
            [
                sp.StepInput("Prüfung anmelden", goal_id=goal_ids[0]),
                sp.StepInput("Betriebe anschreiben", goal_id=goal_ids[1]),
                sp.StepInput("Erledigt", goal_id=goal_ids[1], status=StepStatus.DONE),
                sp.StepInput("Fahrschule finden", goal_id=goal_ids[2]),
                sp.StepInput("Termin Jobcenter"),
            ],
        )
    return pid, plan_id, goal_ids


def test_review_closes_the_version_and_starts_the_next(lotse):
    pid, plan_id, (g1, g2, g3) = prepared_plan(lotse)
    results = {
        g1: (GoalResult.ACHIEVED, ""),
        g2: (GoalResult.PARTLY, " Zwei Bewerbungen offen "),
        g3: (GoalResult.NOT_ACHIEVED, "Kein Platz in der Fahrschule"),
    }
    with lotse.unit_of_work() as uow:
        new_id = sp.review_plan(uow, plan_id, results, "Gespräch mit Jobcenter")
    with lotse.unit_of_work() as uow:
        old, new = sp.get_plan(uow, plan_id), sp.get_plan(uow, new_id)
        old_goals = {g.id: g for g in sp.goals_of(uow, plan_id)}
        new_goals = sp.goals_of(uow, new_id)
        new_steps = sp.steps_of(uow, new_id)
        assert sp.current_plan(uow, pid).id == new_id
        versions = sp.plan_versions(uow, pid)
    assert (old.status, old.review_notes) == (PlanStatus.CLOSED, "Gespräch mit Jobcenter")
    assert old.closed_at is not None and old.review_result  # the summary of the results
    assert old_goals[g1].result == GoalResult.ACHIEVED
    assert old_goals[g1].status == GoalStatus.COMPLETED
    assert (old_goals[g2].result, old_goals[g2].result_reason) == (
        GoalResult.PARTLY,
        "Zwei Bewerbungen offen",
    )
    assert (new.version, new.number, new.previous_version_id) == (2, old.number, plan_id)
    assert (new.status, new.situation, new.overall_aim) == (PlanStatus.DRAFT, "Ausgang", "Arbeit")
    assert new.next_review_on is None
    assert [(g.title, g.result) for g in new_goals] == [("Praktikum", None), ("Führerschein", None)]
    copied = {g.id: g.title for g in new_goals}
    assert [(s.description, copied.get(s.goal_id)) for s in new_steps] == [
        ("Betriebe anschreiben", "Praktikum"),
        ("Fahrschule finden", "Führerschein"),
        ("Termin Jobcenter", None),
    ]
    assert [(v.version, v.status) for v in versions] == [
        (2, PlanStatus.DRAFT),
        (1, PlanStatus.CLOSED),
    ]
    assert review_follow_ups(lotse, pid) == {(date(2027, 2, 1), True)}  # the review took place
    assert audit_actions(lotse, new_id) == [AuditAction.CREATE]
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        sp.save_plan(uow, plan_id, sp.PlanInput(situation="zu spät"))


def test_review_needs_every_result_and_reasons(lotse):
    _pid, plan_id, (g1, g2, _g3) = prepared_plan(lotse)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.review_plan(uow, plan_id, {g1: (GoalResult.ACHIEVED, ""), g2: (GoalResult.PARTLY, "")})
    assert [e.field for e in raised.value.errors] == ["goals.1.result_reason", "goals.2.result"]
    assert count(lotse, SupportPlan) == 1
    with lotse.unit_of_work() as uow:
        assert sp.get_plan(uow, plan_id).status == PlanStatus.DRAFT
        assert all(goal.result is None for goal in sp.goals_of(uow, plan_id))


# --- printouts -------------------------------------------------------------------------------


def test_archive_print_keeps_the_exact_bytes(lotse):
    pid = add_person(lotse, "Żółć", "Łukasz")
    plan_id = new_plan(lotse, pid)
    pdf = b"%PDF-1.4 fake plan"
    before = datetime.now(UTC)
    with lotse.unit_of_work() as uow:
        print_id = sp.archive_print(uow, plan_id, pdf, "de+uk")
    with lotse.unit_of_work() as uow:
        (row,) = sp.printed_versions(uow, plan_id)
        assert sp.printed_pdf(uow, print_id) == pdf
        (version,) = sp.plan_versions(uow, pid)
    assert (row.id, row.language, row.size) == (print_id, "de+uk", len(pdf))
    assert row.sha256 == hashlib.sha256(pdf).hexdigest()
    assert before <= row.printed_at <= datetime.now(UTC)
    assert version.prints == 1
    assert audit_actions(lotse, plan_id)[-1] == AuditAction.PRINT
    with lotse.unit_of_work() as uow:
        sp.archive_print(uow, plan_id, pdf, "de", special_categories=True)
        event = uow.session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.fields) == (AuditAction.PRINT, ["language", "special_categories"])


def test_archive_print_refuses_what_is_not_a_pdf(lotse):
    plan_id = new_plan(lotse, add_person(lotse, "Leer"))
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        sp.archive_print(uow, plan_id, b"", "de")
    assert raised.value.errors[0].field == "pdf"
    assert count(lotse, PlanPrint) == 0


# --- the printed document's data -------------------------------------------------------------


def test_plan_document_data(lotse):
    pid = add_person(lotse, "Коваленко", "Олена", birth_date=date(2010, 6, 1))
    with lotse.unit_of_work() as uow:
        uow.session.add(Guardian(participant_id=pid, name="Ірина Коваленко"))
        uow.commit()
    plan_id = new_plan(lotse, pid)
    with lotse.unit_of_work() as uow:
        goal_ids = sp.save_goals(uow, plan_id, goals_input("Deutsch B1", "Praktikum"))
        sp.save_steps(uow, plan_id, [sp.StepInput("Betriebe anschreiben", goal_id=goal_ids[1])])
        consent = ConsentInput(ConsentPurpose.SHARE_SCHOOL, "BBS Halberstadt", date(2026, 3, 2),
                               guardian_name="Ірина Коваленко")  # fmt: skip
        add_consent(uow, pid, consent, today=TODAY)
        gone = add_consent(uow, pid, consent, today=TODAY)
        withdraw_consent(uow, gone, date(2026, 4, 1), today=TODAY)
    with lotse.unit_of_work() as uow:
        data = sp.plan_document_data(uow, plan_id, today=TODAY)
    assert data.person.full_name == "Олена Коваленко"
    assert data.person.is_minor and data.person.guardians == ("Ірина Коваленко",)
    assert [(g.number, g.title) for g in data.goals] == [(1, "Deutsch B1"), (2, "Praktikum")]
    assert [s.goal_number for s in data.steps] == [2]
    assert [c.recipient for c in data.consents] == ["BBS Halberstadt"]  # withdrawn one left out
    assert (data.printed_on, data.last_review) == (TODAY, None)
