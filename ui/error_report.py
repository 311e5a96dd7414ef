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
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import _

LOG_NAME = "lotse-errors.log"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install(log_folder: Path) -> ExceptHook:
    """Replace sys.excepthook; returns the previous hook (tests put it back)."""
    previous = sys.excepthook

    def report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        log = log_folder / LOG_NAME
        try:
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
                handle.writelines(traceback.format_exception(kind, error, tb))
        except OSError:
            log = Path("-")
        print("".join(traceback.format_exception(kind, error, tb)), file=sys.stderr)
        # A worker thread (daily backup, background loading) must not open a dialog.
        if (
            QApplication.instance() is not None
            and threading.current_thread() is threading.main_thread()
        ):
            QMessageBox.critical(
                QApplication.activeWindow(),
                _("Unexpected error"),
                _(
                    "Lotse ran into an unexpected error ({kind}). An action that fails stores "
                    "nothing, so your data stay consistent; please check whether your last "
                    "change is there. Details for support are in {log}."
                ).format(kind=kind.__name__, log=log),
            )

    sys.excepthook = report
    return previous
