"""The tab "Ausbildungsverlauf": absences entered, edited and deleted with the totals line and
the Ausbildung tab following, a refused entry, exams and guardians through their dialogs, the
hint for a minor without guardians, the consent dialog offering the guardians, and the lists
fitting the record editor without horizontal scroll bars."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from app.bootstrap import Lotse
from app.services.absences import AbsenceInput, absences_of, add_absence
from app.services.consents import consents_of
from app.services.exams import ExamInput, add_exam, exams_of
from app.services.guardians import GuardianInput, add_guardian, guardians_of
from app.services.participants import get_participant
from app.vocab import ExamKind, ExamResult, GuardianRelation, Program
from tests.services.helpers import add_person, run
from tests.services.test_training_record import born
from tests.ui.helpers import show
from ui.participant.consents_panel import ConsentDialog
from ui.participant.editor import ParticipantEditor
from ui.participant.training_dialogs import AbsenceDialog, ExamDialog, GuardianDialog
from ui.participant.training_panel import (
    AbsenceModel,
    ExamModel,
    GuardianModel,
    TrainingProgressPanel,
)

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")
TODAY = date.today()
TAB = "Ausbildungsverlauf"


def student(lotse: Lotse, age: int = 17) -> int:
    return add_person(lotse, "Nowak", "Łukasz", program=Program.TRAINING, birth_date=born(age))


def absent(lotse: Lotse, pid: int, days_ago: int, hours: int, unexcused: int = 0) -> int:
    data = AbsenceInput(TODAY - timedelta(days=days_ago), hours, unexcused)
    made = run(lotse, add_absence, pid, data).created
    assert made is not None
    return made


def open_tab(qtbot, lotse: Lotse, ops, pid: int) -> tuple[ParticipantEditor, TrainingProgressPanel]:
    editor = show(qtbot, ParticipantEditor(lotse, ops, pid))
    names = [editor.tabs.tabText(i).replace("&", "") for i in range(editor.tabs.count())]
    editor.tabs.setCurrentIndex(names.index(TAB))
    panel = editor.panel("training_progress")
    assert isinstance(panel, TrainingProgressPanel)
    return editor, panel


def shown_row(editor: ParticipantEditor, caption: str) -> str:
    """The text of the Ausbildung tab's read-only row named ``caption``."""
    [label] = [w for w in editor.findChildren(QLabel) if w.accessibleName() == caption]
    return label.text()


def cells(model, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def fill_and_save(dialog, **values) -> int:
    for name, value in values.items():
        dialog.bindings[name].set_value(value)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog.result()


def test_an_absence_entered_in_the_tab_updates_the_totals(qtbot, lotse, ops, monkeypatch):
    pid = student(lotse)
    absent(lotse, pid, 10, 8)
    absent(lotse, pid, 5, 6, 6)
    editor, panel = open_tab(qtbot, lotse, ops, pid)
    qtbot.addWidget(panel)
    day = TODAY - timedelta(days=2)
    assert panel.totals.text() == "Gesamt 14 Std., davon 6 unentschuldigt (Stand {})".format(
        (TODAY - timedelta(days=5)).strftime("%d.%m.%Y")
    )

    def enter(dialog: AbsenceDialog) -> int:
        assert dialog.windowTitle() == "Fehlzeit erfassen"
        assert dialog.bindings["absent_on"].value() == TODAY
        return fill_and_save(dialog, absent_on=day, hours=32, unexcused_hours=6, note="Woche krank")

    monkeypatch.setattr(AbsenceDialog, "exec", enter)
    made = panel.add_absence()
    assert made is not None
    # 8 + 6 + 32 = 46 hours, 0 + 6 + 6 = 12 unexcused, the latest day the new one
    stand = day.strftime("%d.%m.%Y")
    assert panel.totals.text() == f"Gesamt 46 Std., davon 12 unentschuldigt (Stand {stand})"
    assert cells(panel.absences.model, 0) == [stand, "32", "6", "Woche krank"]
    assert panel.absences.selected().id == made  # the new row is chosen
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        assert (person.absence_hours, person.unexcused_absence_hours) == (46, 12)
    # the record opened again shows the sums on the Ausbildung tab
    again = show(qtbot, ParticipantEditor(lotse, ops, pid))
    assert shown_row(again, "Fehlzeiten (Stunden)") == "46"
    assert shown_row(again, "Unentschuldigte Fehlzeiten (Stunden)") == "12"
    assert shown_row(again, "Stand der Fehlzeiten") == stand


def test_the_training_tab_follows_while_the_record_is_open(qtbot, lotse, ops, monkeypatch):
    """The Ausbildung tab's read-only rows change with an absence entered in the same editor;
    an unsaved edit of the form stays."""
    pid = student(lotse)
    absent(lotse, pid, 10, 8, 2)
    editor, panel = open_tab(qtbot, lotse, ops, pid)
    assert shown_row(editor, "Fehlzeiten (Stunden)") == "8"
    editor.set_field("performance", "Praxis gut")
    monkeypatch.setattr(
        AbsenceDialog, "exec", lambda dialog: fill_and_save(dialog, hours=5, unexcused_hours=1)
    )
    assert panel.add_absence() is not None
    assert shown_row(editor, "Fehlzeiten (Stunden)") == "13"
    assert shown_row(editor, "Unentschuldigte Fehlzeiten (Stunden)") == "3"
    assert shown_row(editor, "Stand der Fehlzeiten") == TODAY.strftime("%d.%m.%Y")
    assert editor.is_modified()
    assert editor.field_widget("performance").toPlainText() == "Praxis gut"  # type: ignore[attr-defined]


def test_unexcused_hours_above_the_total_are_refused_in_the_dialog(
    qtbot, lotse, ops, monkeypatch, warnings
):
    pid = student(lotse)
    panel = show(qtbot, TrainingProgressPanel(lotse, ops, pid))
    kept: list[AbsenceDialog] = []

    def enter(dialog: AbsenceDialog) -> int:
        kept.append(dialog)
        result = fill_and_save(dialog, hours=8, unexcused_hours=9)
        assert dialog.isVisible() or result == 0  # not accepted: the dialog stays
        return result

    monkeypatch.setattr(AbsenceDialog, "exec", enter)
    assert panel.add_absence() is None
    assert warnings == [
        "Bitte prüfen Sie Ihre Eingaben\nDie Fehlzeit wurde nicht gespeichert:\n\n"
        "• davon unentschuldigt: Darf nicht größer sein als die Fehlstunden (8)."
    ]
    assert absences_of(lotse.reads, pid) == []
    assert panel.totals.text() == "Keine Fehlzeiten erfasst."


def test_an_absence_is_edited_and_deleted_after_asking(qtbot, lotse, ops, monkeypatch):
    pid = student(lotse)
    absent(lotse, pid, 9, 8)
    newest = absent(lotse, pid, 3, 4, 1)
    panel = show(qtbot, TrainingProgressPanel(lotse, ops, pid))
    assert panel.absences.selected().id == newest
    monkeypatch.setattr(
        AbsenceDialog,
        "exec",
        lambda dialog: (
            dialog.windowTitle() == "Fehlzeit bearbeiten"
            and fill_and_save(dialog, hours=6, unexcused_hours=3)
        ),
    )
    panel.absences.edit_button.click()
    assert cells(panel.absences.model, 0)[1:3] == ["6", "3"]
    assert panel.totals.text().startswith("Gesamt 14 Std., davon 3 unentschuldigt")

    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def answer(parent, title, text, *args, **kwargs):
        asked.append(f"{title}: {text}")
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    day = (TODAY - timedelta(days=3)).strftime("%d.%m.%Y")
    panel.absences.delete_button.click()  # No: stays
    assert panel.absences.model.rowCount() == 2
    panel.absences.delete_button.click()
    assert asked == [f"Fehlzeit löschen: Die Fehlzeit vom {day} (6 Std.) löschen?"] * 2
    assert [row.hours for row in absences_of(lotse.reads, pid)] == [8]
    assert panel.totals.text().startswith("Gesamt 8 Std., davon 0 unentschuldigt")


def test_totals_without_dated_entries_are_named(qtbot, lotse, ops):
    pid = add_person(lotse, "Nowak", program=Program.TRAINING, absence_hours=24,
                     unexcused_absence_hours=6, absence_as_of=date(2026, 10, 30))  # fmt: skip
    panel = show(qtbot, TrainingProgressPanel(lotse, ops, pid))
    assert panel.totals.text() == (
        "Gesamt 24 Std., davon 6 unentschuldigt (Stand 30.10.2026), ohne einzelne Einträge: "
        "Der erste Eintrag übernimmt sie."
    )


def test_exams_are_entered_and_edited_in_their_dialog(qtbot, lotse, ops, monkeypatch):
    pid = student(lotse)
    run(lotse, add_exam, pid, ExamInput(ExamKind.SCHOOL, "Mathe", TODAY - timedelta(days=20),
                                        ExamResult.PASSED, "3"))  # fmt: skip
    panel = show(qtbot, TrainingProgressPanel(lotse, ops, pid))
    ahead = TODAY + timedelta(days=60)

    def enter(dialog: ExamDialog) -> int:
        assert dialog.bindings["result"].value() == ExamResult.PENDING  # a new one is ahead
        return fill_and_save(dialog, kind=ExamKind.FINAL_PART_1, title="Teil 1 Kfz", taken_on=ahead)

    monkeypatch.setattr(ExamDialog, "exec", enter)
    assert panel.add_exam() is not None
    assert cells(panel.exams.model, 0) == [
        ahead.strftime("%d.%m.%Y"), "Abschlussprüfung Teil 1", "Teil 1 Kfz", "ausstehend", ""
    ]  # fmt: skip

    def refuse_then_fix(dialog: ExamDialog) -> int:
        fill_and_save(dialog, result=ExamResult.PASSED)  # the date lies ahead: refused
        return fill_and_save(dialog, taken_on=TODAY, result=ExamResult.PASSED, grade="2")

    monkeypatch.setattr(ExamDialog, "exec", refuse_then_fix)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a, **k: warned.append(text))
    panel.exams.view.selectRow(0)
    panel.exams.edit_button.click()
    assert warned == [
        "Die Prüfung wurde nicht gespeichert:\n\n• Datum: Die Prüfung hat ein Ergebnis: Ihr "
        "Datum darf nicht in der Zukunft liegen."
    ]
    [done] = [row for row in exams_of(lotse.reads, pid) if row.title == "Teil 1 Kfz"]
    assert (done.taken_on, done.result, done.grade) == (TODAY, ExamResult.PASSED, "2")


def test_guardians_and_the_hint_for_a_minor(qtbot, lotse, ops, monkeypatch):
    pid = student(lotse, 16)
    panel = show(qtbot, TrainingProgressPanel(lotse, ops, pid))
    assert panel.minor_hint.isVisible()
    assert panel.minor_hint.text() == (
        "Minderjährig: für Einwilligungen Erziehungsberechtigte erfassen"
    )

    def enter(dialog: GuardianDialog) -> int:
        return fill_and_save(
            dialog, name="Anna Nowak", relation=GuardianRelation.MOTHER, phone="0345 6789012",
            email="anna.nowak@example.org",
        )  # fmt: skip

    monkeypatch.setattr(GuardianDialog, "exec", enter)
    assert panel.add_guardian() is not None
    assert cells(panel.guardians.model, 0) == [
        "Anna Nowak", "Mutter", "0345 6789012", "anna.nowak@example.org"
    ]  # fmt: skip
    assert not panel.minor_hint.isVisible()
    adult = show(qtbot, TrainingProgressPanel(lotse, ops, student(lotse, 18)))
    assert not adult.minor_hint.isVisible()


def test_the_tab_reloads_when_another_screen_changes_the_person(qtbot, lotse, ops):
    pid, other = student(lotse), student(lotse)
    panel = show(qtbot, TrainingProgressPanel(lotse, ops, pid))
    with qtbot.waitSignal(ops.changed):
        ops.run(lambda uow: add_guardian(uow, other, GuardianInput("Piotr Nowak")), parent=None)
    assert panel.guardians.model.rowCount() == 0  # someone else's
    with qtbot.waitSignal(ops.changed):
        ops.run(lambda uow: add_guardian(uow, pid, GuardianInput("Anna Nowak")), parent=None)
    assert cells(panel.guardians.model, 0)[0] == "Anna Nowak"


def test_the_consent_dialog_offers_the_recorded_guardians(qtbot, lotse, ops):
    pid = student(lotse, 16)
    for name in ("Anna Nowak", "Piotr Nowak"):
        run(lotse, add_guardian, pid, GuardianInput(name))
    dialog = show(qtbot, ConsentDialog(lotse, ops, pid))
    combo = dialog.guardian_name
    assert [combo.itemText(i) for i in range(combo.count())] == ["Anna Nowak", "Piotr Nowak"]
    assert combo.currentText() == ""  # chosen, not assumed
    dialog.purpose.setCurrentIndex(1)
    dialog.recipient.setText("Berufsschule")
    combo.setCurrentIndex(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [row.guardian_name for row in consents_of(lotse.reads, pid)] == ["Piotr Nowak"]


def test_the_lists_fit_the_record_editor(qtbot, lotse, ops):
    """At the editor's size on a 1280×800 screen, with 25 absences (the table scrolls down),
    long texts included: no horizontal scroll bar in any of the three tables."""
    pid = student(lotse)
    for number in range(25):
        data = AbsenceInput(TODAY - timedelta(days=3 * number), 4, 1, "Arzttermin " * 15)
        run(lotse, add_absence, pid, data)
    run(lotse, add_exam, pid, ExamInput(ExamKind.FINAL_PART_1, "Gestreckte Abschlussprüfung "
        "Teil 1, Kraftfahrzeugmechatronik, Schwerpunkt Nutzfahrzeugtechnik"))  # fmt: skip
    run(lotse, add_guardian, pid, GuardianInput("Anna Nowak-Wiśniewska", GuardianRelation.MOTHER,
        "+49 345 6789012", "anna.nowak-wisniewska@beispiel-halle.example.org"))  # fmt: skip
    editor, panel = open_tab(qtbot, lotse, ops, pid)
    editor.resize(1200, 720)
    vertical = panel.absences.view.verticalScrollBar()
    qtbot.waitUntil(lambda: editor.width() == 1200 and vertical.isVisible())
    for box in (panel.absences, panel.exams, panel.guardians):
        assert not box.view.horizontalScrollBar().isVisible(), box.title()


def test_the_models(qtmodeltester, lotse):
    pid = student(lotse)
    absent(lotse, pid, 1, 3, 1)
    run(lotse, add_exam, pid, ExamInput(ExamKind.FINAL))
    run(lotse, add_guardian, pid, GuardianInput("Anna Nowak"))
    for model, rows in (
        (AbsenceModel(), absences_of(lotse.reads, pid)),
        (ExamModel(), exams_of(lotse.reads, pid)),
        (GuardianModel(), guardians_of(lotse.reads, pid)),
    ):
        model.set_rows(rows)
        qtmodeltester.check(model)
