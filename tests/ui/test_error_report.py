"""An unexpected error shows a German message and leaves the traceback in the log file."""

import sys
import threading

from PySide6.QtWidgets import QMessageBox

from ui import error_report


def test_unexpected_error_is_reported_in_german_and_logged(qtbot, monkeypatch, tmp_path):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    previous = error_report.install(tmp_path)
    try:
        try:
            raise ZeroDivisionError("Şahin")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert len(shown) == 1
    assert "ZeroDivisionError" in shown[0] and "speichert nichts" in shown[0]
    assert "Şahin" not in shown[0]  # no record data in the dialog
    log = (tmp_path / error_report.LOG_NAME).read_text(encoding="utf-8")
    assert "ZeroDivisionError: Şahin" in log


def test_an_error_on_a_worker_thread_is_logged_without_a_dialog(qtbot, monkeypatch, tmp_path):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    previous = error_report.install(tmp_path)

    def fail() -> None:
        try:
            raise OSError("Datenträger voll")
        except OSError:
            sys.excepthook(*sys.exc_info())

    try:
        worker = threading.Thread(target=fail)
        worker.start()
        worker.join(timeout=10)
    finally:
        sys.excepthook = previous
    assert shown == []
    log = (tmp_path / error_report.LOG_NAME).read_text(encoding="utf-8")
    assert "OSError: Datenträger voll" in log


def test_a_full_disk_is_named_as_such_not_as_an_unexpected_error(qtbot, monkeypatch, tmp_path):
    from app.db.engine import OperationalError

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    previous = error_report.install(tmp_path, tmp_path / "lotse.sqlite")
    full = OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    try:
        try:
            raise full
        except OperationalError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert len(shown) == 1
    assert "voll" in shown[0] and str(tmp_path / "lotse.sqlite") in shown[0]
    assert "OperationalError" not in shown[0]
