"""Über Lotse names the version and where the data lie."""

from __future__ import annotations

import platform

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication

from app import __version__
from ui.about_dialog import AboutDialog
from ui.main_window import MainWindow


def test_about_shows_version_and_data_location(qtbot, lotse, data_dir):
    dialog = AboutDialog(lotse.paths)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert dialog.windowTitle() == "Über Lotse"
    assert __version__ in text
    assert str(data_dir) in text
    assert str(lotse.paths.database) in text
    assert platform.python_version() in text
    assert qVersion() in text
    assert "DejaVu" in text


def test_copy_puts_the_data_location_on_the_clipboard(qtbot, lotse, data_dir):
    dialog = AboutDialog(lotse.paths)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(data_dir)


def test_help_menu_opens_about(qtbot, monkeypatch, configured_lotse):
    opened: list[str] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: opened.append(dialog.text()) or 0)
    window = MainWindow(configured_lotse)
    qtbot.addWidget(window)
    help_menu = window.menuBar().actions()[2].menu()
    about = help_menu.actions()[0]
    assert about.text() == "Ü&ber Lotse…"
    about.trigger()
    assert len(opened) == 1 and __version__ in opened[0]
