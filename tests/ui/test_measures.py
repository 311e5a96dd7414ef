"""Maßnahmen in the record and on the page: the dialog refuses Ende vor Beginn with the German
message and stores nothing, a good measure appears in the section with its reminder, editing
and deleting, the status box offers only what the rules allow, the page's filter "wartet auf
Bewilligung", its search and Enter to the person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlmodel import select

from app.models.contacts import FollowUp
from app.services.measures import (
    MeasureFilter,
    MeasureInput,
    add_measure,
    measures_of,
)
from app.vocab import FollowUpKind, MeasureKind, MeasureStatus
from tests.services.helpers import add_person, run
from tests.services.test_measures import plan_with_goals, provider
from tests.ui.helpers import show
from ui.pages.measures_list import MeasureListModel, MeasuresList
from ui.participant.measure_dialog import MeasureDialog
from ui.participant.measures_section import MeasureModel, MeasuresSection, measure_rows

M = MeasureStatus
TODAY = date.today()


def save(dialog: MeasureDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def type_date(qtbot, dialog: MeasureDialog, name: str, day: date) -> None:
    field = dialog.field_widget(name)
    field.clear()
    qtbot.keyClicks(field, day.strftime("%d.%m.%Y"))
    field.editingFinished.emit()


def generated_follow_ups(lotse) -> list[FollowUp]:
    with lotse.reading() as uow:
        return [f for f in uow.session.exec(select(FollowUp)).all() if f.generated_key]


def test_a_measure_in_the_dialog_bad_input_first_then_stored_with_its_reminder(
    qtbot, lotse, ops, monkeypatch, warnings
):
    pid = add_person(lotse, "Nowak", "Łukasz")
    provider(lotse, "Bildungswerk der Wirtschaft Halle")
    _plan, (goal, _other) = plan_with_goals(lotse, pid, "Zwischenprüfung bestehen", "Berufsschule")
    section = show(qtbot, MeasuresSection(lotse, ops, pid))
    assert measure_rows(section) == [] and section.stack.currentIndex() == 1
    assert not section.edit_button.isEnabled()
    steps: list[str] = []

    def fill_and_save(dialog: MeasureDialog) -> int:
        assert dialog.windowTitle() == "Neue Maßnahme"
        dialog.show()  # as exec() would: the chooser shows its hits
        choose(dialog.field_widget("kind"), "AsA flex (Assistierte Ausbildung)")
        chooser = dialog.bindings["provider_id"].chooser  # type: ignore[attr-defined]
        qtbot.keyClicks(chooser.search, "bildungswerk")
        qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
        assert chooser.organization_name == "Bildungswerk der Wirtschaft Halle"
        type_date(qtbot, dialog, "applied_on", TODAY - timedelta(days=3))
        # the application date suggests the status it records
        assert dialog.field_widget("status").currentText() == "beantragt"
        type_date(qtbot, dialog, "start", TODAY + timedelta(days=30))
        type_date(qtbot, dialog, "end", TODAY + timedelta(days=10))
        choose(dialog.field_widget("goal_id"), "Zwischenprüfung bestehen (Förderplan, Version 1)")
        save(dialog)
        steps.append("refused" if dialog.result() == 0 else "stored")
        assert warnings and "Ende: Das Datum darf nicht vor Beginn" in warnings[-1]
        assert measures_of(lotse.reads, pid) == []  # nothing stored
        type_date(qtbot, dialog, "end", TODAY + timedelta(days=200))
        save(dialog)
        return dialog.result()

    monkeypatch.setattr(MeasureDialog, "exec", fill_and_save)
    saved = section.new_measure()
    assert steps == ["refused"] and len(warnings) == 1
    assert warnings[0].startswith("Bitte prüfen Sie Ihre Eingaben\nDie Maßnahme wurde nicht")
    [row] = measure_rows(section)
    assert row.id == saved
    assert (row.kind, row.status, row.provider_name, row.goal_id) == (
        MeasureKind.ASA_FLEX,
        M.APPLIED,
        "Bildungswerk der Wirtschaft Halle",
        goal,
    )
    assert section.model.index(0, MeasureModel.STATUS).data() == "beantragt"
    assert section.model.index(0, MeasureModel.GOAL).data() == "Zwischenprüfung bestehen"
    [follow_up] = generated_follow_ups(lotse)
    assert (follow_up.kind, follow_up.participant_id, follow_up.due_date) == (
        FollowUpKind.MEASURE_APPROVAL,
        pid,
        TODAY - timedelta(days=3) + timedelta(weeks=6),
    )
    assert follow_up.title.startswith("Maßnahme noch nicht bewilligt: AsA flex")


def test_editing_approves_and_deleting_asks_first(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Nowak", "Łukasz")
    applied_on = TODAY - timedelta(days=20)
    data = MeasureInput(kind=MeasureKind.BAB, status=M.APPLIED, applied_on=applied_on)
    measure_id = run(lotse, add_measure, pid, data).created
    section = show(qtbot, MeasuresSection(lotse, ops, pid))

    def approve(dialog: MeasureDialog) -> int:
        assert dialog.windowTitle() == "Maßnahme – Berufsausbildungsbeihilfe (BAB)"
        assert dialog.field_widget("applied_on").text() == applied_on.strftime("%d.%m.%Y")
        type_date(qtbot, dialog, "approved_on", TODAY - timedelta(days=2))
        assert dialog.field_widget("status").currentText() == "bewilligt"
        type_date(qtbot, dialog, "start", TODAY)
        type_date(qtbot, dialog, "end", TODAY + timedelta(days=100))
        save(dialog)
        return dialog.result()

    monkeypatch.setattr(MeasureDialog, "exec", approve)
    assert section.edit_selected() == measure_id
    [row] = measure_rows(section)
    assert (row.status, row.end) == (M.APPROVED, TODAY + timedelta(days=100))
    assert [f.kind for f in generated_follow_ups(lotse)] == [FollowUpKind.MEASURE_END]

    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not section.delete_selected()
    assert len(measure_rows(section)) == 1
    assert section.delete_selected()
    assert measure_rows(section) == [] and generated_follow_ups(lotse) == []
    assert asked[0].startswith("Die Maßnahme „Berufsausbildungsbeihilfe (BAB)“ löschen?")


def test_the_status_box_offers_what_the_rules_allow(qtbot, lotse, ops):
    pid = add_person(lotse, "Nowak", "Łukasz")
    running = MeasureInput(kind=MeasureKind.TUTORING, status=M.ONGOING, start=TODAY)
    finished = MeasureInput(kind=MeasureKind.TUTORING, status=M.CANCELLED)

    def offered(measure_id: int | None) -> list[str]:
        dialog = MeasureDialog(lotse, ops, pid, measure_id)
        qtbot.addWidget(dialog)
        combo = dialog.field_widget("status")
        return [combo.itemText(i) for i in range(combo.count())]

    assert offered(None) == [s.label for s in MeasureStatus]
    assert "abgelehnt" not in offered(run(lotse, add_measure, pid, running).created)
    assert offered(run(lotse, add_measure, pid, finished).created) == ["abgebrochen"]


@pytest.fixture
def listed(lotse):
    """Three people with measures: two waiting for approval (the older one first), one
    running and ending soon, one completed."""
    nowak = add_person(lotse, "Nowak", "Łukasz")
    sahin = add_person(lotse, "Şahin", "Ayşe")
    caritas = provider(lotse, "Caritas Schuldnerberatung")

    def measure(pid: int, **values) -> int:
        changes = run(lotse, add_measure, pid, MeasureInput(**values))
        assert changes.created is not None
        return changes.created

    ids = {
        "old": measure(
            sahin, kind=MeasureKind.BAB, status=M.APPLIED, applied_on=TODAY - timedelta(60)
        ),
        "new": measure(
            nowak, kind=MeasureKind.ASA_FLEX, status=M.APPLIED, applied_on=TODAY - timedelta(5)
        ),
        "running": measure(
            nowak,
            kind=MeasureKind.DEBT_COUNSELLING,
            provider_id=caritas,
            status=M.ONGOING,
            start=TODAY - timedelta(30),
            end=TODAY + timedelta(10),
        ),
        "done": measure(
            sahin,
            kind=MeasureKind.TUTORING,
            status=M.COMPLETED,
            start=TODAY - timedelta(90),
            end=TODAY - timedelta(10),
        ),
    }
    return {"nowak": nowak, "sahin": sahin, **ids}


def test_the_page_filters_awaiting_approval_searches_and_opens_the_person(
    qtbot, lotse, ops, listed
):
    page = show(qtbot, MeasuresList(lotse, ops))
    assert {row.id for row in page.rows()} == {listed["old"], listed["new"], listed["running"]}
    assert page.count_label.text() == "Maßnahmen: 3"
    texts = [page.status_filter.itemText(i) for i in range(page.status_filter.count())]
    assert texts == [
        "alle offenen (3)",
        "wartet auf Bewilligung (2)",
        "laufend (1)",
        "endet bald (1)",
        "abgeschlossen (1)",
        "alle (4)",
    ]
    page.set_filter(MeasureFilter.AWAITING_APPROVAL)
    assert [row.id for row in page.rows()] == [listed["old"], listed["new"]]  # oldest first
    assert page.model.index(0, MeasureListModel.PERSON).data() == "Ayşe Şahin"
    assert page.model.index(0, MeasureListModel.STATUS).data() == "beantragt"
    assert page.count_label.text() == "Maßnahmen: 2"

    page.set_filter(MeasureFilter.ALL)
    qtbot.keyClicks(page.search, "schulden")
    page.refresh()
    [row] = page.rows()
    assert row.id == listed["running"]
    end_cell = page.model.index(0, MeasureListModel.END)
    assert end_cell.data().endswith("· endet bald")
    assert end_cell.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", endet bald")

    opened: list[int] = []
    page.open_requested.connect(opened.append)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # one hit: Enter opens its person
    assert opened == [listed["nowak"]]
    page.search.clear()
    page.refresh()
    page.table.setFocus()
    page.table.selectRow(page.model.row_of(listed["done"]))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [listed["nowak"], listed["sahin"]]


def test_the_page_reads_again_after_a_change_and_when_shown_after_one(qtbot, lotse, ops, listed):
    page = show(qtbot, MeasuresList(lotse, ops))
    page.set_filter(MeasureFilter.AWAITING_APPROVAL)
    data = MeasureInput(kind=MeasureKind.EQ, status=M.APPLIED, applied_on=TODAY - timedelta(90))
    changes = ops.run(lambda uow: add_measure(uow, listed["nowak"], data), parent=page)
    assert changes is not None
    assert page.rows()[0].id == changes.created
    page.hide()
    again = ops.run(lambda uow: add_measure(uow, listed["sahin"], data), parent=page)
    assert again is not None and page.model.row_of(again.created) == -1  # stale while hidden
    page.show()
    assert page.model.row_of(again.created) >= 0
