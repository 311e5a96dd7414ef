"""The import dialog (ui/import_dialog.py): the mapping suggested in its boxes, the check off
the GUI thread filling the preview, "Importieren" only without errors, the import in the
background and its report; keyboard and names as the accessibility audit checks them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.imports.mapping import ImportKind
from tests.services.import_sheets import participants_sheet
from tests.ui import accessibility_audit as audit
from ui.import_dialog import ImportDialog, PreviewModel

WAIT_MS = 15_000


@pytest.fixture
def dialog(qtbot, lotse, ops):
    shown = ImportDialog(lotse, ops)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def load_and_wait(qtbot, dialog, path) -> None:
    assert dialog.load(path)
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=WAIT_MS)


def cell(dialog, row: int, column: int) -> str:
    return dialog.model.data(dialog.model.index(row, column))


def test_bad_rows_are_shown_and_importing_is_not_offered(qtbot, dialog, lotse, tmp_path):
    load_and_wait(qtbot, dialog, participants_sheet(tmp_path / "Liste.xlsx", bad=True))
    assert dialog.summary.text() == (
        "8 Zeilen, 3 mit Fehlern, 0 mögliche Dubletten – bitte korrigieren Sie zuerst die "
        "Zeilen mit Fehlern in der Datei."
    )
    assert not dialog.import_button.isEnabled()
    assert dialog.sheet_label.text() == "Blatt „Liste“, Kopfzeile in Zeile 4, 8 Datenzeilen"
    # the boxes hold the suggestion
    assert [box.currentText() for box in dialog._boxes[:4]] == [
        "Vorname", "Nachname", "Geburtsdatum", "Postleitzahl",
    ]  # fmt: skip
    errors = [
        (cell(dialog, row, PreviewModel.ROW), cell(dialog, row, PreviewModel.MESSAGE))
        for row in range(dialog.model.rowCount())
        if cell(dialog, row, PreviewModel.STATUS) == "Fehler"
    ]
    assert [number for number, _message in errors] == ["7", "10", "13"]
    assert errors[0][1].startswith("Geburtsdatum: „unbekannt“ ist kein Datum")
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Zeile", "Status", "Meldung", "Vorname", "Nach- name",
    ]  # fmt: skip
    assert cell(dialog, 0, 3) == "Ayşe" and cell(dialog, 0, 5) == "01.01.1990"
    assert lotse.reads.one("SELECT count(*) FROM participant") == (0,)


def test_the_current_rows_whole_message_is_shown_below_the_table(qtbot, dialog, tmp_path):
    load_and_wait(qtbot, dialog, participants_sheet(tmp_path / "Liste.xlsx", bad=True))
    assert dialog.row_message.text() == ""
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))  # row 5: ok, no message
    assert dialog.row_message.text() == ""
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)  # the third: row 7, a bad date of birth
    assert dialog.view.currentIndex().row() == 2
    message = dialog.model.row_at(2).message
    assert dialog.row_message.text() == f"Zeile 7: {message}"
    assert message.startswith("Geburtsdatum: „unbekannt“ ist kein Datum")
    dialog._invalidate()
    assert dialog.row_message.text() == ""


def test_a_good_file_is_imported_in_the_background_with_a_report(
    qtbot, dialog, lotse, ops, tmp_path, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append(text)
    )
    heard = []
    ops.changed.connect(lambda changes, initiator: heard.append(changes))
    load_and_wait(qtbot, dialog, participants_sheet(tmp_path / "Liste.xlsx"))
    assert dialog.summary.text() == "8 Zeilen, 0 mit Fehlern, 0 mögliche Dubletten"
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=WAIT_MS)
    assert shown == ["8 Teilnehmende importiert."]
    assert lotse.reads.one("SELECT count(*) FROM participant") == (8,)
    assert len(heard[-1].participants) == 8
    assert not dialog.isVisible()  # accepted


def test_changing_a_column_asks_for_a_new_check(qtbot, dialog, tmp_path):
    load_and_wait(qtbot, dialog, participants_sheet(tmp_path / "Liste.xlsx"))
    dialog._boxes[1].setCurrentIndex(0)  # Nachname not imported: the needed field is missing
    assert dialog.checked is None
    assert not dialog.import_button.isEnabled()
    assert not dialog.check_button.isEnabled()
    assert dialog.summary.text() == (
        "Für das Feld „Nachname“, das nötig ist, ist keine Spalte gewählt."
    )
    dialog._boxes[1].setCurrentIndex(dialog._boxes[1].findData("last_name"))
    assert dialog.check_button.isEnabled()
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=WAIT_MS)
    assert dialog.import_button.isEnabled()


def test_the_funding_area_choice_is_for_participants_only(qtbot, dialog):
    assert dialog.program_box.isVisible()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(ImportKind.ORGANISATIONS))
    assert not dialog.program_box.isVisible()
    assert dialog.summary.text() == "Wählen Sie die Datei, die importiert werden soll."


def test_the_dialog_passes_the_keyboard_and_naming_checks(qtbot, dialog, tmp_path):
    load_and_wait(qtbot, dialog, participants_sheet(tmp_path / "Liste.xlsx"))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    chain = audit.tab_chain(dialog)
    assert audit.duplicate_mnemonics(dialog) == []
    assert audit.dead_mnemonics(dialog) == []
    assert chain.trap is None
    assert audit.unnamed(chain.widgets) == []
    assert audit.names_not_matching_label(chain.widgets) == []
    assert audit.unreachable(dialog, chain) == []
    assert chain.focus_marks_missing == []
    assert dialog._boxes[0] in chain.widgets and dialog.import_button in chain.widgets
    names = [audit.accessible_name(box) for box in dialog._boxes[:2]]
    assert names == ["Vorname (A):", "Nach- name (B):"]  # the header and its column letter
