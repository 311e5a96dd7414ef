"""Create, edit, validate, exit, delete; duplicates; completeness; audit."""

from datetime import date

import pytest
from sqlmodel import select

from app.errors import ValidationError
from app.models.audit import AuditEvent
from app.models.completeness import CORE_ENTRY_FIELDS, missing_fields, missing_labels
from app.models.contacts import ContactNote, FollowUp
from app.models.participant import Participant
from app.services.caseload import list_participants
from app.services.follow_up_lists import follow_ups_of
from app.services.participants import (
    ExitData,
    create_participant,
    delete_participant,
    exit_participant,
    find_duplicates,
    get_participant,
    update_participant,
)
from app.vocab import (
    AuditAction,
    ExitOutcome,
    ExitReason,
    FollowUpKind,
    ParticipantStatus,
    Program,
)
from tests.services.helpers import COMPLETE_CORE, add_person, run

TODAY = date(2026, 11, 25)


def stored(lotse, pid: int) -> Participant:
    with lotse.unit_of_work() as uow:
        return get_participant(uow, pid)


def test_create_both_programs_and_find_after_restart(lotse):
    joko = add_person(lotse, "Haddad", "Rania", **COMPLETE_CORE, german_level=None)
    training = add_person(lotse, "Krüger", "Finn", program=Program.TRAINING,
                          school_class="ELT24a", apprenticeship_year=2)  # fmt: skip
    lotse.close()
    from app.bootstrap import bootstrap

    reopened = bootstrap(lotse.paths, key=lotse.database.key)
    try:
        assert stored(reopened, joko).city == "Halle (Saale)"
        assert stored(reopened, training).program == Program.TRAINING
        assert stored(reopened, training).school_class == "ELT24a"
    finally:
        reopened.close()


def test_kurzberatung_is_a_status(lotse):
    pid = add_person(lotse, "Rahimi", status=ParticipantStatus.SHORT_COUNSELLING)
    assert stored(lotse, pid).is_short_counselling


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"postal_code": "123"}, "postal_code", "5"),
        ({"postal_code": "0610A"}, "postal_code", "5"),
        ({"email": "x@"}, "email", "E-Mail"),
        ({"phone": "abc"}, "phone", "Telefon"),
        ({"birth_date": date(2027, 1, 1)}, "birth_date", "Vergangenheit"),
        (
            {
                "entry_date": date(2026, 5, 1),
                "exit_date": date(2026, 4, 1),
                "exit_reason": list(ExitReason)[0],
            },
            "exit_date",
            "Eintritt",
        ),  # fmt: skip
        ({"birth_date": date(1850, 1, 1)}, "birth_date", "1900"),
        ({"apprenticeship_year": 7}, "apprenticeship_year", "4"),
        ({"last_name": "  "}, "last_name", "Nachname"),
    ],
)
def test_validation_names_the_field_in_german(lotse, values, field, words):
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        create_participant(uow, {"program": Program.JOKO, "last_name": "Test", **values},
                           today=TODAY)  # fmt: skip
    fields = [error.field for error in raised.value.errors]
    assert field in fields
    assert words in str(raised.value)
    with lotse.unit_of_work() as uow:
        assert list_participants(uow) == []


def test_failed_update_leaves_record_unchanged(lotse):
    pid = add_person(lotse, "Nasser", postal_code="06108")
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        update_participant(uow, pid, {"city": "Halle", "postal_code": "12"})
    assert stored(lotse, pid).city == ""
    assert stored(lotse, pid).postal_code == "06108"


def test_update_reports_changed_fields_and_audits_names_not_values(lotse):
    pid = add_person(lotse, "Mansour", "Omar")
    changes = run(lotse, update_participant, pid, {"first_name": "Omar", "city": "Dessau-Roßlau"})
    assert (changes.participants, changes.cases) == ({pid}, {pid})
    assert not run(lotse, update_participant, pid, {"city": "Dessau-Roßlau"})  # nothing new
    with lotse.unit_of_work() as uow:
        events = uow.session.exec(
            select(AuditEvent).where(AuditEvent.entity_id == pid).order_by(AuditEvent.id)
        ).all()
    assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert events[1].fields == ["city"]
    assert "Dessau" not in repr([e.fields for e in events])


def test_esf_number_must_be_unique(lotse):
    add_person(lotse, "A", esf_number="TN-1")
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        create_participant(uow, {"program": Program.JOKO, "last_name": "B", "esf_number": "TN-1"})
    assert raised.value.errors[0].field == "esf_number"


def test_exit_sets_status_and_outcome_follow_ups(lotse):
    pid = add_person(lotse, "Darwish", entry_date=date(2025, 1, 6))
    with lotse.unit_of_work() as uow:
        exit_participant(
            uow, pid,
            ExitData(date(2026, 6, 30), list(ExitReason)[0], ExitOutcome.EMPLOYED_SOCIAL_INSURANCE),
        )  # fmt: skip
    person = stored(lotse, pid)
    assert person.status == ParticipantStatus.EXITED
    assert person.exit_outcome == ExitOutcome.EMPLOYED_SOCIAL_INSURANCE
    with lotse.unit_of_work() as uow:
        due = {(row.kind, row.due_date) for row in follow_ups_of(uow, pid)}
    assert due == {
        (FollowUpKind.EXIT_4_WEEKS, date(2026, 7, 28)),
        (FollowUpKind.EXIT_6_MONTHS, date(2026, 12, 30)),
    }


def test_exit_needs_date_and_reason(lotse):
    pid = add_person(lotse, "Saleh")
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        exit_participant(uow, pid, ExitData(None, None, None))
    assert {e.field for e in raised.value.errors} == {"exit_date", "exit_reason"}
    assert stored(lotse, pid).status == ParticipantStatus.ACTIVE


def test_delete_removes_person_with_notes_and_follow_ups(lotse):
    from datetime import UTC, datetime

    from app.services.contact_notes import NoteInput, add_note
    from app.vocab import ContactKind

    pid = add_person(lotse, "Youssef", residence_title_valid_until=date(2027, 3, 1))
    with lotse.unit_of_work() as uow:
        add_note(uow, pid, NoteInput(datetime.now(UTC), ContactKind.PHONE, "Termin"))
    with lotse.unit_of_work() as uow:
        delete_participant(uow, pid)
    with lotse.unit_of_work() as uow:
        assert uow.session.get(Participant, pid) is None
        assert uow.session.exec(select(ContactNote)).all() == []
        assert uow.session.exec(select(FollowUp)).all() == []
        assert (
            uow.session.exec(select(AuditEvent.action).where(AuditEvent.entity_id == pid)).all()[-1]
            == AuditAction.DELETE
        )


def test_duplicates_tolerate_case_and_accents(lotse):
    pid = add_person(lotse, "Şahin", "Ayşe", postal_code="06108")
    add_person(lotse, "Şahin", "Ayşe", postal_code="39104")
    with lotse.unit_of_work() as uow:
        hits = find_duplicates(uow, "AYSE", "sahin", "06108")
        assert [hit.id for hit in hits] == [pid]
        assert find_duplicates(uow, "Ayşe", "Şahin", "06108", exclude_id=pid) == []
        assert find_duplicates(uow, "Ayla", "Şahin", "06108") == []


def test_completeness_lists_missing_core_fields(lotse):
    complete = add_person(lotse, "Haddad", "Rania", **COMPLETE_CORE)
    partial = add_person(lotse, "Khalil", "Samir", **{**COMPLETE_CORE, "school_level": None,
                                                      "nationalities": []})  # fmt: skip
    assert missing_fields(stored(lotse, complete)) == []
    assert missing_fields(stored(lotse, partial)) == ["nationalities", "school_level"]
    assert missing_labels(stored(lotse, partial)) == [
        "Staatsangehörigkeiten",
        "Höchster Schulabschluss",
    ]
    with lotse.unit_of_work() as uow:
        badges = {row.last_name: row.missing for row in list_participants(uow)}
    assert badges == {"Haddad": 0, "Khalil": 2}
    empty = add_person(lotse, "Leer")
    assert len(missing_fields(stored(lotse, empty))) == len(CORE_ENTRY_FIELDS) - 1


def test_special_category_not_stated_counts_as_complete(lotse):
    from app.vocab import YesNoUnknown

    pid = add_person(lotse, "Noori", **{**COMPLETE_CORE, "disability": YesNoUnknown.NOT_STATED})
    assert "disability" not in missing_fields(stored(lotse, pid))
