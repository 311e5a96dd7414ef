"""The residence dates in the record editor follow the chosen Aufenthaltsstatus: those that do
not fit are greyed with a tooltip naming their status; stored values stay."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from app.i18n import _
from app.services.participants import create_participant, get_participant
from app.vocab import Program, ResidenceStatus
from ui.participant.editor import ParticipantEditor

TITLE_ROWS = {"residence_title_valid_until"}
S104C_ROWS = {"s104c_granted_on", "*s104c_expires_on", "s25_application_on"}
ALL_ROWS = TITLE_ROWS | S104C_ROWS
FITTING = {
    None: ALL_ROWS,
    ResidenceStatus.S104C: S104C_ROWS,
    ResidenceStatus.SETTLEMENT_PERMIT: set(),
} | {
    s: TITLE_ROWS
    for s in ResidenceStatus
    if s not in (ResidenceStatus.S104C, ResidenceStatus.SETTLEMENT_PERMIT)
}
TITLE_UNTIL = date(2027, 3, 31)
GRANTED = date(2025, 8, 31)


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch) -> None:
    """Closing a changed editor at teardown asks: answer "Verwerfen" instead of blocking."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


def open_editor(qtbot, lotse, ops, participant_id: int) -> ParticipantEditor:
    editor = ParticipantEditor(lotse, ops, participant_id=participant_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def make_person(lotse, **values) -> int:
    base = {"program": Program.JOKO, "last_name": "Ahmadi", "entry_date": date(2025, 9, 1)}
    with lotse.unit_of_work() as uow:
        return create_participant(uow, base | values).created


def row_widgets(editor: ParticipantEditor, name: str) -> tuple:
    """The input (or the derived value) of a row and its caption."""
    shown = editor._derived[name] if name.startswith("*") else editor.field_widget(name)
    caption = editor._captions[name]
    assert isinstance(caption, QLabel)
    return shown, caption


def s104c_text() -> str:
    return ResidenceStatus.S104C.label


@pytest.mark.parametrize("status", list(FITTING), ids=lambda s: str(s))
def test_each_status_enables_exactly_the_fitting_dates(qtbot, configured_lotse, ops, status):
    pid = make_person(
        configured_lotse, residence_title_valid_until=TITLE_UNTIL, s104c_granted_on=GRANTED
    )
    editor = open_editor(qtbot, configured_lotse, ops, pid)
    editor.set_field("residence_status", status)
    for name in ALL_ROWS:
        shown, caption = row_widgets(editor, name)
        enabled = name in FITTING[status]
        assert shown.isEnabled() is enabled, (status, name)
        assert caption.isEnabled() is enabled, (status, name)
        tip = shown.toolTip()
        assert tip and caption.toolTip() == tip, (status, name)
        if name in S104C_ROWS:
            assert s104c_text() in tip, (status, name)
        else:
            assert "§ 104c" in tip and s104c_text() not in tip, (status, name)
        stored_value = name in ("residence_title_valid_until", "s104c_granted_on")
        kept_note = _("The stored date is kept but creates no follow-up.")
        assert (kept_note in tip) is (not enabled and stored_value), (status, name)
    # the greyed dates still show their stored values
    assert editor._bindings["residence_title_valid_until"].value() == TITLE_UNTIL
    assert editor._bindings["s104c_granted_on"].value() == GRANTED
    assert editor._derived["*s104c_expires_on"].text() == "28.02.2027"


def test_switching_the_status_keeps_the_stored_dates(qtbot, configured_lotse, ops):
    pid = make_person(
        configured_lotse,
        residence_status=ResidenceStatus.S104C,
        residence_title_valid_until=TITLE_UNTIL,
        s104c_granted_on=GRANTED,
    )
    editor = open_editor(qtbot, configured_lotse, ops, pid)
    assert editor.field_widget("s104c_granted_on").isEnabled()  # loaded with its status
    assert not editor.field_widget("residence_title_valid_until").isEnabled()
    editor.set_field("residence_status", ResidenceStatus.TOLERATION)
    assert editor.field_widget("residence_title_valid_until").isEnabled()
    assert not editor.field_widget("s104c_granted_on").isEnabled()
    with qtbot.waitSignal(ops.changed, timeout=1000):
        assert editor.save()
    with configured_lotse.unit_of_work() as uow:
        person = get_participant(uow, pid)
        assert person.residence_status == ResidenceStatus.TOLERATION
        assert (person.residence_title_valid_until, person.s104c_granted_on) == (
            TITLE_UNTIL,
            GRANTED,
        )
    assert not editor.is_modified()
