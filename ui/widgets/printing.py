"""Printing through the system's print dialog (the recovery key, a support plan)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.i18n import _


def print_with_dialog(
    parent: QWidget, printer: QPrinter, paint: Callable[[QPrinter], bool]
) -> bool:
    """Ask with the print dialog, then ``paint`` onto the printer chosen; True when printed.
    False when cancelled, or when ``paint`` says the printer could not be used (after a
    warning)."""
    dialog = QPrintDialog(printer, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return False
    if not paint(printer):
        QMessageBox.warning(parent, _("Printing failed"), _("The printer could not be used."))
        return False
    return True
