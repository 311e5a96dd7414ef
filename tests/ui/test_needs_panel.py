"""The tab Förderbedarf: a first and a second needs assessment entered through the dialog, the
versions listed newest first, only the newest editable, older ones shown for reading, a refused
entry naming its field, the deletion of the newest, and the Ausbildung tab's read-only rows
following the newest version."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.bootstrap import Lotse
from app.services.needs_assessments import AssessmentInput, add_assessment, assessments_of
from app.vocab import NeedLevel, Program
from tests.services.helpers import add_person, run
from tests.ui.helpers import show
from ui.participant.editor import ParticipantEditor
from ui.participant.needs_dialog import NeedsAssessmentDialog
from ui.participant.needs_panel import NeedsAssessmentPanel, VersionModel
from ui.widgets.formatting import date_text

L = NeedLevel
TODAY = date.today()


def student(lotse: Lotse) -> int:
    return add_person(lotse, "Nowak", "Łukasz", program=Program.TRAINING)


def save(dialog: NeedsAssessmentDialog) -> int:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog.result()


def choose_tab(editor: ParticipantEditor, title: str) -> None:
    names = [editor.tabs.tabText(i).replace("&", "") for i in range(editor.tabs.count())]
    editor.tabs.setCurrentIndex(names.index(title))


def test_two_assessments_entered_in_the_tab_and_the_record_follows_the_newest(
    qtbot, lotse, ops, monkeypatch
):
    pid = student(lotse)
    editor = show(qtbot, ParticipantEditor(lotse, ops, pid))
    choose_tab(editor, "Förderbedarf")
    panel = editor.panel("needs")
    assert isinstance(panel, NeedsAssessmentPanel)
    assert panel.model.rowCount() == 0
    assert panel.view.heading.text() == "Noch keine Förderbedarfsermittlung"
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()

    def first(dialog: NeedsAssessmentDialog) -> int:
        assert dialog.windowTitle() == "Neue Förderbedarfsermittlung – Version 1"
        assert dialog.assessed_on.text() == date_text(TODAY)
        assert dialog.taken_part.text() == ""
        assert all(combo.value() is None for combo in dialog.levels.values())
        dialog.assessed_on.set_date(TODAY - timedelta(days=30))
        dialog.taken_part.setText("Łukasz Nowak, Frau Berger (Klassenleitung)")
        dialog.levels["language"].set_value(L.HIGH)
        dialog.notes["language"].setPlainText("Fachsprache Elektro, Prüfungsvorbereitung")
        dialog.levels["subject"].set_value(L.MEDIUM)
        dialog.levels["financial"].set_value(L.NONE)
        return save(dialog)

    monkeypatch.setattr(NeedsAssessmentDialog, "exec", first)
    first_id = panel.new_assessment()
    assert first_id is not None
    assert [r.title for r in panel.rows()] == [
        f"Version 1 vom {date_text(TODAY - timedelta(days=30))}"
    ]
    assert panel.view.levels["language"].text() == "hoch"
    assert panel.view.notes["language"].text() == "Fachsprache Elektro, Prüfungsvorbereitung"
    assert panel.view.levels["organisational"].text() == "—"

    def second(dialog: NeedsAssessmentDialog) -> int:
        # the next version starts from the newest one, dated today
        assert dialog.windowTitle() == "Neue Förderbedarfsermittlung – Version 2"
        assert dialog.assessed_on.text() == date_text(TODAY)
        assert dialog.taken_part.text() == "Łukasz Nowak, Frau Berger (Klassenleitung)"
        assert dialog.levels["language"].value() == L.HIGH
        assert dialog.notes["language"].toPlainText() == (
            "Fachsprache Elektro, Prüfungsvorbereitung"
        )
        dialog.levels["subject"].set_value(L.NONE)
        dialog.levels["organisational"].set_value(L.LOW)
        dialog.notes["organisational"].setPlainText("Fahrtkosten zur Berufsschule")
        return save(dialog)

    monkeypatch.setattr(NeedsAssessmentDialog, "exec", second)
    second_id = panel.new_assessment()
    assert second_id is not None and second_id != first_id
    assert [r.title for r in panel.rows()] == [
        f"Version 2 vom {date_text(TODAY)}",
        f"Version 1 vom {date_text(TODAY - timedelta(days=30))}",
    ]
    assert panel.selected().id == second_id
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    assert panel.view.levels["organisational"].text() == "niedrig"

    # the older version: shown for reading, not editable
    panel.list.setCurrentIndex(panel.model.index(1))
    assert panel.view.heading.text().startswith("Version 1 vom")
    assert panel.view.levels["subject"].text() == "mittel"
    assert "nur zum Lesen" in panel.view.state.text()
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    assert panel.edit_button.toolTip() == "Nur die neueste Version kann geändert werden."
    assert panel.edit_assessment() is False

    # the Ausbildung tab of the record shows the newest version's date and areas
    again = show(qtbot, ParticipantEditor(lotse, ops, pid))
    assert again._derived["*support_need_areas"].text() == "sprachlich, organisatorisch"
    assert again._derived["*support_need_assessed_on"].text() == date_text(TODAY)


def test_the_newest_is_edited_and_a_wrong_date_names_its_field(
    qtbot, lotse, ops, monkeypatch, warnings
):
    pid = student(lotse)
    for days, level in ((60, L.HIGH), (10, L.MEDIUM)):
        data = AssessmentInput(TODAY - timedelta(days=days), "", {"language": level}, {})
        run(lotse, add_assessment, pid, data)
    panel = show(qtbot, NeedsAssessmentPanel(lotse, ops, pid))
    assert panel.selected().version == 2

    def too_early_then_fixed(dialog: NeedsAssessmentDialog) -> int:
        assert dialog.windowTitle().startswith("Förderbedarfsermittlung bearbeiten – Version 2")
        assert dialog.levels["language"].value() == L.MEDIUM
        dialog.assessed_on.set_date(TODAY - timedelta(days=61))
        save(dialog)
        assert dialog.result() == 0  # refused, the dialog stays open
        dialog.assessed_on.setText("31.02.2026")
        save(dialog)
        dialog.assessed_on.set_date(TODAY - timedelta(days=5))
        dialog.levels["language"].set_value(L.LOW)
        return save(dialog)

    monkeypatch.setattr(NeedsAssessmentDialog, "exec", too_early_then_fixed)
    assert panel.edit_assessment()
    assert len(warnings) == 2
    assert "Datum der Ermittlung: Das Datum darf nicht vor dem der Version 1" in warnings[0]
    assert "Datum der Ermittlung: Bitte geben Sie das Datum als TT.MM.JJJJ ein." in warnings[1]
    [newest, older] = assessments_of(lotse.reads, pid)
    assert (newest.assessed_on, newest.levels["language"]) == (TODAY - timedelta(5), L.LOW)
    assert older.levels["language"] == L.HIGH
    assert panel.view.levels["language"].text() == "niedrig"


def test_deleting_the_newest_makes_the_one_before_it_the_newest(qtbot, lotse, ops, monkeypatch):
    pid = student(lotse)
    for days, level in ((60, L.HIGH), (10, L.MEDIUM)):
        data = AssessmentInput(TODAY - timedelta(days=days), "", {"subject": level}, {})
        run(lotse, add_assessment, pid, data)
    panel = show(qtbot, NeedsAssessmentPanel(lotse, ops, pid))
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert panel.delete_assessment()
    assert asked == [
        f"Förderbedarfsermittlung löschen: Version 2 vom {date_text(TODAY - timedelta(10))} "
        "löschen? Version 1 wird wieder die neueste, der Datensatz folgt ihr."
    ]
    assert [r.version for r in panel.rows()] == [1]
    assert panel.view.levels["subject"].text() == "hoch"
    assert panel.edit_button.isEnabled()


@pytest.mark.parametrize("count", [0, 2])
def test_version_model_passes_the_model_tester(qtmodeltester, lotse, count):
    pid = student(lotse)
    for days in range(count):
        data = AssessmentInput(TODAY - timedelta(days=10 - days), "", {"subject": L.LOW}, {})
        run(lotse, add_assessment, pid, data)
    model = VersionModel()
    model.set_rows(assessments_of(lotse.reads, pid))
    qtmodeltester.check(model)
