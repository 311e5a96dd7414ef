"""The ESF+ completeness checklist: every core entry field with ✓ or ✗, updated live."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from app.models.completeness import CORE_ENTRY_FIELDS, missing_fields
from app.models.participant import Participant
from app.models.participant_fields import label
from ui.widgets.colours import alert_colour, positive_colour, tint

PRESENT_MARK = "✓"
MISSING_MARK = "✗"
# green and red from the palette (4.5:1, light or dark); the marks say it without colour
_PRESENT_COLOUR = positive_colour
_MISSING_COLOUR = alert_colour


class CompletenessChecklist(QGroupBox):
    """Shows which ESF+ core entry data a (transient) participant still lacks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("ESF+ core data at entry"), parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        hint = QLabel(_("A participant counts for ESF+ only when all of these are filled."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self._rows: dict[str, QLabel] = {}
        for name in CORE_ENTRY_FIELDS:
            row = QLabel(self)
            row.setObjectName(f"check_{name}")
            layout.addWidget(row)
            self._rows[name] = row
        layout.addStretch(1)
        self._missing: list[str] = list(CORE_ENTRY_FIELDS)

    def update_from(self, participant: Participant) -> None:
        self._missing = missing_fields(participant)
        for name, row in self._rows.items():
            missing = name in self._missing
            row.setText(f"{MISSING_MARK if missing else PRESENT_MARK}  {label(name)}")
            tint(row, _MISSING_COLOUR if missing else _PRESENT_COLOUR)
            state = _("missing") if missing else _("filled in")
            row.setAccessibleName(f"{label(name)}: {state}")
        if self._missing:
            self.summary.setText(
                _("Missing: {count} of {total}").format(
                    count=len(self._missing), total=len(CORE_ENTRY_FIELDS)
                )
            )
            tint(self.summary, _MISSING_COLOUR)
        else:
            self.summary.setText(_("Complete: the record counts for ESF+."))
            tint(self.summary, _PRESENT_COLOUR)

    def missing(self) -> list[str]:
        """Names of the core entry fields shown as missing."""
        return list(self._missing)

    def row_text(self, name: str) -> str:
        return self._rows[name].text()
