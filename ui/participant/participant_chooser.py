"""Pick a participant by typing part of a name: a search line over a short list of hits."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from app.i18n import _
from app.services.caseload import ListQuery, ParticipantRow, participant_ids, participant_rows
from app.vocab import ParticipantStatus
from ui.widgets.formatting import date_text

MAX_HITS = 20
VISIBLE_HITS = 6
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def hit_text(row: ParticipantRow) -> str:
    name = ", ".join(part for part in (row.last_name, row.first_name) if part)
    parts = [name, ParticipantStatus(row.status).label]
    if row.entry_date:
        entry = date_text(date.fromisoformat(row.entry_date))
        parts.append(_("entry {date}").format(date=entry))
    return " · ".join(parts)


class HitModel(QAbstractListModel):
    """At most MAX_HITS participants found for the search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(row)
        if role == ID_ROLE:
            return row.id
        return None

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self.beginResetModel()
        self._rows = rows[:MAX_HITS]
        self.endResetModel()

    def row_at(self, row: int) -> ParticipantRow:
        return self._rows[row]


class ParticipantChooser(QWidget):
    """Type, then Down or Enter: Enter picks the highlighted (or first) hit."""

    chosen = Signal(int)

    def __init__(self, lotse: Lotse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self.participant_id: int | None = None
        self.participant_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        # named by its caption (the dialog's label, WCAG 2.5.3); this says what it does
        self.search.setAccessibleDescription(_("Search participant"))
        self.search.setPlaceholderText(_("Type a name, then Enter or Down"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._on_text_edited)
        self.search.installEventFilter(self)
        layout.addWidget(self.search)

        self.model = HitModel(self)
        self.hits = QListView(self)
        self.hits.setModel(self.model)
        self.hits.setAccessibleName(_("Participants found"))
        self.hits.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.hits.setUniformItemSizes(True)
        self.hits.clicked.connect(self._pick_index)
        self.hits.installEventFilter(self)
        self.hits.hide()
        layout.addWidget(self.hits)

        self.status = QLabel(_("Nobody chosen yet."), self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    # -- searching ----------------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        self.status.setStyleSheet("")
        if self.participant_id is not None:
            self.participant_id, self.participant_name = None, ""
        self.find(text)

    def find(self, text: str) -> None:
        """Show the first MAX_HITS hits for ``text`` (nothing for an empty text)."""
        ids: list[int] = []
        rows: list[ParticipantRow] = []
        if text.strip():
            ids = participant_ids(self._lotse.reads, ListQuery(text=text))
            rows = participant_rows(self._lotse.reads, ids[:MAX_HITS])
        self.model.set_rows(rows)
        self.hits.setVisible(bool(rows))
        if rows:
            self.hits.setFixedHeight(
                self.hits.sizeHintForRow(0) * min(len(rows), VISIBLE_HITS)
                + 2 * self.hits.frameWidth()
            )
            self.hits.setCurrentIndex(self.model.index(0))
        if not text.strip():
            self.status.setText(_("Nobody chosen yet."))
        elif not rows:
            self.status.setText(_("No participant found."))
        else:
            found = str(len(ids)) if len(ids) <= MAX_HITS else f"{MAX_HITS}+"
            self.status.setText(_("{count} found: choose with Enter.").format(count=found))

    # -- picking ------------------------------------------------------------------------------

    def pick(self, row: int) -> None:
        hit = self.model.row_at(row)
        self.participant_id = hit.id
        self.participant_name = " ".join(p for p in (hit.first_name, hit.last_name) if p)
        self.search.setText(self.participant_name)
        self.hits.hide()
        self.status.setText(_("Note for: {name}").format(name=hit_text(hit)))
        self.status.setStyleSheet("font-weight: bold")
        self.chosen.emit(hit.id)

    def _pick_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.pick(index.row())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        has_hits = self.hits.isVisible() and self.model.rowCount() > 0
        if watched is self.search and has_hits and key == Qt.Key.Key_Down:
            self.hits.setFocus()
            if not self.hits.currentIndex().isValid():
                self.hits.setCurrentIndex(self.model.index(0))
            return True
        if key in _ENTER and has_hits and watched in (self.search, self.hits):
            current = self.hits.currentIndex()
            self.pick(current.row() if current.isValid() else 0)
            return True  # Enter picks; it must not press the dialog's default button
        if watched is self.hits and key == Qt.Key.Key_Up and self.hits.currentIndex().row() == 0:
            self.search.setFocus()
            return True
        return super().eventFilter(watched, event)
