"""Fixtures shared by the UI tests: the operations runner and message boxes that never block."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.app import application
from ui.operations import Operations


@pytest.fixture(scope="session", autouse=True)
def lotse_application():
    """The QApplication set up as the program sets it up: Qt's German texts, the shipped
    font, the style sheet and palette, the mnemonics assigned when a window is shown."""
    return application()


@pytest.fixture(autouse=True)
def own_ui_settings(monkeypatch, tmp_path_factory):
    """The user's Qt settings (the last folder of a save …) in a file of each test's own."""
    from PySide6.QtCore import QSettings

    from ui.widgets import save_location

    file = tmp_path_factory.mktemp("qsettings") / "Lotse.ini"
    monkeypatch.setattr(
        save_location, "settings", lambda: QSettings(str(file), QSettings.Format.IniFormat)
    )
    return file


@pytest.fixture
def ops(lotse) -> Operations:
    """How the screens run operations and hear of changes (ui.operations)."""
    return Operations(lotse)


@pytest.fixture
def no_unexpected_boxes(monkeypatch) -> None:
    """A modal message box would block the test: fail instead (fixtures like ``warnings``
    allow them). Modules use it with ``pytestmark = pytest.mark.usefixtures(...)``."""

    def unexpected(parent, title, text, *args, **kwargs):
        raise AssertionError(f"unexpected message box: {title}: {text}")

    for name in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """Capture QMessageBox.warning texts instead of blocking on a modal box."""
    shown: list[str] = []

    def capture(parent, title, text, *args, **kwargs):
        shown.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", capture)
    return shown
