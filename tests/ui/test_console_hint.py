"""The windowed Lotse.exe started with a command shows where the command line is."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ui import console_hint
from ui import main as entry


def test_a_command_without_a_console_shows_the_console_executable(qapp, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(sys, "stdout", None)  # what Windows gives a windowed executable
    assert entry.main(["check"]) == console_hint.EXIT_CODE
    ((title, text),) = shown
    assert title == "Lotse: Befehlszeile"
    folder = Path(sys.executable).resolve().parent
    assert f"„{console_hint.CONSOLE_EXECUTABLE} check“" in text
    assert f"{folder / console_hint.CONSOLE_EXECUTABLE} check" in text
    assert "Eingabeaufforderung" in text


def test_the_windowed_executable_opens_the_window_for_a_data_dir(monkeypatch, tmp_path):
    started: list[bool] = []
    monkeypatch.setattr(sys, "stdout", None)
    import ui.app

    monkeypatch.setattr(ui.app, "run_gui", lambda smoke=False: started.append(smoke) or 0)
    from app import paths

    monkeypatch.setattr(paths, "_option", None)
    assert entry.main(["--data-dir", str(tmp_path / "Stick")]) == 0
    assert started == [False] and paths.data_dir() == tmp_path / "Stick"
    assert entry.window_with_data_dir(("--data-dir", "x", "check")) is None
    assert entry.window_with_data_dir((f"--data-dir={tmp_path}", "--smoke")) is not None
