"""An optional German date input: type "24.11.2026" (or "24.11.26", "241126"), or leave empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from app.errors import FieldError
from app.i18n import _, format_date, parse_german_date

format_german_date = format_date  # the one German date format, from the core


def read_date(field: DateField, name: str, label: str, errors: list[FieldError]) -> date | None:
    """The field's date; on text that is no date, adds a FieldError and returns None."""
    try:
        return field.date()
    except ValueError:
        errors.append(FieldError(name, label, _("Please enter the date as DD.MM.YYYY.")))
        return None


class DateField(QLineEdit):
    """Line edit for an optional date with a calendar on F4 / Alt+Down and "h" for today."""

    dateChanged = Signal()  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("DD.MM.YYYY"))
        self.setMaxLength(10)
        self.setToolTip(_("Date as DD.MM.YYYY; H = today; F4 opens a calendar"))
        self.textChanged.connect(self.dateChanged)
        calendar = QAction(_("Calendar"), self)
        calendar.setShortcuts([QKeySequence("F4"), QKeySequence("Alt+Down")])
        calendar.triggered.connect(self.open_calendar)
        self.addAction(calendar)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if event.text().lower() in {"h", "t"} and not self.text():
            self.set_date(date.today())
            return
        super().keyPressEvent(event)

    def date(self) -> date | None:
        """The entered date; raises ValueError when the text is not a date."""
        return parse_german_date(self.text())

    def is_valid(self) -> bool:
        try:
            self.date()
        except ValueError:
            return False
        return True

    def set_date(self, value: date | None) -> None:
        self.setText(format_german_date(value))

    def open_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        if self.is_valid() and self.date():
            current = self.date()
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(qdate: QDate) -> None:
            self.set_date(date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        calendar.setFocus()
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
