"""Kontaktverlauf: the note dialog, the quick note with participant chooser, the timeline."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QMessageBox

from app.bootstrap import Lotse
from app.services.caseload import ListQuery, list_participants
from app.services.contact_notes import NoteInput, add_note, notes_of
from app.vocab import ContactKind
from tests.services.helpers import add_person
from tests.ui.helpers import show
from tests.windows_clock import refuse_like_windows
from ui.participant.note_dialog import NoteDialog, QuickNoteDialog
from ui.participant.notes_panel import NoteModel, NotesPanel
from ui.participant.participant_chooser import HitModel

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")


def add_example_note(lotse: Lotse, pid: int, content: str = "Bewerbung besprochen", **kw) -> int:
    kw.setdefault("occurred_at", datetime.now(UTC) - timedelta(hours=1))
    kw.setdefault("kind", ContactKind.PHONE)
    with lotse.unit_of_work() as uow:
        changes = add_note(uow, pid, NoteInput(content=content, **kw))
    assert changes.created is not None
    return changes.created


def stored_notes(lotse: Lotse, pid: int):
    with lotse.unit_of_work() as uow:
        return notes_of(uow, pid)


class Answers:
    """Answers for QMessageBox.question, taken in order; the questions asked are recorded."""

    def __init__(self) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []

    def append(self, answer: QMessageBox.StandardButton) -> None:
        self.queue.append(answer)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    recorded = Answers()

    def answer(parent, title, text, *args, **kwargs):
        recorded.asked.append(f"{title}\n{text}")
        return recorded.queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    return recorded


@pytest.fixture
def berlin_time(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_note_dialog_starts_with_now_in_person_and_focus_in_content(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, NoteDialog(lotse, ops, pid))
    shown = dialog.occurred_at.dateTime()
    assert abs(shown.secsTo(QDateTime.currentDateTime())) < 120
    assert dialog.occurred_at.displayFormat() == "dd.MM.yyyy HH:mm"
    assert dialog.kind.value() == ContactKind.IN_PERSON
    assert dialog.duration.suffix().strip() == "min"
    assert "Amal Haddad" in dialog.windowTitle()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.content)


def test_saved_note_appears_in_the_panel_and_in_the_database(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    panel = show(qtbot, NotesPanel(lotse, ops, pid))
    assert panel.model.rowCount() == 0
    assert not panel.edit_button.isEnabled()

    def fill_and_save(dialog: NoteDialog) -> int:
        show(qtbot, dialog)  # shortcuts work in the active window
        dialog.kind.set_value(ContactKind.COMPANY_VISIT)
        dialog.duration.setValue(45)
        dialog.topics.setText("Probearbeit")
        dialog.content.setPlainText("Gespräch mit dem Betrieb.\nProbearbeit ab Montag.")
        dialog.agreements.setPlainText("Arbeitskleidung besorgen")
        dialog.interpreter.setChecked(True)
        dialog.interpreter_language.setText("Arabisch")
        qtbot.keyClick(dialog.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", fill_and_save)
    with qtbot.waitSignal(ops.changed, timeout=1000):
        panel.new_button.click()

    [note] = stored_notes(lotse, pid)
    assert note.kind == ContactKind.COMPANY_VISIT
    assert note.duration_minutes == 45
    assert note.content == "Gespräch mit dem Betrieb.\nProbearbeit ab Montag."
    assert note.interpreter and note.interpreter_language == "Arabisch"
    assert note.occurred_at.tzinfo is not None
    assert abs(note.occurred_at - datetime.now(UTC)) < timedelta(minutes=2)

    assert panel.model.rowCount() == 1
    text = panel.model.index(0).data()
    assert "Betriebsbesuch" in text
    assert "45 min" in text
    assert "Probearbeit ab Montag." in text
    assert "Arbeitskleidung besorgen" in text
    assert "Arabisch" in text
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()


def test_timeline_is_newest_first_in_local_time(qtbot, lotse, ops, berlin_time):
    pid = add_person(lotse, "Haddad", "Amal")
    add_example_note(lotse, pid, "älter", occurred_at=datetime(2026, 11, 20, 13, 30, tzinfo=UTC))
    add_example_note(lotse, pid, "neuer", occurred_at=datetime(2026, 11, 24, 8, 5, tzinfo=UTC))
    panel = show(qtbot, NotesPanel(lotse, ops, pid))
    first, second = (panel.model.index(row).data() for row in range(2))
    assert first.startswith("24.11.2026 09:05") and "neuer" in first
    assert second.startswith("20.11.2026 14:30") and "älter" in second
    assert "telefonisch" in first


def test_a_note_of_1965_is_saved_and_shown_where_windows_refuses_the_year(
    qtbot, lotse, ops, berlin_time, monkeypatch
):
    """Windows cannot convert local times before 1970 (emulated): typed 01.03.1965 10:00 in
    Berlin is stored as 09:00 UTC and shown back as typed, in the list and when edited."""
    asked = refuse_like_windows(monkeypatch)
    pid = add_person(lotse, "Haddad", "Amal")
    panel = show(qtbot, NotesPanel(lotse, ops, pid))

    def type_and_save(dialog: NoteDialog) -> int:
        show(qtbot, dialog)
        editor = dialog.occurred_at
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus)
        editor.setSelectedSection(QDateTimeEdit.Section.DaySection)
        qtbot.keyClicks(editor, "010319651000")  # the sections advance as they fill
        assert editor.lineEdit().text() == "01.03.1965 10:00"
        dialog.content.setPlainText("Erstgespräch in der alten Akte")
        qtbot.keyClick(dialog.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", type_and_save)
    with qtbot.waitSignal(ops.changed, timeout=1000):
        panel.new_button.click()

    [(stored,)] = lotse.reads.rows("SELECT occurred_at FROM contact_note")
    assert datetime.fromisoformat(stored) == datetime(1965, 3, 1, 9, 0)  # UTC, as stored
    [note] = stored_notes(lotse, pid)
    assert note.occurred_at == datetime(1965, 3, 1, 9, 0, tzinfo=UTC)
    assert panel.model.rowCount() == 1
    shown = panel.model.index(0).data()
    assert shown.startswith("01.03.1965 10:00") and "Erstgespräch in der alten Akte" in shown

    seen: list[str] = []

    def look(dialog: NoteDialog) -> int:
        seen.append(dialog.occurred_at.dateTime().toString("dd.MM.yyyy HH:mm"))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NoteDialog, "exec", look)
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.view.activated.emit(panel.model.index(0))
    assert seen == ["01.03.1965 10:00"]
    assert asked and all(moment.year >= 1970 for moment in asked)  # never asked about 1965


def test_editing_prefills_the_form_and_saves_changes(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    note_id = add_example_note(lotse, pid, "Erstgespräch", duration_minutes=30)
    panel = show(qtbot, NotesPanel(lotse, ops, pid))
    seen: dict = {}

    def edit(dialog: NoteDialog) -> int:
        seen["content"] = dialog.content.toPlainText()
        seen["kind"] = dialog.kind.value()
        seen["duration"] = dialog.duration.value()
        seen["modified"] = dialog.is_modified()
        dialog.content.setPlainText("Erstgespräch, Unterlagen vollständig")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", edit)
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.view.activated.emit(panel.model.index(0))  # what a double-click or Enter does
    assert seen == {
        "content": "Erstgespräch",
        "kind": ContactKind.PHONE,
        "duration": 30,
        "modified": False,
    }
    [note] = stored_notes(lotse, pid)
    assert note.id == note_id
    assert note.content == "Erstgespräch, Unterlagen vollständig"
    assert "Unterlagen vollständig" in panel.model.index(0).data()


def test_escape_with_typed_text_asks_before_discarding(qtbot, lotse, ops, answers):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, NoteDialog(lotse, ops, pid))
    qtbot.keyClicks(dialog.content, "Wichtige Notiz")

    answers.append(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.content.toPlainText() == "Wichtige Notiz"
    assert answers.asked[0].startswith("Verwerfen?")

    answers.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert stored_notes(lotse, pid) == []


def test_escape_without_input_closes_without_asking(qtbot, lotse, ops, answers):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, NoteDialog(lotse, ops, pid))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert answers.asked == []


def test_empty_note_is_refused_with_a_message_naming_inhalt(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, NoteDialog(lotse, ops, pid))
    dialog.topics.setFocus()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert len(warnings) == 1
    assert "Inhalt:" in warnings[0]
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.content
    assert stored_notes(lotse, pid) == []


def test_future_date_is_refused(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, NoteDialog(lotse, ops, pid))
    dialog.occurred_at.setDateTime(QDateTime.currentDateTime().addDays(3))
    dialog.content.setPlainText("Termin")
    dialog.accept()
    assert "Datum und Uhrzeit:" in warnings[0]
    assert dialog.focusWidget() is dialog.occurred_at


def test_quick_note_picks_the_participant_by_typing(qtbot, lotse, ops):
    add_person(lotse, "Müller", "Jonas")
    pid = add_person(lotse, "Haddad", "Amal")
    add_person(lotse, "Haddad", "Omar", postal_code="06108")
    dialog = show(qtbot, QuickNoteDialog(lotse, ops))
    chooser = dialog.chooser
    assert chooser is not None
    qtbot.waitUntil(lambda: dialog.focusWidget() is chooser.search)

    qtbot.keyClicks(chooser.search, "amal hadd")
    assert chooser.model.rowCount() == 1
    assert "Haddad, Amal" in chooser.model.index(0).data()
    qtbot.keyClick(chooser.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is chooser.hits
    qtbot.keyClick(chooser.hits, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter picked; it did not save the empty note
    assert chooser.participant_id == pid
    assert "Amal Haddad" in dialog.windowTitle()
    assert dialog.focusWidget() is dialog.content

    qtbot.keyClicks(dialog.content, "Kurz telefoniert")
    with qtbot.waitSignal(ops.changed, timeout=1000) as signal:
        qtbot.keyClick(dialog.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    changes, _initiator = signal.args
    assert (changes.cases, len(changes.notes)) == ({pid}, 1)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [note] = stored_notes(lotse, pid)
    assert note.content == "Kurz telefoniert"


def test_quick_note_enter_in_search_picks_the_first_hit(qtbot, lotse, ops):
    pid = add_person(lotse, "Nowak", "Łukasz")
    dialog = show(qtbot, QuickNoteDialog(lotse, ops))
    qtbot.keyClicks(dialog.chooser.search, "lukasz")
    qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)
    assert dialog.chooser.participant_id == pid
    assert dialog.isVisible()


def test_quick_note_without_participant_is_refused(qtbot, lotse, ops, warnings):
    add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, QuickNoteDialog(lotse, ops))
    dialog.content.setPlainText("Notiz ohne Person")
    dialog.accept()
    assert "Teilnehmende" in warnings[0] or "Person" in warnings[0]
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.chooser.search


def test_quick_note_with_a_known_participant_has_no_chooser(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, QuickNoteDialog(lotse, ops, pid))
    assert dialog.chooser is None
    dialog.content.setPlainText("Direkt")
    dialog.accept()
    assert [n.content for n in stored_notes(lotse, pid)] == ["Direkt"]


def test_delete_asks_and_removes_the_note(qtbot, lotse, ops, answers):
    pid = add_person(lotse, "Haddad", "Amal")
    add_example_note(lotse, pid, "weg damit")
    panel = show(qtbot, NotesPanel(lotse, ops, pid))
    answers.append(QMessageBox.StandardButton.No)
    panel.delete_button.click()
    assert len(stored_notes(lotse, pid)) == 1
    answers.append(QMessageBox.StandardButton.Yes)
    panel.delete_button.click()
    assert stored_notes(lotse, pid) == []
    assert panel.model.rowCount() == 0
    assert panel.stack.currentWidget() is panel.empty
    assert not panel.delete_button.isEnabled()


def test_panel_ignores_changes_of_other_people(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    other = add_person(lotse, "Müller", "Jonas")
    panel = show(qtbot, NotesPanel(lotse, ops, pid))
    note = NoteInput(datetime.now(UTC), ContactKind.PHONE, "Anruf")
    ops.run(lambda uow: add_note(uow, other, note), parent=None)
    assert panel.model.rowCount() == 0
    ops.run(lambda uow: add_note(uow, pid, note), parent=None)
    assert panel.model.rowCount() == 1


def test_note_model_passes_the_model_tester(qtmodeltester, lotse):
    pid = add_person(lotse, "Haddad", "Amal")
    for day in range(3):
        add_example_note(
            lotse, pid, f"Notiz {day}", occurred_at=datetime(2026, 11, 2 + day, 9, tzinfo=UTC)
        )
    model = NoteModel()
    model.set_rows(stored_notes(lotse, pid))
    qtmodeltester.check(model)


def test_hit_model_passes_the_model_tester(qtmodeltester, lotse):
    for name in ("Haddad", "Hadi", "Hansen"):
        add_person(lotse, name, "Test", entry_date=date(2026, 3, 2))
    model = HitModel()
    with lotse.unit_of_work() as uow:
        model.set_rows(list_participants(uow, ListQuery(text="ha")))
    assert model.rowCount() == 3
    assert "Eintritt 02.03.2026" in model.index(0).data()
    qtmodeltester.check(model)
