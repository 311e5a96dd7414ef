"""Pick an organisation by typing part of its name, place, PLZ or a contact person: a search
line over a short list of hits (as ui.participant.participant_chooser for people)."""

from __future__ import annotations

from collections.abc import Sequence

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
from app.services.organizations import (
    DirectoryQuery,
    OrganizationDirectory,
    OrganizationRow,
    organization_name,
    organization_rows,
)
from app.vocab import OrganizationKind

MAX_HITS = 20
VISIBLE_HITS = 6
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def hit_text(row: OrganizationRow) -> str:
    """ "Bäckerei Müller · 06108 Halle (Saale) · Ausbildungsbetrieb"."""
    place = " ".join(part for part in (row.postal_code, row.city) if part)
    parts = [row.name, place, OrganizationKind(row.kind).label]
    return " · ".join(part for part in parts if part)


class OrganizationHitModel(QAbstractListModel):
    """At most MAX_HITS organisations found for the search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganizationRow] = []

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return hit_text(row)
        if role == ID_ROLE:
            return row.id
        return None

    def set_rows(self, rows: list[OrganizationRow]) -> None:
        self.beginResetModel()
        self._rows = rows[:MAX_HITS]
        self.endResetModel()

    def row_at(self, row: int) -> OrganizationRow:
        return self._rows[row]


class OrganizationChooser(QWidget):
    """Type, then Down or Enter: Enter picks the highlighted (or first) hit.

    ``kinds``: only organisations of these kinds are offered (none: all). ``with_status``: a
    line below says what is chosen (the quick forms); a record's link field shows the chosen
    name in the line itself. The search line is the focus proxy, and a name given to the
    chooser is the search line's (Qt names a field after its buddy label only among its
    siblings).
    """

    chosen = Signal(int)
    changed = Signal()  # chosen, cleared or typed over

    def __init__(
        self,
        lotse: Lotse,
        kinds: Sequence[OrganizationKind] = (),
        parent: QWidget | None = None,
        *,
        with_status: bool = True,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._directory = OrganizationDirectory(lotse.reads)
        self.kinds = tuple(kinds)
        self.organization_id: int | None = None
        self.organization_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.search = QLineEdit(self)
        self.search.setAccessibleDescription(_("Search organisation"))
        self.search.setPlaceholderText(_("Type a name or place, then Enter or Down"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._on_text_edited)
        self.search.installEventFilter(self)
        self.setFocusProxy(self.search)
        layout.addWidget(self.search)

        self.model = OrganizationHitModel(self)
        self.hits = QListView(self)
        self.hits.setModel(self.model)
        self.hits.setAccessibleName(_("Organisations found"))
        self.hits.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.hits.setUniformItemSizes(True)
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideRight)  # whole text as tooltip
        self.hits.clicked.connect(self._pick_index)
        self.hits.installEventFilter(self)
        self.hits.hide()
        layout.addWidget(self.hits)

        self.status = QLabel(_("Nothing chosen yet."), self)
        self.status.setWordWrap(True)
        self.status.setVisible(with_status)
        self._with_status = with_status
        layout.addWidget(self.status)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        super().setAccessibleName(name)
        self.search.setAccessibleName(name)

    # -- the chosen organisation ----------------------------------------------------------------

    def set_organization(self, organization_id: int | None) -> None:
        """Show ``organization_id`` as chosen (None: nothing), without a signal of ``chosen``."""
        self.organization_id = organization_id
        name = (
            "" if organization_id is None else organization_name(self._lotse.reads, organization_id)
        )
        self.organization_name = name
        self._show_chosen_name()
        self.hits.hide()
        self._show_status()
        self.changed.emit()

    def _show_chosen_name(self) -> None:
        """The chosen name in the line, from its start (a long one is cut at the end, and
        said whole in the tooltip)."""
        self.search.setText(self.organization_name)
        self.search.setCursorPosition(0)
        self.search.setToolTip(self.organization_name)

    def typed_without_choice(self) -> bool:
        """Text is in the line but no hit was chosen for it."""
        return self.organization_id is None and bool(self.search.text().strip())

    def _show_status(self) -> None:
        if self.organization_id is None:
            self.status.setText(_("Nothing chosen yet."))
            self.status.setStyleSheet("")
        else:
            self.status.setText(_("Chosen: {name}").format(name=self.organization_name))
            self.status.setStyleSheet("font-weight: bold")

    # -- searching ----------------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        if self.organization_id is not None:
            self.organization_id, self.organization_name = None, ""
        self.find(text)
        self.changed.emit()

    def find(self, text: str) -> None:
        """Show the first MAX_HITS hits for ``text`` (nothing for an empty text)."""
        ids: list[int] = []
        rows: list[OrganizationRow] = []
        if text.strip():
            ids = self._directory.ids(DirectoryQuery(text=text, kinds=self.kinds))
            rows = organization_rows(self._lotse.reads, ids[:MAX_HITS])
        self.model.set_rows(rows)
        self.hits.setVisible(bool(rows))
        if rows:
            self.hits.setFixedHeight(
                self.hits.sizeHintForRow(0) * min(len(rows), VISIBLE_HITS)
                + 2 * self.hits.frameWidth()
            )
            self.hits.setCurrentIndex(self.model.index(0))
        if not text.strip():
            self.status.setText(_("Nothing chosen yet."))
        elif not rows:
            self.status.setText(_("No organisation found."))
        else:
            count = str(len(ids)) if len(ids) <= MAX_HITS else f"{MAX_HITS}+"
            self.status.setText(_("{count} found: choose with Enter.").format(count=count))
        self.status.setStyleSheet("")
        self.status.setVisible(self._with_status or (bool(text.strip()) and not rows))

    # -- picking ------------------------------------------------------------------------------

    def pick(self, row: int) -> None:
        hit = self.model.row_at(row)
        self.organization_id = hit.id
        self.organization_name = hit.name
        self._show_chosen_name()
        self.hits.hide()
        self._show_status()
        self.status.setVisible(self._with_status)
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
            self.pick(current.row() if current.isValid() else 0)
            self.search.setFocus()
            return True  # Enter picks; it must not press the dialog's default button
        if watched is self.hits and key == Qt.Key.Key_Up and self.hits.currentIndex().row() == 0:
            self.search.setFocus()
            return True
        if watched is self.hits and key == Qt.Key.Key_Escape:
            self.hits.hide()
            self.search.setFocus()
            return True
        return super().eventFilter(watched, event)
