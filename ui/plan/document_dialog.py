"""Preview, print or save any generated PDF (Stammblatt, Datenschutzhinweise); the rendering
runs in a pool thread, the dialog only shows the bytes that come back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.plan.pdf_preview import PdfPreview, prepare_printer, print_document
from ui.plan.pdf_worker import PdfWorker
from ui.widgets.save_location import confirm_folder, remember_folder, suggested_folder


class DocumentDialog(QDialog):
    """Shows the PDF ``produce()`` makes; "Drucken…" (default) and "Als PDF speichern…"."""

    def __init__(
        self,
        title: str,
        produce: Callable[[], bytes],
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 760)
        self._file_name = file_name
        self.pdf: bytes | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.status = QLabel(_("Creating the preview…"), self)
        self.preview = PdfPreview(self)
        self.preview.setAccessibleName(_("Preview"))
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setDefault(True)
        self.save_button = QPushButton(_("Save as &PDF…"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self._set_ready(False)
        self.worker = PdfWorker(produce, self)
        self.worker.finished.connect(self._show)
        self.worker.failed.connect(self._failed)
        self.worker.start(self._pool)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _show(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.preview.set_pdf(pdf)
        self.status.setText("")
        self._set_ready(True)

    def _failed(self, message: str) -> None:
        self.status.setText(_("The document could not be created: {message}").format(
            message=message))  # fmt: skip

    def print_pdf(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.preview.document, self.windowTitle())
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return False
        if not print_document(self.preview.document, printer):
            QMessageBox.warning(self, _("Printing failed"), _("The printer could not be used."))
            return False
        return True

    def save_pdf(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), str(suggested_folder() / self._file_name),
            _("PDF documents (*.pdf)"),
        )  # fmt: skip
        if not name or self.pdf is None:
            return None
        path = Path(name)
        if not confirm_folder(self, path.parent):
            return None
        remember_folder(path.parent)
        try:
            path.write_bytes(self.pdf)
        except OSError as error:
            message = _("The file could not be written:\n{error}").format(error=error)
            QMessageBox.warning(self, _("Saving failed"), message)
            return None
        return path

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._pool.waitForDone()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._pool.waitForDone()
        super().done(result)
