"""Stammblatt and Datenschutzhinweise from the record editor: rendered off the GUI thread."""

import io

from pypdf import PdfReader

from tests.services.helpers import COMPLETE_CORE, add_person
from ui.operations import Operations
from ui.participant.editor import ParticipantEditor
from ui.plan.document_dialog import DocumentDialog


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def open_and_capture(qtbot, monkeypatch, action) -> bytes:
    shown: list[bytes] = []

    def fake_exec(dialog: DocumentDialog) -> int:
        qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=10000)
        shown.append(dialog.pdf)
        dialog.done(0)
        return 0

    monkeypatch.setattr(DocumentDialog, "exec", fake_exec)
    action()
    assert len(shown) == 1
    return shown[0]


def test_master_sheet_and_privacy_notice(qtbot, monkeypatch, configured_lotse):
    pid = add_person(configured_lotse, "Ağaoğlu", "Şükrü", **COMPLETE_CORE)
    editor = ParticipantEditor(configured_lotse, Operations(configured_lotse), pid)
    qtbot.addWidget(editor)

    sheet = pdf_text(open_and_capture(qtbot, monkeypatch, editor.show_master_sheet))
    assert "Ağaoğlu" in sheet and "Şükrü" in sheet
    assert "Stammblatt" in sheet
    assert "06108" in sheet

    notice = pdf_text(open_and_capture(qtbot, monkeypatch, editor.show_privacy_notice))
    assert "Landkreis Harz" in notice
    assert "Art. 13" in notice
    assert "Şükrü Ağaoğlu" in notice or "Ağaoğlu" in notice


def test_save_as_pdf_writes_the_file(qtbot, monkeypatch, tmp_path, configured_lotse):
    from PySide6.QtWidgets import QFileDialog

    dialog = DocumentDialog("Test", lambda: _sample_pdf(), "test.pdf")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=10000)
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.save_pdf() == target
    assert target.read_bytes() == dialog.pdf
    dialog.done(0)


def _sample_pdf() -> bytes:
    from app.reports.privacy_notice import render_privacy_notice
    from tests.conftest import EXAMPLE_SETTINGS

    return render_privacy_notice(EXAMPLE_SETTINGS)
