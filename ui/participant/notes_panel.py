"""Kontaktverlauf: the contact notes of one participant as a timeline, newest first."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _
from app.services.contact_notes import NoteRow, delete_note, label, notes_of
from ui.mnemonics import mark_destructive
from ui.operations import Operations
from ui.participant.note_dialog import NoteDialog
from ui.row_models import RowsById
from ui.widgets.colours import separator_colour
from ui.widgets.formatting import local_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, run_dialog

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def _header_parts(note: NoteRow) -> list[str]:
    parts = [local_text(note.occurred_at), note.kind.label]
    if note.duration_minutes:
        parts.append(_("{minutes} min").format(minutes=note.duration_minutes))
    if note.interpreter:
        language = note.interpreter_language.strip()
        parts.append(
            _("interpreter: {language}").format(language=language)
            if language
            else _("with interpreter")
        )
    return parts


def note_text(note: NoteRow) -> str:
    """The whole entry as plain text (screen readers, tooltips, tests)."""
    lines = [" · ".join(_header_parts(note))]
    if note.topics:
        lines.append(f"{label('topics')}: {note.topics}")
    if note.content:
        lines.append(note.content)
    if note.agreements:
        lines.append(f"{label('agreements')}: {note.agreements}")
    return "\n".join(lines)


def _html_block(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def note_html(note: NoteRow) -> str:
    """The entry for the timeline: a bold header line, then topics, content, agreements."""
    header = _header_parts(note)
    parts = [
        f"<b>{html.escape(header[0])}</b> · {html.escape(' · '.join(header[1:]))}",
    ]
    if note.topics:
        parts.append(f"<i>{html.escape(label('topics'))}:</i> {_html_block(note.topics)}")
    if note.content:
        parts.append(_html_block(note.content))
    if note.agreements:
        parts.append(f"<i>{html.escape(label('agreements'))}:</i> {_html_block(note.agreements)}")
    return "".join(f"<p style='margin:0 0 3px 0'>{part}</p>" for part in parts)


class NoteModel(RowsById, QAbstractListModel):
    """NoteRow tuples in the order the service gives them (newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[NoteRow] = []

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return note_text(note)
        if role == HTML_ROLE:
            return note_html(note)
        if role == ID_ROLE:
            return note.id
        return None


class NoteDelegate(QStyledItemDelegate):
    """Paints an entry as rich text wrapped to the width of the view."""

    MARGIN = 8

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, option: QStyleOptionViewItem, index: _Index, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)  # type: ignore[attr-defined]
        document.setDocumentMargin(self.MARGIN)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(width, 100))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        width = self._view.viewport().width()
        document = self._document(option, index, width)
        return QSize(width, math.ceil(document.size().height()) + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # type: ignore[attr-defined]
        widget = item.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)

        rect = item.rect  # type: ignore[attr-defined]
        selected = bool(item.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = item.palette  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
        document = self._document(item, index, rect.width())
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(0, 0, rect.width(), rect.height())
        document.documentLayout().draw(painter, context)
        painter.setPen(separator_colour(palette))  # 3:1: it tells the entries apart
        painter.drawLine(0, rect.height() - 1, rect.width(), rect.height() - 1)
        painter.restore()


class NotesPanel(ParticipantPanel):
    """The Kontaktverlauf with new / edit / delete; double-click or Enter edits."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        layout = self.panel_layout

        self.new_button = QPushButton(_("New &contact…"), self)
        self.new_button.setToolTip(_("Record a contact note"))
        self.new_button.clicked.connect(self.new_note)
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("&Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        mark_destructive(self.delete_button)  # the list's Entf key deletes too, after asking
        self._add_button_row(self.new_button, self.edit_button, self.delete_button)

        self.model = NoteModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(NoteDelegate(self.view))
        self.view.setAccessibleName(_("Contact history"))
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.activated.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)

        self.empty = QLabel(_("No contact notes yet. Record the first one with “New contact…”."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.selected_note()
        rows = notes_of(self._lotse.reads, self.participant_id)
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        row = self.model.row_of(current.id) if current else -1
        if rows:
            self.view.setCurrentIndex(self.model.index(max(row, 0)))
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self._concerns(changes, changes.notes):
            self.reload()

    def selected_note(self) -> NoteRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        has_note = self.selected_note() is not None
        self.edit_button.setEnabled(has_note)
        self.delete_button.setEnabled(has_note)

    # -- actions --------------------------------------------------------------------------

    def _run(self, dialog: NoteDialog) -> int | None:
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            self.view.setCurrentIndex(self.model.index(max(self.model.row_of(saved), 0)))
        self.view.setFocus()
        return saved

    def new_note(self) -> int | None:
        return self._run(NoteDialog(self._lotse, self._ops, self.participant_id, parent=self))

    def edit_selected(self) -> int | None:
        note = self.selected_note()
        if note is None:
            return None
        return self._run(NoteDialog(self._lotse, self._ops, self.participant_id, note, parent=self))

    def delete_selected(self) -> bool:
        note = self.selected_note()
        if note is None:
            return False
        question = _("Delete the contact note of {date}? This cannot be undone.").format(
            date=local_text(note.occurred_at)
        )
        if not confirm(self, _("Delete contact note"), question):
            return False
        return self._ops.run(lambda uow: delete_note(uow, note.id), parent=self) is not None
