"""Gefährdete Beschäftigungen: running employments in aftercare whose person has had no
contact for the office's N weeks, or whose probation ends within 4 weeks
(app.services.employments.employments_at_risk). Enter or a double-click opens the person."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _, ngettext
from app.services.employments import AtRiskRow, employments_at_risk
from app.services.settings import load_settings
from ui.operations import Operations
from ui.row_models import RowTableModel
from ui.widgets.panels import bold_caption
from ui.widgets.read_only_table import read_only_table


class AtRiskModel(RowTableModel):
    """AtRiskRow tuples in the service's order (probation soonest, then the longest silence)."""

    PERSON, EMPLOYER, REASON = range(3)
    HEADERS = (N_("Participant"), N_("Employer"), N_("Why"))

    def _text(self, row: AtRiskRow, column: int) -> str:
        if column == self.PERSON:
            return row.participant_name
        if column == self.EMPLOYER:
            if row.occupation and row.employer_name:
                return f"{row.employer_name} ({row.occupation})"
            return row.employer_name or row.occupation
        return row.reason

    def _tooltip(self, row: AtRiskRow) -> str:
        return _("Enter or double-click opens the record.")


class EmploymentsAtRisk(QWidget):
    """The list with its caption (``heading``, which a page may hide) and a count;
    ``open_participant(id)`` when a row is opened."""

    open_participant = Signal(int)

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = AtRiskModel(self)
        self.view = read_only_table(self.model, self, stretch_column=AtRiskModel.REASON)
        self.view.setAccessibleName(_("Employments at risk"))
        self.view.activated.connect(lambda index: self._open(index.row()))
        self.heading = bold_caption(_("Employments at risk"), self, self.view)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        ops.changed.connect(self._on_changed)
        self.reload()

    def reload(self, today: date | None = None) -> None:
        today = today or date.today()
        weeks = load_settings(self._lotse.reads).risk_weeks
        rows = employments_at_risk(self._lotse.reads, today, weeks)
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)
        count = len(rows)
        listed = ngettext("{count} employment at risk", "{count} employments at risk", count)
        why = ngettext(
            "(no contact note for a week, or the probation ends within 4 weeks).",
            "(no contact note for {weeks} weeks, or the probation ends within 4 weeks).",
            weeks,
        )
        self.summary.setText(
            f"{listed.format(count=count)} {why.format(weeks=weeks)}"
            if rows
            else _("No employment at risk.")
        )

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if (
            changes.many
            or changes.settings
            or changes.employments
            or changes.notes
            or changes.participants
            or changes.organizations
        ):
            self.reload()

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_participant.emit(self.model.row_at(row).participant_id)

    def row_count(self) -> int:
        return self.model.rowCount()
