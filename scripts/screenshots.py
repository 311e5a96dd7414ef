"""Screenshots of the main screens for a look by eye (not committed; see README).

    Xvfb :90 -screen 0 1400x900x24 &
    DISPLAY=:90 QT_QPA_PLATFORM=xcb LOTSE_DATA_DIR=build/bench/demo-20000-seed1-… \
        LOTSE_PASSPHRASE=… .venv/bin/python scripts/screenshots.py /tmp/shots

With ``--dark`` as the first argument the windows use the system's dark colour scheme (as a
dark desktop theme would; under xcb with QT_QPA_PLATFORMTHEME=gnome for Qt's own dark palette).
Uses an existing encrypted data location (e.g. one made by `lotse demo`; the benchmarks' demo
locations have the passphrase benchmarks.data.PASSPHRASE), unlocked with LOTSE_PASSPHRASE;
writes PNG files to the folder, the unlock and passphrase dialogs among them.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.bootstrap import bootstrap, unlock_key
from app.db import keys
from app.paths import DataPaths, data_paths
from app.services.caseload import ListQuery, list_participants
from app.vocab import Program
from ui.app import application
from ui.main_window import PARTICIPANTS, MainWindow
from ui.participant.editor import ParticipantEditor
from ui.participant.note_dialog import QuickNoteDialog
from ui.security.passphrase_dialog import NewPassphraseDialog
from ui.security.recovery_key_dialog import RecoveryKeyDialog
from ui.security.unlock_dialog import UnlockDialog
from ui.settings_dialog import SettingsDialog

PASSPHRASE_ENV = "LOTSE_PASSPHRASE"
EXAMPLE_RECOVERY_KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"  # a made-up one, for the look


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, target: Path) -> None:
    settle(app)
    widget.grab().save(str(target))
    print(target)


def security_dialogs(app: QApplication, paths: DataPaths, passphrase: str, folder: Path) -> bytes:
    """The dialogs before the database opens; returns the data key (unlocked in the dialog)."""
    unlock = UnlockDialog(
        str(paths.root),
        lambda text: unlock_key(paths, text),
        lambda text: keys.unlock_with_recovery_key(paths.key_file, text),
    )
    unlock.show()
    shoot(app, unlock, folder / "unlock.png")
    unlock.field.setText("nicht die Passphrase")
    unlock.try_unlock()  # a wrong entry: the message and the pause
    shoot(app, unlock, folder / "unlock_wrong.png")
    unlock.set_recovery_mode(True)
    shoot(app, unlock, folder / "unlock_recovery.png")
    unlock.set_recovery_mode(False)
    unlock._stop_pause()  # not waiting out the pause after the wrong entry
    unlock.field.setText(passphrase)
    if not unlock.try_unlock() or unlock.data_key is None:
        raise SystemExit(f"{PASSPHRASE_ENV} does not unlock {paths.key_file}")
    key = unlock.data_key
    first = NewPassphraseDialog(keys.assess_passphrase, first_start=True)
    first.show()
    shoot(app, first, folder / "first_start_passphrase.png")
    first.reject()
    recovery = RecoveryKeyDialog(EXAMPLE_RECOVERY_KEY, str(paths.root))
    recovery.show()
    shoot(app, recovery, folder / "recovery_key.png")
    recovery.confirm_check.setChecked(True)  # else closing asks whether the key is stored
    recovery.reject()
    return key


def main(folder: Path, *, dark: bool = False) -> None:
    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    if not passphrase:
        raise SystemExit(f"set {PASSPHRASE_ENV} to the passphrase of LOTSE_DATA_DIR")
    folder.mkdir(parents=True, exist_ok=True)
    app = application()
    if dark:
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        settle(app)
    paths = data_paths()
    lotse = bootstrap(paths, key=security_dialogs(app, paths, passphrase, folder))
    window = MainWindow(lotse)
    window.resize(1280, 800)
    window.show()
    for index, name in [(0, "overview"), (PARTICIPANTS, "participants"), (5, "follow_ups"),
                        (7, "settings")]:  # fmt: skip
        window.show_page(index)
        shoot(app, window, folder / f"main_{name}.png")
    window.show_page(PARTICIPANTS)
    window.participants_page.search.setText("sahin")
    settle(app, 0.5)
    shoot(app, window, folder / "main_participants_search.png")

    people = list_participants(lotse.reads, ListQuery())
    for program in Program:
        person = next(row for row in people if row.program == program and row.missing)
        editor = ParticipantEditor(lotse, window.ops, person.id, parent=window)
        editor.show()
        for index, tab in enumerate(editor.tab_names()):
            editor.tabs.setCurrentIndex(index)
            shoot(app, editor, folder / f"editor_{program.value}_{index}_{tab}.png")
        editor.close()

    (planned,) = lotse.reads.one(
        "SELECT participant_id FROM support_plan WHERE status != 'closed' LIMIT 1"
    )
    editor = ParticipantEditor(lotse, window.ops, planned, parent=window)
    editor.show()
    editor.tabs.setCurrentWidget(editor._pages["plan"])
    shoot(app, editor, folder / "plan_tab.png")
    from ui.plan.print_dialog import PlanPrintDialog

    panel = editor._plan_panel()
    dialog = PlanPrintDialog(lotse, window.ops, panel.plan_id, parent=editor)
    dialog.show()
    settle(app, 2.0)
    shoot(app, dialog, folder / "plan_print_dialog.png")
    dialog.reject()
    editor.close()
    note = QuickNoteDialog(lotse, window.ops, None, parent=window)
    note.show()
    shoot(app, note, folder / "quick_note.png")
    note.reject()
    first = SettingsDialog(lotse, window.ops, first_start=True)
    first.show()
    shoot(app, first, folder / "first_start.png")
    first.reject()
    lotse.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    dark = bool(arguments) and arguments[0] == "--dark"
    arguments = arguments[1:] if dark else arguments
    main(Path(arguments[0] if arguments else "screenshots"), dark=dark)
