"""The date field takes the dates the program stores, 01.01.1900 to 31.12.2100: a date typed
outside stays as typed and is refused with the services' message, naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QWidget

from app.errors import FieldError
from app.services.follow_up_lists import follow_ups_of
from tests.services.helpers import add_person
from tests.ui.helpers import show
from ui.participant.follow_ups_panel import FollowUpDialog
from ui.widgets.date_field import DateField, DateOutOfRange, read_date

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

OUT_OF_RANGE = "Bitte geben Sie ein Datum zwischen 1900 und 2100 ein."
NO_DATE = "Bitte geben Sie das Datum als TT.MM.JJJJ ein."


@pytest.mark.parametrize(("text", "day"), [("01.01.1900", date(1900, 1, 1)), ("311200", None)])
def test_the_first_and_last_dates_are_taken(qtbot, text, day):
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, text)
    assert field.date() == (day or date(2000, 12, 31))
    field.setText("31.12.2100")
    assert field.date() == date(2100, 12, 31) and field.is_valid()


@pytest.mark.parametrize("text", ["31.12.1899", "01.01.2101", "24.11.3010", "01.03.0965"])
def test_a_date_outside_stays_as_typed_and_is_named(qtbot, text):
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, text)
    with pytest.raises(DateOutOfRange, match="zwischen 1900 und 2100"):
        field.date()
    assert not field.is_valid()
    errors: list[FieldError] = []
    assert read_date(field, "due_date", "Fällig am", errors) is None
    assert errors == [FieldError("due_date", "Fällig am", OUT_OF_RANGE)]
    assert field.text() == text  # never changed behind the user's back


def test_text_that_is_no_date_keeps_its_message(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.setText("32.01.2000")
    errors: list[FieldError] = []
    assert read_date(field, "due_date", "Fällig am", errors) is None
    assert errors == [FieldError("due_date", "Fällig am", NO_DATE)]


def test_the_calendar_offers_only_the_dates_taken(qtbot):
    window = show(qtbot, QWidget())
    field = DateField(window)
    field.show()
    field.set_date(date(2026, 3, 15))
    field.open_calendar()
    calendar = field.calendar_popup().findChild(QCalendarWidget)
    assert (calendar.minimumDate(), calendar.maximumDate()) == (
        QDate(1900, 1, 1),
        QDate(2100, 12, 31),
    )
    assert calendar.selectedDate() == QDate(2026, 3, 15)
    calendar.activated.emit(calendar.selectedDate())  # choosing a day closes it
    qtbot.waitUntil(lambda: field.calendar_popup() is None, timeout=1000)


def test_a_dialog_refuses_a_date_outside_and_names_the_field(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, FollowUpDialog(lotse, ops, pid))
    dialog.title_edit.setText("Bewerbung nachfassen")
    dialog.due_date.setText("01.01.2500")
    dialog.accept()
    assert len(warnings) == 1
    assert f"Fällig am: {OUT_OF_RANGE}" in warnings[0]
    assert dialog.isVisible() and dialog.focusWidget() is dialog.due_date
    assert dialog.due_date.text() == "01.01.2500"
    with lotse.unit_of_work() as uow:
        assert follow_ups_of(uow, pid) == []
