"""Übersicht: greeting, active cases, due follow-ups and recent cases; Enter opens a case."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.bootstrap import Lotse
from app.services.follow_ups import create_follow_up
from app.services.overview import end_of_week
from app.services.participants import create_participant
from app.services.settings import load_settings
from app.vocab import Program
from tests.conftest import EXAMPLE_SETTINGS
from ui.operations import Operations
from ui.pages.overview import Entry, EntryModel, OverviewPage

TODAY = date(2026, 11, 25)  # a Wednesday: the week still has Thursday to Sunday


def add_person(lotse: Lotse, last: str, first: str = "", **values) -> int:
    values.setdefault("program", Program.JOKO)
    with lotse.unit_of_work() as uow:
        return create_participant(uow, {"last_name": last, "first_name": first, **values}).created


def add_follow_up(lotse: Lotse, pid: int, due: date, title: str) -> int:
    with lotse.unit_of_work() as uow:
        changes = create_follow_up(uow, due_date=due, title=title, participant_id=pid)
    assert changes.created is not None
    return changes.created


def make_page(qtbot, lotse: Lotse, ops: Operations) -> OverviewPage:
    page = OverviewPage("Übersicht", lotse, ops)
    page.set_today(TODAY)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def test_greets_the_coordinator_and_names_the_office(qtbot, configured_lotse, ops):
    page = make_page(qtbot, configured_lotse, ops)
    assert page.greeting() == "Willkommen bei Lotse"  # until the settings are handed over
    with configured_lotse.unit_of_work() as uow:
        page.set_settings(load_settings(uow))
    assert page.greeting() == "Guten Tag, Anna Beispiel"
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert EXAMPLE_SETTINGS.provider in texts
    assert EXAMPLE_SETTINGS.district in texts


def test_empty_lists_say_so_in_a_friendly_line(qtbot, lotse, ops):
    page = make_page(qtbot, lotse, ops)
    assert page.active_cases.text() == "Aktive Fälle: 0"
    overdue = page.sections["overdue"]
    assert overdue.heading.text().replace("&", "") == "Überfällig (0)"
    assert overdue.stack.currentWidget() is overdue.empty
    assert overdue.empty.text() == "Nichts überfällig."
    assert page.sections["today"].empty.text() == "Heute ist nichts fällig."
    assert page.sections["recent"].stack.currentWidget() is page.sections["recent"].empty


def test_lists_follow_ups_by_when_they_are_due(qtbot, lotse, ops):
    amal = add_person(lotse, "Haddad", "Amal")
    jonas = add_person(lotse, "Müller", "Jonas")
    add_follow_up(lotse, amal, TODAY - timedelta(days=3), "Titel verlängern")
    add_follow_up(lotse, jonas, TODAY, "Betrieb anrufen")
    add_follow_up(lotse, jonas, end_of_week(TODAY), "Zeugnis abholen")
    add_follow_up(lotse, jonas, end_of_week(TODAY) + timedelta(days=1), "nächste Woche")
    page = make_page(qtbot, lotse, ops)

    assert page.active_cases.text() == "Aktive Fälle: 2"
    sections = page.sections
    assert sections["overdue"].heading.text().replace("&", "") == "Überfällig (1)"
    assert sections["overdue"].texts() == ["22.11.2026 · Amal Haddad: Titel verlängern"]
    assert sections["today"].texts() == ["Jonas Müller: Betrieb anrufen"]
    assert sections["today"].heading.text().replace("&", "") == "Heute fällig (1)"
    assert sections["this_week"].texts() == ["29.11.2026 · Jonas Müller: Zeugnis abholen"]
    recent = sections["recent"].texts()
    assert len(recent) == 2 and all("aktiv" in text for text in recent)
    assert sections["overdue"].stack.currentWidget() is sections["overdue"].view


def test_enter_on_an_overdue_entry_opens_the_participant(qtbot, lotse, ops):
    add_person(lotse, "Müller", "Jonas")
    amal = add_person(lotse, "Haddad", "Amal")
    add_follow_up(lotse, amal, TODAY - timedelta(days=3), "Titel verlängern")
    page = make_page(qtbot, lotse, ops)
    view = page.sections["overdue"].view
    view.setFocus()
    with qtbot.waitSignal(page.open_requested, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == [amal]


def test_one_click_on_a_recent_case_opens_it(qtbot, lotse, ops):
    jonas = add_person(lotse, "Müller", "Jonas")
    page = make_page(qtbot, lotse, ops)
    view = page.sections["recent"].view
    rect = view.visualRect(page.sections["recent"].model.index(0))
    with qtbot.waitSignal(page.open_requested, timeout=1000) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [jonas]


def test_headings_have_mnemonics_that_focus_their_list(qtbot, lotse, ops):
    amal = add_person(lotse, "Haddad", "Amal")
    add_follow_up(lotse, amal, TODAY - timedelta(days=3), "Titel verlängern")
    page = make_page(qtbot, lotse, ops)
    heading = page.sections["overdue"].heading
    assert heading.buddy() is page.sections["overdue"].view
    letters = [
        section.heading.text().split("&")[1][0].lower() for section in page.sections.values()
    ]
    assert len(set(letters)) == 4
    assert not {"d", "a", "h"} & set(letters)  # Datei, Ansicht, Hilfe keep their keys


def test_refreshes_when_data_change(qtbot, lotse, ops):
    amal = add_person(lotse, "Haddad", "Amal")
    page = make_page(qtbot, lotse, ops)
    assert page.sections["overdue"].texts() == []
    due = TODAY - timedelta(days=1)
    ops.run(
        lambda uow: create_follow_up(uow, due_date=due, title="neu", participant_id=amal),
        parent=None,
    )
    assert page.sections["overdue"].texts() == ["24.11.2026 · Amal Haddad: neu"]


def test_entry_model_passes_the_model_tester(qtmodeltester):
    model = EntryModel(alert=True)
    model.set_entries([Entry("eins", 1, "Tipp"), Entry("zwei", None)])
    qtmodeltester.check(model)
