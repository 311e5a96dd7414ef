"""The windowed Lotse.exe started with a command (``lotse.exe check``): Windows gives it no
console, so nothing it printed would be seen and its exit code would be lost. A dialog says
to use the console executable instead."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.i18n import _

CONSOLE_EXECUTABLE = "lotse-cli.exe" if sys.platform == "win32" else "lotse-cli"
EXIT_CODE = 2  # as for arguments that cannot be used


def console_hint_text(arguments: Sequence[str], folder: Path) -> str:
    command = " ".join([CONSOLE_EXECUTABLE, *arguments])
    return _(
        "Commands such as “{command}” print their result and run in the command prompt "
        "(cmd or PowerShell). This Lotse opens only the window.\n\nPlease open the command "
        "prompt and run:\n\n{path} {arguments}"
    ).format(
        command=command,
        path=folder / CONSOLE_EXECUTABLE,
        arguments=" ".join(arguments),
    )


def show_console_hint(arguments: Sequence[str]) -> int:
    from ui.app import application

    application()
    folder = Path(sys.executable).resolve().parent
    QMessageBox.information(None, _("Lotse: command line"), console_hint_text(arguments, folder))
    return EXIT_CODE
