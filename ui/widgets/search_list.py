"""The keyboard of a list page that is searched as you type (Teilnehmende, Organisationen,
Stellenangebote): one helper, so the three behave alike.

- typing searches after a short pause (``SEARCH_DELAY_MS``); Enter in the field searches at
  once if the pause has not ended, chooses the only hit, and opens the chosen row;
- Down in the field goes into the list (choosing the first row if none is chosen), Esc empties
  the field; Enter in the list opens the chosen row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

SEARCH_DELAY_MS = 150
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchListKeys(QObject):
    """Wires ``search`` and ``table`` of a page; ``refresh`` runs the search, ``selected`` is
    the chosen row's id (or None), ``select_row`` chooses a row, ``open`` opens the chosen."""

    def __init__(
        self,
        search: QLineEdit,
        table: QTableView,
        *,
        refresh: Callable[[], None],
        selected: Callable[[], int | None],
        select_row: Callable[[int], None],
        open_chosen: Callable[[], None],
    ) -> None:
        super().__init__(search)
        self._search = search
        self._table = table
        self._refresh = refresh
        self._selected = selected
        self._select_row = select_row
        self._open = open_chosen
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(refresh)
        search.textChanged.connect(self.timer.start)
        search.returnPressed.connect(self._open_from_search)
        search.installEventFilter(self)
        table.installEventFilter(self)

    def _rows(self) -> int:
        model = self._table.model()
        return model.rowCount() if model is not None else 0

    def _open_from_search(self) -> None:
        if self.timer.isActive():
            self._refresh()  # Enter typed faster than the pause: search first
        if self._rows() == 1:
            self._select_row(0)
        self._open()

    def enter_table(self) -> None:
        if self._rows() == 0:
            return
        if self._selected() is None:
            self._select_row(0)
        self._table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self._search and key == Qt.Key.Key_Down:
                self.enter_table()
                return True
            if watched is self._search and key == Qt.Key.Key_Escape and self._search.text():
                self._search.clear()
                return True
            if watched is self._table and key in _ENTER_KEYS:
                self._open()
                return True
        return False
