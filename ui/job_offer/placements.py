"""Placements (Vermittlungsvorschläge) as tables: a person's (offer, employer, stage, since)
and an offer's (person, stage, since) — the record's Vermittlung tab and the job offer's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.i18n import N_, _
from app.services import placements
from app.services.placements import PlacementRow
from app.vocab import PlacementStage
from ui.row_models import RowsById
from ui.widgets.colours import muted_colour
from ui.widgets.formatting import date_text

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
S = PlacementStage


class RowTableModel(RowsById, QAbstractTableModel):
    """Row tuples under fixed column headers (msgids); ``_text`` gives a cell."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None

    def _text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def _tooltip(self, row: Any) -> str:
        return ""

    def _muted(self, row: Any) -> bool:
        return False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.HEADERS):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and self._muted(row):
            return muted_colour(QApplication.palette())
        return None


class PlacementModel(RowTableModel):
    """PlacementRow tuples: open ones first; closed ones (Absage, Arbeitsvertrag) grey."""

    OFFER, EMPLOYER, STAGE, SINCE = range(4)
    HEADERS = (N_("Job offer"), N_("Employer"), N_("Stage"), N_("Since"))

    def _text(self, row: PlacementRow, column: int) -> str:
        if column == self.OFFER:
            return row.job_title or _("(job offer deleted)")
        if column == self.EMPLOYER:
            return row.employer_name
        if column == self.STAGE:
            return row.stage.label
        return date_text(row.last_date)

    def _tooltip(self, row: PlacementRow) -> str:
        if row.stage == S.REJECTED and row.rejection_reason:
            return _("Reason: {reason}").format(reason=row.rejection_reason)
        return ""

    def _muted(self, row: PlacementRow) -> bool:
        return not placements.is_open(row.stage)


class OfferPlacementModel(PlacementModel):
    """The placements of one offer: who, at which stage, since when."""

    HEADERS = (N_("Participant"), N_("Stage"), N_("Since"))

    def _text(self, row: PlacementRow, column: int) -> str:
        if column == 0:
            return row.participant_name
        if column == 1:
            return row.stage.label
        return date_text(row.last_date)
