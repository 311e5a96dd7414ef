"""Choose a record by typing: a search line over a short list of hits and a status line below.

The common part of the organisation, participant and course choosers
(ui.widgets.organization_chooser, ui.participant.participant_chooser, the CourseChooser of
ui.participant.enrollment_dialog): the widgets and their accessible names, the keys (Down
into the hits, Up from the first hit back to the line, Enter picks the highlighted or first
hit, Escape closes the hits) and the status texts. A chooser says only how it searches
(``_search``), how a hit reads (its model's ``hit_text``) and what a choice shows
(``_shown_for``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

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

from app.i18n import _

MAX_HITS = 20
VISIBLE_HITS = 6
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole,  # the whole text where the list cuts it
)
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class Hit(Protocol):
    """A row a chooser offers: anything with the record's id."""

    @property
    def id(self) -> int: ...


class TypedHitModel[R: Hit](QAbstractListModel):
    """At most MAX_HITS rows found for the search text, each shown as ``hit_text(row)``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def hit_text(self, row: R) -> str:
        raise NotImplementedError

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in _TEXT_ROLES:
            return self.hit_text(row)
        if role == ID_ROLE:
            return row.id
        return None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows[:MAX_HITS])
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]


class TypedChooser[R: Hit](QWidget):
    """Type, then Down or Enter: Enter picks the highlighted (or first) hit.

    ``chosen_id`` is the record chosen (None while nothing is, or text is typed over it),
    ``chosen_name`` what the line shows for it. ``with_status``: a line below says what is
    chosen; without it the line appears only when nothing is found. The search line is the
    focus proxy, and a name given to the chooser is the search line's (Qt names a field after
    its buddy label only among its siblings).
    """

    chosen = Signal(int)
    changed = Signal()  # chosen, cleared or typed over

    def __init__(
        self,
        model: type[TypedHitModel[R]],
        parent: QWidget | None = None,
        *,
        description: str,
        placeholder: str,
        hits_name: str,
        nothing_chosen: str,
        not_found: str,
        with_status: bool = True,
    ) -> None:
        super().__init__(parent)
        self.chosen_id: int | None = None
        self.chosen_name = ""
        self._chosen_status = ""
        self._nothing_chosen = nothing_chosen
        self._not_found = not_found
        self._with_status = with_status
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.search = QLineEdit(self)
        # named by its caption (the dialog's label, WCAG 2.5.3); this says what it does
        self.search.setAccessibleDescription(description)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._on_text_edited)
        self.search.installEventFilter(self)
        self.setFocusProxy(self.search)
        layout.addWidget(self.search)

        self.model = model(self)
        self.hits = QListView(self)
        self.hits.setModel(self.model)
        self.hits.setAccessibleName(hits_name)
        self.hits.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.hits.setUniformItemSizes(True)
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideRight)  # whole text as tooltip
        self.hits.clicked.connect(self._pick_index)
        self.hits.installEventFilter(self)
        self.hits.hide()
        layout.addWidget(self.hits)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setVisible(with_status)
        layout.addWidget(self.status)
        self._show_status()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        super().setAccessibleName(name)
        self.search.setAccessibleName(name)

    # -- what differs between the choosers ----------------------------------------------------

    def _search(self, text: str) -> tuple[list[R], int]:
        """The first MAX_HITS hits for a text that is not blank, and how many there are."""
        raise NotImplementedError

    def _shown_for(self, hit: R) -> tuple[str, str]:
        """The line's text and the status line's once ``hit`` is chosen."""
        raise NotImplementedError

    # -- the choice ---------------------------------------------------------------------------

    def set_chosen(self, chosen_id: int | None, name: str = "", status: str = "") -> None:
        """Show ``chosen_id`` as chosen (None: nothing) with ``name`` in the line and
        ``status`` below, without a signal of ``chosen``."""
        self._show_chosen(chosen_id, name, status)
        self.changed.emit()

    def _show_chosen(self, chosen_id: int | None, name: str, status: str) -> None:
        self.chosen_id, self.chosen_name, self._chosen_status = chosen_id, name, status
        # from its start: a long name is cut at the end, and said whole in the tooltip
        self.search.setText(name)
        self.search.setCursorPosition(0)
        self.search.setToolTip(name)
        self.hits.hide()
        self._show_status()
        self.status.setVisible(self._with_status)

    def typed_without_choice(self) -> bool:
        """Text is in the line but no hit was chosen for it."""
        return self.chosen_id is None and bool(self.search.text().strip())

    def _show_status(self) -> None:
        if self.chosen_id is not None and self._chosen_status:
            self.status.setText(self._chosen_status)
            self.status.setStyleSheet("font-weight: bold")
        else:
            self.status.setText(self._nothing_chosen)
            self.status.setStyleSheet("")

    # -- searching ----------------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        self.chosen_id, self.chosen_name, self._chosen_status = None, "", ""
        self.find(text)
        self.changed.emit()

    def find(self, text: str) -> None:
        """Show the first MAX_HITS hits for ``text`` (nothing for a blank text)."""
        rows, count = self._search(text) if text.strip() else ([], 0)
        self.model.set_rows(rows)
        self.hits.setVisible(bool(rows))
        if rows:
            self.hits.setFixedHeight(
                self.hits.sizeHintForRow(0) * min(len(rows), VISIBLE_HITS)
                + 2 * self.hits.frameWidth()
            )
            self.hits.setCurrentIndex(self.model.index(0))
        self.status.setStyleSheet("")
        if not text.strip():
            self._show_status()
        elif not rows:
            self.status.setText(self._not_found)
        else:
            found = str(count) if count <= MAX_HITS else f"{MAX_HITS}+"
            self.status.setText(_("{count} found: choose with Enter.").format(count=found))
        self.status.setVisible(self._with_status or (bool(text.strip()) and not rows))

    # -- picking ------------------------------------------------------------------------------

    def pick(self, row: int) -> None:
        hit = self.model.row_at(row)
        self._show_chosen(hit.id, *self._shown_for(hit))
        self.chosen.emit(hit.id)
        self.changed.emit()

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
            # back to the line first: the dialog may move the focus on once chosen
            self.search.setFocus()
            self.pick(current.row() if current.isValid() else 0)
            return True  # Enter picks; it must not press the dialog's default button
        if watched is self.hits and key == Qt.Key.Key_Up and self.hits.currentIndex().row() == 0:
            self.search.setFocus()
            return True
        if watched is self.hits and key == Qt.Key.Key_Escape:
            self.hits.hide()
            self.search.setFocus()
            return True
        return super().eventFilter(watched, event)
