"""The Maßnahmen / Hilfen of one person: a table (Art, Anbieter, Status, beantragt, bewilligt,
Beginn, Ende, Ziel) with "Neue Maßnahme…", "Bearbeiten…" (Enter, double-click) and
"Löschen…" (Entf, after asking). Part of the record's tab "Kurse & Maßnahmen"
(ui.participant.courses_panel); it reloads when this person's measures, their plan goals or
the organisations' names change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _
from app.services import measures
from app.services.measures import MeasureRow
from ui.operations import Operations
from ui.participant.measure_dialog import MeasureDialog
from ui.row_models import RowTableModel
from ui.widgets.formatting import date_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, empty_stack
from ui.widgets.read_only_table import read_only_table


class MeasureModel(RowTableModel):
    """MeasureRow tuples: open ones first; finished ones grey."""

    KIND, PROVIDER, STATUS, APPLIED, APPROVED, START, END, GOAL = range(8)
    HEADERS = (
        N_("Kind"),
        N_("Provider"),
        N_("Status"),
        N_("Applied for"),
        N_("Approved"),
        N_("Start"),
        N_("End"),
        N_("Goal"),
    )

    def _text(self, row: MeasureRow, column: int) -> str:
        return {
            self.KIND: row.kind.label,
            self.PROVIDER: row.provider_name,
            self.STATUS: row.status.label,
            self.APPLIED: date_text(row.applied_on),
            self.APPROVED: date_text(row.approved_on),
            self.START: date_text(row.start),
            self.END: date_text(row.end),
            self.GOAL: row.goal_title,
        }[column]

    def _tooltip(self, row: MeasureRow) -> str:
        parts = [row.kind.label, row.provider_name, row.goal_title, row.notes]
        return "\n".join(part for part in parts if part)

    def _muted(self, row: MeasureRow) -> bool:
        return not row.open


class MeasuresSection(ParticipantPanel):
    """The person's measures with their buttons (``open_count``: how many are open)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.new_button = self._button(
            _("New measure…"),
            self.new_measure,
            _("Record a measure or help arranged for the person"),
        )
        self.edit_button = self._button(_("Edit…"), self.edit_selected)
        self.delete_button = self._button(_("Delete…"), self.delete_selected, destructive=True)

        self.model = MeasureModel(self)
        self.view = read_only_table(self.model, self, scroll_sideways=False)
        header = self.view.horizontalHeader()
        for column in (MeasureModel.KIND, MeasureModel.PROVIDER, MeasureModel.GOAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.stack, _empty = empty_stack(
            self.view,
            _("No measures yet. Record the first one with “New measure…”."),
            self,
            hint=True,
        )
        self._add_list(
            self.view,
            _("Measures and help"),
            (self.new_button, self.edit_button, self.delete_button),
            heading=True,
            body=self.stack,
            activated=self.edit_selected,
            delete=self.delete_selected,
        )
        self.summary = QLabel(self)
        self.panel_layout.addWidget(self.summary)

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.selected()
        rows = measures.measures_of(self._lotse.reads, self.participant_id)
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        if rows:
            self.view.selectRow(max(self.model.row_of(current.id) if current else 0, 0))
        self.open_count = sum(1 for row in rows if row.open)
        self.summary.setText(
            _("Open measures: {open} · in all: {count}").format(
                open=self.open_count, count=len(rows)
            )
        )
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or changes.organizations:
            self.reload()  # a provider's name
        elif self._concerns(changes, changes.measures | changes.plans):
            self.reload()  # a goal's title

    def selected(self) -> MeasureRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        has_row = self.selected() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    # -- actions ----------------------------------------------------------------------------

    def measure_dialog(self, measure_id: int | None = None) -> MeasureDialog:
        """The dialog "Neue Maßnahme…" (None) or "Bearbeiten…" opens, not yet shown."""
        return MeasureDialog(self._lotse, self._ops, self.participant_id, measure_id, self)

    def _run(self, dialog: MeasureDialog) -> int | None:
        return self._run_new(dialog, self.view, self.model.row_of)

    def new_measure(self) -> int | None:
        return self._run(self.measure_dialog())

    def edit_selected(self) -> int | None:
        row = self.selected()
        return None if row is None else self._run(self.measure_dialog(row.id))

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        question = _(
            "Delete the measure “{kind}”? Its open reminders go; this cannot be undone."
        ).format(kind=row.kind.label)
        if not confirm(self, _("Delete measure"), question):
            return False
        measure_id = row.id
        deleted = (
            self._ops.run(lambda uow: measures.delete_measure(uow, measure_id), parent=self)
            is not None
        )
        self.view.setFocus()
        return deleted


def measure_rows(section: MeasuresSection) -> Sequence[MeasureRow]:
    """What the section lists (tests)."""
    return [section.model.row_at(index) for index in range(section.model.rowCount())]
