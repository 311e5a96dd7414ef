"""The course catalogue, searchable and filterable (filled by issue #18)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from ui.operations import Operations


class CourseCatalog(QWidget):
    open_requested = Signal(int)  # a participant id

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        layout.addWidget(self.search)
        layout.addWidget(QLabel("…", self))
