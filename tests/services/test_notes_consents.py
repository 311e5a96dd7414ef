"""Contact notes and consents."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from app.errors import ValidationError
from app.services.consents import ConsentInput, add_consent, consents_of, withdraw_consent
from app.services.contact_notes import NoteInput, add_note, delete_note, notes_of, update_note
from app.vocab import ConsentPurpose, ContactKind, Program
from tests.services.helpers import add_person, run

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_notes_timeline_newest_first(lotse):
    pid = add_person(lotse, "Tesfamariam", "Selam")
    run(lotse, add_note, pid, NoteInput(NOW - timedelta(days=3), ContactKind.PHONE, "Anruf"))
    visit = NoteInput(
        NOW,
        ContactKind.COMPANY_VISIT,
        "Betriebsbesuch",
        duration_minutes=45,
        agreements="Probearbeit Mo",
        interpreter=True,
        interpreter_language="Tigrinya",
    )
    run(lotse, add_note, pid, visit)
    rows = notes_of(lotse.reads, pid)
    assert [r.content for r in rows] == ["Betriebsbesuch", "Anruf"]
    assert rows[0].occurred_at == NOW
    assert (rows[0].duration_minutes, rows[0].interpreter_language) == (45, "Tigrinya")


def test_note_edit_and_delete(lotse):
    pid = add_person(lotse, "Gebremedhin")
    nid = run(lotse, add_note, pid, NoteInput(NOW, ContactKind.MESSAGE, "Mail")).created
    changes = run(
        lotse, update_note, nid, NoteInput(NOW, ContactKind.MESSAGE, "Mail mit Lebenslauf")
    )
    assert (changes.notes, changes.cases) == ({nid}, {pid})
    assert not run(
        lotse, update_note, nid, NoteInput(NOW, ContactKind.MESSAGE, "Mail mit Lebenslauf")
    )
    assert run(lotse, delete_note, nid).notes == {nid}
    assert notes_of(lotse.reads, pid) == []


@pytest.mark.parametrize(
    ("note", "field"),
    [
        (NoteInput(None, ContactKind.PHONE, "x"), "occurred_at"),
        (NoteInput(NOW, None, "x"), "kind"),
        (NoteInput(NOW, ContactKind.PHONE, "  "), "content"),
        (NoteInput(NOW, ContactKind.PHONE, "x", duration_minutes=-5), "duration_minutes"),
        (NoteInput(datetime.now(UTC) + timedelta(days=3), ContactKind.PHONE, "x"), "occurred_at"),
        (NoteInput(NOW, ContactKind.PHONE, "x", interpreter_language="Dari"), "interpreter"),
    ],
)
def test_note_validation(lotse, note, field):
    pid = add_person(lotse, "Sultani")
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        add_note(uow, pid, note)
    assert [e.field for e in raised.value.errors] == [field]
    with lotse.unit_of_work() as uow:
        assert notes_of(uow, pid) == []


def test_consent_withdrawal_stays_visible(lotse):
    pid = add_person(lotse, "Kovalenko", "Olena")
    purpose = list(ConsentPurpose)[0]
    consent = ConsentInput(purpose, "Jobcenter Halle", date(2026, 2, 1), "v2026-01")
    cid = run(lotse, add_consent, pid, consent).created
    assert run(lotse, withdraw_consent, cid, date(2026, 10, 1)).consents == {cid}
    (row,) = consents_of(lotse.reads, pid)
    assert row.withdrawn and row.withdrawn_on == date(2026, 10, 1)
    assert row.recipient == "Jobcenter Halle" and row.text_version == "v2026-01"


def test_withdrawal_not_before_consent(lotse):
    pid = add_person(lotse, "Melnyk")
    cid = run(lotse, add_consent, pid, ConsentInput(list(ConsentPurpose)[0], "Schule",
                                                    date(2026, 2, 1))).created  # fmt: skip
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        withdraw_consent(uow, cid, date(2026, 1, 1))


def test_minor_needs_guardian(lotse):
    pid = add_person(lotse, "Krüger", "Finn", program=Program.TRAINING,
                     birth_date=date.today().replace(year=date.today().year - 16))  # fmt: skip
    consent = ConsentInput(list(ConsentPurpose)[0], "Ausbildungsbetrieb", date(2026, 9, 1))
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        add_consent(uow, pid, consent)
    assert raised.value.errors[0].field == "guardian_name"
    with lotse.unit_of_work() as uow:
        add_consent(uow, pid, replace(consent, guardian_name="Maria Krüger"))
        (row,) = consents_of(uow, pid)
    assert row.guardian_name == "Maria Krüger"
