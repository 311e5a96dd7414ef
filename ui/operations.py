"""The one way the face runs an operation (in the spirit of Anki's ``CollectionOp``).

An operation is a function of app.services that takes a unit of work, commits it once and
returns the ``Changes`` (docs/architecture.md). ``Operations.run`` opens the unit of work on
the GUI thread (quick operations), turns a ``ValidationError`` into the one German message
naming the fields and, when anything changed, emits ``changed(changes, initiator)``: every
screen is connected to that one signal and decides from the ``Changes`` whether to refresh.
``run_in_background`` does the same on a worker thread with a progress dialog and "Abbrechen"
for long operations; their results come back to the GUI thread by signal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.progress import Cancelled, Progress
from ui.widgets.messages import show_errors

if TYPE_CHECKING:
    from app.db.unit_of_work import UnitOfWork

Operation = Callable[["UnitOfWork"], Changes]
LongOperation = Callable[["UnitOfWork", Progress], Changes]
InvalidHandler = Callable[[list[FieldError]], None]


class Operations(QObject):
    """Runs operations for the screens and tells every screen what changed."""

    # (Changes, initiator): the initiator is the object that ran the operation (or None), so
    # that a screen can skip reloading what it has just written itself.
    changed = Signal(object, object)

    def __init__(self, lotse: Lotse, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._running: list[_Worker] = []

    def run(
        self,
        operation: Operation,
        *,
        parent: QWidget | None,
        failed: str = "",
        fields: Mapping[str, QWidget] | None = None,
        on_invalid: InvalidHandler | None = None,
        initiator: object = None,
        unreadable: Sequence[FieldError] = (),
    ) -> Changes | None:
        """Run ``operation`` in one unit of work on this thread.

        Returns its Changes, or None when it was refused: then one message box with
        ``failed`` as its first line names every wrong field and the first of ``fields`` gets
        the focus — or ``on_invalid`` gets the errors instead. ``unreadable``: inputs the
        screen could not read (a date that is no date); then the operation does not run and
        they are reported the same way. Any other exception propagates (the unit of work
        rolled back; the error report takes over).
        """
        errors = list(unreadable)
        if not errors:
            try:
                with self._lotse.unit_of_work() as uow:
                    changes = operation(uow)
            except ValidationError as error:
                errors = error.errors
        if errors:
            if on_invalid is not None:
                on_invalid(errors)
            elif parent is not None:
                show_errors(parent, failed or _("Nothing was saved:"), errors, fields or {})
            return None
        self.announce(changes, initiator)
        return changes

    def run_in_background(
        self,
        operation: LongOperation,
        *,
        parent: QWidget | None,
        title: str,
        done: Callable[[Changes], None] | None = None,
        failed: str = "",
        initiator: object = None,
    ) -> None:
        """Run a long ``operation`` on a worker with a modal progress dialog and cancel.

        The operation reports through its ``Progress``; "Abbrechen" makes the next report
        raise ``Cancelled``, so the unit of work rolls back and nothing is stored. ``done`` runs
        on the GUI thread with the Changes once the commit is through.
        """
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        progress = Progress()
        worker = _Worker(self._lotse, operation, progress)
        dialog.canceled.connect(progress.cancel)
        worker.signals.progressed.connect(
            lambda value, total: (dialog.setMaximum(total), dialog.setValue(value))
        )

        def finish(outcome: object) -> None:
            self._running.remove(worker)
            dialog.close()
            dialog.deleteLater()
            if isinstance(outcome, Changes):
                self.announce(outcome, initiator)
                if done is not None:
                    done(outcome)
            elif isinstance(outcome, ValidationError) and parent is not None:
                show_errors(parent, failed or _("Nothing was saved:"), outcome.errors, {})
            elif isinstance(outcome, BaseException) and not isinstance(outcome, Cancelled):
                raise outcome  # the error report shows it (nothing was stored)

        worker.signals.finished.connect(finish, Qt.ConnectionType.QueuedConnection)
        self._running.append(worker)
        QThreadPool.globalInstance().start(worker)

    def announce(self, changes: Changes, initiator: object = None) -> None:
        """Tell every screen (nothing is sent when nothing changed)."""
        if changes:
            self.changed.emit(changes, initiator)


class _WorkerSignals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)  # Changes, or the exception that ended the operation


class _Worker(QRunnable):
    """Runs one long operation in a unit of work of its own; never touches a widget."""

    def __init__(self, lotse: Lotse, operation: LongOperation, progress: Progress) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Operations keeps it until ``finished`` arrived
        self.signals = _WorkerSignals()
        self._lotse = lotse
        self._operation = operation
        self._progress = progress
        progress.listen(self.signals.progressed.emit)

    def run(self) -> None:
        outcome: object
        try:
            with self._lotse.unit_of_work() as uow:
                outcome = self._operation(uow, self._progress)
        except BaseException as error:  # handed to the GUI thread, which decides
            outcome = error
        self.signals.finished.emit(outcome)
