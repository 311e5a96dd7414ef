"""What the small caseload models share: a flat list of row tuples that carry an ``id``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QAbstractItemView

_NO_PARENT = QModelIndex()


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

    def row_of(self, row_id: int) -> int:
        """Position of the row with this id, -1 when it is not (or no longer) listed."""
        return next((i for i, row in enumerate(self._rows) if row.id == row_id), -1)
