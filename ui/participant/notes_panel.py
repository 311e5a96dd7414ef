"""Kontaktverlauf: the contact notes of one participant as a timeline, newest first, with the
stage changes of their placements among them (read-only, in italics: "Vermittlung: …").

A note names the organisations taking part ("Fallkonferenz mit: Jobcenter Halle (Frau Meier),
BBS II (Herr Roth)"); in an organisation's timeline (``NoteModel(viewpoint=…)``, the same
entries) it names the others and the person the note is about."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import datetime

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
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.bootstrap import Lotse
from app.clock import local_midnight_utc, to_local
from app.db.changes import Changes
from app.i18n import _
from app.services.contact_notes import (
    ORGANIZATIONS,
    NoteRow,
    PartyRow,
    delete_note,
    label,
    notes_of,
)
from app.services.placements import ParticipantPlacementEvent, placement_events_for_participant
from app.vocab import ContactKind
from ui.operations import Operations
from ui.participant.note_dialog import NoteDialog
from ui.row_models import RowsById
from ui.widgets.colours import separator_colour
from ui.widgets.formatting import date_text, local_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, empty_stack, run_dialog

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


def party_text(party: PartyRow) -> str:
    """ "Jobcenter Halle (Frau Meier)", or the organisation alone."""
    if party.contact_person_name:
        return f"{party.organization_name} ({party.contact_person_name})"
    return party.organization_name


def _context_lines(note: NoteRow, viewpoint: int | None) -> list[tuple[str, str]]:
    """(caption, text) lines below the header: the organisations taking part ("Fallkonferenz
    mit", or "Beteiligte Organisationen"); in an organisation's timeline (``viewpoint``: its
    id) the person the note is about first, then the others only and its own contact person."""
    parties = note.parties()
    own = next((p for p in parties if p.organization_id == viewpoint), None)
    others = [p for p in parties if p.organization_id != viewpoint]
    lines: list[tuple[str, str]] = []
    if viewpoint is not None and note.participant_name:
        lines.append((_("Participant"), note.participant_name))
    if others:
        caption = (
            _("Case conference with")
            if note.kind is ContactKind.CASE_CONFERENCE
            else label(ORGANIZATIONS)
        )
        lines.append((caption, ", ".join(party_text(p) for p in others)))
    if own is not None and own.contact_person_name:
        lines.append((_("Contact person"), own.contact_person_name))
    return lines


def note_text(note: NoteRow, viewpoint: int | None = None) -> str:
    """The whole entry as plain text (screen readers, tooltips, tests); ``viewpoint``: the
    organisation whose timeline shows it."""
    lines = [" · ".join(_header_parts(note))]
    lines += [f"{caption}: {text}" for caption, text in _context_lines(note, viewpoint)]
    if note.topics:
        lines.append(f"{label('topics')}: {note.topics}")
    if note.content:
        lines.append(note.content)
    if note.agreements:
        lines.append(f"{label('agreements')}: {note.agreements}")
    return "\n".join(lines)


def _html_block(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def note_html(note: NoteRow, viewpoint: int | None = None) -> str:
    """The entry for the timeline: a bold header line, who took part, then topics, content,
    agreements."""
    header = _header_parts(note)
    parts = [
        f"<b>{html.escape(header[0])}</b> · {html.escape(' · '.join(header[1:]))}",
    ]
    for caption, text in _context_lines(note, viewpoint):
        parts.append(f"<i>{html.escape(caption)}:</i> {html.escape(text)}")
    if note.topics:
        parts.append(f"<i>{html.escape(label('topics'))}:</i> {_html_block(note.topics)}")
    if note.content:
        parts.append(_html_block(note.content))
    if note.agreements:
        parts.append(f"<i>{html.escape(label('agreements'))}:</i> {_html_block(note.agreements)}")
    return "".join(f"<p style='margin:0 0 3px 0'>{part}</p>" for part in parts)


def _event_lines(event: ParticipantPlacementEvent) -> tuple[str, str, str]:
    """Header, what happened ("Vermittlung: beworben"), the job ("… bei …")."""
    job = event.job_title or _("(job offer deleted)")
    if event.employer_name:
        job = _("{job} at {employer}").format(job=job, employer=event.employer_name)
    return (
        date_text(event.occurred_on),
        _("Placement: {stage}").format(stage=event.stage.label),
        job,
    )


def event_text(event: ParticipantPlacementEvent) -> str:
    """A placement's stage change as plain text (screen readers, tooltips, tests)."""
    day, what, job = _event_lines(event)
    lines = [f"{day} · {what} – {job}"]
    if event.reason:
        lines.append(_("Reason: {reason}").format(reason=event.reason))
    return "\n".join(lines)


def event_html(event: ParticipantPlacementEvent) -> str:
    """The stage change for the timeline: in italics, so it reads apart from the notes."""
    day, what, job = _event_lines(event)
    parts = [f"<b>{html.escape(day)}</b> · <i>{html.escape(what)} – {html.escape(job)}</i>"]
    if event.reason:
        reason = _("Reason: {reason}").format(reason=event.reason)
        parts.append(f"<i>{_html_block(reason)}</i>")
    return "".join(f"<p style='margin:0 0 3px 0'>{part}</p>" for part in parts)


Entry = NoteRow | ParticipantPlacementEvent


def _moment(entry: Entry) -> datetime:
    """When it happened, in local time; a stage change (a day) at the start of its day."""
    if isinstance(entry, NoteRow):
        return to_local(entry.occurred_at)
    return to_local(local_midnight_utc(entry.occurred_on))


def timeline(notes: Sequence[NoteRow], events: Sequence[ParticipantPlacementEvent]) -> list[Entry]:
    """Notes and stage changes, newest first (each list comes newest first already)."""
    return sorted([*notes, *events], key=_moment, reverse=True)  # stable: notes first


class NoteModel(RowsById, QAbstractListModel):
    """The timeline: NoteRow tuples in the order the service gives them (newest first), and
    the placements' stage changes among them (``ParticipantPlacementEvent``, read-only).
    ``viewpoint``: the organisation whose timeline this is (None: a person's)."""

    def __init__(self, parent: QObject | None = None, *, viewpoint: int | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Entry] = []
        self.viewpoint = viewpoint

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if isinstance(entry, ParticipantPlacementEvent):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return event_text(entry)
            if role == HTML_ROLE:
                return event_html(entry)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("From the placement; change it on the tab “Placement”.")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return note_text(entry, self.viewpoint)
        if role == HTML_ROLE:
            return note_html(entry, self.viewpoint)
        if role == ID_ROLE:
            return entry.id
        return None

    def row_of(self, row_id: int) -> int:
        """Position of the note with this id (stage changes have ids of their own), or -1."""
        return next(
            (
                i
                for i, row in enumerate(self._rows)
                if isinstance(row, NoteRow) and row.id == row_id
            ),
            -1,
        )

    def position_of(self, entry: Entry | None) -> int:
        """Where ``entry`` (a note or a stage change) is now, -1 when it is not listed."""
        if entry is None:
            return -1
        return next(
            (
                i
                for i, row in enumerate(self._rows)
                if type(row) is type(entry) and row.id == entry.id
            ),
            -1,
        )


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
        self.new_button = self._button(
            _("New &contact…"), self.new_note, _("Record a contact note")
        )
        self.edit_button = self._button(_("&Edit…"), self.edit_selected)
        # the list's Entf key deletes too, after asking
        self.delete_button = self._button(_("&Delete"), self.delete_selected, destructive=True)

        self.model = NoteModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(NoteDelegate(self.view))
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack, self.empty = empty_stack(
            self.view, _("No contact notes yet. Record the first one with “New contact…”."), self
        )
        self._add_list(
            self.view,
            _("Contact history"),
            (self.new_button, self.edit_button, self.delete_button),
            body=self.stack,
            activated=self.edit_selected,
            delete=self.delete_selected,
        )

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.model.current_row(self.view)
        reads = self._lotse.reads
        rows = timeline(
            notes_of(reads, self.participant_id),
            placement_events_for_participant(reads, self.participant_id),
        )
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        row = self.model.position_of(current)
        if rows:
            self.view.setCurrentIndex(self.model.index(max(row, 0)))
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self._concerns(changes, changes.notes | changes.placements):
            self.reload()
        elif changes.job_offers or changes.organizations:
            self.reload()  # an offer's title or an employer's name in a stage change

    def selected_note(self) -> NoteRow | None:
        """The chosen note (None for a placement's stage change: that is not edited here)."""
        entry = self.model.current_row(self.view)
        return entry if isinstance(entry, NoteRow) else None

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
