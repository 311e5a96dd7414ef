"""A bare PySide6 window with a sidebar and a table view: start, paint once, exit.

The floor for `lotse --smoke` and for the unlock dialog. Run as a whole process:
`python benchmarks/baselines/bare_window.py`. With ``--report`` it quits when its first paint
is done and prints a JSON line: ``painted``, the ``time.monotonic()`` of that moment
(CLOCK_MONOTONIC, the parent's clock too), and ``peak_mb``, its own peak resident set.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QTableView,
    QWidget,
)


class FirstPaint(QObject):
    """An application event filter: calls ``done(monotonic time)`` once the first paint of
    ``window`` (any of its widgets) has been carried out, i.e. at the next turn of the loop."""

    def __init__(self, window: QWidget, done: Callable[[float], None]) -> None:
        super().__init__()
        self._window = window
        self._done = done
        self._seen = False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._seen = True
            QTimer.singleShot(0, self._finish)  # after the whole backing store is painted
        return False

    def _finish(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self._done(time.monotonic())


def peak_mb() -> float | None:
    """VmHWM: the peak resident set of this process since its exec (Linux); None where there
    is no /proc (Windows, macOS): the runner reports the memory figures as not measured.

    Not the parent's ru_maxrss of the child: on Linux a child starts its maxrss at the
    forking parent's resident set, which would put the benchmark runner's size in."""
    status = Path("/proc/self/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    report = "--report" in sys.argv[1:]
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    central = QWidget(window)
    layout = QHBoxLayout(central)
    sidebar = QListWidget(central)
    sidebar.addItems(["Übersicht", "Teilnehmende", "Organisationen", "Kurse", "Berichte"])
    layout.addWidget(sidebar)
    model = QStandardItemModel(40, 6, central)
    for row in range(40):
        for column in range(6):
            model.setItem(row, column, QStandardItem(f"Zelle {row}/{column}"))
    table = QTableView(central)
    table.setModel(model)
    layout.addWidget(table, 1)
    window.setCentralWidget(central)
    window.resize(1200, 800)
    if report:

        def painted(stamp: float) -> None:
            print(json.dumps({"painted": stamp, "peak_mb": peak_mb()}), flush=True)
            app.quit()

        _watch = FirstPaint(window, painted)
    window.show()
    app.processEvents()
    if not report:
        QTimer.singleShot(0, app.quit)  # one turn of the event loop lets the window paint
    app.exec()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
