"""Übersicht: greeting, active cases, due follow-ups and recent cases; Enter opens a case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.bootstrap import Lotse
from app.i18n import _, ngettext
from app.models.office_settings import OfficeSettings
from app.services.follow_ups import create_follow_up
from app.services.overview import end_of_week
from app.services.participants import create_participant
from app.services.settings import load_settings
from app.vocab import Program
from tests.conftest import EXAMPLE_SETTINGS
from tests.ui.helpers import show
from ui.main_window import FOLLOW_UPS, MainWindow
from ui.mnemonics import used_mnemonic
from ui.operations import Operations
from ui.pages.overview import Entry, EntryModel, OverviewPage
from ui.settings_dialog import SettingsDialog

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


def add_organisation_follow_up(lotse: Lotse, name: str, due: date, title: str) -> int:
    """An organisation with one follow-up; returns the organisation's id."""
    from app.models.organization import Organization

    with lotse.unit_of_work() as uow:
        organisation = Organization(name=name)
        uow.session.add(organisation)
        uow.session.flush()
        assert organisation.id is not None
        organisation_id = organisation.id
        uow.commit()
    with lotse.unit_of_work() as uow:
        changes = create_follow_up(
            uow, due_date=due, title=title, organization_id=organisation_id
        )  # fmt: skip
    assert changes.created is not None
    return organisation_id


@pytest.fixture
def informed(monkeypatch) -> list[str]:
    """Capture QMessageBox.information texts instead of blocking on a modal box."""
    shown: list[str] = []

    def capture(parent, title, text, *args, **kwargs):
        shown.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", capture)
    return shown


def heading(page: OverviewPage, key: str) -> str:
    return page.sections[key].heading.text().replace("&", "")


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
    window = show(qtbot, MainWindow(lotse))
    page = window.overview_page
    page.set_today(TODAY)
    heading = page.sections["overdue"].heading
    assert heading.buddy() is page.sections["overdue"].view
    letters = [used_mnemonic(section.heading.text()) for section in page.sections.values()]
    assert None not in letters and len(set(letters)) == len(page.sections)
    assert not {"d", "a", "h"} & set(letters)  # Datei, Ansicht, Hilfe keep their keys
    key = QKeySequence(used_mnemonic(heading.text()).upper())[0].key()
    QTest.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
    assert page.sections["overdue"].view.hasFocus()


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


# --- Demnächst: after this week, up to the office's horizon -----------------------------------

IN_17_DAYS = TODAY + timedelta(days=17)
IN_40_DAYS = TODAY + timedelta(days=40)


def test_coming_up_lists_what_is_due_after_this_week(qtbot, lotse, ops):
    amal = add_person(lotse, "Haddad", "Amal")
    add_follow_up(lotse, amal, end_of_week(TODAY), "Sonntag")
    add_follow_up(lotse, amal, IN_17_DAYS, "in 17 Tagen")
    add_follow_up(lotse, amal, IN_40_DAYS, "in 40 Tagen")
    page = make_page(qtbot, lotse, ops)

    assert page.horizon_weeks() == 4  # the default
    assert page.sections["this_week"].texts() == ["29.11.2026 · Amal Haddad: Sonntag"]
    coming_up = page.sections["coming_up"]
    assert coming_up.texts() == ["12.12.2026 · Amal Haddad: in 17 Tagen"]
    assert heading(page, "coming_up") == f"{_('Coming up')} (1)"
    assert coming_up.heading.buddy() is coming_up.view
    assert "23.12.2026" in coming_up.heading.toolTip()  # today + 4 weeks

    page.set_settings(replace(OfficeSettings(), follow_up_horizon_weeks=8))  # visible: at once
    assert coming_up.texts() == [
        "12.12.2026 · Amal Haddad: in 17 Tagen",
        "04.01.2027 · Amal Haddad: in 40 Tagen",
    ]
    assert heading(page, "coming_up") == f"{_('Coming up')} (2)"
    assert page.sections["this_week"].texts() == ["29.11.2026 · Amal Haddad: Sonntag"]


def test_coming_up_when_empty_names_the_horizon(qtbot, lotse, ops):
    page = make_page(qtbot, lotse, ops)
    coming_up = page.sections["coming_up"]
    assert coming_up.stack.currentWidget() is coming_up.empty
    expected = ngettext(
        "Nothing else due in the next week.", "Nothing else due in the next {count} weeks.", 4
    ).format(count="4")
    assert coming_up.empty.text() == expected


def test_a_hidden_page_takes_a_new_horizon_when_shown(qtbot, lotse, ops):
    amal = add_person(lotse, "Haddad", "Amal")
    add_follow_up(lotse, amal, IN_40_DAYS, "in 40 Tagen")
    page = make_page(qtbot, lotse, ops)
    assert page.sections["coming_up"].texts() == []
    page.hide()
    page.set_settings(replace(OfficeSettings(), follow_up_horizon_weeks=8))
    page.show()
    assert page.sections["coming_up"].texts() == ["04.01.2027 · Amal Haddad: in 40 Tagen"]


def test_the_horizon_set_in_the_settings_dialog_reaches_both_screens(
    qtbot, configured_lotse, monkeypatch
):
    amal = add_person(configured_lotse, "Haddad", "Amal")
    add_follow_up(configured_lotse, amal, IN_17_DAYS, "in 17 Tagen")
    add_follow_up(configured_lotse, amal, IN_40_DAYS, "in 40 Tagen")
    window = MainWindow(configured_lotse)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    overview = window.overview_page
    overview.set_today(TODAY)
    follow_ups = window.follow_ups_page
    follow_ups.set_today(TODAY)

    def titles() -> list[str]:
        return [follow_ups.model.row_at(row).title for row in range(follow_ups.model.rowCount())]

    assert overview.sections["coming_up"].texts() == ["12.12.2026 · Amal Haddad: in 17 Tagen"]
    assert titles() == ["in 17 Tagen"]

    def eight_weeks(dialog: SettingsDialog) -> int:
        assert dialog.follow_up_horizon_weeks.value() == 4
        dialog.follow_up_horizon_weeks.setValue(8)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", eight_weeks)
    window.open_settings()
    assert load_settings(configured_lotse.reads).follow_up_horizon_weeks == 8
    assert overview.sections["coming_up"].texts() == [
        "12.12.2026 · Amal Haddad: in 17 Tagen",
        "04.01.2027 · Amal Haddad: in 40 Tagen",
    ]
    window.show_page(FOLLOW_UPS)
    assert follow_ups.isVisible()
    assert titles() == ["in 17 Tagen", "in 40 Tagen"]


# --- organisation follow-ups open the organisation --------------------------------------------


def test_enter_or_click_on_an_organisation_follow_up_asks_for_the_organisation(
    qtbot, lotse, ops, informed
):
    organisation = add_organisation_follow_up(
        lotse, "Autohaus Schmidt", TODAY, "Praktikumsplätze klären"
    )
    page = make_page(qtbot, lotse, ops)
    today = page.sections["today"]
    assert today.texts() == ["Autohaus Schmidt: Praktikumsplätze klären"]
    index = today.model.index(0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == _(
        "Due on {date}. Enter or click opens the organisation."
    ).format(date="25.11.2026")

    today.view.setFocus()
    with (
        qtbot.assertNotEmitted(page.open_requested),
        qtbot.waitSignal(page.organization_requested) as asked,
    ):
        qtbot.keyClick(today.view, Qt.Key.Key_Return)
    assert asked.args == [organisation]
    rect = today.view.visualRect(index)
    with qtbot.waitSignal(page.organization_requested) as clicked:
        qtbot.mouseClick(today.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args == [organisation]
    assert informed == []


def test_participant_follow_ups_still_open_the_case_next_to_an_organisations(
    qtbot, lotse, ops, informed
):
    amal = add_person(lotse, "Haddad", "Amal")
    add_organisation_follow_up(lotse, "Autohaus Schmidt", TODAY, "Praktikumsplätze klären")
    add_follow_up(lotse, amal, TODAY, "Titel verlängern")
    page = make_page(qtbot, lotse, ops)
    today = page.sections["today"]
    assert today.texts() == [
        "Autohaus Schmidt: Praktikumsplätze klären",
        "Amal Haddad: Titel verlängern",
    ]
    today.view.setFocus()
    today.view.setCurrentIndex(today.model.index(1))
    assert "Akte" in today.model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(page.open_requested, timeout=1000) as signal:
        qtbot.keyClick(today.view, Qt.Key.Key_Return)
    assert signal.args == [amal]
    assert informed == []
