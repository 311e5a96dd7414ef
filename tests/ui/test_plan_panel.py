"""Förderplan tab: create, edit texts / goals / steps, save through the services, name wrong
rows, signatures, review into version 2, and the record editor asking before losing edits."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.bootstrap import Lotse
from app.i18n import _
from app.services.follow_up_lists import follow_ups_of
from app.services.participants import get_participant
from app.services.support_plans.common import current_plan, get_plan, goals_of, label, steps_of
from app.services.support_plans.editing import GoalInput, PlanInput, StepInput, prefilled_needs
from app.services.support_plans.prints import archive_print
from app.vocab import (
    FollowUpKind,
    GoalResult,
    GoalStatus,
    PlanStatus,
    Program,
    StepStatus,
    SupportNeedArea,
)
from tests.services.helpers import add_person, new_plan, run, store_plan
from tests.ui.helpers import show
from ui.participant.editor import ParticipantEditor
from ui.plan.plan_panel import PlanPanel
from ui.plan.plan_tables import NO_GOAL, GoalModel, StepModel
from ui.plan.print_dialog import PlanPrintDialog
from ui.plan.review_dialog import ReviewDialog
from ui.plan.signatures_dialog import SignaturesDialog
from ui.plan.versions import PrintModel, VersionModel

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

Button = QMessageBox.StandardButton


def stored(lotse: Lotse, plan_id: int):
    with lotse.unit_of_work() as uow:
        return get_plan(uow, plan_id), goals_of(uow, plan_id), steps_of(uow, plan_id)


def plan_with_goals(lotse: Lotse, pid: int, *titles: str) -> int:
    plan_id = new_plan(lotse, pid)
    goals = [
        GoalInput(title, f"Nachweis {title}", date(2027, 3, 1 + n))
        for n, title in enumerate(titles)
    ]
    store_plan(lotse, plan_id, goals=goals)
    return plan_id


def set_cell(model, row: int, name: str, value) -> None:
    assert model.setData(model.index(row, model.column_of(name)), value)


def test_without_a_plan_the_panel_offers_to_create_one(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal", support_need_areas=[SupportNeedArea.LANGUAGE])
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    assert panel.stack.currentIndex() == 0
    assert panel.create_button.isVisible()
    assert not panel.is_modified() and panel.save()

    with qtbot.waitSignal(ops.changed, timeout=1000):
        panel.create_button.click()

    with lotse.unit_of_work() as uow:
        plan = current_plan(uow, pid)
        assert plan is not None
        expected_needs = prefilled_needs(get_participant(uow, pid))
    assert panel.plan_id == plan.id and panel.stack.currentIndex() == 1
    assert SupportNeedArea.LANGUAGE.label in panel.texts["needs"].toPlainText()
    assert panel.texts["needs"].toPlainText() == expected_needs
    assert plan.number in panel.header.text() and PlanStatus.DRAFT.label in panel.header.text()
    assert not panel.is_modified()
    assert panel.focusWidget() is panel.texts["situation"]


def test_texts_goals_and_steps_are_saved_through_the_services(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = new_plan(lotse, pid)
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    panel.texts["situation"].setPlainText("Seit 2024 in Halle.")
    panel.texts["overall_aim"].setPlainText("Ausbildung als Pflegefachkraft")
    panel.next_review.setText("150127")
    panel.place.setText("Halle (Saale)")

    panel.add_goal()
    assert panel.goals_view.state() == panel.goals_view.State.EditingState  # typing right away
    set_cell(panel.goals, 0, "goal_title", "Deutsch B1")
    set_cell(panel.goals, 0, "indicator", "Zertifikat liegt vor")
    set_cell(panel.goals, 0, "deadline", "30.06.2027")
    set_cell(panel.goals, 0, "status", GoalStatus.IN_PROGRESS.value)
    panel.add_goal()
    set_cell(panel.goals, 1, "goal_title", "Praktikum")
    set_cell(panel.goals, 1, "indicator", "Vertrag unterschrieben")
    set_cell(panel.goals, 1, "deadline", "310327")
    panel.goals_view.setCurrentIndex(panel.goals.index(0, 0))
    panel.add_step()  # linked to the goal in view
    set_cell(panel.steps, 0, "description", "Kurs anmelden")
    set_cell(panel.steps, 0, "responsible", "Frau Haddad")
    set_cell(panel.steps, 0, "due_on", "01.02.2027")
    panel.add_step()
    set_cell(panel.steps, 1, "description", "Betriebe anschreiben")
    set_cell(panel.steps, 1, "goal_id", 1)
    set_cell(panel.steps, 1, "status", StepStatus.IN_PROGRESS.value)
    assert panel.steps.index(1, 1).data() == "2: Praktikum"
    assert panel.is_modified()

    with qtbot.waitSignal(ops.changed, timeout=1000):
        assert panel.save_button.isEnabled()
        panel.save_button.click()

    plan, goals, steps = stored(lotse, plan_id)
    assert plan.situation == "Seit 2024 in Halle."
    assert plan.overall_aim == "Ausbildung als Pflegefachkraft"
    assert plan.next_review_on == date(2027, 1, 15)
    assert plan.place == "Halle (Saale)"
    assert [(g.title, g.indicator, g.deadline, g.status) for g in goals] == [
        ("Deutsch B1", "Zertifikat liegt vor", date(2027, 6, 30), GoalStatus.IN_PROGRESS),
        ("Praktikum", "Vertrag unterschrieben", date(2027, 3, 31), GoalStatus.OPEN),
    ]
    assert [(s.description, s.responsible, s.due_on, s.goal_id, s.status) for s in steps] == [
        ("Kurs anmelden", "Frau Haddad", date(2027, 2, 1), goals[0].id, StepStatus.OPEN),
        ("Betriebe anschreiben", "", None, goals[1].id, StepStatus.IN_PROGRESS),
    ]
    with lotse.unit_of_work() as uow:
        kinds = [row.kind for row in follow_ups_of(uow, pid)]
    assert FollowUpKind.PLAN_REVIEW in kinds  # the review date made a follow-up
    assert not panel.is_modified()
    assert panel.goals.rowCount() == 2 and panel.steps.rowCount() == 2
    assert panel.saved_label.text()


def test_a_goal_without_indicator_is_named_by_row_and_focused(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = plan_with_goals(lotse, pid, "Deutsch B1")
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    panel.texts["strengths"].setPlainText("Zuverlässig")
    panel.add_goal()
    set_cell(panel.goals, 1, "goal_title", "Praktikum")
    set_cell(panel.goals, 1, "deadline", "31.03.2027")

    assert not panel.save()

    [message] = warnings
    row_label = _("{list}, row {number}: {field}").format(
        list=label("goals"), number=2, field=label("indicator")
    )
    assert f"{row_label}: " in message
    current = panel.goals_view.currentIndex()
    assert (current.row(), current.column()) == (1, panel.goals.column_of("indicator"))
    assert panel.goals_view.hasFocus()
    plan, goals, _steps = stored(lotse, plan_id)
    assert [g.title for g in goals] == ["Deutsch B1"]  # nothing of the goals stored
    assert plan.strengths == ""  # one edit, one transaction: the valid texts wait too
    assert panel.is_modified()  # the wrong goal is still on screen


def test_a_wrong_date_in_a_cell_is_named_before_anything_is_stored(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = plan_with_goals(lotse, pid, "Deutsch B1")
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    panel.texts["agreements"].setPlainText("Termine wahrnehmen")
    panel.add_step()
    set_cell(panel.steps, 0, "description", "Kurs anmelden")
    set_cell(panel.steps, 0, "due_on", "31.02.2027")
    assert panel.steps.index(0, panel.steps.column_of("due_on")).data() == "31.02.2027"

    assert not panel.save()

    row_label = _("{list}, row {number}: {field}").format(
        list=label("steps"), number=1, field=label("due_on")
    )
    assert row_label in warnings[0]
    assert panel.steps_view.currentIndex().column() == panel.steps.column_of("due_on")
    plan, _goals, steps = stored(lotse, plan_id)
    assert plan.agreements == "" and steps == []


def test_rows_move_and_removing_a_goal_unlinks_its_steps(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = plan_with_goals(lotse, pid, "A", "B", "C")
    store_plan(lotse, plan_id, steps=[StepInput("zu B", goal=1)])
    goal_ids = [goal.id for goal in stored(lotse, plan_id)[1]]
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    view = panel.goals_view
    view.setFocus()
    view.setCurrentIndex(panel.goals.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [g.title for g in panel.goals.rows()] == ["A", "C", "B"]
    assert panel.steps.index(0, 1).data() == "3: B"
    assert view.currentIndex().row() == 1

    view.setCurrentIndex(panel.goals.index(2, 0))  # B
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [g.title for g in panel.goals.rows()] == ["A", "C"]
    assert panel.steps.index(0, 1).data() == "—"
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert panel.goals.rowCount() == 3
    panel.remove_row("goals")  # the new empty row again
    assert panel.save()

    _plan, goals, steps = stored(lotse, plan_id)
    assert [g.title for g in goals] == ["A", "C"]
    assert [g.id for g in goals] == [goal_ids[0], goal_ids[2]]  # kept, not made anew
    assert steps[0].goal_id is None


def test_signatures_make_the_plan_active(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal", birth_date=date(1990, 5, 17))
    plan_id = plan_with_goals(lotse, pid, "Deutsch B1")
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    seen = {}

    def sign(dialog: SignaturesDialog) -> int:
        seen["guardian_shown"] = dialog.show_guardian
        dialog.dates["participant_signed_on"].set_date(date.today())
        dialog.dates["coordinator_signed_on"].setText(date.today().strftime("%d.%m.%Y"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SignaturesDialog, "exec", sign)
    assert panel.edit_signatures()

    assert seen == {"guardian_shown": False}  # an adult: no guardian line
    plan, _goals, _steps = stored(lotse, plan_id)
    assert plan.status == PlanStatus.ACTIVE
    assert plan.participant_signed_on == date.today()
    assert PlanStatus.ACTIVE.label in panel.header.text()


def test_a_minor_gets_the_guardian_line_and_it_is_required(
    qtbot, lotse, ops, monkeypatch, warnings
):
    today = date.today()
    pid = add_person(lotse, "Haddad", "Omar", birth_date=date(today.year - 16, 1, 1))
    plan_id = new_plan(lotse, pid)
    panel = show(qtbot, PlanPanel(lotse, ops, pid))

    def sign(dialog: SignaturesDialog) -> int:
        assert dialog.show_guardian and dialog.dates["guardian_signed_on"].isVisibleTo(dialog)
        dialog.dates["participant_signed_on"].set_date(today)
        dialog.dates["coordinator_signed_on"].set_date(today)
        dialog.accept()  # no guardian date: refused, the dialog stays
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(SignaturesDialog, "exec", sign)
    assert not panel.edit_signatures()
    assert label("guardian_signed_on") in warnings[0]
    plan, _goals, _steps = stored(lotse, plan_id)
    assert plan.status == PlanStatus.DRAFT and plan.participant_signed_on is None


def test_review_closes_version_1_and_shows_version_2(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = plan_with_goals(lotse, pid, "Deutsch B1", "Praktikum")
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    panel.texts["situation"].setPlainText("noch nicht gespeichert")  # saved before the review

    def rate(dialog: ReviewDialog) -> int:
        assert len(dialog.results) == 2
        dialog.results[0].set_value(GoalResult.ACHIEVED)
        dialog.results[1].set_value(GoalResult.NOT_ACHIEVED)
        dialog.reasons[1].setText("Kein Platz frei")
        dialog.notes.setPlainText("Gutes Gespräch")
        dialog.finish_button.click()
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", rate)
    with qtbot.waitSignal(ops.changed, timeout=1000):
        new_id = panel.review()

    assert new_id is not None and new_id != plan_id and panel.plan_id == new_id
    old, old_goals, _steps = stored(lotse, plan_id)
    assert old.status == PlanStatus.CLOSED and old.review_notes == "Gutes Gespräch"
    assert old.situation == "noch nicht gespeichert"
    assert [g.result for g in old_goals] == [GoalResult.ACHIEVED, GoalResult.NOT_ACHIEVED]
    new, _new_goals, _new_steps = stored(lotse, new_id)
    assert new.version == 2
    assert "Version 2" in panel.header.text()
    assert [g.title for g in panel.goals.rows()] == ["Praktikum"]
    assert panel.texts["situation"].toPlainText() == "noch nicht gespeichert"
    assert [row.version for row in panel.versions.versions._rows] == [2, 1]
    assert "2" in panel.saved_label.text()


def test_review_without_reason_names_the_goal_row(qtbot, lotse, ops, monkeypatch, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = plan_with_goals(lotse, pid, "Deutsch B1")
    panel = show(qtbot, PlanPanel(lotse, ops, pid))

    def rate(dialog: ReviewDialog) -> int:
        dialog.show()
        dialog.results[0].set_value(GoalResult.PARTLY)
        dialog.finish_button.click()
        assert dialog.isVisible()  # refused: stays open
        assert dialog.focusWidget() is dialog.reasons[0]
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", rate)
    assert panel.review() is None
    row_label = _("{list}, row {number}: {field}").format(
        list=label("goals"), number=1, field=label("result_reason")
    )
    assert row_label in warnings[0]
    plan, _goals, _steps = stored(lotse, plan_id)
    assert plan.status != PlanStatus.CLOSED


def open_editor(qtbot, lotse, ops, pid) -> ParticipantEditor:
    return show(qtbot, ParticipantEditor(lotse, ops, pid))


def plan_panel_of(editor: ParticipantEditor) -> PlanPanel:
    panel = editor.panel("plan")
    assert isinstance(panel, PlanPanel)
    return panel


def test_the_editor_has_the_plan_tab_and_asks_before_losing_plan_edits(
    qtbot, lotse, ops, monkeypatch
):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = new_plan(lotse, pid)
    editor = open_editor(qtbot, lotse, ops, pid)
    assert _("Support plan") in editor.tab_names()
    panel = plan_panel_of(editor)
    assert not editor.is_modified()
    panel.texts["involved"].setPlainText("Jobcenter Halle, Herr Weber")
    assert editor.is_modified()

    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return Button.Save

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor.reject()
    assert asked == [_("Save changes?")]
    assert not editor.isVisible()
    plan, _goals, _steps = stored(lotse, plan_id)
    assert plan.involved == "Jobcenter Halle, Herr Weber"


def test_ctrl_s_in_the_editor_saves_the_plan_too(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = new_plan(lotse, pid)
    editor = open_editor(qtbot, lotse, ops, pid)
    panel = plan_panel_of(editor)
    editor.tabs.setCurrentWidget(editor._pages["plan"])
    panel.texts["situation"].setFocus()
    panel.texts["situation"].setPlainText("Mit Ctrl+S")
    qtbot.keySequence(editor, QKeySequence(QKeySequence.StandardKey.Save))
    plan, _goals, _steps = stored(lotse, plan_id)
    assert plan.situation == "Mit Ctrl+S"
    assert not editor.is_modified()


def test_the_record_and_its_plan_are_stored_together_or_not_at_all(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal", city="Stendal")
    plan_id = new_plan(lotse, pid)
    editor = open_editor(qtbot, lotse, ops, pid)
    editor.field_widget("city").setText("Magdeburg")
    panel = plan_panel_of(editor)
    panel.add_goal()
    set_cell(panel.goals, 0, "goal_title", "Führerschein Klasse B")
    set_cell(panel.goals, 0, "deadline", "31.05.2027")  # no indicator yet

    assert not editor.save()
    [message] = warnings
    row_label = _("{list}, row {number}: {field}").format(
        list=label("goals"), number=1, field=label("indicator")
    )
    assert row_label in message
    assert editor.tabs.currentWidget() is editor._pages["plan"]
    current = panel.goals_view.currentIndex()
    assert (current.row(), current.column()) == (0, panel.goals.column_of("indicator"))
    with lotse.reading() as uow:  # the valid city waited for the plan: one transaction
        assert uow.rows("SELECT city FROM participant") == [("Stendal",)]
    assert stored(lotse, plan_id)[1] == []

    set_cell(panel.goals, 0, "indicator", "Prüfung bestanden")
    assert editor.save()
    with lotse.reading() as uow:
        assert uow.rows("SELECT city FROM participant") == [("Magdeburg",)]
    assert [goal.title for goal in stored(lotse, plan_id)[1]] == ["Führerschein Klasse B"]
    assert not editor.is_modified()


def test_ctrl_p_anywhere_in_the_record_opens_the_print_dialog(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = new_plan(lotse, pid)
    editor = open_editor(qtbot, lotse, ops, pid)
    opened: list[int] = []

    def fake_exec(dialog: PlanPrintDialog) -> int:
        opened.append(dialog.plan_id)
        dialog.reject()  # waits for the preview still being made
        return dialog.result()

    monkeypatch.setattr(PlanPrintDialog, "exec", fake_exec)
    assert editor.tabs.currentIndex() == 0
    qtbot.keySequence(editor, QKeySequence(QKeySequence.StandardKey.Print))
    assert opened == [plan_id]
    assert editor.tabs.currentWidget() is editor._pages["plan"]


def test_models_pass_the_model_tester(qtmodeltester, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = plan_with_goals(lotse, pid, "A", "B")
    store_plan(lotse, plan_id, steps=[StepInput("x", goal=0), StepInput("y")])
    run(lotse, archive_print, plan_id, b"%PDF-1.4 test", "de+uk")
    panel = PlanPanel(lotse, ops, pid)
    for model in (panel.goals, panel.steps, panel.versions.versions, panel.versions.prints):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    assert panel.steps.index(1, 1).data(Qt.ItemDataRole.EditRole) == NO_GOAL
    empty = GoalModel()
    qtmodeltester.check(empty)
    qtmodeltester.check(StepModel(empty))
    qtmodeltester.check(VersionModel())
    qtmodeltester.check(PrintModel())
    panel.deleteLater()


def test_goals_can_be_entered_by_keyboard_alone(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    plan_id = new_plan(lotse, pid)
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    view = panel.goals_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)  # a new row, its first cell open for typing

    def typed(text: str, then: Qt.Key) -> None:
        editor = QApplication.focusWidget()
        assert editor is not view and view.isAncestorOf(editor)
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, then)

    typed("Deutsch B1", Qt.Key.Key_Tab)  # Tab goes on to the next cell
    typed("Zertifikat", Qt.Key.Key_Tab)
    typed("300627", Qt.Key.Key_Return)  # Enter hands the text over (queued by Qt)
    qtbot.waitUntil(lambda: panel.goals.rows()[0].deadline == "30.06.2027")
    assert [(g.title, g.indicator) for g in panel.goals.rows()] == [("Deutsch B1", "Zertifikat")]
    view.setCurrentIndex(panel.goals.index(0, panel.goals.column_of("status")))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.goals.rows()[0].status == GoalStatus.IN_PROGRESS)

    mnemonic = QKeySequence.mnemonic(panel.save_button.text())
    assert not mnemonic.isEmpty()
    qtbot.keySequence(panel.texts["situation"], mnemonic)  # the button clicks a moment later
    qtbot.waitUntil(lambda: not panel.is_modified())
    _plan, goals, _steps = stored(lotse, plan_id)
    assert [(g.title, g.deadline, g.status) for g in goals] == [
        ("Deutsch B1", date(2027, 6, 30), GoalStatus.IN_PROGRESS)
    ]


def test_the_needs_are_taken_over_from_a_later_needs_assessment_after_asking(
    qtbot, lotse, ops, monkeypatch
):
    """A plan written before the needs assessment: "Aus der Förderbedarfsermittlung" fills
    the Förderbedarfe as an unsaved edit, after asking since text is there; stored on Save."""
    from app.services.needs_assessments import AssessmentInput, add_assessment
    from app.vocab import NeedLevel

    pid = add_person(lotse, "Nowak", "Łukasz", program=Program.TRAINING)
    plan_id = new_plan(lotse, pid)
    store_plan(lotse, plan_id, texts=PlanInput(needs="Noch offen."))
    panel = show(qtbot, PlanPanel(lotse, ops, pid))
    assert not panel.take_needs_button.isVisible()  # no assessment yet
    assessment = AssessmentInput(
        date.today(), levels={"language": NeedLevel.HIGH}, notes={"language": "Fachsprache"}
    )
    ops.run(lambda uow: add_assessment(uow, pid, assessment), parent=None)
    assert panel.take_needs_button.isVisible()  # the person changed: the tab read again
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question",
        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Yes,
    )  # fmt: skip
    panel.take_needs_button.click()
    assert asked and panel.is_modified()
    assert panel.texts["needs"].toPlainText().startswith("sprachlich (hoch): Fachsprache")
    assert panel.save()
    assert stored(lotse, plan_id)[0].needs.startswith("sprachlich (hoch): Fachsprache")
