"""Work of a few seconds that must not freeze the window: key derivation, encryption, backups."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.i18n import _


def busy[T](title: str, work: Callable[[], T], parent: QWidget | None = None) -> T:
    """Run ``work`` on a thread while a small dialog says what is going on; its result, or
    its exception raised here. Key derivation and encryption take a noticeable moment."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread
            result["error"] = error

    progress = QProgressDialog(title, "", 0, 0, parent)
    progress.setWindowTitle(_("Please wait"))
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    worker = threading.Thread(target=run, name="lotse-busy")
    worker.start()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    poll.start()
    try:
        if worker.is_alive():
            loop.exec()
        worker.join()
    finally:
        poll.stop()
        progress.close()
        progress.deleteLater()
        QApplication.restoreOverrideCursor()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]
