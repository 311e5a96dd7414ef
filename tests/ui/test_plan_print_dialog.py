"""Drucken / Vorschau: the preview is rendered off the GUI thread, a second language and the
special categories re-render it, printing and saving archive the copy handed out."""

from __future__ import annotations

import io
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from app.bootstrap import Lotse
from app.models import participant_fields
from app.reports.bilingual import SECOND_LANGUAGES
from app.services.support_plans.common import get_plan
from app.services.support_plans.document import plan_document_data
from app.services.support_plans.editing import GoalInput, StepInput
from app.services.support_plans.prints import PrintRow, archive_print, printed_pdf, printed_versions
from app.vocab import YesNoUnknown
from tests.services.helpers import add_person, new_plan, run, store_plan
from ui.plan.pdf_worker import PdfWorker
from ui.plan.print_dialog import PlanPrintDialog, default_file_name, language_choice_text

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

WAIT_MS = 10_000


@pytest.fixture
def plan_id(configured_lotse: Lotse) -> int:
    pid = add_person(configured_lotse, "Müller", "Amal", disability=YesNoUnknown.YES)
    plan_id = new_plan(configured_lotse, pid)
    store_plan(
        configured_lotse,
        plan_id,
        goals=[GoalInput("Deutsch B1", "Zertifikat liegt vor", date(2027, 6, 30))],
        steps=[StepInput("Kurs anmelden", "Frau Müller")],
    )
    return plan_id


@pytest.fixture
def open_dialog(qtbot, configured_lotse, ops, plan_id):
    """Open print dialogs; each waits for its rendering on teardown (no thread left running)."""
    opened: list[PlanPrintDialog] = []

    def make(**kwargs) -> PlanPrintDialog:
        dialog = PlanPrintDialog(configured_lotse, ops, plan_id, **kwargs)
        qtbot.addWidget(dialog, before_close_func=lambda d: d.reject())
        dialog.show()
        dialog.activateWindow()
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:
        dialog.reject()
        dialog.wait_for_work()
        assert dialog._pool.activeThreadCount() == 0


def wait_for_pdf(qtbot, dialog: PlanPrintDialog) -> bytes:
    qtbot.waitUntil(lambda: dialog.pdf() is not None, timeout=WAIT_MS)
    data = dialog.pdf()
    assert data is not None
    return data


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def prints(lotse: Lotse, plan_id: int) -> list[PrintRow]:
    return printed_versions(lotse.reads, plan_id)


def test_the_preview_is_made_in_a_worker_thread(qtbot, open_dialog, monkeypatch):
    threads: list[str] = []
    original = PdfWorker.run

    def run(worker: PdfWorker) -> None:
        threads.append(threading.current_thread().name)
        original(worker)

    monkeypatch.setattr(PdfWorker, "run", run)
    dialog = open_dialog()
    assert dialog.busy.isVisibleTo(dialog)  # shown while rendering
    data = wait_for_pdf(qtbot, dialog)
    assert data.startswith(b"%PDF-")
    assert threads and threads[0] != threading.main_thread().name
    assert not dialog.busy.isVisibleTo(dialog)
    assert dialog.preview.page_count() == len(PdfReader(io.BytesIO(data)).pages)
    assert not dialog.special.isChecked()
    assert dialog.language.currentData() is None


def test_choosing_english_renders_a_bilingual_plan(qtbot, open_dialog):
    dialog = open_dialog()
    german = pdf_text(wait_for_pdf(qtbot, dialog))
    assert "Ziele" in german and "Goals" not in german
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == [
        None,
        *SECOND_LANGUAGES,
    ]
    assert "(Українська)" in dialog.language.itemText(2)

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.pdf() is None  # the German one is not offered for the English choice
    text = pdf_text(wait_for_pdf(qtbot, dialog))
    assert "Goals" in text and "Ziele" in text


def test_special_categories_are_printed_only_when_chosen(qtbot, open_dialog):
    caption = participant_fields.label("disability")
    dialog = open_dialog()
    assert caption not in pdf_text(wait_for_pdf(qtbot, dialog))
    dialog.special.setChecked(True)
    assert caption in pdf_text(wait_for_pdf(qtbot, dialog))


def test_save_as_pdf_writes_the_file_and_archives_it(
    qtbot, open_dialog, configured_lotse, plan_id, tmp_path, monkeypatch
):
    target = tmp_path / "plan"  # the suffix is added
    suggested: list[str] = []

    def choose(parent, caption, directory, *args, **kwargs):
        suggested.append(directory)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog = open_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("uk"))
    data = wait_for_pdf(qtbot, dialog)
    dialog.save_button.click()

    written = target.with_name("plan.pdf")
    assert written.read_bytes() == data
    assert len(PdfReader(written).pages) >= 1
    assert Path(suggested[0]).name == f"Foerderplan_Mueller_{date.today().isoformat()}.pdf"
    [printout] = prints(configured_lotse, plan_id)
    assert printout.language == "de+uk"
    with configured_lotse.unit_of_work() as uow:
        assert printed_pdf(uow, printout.id) == data


def test_print_paints_every_page_and_archives_it(
    qtbot, open_dialog, configured_lotse, plan_id, tmp_path, monkeypatch
):
    output = tmp_path / "printed.pdf"

    def accept(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = open_dialog()
    data = wait_for_pdf(qtbot, dialog)
    assert dialog.print_button.isDefault()
    dialog.print_button.click()

    printed = output.read_bytes()
    assert printed.startswith(b"%PDF-")
    assert len(PdfReader(output).pages) == len(PdfReader(io.BytesIO(data)).pages)
    [printout] = prints(configured_lotse, plan_id)
    assert printout.language == "de" and printout.size == len(data)


def test_cancelled_printing_archives_nothing(
    qtbot, open_dialog, configured_lotse, plan_id, monkeypatch
):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialog = open_dialog()
    wait_for_pdf(qtbot, dialog)
    assert not dialog.print_plan()
    assert prints(configured_lotse, plan_id) == []


def test_enter_prints_even_before_the_preview_is_ready(
    qtbot, open_dialog, configured_lotse, plan_id, monkeypatch
):
    """Ctrl+P, Enter, OK: Enter right away waits for the preview, then asks the printer."""
    asked: list[bool] = []

    def accept(print_dialog: QPrintDialog) -> int:
        asked.append(True)
        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(Path(configured_lotse.paths.root) / "x.pdf"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = open_dialog()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.focusWidget() is dialog.language
    qtbot.keyClick(dialog.language, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert len(prints(configured_lotse, plan_id)) == 1


def test_an_archived_printout_opens_as_it_was(
    qtbot, open_dialog, configured_lotse, plan_id, tmp_path, monkeypatch
):
    with configured_lotse.unit_of_work() as uow:
        from app.reports.support_plan import render_support_plan
        from app.services.settings import load_settings

        data = render_support_plan(
            plan_document_data(uow, plan_id), load_settings(uow), language="fr"
        )
    print_id = run(configured_lotse, archive_print, plan_id, data, "de+fr").created
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "copy.pdf"), "")
    )
    dialog = open_dialog(print_id=print_id)
    assert dialog.archived and not dialog.language.isVisibleTo(dialog)
    assert dialog.pdf() == data
    assert dialog.save_pdf()
    assert (tmp_path / "copy.pdf").read_bytes() == data
    assert len(prints(configured_lotse, plan_id)) == 1  # not stored twice


def test_the_worker_reports_success_and_failure_on_the_gui_thread(qtbot):
    pool = QThreadPool()
    worker = PdfWorker(lambda: b"%PDF-1.4 ok")
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as blocker:
        worker.start(pool)
    assert blocker.args == [b"%PDF-1.4 ok"]

    def broken() -> bytes:
        raise RuntimeError("kaputt")

    failing = PdfWorker(broken)
    with qtbot.waitSignal(failing.failed, timeout=WAIT_MS) as blocker:
        failing.start(pool)
    assert blocker.args == ["kaputt"]
    assert pool.waitForDone(WAIT_MS)
    assert not worker.running and not failing.running


def test_file_names_and_language_names():
    assert default_file_name("Müller-Lüdenscheidt", date(2026, 11, 24)) == (
        "Foerderplan_Mueller-Luedenscheidt_2026-11-24.pdf"
    )
    assert default_file_name("van der Berg", date(2026, 1, 2)).startswith(
        "Foerderplan_van-der-Berg_"
    )
    assert default_file_name("", date(2026, 1, 2)) == "Foerderplan_Teilnehmende_2026-01-02.pdf"
    assert language_choice_text("tr").endswith("(Türkçe)")


def pdf_printer_to(path: Path):
    def accept(print_dialog: QPrintDialog) -> int:
        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(path))
        return QDialog.DialogCode.Accepted

    return accept


def test_print_pressed_while_rendering_waits_for_the_preview(
    qtbot, open_dialog, configured_lotse, plan_id, tmp_path, monkeypatch
):
    gate = threading.Event()
    original = PdfWorker.run

    def slow(worker: PdfWorker) -> None:
        assert gate.wait(WAIT_MS / 1000)
        original(worker)

    monkeypatch.setattr(PdfWorker, "run", slow)
    output = tmp_path / "later.pdf"
    monkeypatch.setattr(QPrintDialog, "exec", pdf_printer_to(output))
    dialog = open_dialog()
    assert not dialog.print_plan()  # not ready: remembered
    assert not output.exists() and dialog.busy.isVisibleTo(dialog)
    gate.set()
    qtbot.waitUntil(output.exists, timeout=WAIT_MS)
    assert len(prints(configured_lotse, plan_id)) == 1


def test_three_actions_from_the_record_print_the_plan(
    qtbot, configured_lotse, ops, plan_id, tmp_path, monkeypatch
):
    """Ctrl+P in the record, Enter in the print dialog, OK in the system dialog."""
    from ui.participant.editor import ParticipantEditor

    with configured_lotse.unit_of_work() as uow:
        pid = get_plan(uow, plan_id).participant_id
    output = tmp_path / "three.pdf"
    monkeypatch.setattr(QPrintDialog, "exec", pdf_printer_to(output))  # action 3: OK

    def modal(dialog: PlanPrintDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # action 2
        qtbot.waitUntil(output.exists, timeout=WAIT_MS)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(PlanPrintDialog, "exec", modal)
    editor = ParticipantEditor(configured_lotse, ops, pid)
    qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keySequence(editor, QKeySequence(QKeySequence.StandardKey.Print))  # action 1

    assert output.read_bytes().startswith(b"%PDF-")
    assert len(prints(configured_lotse, plan_id)) == 1


def test_saving_remembers_the_folder_and_warns_before_a_cloud_folder(
    qtbot, open_dialog, configured_lotse, plan_id, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from ui.widgets import save_location

    cloud = tmp_path / "OneDrive - Landkreis"
    (cloud / "Pläne").mkdir(parents=True)
    monkeypatch.setenv("OneDriveCommercial", str(cloud))
    local = tmp_path / "lokal.pdf"
    targets = iter([cloud / "Pläne" / "plan.pdf", cloud / "Pläne" / "plan.pdf", local])
    suggested: list[str] = []

    def choose(parent, caption, directory, *args, **kwargs):
        suggested.append(directory)
        return str(next(targets)), "PDF (*.pdf)"

    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    warnings: list[str] = []

    def warn(parent, title, text, *args):
        warnings.append(text)
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(QMessageBox, "warning", warn)
    dialog = open_dialog()
    wait_for_pdf(qtbot, dialog)
    dialog.save_button.click()  # "Nein": nothing written, nothing archived
    assert not (cloud / "Pläne" / "plan.pdf").exists() and prints(configured_lotse, plan_id) == []
    assert str(cloud) in warnings[0] and "Cloud" in warnings[0]
    dialog.save_button.click()  # "Ja": written there
    assert (cloud / "Pläne" / "plan.pdf").is_file()
    dialog.save_button.click()  # a local folder: no question
    assert local.is_file() and len(warnings) == 2
    assert Path(suggested[1]).parent == Path(suggested[0]).parent  # "Nein" remembered nothing
    assert Path(suggested[2]).parent == cloud / "Pläne"  # the last save's folder
    assert save_location.suggested_folder() == tmp_path  # kept for the next start
