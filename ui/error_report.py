"""Unexpected errors: a German message instead of a silent traceback, details in a log file.

Every action runs in a unit of work that rolls back on an exception, so a failed action
stored nothing. The traceback goes to ``lotse-errors.log`` in the data location (for
support), never into the dialog: it could hold personal data from the record.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app.db.engine import DatabaseError
from app.db.faults import describe, is_database_fault
from app.error_log import LOG_NAME, unexpected_error_message, write_error_log
from app.i18n import _

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
__all__ = ["LOG_NAME", "install", "message_for"]


def message_for(error: BaseException, log: Path | None, database: Path) -> str:
    """A fault of the file or the disk in its own words (full, read-only, damaged …);
    anything else as an unexpected error with where its details are."""
    if isinstance(error, DatabaseError) and is_database_fault(error):
        return describe(error, database)
    return unexpected_error_message(error, log)


def install(log_folder: Path, database: Path | None = None) -> ExceptHook:
    """Replace sys.excepthook; returns the previous hook (tests put it back)."""
    previous = sys.excepthook

    def report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        log = write_error_log(log_folder, error)
        print("".join(traceback.format_exception(kind, error, tb)), file=sys.stderr)
        # A worker thread (daily backup, background loading) must not open a dialog.
        if (
            QApplication.instance() is not None
            and threading.current_thread() is threading.main_thread()
        ):
            QMessageBox.critical(
                QApplication.activeWindow(),
                _("Unexpected error"),
                message_for(error, log, database or log_folder / "lotse.sqlite"),
            )

    sys.excepthook = report
    return previous
