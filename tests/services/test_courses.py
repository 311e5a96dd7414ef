"""The course catalogue: create, edit and delete a course (delete refused while it has
enrolments), the checks with their German messages, and the catalogue's search, filters,
Zeitraum and order."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.bootstrap import Lotse
from app.db.changes import NOTHING, Changes
from app.errors import ValidationError
from app.models.courses import Enrollment
from app.models.support_plan import Goal
from app.services.courses import (
    CourseCatalogue,
    CourseInput,
    CourseQuery,
    Timing,
    course_counts,
    course_kinds,
    course_providers,
    create_course,
    delete_course,
    get_course,
    list_courses,
    update_course,
)
from app.services.organizations import OrganizationInput, create_organization
from app.vocab import (
    CourseFormat,
    CourseFunding,
    CourseKind,
    EnrollmentStatus,
    GermanLevel,
    OrganizationKind,
    TimeModel,
)
from tests.services.helpers import add_person, new_plan, run

TODAY = date(2026, 11, 25)


def ids(*values: int) -> frozenset[int]:
    return frozenset(values)


def add_provider(lotse: Lotse, name: str = "VHS Halle", **values) -> int:
    values.setdefault("kind", OrganizationKind.EDUCATION_PROVIDER)
    changes = run(lotse, create_organization, OrganizationInput(name=name, **values))
    assert changes.created is not None
    return changes.created


def add_course(lotse: Lotse, title: str, **values) -> int:
    values.setdefault("kind", CourseKind.BSK_BASIC_B2)
    changes = run(lotse, create_course, CourseInput(title=title, **values))
    assert changes.created is not None
    return changes.created


def enrol(lotse: Lotse, participant_id: int, course_id: int, status: EnrollmentStatus) -> int:
    """An enrolment row as app.services.enrollments stores it (written directly here)."""
    with lotse.unit_of_work() as uow:
        row = Enrollment(participant_id=participant_id, course_id=course_id, status=status)
        uow.session.add(row)
        uow.session.flush()
        assert row.id is not None
        uow.commit()
    return row.id


def refused(lotse: Lotse, data: CourseInput) -> dict[str, tuple[str, str]]:
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as error:
        create_course(uow, data)
    return {e.field: (e.label, e.message) for e in error.value.errors}


def audit_events(lotse: Lotse) -> list[tuple[str, int, list[str]]]:
    rows = lotse.reads.rows(
        "SELECT action, entity_id, fields FROM audit_event WHERE entity = 'course' ORDER BY id"
    )
    return [(action, entity_id, json.loads(fields)) for action, entity_id, fields in rows]


def course_count(lotse: Lotse) -> int:
    return lotse.reads.one("SELECT count(*) FROM course")[0]


def titles(lotse: Lotse, text: str = "", **filters) -> list[str]:
    return [row.title for row in list_courses(lotse.reads, CourseQuery(text, **filters), TODAY)]


B2_COURSE = CourseInput(
    kind=CourseKind.BSK_BASIC_B2,
    title="  Berufssprachkurs B2 Pflege  ",
    target_level=GermanLevel.B2,
    start=date(2027, 1, 11),
    end=date(2027, 6, 30),
    teaching_units=400,
    format=CourseFormat.IN_PERSON,
    time_model=TimeModel.FULL_TIME,
    funding=CourseFunding.BAMF,
    places=15,
    location="Halle (Saale)",
    notes="Einstufungstest vorher",
)


# -- create, edit, delete -------------------------------------------------------------------


def test_a_course_is_stored_with_every_field_and_an_audit_event(lotse):
    provider = add_provider(lotse)
    changes = run(lotse, create_course, replace(B2_COURSE, provider_id=provider))
    course_id = changes.created
    assert course_id is not None
    assert changes == Changes(courses=ids(course_id), created=course_id)
    record = get_course(lotse.reads, course_id)
    assert record is not None
    assert record.data == replace(
        B2_COURSE, title="Berufssprachkurs B2 Pflege", provider_id=provider
    )
    assert (record.provider_name, record.enrolled, record.enrollments) == ("VHS Halle", 0, 0)
    ((action, entity_id, fields),) = audit_events(lotse)
    assert (action, entity_id) == ("create", course_id)
    assert {"kind", "title", "provider_id", "notes", "places"} <= set(fields)


def test_an_edit_stores_what_changed_and_an_unchanged_form_stores_nothing(lotse):
    course_id = add_course(lotse, "Job-BSK Lager", kind=CourseKind.JOB_BSK, teaching_units=150)
    record = get_course(lotse.reads, course_id)
    assert record is not None
    assert run(lotse, update_course, course_id, record.data) is NOTHING
    edited = replace(record.data, places=8, location="Merseburg")
    assert run(lotse, update_course, course_id, edited) == Changes(courses=ids(course_id))
    after = get_course(lotse.reads, course_id)
    assert after is not None
    assert (after.data.places, after.data.location, after.data.teaching_units) == (
        8,
        "Merseburg",
        150,
    )
    assert audit_events(lotse)[-1] == ("update", course_id, ["location", "places"])


def test_a_course_without_enrolments_is_deleted_and_a_goal_keeps_its_text(lotse):
    course_id = add_course(lotse, "Integrationskurs Vormittag")
    person = add_person(lotse, "Şahin", "Ayşe")
    plan_id = new_plan(lotse, person)
    with lotse.unit_of_work() as uow:
        uow.session.add(Goal(plan_id=plan_id, title="Deutsch B1", course_id=course_id))
        uow.commit()
    changes = run(lotse, delete_course, course_id)
    assert changes == Changes(courses=ids(course_id), plans=ids(plan_id), cases=ids(person))
    assert get_course(lotse.reads, course_id) is None
    assert lotse.reads.rows("SELECT title, course_id FROM goal") == [("Deutsch B1", None)]


def test_a_course_with_enrolments_is_not_deleted(lotse):
    course_id = add_course(lotse, "BSK B2 Technik")
    for last, status in (
        ("Nowak", EnrollmentStatus.COMPLETED),
        ("Haddad", EnrollmentStatus.ONGOING),
    ):
        enrol(lotse, add_person(lotse, last), course_id, status)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as error:
        delete_course(uow, course_id)
    (problem,) = error.value.errors
    assert problem.label == "Kurs"
    assert problem.message.startswith("Der Kurs hat noch 2 Teilnahmen.")
    assert course_count(lotse) == 1
    assert lotse.reads.one("SELECT count(*) FROM enrollment")[0] == 2


def test_one_enrolment_is_named_in_the_singular(lotse):
    course_id = add_course(lotse, "Führerschein Klasse B", kind=CourseKind.DRIVING_LICENCE)
    enrol(lotse, add_person(lotse, "Kovalenko"), course_id, EnrollmentStatus.DROPPED)
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as error:
        delete_course(uow, course_id)
    assert error.value.errors[0].message.startswith("Der Kurs hat noch eine Teilnahme.")


def test_a_course_that_no_longer_exists_is_named(lotse):
    for operation, args in ((update_course, (B2_COURSE,)), (delete_course, ())):
        with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as error:
            operation(uow, 999, *args)
        assert str(error.value) == "Kurs: Der Eintrag existiert nicht mehr."


# -- the checks -----------------------------------------------------------------------------


def test_an_end_before_the_start_is_refused_on_the_end_naming_the_start(lotse):
    data = replace(B2_COURSE, start=date(2027, 3, 1), end=date(2027, 2, 28))
    assert refused(lotse, data) == {
        "end": ("Ende", "Das Datum darf nicht vor Beginn (01.03.2027) liegen.")
    }
    assert course_count(lotse) == 0


def test_teaching_units_of_zero_or_less_or_far_too_many_are_refused_on_ue(lotse):
    for units in (0, -40):
        (label, message) = refused(lotse, replace(B2_COURSE, teaching_units=units))[
            "teaching_units"
        ]
        assert label == "UE"
        assert message.startswith("Bitte geben Sie eine Zahl größer als 0 ein")
    assert refused(lotse, replace(B2_COURSE, teaching_units=2001)) == {
        "teaching_units": ("UE", "Bitte geben Sie höchstens 2000 Unterrichtseinheiten ein.")
    }
    assert course_count(lotse) == 0
    assert run(lotse, create_course, replace(B2_COURSE, teaching_units=2000)).created


def test_every_problem_is_named_at_once_in_german(lotse):
    data = CourseInput(
        kind=None,
        title="",
        provider_id=4711,
        start=date(1850, 1, 1),
        places=0,
        location="Halle\nSaale",
        target_level="b2",  # type: ignore[arg-type]
    )
    messages = refused(lotse, data)
    assert messages == {
        "kind": ("Kursart", "Bitte wählen Sie einen Eintrag."),
        "title": ("Titel", "Bitte füllen Sie dieses Feld aus."),
        "provider_id": ("Träger", "Der gewählte Eintrag existiert nicht (mehr)."),
        "start": ("Beginn", "Bitte geben Sie ein Datum zwischen 1900 und 2100 ein."),
        "places": (
            "Plätze",
            "Ein Kurs hat mindestens einen Platz (oder lassen Sie das Feld leer).",
        ),
        "location": ("Ort", "Bitte geben Sie dies in einer Zeile ein."),
        "target_level": ("Zielniveau", "Bitte wählen Sie einen Eintrag."),
    }


def test_too_many_places_a_long_title_and_hidden_characters_are_refused(lotse):
    messages = refused(
        lotse,
        replace(B2_COURSE, places=501, title="K" * 201, notes="Hinweis \u202everdreht"),
    )
    assert messages["places"] == ("Plätze", "Bitte geben Sie eine Zahl von 1 bis 500 ein.")
    assert messages["title"] == ("Titel", "Bitte verwenden Sie höchstens 200 Zeichen.")
    assert messages["notes"][0] == "Bemerkungen"
    assert "U+202E" in messages["notes"][1]
    assert set(messages) == {"places", "title", "notes"}


def test_what_the_user_typed_for_ue_is_kept_the_default_is_the_forms(lotse):
    """The standard UE of a Kursart is only a default of the form: the service stores what
    was given, an empty UE included."""
    empty = add_course(lotse, "Integrationskurs ohne UE", kind=CourseKind.INTEGRATION_GENERAL)
    typed = add_course(
        lotse, "Integrationskurs 600", kind=CourseKind.INTEGRATION_GENERAL, teaching_units=600
    )
    assert CourseKind.INTEGRATION_GENERAL.standard_teaching_units == 700
    units = [get_course(lotse.reads, cid).data.teaching_units for cid in (empty, typed)]  # type: ignore[union-attr]
    assert units == [None, 600]


# -- the catalogue --------------------------------------------------------------------------


@pytest.fixture
def catalogue(lotse) -> dict[str, int]:
    """Courses around TODAY (25.11.2026): running, starting soon, later, undated, past."""
    vhs = add_provider(lotse, "Volkshochschule Halle", city="Halle (Saale)")
    tuev = add_provider(lotse, "TÜV Rheinland Akademie")
    day = TODAY
    return {
        "running": add_course(
            lotse, "Integrationskurs Vormittag", kind=CourseKind.INTEGRATION_GENERAL,
            provider_id=vhs, start=day - timedelta(days=60), end=day + timedelta(days=90),
            location="Halle (Saale)", places=20,
        ),
        "open_end": add_course(
            lotse, "Job-BSK Lager", kind=CourseKind.JOB_BSK, start=day - timedelta(days=10),
            location="Merseburg",
        ),
        "ends_today": add_course(
            lotse, "Berufssprachkurs B2 Pflege", provider_id=vhs,
            start=day - timedelta(days=100), end=day,
        ),
        "soon": add_course(
            lotse, "Führerschein Klasse B", kind=CourseKind.DRIVING_LICENCE, provider_id=tuev,
            start=day + timedelta(days=14), end=day + timedelta(days=60),
        ),
        "eight_weeks": add_course(
            lotse, "Teilqualifizierung Lager", kind=CourseKind.PARTIAL_QUALIFICATION,
            provider_id=tuev, start=day + timedelta(weeks=8),
        ),
        "later": add_course(
            lotse, "Berufssprachkurs C1 Technik", kind=CourseKind.BSK_BASIC_C1,
            start=day + timedelta(weeks=8, days=1),
        ),
        "undated": add_course(lotse, "Anpassungsqualifizierung Pflege",
                              kind=CourseKind.ADAPTATION),
        "past": add_course(
            lotse, "Integrationskurs Abend", kind=CourseKind.INTEGRATION_GENERAL, provider_id=vhs,
            start=day - timedelta(days=300), end=day - timedelta(days=1),
        ),
        "long_past": add_course(
            lotse, "Berufssprachkurs Spezial A2", kind=CourseKind.BSK_SPECIAL_A2,
            start=day - timedelta(days=400), end=day - timedelta(days=200),
        ),
    }  # fmt: skip


def test_the_catalogue_lists_running_and_coming_by_start_and_ended_ones_last(lotse, catalogue):
    assert titles(lotse) == [
        "Berufssprachkurs B2 Pflege",  # started 100 days ago, ends today
        "Integrationskurs Vormittag",
        "Job-BSK Lager",
        "Führerschein Klasse B",
        "Teilqualifizierung Lager",
        "Berufssprachkurs C1 Technik",
        "Anpassungsqualifizierung Pflege",  # no dates yet
        "Integrationskurs Abend",  # ended yesterday
        "Berufssprachkurs Spezial A2",
    ]


def test_each_timing_choice_lists_its_courses(lotse, catalogue):
    def timing(choice: Timing) -> set[str]:
        rows = list_courses(lotse.reads, CourseQuery(timing=choice), TODAY)
        return {name for name, cid in catalogue.items() if cid in {row.id for row in rows}}

    assert timing(Timing.RUNNING) == {"running", "open_end", "ends_today"}
    assert timing(Timing.STARTING_SOON) == {"soon", "eight_weeks"}
    assert timing(Timing.PLANNED) == {"soon", "eight_weeks", "later", "undated"}
    assert timing(Timing.PAST) == {"past", "long_past"}
    assert timing(Timing.ALL) == set(catalogue)
    assert course_counts(lotse.reads, TODAY) == {
        Timing.ALL: 9,
        Timing.RUNNING: 3,
        Timing.STARTING_SOON: 2,
        Timing.PLANNED: 4,
        Timing.PAST: 2,
    }
    # a day later the course ending today is over
    tomorrow = list_courses(lotse.reads, CourseQuery(timing=Timing.PAST), TODAY + timedelta(1))
    assert "Berufssprachkurs B2 Pflege" in {row.title for row in tomorrow}


def test_the_search_finds_title_provider_place_and_kind_folded(lotse, catalogue):
    assert titles(lotse, "tuv") == ["Führerschein Klasse B", "Teilqualifizierung Lager"]
    assert titles(lotse, "TUEV fuehrer") == ["Führerschein Klasse B"]
    assert titles(lotse, "merseb") == ["Job-BSK Lager"]
    assert titles(lotse, "volkshochschule abend") == ["Integrationskurs Abend"]
    # the Kursart's German label: "Teilqualifizierung", "Integrationskurs (allgemein)"
    assert titles(lotse, "allgemein") == ["Integrationskurs Vormittag", "Integrationskurs Abend"]
    assert titles(lotse, "pflege", timing=Timing.RUNNING) == ["Berufssprachkurs B2 Pflege"]
    assert titles(lotse, "nichts dergleichen") == []


def test_kind_and_provider_filters_and_their_choices(lotse, catalogue):
    vhs = lotse.reads.one("SELECT id FROM organization WHERE name = 'Volkshochschule Halle'")[0]
    assert titles(lotse, kind=CourseKind.INTEGRATION_GENERAL) == [
        "Integrationskurs Vormittag",
        "Integrationskurs Abend",
    ]
    assert titles(lotse, provider_id=vhs, timing=Timing.PAST) == ["Integrationskurs Abend"]
    add_provider(lotse, "Bildungsträger ohne Kurse")
    assert [name for _id, name in course_providers(lotse.reads)] == [
        "TÜV Rheinland Akademie",
        "Volkshochschule Halle",
    ]
    assert course_kinds(lotse.reads) == [
        CourseKind.INTEGRATION_GENERAL,
        CourseKind.BSK_BASIC_B2,
        CourseKind.BSK_BASIC_C1,
        CourseKind.BSK_SPECIAL_A2,
        CourseKind.JOB_BSK,
        CourseKind.ADAPTATION,
        CourseKind.PARTIAL_QUALIFICATION,
        CourseKind.DRIVING_LICENCE,
    ]


def test_a_row_counts_registered_and_ongoing_enrolments_against_the_places(lotse, catalogue):
    course_id = catalogue["running"]
    for last, status in (
        ("Nowak", EnrollmentStatus.REGISTERED),
        ("Haddad", EnrollmentStatus.ONGOING),
        ("Tesfay", EnrollmentStatus.COMPLETED),
        ("Ahmadi", EnrollmentStatus.DROPPED),
    ):
        enrol(lotse, add_person(lotse, last), course_id, status)
    (row,) = [r for r in list_courses(lotse.reads, today=TODAY) if r.id == course_id]
    assert (row.places, row.enrolled, row.free) == (20, 2, 18)
    assert row.provider_name == "Volkshochschule Halle"
    assert row.kind == CourseKind.INTEGRATION_GENERAL
    record = get_course(lotse.reads, course_id)
    assert record is not None and (record.enrolled, record.enrollments) == (2, 4)


def test_the_kept_rows_follow_a_commit_of_another_connection(lotse, catalogue):
    kept = CourseCatalogue(lotse.reads)
    assert len(kept.rows(CourseQuery(text="lager"), TODAY)) == 2
    add_course(lotse, "Lagerlogistik kompakt", start=TODAY + timedelta(days=3))
    assert [row.title for row in kept.rows(CourseQuery(text="lager"), TODAY)] == [
        "Job-BSK Lager",
        "Lagerlogistik kompakt",
        "Teilqualifizierung Lager",
    ]
