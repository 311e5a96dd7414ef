"""Wiedervorlagen: the participant's panel and the page of all open follow-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import Lotse
from app.i18n import ngettext
from app.services.follow_up_lists import follow_ups_of, open_follow_ups
from app.services.follow_ups import create_follow_up
from app.services.settings import load_settings, save_settings
from app.vocab import FollowUpKind
from tests.services.helpers import add_person
from tests.ui.helpers import show
from ui.pages.follow_ups_page import FollowUpsPage, Scope
from ui.participant.follow_ups_panel import FollowUpDialog, FollowUpModel, FollowUpsPanel
from ui.settings_dialog import SettingsDialog
from ui.widgets.colours import alert_colour

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

TODAY = date.today()


def add_follow_up(lotse: Lotse, pid: int | None, due: date, title: str) -> int:
    with lotse.unit_of_work() as uow:
        changes = create_follow_up(uow, due_date=due, title=title, participant_id=pid)
    assert changes.created is not None
    return changes.created


def stored(lotse: Lotse, pid: int):
    with lotse.unit_of_work() as uow:
        return follow_ups_of(uow, pid)


@pytest.fixture
def say_yes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def yes(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    return asked


def column_texts(model: FollowUpModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


# --- the participant's panel -----------------------------------------------------------------


def test_new_follow_up_is_created_and_marked_done(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    panel = show(qtbot, FollowUpsPanel(lotse, ops, pid))
    assert panel.summary.text() == "Keine Wiedervorlagen."
    due = TODAY + timedelta(days=7)

    def fill(dialog: FollowUpDialog) -> int:
        assert dialog.windowTitle() == "Neue Wiedervorlage"
        dialog.due_date.set_date(due)
        dialog.title_edit.setText("Bewerbungsunterlagen prüfen")
        dialog.note.setPlainText("Lebenslauf auf Deutsch")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FollowUpDialog, "exec", fill)
    panel.new_button.click()
    [row] = stored(lotse, pid)
    assert (row.due_date, row.title, row.kind, row.done) == (
        due,
        "Bewerbungsunterlagen prüfen",
        FollowUpKind.MANUAL,
        False,
    )
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == due.strftime("%d.%m.%Y")
    assert panel.model.index(0, 1).data() == "Bewerbungsunterlagen prüfen"
    assert panel.model.index(0, 2).data() == "manuell"
    assert panel.done_button.text().replace("&", "") == "Erledigt"
    assert not panel.done_button.isChecked()

    with qtbot.waitSignal(ops.changed, timeout=1000):
        panel.done_button.click()
    assert stored(lotse, pid)[0].done
    assert panel.done_button.isChecked()
    assert panel.model.index(0, 3).data() == "erledigt"

    panel.done_button.click()  # the toggle opens it again
    assert not stored(lotse, pid)[0].done


def test_follow_up_dialog_names_the_missing_fields(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, FollowUpDialog(lotse, ops, pid))
    dialog.due_date.setText("32.13.2026")
    dialog.accept()
    assert "Fällig am: Bitte geben Sie das Datum als TT.MM.JJJJ ein." in warnings[0]
    assert dialog.focusWidget() is dialog.due_date
    dialog.due_date.set_date(TODAY)
    dialog.accept()
    assert "Betreff:" in warnings[1]
    assert dialog.focusWidget() is dialog.title_edit
    assert stored(lotse, pid) == []


def test_generated_follow_up_is_automatic_and_cannot_be_deleted(qtbot, lotse, ops, say_yes):
    expiry = TODAY + timedelta(days=200)
    pid = add_person(lotse, "Haddad", "Amal", residence_title_valid_until=expiry)
    panel = show(qtbot, FollowUpsPanel(lotse, ops, pid))
    assert panel.model.rowCount() == 1
    kind = panel.model.index(0, 2).data()
    assert kind.startswith("automatisch")
    assert "Aufenthaltstitel" in kind
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not panel.delete_button.isEnabled()
    assert panel.delete_button.toolTip()
    assert panel.delete_selected() is False
    assert len(stored(lotse, pid)) == 1
    assert say_yes == []  # not even asked
    assert panel.done_button.isEnabled()  # done is how a generated one is dealt with


def test_manual_follow_up_is_deleted_after_asking(qtbot, lotse, ops, say_yes):
    pid = add_person(lotse, "Haddad", "Amal")
    add_follow_up(lotse, pid, TODAY, "Anrufen")
    panel = show(qtbot, FollowUpsPanel(lotse, ops, pid))
    assert panel.delete_button.isEnabled()
    panel.delete_button.click()
    assert "Anrufen" in say_yes[0]
    assert stored(lotse, pid) == []
    assert panel.model.rowCount() == 0


def test_overdue_follow_up_is_highlighted(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    add_follow_up(lotse, pid, TODAY - timedelta(days=3), "Überfällig")
    add_follow_up(lotse, pid, TODAY + timedelta(days=3), "Später")
    panel = show(qtbot, FollowUpsPanel(lotse, ops, pid))
    overdue, later = panel.model.index(0, 0), panel.model.index(1, 0)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) == alert_colour(QApplication.palette())
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    due = (TODAY - timedelta(days=3)).strftime("%d.%m.%Y")
    assert overdue.data() == f"{due} · überfällig"  # not by colour alone
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole) == f"{due}, überfällig"
    assert later.data() == (TODAY + timedelta(days=3)).strftime("%d.%m.%Y")
    assert later.data(Qt.ItemDataRole.ForegroundRole) is None
    assert panel.summary.text() == "2 offen, davon 1 überfällig."


# --- the page of all open follow-ups ---------------------------------------------------------


@pytest.fixture
def three_people(lotse: Lotse) -> dict[str, int]:
    people = {
        "amal": add_person(lotse, "Haddad", "Amal"),
        "jonas": add_person(lotse, "Müller", "Jonas"),
        "olena": add_person(lotse, "Koval", "Olena"),
    }
    add_follow_up(lotse, people["amal"], TODAY - timedelta(days=10), "Titel verlängern")
    add_follow_up(lotse, people["jonas"], TODAY, "Betrieb anrufen")
    add_follow_up(lotse, people["olena"], TODAY + timedelta(days=40), "Prüfung nachfragen")
    return people


def next_weeks(count: int) -> str:
    text = ngettext("due in the next week", "due in the next {count} weeks", count)
    return text.format(count=count)


def test_page_filters_by_due_date(qtbot, lotse, ops, three_people):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    assert page.current_scope() == Scope.HORIZON  # the next 4 weeks: not the one in 40 days
    assert column_texts(page.model, 1) == ["Titel verlängern", "Betrieb anrufen"]
    assert column_texts(page.model, 2) == ["Amal Haddad", "Jonas Müller"]
    assert page.summary.text() == "2 Wiedervorlagen, davon 1 überfällig."
    assert page.model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    # overdue and due today are both bold: the date cell says which (not by colour alone)
    overdue, today = (TODAY - timedelta(days=10)).strftime("%d.%m.%Y"), TODAY.strftime("%d.%m.%Y")
    assert column_texts(page.model, 0) == [f"{overdue} · überfällig", f"{today} · heute"]
    assert page.model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
    spoken = page.model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == f"{today}, heute fällig"

    page.scope.setCurrentIndex(Scope.OVERDUE)
    assert column_texts(page.model, 1) == ["Titel verlängern"]
    page.scope.setCurrentIndex(Scope.THIS_WEEK)
    assert column_texts(page.model, 1) == ["Titel verlängern", "Betrieb anrufen"]
    page.scope.setCurrentIndex(Scope.ALL)
    assert page.model.rowCount() == 3
    assert [page.scope.itemText(i) for i in range(page.scope.count())] == [
        "nur überfällige",
        "bis Ende der Woche",
        next_weeks(4),
        "alle offenen",
    ]


def test_page_opens_on_the_next_weeks(qtbot, lotse, ops, three_people):
    add_follow_up(lotse, three_people["olena"], TODAY + timedelta(days=17), "in 17 Tagen")
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    assert page.scope.currentText() == next_weeks(4)
    assert column_texts(page.model, 1) == ["Titel verlängern", "Betrieb anrufen", "in 17 Tagen"]
    page.scope.setCurrentIndex(Scope.THIS_WEEK)  # 17 days ahead is never this week
    assert "in 17 Tagen" not in column_texts(page.model, 1)


def test_page_reads_the_horizon_from_the_settings(qtbot, configured_lotse, ops, three_people):
    with configured_lotse.unit_of_work() as uow:
        save_settings(uow, replace(load_settings(uow), follow_up_horizon_weeks=8))
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", configured_lotse, ops))
    assert page.horizon_weeks() == 8
    assert page.scope.currentText() == next_weeks(8)
    assert "Prüfung nachfragen" in column_texts(page.model, 1)  # due in 40 days


def test_page_follows_the_horizon_set_in_the_settings_dialog(
    qtbot, configured_lotse, ops, three_people
):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", configured_lotse, ops))
    assert "Prüfung nachfragen" not in column_texts(page.model, 1)
    dialog = SettingsDialog(configured_lotse, ops)
    qtbot.addWidget(dialog)
    dialog.follow_up_horizon_weeks.setValue(8)
    dialog.accept()  # saves through ops: the page hears of the changed settings
    assert page.scope.currentText() == next_weeks(8)
    assert column_texts(page.model, 1) == [
        "Titel verlängern",
        "Betrieb anrufen",
        "Prüfung nachfragen",
    ]
    assert page.summary.text() == "3 Wiedervorlagen, davon 1 überfällig."


def test_a_new_horizon_keeps_another_choice(qtbot, configured_lotse, ops, three_people):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", configured_lotse, ops))
    page.scope.setCurrentIndex(Scope.OVERDUE)
    with configured_lotse.unit_of_work() as uow:
        settings = replace(load_settings(uow), follow_up_horizon_weeks=1)
    ops.run(lambda uow: save_settings(uow, settings), parent=None)
    assert page.current_scope() == Scope.OVERDUE
    assert column_texts(page.model, 1) == ["Titel verlängern"]
    assert page.scope.itemText(Scope.HORIZON) == next_weeks(1)


def test_page_enter_and_double_click_open_the_participant(qtbot, lotse, ops, three_people):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    page.view.setFocus()
    page.view.selectRow(1)
    with qtbot.waitSignal(page.open_requested, timeout=1000) as signal:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert signal.args == [three_people["jonas"]]

    rect = page.view.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_requested, timeout=1000) as signal:
        qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [three_people["amal"]]


def test_page_done_removes_the_follow_up(qtbot, lotse, ops, three_people):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    page.view.selectRow(0)
    with qtbot.waitSignal(ops.changed, timeout=1000):
        page.done_button.click()
    assert column_texts(page.model, 1) == ["Betrieb anrufen"]
    with lotse.unit_of_work() as uow:
        assert [row.title for row in open_follow_ups(uow)] == [
            "Betrieb anrufen",
            "Prüfung nachfragen",
        ]
    assert page.view.currentIndex().row() == 0


def test_page_follows_changes_made_elsewhere(qtbot, lotse, ops, three_people):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    pid = three_people["olena"]
    ops.run(  # as the quick entry of another screen would
        lambda uow: create_follow_up(uow, due_date=TODAY, title="Neu", participant_id=pid),
        parent=None,
    )
    assert "Neu" in column_texts(page.model, 1)


def test_page_with_nothing_due_says_so(qtbot, lotse, ops):
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    expected = ngettext(
        "Nothing due in the next week.", "Nothing due in the next {count} weeks.", 4
    ).format(count=4)
    assert page.summary.text() == expected
    page.scope.setCurrentIndex(Scope.OVERDUE)
    assert page.summary.text() == "Nichts überfällig."
    assert not page.done_button.isEnabled()


# --- the model -------------------------------------------------------------------------------


@pytest.mark.parametrize("with_person", [False, True])
def test_follow_up_model_passes_the_model_tester(qtmodeltester, lotse, with_person):
    pid = add_person(lotse, "Haddad", "Amal", residence_title_valid_until=TODAY)
    add_follow_up(lotse, pid, TODAY - timedelta(days=1), "gestern")
    add_follow_up(lotse, None, TODAY + timedelta(days=1), "ohne Person")
    model = FollowUpModel(with_person=with_person)
    with lotse.unit_of_work() as uow:
        model.set_rows(open_follow_ups(uow))
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_the_subject_keeps_its_room_beside_a_long_generated_kind(qtbot, lotse, ops):
    add_person(lotse, "Haddad", "Amal", residence_title_valid_until=TODAY)
    page = FollowUpsPage("Wiedervorlagen", lotse, ops)
    page.resize(1046, 600)  # the page in a 1280 px main window
    show(qtbot, page)
    page.scope.setCurrentIndex(Scope.ALL)
    header = page.view.horizontalHeader()
    title, kind = (
        page.model.columns.index(page.model.TITLE),
        page.model.columns.index(page.model.KIND),
    )
    assert header.sectionSize(title) > header.sectionSize(kind)
    assert header.length() <= page.view.viewport().width()  # no sideways scrolling
    row = 0  # the generated expiry follow-up
    whole = page.model.index(row, kind).data()
    assert whole in page.model.index(row, kind).data(Qt.ItemDataRole.ToolTipRole)


def test_enter_on_an_organisations_follow_up_asks_for_the_organisation(qtbot, lotse, ops):
    from tests.ui.test_overview_page import add_organisation_follow_up

    organisation = add_organisation_follow_up(lotse, "Autohaus Schmidt", TODAY, "Plätze klären")
    page = show(qtbot, FollowUpsPage("Wiedervorlagen", lotse, ops))
    assert column_texts(page.model, 1) == ["Plätze klären"]
    page.view.selectRow(0)
    page.view.setFocus()
    with (
        qtbot.assertNotEmitted(page.open_requested),
        qtbot.waitSignal(page.organization_requested) as asked,
    ):
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert asked.args == [organisation]
