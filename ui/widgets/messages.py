"""Messages to the user: the one "check your entries" box, and asking before deleting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import FieldError
from app.i18n import _


def show_errors(
    parent: QWidget, intro: str, errors: list[FieldError], widgets: dict[str, QWidget]
) -> None:
    """One message naming every wrong field ("Feld: Meldung"); focus goes to the first one."""
    lines = "\n".join(f"• {error.label}: {error.message}" for error in errors)
    QMessageBox.warning(parent, _("Please check your entries"), f"{intro}\n\n{lines}")
    first = next((widgets[error.field] for error in errors if error.field in widgets), None)
    if first is not None:
        first.setFocus()


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something that cannot be undone; "No" is the default."""
    box = QMessageBox.StandardButton
    return QMessageBox.question(parent, title, text, box.Yes | box.No, box.No) == box.Yes


def closing_keeps_nothing_unsaved(parent: QWidget, save: Callable[[], bool]) -> bool:
    """Closing a window with unsaved changes: ask "Änderungen speichern?". True when it may
    close: saved (``save()`` succeeded) or discarded; False on Abbrechen or a failed save."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        _("Unsaved changes"),
        _("Save changes?"),
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    if answer == buttons.Save:
        return save()
    return answer == buttons.Discard
