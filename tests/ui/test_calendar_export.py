"""Datei → Termine nach Outlook exportieren…: the file dialog, the background run, the message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import vobject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.bootstrap import Lotse
from app.services.follow_ups import create_follow_up
from tests.services.helpers import add_person, run
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, configured_lotse: Lotse) -> MainWindow:
    main_window = MainWindow(configured_lotse)
    qtbot.addWidget(main_window)
    return main_window


@pytest.fixture
def messages(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


def save_as(monkeypatch, path: Path | str) -> list[str]:
    """The file dialog answers ``path``; returns the suggestions it was shown."""
    suggested: list[str] = []

    def answer(_parent, _caption, suggestion, _filter, *args):
        suggested.append(suggestion)
        return str(path), "Kalenderdateien (*.ics)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return suggested


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_the_file_menu_offers_the_export(window):
    assert "&Termine nach Outlook exportieren…" in file_menu_texts(window)


def test_the_export_writes_the_file_and_tells_how_many(
    qtbot, window, configured_lotse, monkeypatch, messages, tmp_path
):
    pid = add_person(configured_lotse, "Şahin", "Ayşe")
    for title, day in (("Rückruf", date(2026, 6, 1)), ("Bewerbung", date(2026, 6, 3))):
        run(configured_lotse, create_follow_up, due_date=day, title=title, participant_id=pid)
    target = tmp_path / "meine-termine"  # without suffix: .ics is added
    suggested = save_as(monkeypatch, target)
    window.calendar_action.trigger()
    written = tmp_path / "meine-termine.ics"
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert suggested == [str(Path.home() / "Lotse-Termine.ics")]
    calendar = vobject.readOne(written.read_text(encoding="utf-8"))
    assert sorted(e.summary.value for e in calendar.contents["vevent"]) == [
        "A. Ş. – Bewerbung",
        "A. Ş. – Rückruf",
    ]
    (text,) = messages
    assert f"2 Termine wurden in {written} geschrieben." in text
    assert "Datei → Öffnen und exportieren → Importieren/Exportieren" in text
    assert "iCalendar" in text

    # the next export starts in the folder used last
    suggested.clear()
    window.calendar_action.trigger()
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=10000)
    assert suggested == [str(tmp_path / "Lotse-Termine.ics")]


def test_cancelling_the_file_dialog_writes_nothing(qtbot, window, monkeypatch, messages, tmp_path):
    save_as(monkeypatch, "")
    window.calendar_action.trigger()
    qtbot.wait(50)
    assert messages == []
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_a_folder_that_is_gone_gives_a_german_message(qtbot, window, monkeypatch, tmp_path):
    warnings: list[str] = []
    monkeypatch.setattr(
        "ui.operations.show_errors",
        lambda _parent, first, errors, _fields: warnings.append(
            first + " " + " ".join(str(e) for e in errors)
        ),
    )
    save_as(monkeypatch, tmp_path / "fehlt" / "termine.ics")
    window.calendar_action.trigger()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert warnings[0].startswith("Die Termine wurden nicht exportiert:")
    assert "Datei: Die Datei konnte nicht geschrieben werden" in warnings[0]


def test_a_cancelled_export_leaves_no_file_and_no_message(
    qtbot, window, configured_lotse, monkeypatch, messages, tmp_path
):
    from app.progress import Cancelled, Progress

    finished: list[object] = []
    window.ops.changed.connect(lambda changes, _initiator: finished.append(changes))

    def cancelled_at_the_end(progress: Progress, done: int, total: int) -> None:
        if done == total:
            finished.append("cancelled")
            raise Cancelled

    monkeypatch.setattr(Progress, "step", cancelled_at_the_end)
    folder = tmp_path / "exports"
    folder.mkdir()
    save_as(monkeypatch, folder / "termine.ics")
    window.calendar_action.trigger()
    qtbot.waitUntil(lambda: bool(finished) and not window.ops._running, timeout=10000)
    assert finished == ["cancelled"]
    assert list(folder.iterdir()) == []
    assert messages == []
    assert not configured_lotse.reads.rows("SELECT 1 FROM audit_event WHERE action = 'export'")
