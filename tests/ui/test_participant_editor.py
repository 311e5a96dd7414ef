"""The participant editor stores through the services, names wrong fields, never loses changes
silently, warns about duplicates, records the exit and deletes with confirmation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlmodel import func, select

from app.bootstrap import Lotse
from app.errors import ValidationError
from app.i18n import _
from app.models.participant import Participant
from app.models.participant_fields import label
from app.services.follow_up_lists import follow_ups_of
from app.services.participants import (
    create_participant,
    get_participant,
    update_participant,
)
from app.vocab import (
    DrivingLicenceClass,
    ExitOutcome,
    ExitReason,
    FollowUpKind,
    Gender,
    GermanLevel,
    ParticipantStatus,
    Program,
    ResidenceStatus,
    SchoolForm,
    exit_outcomes_for,
)
from ui.operations import Operations
from ui.participant.checklist import MISSING_MARK, PRESENT_MARK
from ui.participant.editor import ParticipantEditor
from ui.participant.exit_dialog import ExitDialog
from ui.participant.notes_panel import NotesPanel
from ui.plan.plan_panel import PlanPanel

Button = QMessageBox.StandardButton


class Questions:
    """Answers QMessageBox.question with the queued buttons and records the texts; with none
    queued it answers "Verwerfen", so that closing a changed editor at teardown never blocks."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answers: list[Button] = []

    def __call__(self, parent, title, text, *args, **kwargs) -> Button:
        self.asked.append(f"{title}\n{text}")
        return self.answers.pop(0) if self.answers else Button.Discard


@pytest.fixture(autouse=True)
def questions(monkeypatch) -> Questions:
    answer = Questions()
    monkeypatch.setattr(QMessageBox, "question", answer)
    return answer


def open_editor(qtbot, lotse: Lotse, ops: Operations, **kwargs: Any) -> ParticipantEditor:
    editor = ParticipantEditor(lotse, ops, **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def count_people(lotse: Lotse) -> int:
    with lotse.unit_of_work() as uow:
        return uow.session.exec(select(func.count()).select_from(Participant)).one()


def stored(lotse: Lotse, participant_id: int) -> Participant:
    with lotse.unit_of_work() as uow:
        person = get_participant(uow, participant_id)
        uow.session.expunge(person)
        return person


def make_person(lotse: Lotse, **values: Any) -> int:
    base: dict[str, Any] = {
        "program": Program.JOKO,
        "last_name": "Şahin",
        "first_name": "Ayşe",
        "postal_code": "06108",
        "entry_date": date(2025, 9, 1),
    }
    with lotse.unit_of_work() as uow:
        return create_participant(uow, base | values).created


def test_create_a_joko_participant(qtbot, configured_lotse, ops, warnings, questions):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    assert editor.windowTitle() == _("New participant")
    assert editor.participant_id is None
    editor.set_field("last_name", "  Şahin ")  # keyClicks cannot type "Ş"
    qtbot.keyClicks(editor.field_widget("city"), "Halle (Saale) ")
    qtbot.keyClicks(editor.field_widget("birth_date"), "02.03.1994")
    editor.set_field("first_name", "Ayşe")
    editor.set_field("status", ParticipantStatus.SHORT_COUNSELLING)
    editor.set_field("gender", Gender.FEMALE)
    editor.set_field("postal_code", "06108")
    qtbot.keyClicks(editor.field_widget("nationalities"), "sy, tr")
    editor.set_field("first_languages", ["AR"])
    editor.set_field("interpreter_needed", True)
    editor.set_field("entry_date", date(2025, 9, 1))
    editor.set_field("residence_status", ResidenceStatus.S104C)
    editor.set_field("s104c_granted_on", date(2025, 1, 15))
    editor.set_field("german_level", GermanLevel.B1)
    editor.set_field("target_occupations", ["Pflegehelferin", "Verkäuferin"])
    editor.set_field("driving_licences", [DrivingLicenceClass.B.value])
    qtbot.keyClicks(editor.field_widget("mobility_radius_km"), "30")
    assert editor.is_modified()

    with qtbot.waitSignal(ops.changed, timeout=1000) as signal:
        assert editor.save()

    assert warnings == []
    assert questions.asked == []  # no one with that name and PLZ yet
    new_id = editor.participant_id
    assert new_id is not None
    changes, initiator = signal.args
    assert (changes.participants, changes.created, initiator) == ({new_id}, new_id, editor)
    person = stored(configured_lotse, new_id)
    assert person.program == Program.JOKO
    assert person.status == ParticipantStatus.SHORT_COUNSELLING
    assert (person.last_name, person.first_name) == ("Şahin", "Ayşe")
    assert person.city == "Halle (Saale)"
    assert person.birth_date == date(1994, 3, 2)
    assert person.nationalities == ["SY", "TR"]
    assert person.first_languages == ["ar"]
    assert person.interpreter_needed is True
    assert person.residence_status == ResidenceStatus.S104C
    assert person.target_occupations == ["Pflegehelferin", "Verkäuferin"]
    assert person.driving_licences == ["b"]
    assert person.mobility_radius_km == 30
    assert person.birth_country is None and person.school_form is None

    # the dialog stays open in edit mode, with the panels unlocked
    assert editor.isVisible()
    assert not editor.is_modified()
    assert editor.windowTitle() == _("{name} – participant").format(name="Ayşe Şahin")
    assert editor.delete_button.isEnabled()
    for index in range(editor.tabs.count()):
        assert editor.tabs.isTabEnabled(index)


def test_editing_a_saved_record_updates_it(qtbot, configured_lotse, ops, warnings):
    person_id = make_person(configured_lotse)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=person_id)
    assert editor.field_widget("last_name").text() == "Şahin"
    assert not editor.is_modified()
    editor.set_field("city", "Halle (Saale)")
    editor.set_field("status", ParticipantStatus.EMPLOYED_AFTERCARE)
    with qtbot.waitSignal(ops.changed, timeout=1000):
        assert editor.save()
    person = stored(configured_lotse, person_id)
    assert person.city == "Halle (Saale)"
    assert person.status == ParticipantStatus.EMPLOYED_AFTERCARE
    assert not editor.is_modified()


def test_a_change_stored_elsewhere_is_not_written_back_by_the_open_editor(
    qtbot, configured_lotse, ops, warnings
):
    """A German level taken over from a course (another screen) while the record is open:
    the untouched field shows it, and saving the user's own edit keeps both."""
    person_id = make_person(configured_lotse, german_level=GermanLevel.A2)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=person_id)
    editor.set_field("city", "Halle (Saale)")  # the user's own edit, not yet saved
    level = {"german_level": GermanLevel.B1}
    ops.run(lambda uow: update_participant(uow, person_id, level), parent=None)
    assert editor.field_widget("city").text() == "Halle (Saale)"
    assert editor._bindings["german_level"].value() == GermanLevel.B1
    assert editor.save()
    person = stored(configured_lotse, person_id)
    assert (person.german_level, person.city) == (GermanLevel.B1, "Halle (Saale)")


def test_an_untouched_editor_follows_the_stored_record_entirely(qtbot, configured_lotse, ops):
    person_id = make_person(configured_lotse)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=person_id)
    ops.run(
        lambda uow: update_participant(
            uow, person_id, {"status": ParticipantStatus.EMPLOYED_AFTERCARE, "city": "Zeitz"}
        ),
        parent=None,
    )
    assert editor.field_widget("city").text() == "Zeitz"
    assert editor._bindings["status"].value() == ParticipantStatus.EMPLOYED_AFTERCARE
    assert not editor.is_modified()


def test_training_shows_the_training_tab_and_not_joko(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.TRAINING)
    names = editor.tab_names()
    assert _("Training") in names
    assert _("JOKO") not in names
    assert names[:2] == [_("Master data"), _("ESF+ entry")]
    assert names[-4:] == [_("Exit"), _("Contact history"), _("Follow-ups"), _("Consents")]


def test_without_a_programme_the_first_field_chooses_it(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops)
    assert _("JOKO") in editor.tab_names() and _("Training") not in editor.tab_names()
    editor.set_field("program", Program.TRAINING)
    assert _("Training") in editor.tab_names() and _("JOKO") not in editor.tab_names()
    editor.set_field("last_name", "Nowak")
    editor.set_field("school_form", SchoolForm.BVJ)
    assert editor.save()
    person = stored(configured_lotse, editor.participant_id)
    assert person.program == Program.TRAINING
    assert person.school_form == SchoolForm.BVJ


def test_saved_record_tabs_locked_until_saved(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    locked = [_("Contact history"), _("Follow-ups"), _("Consents")]
    for index in range(editor.tabs.count()):
        if editor.tabs.tabText(index) in locked:
            assert not editor.tabs.isTabEnabled(index)
            assert editor.tabs.tabToolTip(index) == _("Save first")
    assert not editor.exit_button.isEnabled()


def test_panels_are_built_when_their_tab_is_first_chosen(qtbot, configured_lotse, ops, monkeypatch):
    """Opening a record builds the form only; notes, plan etc. load when their tab is chosen."""
    pid = make_person(configured_lotse)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=pid)
    assert editor._panels == {}
    editor.tabs.setCurrentWidget(editor._pages["notes"])
    assert list(editor._panels) == ["notes"]
    assert isinstance(editor.panel("notes"), NotesPanel)
    previews: list[PlanPanel] = []
    monkeypatch.setattr(PlanPanel, "print_preview", lambda panel: previews.append(panel))
    (print_key,) = [
        shortcut
        for shortcut in editor.findChildren(QShortcut)
        if shortcut.key() == QKeySequence(QKeySequence.StandardKey.Print)
    ]
    print_key.activated.emit()  # Ctrl+P from any tab: the plan panel is built and shown
    assert editor.tabs.currentWidget() is editor._pages["plan"]
    assert set(editor._panels) == {"notes", "plan"} and previews == [editor.panel("plan")]


def test_invalid_entries_are_named_and_nothing_is_stored(
    qtbot, configured_lotse, ops, warnings, questions
):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Haddad")
    editor.tabs.setCurrentIndex(2)
    editor.set_field("postal_code", "123")
    editor.set_field("email", "x@")
    assert not editor.save()

    assert len(warnings) == 1
    assert f"{label('postal_code')}:" in warnings[0]
    assert f"{label('email')}:" in warnings[0]
    assert count_people(configured_lotse) == 0
    assert editor.participant_id is None
    assert editor.tabs.currentIndex() == 0  # the tab of the first wrong field


def test_an_unreadable_date_is_named_with_the_other_problems(
    qtbot, configured_lotse, ops, warnings
):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Haddad")
    qtbot.keyClicks(editor.field_widget("entry_date"), "31.02.2026")
    editor.set_field("email", "x@")
    assert not editor.save()
    assert len(warnings) == 1
    assert f"{label('entry_date')}: {_('Please enter a date as DD.MM.YYYY.')}" in warnings[0]
    assert f"{label('email')}:" in warnings[0]
    assert count_people(configured_lotse) == 0
    assert editor.tabs.currentWidget() is editor._page_of["entry_date"]


def test_a_birth_date_before_1900_stays_as_typed_and_is_named(
    qtbot, configured_lotse, ops, warnings
):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Haddad")
    qtbot.keyClicks(editor.field_widget("birth_date"), "31.12.1899")
    assert not editor.save()
    assert len(warnings) == 1
    message = _("Please enter a date between 1900 and 2100.")
    assert f"{label('birth_date')}: {message}" in warnings[0]
    assert editor.field_widget("birth_date").text() == "31.12.1899"
    assert count_people(configured_lotse) == 0


def test_checklist_updates_when_the_birth_date_is_entered(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    assert "birth_date" in editor.checklist.missing()
    assert editor.checklist.row_text("birth_date").startswith(MISSING_MARK)

    qtbot.keyClicks(editor.field_widget("birth_date"), "02.03.1994")

    assert "birth_date" not in editor.checklist.missing()
    assert editor.checklist.row_text("birth_date").startswith(PRESENT_MARK)
    assert label("birth_date") in editor.checklist.row_text("birth_date")
    editor.field_widget("birth_date").clear()
    assert "birth_date" in editor.checklist.missing()


def test_duplicate_name_and_plz_is_asked_before_creating(
    qtbot, configured_lotse, ops, warnings, questions
):
    make_person(configured_lotse, birth_date=date(1994, 3, 2))
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "SAHIN")
    editor.set_field("first_name", "Ayse")
    editor.set_field("postal_code", "06108")

    questions.answers = [Button.No]
    assert not editor.save()
    assert len(questions.asked) == 1
    assert "Şahin, Ayşe, 06108" in questions.asked[0]
    assert "02.03.1994" in questions.asked[0]
    assert count_people(configured_lotse) == 1
    assert editor.participant_id is None

    questions.answers = [Button.Yes]
    assert editor.save()
    assert count_people(configured_lotse) == 2
    assert stored(configured_lotse, editor.participant_id).last_name == "SAHIN"


def test_other_plz_is_no_duplicate(qtbot, configured_lotse, ops, questions):
    make_person(configured_lotse)
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Şahin")
    editor.set_field("first_name", "Ayşe")
    editor.set_field("postal_code", "39104")
    assert editor.save()
    assert questions.asked == []


def test_closing_with_changes_asks_and_discard_stores_nothing(
    qtbot, configured_lotse, ops, questions
):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Haddad")

    questions.answers = [Button.Cancel]
    editor.close()
    assert editor.isVisible()
    assert len(questions.asked) == 1
    assert _("Save changes?") in questions.asked[0]

    questions.answers = [Button.Discard]
    editor.reject()  # Esc and "Schließen"
    assert not editor.isVisible()
    assert count_people(configured_lotse) == 0


def test_closing_with_changes_can_save(qtbot, configured_lotse, ops, questions, warnings):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Haddad")
    questions.answers = [Button.Save]
    editor.close_button.click()
    assert not editor.isVisible()
    assert count_people(configured_lotse) == 1


def test_closing_without_changes_does_not_ask(qtbot, configured_lotse, ops, questions):
    person_id = make_person(configured_lotse)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=person_id)
    editor.set_field("city", "Halle")
    editor.set_field("city", "")  # typed and taken back: nothing changed
    editor.close()
    assert questions.asked == []
    assert not editor.isVisible()


def test_exit_dialog_sets_exited_and_creates_the_outcome_follow_ups(
    qtbot, configured_lotse, ops, monkeypatch, warnings
):
    person_id = make_person(configured_lotse)
    exit_day = date.today() - timedelta(days=3)
    offered: list[list[str]] = []

    def fill_and_accept(dialog: ExitDialog) -> int:
        combo = dialog.field_widget("exit_outcome")
        offered.append([combo.itemData(i) for i in range(combo.count())])
        dialog.set_field("exit_date", exit_day)
        dialog.set_field("exit_reason", ExitReason.GOAL_REACHED)
        dialog.set_field("exit_outcome", ExitOutcome.EMPLOYED_SOCIAL_INSURANCE)
        dialog.set_field("qualification_gained", False)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExitDialog, "exec", fill_and_accept)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=person_id)
    assert not editor.six_months.isEnabled()
    with qtbot.waitSignal(ops.changed, timeout=1000):
        editor.exit_button.click()

    assert warnings == []
    assert offered == [[None, *(o.value for o in exit_outcomes_for(Program.JOKO))]]
    person = stored(configured_lotse, person_id)
    assert person.status == ParticipantStatus.EXITED
    assert person.exit_date == exit_day
    assert person.exit_outcome == ExitOutcome.EMPLOYED_SOCIAL_INSURANCE
    with configured_lotse.unit_of_work() as uow:
        kinds = {row.kind for row in follow_ups_of(uow, person_id)}
    assert {FollowUpKind.EXIT_4_WEEKS, FollowUpKind.EXIT_6_MONTHS} <= kinds
    # the editor shows the exit and unlocks the outcome after 6 months
    assert editor._exit_labels["exit_outcome"].text() == ExitOutcome.EMPLOYED_SOCIAL_INSURANCE.label
    assert editor._exit_labels["status"].text() == ParticipantStatus.EXITED.label
    assert editor.six_months.isEnabled()
    assert not editor.field_widget("status").isEnabled()
    assert not editor.is_modified()


def test_exit_dialog_offers_the_training_outcomes_and_requires_a_reason(
    qtbot, configured_lotse, ops, warnings
):
    person_id = make_person(configured_lotse, program=Program.TRAINING, last_name="Nowak")
    dialog = ExitDialog(configured_lotse, ops, person_id)
    qtbot.addWidget(dialog)
    combo = dialog.field_widget("exit_outcome")
    codes = {combo.itemData(i) for i in range(combo.count())} - {None}
    assert ExitOutcome.DROPOUT.value in codes
    assert ExitOutcome.EMPLOYED_SOCIAL_INSURANCE.value not in codes

    dialog.accept()  # no reason chosen
    assert len(warnings) == 1
    assert label("exit_reason") in warnings[0]
    assert stored(configured_lotse, person_id).status == ParticipantStatus.ACTIVE


def test_delete_asks_and_removes_the_record(qtbot, configured_lotse, ops, questions):
    person_id = make_person(configured_lotse)
    editor = open_editor(qtbot, configured_lotse, ops, participant_id=person_id)

    questions.answers = [Button.No]
    editor.delete_button.click()
    assert editor.isVisible()
    assert count_people(configured_lotse) == 1
    assert "Ayşe Şahin" in questions.asked[0]

    questions.answers = [Button.Yes]
    with qtbot.waitSignal(ops.changed, timeout=1000) as signal:
        editor.delete_button.click()
    changes, _initiator = signal.args
    assert changes.participants == {person_id}
    assert not editor.isVisible()
    with configured_lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        get_participant(uow, person_id)


def test_every_field_has_a_label_buddy_and_accessible_name(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops)
    buddies = {caption.buddy() for caption in editor.findChildren(QLabel) if caption.buddy()}
    for name, binding in editor._bindings.items():
        widget = binding.widget
        assert widget.accessibleName(), name
        assert widget in buddies, name


def test_the_dialog_fits_a_small_screen(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    room = editor.screen().availableGeometry()
    assert editor.width() <= room.width() and editor.height() <= room.height()
    assert editor.minimumSizeHint().height() <= 660


def test_ctrl_s_saves(qtbot, configured_lotse, ops):
    editor = open_editor(qtbot, configured_lotse, ops, program=Program.JOKO)
    editor.set_field("last_name", "Haddad")
    (shortcut,) = [s for s in editor.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+S")]
    shortcut.activated.emit()  # offscreen windows are not active, so no real key press
    assert editor.participant_id is not None
    assert count_people(configured_lotse) == 1


def test_a_shrunk_choice_shows_its_whole_text_as_tooltip(qtbot):
    from PySide6.QtWidgets import QWidget

    from app.vocab import ResidenceStatus
    from ui.participant.form_fields import EnumBinding

    parent = QWidget()
    qtbot.addWidget(parent)
    binding = EnumBinding(parent, ResidenceStatus)
    member = max(ResidenceStatus, key=lambda m: len(m.label))
    binding.set_value(member)
    assert binding.combo.toolTip() == member.label  # the whole label, however narrow the box
    binding.combo.setToolTip("Eine Erklärung")  # the form's own explanation stays
    binding.set_value(next(iter(ResidenceStatus)))
    assert binding.combo.toolTip() == "Eine Erklärung"


def test_number_and_text_fields_take_what_is_typed_and_leave_the_check_to_the_save(qtbot):
    """No silent change: a minus, a long number, a long text are read as typed (the service
    refuses them with a message naming the field); what is no number is reported."""
    from PySide6.QtWidgets import QWidget

    from ui.participant.form_fields import IntBinding, TextBinding, UnreadableValue

    parent = QWidget()
    qtbot.addWidget(parent)
    number = IntBinding(parent)
    for typed, read in (("-5", -5), ("99999", 99999), ("", None), (" 7 ", 7)):
        number.edit.setText(typed)
        assert number.value() == read
    number.edit.setText("fünf")
    with pytest.raises(UnreadableValue):
        number.value()
    text = TextBinding(parent, max_length=100)
    text.edit.setText("x" * 10_000)
    assert len(text.value()) == 10_000
