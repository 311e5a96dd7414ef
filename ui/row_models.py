"""What the small read-only models share: a flat list of row tuples that carry an ``id``
(``RowsById``), and those rows under fixed column headers (``RowTableModel``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from app.i18n import _
from ui.widgets.colours import muted_colour

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowsById:
    """Mixin for a QAbstractListModel/QAbstractTableModel: put it first in the bases and
    set ``self._rows`` in ``__init__``."""

    _rows: list[Any]

    def rowCount(  # noqa: N802 - Qt API
        self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT
    ) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()  # type: ignore[attr-defined]
        self._rows = list(rows)
        self.endResetModel()  # type: ignore[attr-defined]

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def current_row(self, view: QAbstractItemView) -> Any | None:
        """The row under ``view``'s current index (the view shows this model), or None."""
        index = view.currentIndex()
        return self.row_at(index.row()) if index.isValid() else None

    def selected_row(self, view: QAbstractItemView) -> Any | None:
        """The row ``view`` (showing this model) has selected, or None."""
        rows = view.selectionModel().selectedRows()
        return self.row_at(rows[0].row()) if rows else None

    def row_of(self, row_id: int) -> int:
        """Position of the row with this id, -1 when it is not (or no longer) listed."""
        return next((i for i, row in enumerate(self._rows) if row.id == row_id), -1)

    def select_id(self, view: QTableView, row_id: int | None, *, scroll: bool = False) -> bool:
        """Select the row with this id in ``view`` (``scroll``: and scroll to it); False when
        it is not listed."""
        row = -1 if row_id is None else self.row_of(row_id)
        if row >= 0:
            view.selectRow(row)
            if scroll:
                view.scrollTo(view.model().index(row, 0))
        return row >= 0


class RowTableModel(RowsById, QAbstractTableModel):
    """Row tuples under fixed column headers, read-only.

    ``HEADERS``: the msgids by column number (a tuple, or a dict numbered from 0);
    ``columns``: the column numbers shown, in order (all, unless a subclass chooses);
    ``NUMBERS``: right-aligned columns. A subclass says per cell what it shows: ``_text``
    (needed), and where it differs from the defaults ``_spoken`` (the screen reader's
    text), ``_cell_tooltip`` (or ``_tooltip`` for the whole row), ``_foreground`` (or
    ``_muted``: the row grey) and ``_font``. The cells get the column number, not the
    position."""

    HEADERS: Sequence[str] | Mapping[int, str] = ()
    NUMBERS: Collection[int] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self.columns: list[int] = list(range(len(self.HEADERS)))

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == _DISPLAY
            and 0 <= section < len(self.columns)
        ):
            return self._header(self.columns[section])
        return None

    def _header(self, column: int) -> str:
        return _(self.HEADERS[column])

    # -- the cells, per role ----------------------------------------------------------------

    def _text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def _spoken(self, row: Any, column: int) -> str:
        return self._text(row, column)

    def _tooltip(self, row: Any) -> str:
        return ""

    def _cell_tooltip(self, row: Any, column: int) -> str | None:
        return self._tooltip(row)

    def _muted(self, row: Any) -> bool:
        return False

    def _foreground(self, row: Any, column: int) -> QColor | None:
        return muted_colour(QApplication.palette()) if self._muted(row) else None

    def _font(self, row: Any, column: int) -> QFont | None:
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == _DISPLAY:
            return self._text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBERS:
            return RIGHT
        return None
