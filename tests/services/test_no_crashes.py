"""Lotse #16: input that used to crash (IntegrityError, TypeError, StatementError) or was
stored silently changed is now refused with a German message naming the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from app.errors import ValidationError
from app.models.contacts import ContactNote
from app.models.organization import ContactPerson, Organization
from app.models.participant import Participant
from app.models.support_plan import Goal
from app.services.consents import ConsentInput, add_consent
from app.services.contact_notes import NoteInput, add_note, notes_of
from app.services.follow_ups import create_follow_up
from app.services.participants import update_participant
from app.services.support_plans.editing import GoalInput, PlanInput, StepInput
from app.services.support_plans.review import review_plan
from app.services.support_plans.signatures import SignatureInput, record_signatures
from app.vocab import ConsentPurpose, ContactKind, GoalResult
from tests.services.helpers import add_person, new_plan, run, store_plan

TODAY = date(2026, 6, 15)


def fields_of(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {e.field for e in error.value.errors}


def note(**values: object) -> NoteInput:
    base: dict[str, object] = {
        "occurred_at": datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        "kind": ContactKind.IN_PERSON,
        "content": "Gespräch",
    }
    return NoteInput(**{**base, **values})  # type: ignore[arg-type]


def stored(lotse, pid: int) -> Participant:
    with lotse.reading() as uow:
        person = uow.session.get(Participant, pid)
        assert person is not None
        return person


# --- participants ---------------------------------------------------------------------------


def test_editing_to_a_taken_tn_number_is_a_message_not_an_integrity_error(lotse):
    add_person(lotse, "Haddad", esf_number="TN-1")
    other = add_person(lotse, "Karimi", esf_number="TN-2")
    with pytest.raises(ValidationError) as error:
        run(lotse, update_participant, other, {"esf_number": "TN-1", "city": "Halle"})
    assert fields_of(error) == {"esf_number"}
    assert "bereits" in str(error.value) or "already" in str(error.value)
    assert stored(lotse, other).esf_number == "TN-2"
    assert stored(lotse, other).city == ""


@pytest.mark.parametrize(
    "field",
    [
        "jobcenter_id",
        "school_id",
        "training_company_id",
        "chamber_id",
        "job_center_advisor_id",
        "class_teacher_id",
        "trainer_id",
    ],
)
@pytest.mark.parametrize("value", [999, 2**70, -1, 0])
def test_links_to_organisations_and_people_must_exist(lotse, field, value):
    pid = add_person(lotse, "Haddad")
    with pytest.raises(ValidationError) as error:
        run(lotse, update_participant, pid, {field: value})
    assert fields_of(error) == {field}


def test_links_to_existing_rows_are_stored(lotse):
    with lotse.unit_of_work() as uow:
        organisation = Organization(name="Jobcenter Halle")
        uow.session.add(organisation)
        uow.session.flush()
        person = ContactPerson(organization_id=organisation.id, name="Frau Beispiel")  # type: ignore[arg-type]
        uow.session.add(person)
        uow.session.flush()
        org_id, person_id = organisation.id, person.id
        uow.commit()
    pid = add_person(lotse, "Haddad")
    run(lotse, update_participant, pid, {"jobcenter_id": org_id, "trainer_id": person_id})
    assert (stored(lotse, pid).jobcenter_id, stored(lotse, pid).trainer_id) == (org_id, person_id)


def test_a_long_name_is_refused_not_cut(lotse):
    with pytest.raises(ValidationError) as error:
        add_person(lotse, "x" * 10_000)
    assert fields_of(error) == {"last_name"}
    assert "100" in str(error.value)


def test_a_huge_country_code_is_refused(lotse):
    with pytest.raises(ValidationError) as error:
        add_person(lotse, "Haddad", birth_country="S" * 100_000)
    assert fields_of(error) == {"birth_country"}


def test_unknown_nationality_codes_are_named(lotse):
    with pytest.raises(ValidationError) as error:
        add_person(lotse, "Haddad", nationalities=["XX", "12", "SYRIEN"])
    assert fields_of(error) == {"nationalities"}
    assert "XX, 12, SYRIEN" in str(error.value)
    pid = add_person(lotse, "Haddad", nationalities=["SY", "XK"])
    assert stored(lotse, pid).nationalities == ["SY", "XK"]


def test_a_school_year_with_too_much_is_refused_not_cut(lotse):
    for wrong in ("2026/2027/28", "2026/28", "26/27", "2026"):
        with pytest.raises(ValidationError) as error:
            add_person(lotse, "Haddad", school_year=wrong)
        assert fields_of(error) == {"school_year"}, wrong
    for right in ("2026/27", "2026/2027", "2099/00"):
        assert stored(lotse, add_person(lotse, "Haddad", school_year=right)).school_year == right


@pytest.mark.parametrize(
    ("field", "value"),
    [("mobility_radius_km", -5), ("mobility_radius_km", 99_999), ("absence_hours", 2**80)],
)
def test_numbers_out_of_range_are_refused_not_clamped(lotse, field, value):
    with pytest.raises(ValidationError) as error:
        add_person(lotse, "Haddad", **{field: value})
    assert fields_of(error) == {field}


def test_unexcused_absence_cannot_exceed_the_whole_absence(lotse):
    with pytest.raises(ValidationError) as error:
        add_person(lotse, "Haddad", absence_hours=10, unexcused_absence_hours=12)
    assert fields_of(error) == {"unexcused_absence_hours"}
    pid = add_person(lotse, "Haddad", absence_hours=12, unexcused_absence_hours=12)
    assert stored(lotse, pid).unexcused_absence_hours == 12


@pytest.mark.parametrize("text", ["Had\u202edad", "Had\x00dad", "Had\u200fdad", "A\nB", "\x85"])
def test_control_and_bidi_characters_in_a_name_are_refused(lotse, text):
    with pytest.raises(ValidationError) as error:
        add_person(lotse, text)
    assert fields_of(error) == {"last_name"}


def test_letters_of_every_script_and_emoji_are_stored_in_nfc(lotse):
    decomposed = "S\u0327ahin"  # S + combining cedilla
    pid = add_person(lotse, decomposed, "حسن 👩‍👩‍👧 مهدی\u200cزاده", notes="Zeile 1\n\tZeile 2")
    person = stored(lotse, pid)
    assert person.last_name == "Şahin"
    assert person.first_name == "حسن 👩‍👩‍👧 مهدی\u200cزاده"
    assert person.notes == "Zeile 1\n\tZeile 2"


# --- contact notes --------------------------------------------------------------------------


def test_a_naive_note_time_counts_as_local_time(lotse):
    pid = add_person(lotse, "Haddad")
    naive = datetime(2026, 3, 2, 10, 30)
    run(lotse, add_note, pid, note(occurred_at=naive))
    (row,) = notes_of(lotse.reads, pid)
    assert row.occurred_at == naive.astimezone(UTC)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
        datetime(1, 1, 1),
        datetime(1899, 12, 31, 23, 0, tzinfo=UTC),
        datetime(1900, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=2))),  # 1899 in UTC
    ],
)
def test_extreme_note_times_are_refused(lotse, moment):
    pid = add_person(lotse, "Haddad")
    with pytest.raises(ValidationError) as error:
        run(lotse, add_note, pid, note(occurred_at=moment))
    assert fields_of(error) == {"occurred_at"}


@pytest.mark.parametrize("pid", [12345, 0, -3, 2**64])
def test_a_note_for_nobody_is_a_message(lotse, pid):
    with pytest.raises(ValidationError) as error:
        run(lotse, add_note, pid, note())
    assert fields_of(error) == {"participant_id"}
    with lotse.reading() as uow:
        assert uow.session.exec(select(ContactNote)).all() == []


def test_note_duration_out_of_range_is_refused(lotse):
    pid = add_person(lotse, "Haddad")
    for minutes in (99_999, -5):
        with pytest.raises(ValidationError) as error:
            run(lotse, add_note, pid, note(duration_minutes=minutes))
        assert fields_of(error) == {"duration_minutes"}


def test_note_texts_keep_lines_but_not_controls(lotse):
    pid = add_person(lotse, "Haddad")
    with pytest.raises(ValidationError) as error:
        run(lotse, add_note, pid, note(content="a\u2067b", topics="x\ny", agreements="\x1b[31m"))
    assert fields_of(error) == {"content", "topics", "agreements"}
    run(lotse, add_note, pid, note(content="Zeile\n\tzwei \u200fעברית", topics="Arbeit"))
    (row,) = notes_of(lotse.reads, pid)
    assert row.content == "Zeile\n\tzwei \u200fעברית"


# --- follow-ups, consents, plans ------------------------------------------------------------


def test_follow_up_links_and_texts_are_checked(lotse):
    with pytest.raises(ValidationError) as error:
        run(
            lotse,
            create_follow_up,
            due_date=date(2026, 7, 1),
            title="x" * 201,
            participant_id=4711,
            organization_id=2**63,
            note="\x07",
        )
    assert fields_of(error) == {"title", "participant_id", "organization_id", "note"}


def test_follow_up_year_one_is_refused(lotse):
    with pytest.raises(ValidationError) as error:
        run(lotse, create_follow_up, due_date=date(1, 1, 1), title="Termin")
    assert fields_of(error) == {"due_date"}


def test_consent_for_nobody_and_bad_texts_are_messages(lotse):
    data = ConsentInput(ConsentPurpose.COUNSELLING, "J\u202ec", date(2026, 1, 5), "v" * 41)
    with pytest.raises(ValidationError) as error:
        run(lotse, add_consent, 999, data, today=TODAY)
    assert fields_of(error) == {"participant_id", "recipient", "text_version"}


def test_plan_texts_goals_and_steps_are_checked(lotse):
    pid = add_person(lotse, "Haddad")
    plan_id = new_plan(lotse, pid, TODAY)
    with pytest.raises(ValidationError) as error:
        store_plan(
            lotse,
            plan_id,
            texts=PlanInput(situation="a\x00", place="Halle\nSaale"),
            goals=[GoalInput("Ziel\u202e", "Nachweis", date(1, 1, 1))],
            steps=[StepInput("Schritt", responsible="\u2066x")],
        )
    assert fields_of(error) == {
        "situation",
        "place",
        "goals.0.goal_title",
        "goals.0.deadline",
        "steps.0.responsible",
    }


def test_signatures_and_review_texts_are_checked(lotse):
    pid = add_person(lotse, "Haddad", birth_date=date(1990, 1, 1))
    plan_id = new_plan(lotse, pid, TODAY)
    with pytest.raises(ValidationError) as error:
        run(
            lotse,
            record_signatures,
            plan_id,
            SignatureInput(participant_signed_on=date(1, 1, 1), partner_name="B\u202eb"),
            today=TODAY,
        )
    assert fields_of(error) == {"participant_signed_on", "partner_name"}
    store_plan(lotse, plan_id, goals=[GoalInput("Ziel", "Nachweis", date(2026, 9, 1))])
    with lotse.reading() as uow:
        (goal_id,) = [goal.id for goal in uow.session.exec(select(Goal)).all()]
    with pytest.raises(ValidationError) as error:
        run(lotse, review_plan, plan_id, {goal_id: (GoalResult.PARTLY, "a\x00b")}, "\u202e")
    assert fields_of(error) == {"goals.0.result_reason", "review_notes"}
