"""An optional German date input: type "24.11.2026" (or "24.11.26", "241126"), or leave empty.

It takes the dates the program stores, 01.01.1900 to 31.12.2100 (``app.validation``): a date
typed outside stays as typed and is refused with the services' own message."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, Signal
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from app.errors import FieldError
from app.i18n import _, format_date, parse_german_date
from app.validation import EARLIEST_DATE, LATEST_DATE, plausible_date
from ui.widgets.popup_keys import claims_popup_key, is_popup_key

format_german_date = format_date  # the one German date format, from the core


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateOutOfRange(ValueError):
    """A date outside ``EARLIEST_DATE``–``LATEST_DATE``; its text is the German message."""


def read_date(field: DateField, name: str, label: str, errors: list[FieldError]) -> date | None:
    """The field's date; on text that is no date (or one out of range), adds a FieldError and
    returns None."""
    try:
        return field.date()
    except DateOutOfRange as error:
        errors.append(FieldError(name, label, str(error)))
    except ValueError:
        errors.append(FieldError(name, label, _("Please enter the date as DD.MM.YYYY.")))
    return None


class DateField(QLineEdit):
    """Line edit for an optional date with a calendar on F4 / Alt+Down and "h" for today.

    F4 and Alt+Down open the calendar of the field that has the focus: the field handles them
    itself (no window shortcut, see ui.widgets.popup_keys). The calendar is a popup that does
    not block; ``calendar_popup()`` is the open one.
    """

    dateChanged = Signal()  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("DD.MM.YYYY"))
        self.setMaxLength(10)
        self.setToolTip(_("Date as DD.MM.YYYY; H = today; F4 opens a calendar"))
        self.textChanged.connect(self.dateChanged)
        self._popup: QMenu | None = None

    def event(self, event: QEvent) -> bool:  # Qt override
        return claims_popup_key(event) or super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if is_popup_key(event):
            event.accept()
            self.open_calendar()
            return
        if event.text().lower() in {"h", "t"} and not self.text():
            self.set_date(date.today())
            return
        super().keyPressEvent(event)

    def date(self) -> date | None:
        """The entered date; raises ValueError when the text is not a date, DateOutOfRange
        (a ValueError) when it lies outside the dates the program stores."""
        value = parse_german_date(self.text())
        if message := plausible_date(value):
            raise DateOutOfRange(message)
        return value

    def is_valid(self) -> bool:
        try:
            self.date()
        except ValueError:
            return False
        return True

    def set_date(self, value: date | None) -> None:
        self.setText(format_german_date(value))

    def calendar_popup(self) -> QMenu | None:
        """The calendar popup while it is open."""
        return self._popup

    def open_calendar(self) -> None:
        """Show the calendar under the field; choosing a day (click, Enter) fills it in."""
        if self._popup is not None:
            self._popup.close()
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setLocale(QLocale())  # the program's (German, ui.app), whatever the parent says
        calendar.setGridVisible(True)
        calendar.setDateRange(_qdate(EARLIEST_DATE), _qdate(LATEST_DATE))
        if self.is_valid() and self.date():
            current = self.date()
            calendar.setSelectedDate(_qdate(current))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(qdate: QDate) -> None:
            self.set_date(date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()

        def hidden() -> None:
            if self._popup is menu:
                self._popup = None
            menu.deleteLater()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        menu.aboutToHide.connect(hidden)
        self._popup = menu
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        menu.setActiveAction(holder)
        calendar.setFocus()
