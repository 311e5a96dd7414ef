"""The list pages that are searched as you type (Teilnehmende, Organisationen,
Stellenangebote, Kurse, Maßnahmen): their keyboard and their head, one helper each, so they
behave and look alike.

- typing searches after a short pause (``SEARCH_DELAY_MS``); Enter in the field searches at
  once if the pause has not ended, chooses the only hit, and opens the chosen row;
- Down in the field goes into the list (choosing the first row if none is chosen), Esc empties
  the field; Enter in the list opens the chosen row; Ctrl+F on the page goes to the field;
- the head: "Suche: [field] [buttons]", below it the filters with their captions and, on the
  right, the count line (``search_page_layout``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.heading import page_heading

SEARCH_DELAY_MS = 150
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def search_field(parent: QWidget, placeholder: str, name: str, *, min_chars: int = 0) -> QLineEdit:
    """The search field (``name``: its accessible name), with a clear button;
    ``min_chars``: never narrower than that many characters."""
    search = QLineEdit(parent)
    search.setPlaceholderText(placeholder)
    search.setClearButtonEnabled(True)
    search.setAccessibleName(name)
    if min_chars:
        search.setMinimumWidth(QFontMetrics(search.font()).averageCharWidth() * min_chars)
    return search


def search_page_layout(
    page: QWidget,
    search: tuple[str, QLineEdit],
    buttons: Sequence[QWidget],
    filters: Sequence[tuple[str, QWidget]],
    count: QLabel,
    table: QWidget,
    *,
    heading: str | None = None,
    margins: tuple[int, int, int, int] | None = (24, 20, 24, 20),
    spacing: int = 12,
) -> QVBoxLayout:
    """The page's layout: its ``heading`` (if any), the row "caption: search field" with the
    ``buttons``, the row of ``filters`` ((caption, box) pairs; the captions are the labels'
    texts and the boxes their buddies) ending in the ``count`` line, then the table.
    ``margins`` None: the style's."""

    def caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, page)
        label.setBuddy(buddy)
        return label

    search_text, search_edit = search
    search_row = QHBoxLayout()
    search_row.setSpacing(8)
    search_row.addWidget(caption(search_text, search_edit))
    search_row.addWidget(search_edit, 1)
    search_row.addSpacing(16)
    for button in buttons:
        search_row.addWidget(button)
    filter_row = QHBoxLayout()
    filter_row.setSpacing(8)
    for text, box in filters:
        if filter_row.count():
            filter_row.addSpacing(16)
        filter_row.addWidget(caption(text, box))
        filter_row.addWidget(box)
    filter_row.addStretch(1)
    filter_row.addWidget(count)
    layout = QVBoxLayout(page)
    if margins is not None:
        layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    if heading is not None:
        layout.addWidget(page_heading(heading, page))
    layout.addLayout(search_row)
    layout.addLayout(filter_row)
    layout.addWidget(table, 1)
    return layout


class SearchListKeys(QObject):
    """Wires ``search`` and ``table`` of a page; ``refresh`` runs the search, ``selected`` is
    the chosen row's id (or None), ``select_row`` chooses a row, ``open`` opens the chosen;
    ``find_scope``: the page on which Ctrl+F goes to the search field (``focus_search``)."""

    def __init__(
        self,
        search: QLineEdit,
        table: QTableView,
        *,
        refresh: Callable[[], None],
        selected: Callable[[], int | None],
        select_row: Callable[[int], None],
        open_chosen: Callable[[], None],
        find_scope: QWidget | None = None,
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
        if find_scope is not None:
            find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), find_scope)
            find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            find.activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

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
