"""A bare PySide6 window with a sidebar and a table view: start, paint once, exit.

The floor for `lotse --smoke`. Run as a whole process: `python benchmarks/baselines/bare_window.py`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QTableView,
    QWidget,
)


def main() -> int:
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
    window.show()
    app.processEvents()
    QTimer.singleShot(0, app.quit)  # one turn of the event loop lets the window paint
    app.exec()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
