"""Organisationen: the directory page searched as you type, the editor with its contact
persons, the duplicate line, the organisation's contacts and follow-ups, the linked people,
and the record editor's link fields (Jobcenter and Integrationsfachkraft)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.bootstrap import Lotse
from app.services.contact_notes import NoteInput, add_organization_note, notes_of_organization
from app.services.organizations import (
    ContactInput,
    OrganizationInput,
    create_organization,
    follow_ups_of_organization,
    get_organization,
    linked_participants,
)
from app.services.participants import get_participant
from app.vocab import ContactKind, CooperationStatus, OrganizationKind, Program
from tests.services.helpers import add_person, run
from tests.ui.helpers import show
from ui.operations import Operations
from ui.organization import editor as editor_module
from ui.organization import panels as panels_module
from ui.organization.dialogs import ContactPersonDialog, OrganizationFollowUpDialog
from ui.organization.editor import OrganizationEditor
from ui.organization.panels import (
    LinkedParticipantsPanel,
    OrganizationFollowUpsPanel,
    OrganizationNotesPanel,
)
from ui.organization.tables import OrganizationTableModel
from ui.pages.organizations_page import OrganizationsPage, count_text
from ui.participant.editor import ParticipantEditor
from ui.participant.form_fields import ContactPersonBinding, OrganizationBinding
from ui.participant.note_dialog import NoteDialog
from ui.widgets.organization_chooser import OrganizationChooser, OrganizationHitModel

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")


def add_org(lotse: Lotse, name: str, **values: Any) -> int:
    changes = run(lotse, create_organization, OrganizationInput(name=name, **values))
    assert changes.created is not None
    return changes.created


@pytest.fixture
def network(lotse: Lotse) -> dict[str, int]:
    return {
        "bakery": add_org(
            lotse,
            "Bäckerei Müller",
            kind=OrganizationKind.TRAINING_COMPANY,
            postal_code="06108",
            city="Halle (Saale)",
            branch="Lebensmittelhandwerk",
            cooperation_status=CooperationStatus.ACTIVE,
            contacts=(ContactInput("Sabine Krüger", "Ausbildungsleitung", "0345 1234"),),
        ),
        "jobcenter": add_org(
            lotse,
            "Jobcenter Halle",
            kind=OrganizationKind.JOB_CENTER,
            postal_code="06112",
            city="Halle (Saale)",
            contacts=(ContactInput("Frau Richter", "Integrationsfachkraft"),),
        ),
        "hotel": add_org(
            lotse,
            "Hotel Zur Post",
            postal_code="39576",
            city="Stendal",
            cooperation_status=CooperationStatus.PROSPECT,
        ),
    }


def dialogs_answered(
    monkeypatch, *modules: Any, fill: Callable[[QDialog], None], accept: bool = True
) -> list[QDialog]:
    """Instead of running a dialog modally: ``fill`` it, then press OK (or Cancel)."""
    seen: list[QDialog] = []

    def answer(dialog: QDialog) -> bool:
        seen.append(dialog)
        fill(dialog)
        dialog.accept() if accept else dialog.reject()
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    for module in modules:
        monkeypatch.setattr(module, "run_dialog", answer)
    return seen


# --- the directory page --------------------------------------------------------------------


def open_page(qtbot, lotse: Lotse, ops: Operations) -> OrganizationsPage:
    page = show(qtbot, OrganizationsPage("Organisationen", lotse, ops))
    page.resize(1100, 600)
    return page


def test_the_page_searches_as_you_type_and_filters(qtbot, lotse, ops, network):
    page = open_page(qtbot, lotse, ops)
    assert page.names() == ["Bäckerei Müller", "Hotel Zur Post", "Jobcenter Halle"]
    assert page.count_label.text() == "3 Organisationen"
    page.focus_search()
    qtbot.keyClicks(page.search, "muller")
    qtbot.waitUntil(lambda: page.names() == ["Bäckerei Müller"])  # after the typing pause
    assert page.count_label.text() == count_text(1) == "1 Organisation"
    page.search.clear()
    qtbot.keyClicks(page.search, "halle")
    qtbot.waitUntil(lambda: page.names() == ["Bäckerei Müller", "Jobcenter Halle"])
    page.kind_filter.set_value(OrganizationKind.JOB_CENTER)
    assert page.names() == ["Jobcenter Halle"]
    page.kind_filter.set_value(None)
    page.search.clear()
    page.refresh()
    page.cooperation_filter.set_value(CooperationStatus.PROSPECT)
    assert page.names() == ["Hotel Zur Post"]
    # the cells are German
    row = page.model.index(0, 1)
    assert page.model.data(row) == "Arbeitgeber"
    assert page.model.data(page.model.index(0, 4)) == "in Aussicht"


def test_enter_opens_the_one_hit_and_the_table_row(qtbot, lotse, ops, network):
    page = open_page(qtbot, lotse, ops)
    page.focus_search()
    qtbot.keyClicks(page.search, "stendal")
    with qtbot.waitSignal(page.open_requested, timeout=2000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)  # faster than the pause: searched first
    assert opened.args == [network["hotel"]]
    page.search.clear()
    page.refresh()
    assert page.selected_organization_id() == network["hotel"]  # still chosen in the list
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # into the table
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.selected_organization_id() == network["bakery"]
    with qtbot.waitSignal(page.open_requested, timeout=2000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [network["bakery"]]


def test_the_page_follows_changes_made_elsewhere(qtbot, lotse, ops, network):
    page = open_page(qtbot, lotse, ops)
    ops.run(lambda uow: create_organization(uow, OrganizationInput("Autohaus Sonne")), parent=None)
    assert "Autohaus Sonne" in page.names()


def test_models_pass_the_model_tester(qtmodeltester, lotse, network):
    from app.services.organizations import organization_rows

    model = OrganizationTableModel(lambda ids: organization_rows(lotse.reads, ids))
    model.set_ids(sorted(network.values()))
    qtmodeltester.check(model)
    hits = OrganizationHitModel()
    hits.set_rows(organization_rows(lotse.reads, list(network.values())))
    qtmodeltester.check(hits)


# --- the editor ---------------------------------------------------------------------------


@pytest.fixture
def questions(monkeypatch) -> list[str]:
    """QMessageBox.question answered "Discard" (closing a changed editor at teardown)."""
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def open_editor(
    qtbot, lotse: Lotse, ops: Operations, organization_id: int | None
) -> OrganizationEditor:
    return show(qtbot, OrganizationEditor(lotse, ops, organization_id))


def test_the_editor_shows_the_record_and_saves_an_edited_contact_person(
    qtbot, lotse, ops, network, monkeypatch
):
    editor = open_editor(qtbot, lotse, ops, network["bakery"])
    assert editor.windowTitle() == "Bäckerei Müller – Organisation"
    assert editor.field_widget("name").text() == "Bäckerei Müller"
    assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())] == [
        "Stammdaten", "Ansprechpersonen", "Kontaktverlauf", "Wiedervorlagen",
        "Stellenangebote", "Teilnehmende", "Auszubildende",
    ]  # fmt: skip
    editor.choose_tab("contacts")
    assert editor.contacts.data(editor.contacts.index(0, 0)) == "Sabine Krüger"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactPersonDialog)
        assert dialog.name.text() == "Sabine Krüger"
        dialog.function.setText("Personalleitung")
        dialog.email.setText("s.krueger@example.org")

    dialogs_answered(monkeypatch, editor_module, fill=fill)
    editor.contacts_view.setFocus()
    qtbot.keyClick(editor.contacts_view, Qt.Key.Key_Return)  # Enter edits the chosen person
    assert editor.is_modified()
    assert editor.contacts.data(editor.contacts.index(0, 1)) == "Personalleitung"
    assert get_organization(lotse.reads, network["bakery"]).contacts[0].function == (  # type: ignore[union-attr]
        "Ausbildungsleitung"
    )  # not yet stored
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (person,) = get_organization(lotse.reads, network["bakery"]).contacts  # type: ignore[union-attr]
    assert (person.name, person.function, person.email) == (
        "Sabine Krüger",
        "Personalleitung",
        "s.krueger@example.org",
    )
    assert not editor.is_modified()
    assert editor.saved_label.text().startswith("Gespeichert")


def test_a_contact_person_is_added_and_removed_with_the_save(
    qtbot, lotse, ops, network, monkeypatch
):
    editor = open_editor(qtbot, lotse, ops, network["hotel"])
    editor.choose_tab("contacts")
    dialogs_answered(monkeypatch, editor_module, fill=lambda d: d.name.setText("Jan Łukowski"))
    editor.add_contact()
    assert editor.save()
    names = [p.name for p in get_organization(lotse.reads, network["hotel"]).contacts]  # type: ignore[union-attr]
    assert names == ["Jan Łukowski"]
    editor.contacts_view.selectRow(0)
    assert editor.remove_contact()
    assert editor.save()
    assert get_organization(lotse.reads, network["hotel"]).contacts == ()  # type: ignore[union-attr]


def test_a_contact_person_without_a_name_is_not_taken_over(qtbot, lotse, ops, warnings):
    dialog = show(qtbot, ContactPersonDialog())
    dialog.email.setText("kein-at")
    dialog.accept()
    assert dialog.person is None and dialog.isVisible()
    assert "Name: Bitte füllen Sie dieses Feld aus." in warnings[0]
    assert "E-Mail" in warnings[0]


def test_a_new_organisation_warns_of_a_duplicate_in_a_line_and_can_still_be_saved(
    qtbot, lotse, ops, warnings
):
    existing = add_org(lotse, "Müller GmbH", postal_code="06108", city="Halle (Saale)")
    editor = open_editor(qtbot, lotse, ops, None)
    assert editor.windowTitle() == "Neue Organisation"
    assert not editor.tabs.isTabEnabled(editor.tabs.indexOf(editor._pages["notes"]))
    qtbot.keyClicks(editor.field_widget("name"), "mueller gmbh")
    qtbot.keyClicks(editor.field_widget("postal_code"), "06108")
    qtbot.waitUntil(editor.duplicates.isVisible)  # after the typing pause: no box
    assert "Müller GmbH (06108 Halle (Saale))" in editor.duplicates.text()
    assert editor.duplicates.text().startswith("⚠ Möglicherweise schon erfasst")
    editor.field_widget("postal_code").setText("39104")
    editor.check_duplicates()
    assert not editor.duplicates.isVisible()

    editor.field_widget("betriebsnummer").setText("1234567")  # seven digits
    assert not editor.save()
    assert "Betriebsnummer: Die Betriebsnummer hat genau 8 Ziffern." in warnings[-1]
    assert editor.organization_id is None
    assert lotse.reads.one("SELECT count(*) FROM organization")[0] == 1  # nothing stored
    assert editor.field_widget("betriebsnummer").hasFocus()

    editor.field_widget("betriebsnummer").setText("12345678")
    editor.field_widget("employees").setText("12")
    assert editor.size_class.text() == "Klein (unter 50)"
    assert editor.save()
    assert editor.organization_id not in (None, existing)
    record = get_organization(lotse.reads, editor.organization_id)  # type: ignore[arg-type]
    assert record is not None
    assert (record.name, record.postal_code, record.betriebsnummer, record.employees) == (
        "mueller gmbh",
        "39104",
        "12345678",
        12,
    )
    assert editor.windowTitle() == "mueller gmbh – Organisation"
    assert editor.tabs.isTabEnabled(editor.tabs.indexOf(editor._pages["notes"]))


def test_closing_with_unsaved_changes_asks(qtbot, lotse, ops, network, questions):
    editor = open_editor(qtbot, lotse, ops, network["hotel"])
    editor.close_button.click()
    assert questions == [] and not editor.isVisible()  # nothing changed: no question
    editor = open_editor(qtbot, lotse, ops, network["hotel"])
    editor.field_widget("city").setText("Tangermünde")
    editor.close_button.click()
    assert questions and questions[0].startswith("Ungespeicherte Änderungen")
    assert get_organization(lotse.reads, network["hotel"]).city == "Stendal"  # type: ignore[union-attr]


# --- the organisation's tabs --------------------------------------------------------------


def test_a_contact_note_for_the_organisation(qtbot, lotse, ops, network, monkeypatch):
    editor = open_editor(qtbot, lotse, ops, network["bakery"])
    editor.choose_tab("notes")
    panel = editor.panel("notes")
    assert isinstance(panel, OrganizationNotesPanel)
    assert panel.notes_stack.currentIndex() == 1  # "no contacts yet" in words

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        assert dialog.windowTitle() == "Neue Gesprächsnotiz – Bäckerei Müller"
        dialog.kind.set_value(ContactKind.COMPANY_VISIT)
        dialog.content.setPlainText("Zwei Ausbildungsplätze ab August frei.")

    dialogs_answered(monkeypatch, panels_module, fill=fill)
    panel.new_button.click()
    (note,) = notes_of_organization(lotse.reads, network["bakery"])
    assert (note.kind, note.content) == (
        ContactKind.COMPANY_VISIT,
        "Zwei Ausbildungsplätze ab August frei.",
    )
    assert panel.notes_stack.currentIndex() == 0
    assert "Zwei Ausbildungsplätze" in panel.model.data(panel.model.index(0))
    assert lotse.reads.one("SELECT participant_id FROM contact_note")[0] is None


def test_the_note_dialog_edits_an_organisation_note(qtbot, lotse, ops, network):
    moment = datetime.now(UTC) - timedelta(hours=2)
    run(lotse, add_organization_note, network["hotel"],
        NoteInput(moment, ContactKind.PHONE, "Erstes Telefonat"))  # fmt: skip
    (note,) = notes_of_organization(lotse.reads, network["hotel"])
    dialog = show(qtbot, NoteDialog(lotse, ops, None, note, organization_id=network["hotel"]))
    assert dialog.windowTitle() == "Gesprächsnotiz bearbeiten – Hotel Zur Post"
    dialog.content.setPlainText("Erstes Telefonat, Rückruf vereinbart")
    dialog.accept()
    (edited,) = notes_of_organization(lotse.reads, network["hotel"])
    assert edited.content == "Erstes Telefonat, Rückruf vereinbart" and edited.id == note.id


def test_a_follow_up_for_the_organisation_and_marking_it_done(
    qtbot, lotse, ops, network, monkeypatch
):
    editor = open_editor(qtbot, lotse, ops, network["hotel"])
    editor.choose_tab("follow_ups")
    panel = editor.panel("follow_ups")
    assert isinstance(panel, OrganizationFollowUpsPanel)
    due = date.today() + timedelta(days=7)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, OrganizationFollowUpDialog)
        dialog.due_date.set_date(due)
        dialog.title_edit.setText("Nach Stellen fragen")

    dialogs_answered(monkeypatch, panels_module, fill=fill)
    panel.new_button.click()
    (row,) = follow_ups_of_organization(lotse.reads, network["hotel"])
    assert (row.title, row.due_date, row.done) == ("Nach Stellen fragen", due, False)
    assert panel.summary.text() == "1 offen."
    panel.done_button.click()
    (row,) = follow_ups_of_organization(lotse.reads, network["hotel"])
    assert row.done


def test_linked_participants_open_with_enter(qtbot, lotse, ops, network):
    (advisor,) = get_organization(lotse.reads, network["jobcenter"]).contacts  # type: ignore[union-attr]
    pid = add_person(lotse, "Şahin", "Ayşe", jobcenter_id=network["jobcenter"],
                     job_center_advisor_id=advisor.id)  # fmt: skip
    editor = open_editor(qtbot, lotse, ops, network["jobcenter"])
    editor.choose_tab("participants")
    panel = editor.panel("participants")
    assert isinstance(panel, LinkedParticipantsPanel)
    assert panel.model.data(panel.model.index(0, 0)) == "Şahin, Ayşe"
    assert panel.model.data(panel.model.index(0, 3)) == (
        "Jobcenter, Integrationsfachkraft: Frau Richter"
    )
    panel.view.setFocus()
    with qtbot.waitSignal(editor.open_participant, timeout=2000) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [pid]


# --- the record editor's link fields ------------------------------------------------------


def test_the_record_editor_chooses_a_jobcenter_and_its_advisor_and_stores_them(
    qtbot, lotse, ops, network, questions
):
    pid = add_person(lotse, "Haddad", "Omar", program=Program.JOKO)
    editor = show(qtbot, ParticipantEditor(lotse, ops, pid))
    editor.focus_field("jobcenter_id")
    binding = editor._bindings["jobcenter_id"]
    if not isinstance(binding, OrganizationBinding):
        pytest.skip(
            "the record editor does not pass lotse to make_binding yet (ui/participant/"
            "editor.py, _make_binding: make_binding(..., lotse=self._lotse))"
        )
    chooser = binding.chooser
    assert isinstance(chooser, OrganizationChooser)
    assert chooser.search.accessibleName() == "Jobcenter"
    advisor = editor._bindings["job_center_advisor_id"]
    assert isinstance(advisor, ContactPersonBinding) and not advisor.combo.isEnabled()
    qtbot.keyClicks(chooser.search, "halle")
    assert chooser.hits.isVisible()
    # only Jobcenter are offered: the bakery in Halle is not
    assert chooser.model.rowCount() == 1
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert chooser.organization_id == network["jobcenter"]
    assert chooser.search.text() == "Jobcenter Halle"
    assert advisor.combo.isEnabled()
    assert [advisor.combo.itemText(i) for i in range(advisor.combo.count())] == [
        "—",
        "Frau Richter (Integrationsfachkraft)",
    ]
    advisor.combo.setCurrentIndex(1)
    assert editor.save()
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        richter = get_organization(lotse.reads, network["jobcenter"]).contacts[0]  # type: ignore[union-attr]
        assert (person.jobcenter_id, person.job_center_advisor_id) == (
            network["jobcenter"],
            richter.id,
        )
    assert [r.name for r in linked_participants(lotse.reads, network["jobcenter"])] == [
        "Haddad, Omar"
    ]
    # opened again, the field shows the chosen Jobcenter and its advisor
    again = show(qtbot, ParticipantEditor(lotse, ops, pid))
    assert again._bindings["jobcenter_id"].widget.search.text() == "Jobcenter Halle"  # type: ignore[attr-defined]
    assert again._bindings["job_center_advisor_id"].value() == richter.id
    # typed over without choosing: the save names the field
    chooser2 = again._bindings["jobcenter_id"].chooser  # type: ignore[attr-defined]
    chooser2.search.setFocus()
    qtbot.keyClicks(chooser2.search, "x")
    assert again._bindings["job_center_advisor_id"].value() is None
