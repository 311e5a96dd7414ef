"""One operation per user action: one transaction, the Changes it made, derived rows kept.

Plan operations have their own tests in test_support_plans.py; here: participants, notes,
follow-ups, consents, settings, the record editor's save, the unit of work itself, and that
the search and list rows after any sequence of operations equal a full rebuild.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime
from random import Random

import pytest

from app.bootstrap import Lotse, bootstrap
from app.db import derived_rows
from app.db.changes import Changes
from app.errors import ValidationError
from app.models.office_settings import OfficeSettings
from app.models.participant import Participant
from app.paths import DataPaths
from app.services.absences import AbsenceInput, add_absence, update_absence
from app.services.caseload import ListQuery, list_participants
from app.services.consents import ConsentInput, add_consent, withdraw_consent
from app.services.contact_notes import NoteInput, add_note, delete_note, notes_of, update_note
from app.services.courses import CourseInput, create_course
from app.services.enrollments import EnrollmentInput, enroll, update_enrollment
from app.services.exams import ExamInput, add_exam
from app.services.follow_up_lists import follow_ups_of
from app.services.follow_ups import create_follow_up, delete_follow_up, set_done
from app.services.guardians import GuardianInput, add_guardian
from app.services.measures import MeasureInput, add_measure, update_measure
from app.services.needs_assessments import AssessmentInput, add_assessment
from app.services.organizations import OrganizationInput, create_organization
from app.services.participant_record import save_record
from app.services.participants import (
    ExitData,
    create_participant,
    delete_participant,
    exit_participant,
    update_participant,
)
from app.services.settings import save_settings
from app.services.support_plans.editing import GoalInput, PlanEdit, PlanInput, StepInput
from app.services.support_plans.prints import archive_print
from app.services.support_plans.review import review_plan
from app.services.support_plans.signatures import SignatureInput, record_signatures
from app.vocab import (
    ConsentPurpose,
    ContactKind,
    CourseKind,
    EnrollmentStatus,
    ExamKind,
    ExamResult,
    ExitReason,
    FollowUpKind,
    GoalResult,
    MeasureKind,
    MeasureStatus,
    NeedLevel,
    OrganizationKind,
    Program,
)
from tests.conftest import EXAMPLE_SETTINGS
from tests.locations import open_file
from tests.services.helpers import add_person, new_plan, run, store_plan, stored_edit

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
CONSENT = ConsentInput(ConsentPurpose.COUNSELLING, "Jobcenter", date(2026, 2, 1))


def ids(*values: int) -> frozenset[int]:
    return frozenset(values)


def note(content: str = "Anruf beim Jobcenter") -> NoteInput:
    return NoteInput(NOW, ContactKind.PHONE, content)


def follow_up_ids(lotse: Lotse, pid: int) -> dict[FollowUpKind, int]:
    return {row.kind: row.id for row in follow_ups_of(lotse.reads, pid)}


# --- every operation returns what it changed -------------------------------------------------


def test_creating_and_editing_a_participant_report_the_record_and_its_follow_ups(lotse):
    created = run(lotse, create_participant, {"program": Program.JOKO, "last_name": "Haddad"})
    pid = created.created
    assert created == Changes(participants=ids(pid), cases=ids(pid), created=pid)

    changes = run(
        lotse, update_participant, pid, {"residence_title_valid_until": date(2028, 6, 30)}
    )
    generated = follow_up_ids(lotse, pid)[FollowUpKind.RESIDENCE_TITLE_EXPIRY]
    assert changes == Changes(participants=ids(pid), follow_ups=ids(generated), cases=ids(pid))

    assert not run(lotse, update_participant, pid, {"last_name": "Haddad"})  # nothing new


def test_exit_reports_the_outcome_follow_ups_and_delete_reports_the_cascade(lotse):
    pid = add_person(lotse, "Mansour")
    nid = run(lotse, add_note, pid, note()).created
    exit_data = ExitData(date(2026, 11, 1), ExitReason.REGULAR_END, None)
    exited = run(lotse, exit_participant, pid, exit_data, today=date(2026, 11, 25))
    outcome_checks = set(follow_up_ids(lotse, pid).values())
    assert len(outcome_checks) == 2
    assert exited == Changes(participants=ids(pid), follow_ups=frozenset(outcome_checks),
                             cases=ids(pid))  # fmt: skip

    deleted = run(lotse, delete_participant, pid)
    assert deleted == Changes(
        participants=ids(pid),
        follow_ups=frozenset(outcome_checks),
        notes=ids(nid),  # ON DELETE CASCADE, seen by the database itself
        cases=ids(pid),
    )


def test_notes_follow_ups_and_consents_report_their_ids_and_person(lotse):
    pid = add_person(lotse, "Kovalenko", "Olena")
    added = run(lotse, add_note, pid, note())
    nid = added.created
    assert added == Changes(notes=ids(nid), cases=ids(pid), created=nid)
    assert run(lotse, update_note, nid, note("Rückruf")) == Changes(notes=ids(nid), cases=ids(pid))
    assert run(lotse, delete_note, nid) == Changes(notes=ids(nid), cases=ids(pid))

    made = run(lotse, create_follow_up, due_date=date(2026, 12, 3), title="Zeugnis",
               participant_id=pid)  # fmt: skip
    fid = made.created
    assert made == Changes(follow_ups=ids(fid), cases=ids(pid), created=fid)
    assert run(lotse, set_done, fid) == Changes(follow_ups=ids(fid), cases=ids(pid))
    assert run(lotse, delete_follow_up, fid) == Changes(follow_ups=ids(fid), cases=ids(pid))
    assert not run(lotse, delete_follow_up, fid)  # gone already: nothing changed

    given = run(lotse, add_consent, pid, CONSENT)
    cid = given.created
    assert given == Changes(consents=ids(cid), cases=ids(pid), created=cid)
    withdrawn = run(lotse, withdraw_consent, cid, date(2026, 10, 1), today=date(2026, 11, 25))
    assert withdrawn == Changes(consents=ids(cid), cases=ids(pid))


def test_courses_enrolments_measures_and_a_students_lists_report_their_kind(lotse):
    """A course belongs to nobody; an enrolment and a measure to their person (a measure's
    generated follow-up is reported with it); absences, exams, guardians and needs
    assessments count as the person's record."""
    today = date(2026, 11, 25)
    pid = add_person(lotse, "Nowak", "Łukasz")
    made = run(lotse, create_course, CourseInput(CourseKind.JOB_BSK, "Deutsch am Arbeitsplatz"))
    course = made.created
    assert made == Changes(courses=ids(course), created=course)
    enrolled = run(lotse, enroll, pid, EnrollmentInput(course), today=today)
    assert enrolled == Changes(enrollments=ids(enrolled.created), cases=ids(pid),
                               created=enrolled.created)  # fmt: skip
    applied = MeasureInput(MeasureKind.BAB, applied_on=date(2026, 11, 1),
                           status=MeasureStatus.APPLIED)  # fmt: skip
    added = run(lotse, add_measure, pid, applied, today=today)
    assert added.measures == ids(added.created) and added.cases == ids(pid)
    assert len(added.follow_ups) == 1  # "Maßnahme noch nicht bewilligt"
    person = Changes(participants=ids(pid), cases=ids(pid))
    absence = run(lotse, add_absence, pid, AbsenceInput(date(2026, 11, 3), 4), today=today)
    assert absence == replace(person, created=absence.created)
    exam = run(lotse, add_exam, pid, ExamInput(ExamKind.SCHOOL, "Klausur"), today=today)
    assert exam == replace(person, created=exam.created)
    assessed = run(lotse, add_assessment, pid,
                   AssessmentInput(date(2026, 11, 10), levels={"subject": NeedLevel.LOW}),
                   today=today)  # fmt: skip
    assert assessed == replace(person, created=assessed.created)


def test_settings_report_settings_and_no_person(lotse):
    assert run(lotse, save_settings, EXAMPLE_SETTINGS) == Changes(settings=True)
    assert not run(lotse, save_settings, EXAMPLE_SETTINGS)
    other = OfficeSettings(**{**EXAMPLE_SETTINGS.__dict__, "district": "Saalekreis"})
    assert run(lotse, save_settings, other) == Changes(settings=True)


def test_the_record_and_its_plan_are_saved_together_and_report_both(lotse):
    pid = add_person(lotse, "Hailu", "Selam")
    plan_id = new_plan(lotse, pid)
    edit = PlanEdit(
        PlanInput(situation="Sucht Arbeit in der Pflege"),
        (GoalInput("Deutsch B1", "Zertifikat", date(2027, 3, 1)),),
        (StepInput("Kurs anmelden", goal=0),),
    )
    changes = run(lotse, save_record, pid, {"city": "Halle (Saale)"}, (plan_id, edit))
    assert changes == Changes(participants=ids(pid), plans=ids(plan_id), cases=ids(pid))
    with lotse.reading() as uow:
        assert uow.session.get(Participant, pid).city == "Halle (Saale)"
    (goal,) = stored_edit(lotse, plan_id).goals
    assert goal.title == "Deutsch B1"


def test_a_bad_plan_keeps_the_record_unsaved_and_both_are_named(lotse):
    pid = add_person(lotse, "Hailu", "Selam", city="Stendal")
    plan_id = new_plan(lotse, pid)
    bad_plan = (
        plan_id,
        PlanEdit(PlanInput(), (GoalInput("Deutsch B1", "", date(2027, 3, 1)),), ()),
    )
    with pytest.raises(ValidationError) as refused:
        run(lotse, save_record, pid, {"city": "Halle (Saale)"}, bad_plan)
    assert [e.field for e in refused.value.errors] == ["plan.goals.0.indicator"]
    with lotse.reading() as uow:
        assert uow.session.get(Participant, pid).city == "Stendal"  # one transaction
    assert stored_edit(lotse, plan_id).goals == ()

    with pytest.raises(ValidationError) as refused:
        run(lotse, save_record, pid, {"postal_code": "12"}, bad_plan)
    assert [e.field for e in refused.value.errors] == ["postal_code", "plan.goals.0.indicator"]


# --- the unit of work ------------------------------------------------------------------------


def test_a_unit_of_work_commits_once(lotse):
    pid = add_person(lotse, "Popal")
    with lotse.unit_of_work() as uow:
        add_note(uow, pid, note())
        with pytest.raises(RuntimeError, match="commits once"):
            add_note(uow, pid, note("zweite"))
    assert len(notes_of(lotse.reads, pid)) == 1  # the first was committed, the second not


def test_a_reading_unit_cannot_commit(lotse):
    pid = add_person(lotse, "Popal")
    with lotse.reading() as uow, pytest.raises(RuntimeError, match="cannot commit"):
        add_note(uow, pid, note())
    assert notes_of(lotse.reads, pid) == []


def test_a_failed_operation_stores_nothing_not_even_derived_rows(lotse):
    pid = add_person(lotse, "Ahmadi")
    before = derived(lotse)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        update_participant(uow, pid, {"last_name": "Ahmadi-Karimi", "postal_code": "1"})
    assert derived(lotse) == before
    assert names(lotse, "karimi") == []


def test_raw_sql_writes_are_reported_and_indexed_too(lotse):
    pid = add_person(lotse, "Nazari")
    with lotse.unit_of_work() as uow:
        uow.connection.execute(
            "INSERT INTO contact_note (participant_id, occurred_at, kind, participants, topics, "
            "content, agreements, interpreter, interpreter_language, author, created_at, "
            "updated_at) VALUES (?, ?, 'phone', '', '', 'Schweißerkurs besprochen', '', 0, '', "
            "'', ?, ?)",
            (pid, "2026-11-25 09:30:00", "2026-11-25 09:30:00", "2026-11-25 09:30:00"),
        )
        changes = uow.commit()
    assert changes.cases == ids(pid) and len(changes.notes) == 1
    assert names(lotse, "schweisserkurs") == ["Nazari"]


def test_bulk_loading_reports_many_and_rebuilds(lotse):
    pid = add_person(lotse, "Safi")
    with lotse.unit_of_work() as uow:
        uow.load_in_bulk()
        uow.connection.execute("UPDATE participant SET last_name = 'Safi-Omari' WHERE id = ?",
                               (pid,))  # fmt: skip
        changes = uow.commit()
    assert changes.many and changes.concerns(12345)
    assert names(lotse, "omari") == ["Safi-Omari"]
    assert_derived_rows_as_rebuilt(lotse)
    # the next unit tracks again
    assert run(lotse, add_note, pid, note()).cases == ids(pid)


# --- derived rows equal a rebuild after any operations ---------------------------------------


def derived(lotse: Lotse) -> dict[str, list[tuple]]:
    conn = open_file(lotse.paths.database, lotse.database.key)
    try:
        return derived_rows.contents(conn)
    finally:
        conn.close()


def assert_derived_rows_as_rebuilt(lotse: Lotse) -> None:
    conn = open_file(lotse.paths.database, lotse.database.key)
    try:
        kept = derived_rows.contents(conn)
        conn.execute("BEGIN")
        derived_rows.rebuild(conn)
        rebuilt = derived_rows.contents(conn)
        conn.rollback()
    finally:
        conn.close()
    assert kept == rebuilt


def names(lotse: Lotse, text: str) -> list[str]:
    return [row.last_name for row in list_participants(lotse.reads, ListQuery(text=text))]


def every_service(lotse: Lotse, rng: Random) -> None:
    """Write through every operation there is, in an order ``rng`` chooses where it can."""
    people = [add_person(lotse, last, first, postal_code="06108")
              for last, first in (("Şahin", "Ayşe"), ("Żółć", "Łukasz"), ("Müller", "Jonas"),
                                  ("Коваленко", "Олена"))]  # fmt: skip
    note_ids = []
    for _round in range(3):
        pid = rng.choice(people)
        note_ids.append(run(lotse, add_note, pid, note(f"Betriebsbesuch {rng.random()}")).created)
        run(lotse, update_participant, rng.choice(people),
            {"city": rng.choice(["Halle", "Stendal", "Dessau"]),
             "residence_title_valid_until": date(2027, rng.randint(1, 12), 1)})  # fmt: skip
        fid = run(lotse, create_follow_up, due_date=date(2026, 12, rng.randint(1, 28)),
                  title="Anrufen", participant_id=rng.choice(people)).created  # fmt: skip
        if rng.random() < 0.5:
            run(lotse, set_done, fid)
        else:
            run(lotse, delete_follow_up, fid)
    run(lotse, update_note, note_ids[0], note("Straßenbahn-Ticket beantragt"))
    run(lotse, delete_note, note_ids[1])
    cid = run(lotse, add_consent, people[0], CONSENT).created
    run(lotse, withdraw_consent, cid, date(2026, 10, 1), today=date(2026, 11, 25))
    plan_id = new_plan(lotse, people[1])
    store_plan(lotse, plan_id, texts=PlanInput(next_review_on=date(2027, 1, 15)),
               goals=[GoalInput("Deutsch B1", "Zertifikat", date(2027, 3, 1))],
               steps=[StepInput("Kurs anmelden", goal=0)])  # fmt: skip
    run(lotse, record_signatures, plan_id,
        SignatureInput(participant_signed_on=date(2026, 11, 20),
                       coordinator_signed_on=date(2026, 11, 20)),
        today=date(2026, 11, 25))  # fmt: skip
    run(lotse, archive_print, plan_id, b"%PDF-1.4 demo", "de")
    (goal,) = stored_edit(lotse, plan_id).goals
    run(lotse, review_plan, plan_id, {goal.id: (GoalResult.ACHIEVED, "")})
    run(lotse, save_record, people[2], {"last_name": "Mueller-Lüdenscheidt"})
    exit_data = ExitData(date(2026, 11, 1), ExitReason.REGULAR_END, None)
    run(lotse, exit_participant, people[3], exit_data, today=date(2026, 11, 25))
    run(lotse, save_settings, EXAMPLE_SETTINGS)
    courses_and_training(lotse, rng, people[:3])
    run(lotse, delete_participant, rng.choice(people[:3]))


def courses_and_training(lotse: Lotse, rng: Random, people: list[int]) -> None:
    """The operations of issue #18: courses, enrolments, measures, a student's lists, a
    Fallkonferenz with a further organisation."""
    today = date(2026, 11, 25)
    kind, title = CourseKind.BSK_BASIC_B2, "Berufssprachkurs B2"
    course = run(lotse, create_course, CourseInput(kind, title, start=date(2026, 9, 1),
                 end=date(2027, 3, 1), teaching_units=400)).created  # fmt: skip
    pid = rng.choice(people)
    enrolment = run(lotse, enroll, pid, EnrollmentInput(course, registered_on=date(2026, 8, 20)),
                    today=today).created  # fmt: skip
    run(lotse, update_enrollment, enrolment,
        EnrollmentInput(course, EnrollmentStatus.ONGOING, registered_on=date(2026, 8, 20)),
        today=today)  # fmt: skip
    measure = run(lotse, add_measure, rng.choice(people),
                  MeasureInput(MeasureKind.TUTORING, applied_on=date(2026, 10, 1),
                               status=MeasureStatus.APPLIED), today=today).created  # fmt: skip
    run(lotse, update_measure, measure,
        MeasureInput(MeasureKind.TUTORING, applied_on=date(2026, 10, 1),
                     approved_on=date(2026, 11, 2), status=MeasureStatus.APPROVED,
                     end=date(2027, 2, 1)), today=today)  # fmt: skip
    student = rng.choice(people)
    absence = run(lotse, add_absence, student, AbsenceInput(date(2026, 11, 3), 6, 2),
                  today=today).created  # fmt: skip
    run(lotse, update_absence, absence, AbsenceInput(date(2026, 11, 3), 8, 2), today=today)
    run(lotse, add_exam, student, ExamInput(ExamKind.INTERMEDIATE, "Zwischenprüfung",
        date(2026, 10, 12), ExamResult.PASSED), today=today)  # fmt: skip
    run(lotse, add_guardian, student, GuardianInput("Ірина Коваленко"))
    run(lotse, add_assessment, student,
        AssessmentInput(date(2026, 11, 10), "Schüler, Klassenleitung",
                        {"language": NeedLevel.HIGH}, {"language": "Fachsprache"}),
        today=today)  # fmt: skip
    school_input = OrganizationInput("BBS II Halle", kind=OrganizationKind.SCHOOL)
    school = run(lotse, create_organization, school_input).created
    run(lotse, add_note, student,
        replace(note("Runder Tisch"), kind=ContactKind.CASE_CONFERENCE,
                organizations=((school, None),)))  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_writing_through_every_service_the_derived_rows_equal_a_rebuild(lotse, seed):
    every_service(lotse, Random(seed))
    assert_derived_rows_as_rebuilt(lotse)
    assert names(lotse, "luedenscheidt") in ([], ["Mueller-Lüdenscheidt"])  # unless deleted


# --- derived rows after an upgrade or a new derivation ---------------------------------------


def test_derived_rows_of_another_version_are_rebuilt_at_the_next_start(lotse):
    pid = add_person(lotse, "Weiß", "Chantal")
    run(lotse, add_note, pid, note("Praktikum Tischlerei"))
    paths = DataPaths(lotse.paths.root)
    lotse.close()
    key = lotse.database.key
    with closing(open_file(paths.database, key)) as conn:  # as an older program left them
        conn.execute("DELETE FROM participant_search")
        conn.execute("PRAGMA user_version = 0")
    reopened = bootstrap(paths, key=key)
    try:
        assert names(reopened, "tischlerei") == ["Weiß"]
        assert derived_rows.stamped_version(reopened.reads) == derived_rows.VERSION
    finally:
        reopened.close()


def test_current_derived_rows_are_left_alone_at_start(lotse):
    pid = add_person(lotse, "Weiß", "Chantal")
    paths = DataPaths(lotse.paths.root)
    lotse.close()
    key = lotse.database.key
    with closing(open_file(paths.database, key)) as conn:  # a mark that a rebuild would wipe out
        conn.execute("UPDATE participant_list SET school_class = 'untouched' WHERE id = ?", (pid,))
    reopened = bootstrap(paths, key=key)
    try:
        assert reopened.reads.one("SELECT school_class FROM participant_list")[0] == "untouched"
    finally:
        reopened.close()
