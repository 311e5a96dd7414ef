"""The tab Kurse & Maßnahmen: an enrolment driven to its completion and the question whether
to take the level over (Übernehmen: the level changes; Nein: it stays), the enrolment from
the course's side with the person chosen by typing, the fields a status allows, a refused
input, deleting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlmodel import select

from app.bootstrap import Lotse
from app.models.support_plan import Goal
from app.services.enrollments import EnrollmentInput, enroll, enrollments_of_participant
from app.services.participants import get_participant
from app.services.support_plans.editing import GoalInput
from app.vocab import EnrollmentStatus, ExamResult, GermanLevel, GermanProofKind
from tests.services.helpers import add_person, new_plan, run, store_plan
from tests.services.test_enrollments import make_course
from tests.ui.helpers import show
from ui.participant.courses_panel import CoursesPanel, EnrollmentModel, enrollment_rows
from ui.participant.enrollment_dialog import CourseHitModel, EnrollmentDialog, LevelUpdateDialog

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")
S = EnrollmentStatus
TODAY = date.today()
START = TODAY - timedelta(days=60)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def level(lotse: Lotse, pid: int) -> tuple:
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        return person.german_level, person.german_proof, person.german_proof_on


def save(dialog) -> int:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog.result()


def statuses(dialog: EnrollmentDialog) -> list[str]:
    return [dialog.status.itemText(index) for index in range(dialog.status.count())]


@pytest.fixture
def person(lotse) -> tuple[Lotse, int, int]:
    pid = add_person(lotse, "Şahin", "Ayşe", german_level=GermanLevel.A2)
    course_id = make_course(
        lotse, "Berufssprachkurs B1 Pflege", start=START, end=TODAY + timedelta(days=30)
    )
    make_course(lotse, "Integrationskurs Halle", provider="VHS Halle", start=START, end=None)
    return lotse, pid, course_id


def completed_in_the_panel(qtbot, monkeypatch, panel: CoursesPanel, lotse: Lotse, pid: int):
    """Anmelden (the course found by typing), laufend, abgeschlossen with B1: the level
    question comes after the last save."""

    def choose_course(dialog: EnrollmentDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert statuses(dialog) == ["angemeldet", "laufend", "abgeschlossen", "abgebrochen"]
        assert dialog.course is not None
        qtbot.keyClicks(dialog.course.search, "pflege b1")
        assert dialog.course.model.rowCount() == 1
        assert "Sprachschule Halle" in dialog.course.model.index(0).data()
        qtbot.keyClick(dialog.course.search, Qt.Key.Key_Return)
        assert dialog.course.course_id is not None
        assert not dialog.left_on.isEnabled() and not dialog.dropout_reason.isEnabled()
        dialog.registered_on.set_date(days_ago(70))
        return save(dialog)

    monkeypatch.setattr(EnrollmentDialog, "exec", choose_course)
    enrollment_id = panel.enroll()
    assert enrollment_id is not None
    [row] = enrollment_rows(panel)
    assert (row.id, row.status, row.registered_on) == (enrollment_id, S.REGISTERED, days_ago(70))
    assert panel.model.index(0, EnrollmentModel.STATUS).data() == (
        f"angemeldet ({days_ago(70):%d.%m.%Y})"
    )

    def start(dialog: EnrollmentDialog) -> int:
        assert statuses(dialog) == ["angemeldet", "laufend", "abgebrochen"]
        dialog.status.set_value(S.ONGOING)
        return save(dialog)

    monkeypatch.setattr(EnrollmentDialog, "exec", start)
    assert panel.edit_selected() == enrollment_id
    assert enrollment_rows(panel)[0].status == S.ONGOING

    def complete(dialog: EnrollmentDialog) -> int:
        assert statuses(dialog) == ["laufend", "abgeschlossen", "abgebrochen"]
        assert not dialog.level_reached.isEnabled()
        dialog.status.set_value(S.COMPLETED)
        assert dialog.left_on.isEnabled() and dialog.level_reached.isEnabled()
        assert dialog.left_on.date() == TODAY  # filled in; the day it ended is today
        dialog.left_on.set_date(days_ago(3))
        dialog.exam.setText("telc Deutsch B1")
        dialog.exam_on.set_date(days_ago(5))
        dialog.exam_result.set_value(ExamResult.PASSED)
        dialog.level_reached.set_value(GermanLevel.B1)
        return save(dialog)

    monkeypatch.setattr(EnrollmentDialog, "exec", complete)
    return enrollment_id


def test_a_completion_with_a_higher_level_adopted_after_the_question(
    qtbot, lotse, ops, monkeypatch, person
):
    lotse, pid, _course = person
    panel = show(qtbot, CoursesPanel(lotse, ops, pid))
    assert panel.model.rowCount() == 0 and not panel.edit_button.isEnabled()
    asked: list[str] = []

    def adopt(dialog: LevelUpdateDialog) -> int:
        asked.append(f"{dialog.windowTitle()}\n{dialog.question.text()}\n{dialog.exam.text()}")
        assert level(lotse, pid)[0] == GermanLevel.A2  # the completion alone changed nothing
        assert dialog.proof.value() == GermanProofKind.TELC
        assert dialog.proof_on.date() == days_ago(5)  # the exam's date
        assert dialog.adopt_button.text().replace("&", "") == "Übernehmen"
        dialog.adopt_button.click()
        return dialog.result()

    monkeypatch.setattr(LevelUpdateDialog, "exec", adopt)
    enrollment_id = completed_in_the_panel(qtbot, monkeypatch, panel, lotse, pid)
    assert panel.edit_selected() == enrollment_id
    assert asked == [
        "Deutschniveau übernehmen?\n"
        "Deutschniveau von Ayşe Şahin von A2 auf B1 ändern?\n"
        f"telc Deutsch B1 am {days_ago(5):%d.%m.%Y} (bestanden)"
    ]
    assert level(lotse, pid) == (GermanLevel.B1, GermanProofKind.TELC, days_ago(5))
    [row] = enrollment_rows(panel)
    assert (row.status, row.left_on, row.level_reached) == (
        S.COMPLETED,
        days_ago(3),
        GermanLevel.B1,
    )
    assert panel.model.index(0, EnrollmentModel.EXAM).data() == "telc Deutsch B1: bestanden"
    assert panel.model.index(0, EnrollmentModel.LEVEL).data() == "B1"
    assert not panel.level_button.isEnabled()  # B1 is the person's level now


def test_answered_no_the_level_stays_and_can_be_adopted_later(
    qtbot, lotse, ops, monkeypatch, person
):
    lotse, pid, _course = person
    panel = show(qtbot, CoursesPanel(lotse, ops, pid))

    def decline(dialog: LevelUpdateDialog) -> int:
        dialog.proof.set_value(GermanProofKind.GOETHE)
        dialog.keep_button.click()
        return dialog.result()

    monkeypatch.setattr(LevelUpdateDialog, "exec", decline)
    enrollment_id = completed_in_the_panel(qtbot, monkeypatch, panel, lotse, pid)
    assert panel.edit_selected() == enrollment_id
    assert level(lotse, pid) == (GermanLevel.A2, None, None)
    assert enrollment_rows(panel)[0].status == S.COMPLETED
    assert panel.level_button.isEnabled()

    def adopt_later(dialog: LevelUpdateDialog) -> int:
        dialog.proof.set_value(GermanProofKind.STAFF_ASSESSMENT)
        dialog.proof_on.set_date(days_ago(1))
        dialog.adopt_button.click()
        return dialog.result()

    monkeypatch.setattr(LevelUpdateDialog, "exec", adopt_later)
    assert panel.adopt_level()
    assert level(lotse, pid) == (GermanLevel.B1, GermanProofKind.STAFF_ASSESSMENT, days_ago(1))
    assert not panel.level_button.isEnabled()


def test_from_the_course_the_person_is_chosen_by_typing_with_a_goal_of_the_plan(
    qtbot, lotse, ops, person
):
    lotse, pid, course_id = person
    plan_id = new_plan(lotse, pid)
    store_plan(
        lotse,
        plan_id,
        goals=[GoalInput("Deutsch B1 für die Pflegehilfe", "Zertifikat", TODAY + timedelta(90))],
    )
    dialog = show(qtbot, EnrollmentDialog(lotse, ops, None, course_id=course_id))
    assert dialog.windowTitle() == "Anmelden: Berufssprachkurs B1 Pflege"
    assert dialog.person is not None and dialog.course is None
    assert dialog.goal.count() == 1 and dialog.goal_hint.text() == "Wählen Sie zuerst die Person."
    qtbot.keyClicks(dialog.person.search, "sahin")
    qtbot.keyClick(dialog.person.search, Qt.Key.Key_Return)
    assert dialog.participant_id == pid
    assert dialog.person.status.text() == "Gewählt: Ayşe Şahin"
    assert [dialog.goal.itemText(i) for i in range(dialog.goal.count())] == [
        "—",
        "Deutsch B1 für die Pflegehilfe (Förderplan, Version 1)",
    ]
    dialog.goal.setCurrentIndex(1)
    dialog.registered_on.set_date(days_ago(1))
    dialog.notes.setPlainText("Kurs über das Jobcenter.")
    assert save(dialog)
    [row] = enrollments_of_participant(lotse.reads, pid)
    assert (row.id, row.course_id, row.notes) == (
        dialog.saved_id,
        course_id,
        "Kurs über das Jobcenter.",
    )
    with lotse.reading() as uow:
        [goal] = uow.session.exec(select(Goal).where(Goal.plan_id == plan_id)).all()
    assert goal.course_id == course_id


def test_a_refused_input_names_the_field_and_keeps_the_dialog(qtbot, lotse, ops, warnings, person):
    lotse, pid, course_id = person
    enrollment_id = run(
        lotse, enroll, pid, EnrollmentInput(course_id, S.ONGOING, days_ago(65))
    ).created
    dialog = show(qtbot, EnrollmentDialog(lotse, ops, pid, enrollment_id))
    dialog.status.set_value(S.DROPPED)
    assert dialog.dropout_reason.isEnabled() and not dialog.level_reached.isEnabled()
    dialog.left_on.set_date(days_ago(61))  # before the course's start
    assert not save(dialog)
    assert dialog.isVisible()
    [shown] = warnings
    assert "Die Kursteilnahme wurde nicht gespeichert:" in shown
    assert "• Abbruchgrund: Bitte geben Sie den Abbruchgrund an." in shown
    assert f"• Beendet am: Das Datum darf nicht vor Kursbeginn ({START:%d.%m.%Y}) liegen." in shown
    assert enrollments_of_participant(lotse.reads, pid)[0].status == S.ONGOING
    dialog.dropout_reason.setPlainText("Umzug nach Leipzig.")
    dialog.left_on.set_date(days_ago(2))
    assert save(dialog)
    row = enrollments_of_participant(lotse.reads, pid)[0]
    assert (row.status, row.dropout_reason, row.left_on) == (
        S.DROPPED,
        "Umzug nach Leipzig.",
        days_ago(2),
    )


def test_deleting_asks_first(qtbot, lotse, ops, monkeypatch, person):
    lotse, pid, course_id = person
    run(lotse, enroll, pid, EnrollmentInput(course_id, S.REGISTERED, days_ago(3)))
    panel = show(qtbot, CoursesPanel(lotse, ops, pid))
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not panel.delete_selected()
    assert panel.model.rowCount() == 1
    assert panel.delete_selected()
    assert asked[0] == (
        "Kursteilnahme löschen\n"
        "Die Kursteilnahme an „Berufssprachkurs B1 Pflege“ löschen? "
        "Das lässt sich nicht rückgängig machen."
    )
    assert panel.model.rowCount() == 0 and not panel.delete_button.isEnabled()
    assert enrollments_of_participant(lotse.reads, pid) == []


def test_the_models(qtmodeltester, qtbot, lotse, ops, person):
    lotse, pid, course_id = person
    run(lotse, enroll, pid, EnrollmentInput(course_id, S.REGISTERED, days_ago(3)))
    panel = show(qtbot, CoursesPanel(lotse, ops, pid))
    qtmodeltester.check(panel.model)
    dialog = EnrollmentDialog(lotse, ops, pid)
    qtbot.addWidget(dialog)
    assert dialog.course is not None
    dialog.course.find("halle")
    assert dialog.course.model.rowCount() == 2
    qtmodeltester.check(dialog.course.model)
    assert isinstance(dialog.course.model, CourseHitModel)
