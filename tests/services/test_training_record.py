"""The lists of a student's record (Ausbildungsmanagement): Fehlzeiten with their totals kept
on the record, Prüfungen, Erziehungsberechtigte, and the consent rule for minors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.bootstrap import Lotse
from app.db.changes import NOTHING, Changes
from app.errors import ValidationError
from app.services.absences import (
    AbsenceInput,
    AbsenceTotals,
    absence_totals,
    absences_of,
    add_absence,
    delete_absence,
    update_absence,
)
from app.services.consents import ConsentInput, add_consent, consents_of
from app.services.exams import ExamInput, add_exam, delete_exam, exams_of, update_exam
from app.services.guardians import (
    GuardianInput,
    add_guardian,
    delete_guardian,
    guardians_of,
    is_minor,
    update_guardian,
)
from app.services.participants import get_participant, update_participant
from app.vocab import ConsentPurpose, ExamKind, ExamResult, GuardianRelation, Program
from tests.services.helpers import add_person, run

TODAY = date(2026, 11, 30)


def ids(*values: int) -> frozenset[int]:
    return frozenset(values)


def born(age: int) -> date:
    """The birth date of someone ``age`` years old since yesterday."""
    today = date.today()
    day = today.replace(day=28) if (today.month, today.day) == (2, 29) else today
    return day.replace(year=day.year - age) - timedelta(days=1)


def student(lotse: Lotse, age: int = 17, **values) -> int:
    """A student of ``age`` (99: no birth date)."""
    return add_person(
        lotse,
        "Nowak",
        "Łukasz",
        program=Program.TRAINING,
        birth_date=born(age) if age < 90 else None,
        **values,
    )


def columns(lotse: Lotse, pid: int) -> tuple:
    """The record's absence columns (the Ausbildung tab shows them)."""
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        return person.absence_hours, person.unexcused_absence_hours, person.absence_as_of


def absent(lotse: Lotse, pid: int, day: date, hours: int, unexcused: int = 0, note: str = ""):
    return run(lotse, add_absence, pid, AbsenceInput(day, hours, unexcused, note), today=TODAY)


def refused(lotse: Lotse, operation, *args, **kwargs) -> dict[str, tuple[str, str]]:
    """The problems of a refused operation: field → (label, message)."""
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        operation(uow, *args, **kwargs)
    return {e.field: (e.label, e.message) for e in raised.value.errors}


# -- Fehlzeiten ------------------------------------------------------------------------------


def test_the_totals_are_the_sums_of_the_entries_and_kept_on_the_record(lotse):
    pid = student(lotse)
    assert absence_totals(lotse.reads, pid) == AbsenceTotals(0, 0, 0, 0, None)
    assert columns(lotse, pid) == (None, None, None)

    first = absent(lotse, pid, date(2026, 11, 3), 8)
    assert first == Changes(participants=ids(pid), cases=ids(pid), created=first.created)
    second = absent(lotse, pid, date(2026, 11, 10), 6, 6, "verschlafen").created
    week = absent(lotse, pid, date(2026, 11, 14), 32, 6, "Woche krank, 1 Tag ohne Attest").created
    # 8 + 6 + 32 = 46 hours, of them 0 + 6 + 6 = 12 unexcused, 34 excused; latest 14.11.
    assert absence_totals(lotse.reads, pid) == AbsenceTotals(46, 12, 34, 3, date(2026, 11, 14))
    assert columns(lotse, pid) == (46, 12, date(2026, 11, 14))
    rows = absences_of(lotse.reads, pid)
    assert [(r.absent_on, r.hours, r.unexcused_hours, r.excused_hours) for r in rows] == [
        (date(2026, 11, 14), 32, 6, 26),
        (date(2026, 11, 10), 6, 6, 0),
        (date(2026, 11, 3), 8, 0, 8),
    ]
    assert rows[1].note == "verschlafen"

    # the 10.11. becomes 4 hours on the 20.11., 2 of them unexcused: 44 hours, 8 unexcused
    changes = run(
        lotse, update_absence, second, AbsenceInput(date(2026, 11, 20), 4, 2, "spät"), today=TODAY
    )
    assert changes == Changes(participants=ids(pid), cases=ids(pid))
    assert absence_totals(lotse.reads, pid) == AbsenceTotals(44, 8, 36, 3, date(2026, 11, 20))
    assert columns(lotse, pid) == (44, 8, date(2026, 11, 20))
    unchanged = AbsenceInput(date(2026, 11, 20), 4, 2, " spät ")
    assert run(lotse, update_absence, second, unchanged, today=TODAY) == NOTHING

    # the week goes: 8 + 4 = 12 hours, 2 unexcused
    assert run(lotse, delete_absence, week) == Changes(participants=ids(pid), cases=ids(pid))
    assert absence_totals(lotse.reads, pid) == AbsenceTotals(12, 2, 10, 2, date(2026, 11, 20))
    assert columns(lotse, pid) == (12, 2, date(2026, 11, 20))
    for row in absences_of(lotse.reads, pid):
        run(lotse, delete_absence, row.id)
    assert absence_totals(lotse.reads, pid) == AbsenceTotals(0, 0, 0, 0, None)
    assert columns(lotse, pid) == (None, None, None)


def test_an_empty_unexcused_field_counts_as_none(lotse):
    pid = student(lotse)
    run(lotse, add_absence, pid, AbsenceInput(date(2026, 11, 2), 5, None), today=TODAY)
    assert columns(lotse, pid) == (5, 0, date(2026, 11, 2))


def test_every_problem_of_an_absence_is_named_by_its_field(lotse):
    pid = student(lotse)
    long_note = "x" * 201
    problems = refused(
        lotse, add_absence, pid, AbsenceInput(None, None, None, long_note), today=TODAY
    )
    assert problems == {
        "absent_on": ("Datum", "Bitte geben Sie ein Datum ein."),
        "hours": ("Fehlstunden", "Bitte geben Sie eine Zahl ein."),
        "note": ("Bemerkung", "Bitte verwenden Sie höchstens 200 Zeichen."),
    }
    cases = [
        (AbsenceInput(TODAY + timedelta(days=1), 8), "absent_on",
         "Das Datum darf nicht in der Zukunft liegen."),
        (AbsenceInput(date(1899, 12, 31), 8), "absent_on",
         "Bitte geben Sie ein Datum zwischen 1900 und 2100 ein."),
        (AbsenceInput(TODAY, 0), "hours", "Bitte geben Sie eine Zahl von 1 bis 200 ein."),
        (AbsenceInput(TODAY, 201), "hours", "Bitte geben Sie eine Zahl von 1 bis 200 ein."),
        (AbsenceInput(TODAY, 8, -1), "unexcused_hours",
         "Bitte geben Sie eine Zahl von 0 bis 200 ein."),
        (AbsenceInput(TODAY, 8, 2.5), "unexcused_hours",  # type: ignore[arg-type]
         "Bitte geben Sie eine ganze Zahl ein."),
        (AbsenceInput(TODAY, 8, 0, "a\nb"), "note", "Bitte geben Sie dies in einer Zeile ein."),
    ]  # fmt: skip
    for data, field, message in cases:
        assert refused(lotse, add_absence, pid, data, today=TODAY) == {
            field: (refused_label(field), message)
        }, data
    assert absences_of(lotse.reads, pid) == [] and columns(lotse, pid) == (None, None, None)


def refused_label(field: str) -> str:
    return {
        "absent_on": "Datum",
        "hours": "Fehlstunden",
        "unexcused_hours": "davon unentschuldigt",
        "note": "Bemerkung",
    }[field]


def test_unexcused_hours_above_the_total_are_refused_naming_the_total(lotse):
    pid = student(lotse)
    assert refused(lotse, add_absence, pid, AbsenceInput(TODAY, 8, 9), today=TODAY) == {
        "unexcused_hours": (
            "davon unentschuldigt",
            "Darf nicht größer sein als die Fehlstunden (8).",
        )
    }
    assert absent(lotse, pid, TODAY, 8, 8)  # all of them unexcused is fine
    (row,) = absences_of(lotse.reads, pid)
    assert refused(lotse, update_absence, row.id, AbsenceInput(TODAY, 3, 4), today=TODAY) == {
        "unexcused_hours": (
            "davon unentschuldigt",
            "Darf nicht größer sein als die Fehlstunden (3).",
        )
    }
    assert columns(lotse, pid) == (8, 8, TODAY)


def test_the_record_holds_at_most_2000_hours(lotse):
    pid = student(lotse)
    for week in range(10):
        absent(lotse, pid, date(2026, 1, 5) + timedelta(weeks=week), 200)
    assert columns(lotse, pid)[0] == 2000
    message = (
        "Mit diesem Eintrag kämen die Fehlzeiten auf 2001 Stunden; höchstens 2000 können "
        "erfasst werden."
    )
    assert refused(lotse, add_absence, pid, AbsenceInput(TODAY, 1), today=TODAY) == {
        "hours": ("Fehlstunden", message)
    }
    # an entry may change within the limit: the others count, not the entry itself
    first = absences_of(lotse.reads, pid)[-1]
    run(lotse, update_absence, first.id, AbsenceInput(first.absent_on, 150), today=TODAY)
    assert columns(lotse, pid)[0] == 1950


def test_totals_a_record_held_before_become_an_entry_of_their_own(lotse):
    """An import or the demo data fill the columns without dated entries; the first entry
    keeps those hours (as revision 0005 did)."""
    pid = student(
        lotse, absence_hours=24, unexcused_absence_hours=6, absence_as_of=date(2026, 10, 30)
    )
    absent(lotse, pid, date(2026, 11, 12), 8, 2)
    rows = absences_of(lotse.reads, pid)
    assert [(r.absent_on, r.hours, r.unexcused_hours, r.note) for r in rows] == [
        (date(2026, 11, 12), 8, 2, ""),
        (date(2026, 10, 30), 24, 6, "Stand bis 30.10.2026"),
    ]
    assert columns(lotse, pid) == (32, 8, date(2026, 11, 12))


def test_an_entry_carried_over_may_keep_its_hours_above_a_week(lotse):
    pid = student(lotse, absence_hours=450, unexcused_absence_hours=20)
    absent(lotse, pid, date(2026, 11, 12), 8)
    carried = absences_of(lotse.reads, pid)[0]
    assert (carried.absent_on, carried.hours, carried.note) == (TODAY, 450, "Stand bis 30.11.2026")
    edited = replace(carried.as_input(), note="Stand Schuljahr 2025/26")
    run(lotse, update_absence, carried.id, edited, today=TODAY)
    assert refused(lotse, update_absence, carried.id, replace(edited, hours=451), today=TODAY) == {
        "hours": ("Fehlstunden", "Bitte geben Sie eine Zahl von 1 bis 450 ein.")
    }
    assert columns(lotse, pid)[:2] == (458, 20)


def test_gone_records_and_people_are_named(lotse):
    pid = student(lotse)
    entry = absent(lotse, pid, TODAY, 4).created
    run(lotse, delete_absence, entry)
    gone = {"id": ("Fehlzeit", "Der Eintrag existiert nicht mehr.")}
    assert refused(lotse, delete_absence, entry) == gone
    assert refused(lotse, update_absence, entry, AbsenceInput(TODAY, 4), today=TODAY) == gone
    assert refused(lotse, add_absence, 9999, AbsenceInput(TODAY, 4), today=TODAY) == {
        "participant_id": ("Teilnehmende Person", "Keine teilnehmende Person mit der Nummer 9999.")
    }


def test_saving_the_record_leaves_the_totals_as_the_absences_made_them(lotse):
    """The editor sends the form's fields only; the totals stay (and the participant rule
    "unexcused ≤ total" holds for them)."""
    pid = student(lotse)
    absent(lotse, pid, date(2026, 11, 3), 10, 4)
    run(lotse, update_participant, pid, {"performance": "Praxis gut"})
    assert columns(lotse, pid) == (10, 4, date(2026, 11, 3))


# -- Prüfungen -------------------------------------------------------------------------------


def test_exams_are_recorded_changed_and_deleted(lotse):
    pid = student(lotse)
    planned = ExamInput(ExamKind.FINAL_PART_1, "Teil 1 Kfz", TODAY + timedelta(days=60))
    made = run(lotse, add_exam, pid, planned, today=TODAY)
    assert made == Changes(participants=ids(pid), cases=ids(pid), created=made.created)
    school = ExamInput(
        None, "Klassenarbeit Mathematik", date(2026, 11, 5), ExamResult.PASSED, "3-", "knapp"
    )
    school_id = run(lotse, add_exam, pid, school, today=TODAY).created
    undated = run(lotse, add_exam, pid, ExamInput(ExamKind.INTERMEDIATE), today=TODAY).created
    rows = exams_of(lotse.reads, pid)
    assert [(r.id, r.name) for r in rows] == [
        (undated, "Zwischenprüfung"),
        (made.created, "Teil 1 Kfz"),
        (school_id, "Klassenarbeit Mathematik"),
    ]
    assert rows[2].as_input() == school

    done = replace(planned, taken_on=date(2026, 11, 20), result=ExamResult.FAILED, grade="4,6")
    changes = run(lotse, update_exam, made.created, done, today=TODAY)
    assert changes == Changes(participants=ids(pid), cases=ids(pid))
    assert run(lotse, update_exam, made.created, done, today=TODAY) == NOTHING
    assert next(r for r in exams_of(lotse.reads, pid) if r.id == made.created).as_input() == done
    assert run(lotse, delete_exam, undated) == Changes(participants=ids(pid), cases=ids(pid))
    assert [r.id for r in exams_of(lotse.reads, pid)] == [made.created, school_id]
    assert refused(lotse, delete_exam, undated) == {
        "id": ("Prüfung", "Der Eintrag existiert nicht mehr.")
    }


def test_every_problem_of_an_exam_is_named_by_its_field(lotse):
    pid = student(lotse)
    assert refused(lotse, add_exam, pid, ExamInput(None, "  "), today=TODAY) == {
        "kind": ("Art", "Bitte wählen Sie die Art oder geben Sie eine Bezeichnung ein.")
    }
    assert refused(
        lotse, add_exam, pid, ExamInput(ExamKind.FINAL, result=ExamResult.PASSED), today=TODAY
    ) == {  # fmt: skip
        "taken_on": ("Datum", "Ein Ergebnis außer „ausstehend“ braucht das Datum der Prüfung.")
    }
    ahead = TODAY + timedelta(days=1)
    for result in (ExamResult.PASSED, ExamResult.FAILED, ExamResult.ABSENT):
        assert refused(
            lotse, add_exam, pid, ExamInput(ExamKind.FINAL, "", ahead, result), today=TODAY
        ) == {  # fmt: skip
            "taken_on": (
                "Datum",
                "Die Prüfung hat ein Ergebnis: Ihr Datum darf nicht in der Zukunft liegen.",
            )
        }
    too_long = ExamInput(ExamKind.OTHER, "t" * 151, date(1800, 1, 1), None, "g" * 41)
    assert refused(lotse, add_exam, pid, too_long, today=TODAY) == {
        "title": ("Bezeichnung", "Bitte verwenden Sie höchstens 150 Zeichen."),
        "taken_on": ("Datum", "Bitte geben Sie ein Datum zwischen 1900 und 2100 ein."),
        "grade": ("Note/Punkte", "Bitte verwenden Sie höchstens 40 Zeichen."),
    }
    # pending may lie ahead; without a result the date may be missing
    run(lotse, add_exam, pid, ExamInput(ExamKind.FINAL, "", ahead, ExamResult.PENDING), today=TODAY)
    assert len(exams_of(lotse.reads, pid)) == 1


# -- Erziehungsberechtigte -------------------------------------------------------------------


def test_guardians_are_recorded_changed_and_deleted(lotse):
    pid = student(lotse)
    mother = GuardianInput(
        " Anna Nowak ", GuardianRelation.MOTHER, "0345 123456", "anna.nowak@example.org",
        "Lange Straße 3\n06108 Halle (Saale)",
    )  # fmt: skip
    made = run(lotse, add_guardian, pid, mother)
    assert made == Changes(participants=ids(pid), cases=ids(pid), created=made.created)
    father = run(lotse, add_guardian, pid, GuardianInput("Piotr Nowak", GuardianRelation.FATHER))
    rows = guardians_of(lotse.reads, pid)
    assert [(r.name, r.relation) for r in rows] == [
        ("Anna Nowak", GuardianRelation.MOTHER),
        ("Piotr Nowak", GuardianRelation.FATHER),
    ]
    assert rows[0].as_input() == replace(mother, name="Anna Nowak")
    changes = run(lotse, update_guardian, made.created, replace(mother, phone="0171 2345678"))
    assert changes == Changes(participants=ids(pid), cases=ids(pid))
    assert guardians_of(lotse.reads, pid)[0].phone == "0171 2345678"
    assert run(lotse, update_guardian, father.created, GuardianInput("Piotr Nowak",
               GuardianRelation.FATHER)) == NOTHING  # fmt: skip
    run(lotse, delete_guardian, father.created)
    assert [r.name for r in guardians_of(lotse.reads, pid)] == ["Anna Nowak"]
    assert refused(lotse, delete_guardian, father.created) == {
        "id": ("Erziehungsberechtigte:r", "Der Eintrag existiert nicht mehr.")
    }


def test_every_problem_of_a_guardian_is_named_by_its_field(lotse):
    pid = student(lotse)
    assert refused(lotse, add_guardian, pid, GuardianInput("", None, "anrufen", "anna@", "")) == {
        "name": ("Name", "Bitte füllen Sie dieses Feld aus."),
        "phone": (
            "Telefon",
            "Bitte geben Sie eine Telefonnummer nur mit Ziffern ein "
            "(Leerzeichen, +, / und - sind erlaubt).",
        ),
        "email": ("E-Mail", "Bitte geben Sie eine E-Mail-Adresse wie name@example.de ein."),
    }
    assert refused(lotse, add_guardian, pid, GuardianInput("n" * 101, phone="1" * 41)) == {
        "name": ("Name", "Bitte verwenden Sie höchstens 100 Zeichen."),
        "phone": ("Telefon", "Bitte verwenden Sie höchstens 40 Zeichen."),
    }
    assert guardians_of(lotse.reads, pid) == []


def test_who_is_a_minor(lotse):
    assert is_minor(lotse.reads, student(lotse, 17)) is True
    assert is_minor(lotse.reads, student(lotse, 18)) is False
    assert is_minor(lotse.reads, student(lotse, 99)) is None  # no birth date
    assert is_minor(lotse.reads, 9999) is None


# -- the consent rule for minors ---------------------------------------------------------------


def consent(guardian: str = "") -> ConsentInput:
    return ConsentInput(ConsentPurpose.SHARE_SCHOOL, "Berufsschule Halle", date(2026, 11, 2),
                        "2026-01", guardian)  # fmt: skip


def test_a_minor_without_recorded_guardians_needs_a_guardian_named(lotse):
    pid = student(lotse, 16)
    assert refused(lotse, add_consent, pid, consent()) == {
        "guardian_name": (
            "Erziehungsberechtigte:r",
            "Die teilnehmende Person ist minderjährig: Bitte nennen Sie die "
            "erziehungsberechtigte Person, die eingewilligt hat.",
        )
    }
    run(lotse, add_consent, pid, consent("Tante Maria Nowak"))
    assert [row.guardian_name for row in consents_of(lotse.reads, pid)] == ["Tante Maria Nowak"]


def test_a_minor_with_recorded_guardians_needs_one_of_them(lotse):
    pid = student(lotse, 16)
    for name in ("Anna Nowak", "Piotr Nowak"):
        run(lotse, add_guardian, pid, GuardianInput(name))
    assert refused(lotse, add_consent, pid, consent()) == {
        "guardian_name": (
            "Erziehungsberechtigte:r",
            "Die teilnehmende Person ist minderjährig: Bitte nennen Sie die "
            "erziehungsberechtigte Person, die eingewilligt hat.",
        )
    }
    assert refused(lotse, add_consent, pid, consent("Maria Nowak")) == {
        "guardian_name": (
            "Erziehungsberechtigte:r",
            "„Maria Nowak“ ist nicht als Erziehungsberechtigte:r der teilnehmenden Person "
            "erfasst. Erfasst sind: Anna Nowak, Piotr Nowak.",
        )
    }
    assert consents_of(lotse.reads, pid) == []
    run(lotse, add_consent, pid, consent(" piotr nowak "))  # stored as the list spells it
    assert [row.guardian_name for row in consents_of(lotse.reads, pid)] == ["Piotr Nowak"]


def test_an_adult_needs_no_guardian(lotse):
    pid = student(lotse, 19)
    run(lotse, add_guardian, pid, GuardianInput("Anna Nowak"))
    run(lotse, add_consent, pid, consent())
    run(lotse, add_consent, pid, replace(consent("Maria Nowak"), recipient="Kammer"))
    assert sorted(row.guardian_name for row in consents_of(lotse.reads, pid)) == ["", "Maria Nowak"]
