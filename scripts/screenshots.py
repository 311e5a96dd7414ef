"""Screenshots of the main screens for a look by eye (not committed; see README).

    Xvfb :90 -screen 0 1400x900x24 &
    DISPLAY=:90 QT_QPA_PLATFORM=xcb LOTSE_DATA_DIR=build/bench/demo-20000-seed1-… \
        .venv/bin/python scripts/screenshots.py /tmp/shots

Uses an existing data location (e.g. one made by `lotse demo`); writes PNG files to the folder.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from app.bootstrap import bootstrap
from app.services.caseload import ListQuery, list_participants
from app.vocab import Program
from ui.app import application
from ui.main_window import PARTICIPANTS, MainWindow
from ui.participant.editor import ParticipantEditor
from ui.participant.note_dialog import QuickNoteDialog
from ui.settings_dialog import SettingsDialog


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, target: Path) -> None:
    settle(app)
    widget.grab().save(str(target))
    print(target)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = application()
    lotse = bootstrap()
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
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
