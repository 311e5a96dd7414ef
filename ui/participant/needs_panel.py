"""The needs assessments of a student (filled by issue #18)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from ui.operations import Operations


class NeedsAssessmentPanel(QWidget):
    def __init__(
        self, lotse: Lotse, ops: Operations, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.participant_id = participant_id
        QVBoxLayout(self).addWidget(QLabel("…", self))
