"""Förderbedarfsermittlung: versions, only the newest editable or deletable, the person's
Förderbedarfe following the newest version, the support plan's prefill, and the checks."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.bootstrap import Lotse
from app.db.changes import NOTHING, Changes
from app.errors import ValidationError
from app.models import AuditEvent
from app.models.participant import Participant
from app.models.training import NeedsAssessment
from app.services.needs_assessments import (
    AssessmentInput,
    add_assessment,
    assessments_of,
    delete_assessment,
    label,
    newest_assessment,
    update_assessment,
)
from app.services.support_plans.common import get_plan
from app.vocab import AuditAction, NeedLevel, Program
from tests.services.helpers import add_person, new_plan, run

TODAY = date(2026, 11, 20)
L = NeedLevel


def student(lotse: Lotse, **values: object) -> int:
    return add_person(lotse, "Nowak", "Łukasz", program=Program.TRAINING, **values)


def assessment(
    day: date = date(2026, 11, 12),
    taken_part: str = "Łukasz Nowak, Frau Berger (Klassenleitung)",
    notes: dict[str, str] | None = None,
    **levels: NeedLevel | None,
) -> AssessmentInput:
    return AssessmentInput(day, taken_part, levels, notes or {})


def add(lotse: Lotse, pid: int, data: AssessmentInput) -> int:
    changes = run(lotse, add_assessment, pid, data, today=TODAY)
    assert changes.created is not None
    return changes.created


def person_needs(lotse: Lotse, pid: int) -> tuple[date | None, list[str]]:
    with lotse.reading() as uow:
        person = uow.session.get(Participant, pid)
        assert person is not None
        return person.support_need_assessed_on, person.support_need_areas


def refused(lotse: Lotse, operation, *args, **kwargs) -> dict[str, str]:
    """The fields of the refusal and their German messages."""
    with pytest.raises(ValidationError) as raised:
        run(lotse, operation, *args, **kwargs)
    return {e.field: e.message for e in raised.value.errors}


# --- versions --------------------------------------------------------------------------------


def test_each_assessment_is_the_next_version_and_the_reads_list_the_newest_first(lotse):
    pid = student(lotse)
    other = student(lotse)
    first = add(lotse, pid, assessment(date(2026, 9, 1), language=L.HIGH))
    changes = run(
        lotse, add_assessment, pid, assessment(date(2026, 10, 1), subject=L.LOW), today=TODAY
    )
    assert changes == Changes(
        participants=frozenset({pid}), cases=frozenset({pid}), created=changes.created
    )
    second = changes.created
    third = add(lotse, pid, assessment(date(2026, 10, 1), financial=L.MEDIUM))  # same day: fine
    elsewhere = add(lotse, other, assessment(date(2026, 1, 5), language=L.NONE))

    rows = assessments_of(lotse.reads, pid)
    assert [(r.id, r.version, r.assessed_on) for r in rows] == [
        (third, 3, date(2026, 10, 1)),
        (second, 2, date(2026, 10, 1)),
        (first, 1, date(2026, 9, 1)),
    ]
    assert rows[0].title == "Version 3 vom 01.10.2026"
    assert rows[0].levels["financial"] == L.MEDIUM and rows[0].levels["language"] is None
    assert rows[2].taken_part == "Łukasz Nowak, Frau Berger (Klassenleitung)"
    assert newest_assessment(lotse.reads, pid) == rows[0]
    [only] = assessments_of(lotse.reads, other)
    assert (only.id, only.version) == (elsewhere, 1)
    assert newest_assessment(lotse.reads, student(lotse)) is None


def test_texts_are_stored_cleaned_and_the_creation_is_audited(lotse):
    pid = student(lotse)
    data = assessment(
        taken_part="  Frau Berger  ",
        notes={"language": "  Fachsprache Elektro\nPrüfungsvorbereitung  "},
        language=L.HIGH,
    )
    made = add(lotse, pid, data)
    [row] = assessments_of(lotse.reads, pid)
    assert row.taken_part == "Frau Berger"
    assert row.notes == {
        "subject": "",
        "language": "Fachsprache Elektro\nPrüfungsvorbereitung",
        "personal_social": "",
        "organisational": "",
        "financial": "",
    }
    with lotse.reading() as uow:
        events = uow.session.exec(select(AuditEvent).where(AuditEvent.entity_id == made)).all()
        kinds = {(e.entity, e.action) for e in events}
    assert ("needs_assessment", AuditAction.CREATE) in kinds


# --- the person's Förderbedarfe follow the newest version ------------------------------------


def test_the_record_shows_the_newest_versions_date_and_its_areas_with_a_need(lotse):
    pid = student(lotse, support_need_areas=["subject"])
    assert person_needs(lotse, pid) == (None, ["subject"])
    add(
        lotse,
        pid,
        assessment(
            date(2026, 9, 1),
            financial=L.LOW,
            language=L.HIGH,
            subject=L.NONE,
            personal_social=L.MEDIUM,
        ),
    )
    # in the order of SupportNeedArea; "kein Bedarf" is no need
    assert person_needs(lotse, pid) == (
        date(2026, 9, 1),
        ["language", "personal_social", "financial"],
    )
    newest = add(lotse, pid, assessment(date(2026, 11, 12), organisational=L.MEDIUM))
    assert person_needs(lotse, pid) == (date(2026, 11, 12), ["organisational"])

    changes = run(
        lotse,
        update_assessment,
        newest,
        assessment(date(2026, 11, 13), organisational=L.NONE, subject=L.HIGH),
        today=TODAY,
    )
    assert changes == Changes(participants=frozenset({pid}), cases=frozenset({pid}))
    assert person_needs(lotse, pid) == (date(2026, 11, 13), ["subject"])

    assert run(lotse, delete_assessment, newest) == Changes(
        participants=frozenset({pid}), cases=frozenset({pid})
    )
    assert person_needs(lotse, pid) == (
        date(2026, 9, 1),
        ["language", "personal_social", "financial"],
    )
    [first] = assessments_of(lotse.reads, pid)
    run(lotse, delete_assessment, first.id)
    assert person_needs(lotse, pid) == (None, [])
    assert assessments_of(lotse.reads, pid) == []


def test_after_a_deletion_the_next_assessment_takes_the_free_version_number(lotse):
    pid = student(lotse)
    add(lotse, pid, assessment(date(2026, 9, 1), language=L.HIGH))
    second = add(lotse, pid, assessment(date(2026, 10, 1), language=L.LOW))
    run(lotse, delete_assessment, second)
    add(lotse, pid, assessment(date(2026, 10, 2), language=L.MEDIUM))
    assert [r.version for r in assessments_of(lotse.reads, pid)] == [2, 1]


# --- only the newest version ------------------------------------------------------------------


def test_only_the_newest_version_can_be_edited_or_deleted(lotse):
    pid = student(lotse)
    first = add(lotse, pid, assessment(date(2026, 9, 1), language=L.HIGH))
    add(lotse, pid, assessment(date(2026, 10, 1), language=L.LOW))
    before = assessments_of(lotse.reads, pid)

    errors = refused(
        lotse, update_assessment, first, assessment(date(2026, 9, 1), language=L.NONE), today=TODAY
    )
    assert errors == {
        "id": "Version 1 ist nicht die neueste; ältere Versionen bleiben als Verlauf erhalten "
        "und können nicht geändert werden."
    }
    errors = refused(lotse, delete_assessment, first)
    assert errors == {
        "id": "Version 1 ist nicht die neueste; nur die neueste Version kann gelöscht werden."
    }
    assert assessments_of(lotse.reads, pid) == before


def test_an_unchanged_edit_stores_nothing(lotse):
    pid = student(lotse)
    made = add(lotse, pid, assessment(language=L.HIGH, notes={"language": "Fachsprache"}))
    [row] = assessments_of(lotse.reads, pid)
    assert run(lotse, update_assessment, made, row.as_input(), today=TODAY) == NOTHING


def test_a_version_that_no_longer_exists_is_a_message(lotse):
    assert refused(lotse, update_assessment, 999, assessment(language=L.HIGH)) == {
        "id": "Der Eintrag existiert nicht mehr."
    }
    assert refused(lotse, delete_assessment, 0) == {"id": "Der Eintrag existiert nicht mehr."}


# --- the support plan --------------------------------------------------------------------------


def test_a_new_plan_takes_its_needs_from_the_newest_version(lotse):
    pid = student(lotse, risk_factors=["absences"])
    add(
        lotse,
        pid,
        assessment(date(2026, 9, 1), subject=L.HIGH, notes={"subject": "Mathematik"}),
    )
    add(
        lotse,
        pid,
        assessment(
            date(2026, 11, 12),
            financial=L.LOW,
            language=L.HIGH,
            subject=L.NONE,
            organisational=None,
            notes={
                "language": "Fachsprache Elektro\nPrüfungsvorbereitung",
                "subject": "Mathematik aufgeholt",
            },
        ),
    )
    plan_id = new_plan(lotse, pid, TODAY)
    with lotse.reading() as uow:
        needs = get_plan(uow, plan_id).needs
    assert needs == (
        "sprachlich (hoch): Fachsprache Elektro; Prüfungsvorbereitung\n"
        "finanziell (niedrig)\n"
        "Risikofaktoren: Fehlzeiten"
    )


def test_without_an_assessment_the_plan_keeps_the_records_needs(lotse):
    pid = student(lotse, support_need_areas=["language"], risk_factors=["absences"])
    plan_id = new_plan(lotse, pid, TODAY)
    with lotse.reading() as uow:
        assert (
            get_plan(uow, plan_id).needs == "Förderbedarfe: sprachlich\nRisikofaktoren: Fehlzeiten"
        )


# --- checks ------------------------------------------------------------------------------------


def test_the_date_is_required_plausible_not_ahead_and_not_before_the_older_version(lotse):
    pid = student(lotse)
    assert refused(lotse, add_assessment, pid, assessment(None, language=L.HIGH)) == {
        "assessed_on": "Bitte geben Sie ein Datum ein."
    }
    assert refused(lotse, add_assessment, pid, assessment(date(1850, 1, 1), language=L.HIGH)) == {
        "assessed_on": "Bitte geben Sie ein Datum zwischen 1900 und 2100 ein."
    }
    assert refused(
        lotse, add_assessment, pid, assessment(date(2026, 11, 21), language=L.HIGH), today=TODAY
    ) == {"assessed_on": "Das Datum darf nicht in der Zukunft liegen."}

    add(lotse, pid, assessment(date(2026, 9, 1), language=L.HIGH))
    second = add(lotse, pid, assessment(date(2026, 10, 1), language=L.LOW))
    earlier = "Das Datum darf nicht vor dem der Version {v} ({d}) liegen."
    assert refused(
        lotse, add_assessment, pid, assessment(date(2026, 9, 30), language=L.HIGH), today=TODAY
    ) == {"assessed_on": earlier.format(v=2, d="01.10.2026")}
    # editing the newest: not before the version before it
    assert refused(
        lotse, update_assessment, second, assessment(date(2026, 8, 31), language=L.LOW), today=TODAY
    ) == {"assessed_on": earlier.format(v=1, d="01.09.2026")}
    run(lotse, update_assessment, second, assessment(date(2026, 9, 1), language=L.LOW), today=TODAY)
    assert newest_assessment(lotse.reads, pid).assessed_on == date(2026, 9, 1)


def test_at_least_one_area_is_rated_and_a_note_needs_its_level(lotse):
    pid = student(lotse)
    assert refused(lotse, add_assessment, pid, assessment(), today=TODAY) == {
        "levels": "Bitte schätzen Sie mindestens einen Bereich ein."
    }
    errors = refused(
        lotse,
        add_assessment,
        pid,
        assessment(notes={"financial": "BAB beantragen"}, language=L.NONE),
        today=TODAY,
    )
    assert errors == {"financial_level": "Bitte wählen Sie zur Notiz den Bedarf."}
    # "kein Bedarf" everywhere is an assessment too
    add(lotse, pid, assessment(**{area: L.NONE for area in ("subject", "language")}))
    assert person_needs(lotse, pid) == (date(2026, 11, 12), [])


def test_texts_levels_and_areas_are_checked_by_field(lotse):
    pid = student(lotse)
    errors = refused(
        lotse,
        add_assessment,
        pid,
        AssessmentInput(
            date(2026, 11, 12),
            "x" * 301,
            {"language": "hoch", "subject": L.LOW},  # type: ignore[dict-item]
            {"subject": "a\u202eb", "organisational": "x" * 2001},
        ),
        today=TODAY,
    )
    assert errors == {
        "taken_part": "Bitte verwenden Sie höchstens 300 Zeichen.",
        "language_level": "Bitte wählen Sie einen Eintrag.",
        "subject_note": (
            "Der Text enthält ein unsichtbares Formatierungszeichen (U+202E); "
            "bitte entfernen Sie es."
        ),
        "organisational_note": "Bitte verwenden Sie höchstens 2000 Zeichen.",
    }
    errors = refused(
        lotse, add_assessment, pid, assessment(taken_part="Frau\nBerger", language=L.HIGH)
    )
    assert errors == {"taken_part": "Bitte geben Sie dies in einer Zeile ein."}
    errors = refused(
        lotse, add_assessment, pid, AssessmentInput(date(2026, 11, 12), "", {"housing": L.HIGH})
    )
    assert errors == {"levels": "Unbekannter Bereich: housing."}
    with lotse.reading() as uow:
        assert uow.session.exec(select(NeedsAssessment)).all() == []


def test_the_labels_name_the_area():
    assert label("language_level") == "Sprachlich – Bedarf"
    assert label("personal_social_note") == "Persönlich / sozial – Notiz"
    assert label("assessed_on") == "Datum der Ermittlung"
    assert label("taken_part") == "Beteiligte"
