"""A table of the period report on screen: the label column and its numbers, each cell that
counts people opening the list of them (Enter or double-click: ``figure_opened``)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.i18n import _
from app.reports.period_data import Count, IncompleteRecord, Table
from ui.row_models import RIGHT, RowTableModel
from ui.widgets.read_only_table import read_only_table

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
INDENT = "    "


def number_text(value: int | float) -> str:
    """German digits: 20.000 and 2,4."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


class FigureTableModel(QAbstractTableModel):
    """One ``Table``: column 0 its labels, then one column per value column."""

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.table.columns) + 1

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        return self.table.label_header if section == 0 else self.table.columns[section - 1]

    def count_at(self, index: QModelIndex) -> Count | None:
        if not index.isValid() or index.column() == 0:
            return None
        return self.table.rows[index.row()].cells[index.column() - 1]

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self.table.rows[index.row()]
        if index.column() == 0:
            if role == _DISPLAY:
                return INDENT * row.level + row.label
            if role == Qt.ItemDataRole.ToolTipRole and row.code.startswith("EEC"):
                return row.code
            return None
        cell = row.cells[index.column() - 1]
        if role == _DISPLAY:
            return number_text(cell.value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            column = self.table.columns[index.column() - 1]
            return f"{row.label}, {column}: {number_text(cell.value)}"
        if role == Qt.ItemDataRole.ToolTipRole and cell.participant_ids:
            return _("Enter or double-click: list the people counted")
        return None


class FigureTable(QTableView):
    """``figure_opened(title, Count)``: a cell that counts people was opened."""

    figure_opened = Signal(str, object)

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = FigureTableModel(table, self)
        self.setModel(self.figures)
        self.setAccessibleName(table.title)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.activated.connect(self._open)
        if table.rows:  # the keyboard starts on the first number, nothing is highlighted yet
            self.selectionModel().setCurrentIndex(
                self.figures.index(0, 1), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def _open(self, index: QModelIndex) -> None:
        count = self.figures.count_at(index)
        if count is None or not count.participant_ids:
            return
        row = self.figures.table.rows[index.row()]
        column = self.figures.table.columns[index.column() - 1]
        title = row.label if len(self.figures.table.columns) == 1 else f"{row.label} – {column}"
        self.figure_opened.emit(title, count)

    def fitting_height(self) -> int:
        """The height that shows every row without a scroll bar."""
        rows = sum(self.rowHeight(r) for r in range(self.figures.rowCount()))
        return rows + self.horizontalHeader().height() + 2 * self.frameWidth() + 2


class IncompleteModel(RowTableModel):
    NAME, PROGRAM, MISSING = range(3)
    HEADERS = ("Name", "Funding area", "Missing")

    def _header(self, column: int) -> str:
        return (_("Name"), _("Funding area"), _("Missing ESF+ entry data"))[column]

    def _text(self, row: IncompleteRecord, column: int) -> str:
        return {
            self.NAME: row.name,
            self.PROGRAM: row.program.label,
            self.MISSING: ", ".join(row.missing),
        }[column]


def incomplete_table(parent: QWidget) -> tuple[QTableView, IncompleteModel]:
    model = IncompleteModel(parent)
    view = read_only_table(model, parent, scroll_sideways=False)
    view.setAccessibleName(_("Not counted: ESF+ entry data incomplete"))
    return view, model
