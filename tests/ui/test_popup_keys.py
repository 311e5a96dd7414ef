"""F4 and Alt+Down open the popup of the focused input only (Lotse #16): in the record editor,
on every tab with a date field or a combo box, a date field opens its own calendar and a combo
box its own list; and Tab walks the bottom button row from left to right."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QPushButton, QScrollArea, QWidget

from app.bootstrap import Lotse
from app.i18n import _
from app.services.participants import ExitData, create_participant, exit_participant
from app.vocab import ExitReason, Program
from tests.services.helpers import new_plan
from tests.ui.helpers import show
from ui.operations import Operations
from ui.participant.editor import ParticipantEditor
from ui.plan.plan_panel import PlanPanel
from ui.widgets.date_field import DateField

ALT_DOWN = (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
F4 = (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)


def make_person(lotse: Lotse, program: Program) -> int:
    """A record with a support plan, that has left (so that the exit tab's six-month fields can
    take the focus)."""
    with lotse.unit_of_work() as uow:
        person_id = create_participant(
            uow,
            {
                "program": program,
                "last_name": "Şahin",
                "first_name": "Ayşe",
                "postal_code": "06108",
                "entry_date": date(2025, 9, 1),
            },
        ).created
    new_plan(lotse, person_id)
    exit_day = date.today() - timedelta(days=3)
    with lotse.unit_of_work() as uow:
        exit_participant(uow, person_id, ExitData(exit_day, ExitReason.GOAL_REACHED, None))
    return person_id


def open_editor(qtbot, lotse: Lotse, ops: Operations, program: Program) -> ParticipantEditor:
    editor = ParticipantEditor(lotse, ops, participant_id=make_person(lotse, program))
    return show(qtbot, editor)


def usable(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


def shown_tab_inputs(
    qtbot, editor: ParticipantEditor
) -> dict[str, tuple[list[DateField], list[QComboBox]]]:
    """Per tab title: the date fields and combo boxes on it that can take the focus."""
    found = {}
    for index in range(editor.tabs.count()):
        if not (editor.tabs.isTabVisible(index) and editor.tabs.isTabEnabled(index)):
            continue
        editor.tabs.setCurrentIndex(index)
        page = editor.tabs.widget(index)
        qtbot.waitUntil(page.isVisible)
        qtbot.wait(1)  # a panel built for the tab shows its children on the next pass
        dates = [field for field in page.findChildren(DateField) if usable(field)]
        combos = [combo for combo in page.findChildren(QComboBox) if usable(combo)]
        if dates or combos:
            found[editor.tabs.tabText(index)] = (dates, combos)
    return found


def focus(qtbot, editor: ParticipantEditor, widget: QWidget) -> None:
    page = editor.tabs.currentWidget()
    if isinstance(page, QScrollArea):
        page.ensureWidgetVisible(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=1000)


def open_calendars(editor: ParticipantEditor) -> list[DateField]:
    return [field for field in editor.findChildren(DateField) if field.calendar_popup()]


def close_popups(qtbot, editor: ParticipantEditor) -> None:
    for field in editor.findChildren(DateField):
        popup = field.calendar_popup()
        if popup is not None:
            popup.close()
    for combo in editor.findChildren(QComboBox):
        combo.hidePopup()
    qtbot.waitUntil(lambda: not open_calendars(editor), timeout=1000)


@pytest.mark.parametrize("program", [Program.JOKO, Program.TRAINING])
def test_popup_keys_open_the_focused_inputs_popup_on_every_tab(
    qtbot, qtlog, configured_lotse, ops, program
):
    editor = open_editor(qtbot, configured_lotse, ops, program)
    tabs = shown_tab_inputs(qtbot, editor)
    programme = {Program.JOKO: _("JOKO"), Program.TRAINING: _("Training")}[program]
    expected = {
        _("Master data"),
        _("ESF+ entry"),
        programme,
        _("Support plan"),
        _("Job placement"),
        _("Exit"),
    }
    assert set(tabs) == expected, tabs.keys()
    checked_dates = checked_combos = 0
    for title, (dates, combos) in tabs.items():
        editor.tabs.setCurrentIndex(editor.tab_names().index(title))
        for field in dates:
            for key, modifier in (F4, ALT_DOWN):
                focus(qtbot, editor, field)
                qtbot.keyClick(field, key, modifier)
                popup = field.calendar_popup()
                assert popup is not None, (title, field.accessibleName(), key)
                qtbot.waitUntil(popup.isVisible, timeout=1000)
                assert open_calendars(editor) == [field], (title, field.accessibleName())
                close_popups(qtbot, editor)
                checked_dates += 1
        for combo in combos:
            for key, modifier in (F4, ALT_DOWN):
                focus(qtbot, editor, combo)
                qtbot.keyClick(combo, key, modifier)
                qtbot.waitUntil(combo.view().isVisible, timeout=1000)
                assert open_calendars(editor) == [], (title, combo.accessibleName())
                close_popups(qtbot, editor)
                checked_combos += 1
    assert checked_dates >= 2 * 5 and checked_combos >= 2 * 10
    assert not [r for r in qtlog.records if "Ambiguous shortcut" in r.message]


def test_a_pages_date_fields_leave_f4_to_the_focused_combo(qtbot, configured_lotse, ops):
    """The report: on Stammdaten F4 on Geschlecht opened the Geburtsdatum calendar."""
    editor = open_editor(qtbot, configured_lotse, ops, Program.JOKO)
    editor.tabs.setCurrentIndex(0)
    gender = editor.field_widget("gender")
    assert isinstance(gender, QComboBox)
    focus(qtbot, editor, gender)
    qtbot.keyClick(gender, Qt.Key.Key_F4)
    qtbot.waitUntil(gender.view().isVisible, timeout=1000)
    assert open_calendars(editor) == []
    gender.hidePopup()
    # Alt+F4 and Ctrl+F4 are the window's, never a calendar's
    birth_date = editor.field_widget("birth_date")
    focus(qtbot, editor, birth_date)
    qtbot.keyClick(birth_date, Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier)
    assert open_calendars(editor) == []


def test_choosing_a_day_in_the_calendar_fills_the_field(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops, Program.JOKO)
    editor.tabs.setCurrentIndex(0)
    field = editor.field_widget("birth_date")
    assert isinstance(field, DateField)
    field.set_date(date(1994, 3, 2))
    focus(qtbot, editor, field)
    qtbot.keyClick(field, Qt.Key.Key_F4)
    popup = field.calendar_popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=1000)
    calendar = popup.findChild(QCalendarWidget)
    assert calendar.selectedDate().toPython() == date(1994, 3, 2)
    calendar.setSelectedDate(calendar.selectedDate().addDays(1))
    calendar.activated.emit(calendar.selectedDate())
    qtbot.waitUntil(lambda: field.calendar_popup() is None, timeout=1000)
    assert field.date() == date(1994, 3, 3)
    assert field.hasFocus()  # back in the field


def focus_chain(window: QWidget) -> list[QWidget]:
    """What Tab visits, in order: visible, enabled widgets that take the focus by Tab."""
    visited = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        tab_focus = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tab_focus and usable(widget) and widget.focusProxy() is None:
            visited.append(widget)
        widget = widget.nextInFocusChain()
    return visited


@pytest.mark.parametrize("tab", ["Master data", "Exit", "Contact history", "Consents"])
def test_tab_walks_the_bottom_row_left_to_right_after_the_tabs_content(
    qtbot, configured_lotse, ops, tab
):
    editor = open_editor(qtbot, configured_lotse, ops, Program.JOKO)
    editor.tabs.setCurrentIndex(editor.tab_names().index(_(tab)))  # may build a panel
    qtbot.wait(1)
    chain = focus_chain(editor)
    row = [
        button
        for button in editor.findChildren(QPushButton)
        if usable(button) and not editor.tabs.isAncestorOf(button)
    ]
    assert len(row) == 6, [button.text() for button in row]
    by_position = sorted(row, key=lambda button: button.mapTo(editor, button.rect().topLeft()).x())
    in_chain = [widget for widget in chain if widget in row]
    assert [b.text() for b in in_chain] == [b.text() for b in by_position]
    # the row comes in one piece, after everything on the tab (nothing of a tab behind it)
    first = chain.index(by_position[0])
    assert chain[first : first + len(row)] == by_position
    assert all(editor.tabs.isAncestorOf(widget) for widget in chain[:first])
    assert chain[first + len(row) :] == []
    assert any(editor.tabs.currentWidget().isAncestorOf(widget) for widget in chain[:first])


def test_f4_in_a_plan_tables_date_cell_opens_that_cells_calendar(qtbot, configured_lotse, ops):
    """The same DateField edits the date cells of the plan's tables: the cell stays open."""
    editor = open_editor(qtbot, configured_lotse, ops, Program.JOKO)
    editor.tabs.setCurrentIndex(editor.tab_names().index(_("Support plan")))
    panel = editor.panel("plan")
    assert isinstance(panel, PlanPanel)
    panel.add_goal()
    view = panel.goals_view
    column = [c.name for c in panel.goals.columns].index("deadline")
    index = panel.goals.index(0, column)
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(lambda: bool(view.findChildren(DateField)), timeout=1000)
    (cell,) = view.findChildren(DateField)
    qtbot.waitUntil(cell.hasFocus, timeout=1000)
    qtbot.keyClick(cell, Qt.Key.Key_F4)
    popup = cell.calendar_popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=1000)
    assert open_calendars(editor) == [cell]
    assert view.state() == view.State.EditingState
    calendar = popup.findChild(QCalendarWidget)
    calendar.activated.emit(calendar.selectedDate())
    qtbot.waitUntil(lambda: cell.calendar_popup() is None, timeout=1000)
    assert cell.date() == calendar.selectedDate().toPython()
    assert view.state() == view.State.EditingState  # still in the cell, to confirm with Enter
