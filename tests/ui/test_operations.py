"""The one way the face runs an operation: a unit of work, one German message for refused
input, one signal with the Changes; long ones on a worker with progress and cancel."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLineEdit, QProgressDialog, QPushButton, QWidget

from app.db.changes import Changes
from app.errors import FieldError
from app.progress import Progress
from app.services.contact_notes import NoteInput, add_note, notes_of
from app.services.participants import update_participant
from app.vocab import ContactKind
from tests.services.helpers import add_person
from tests.ui.helpers import show
from ui.operations import Operations

NOTE = NoteInput(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), ContactKind.PHONE, "Anruf")


@pytest.fixture
def heard(ops: Operations) -> list[tuple[Changes, object]]:
    received: list[tuple[Changes, object]] = []
    ops.changed.connect(lambda changes, initiator: received.append((changes, initiator)))
    return received


def test_run_commits_and_tells_every_screen_once(lotse, ops, heard):
    pid = add_person(lotse, "Haddad", "Amal")
    screen = object()
    changes = ops.run(lambda uow: add_note(uow, pid, NOTE), parent=None, initiator=screen)
    assert changes is not None and changes.cases == {pid}
    assert heard == [(changes, screen)]
    assert [row.content for row in notes_of(lotse.reads, pid)] == ["Anruf"]


def test_nothing_changed_is_not_announced(lotse, ops, heard):
    pid = add_person(lotse, "Haddad", "Amal")
    changes = ops.run(lambda uow: update_participant(uow, pid, {"last_name": "Haddad"}),
                      parent=None)  # fmt: skip
    assert changes is not None and not changes
    assert heard == []


def test_refused_input_gets_one_german_message_and_the_field_the_focus(
    qtbot, lotse, ops, heard, warnings
):
    pid = add_person(lotse, "Haddad", "Amal", postal_code="06108")
    form = QWidget()
    first, postal_code = QLineEdit(form), QLineEdit(form)
    show(qtbot, form)
    first.setFocus()
    changes = ops.run(
        lambda uow: update_participant(uow, pid, {"postal_code": "061", "email": "kein-at"}),
        parent=form,
        failed="Der Datensatz wurde nicht gespeichert:",
        fields={"postal_code": postal_code},
    )
    assert changes is None and heard == []
    [message] = warnings
    assert message.startswith("Bitte prüfen Sie Ihre Eingaben\nDer Datensatz wurde nicht")
    assert "• Postleitzahl: " in message and "• E-Mail: " in message
    qtbot.waitUntil(postal_code.hasFocus, timeout=1000)
    with lotse.reading() as uow:  # nothing stored
        assert uow.rows("SELECT postal_code FROM participant") == [("06108",)]


def test_unreadable_input_does_not_run_the_operation(lotse, ops, heard):
    pid = add_person(lotse, "Haddad", "Amal")
    reported: list[list[FieldError]] = []
    unreadable = [FieldError("occurred_at", "Datum", "Bitte als TT.MM.JJJJ eingeben.")]
    changes = ops.run(lambda uow: add_note(uow, pid, NOTE), parent=None,
                      on_invalid=reported.append, unreadable=unreadable)  # fmt: skip
    assert changes is None and reported == [unreadable] and heard == []
    assert notes_of(lotse.reads, pid) == []


def test_an_unexpected_error_propagates_and_stores_nothing(lotse, ops, heard):
    pid = add_person(lotse, "Haddad", "Amal")

    def breaks_halfway(uow):
        uow.connection.execute("UPDATE participant SET city = 'Halle' WHERE id = ?", (pid,))
        raise OSError("disk gone")

    with pytest.raises(OSError):
        ops.run(breaks_halfway, parent=None)
    assert heard == []
    assert lotse.reads.one("SELECT city FROM participant")[0] == ""


def slow_notes(pid: int, count: int, gate: threading.Event | None = None):
    """A long operation: ``count`` notes, reporting after each; waits at ``gate`` after the
    first so that a test can press "Abbrechen" meanwhile."""

    def operation(uow, progress: Progress) -> Changes:
        from app.models.contacts import ContactNote

        for number in range(count):
            progress.step(number, count)
            uow.session.add(ContactNote(participant_id=pid, occurred_at=NOTE.occurred_at,
                                        kind=NOTE.kind, content=f"Notiz {number}"))  # fmt: skip
            if gate is not None and number == 0:
                gate.wait(5)
        progress.step(count, count)
        return uow.commit()

    return operation


def test_a_long_operation_runs_on_a_worker_and_reports_back_on_the_gui_thread(
    qtbot, lotse, ops, heard
):
    pid = add_person(lotse, "Haddad", "Amal")
    done: list[tuple[Changes, bool]] = []
    window = show(qtbot, QWidget())
    ops.run_in_background(
        slow_notes(pid, 5),
        parent=window,
        title="Notizen werden geschrieben",
        done=lambda changes: done.append(
            (changes, threading.current_thread() is threading.main_thread())
        ),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    [(changes, on_gui_thread)] = done
    assert on_gui_thread and changes.cases == {pid} and len(changes.notes) == 5
    assert heard == [(changes, None)]
    assert len(notes_of(lotse.reads, pid)) == 5


def test_cancel_rolls_the_long_operation_back(qtbot, lotse, ops, heard):
    pid = add_person(lotse, "Haddad", "Amal")
    gate = threading.Event()
    done: list[Changes] = []
    window = show(qtbot, QWidget())
    ops.run_in_background(slow_notes(pid, 5, gate), parent=window, title="Notizen",
                          done=done.append)  # fmt: skip
    qtbot.waitUntil(lambda: bool(window.findChildren(QProgressDialog)), timeout=5000)
    [dialog] = window.findChildren(QProgressDialog)
    assert dialog.labelText() == "Notizen"
    dialog.findChild(QPushButton).click()  # "Abbrechen"
    gate.set()
    qtbot.waitUntil(lambda: not ops._running, timeout=5000)
    assert done == [] and heard == []
    assert notes_of(lotse.reads, pid) == []
