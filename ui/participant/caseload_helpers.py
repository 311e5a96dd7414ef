"""Small helpers shared by the participant panels and the caseload pages."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import FieldError
from app.i18n import _
from ui.widgets.date_field import DateField, format_german_date

EMPTY = "—"
LOCAL_FORMAT = "%d.%m.%Y %H:%M"


def date_text(value: date | None) -> str:
    """A date as "24.11.2026", or an empty string."""
    return format_german_date(value)


def local_text(moment: datetime) -> str:
    """A UTC timestamp in the computer's local time, "24.11.2026 14:30"."""
    return moment.astimezone().strftime(LOCAL_FORMAT)


def alert_color(palette: QPalette) -> QColor:
    """A red that stays readable on light and dark backgrounds (overdue, withdrawn)."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")


def read_date(field: DateField, name: str, label: str, errors: list[FieldError]) -> date | None:
    """The field's date; on text that is no date, adds a FieldError and returns None."""
    try:
        return field.date()
    except ValueError:
        errors.append(FieldError(name, label, _("Please enter the date as DD.MM.YYYY.")))
        return None


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
