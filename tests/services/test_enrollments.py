"""Kursteilnahmen: enrolling, every allowed status change and every refused one, the reason
and the dates they need, one open enrolment per course, the level update only after
``adopt_level``, the link to a plan goal, the reads for the tab, the course side and the
dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import product

import pytest
from sqlmodel import select

from app.bootstrap import Lotse
from app.db.changes import NOTHING, Changes
from app.errors import ValidationError
from app.models.audit import AuditEvent
from app.models.courses import Course, Enrollment
from app.models.organization import Organization
from app.models.support_plan import Goal, SupportPlan
from app.services.enrollments import (
    NEXT,
    ORDER,
    EnrollmentInput,
    adopt_level,
    course_choices,
    delete_enrollment,
    enroll,
    enrollments_of_course,
    enrollments_of_participant,
    level_update_offer,
    linked_goal_id,
    next_statuses,
    plan_goal_choices,
    suggested_proof,
    transition_problem,
    update_enrollment,
)
from app.services.participants import ExitData, exit_participant, get_participant
from app.services.support_plans.editing import GoalInput
from app.vocab import (
    CourseKind,
    EnrollmentStatus,
    ExamResult,
    ExitReason,
    GermanLevel,
    GermanProofKind,
    PlanStatus,
)
from tests.services.helpers import add_person, new_plan, run, store_plan

S = EnrollmentStatus
TODAY = date(2026, 11, 25)
COURSE_START = date(2026, 6, 1)
REGISTERED_ON = date(2026, 5, 4)
LEFT_ON = date(2026, 11, 20)
ALLOWED = {
    (S.REGISTERED, S.ONGOING),
    (S.REGISTERED, S.DROPPED),
    (S.ONGOING, S.COMPLETED),
    (S.ONGOING, S.DROPPED),
}


def make_course(
    lotse: Lotse,
    title: str = "Berufssprachkurs B2 Pflege",
    kind: CourseKind = CourseKind.BSK_BASIC_B2,
    *,
    start: date | None = COURSE_START,
    end: date | None = date(2026, 12, 18),
    provider: str = "Sprachschule Halle",
) -> int:
    """A course of a provider (the catalogue's service is not needed for this)."""
    with lotse.unit_of_work() as uow:
        organization = Organization(name=provider, city="Halle (Saale)")
        uow.session.add(organization)
        uow.session.flush()
        course = Course(
            kind=kind,
            title=title,
            provider_id=organization.id,
            target_level=GermanLevel.B2,
            start=start,
            end=end,
        )
        uow.session.add(course)
        uow.session.flush()
        assert course.id is not None
        course_id = course.id
        uow.commit()
    return course_id


def data(course_id: int, status: EnrollmentStatus = S.REGISTERED, **values) -> EnrollmentInput:
    """What the dialog sends for ``status``, with the dates and reason that status needs."""
    if status in (S.COMPLETED, S.DROPPED):
        values.setdefault("left_on", LEFT_ON)
    if status == S.DROPPED:
        values.setdefault("dropout_reason", "Arbeitsaufnahme in Vollzeit.")
    return EnrollmentInput(
        course_id=course_id, status=status, registered_on=REGISTERED_ON, **values
    )


def enrolled(lotse: Lotse, pid: int, course_id: int, status=S.REGISTERED, **values) -> int:
    changes = run(lotse, enroll, pid, data(course_id, status, **values), today=TODAY)
    assert changes.created is not None
    return changes.created


def stored(lotse: Lotse, enrollment_id: int) -> Enrollment:
    with lotse.reading() as uow:
        found = uow.session.get(Enrollment, enrollment_id)
        assert found is not None
        uow.session.expunge(found)
        return found


def refused(lotse: Lotse, operation, *args, **kwargs) -> list[tuple[str, str, str]]:
    """The (field, label, message) of each problem (the tests check that nothing changed)."""
    with pytest.raises(ValidationError) as raised:
        run(lotse, operation, *args, **kwargs)
    return [(e.field, e.label, e.message) for e in raised.value.errors]


def german_level(lotse: Lotse, pid: int) -> tuple:
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        return person.german_level, person.german_proof, person.german_proof_on


@pytest.fixture
def case(lotse) -> tuple[Lotse, int, int]:
    pid = add_person(lotse, "Şahin", "Ayşe", german_level=GermanLevel.A2)
    return lotse, pid, make_course(lotse)


# -- enrolling ---------------------------------------------------------------------------------


def test_an_enrolment_is_stored_with_exact_changes_and_read_for_both_sides(case):
    lotse, pid, course_id = case
    changes = run(
        lotse,
        enroll,
        pid,
        data(course_id, exam="telc Deutsch B2 Beruf", notes="Abendkurs"),
        today=TODAY,
    )
    assert changes.created is not None
    assert changes == Changes(
        enrollments=frozenset({changes.created}), cases=frozenset({pid}), created=changes.created
    )
    [row] = enrollments_of_participant(lotse.reads, pid)
    assert row == enrollments_of_course(lotse.reads, course_id)[0]
    assert (row.id, row.participant_name, row.course_title, row.provider_name) == (
        changes.created,
        "Ayşe Şahin",
        "Berufssprachkurs B2 Pflege",
        "Sprachschule Halle",
    )
    assert (row.course_kind, row.course_start, row.status, row.registered_on) == (
        CourseKind.BSK_BASIC_B2,
        COURSE_START,
        S.REGISTERED,
        REGISTERED_ON,
    )
    assert (row.exam, row.notes, row.left_on, row.level_reached) == (
        "telc Deutsch B2 Beruf",
        "Abendkurs",
        None,
        None,
    )
    with lotse.reading() as uow:
        [event] = uow.session.exec(
            select(AuditEvent).where(AuditEvent.entity == "enrollment")
        ).all()
    assert (event.action, event.entity_id) == ("create", changes.created)
    assert event.fields == ["course_id", "exam", "notes", "registered_on", "status"]


def test_a_new_enrolment_may_record_a_course_that_has_ended_already(case):
    lotse, pid, course_id = case
    done = enrolled(lotse, pid, course_id, S.COMPLETED, level_reached=GermanLevel.B1)
    dropped = enrolled(lotse, pid, make_course(lotse, "Integrationskurs"), S.DROPPED)
    assert stored(lotse, done).status == S.COMPLETED
    assert stored(lotse, dropped).dropout_reason == "Arbeitsaufnahme in Vollzeit."
    assert next_statuses(None) == list(ORDER)


def test_one_open_enrolment_per_person_and_course(case):
    lotse, pid, course_id = case
    first = enrolled(lotse, pid, course_id)
    assert refused(lotse, enroll, pid, data(course_id, S.ONGOING), today=TODAY) == [
        ("course_id", "Kurs", "Die Person ist bereits für diesen Kurs angemeldet („angemeldet“).")
    ]
    run(lotse, update_enrollment, first, data(course_id, S.DROPPED), today=TODAY)
    second = enrolled(lotse, pid, course_id)  # after the drop-out: a new registration is fine
    other = add_person(lotse, "Nowak", "Łukasz")
    enrolled(lotse, other, course_id)  # another person in the same course
    assert [row.id for row in enrollments_of_participant(lotse.reads, pid)] == [second, first]
    # an edit may not make a second open one either
    closed_course = make_course(lotse, "Job-BSK", CourseKind.JOB_BSK)
    third = enrolled(lotse, pid, closed_course)
    assert [
        e[0] for e in refused(lotse, update_enrollment, third, data(course_id), today=TODAY)
    ] == ["course_id"]


def test_who_and_which_course_are_checked(case):
    lotse, pid, course_id = case
    assert refused(lotse, enroll, pid, data(None), today=TODAY) == [  # type: ignore[arg-type]
        ("course_id", "Kurs", "Bitte wählen Sie einen Eintrag.")
    ]
    assert refused(lotse, enroll, pid, data(987654), today=TODAY) == [
        ("course_id", "Kurs", "Der gewählte Eintrag existiert nicht (mehr).")
    ]
    problems = refused(lotse, enroll, 9999, data(987654), today=TODAY)
    assert [p[0] for p in problems] == ["participant_id", "course_id"]
    assert problems[0][2] == "Keine teilnehmende Person mit der Nummer 9999."
    run(
        lotse,
        exit_participant,
        pid,
        ExitData(exit_date=date(2026, 11, 1), reason=ExitReason.GOAL_REACHED, outcome=None),
    )
    [(field, label, message)] = refused(lotse, enroll, pid, data(course_id), today=TODAY)
    assert (field, label) == ("participant_id", "Teilnehmende Person")
    assert "Ayşe Şahin ist ausgetreten" in message
    assert enrollments_of_participant(lotse.reads, pid) == []


# -- statuses ----------------------------------------------------------------------------------


def test_the_allowed_changes_are_the_ones_written_out():
    assert {(here, there) for here, nexts in NEXT.items() for there in nexts} == ALLOWED
    for here, there in product(ORDER, ORDER):
        allowed = here == there or (here, there) in ALLOWED
        assert (transition_problem(here, there) is None) == allowed, (here, there)
    assert next_statuses(S.REGISTERED) == [S.REGISTERED, S.ONGOING, S.DROPPED]
    assert next_statuses(S.COMPLETED) == [S.COMPLETED]


@pytest.mark.parametrize(("here", "there"), sorted(ALLOWED))
def test_each_allowed_change_is_stored(case, here, there):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id, here)
    changes = run(lotse, update_enrollment, enrollment_id, data(course_id, there), today=TODAY)
    assert changes == Changes(enrollments=frozenset({enrollment_id}), cases=frozenset({pid}))
    after = stored(lotse, enrollment_id)
    assert after.status == there
    assert after.left_on == (LEFT_ON if there in (S.COMPLETED, S.DROPPED) else None)


REFUSED = [
    (
        S.REGISTERED,
        S.COMPLETED,
        "„abgeschlossen“ ist erst nach „laufend“ möglich (jetzt: „angemeldet“).",
    ),
    (
        S.ONGOING,
        S.REGISTERED,
        "„angemeldet“ liegt vor „laufend“: Eine Kursteilnahme geht nicht zurück.",
    ),
    *(
        (
            here,
            there,
            f"Die Kursteilnahme ist beendet („{here.label}“); ihr Status kann nicht mehr zu "
            f"„{there.label}“ wechseln.",
        )
        for here in (S.COMPLETED, S.DROPPED)
        for there in ORDER
        if there != here
    ),
]


@pytest.mark.parametrize(("here", "there", "message"), REFUSED)
def test_each_refused_change_names_both_statuses_and_stores_nothing(case, here, there, message):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id, here)
    before = stored(lotse, enrollment_id)
    problems = refused(lotse, update_enrollment, enrollment_id, data(course_id, there), today=TODAY)
    assert problems[0] == ("status", "Status", message)
    assert f"„{here.label}“" in message and f"„{there.label}“" in message
    assert stored(lotse, enrollment_id) == before


def test_an_ended_enrolment_stays_editable_without_its_status(case):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id, S.COMPLETED, exam="telc B2")
    later = data(
        course_id,
        S.COMPLETED,
        exam="telc B2",
        exam_on=date(2026, 11, 21),
        exam_result=ExamResult.PASSED,
        level_reached=GermanLevel.B2,
    )
    changes = run(lotse, update_enrollment, enrollment_id, later, today=TODAY)
    assert changes == Changes(enrollments=frozenset({enrollment_id}), cases=frozenset({pid}))
    assert stored(lotse, enrollment_id).exam_result == ExamResult.PASSED
    assert run(lotse, update_enrollment, enrollment_id, later, today=TODAY) == NOTHING


# -- the reason and the dates ------------------------------------------------------------------


def test_dropping_out_needs_the_reason_and_the_day(case):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id, S.ONGOING)
    bare = data(course_id, S.DROPPED, dropout_reason="", left_on=None)
    assert refused(lotse, update_enrollment, enrollment_id, bare, today=TODAY) == [
        ("dropout_reason", "Abbruchgrund", "Bitte geben Sie den Abbruchgrund an."),
        (
            "left_on",
            "Beendet am",
            "Bitte geben Sie den Tag an, an dem der Kurs für die Person endete.",
        ),
    ]
    assert stored(lotse, enrollment_id).status == S.ONGOING


def test_completing_needs_the_day(case):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id, S.ONGOING)
    problems = refused(
        lotse,
        update_enrollment,
        enrollment_id,
        data(course_id, S.COMPLETED, left_on=None),
        today=TODAY,
    )
    assert [p[:2] for p in problems] == [("left_on", "Beendet am")]


def test_the_day_it_ended_is_not_before_the_registration_the_start_or_after_today(case):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id, S.ONGOING)

    def problem(left_on: date, registered_on: date = REGISTERED_ON) -> list:
        wrong = replace(data(course_id, S.COMPLETED, left_on=left_on), registered_on=registered_on)
        return refused(lotse, update_enrollment, enrollment_id, wrong, today=TODAY)

    assert problem(date(2026, 5, 1)) == [
        ("left_on", "Beendet am", "Das Datum darf nicht vor Angemeldet am (04.05.2026) liegen.")
    ]
    assert problem(date(2026, 5, 20)) == [
        ("left_on", "Beendet am", "Das Datum darf nicht vor Kursbeginn (01.06.2026) liegen.")
    ]
    assert problem(TODAY + timedelta(days=1)) == [
        ("left_on", "Beendet am", "Das Datum darf nicht in der Zukunft liegen.")
    ]
    assert [p[0] for p in problem(LEFT_ON, TODAY + timedelta(days=3))] == ["registered_on"]
    assert stored(lotse, enrollment_id).status == S.ONGOING


def test_fields_that_belong_to_another_status_are_refused(case):
    lotse, pid, course_id = case
    wrong = data(
        course_id,
        S.ONGOING,
        left_on=LEFT_ON,
        dropout_reason="Umzug",
        level_reached=GermanLevel.B1,
    )
    assert refused(lotse, enroll, pid, wrong, today=TODAY) == [
        ("dropout_reason", "Abbruchgrund", "Nur bei einer abgebrochenen Kursteilnahme."),
        (
            "left_on",
            "Beendet am",
            "Nur bei einer abgeschlossenen oder abgebrochenen Kursteilnahme.",
        ),
        ("level_reached", "Erreichtes Niveau", "Nur bei einem abgeschlossenen Kurs."),
    ]
    dropped_with_level = data(course_id, S.DROPPED, level_reached=GermanLevel.B1)
    assert [p[0] for p in refused(lotse, enroll, pid, dropped_with_level, today=TODAY)] == [
        "level_reached"
    ]


def test_an_exam_result_needs_an_exam_that_has_taken_place(case):
    lotse, pid, course_id = case
    planned = data(course_id, exam="DTZ", exam_on=TODAY + timedelta(days=14))
    enrollment_id = enrolled(lotse, pid, course_id, exam="DTZ", exam_on=TODAY + timedelta(14))
    assert stored(lotse, enrollment_id).exam_on == TODAY + timedelta(days=14)
    result = replace(planned, exam_result=ExamResult.PASSED)
    problems = refused(lotse, update_enrollment, enrollment_id, result, today=TODAY)
    assert [p[:2] for p in problems] == [("exam_on", "Prüfungsdatum")]
    pending = replace(planned, exam_result=ExamResult.PENDING)
    run(lotse, update_enrollment, enrollment_id, pending, today=TODAY)
    too_long = replace(planned, exam="x" * 101)
    problems = refused(lotse, update_enrollment, enrollment_id, too_long, today=TODAY)
    assert [p[0] for p in problems] == ["exam"]


# -- the German level --------------------------------------------------------------------------


def completed_with(lotse: Lotse, pid: int, course_id: int, level: GermanLevel) -> int:
    enrollment_id = enrolled(lotse, pid, course_id, S.ONGOING, exam="telc Deutsch B1")
    done = data(
        course_id,
        S.COMPLETED,
        exam="telc Deutsch B1",
        exam_on=date(2026, 11, 18),
        exam_result=ExamResult.PASSED,
        level_reached=level,
    )
    run(lotse, update_enrollment, enrollment_id, done, today=TODAY)
    return enrollment_id


def test_completing_leaves_the_level_and_adopting_it_changes_it(case):
    lotse, pid, course_id = case
    enrollment_id = completed_with(lotse, pid, course_id, GermanLevel.B1)
    assert german_level(lotse, pid) == (GermanLevel.A2, None, None)  # never by itself
    offer = level_update_offer(lotse.reads, enrollment_id)
    assert offer is not None
    assert (offer.current, offer.reached, offer.exam, offer.exam_on, offer.exam_result) == (
        GermanLevel.A2,
        GermanLevel.B1,
        "telc Deutsch B1",
        date(2026, 11, 18),
        ExamResult.PASSED,
    )
    assert (offer.suggested_proof, offer.suggested_on) == (GermanProofKind.TELC, date(2026, 11, 18))
    changes = run(
        lotse, adopt_level, enrollment_id, GermanProofKind.TELC, date(2026, 11, 18), today=TODAY
    )
    assert changes == Changes(participants=frozenset({pid}), cases=frozenset({pid}))
    assert german_level(lotse, pid) == (GermanLevel.B1, GermanProofKind.TELC, date(2026, 11, 18))
    assert level_update_offer(lotse.reads, enrollment_id) is None  # nothing higher any more
    with lotse.reading() as uow:
        [event] = uow.session.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "participant", AuditEvent.action == "update"
            )
        ).all()
    assert event.fields == ["german_level", "german_proof", "german_proof_on"]


def test_adopting_refuses_a_level_that_is_not_higher(case):
    lotse, pid, course_id = case
    enrollment_id = completed_with(lotse, pid, course_id, GermanLevel.A2)  # the same as now
    assert level_update_offer(lotse.reads, enrollment_id) is None
    assert refused(lotse, adopt_level, enrollment_id, None, date(2026, 11, 18), today=TODAY) == [
        (
            "german_level",
            "Deutschniveau (GER)",
            "Das erreichte Niveau (A2) ist nicht höher als das der Person (A2).",
        )
    ]
    lower = completed_with(lotse, pid, make_course(lotse, "Integrationskurs"), GermanLevel.A1)
    assert level_update_offer(lotse.reads, lower) is None
    assert [p[0] for p in refused(lotse, adopt_level, lower, None, TODAY, today=TODAY)] == [
        "german_level"
    ]
    assert german_level(lotse, pid) == (GermanLevel.A2, None, None)


def test_adopting_needs_a_completion_with_a_level_and_a_proof_date(case):
    lotse, pid, course_id = case
    running = enrolled(lotse, pid, course_id, S.ONGOING)
    assert level_update_offer(lotse.reads, running) is None
    problems = refused(lotse, adopt_level, running, GermanProofKind.TELC, None, today=TODAY)
    assert [p[0] for p in problems] == ["german_level", "german_proof_on"]
    assert problems[1][1:] == ("Nachweisdatum", "Bitte geben Sie ein Datum ein.")
    done = completed_with(lotse, pid, make_course(lotse, "Job-BSK"), GermanLevel.B2)
    future = refused(lotse, adopt_level, done, None, TODAY + timedelta(days=1), today=TODAY)
    assert future == [
        ("german_proof_on", "Nachweisdatum", "Das Datum darf nicht in der Zukunft liegen.")
    ]
    assert refused(lotse, adopt_level, 4242, None, TODAY, today=TODAY)[0][0] == "id"
    assert german_level(lotse, pid) == (GermanLevel.A2, None, None)


def test_a_person_without_a_level_is_offered_any_level(lotse):
    pid = add_person(lotse, "Haddad", "Omar")
    course_id = make_course(lotse, "Integrationskurs", CourseKind.INTEGRATION_GENERAL)
    nothing = enrolled(lotse, pid, course_id, S.COMPLETED, level_reached=GermanLevel.NONE)
    assert level_update_offer(lotse.reads, nothing) is None  # "keine" is nothing to adopt
    assert refused(lotse, adopt_level, nothing, None, LEFT_ON, today=TODAY) == [
        (
            "german_level",
            "Deutschniveau (GER)",
            "Das erreichte Niveau (keine Deutschkenntnisse) ist nicht höher als das der "
            "Person (—).",
        )
    ]
    enrollment_id = enrolled(lotse, pid, course_id, S.COMPLETED, level_reached=GermanLevel.A1)
    offer = level_update_offer(lotse.reads, enrollment_id)
    assert offer is not None and (offer.current, offer.reached) == (None, GermanLevel.A1)
    assert (offer.suggested_proof, offer.suggested_on) == (None, LEFT_ON)
    run(lotse, adopt_level, enrollment_id, None, LEFT_ON, today=TODAY)
    assert german_level(lotse, pid) == (GermanLevel.A1, None, LEFT_ON)


def test_the_proof_suggested_by_the_exam_or_the_course():
    assert suggested_proof("DTZ", CourseKind.INTEGRATION_GENERAL) == GermanProofKind.DTZ
    assert suggested_proof("Goethe-Zertifikat B1", CourseKind.OTHER) == GermanProofKind.GOETHE
    assert suggested_proof("ÖSD B2", CourseKind.OTHER) == GermanProofKind.OSD
    assert suggested_proof("", CourseKind.BSK_SPECIAL_B1) == GermanProofKind.BSK_CERTIFICATE
    assert suggested_proof("Abschlusstest", CourseKind.INTEGRATION_YOUTH) == GermanProofKind.DTZ
    assert suggested_proof("", CourseKind.DRIVING_LICENCE) is None


# -- the plan goal -----------------------------------------------------------------------------


def plan_with_goals(lotse: Lotse, pid: int, *titles: str) -> tuple[int, list[int]]:
    plan_id = new_plan(lotse, pid, today=TODAY)
    goals = [GoalInput(title, "Teilnahmebescheinigung", date(2027, 6, 30)) for title in titles]
    store_plan(lotse, plan_id, goals=goals)
    return plan_id, [choice.id for choice in plan_goal_choices(lotse.reads, pid)]


def goal_courses(lotse: Lotse, goal_ids: list[int]) -> list[int | None]:
    with lotse.reading() as uow:
        return [uow.session.get(Goal, goal_id).course_id for goal_id in goal_ids]  # type: ignore[union-attr]


def test_a_course_in_a_plan_goal_links_to_it(case):
    lotse, pid, course_id = case
    plan_id, goals = plan_with_goals(lotse, pid, "Deutsch B2 erreichen", "Führerschein Klasse B")
    assert [c.title for c in plan_goal_choices(lotse.reads, pid)] == [
        "Deutsch B2 erreichen",
        "Führerschein Klasse B",
    ]
    changes = run(lotse, enroll, pid, data(course_id, goal_id=goals[0]), today=TODAY)
    assert changes == Changes(
        plans=frozenset({plan_id}),
        enrollments=frozenset({changes.created}),
        cases=frozenset({pid}),
        created=changes.created,
    )
    assert goal_courses(lotse, goals) == [course_id, None]
    assert linked_goal_id(lotse.reads, pid, course_id) == goals[0]
    enrollment_id = changes.created
    assert enrollment_id is not None
    # another goal: the first one lets go
    moved = run(
        lotse, update_enrollment, enrollment_id, data(course_id, goal_id=goals[1]), today=TODAY
    )
    assert moved == Changes(plans=frozenset({plan_id}), cases=frozenset({pid}))
    assert goal_courses(lotse, goals) == [None, course_id]
    # another course: the goal follows
    other = make_course(lotse, "Berufssprachkurs B2 Handel")
    run(lotse, update_enrollment, enrollment_id, data(other, goal_id=goals[1]), today=TODAY)
    assert goal_courses(lotse, goals) == [None, other]
    # no goal: unlinked; deleting the enrolment leaves the goals as they are
    run(lotse, update_enrollment, enrollment_id, data(other), today=TODAY)
    assert goal_courses(lotse, goals) == [None, None]
    run(lotse, update_enrollment, enrollment_id, data(other, goal_id=goals[0]), today=TODAY)
    deleted = run(lotse, delete_enrollment, enrollment_id)
    assert deleted == Changes(enrollments=frozenset({enrollment_id}), cases=frozenset({pid}))
    assert goal_courses(lotse, goals) == [other, None]
    assert enrollments_of_participant(lotse.reads, pid) == []


def test_only_a_goal_of_the_persons_open_plan(case):
    lotse, pid, course_id = case
    other = add_person(lotse, "Nowak", "Łukasz")
    _plan, [foreign] = plan_with_goals(lotse, other, "Ausbildung abschließen")
    plan_id, [own] = plan_with_goals(lotse, pid, "Deutsch B2 erreichen")
    assert refused(lotse, enroll, pid, data(course_id, goal_id=foreign), today=TODAY) == [
        ("goal_id", "Förderplanziel", "Das Ziel gehört zum Förderplan einer anderen Person.")
    ]
    with lotse.unit_of_work() as uow:
        plan = uow.session.get(SupportPlan, plan_id)
        assert plan is not None
        plan.status = PlanStatus.CLOSED
        uow.commit()
    assert plan_goal_choices(lotse.reads, pid) == []
    [(field, _label, message)] = refused(
        lotse, enroll, pid, data(course_id, goal_id=own), today=TODAY
    )
    assert field == "goal_id" and "abgeschlossen" in message
    assert [p[0] for p in refused(lotse, enroll, pid, data(course_id, goal_id=0), today=TODAY)] == [
        "goal_id"
    ]
    assert goal_courses(lotse, [own, foreign]) == [None, None]


# -- the reads ---------------------------------------------------------------------------------


def test_the_course_choices_leave_out_courses_long_over(lotse):
    recent = make_course(lotse, "B Kurs", start=date(2026, 3, 1), end=date(2026, 7, 1))
    old = make_course(lotse, "A Kurs", start=date(2025, 1, 1), end=date(2025, 6, 30))
    open_ended = make_course(lotse, "C Kurs", start=None, end=None)
    choices = course_choices(lotse.reads, TODAY)
    assert [c.id for c in choices] == [recent, open_ended]
    assert choices[0].provider_name == "Sprachschule Halle"
    assert choices[0].start == date(2026, 3, 1) and choices[0].kind == CourseKind.BSK_BASIC_B2
    assert [c.id for c in course_choices(lotse.reads, TODAY, include_id=old)] == [
        old,
        recent,
        open_ended,
    ]


def test_a_course_lists_the_open_enrolments_first_then_by_name(lotse):
    course_id = make_course(lotse)
    people = {
        name: add_person(lotse, name, first)
        for name, first in (("Zander", "Maria"), ("Abbas", "Rami"), ("Müller", "Jana"))
    }
    enrolled(lotse, people["Abbas"], course_id, S.DROPPED)
    enrolled(lotse, people["Zander"], course_id)
    enrolled(lotse, people["Müller"], course_id, S.ONGOING)
    names = [row.participant_name for row in enrollments_of_course(lotse.reads, course_id)]
    assert names == ["Jana Müller", "Maria Zander", "Rami Abbas"]


def test_deleting_an_enrolment_that_is_gone_is_refused(case):
    lotse, pid, course_id = case
    enrollment_id = enrolled(lotse, pid, course_id)
    run(lotse, delete_enrollment, enrollment_id)
    assert refused(lotse, delete_enrollment, enrollment_id) == [
        ("id", "Kursteilnahme", "Der Eintrag existiert nicht mehr.")
    ]
    gone = refused(lotse, update_enrollment, enrollment_id, data(course_id), today=TODAY)
    assert gone[0][0] == "id"
