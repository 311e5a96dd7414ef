"""Fallkonferenz (#18) in the face: the note dialog's "Beteiligte Organisationen" (added by
typing in a small dialog of their own, removed, kept when editing), and the note in each
organisation's Kontaktverlauf and in the person's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.bootstrap import Lotse
from app.services.contact_notes import NoteInput, add_note, notes_of, notes_of_organization
from app.services.organizations import (
    ContactInput,
    OrganizationInput,
    create_organization,
    get_organization,
)
from app.vocab import ContactKind, OrganizationKind
from tests.services.helpers import add_person, run
from tests.ui.helpers import show
from ui.organization.panels import OrganizationNotesPanel
from ui.participant import note_dialog as note_dialog_module
from ui.participant.note_dialog import NoteDialog, NoteOrganizationDialog, QuickNoteDialog
from ui.participant.notes_panel import NotesPanel

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")


def add_org(lotse: Lotse, name: str, kind: OrganizationKind, *people: str) -> int:
    contacts = tuple(ContactInput(person) for person in people)
    changes = run(lotse, create_organization, OrganizationInput(name, kind=kind, contacts=contacts))
    assert changes.created is not None
    return changes.created


@pytest.fixture
def network(lotse: Lotse) -> dict[str, int]:
    jobcenter = add_org(lotse, "Jobcenter Halle", OrganizationKind.JOB_CENTER, "Frau Meier")
    school = add_org(lotse, "BBS II", OrganizationKind.SCHOOL, "Frau Lange", "Herr Roth")
    record = get_organization(lotse.reads, jobcenter)
    assert record is not None
    return {
        "jobcenter": jobcenter,
        "meier": record.contacts[0].id,
        "school": school,
        "company": add_org(lotse, "Bäckerei Müller", OrganizationKind.TRAINING_COMPANY),
        "pid": add_person(lotse, "Nowak", "Łukasz"),
    }


def choosing(qtbot, typed: str, person: str | None) -> Callable[[NoteOrganizationDialog], None]:
    """Fill the "Hinzufügen…" dialog as a user does: type, Enter takes the first hit, Tab to
    the contact person, choose one by its text."""

    def fill(dialog: NoteOrganizationDialog) -> None:
        dialog.show()
        qtbot.keyClicks(dialog.chooser.search, typed)
        qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)
        assert dialog.chooser.organization_id is not None
        if person is not None:
            assert dialog.person.isEnabled()
            dialog.person.setCurrentIndex(dialog.person.findText(person))

    return fill


def answer_with(monkeypatch, *fills: Callable[[NoteOrganizationDialog], None]) -> list[QDialog]:
    """Instead of running the organisation dialogs modally: fill each in turn, then OK."""
    pending = list(fills)
    seen: list[QDialog] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, NoteOrganizationDialog)
        seen.append(dialog)
        pending.pop(0)(dialog)
        dialog.accept()
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.hide()
        dialog.deleteLater()
        return accepted

    monkeypatch.setattr(note_dialog_module, "run_dialog", answer)
    return seen


def entry_texts(panel: OrganizationNotesPanel | NotesPanel) -> list[str]:
    return [panel.model.data(panel.model.index(row)) for row in range(panel.model.rowCount())]


def test_a_case_conference_made_in_the_dialog_shows_in_each_organisations_timeline(
    qtbot, lotse, ops, network, monkeypatch
):
    n = network
    timelines = {
        name: show(qtbot, OrganizationNotesPanel(lotse, ops, n[name]))
        for name in ("jobcenter", "school", "company")
    }
    assert all(panel.notes_stack.currentIndex() == 1 for panel in timelines.values())
    reloads: list[int] = []
    original = OrganizationNotesPanel.reload
    monkeypatch.setattr(
        OrganizationNotesPanel,
        "reload",
        lambda self: (reloads.append(self.organization_id), original(self))[1],
    )

    dialog = show(qtbot, NoteDialog(lotse, ops, n["pid"]))
    assert dialog.parties.rows() == []
    dialog.kind.set_value(ContactKind.CASE_CONFERENCE)
    assert "Wer war beteiligt?" in dialog.parties.list.placeholder
    assert "Wer war beteiligt?" in dialog.parties.list.accessibleDescription()
    answer_with(
        monkeypatch,
        choosing(qtbot, "jobcenter", "Frau Meier"),
        choosing(qtbot, "bbs", "Herr Roth"),
    )
    dialog.parties.add_button.click()
    dialog.parties.add_button.click()
    assert [dialog.parties.list.item(i).text() for i in range(2)] == [
        "Jobcenter Halle (Frau Meier)",
        "BBS II (Herr Roth)",
    ]
    dialog.content.setPlainText("Fehlzeiten besprochen; Nachhilfe über AsA flex.")
    qtbot.keyClick(dialog.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted

    (note,) = notes_of(lotse.reads, n["pid"])
    assert note.kind is ContactKind.CASE_CONFERENCE
    assert [(p.organization_name, p.contact_person_name) for p in note.parties()] == [
        ("Jobcenter Halle", "Frau Meier"),
        ("BBS II", "Herr Roth"),
    ]
    assert sorted(reloads) == sorted([n["jobcenter"], n["school"]])  # not the company's
    (jobcenter_entry,) = entry_texts(timelines["jobcenter"])
    assert "Fallkonferenz mit: BBS II (Herr Roth)" in jobcenter_entry
    assert "Ansprechperson: Frau Meier" in jobcenter_entry
    assert "Teilnehmende Person: Łukasz Nowak" in jobcenter_entry
    assert "Fehlzeiten besprochen" in jobcenter_entry
    (school_entry,) = entry_texts(timelines["school"])
    assert "Fallkonferenz mit: Jobcenter Halle (Frau Meier)" in school_entry
    assert "Ansprechperson: Herr Roth" in school_entry
    assert timelines["company"].notes_stack.currentIndex() == 1  # still none

    person = show(qtbot, NotesPanel(lotse, ops, n["pid"]))
    (person_entry,) = entry_texts(person)
    assert "Fallkonferenz mit: Jobcenter Halle (Frau Meier), BBS II (Herr Roth)" in person_entry
    assert "Teilnehmende Person" not in person_entry  # the person's own timeline


def test_editing_shows_the_organisations_and_a_removed_one_leaves_its_timeline(
    qtbot, lotse, ops, network
):
    n = network
    moment = datetime.now(UTC) - timedelta(hours=3)
    run(lotse, add_note, n["pid"], NoteInput(
        moment, ContactKind.CASE_CONFERENCE, "Runder Tisch",
        organizations=((n["jobcenter"], n["meier"]), (n["school"], None)),
    ))  # fmt: skip
    school = show(qtbot, OrganizationNotesPanel(lotse, ops, n["school"]))
    assert school.notes_stack.currentIndex() == 0
    school.view.setCurrentIndex(school.model.index(0))
    note = school.selected_note()
    assert note is not None

    dialog = show(qtbot, school.note_dialog(note))
    assert dialog.windowTitle() == "Gesprächsnotiz bearbeiten – Łukasz Nowak"  # whose note
    assert [row.organization_name for row in dialog.parties.rows()] == [
        "Jobcenter Halle",
        "BBS II",
    ]
    assert not dialog.is_modified()
    dialog.parties.list.setFocus()
    dialog.parties.list.setCurrentRow(1)
    qtbot.keyClick(dialog.parties.list, Qt.Key.Key_Delete)
    assert [row.organization_name for row in dialog.parties.rows()] == ["Jobcenter Halle"]
    assert dialog.is_modified()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    assert school.notes_stack.currentIndex() == 1  # reloaded: the note left its timeline
    (kept,) = notes_of_organization(lotse.reads, n["jobcenter"])
    assert kept.party_inputs() == ((n["jobcenter"], n["meier"]),)
    assert kept.content == "Runder Tisch"


def test_enter_in_the_list_changes_the_contact_person_and_does_not_save(
    qtbot, lotse, ops, network, monkeypatch
):
    n = network
    dialog = show(qtbot, NoteDialog(lotse, ops, n["pid"]))
    seen = answer_with(
        monkeypatch, choosing(qtbot, "bbs", "Frau Lange"), choosing(qtbot, "", "Herr Roth")
    )
    dialog.parties.add_button.click()
    dialog.parties.list.setFocus()
    qtbot.keyClick(dialog.parties.list, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert notes_of(lotse.reads, n["pid"]) == []
    assert seen[1].windowTitle() == "Beteiligte Organisation ändern"
    assert [row.contact_person_name for row in dialog.parties.rows()] == ["Herr Roth"]


def test_a_case_conference_without_organisations_is_refused_naming_the_field(
    qtbot, lotse, ops, network, monkeypatch
):
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *args: warnings.append(text)
    )
    dialog = show(qtbot, NoteDialog(lotse, ops, network["pid"]))
    dialog.kind.set_value(ContactKind.CASE_CONFERENCE)
    dialog.content.setPlainText("Runder Tisch")
    dialog.accept()
    (text,) = warnings
    assert (
        "Beteiligte Organisationen: Eine Fallkonferenz braucht mindestens eine beteiligte "
        "Organisation." in text
    )
    assert QApplication.focusWidget() is dialog.parties.list
    assert dialog.isVisible() and notes_of(lotse.reads, network["pid"]) == []


def test_the_organisation_dialog_refuses_nothing_chosen_and_one_listed_already(
    qtbot, lotse, network, monkeypatch
):
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *args: warnings.append(text)
    )
    dialog = show(qtbot, NoteOrganizationDialog(lotse, [network["school"]]))
    assert not dialog.person.isEnabled()
    qtbot.keyClicks(dialog.chooser.search, "bbs")  # typed, not chosen
    dialog.accept()
    qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)
    assert dialog.person.isEnabled()
    assert [dialog.person.itemText(i) for i in range(3)] == ["—", "Frau Lange", "Herr Roth"]
    dialog.accept()
    assert warnings == [
        "Bitte wählen Sie eine Organisation aus der Liste (Enter).",
        "BBS II ist schon beteiligt.",
    ]
    assert dialog.party is None and dialog.isVisible()
    dialog.chooser.search.clear()
    qtbot.keyClicks(dialog.chooser.search, "baeckerei")
    qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)
    assert not dialog.person.isEnabled()  # no contact persons recorded
    qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)  # Enter: OK
    assert dialog.party is not None
    assert dialog.party.as_input() == (network["company"], None)


def test_the_quick_note_reads_no_organisations_when_it_opens(qtbot, lotse, ops, network):
    statements: list[str] = []
    reads: Any = lotse.reads
    original = reads.rows

    def noted(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        statements.append(sql)
        return original(sql, params)

    reads.rows = noted
    try:
        dialog = show(qtbot, QuickNoteDialog(lotse, ops, network["pid"]))
    finally:
        del reads.rows
    assert dialog.parties.rows() == []
    assert not [s for s in statements if "organization" in s or "contact_person" in s]


def test_the_notes_own_organisation_is_named_below_the_list(qtbot, lotse, ops, network):
    """A person's note with a main organisation (as the demo and older notes have): the list
    holds the further ones, the line below names the main one; saving keeps it."""
    n = network
    moment = datetime.now(UTC) - timedelta(hours=1)
    nid = run(lotse, add_note, n["pid"], NoteInput(
        moment, ContactKind.CASE_CONFERENCE, "Runder Tisch",
        organizations=((n["company"], None),),
    )).created  # fmt: skip
    with lotse.unit_of_work() as uow:
        uow.connection.execute(
            "UPDATE contact_note SET organization_id = ? WHERE id = ?", (n["school"], nid)
        )
        uow.commit()
    (note,) = notes_of(lotse.reads, n["pid"])
    dialog = show(qtbot, NoteDialog(lotse, ops, n["pid"], note))
    assert [row.organization_name for row in dialog.parties.rows()] == ["Bäckerei Müller"]
    assert dialog.parties.also.isVisible()
    assert dialog.parties.also.text() == "Außerdem beteiligt: BBS II (Organisation der Notiz)"
    dialog.parties.list.setCurrentRow(0)
    dialog.parties.remove_button.click()
    dialog.accept()  # the main organisation counts for the Fallkonferenz
    assert dialog.result() == QDialog.DialogCode.Accepted
    (saved,) = notes_of(lotse.reads, n["pid"])
    assert [p.organization_name for p in saved.parties()] == ["BBS II"]
    school = show(qtbot, NoteDialog(lotse, ops, None, saved, organization_id=n["school"]))
    assert not school.parties.also.isVisible()  # opened from the school's own timeline
