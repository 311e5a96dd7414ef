"""The tabs of a saved organisation beyond its form: Kontaktverlauf, Wiedervorlagen,
Stellenangebote and Teilnehmende. Each reads through the services, writes through
``ops.run`` and reloads when the ``Changes`` may concern it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _
from app.services.contact_notes import (
    NoteRow,
    delete_note,
    notes_concern_organization,
    notes_of_organization,
)
from app.services.follow_ups import delete_follow_up, set_done
from app.services.organizations import (
    follow_ups_of_organization,
    job_offers_of,
    linked_participants,
)
from ui.mnemonics import mark_destructive
from ui.operations import Operations
from ui.organization.dialogs import OrganizationFollowUpDialog
from ui.organization.tables import (
    OFFER_COLUMNS,
    PARTICIPANT_COLUMNS,
    PLACEMENT_EVENT_COLUMNS,
    ColumnsModel,
)
from ui.participant.follow_ups_panel import FollowUpModel, follow_up_table
from ui.participant.note_dialog import NoteDialog
from ui.participant.notes_panel import NoteDelegate, NoteModel
from ui.widgets.formatting import date_text, local_text
from ui.widgets.heading import page_heading
from ui.widgets.messages import confirm
from ui.widgets.panels import empty_stack, run_dialog
from ui.widgets.read_only_table import read_only_table

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def placement_events(lotse: Lotse, organization_id: int) -> list[Any]:
    """The placement steps for the organisation's job offers (app.services.placements,
    ``placement_events_for_organization``), newest first; none while that module is missing."""
    try:
        from app.services.placements import placement_events_for_organization
    except ImportError:  # the placements of issue #17 come with their own module
        return []
    return placement_events_for_organization(lotse.reads, organization_id)


class OrganizationPanel(QWidget):
    """A tab of a saved organisation: margins of a record's panel, a button row on top."""

    def __init__(
        self, lotse: Lotse, ops: Operations, organization_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.organization_id = organization_id
        self.panel_layout = QVBoxLayout(self)
        self.panel_layout.setContentsMargins(6, 6, 6, 6)
        ops.changed.connect(self._on_changed)

    def _add_button_row(self, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        for button in buttons:
            button.setAutoDefault(False)  # Enter in the editor is no click
            row.addWidget(button)
        row.addStretch(1)
        self.panel_layout.addLayout(row)

    def _concerns(self, changes: Changes) -> bool:
        return False

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or self._concerns(changes):
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError


class OrganizationNotesPanel(OrganizationPanel):
    """Kontaktverlauf: the organisation's contact notes (new / edit / delete), those it takes
    part in (a Fallkonferenz of a person or of another organisation) among them, each naming
    the other organisations; below, the steps of the placements for its job offers
    (read-only)."""

    def __init__(
        self, lotse: Lotse, ops: Operations, organization_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, organization_id, parent)
        self.new_button = QPushButton(_("New &contact…"), self)
        self.new_button.setToolTip(_("Record a contact with this organisation"))
        self.new_button.clicked.connect(self.new_note)
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("&Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        mark_destructive(self.delete_button)
        self._add_button_row(self.new_button, self.edit_button, self.delete_button)

        self.model = NoteModel(self, viewpoint=organization_id)
        self._shown_notes: set[int] = set()
        self._shown_names: tuple[set[int], set[int]] = (set(), set())  # organisations, people
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
        self.notes_stack, _empty = empty_stack(
            self.view,
            _("No contacts with this organisation yet. Record the first one with “New contact…”."),
            self,
            hint=True,
        )
        self.panel_layout.addWidget(self.notes_stack, 3)

        self.events_heading = page_heading(_("Placement steps for its job offers"), self, level=2)
        self.panel_layout.addWidget(self.events_heading)
        self.events_model = ColumnsModel(PLACEMENT_EVENT_COLUMNS, self)
        self.events = read_only_table(self.events_model, self)
        self.events.setAccessibleName(_("Placement steps for its job offers"))
        self.events_stack, _none = empty_stack(
            self.events, _("No placement proposals for its job offers yet."), self, hint=True
        )
        self.panel_layout.addWidget(self.events_stack, 2)
        self.reload()

    def _concerns(self, changes: Changes) -> bool:
        """A note listed here or concerning it now (its own, or one it takes part in), a name
        shown in an entry (another organisation, a contact person, a participant), or the
        placements of its offers."""
        if changes.placements or changes.job_offers:
            return True
        organizations, people = self._shown_names
        if changes.organizations & organizations or changes.participants & people:
            return True
        if not changes.notes:
            return False
        return bool(changes.notes & self._shown_notes) or notes_concern_organization(
            self._lotse.reads, self.organization_id, changes.notes
        )

    def reload(self) -> None:
        current = self.selected_note()
        rows = notes_of_organization(self._lotse.reads, self.organization_id)
        self._shown_notes = {row.id for row in rows}
        self._shown_names = (
            {party.organization_id for row in rows for party in row.parties()},
            {row.participant_id for row in rows if row.participant_id is not None},
        )
        self.model.set_rows(rows)
        self.notes_stack.setCurrentIndex(0 if rows else 1)
        row = self.model.row_of(current.id) if current else -1
        if rows:
            self.view.setCurrentIndex(self.model.index(max(row, 0)))
        events = placement_events(self._lotse, self.organization_id)
        self.events_model.set_rows(events)
        self.events_stack.setCurrentIndex(0 if events else 1)
        self._update_buttons()

    def selected_note(self) -> NoteRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        has_note = self.selected_note() is not None
        self.edit_button.setEnabled(has_note)
        self.delete_button.setEnabled(has_note)

    def _run(self, dialog: NoteDialog) -> int | None:
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            self.view.setCurrentIndex(self.model.index(max(self.model.row_of(saved), 0)))
        self.view.setFocus()
        return saved

    def note_dialog(self, note: NoteRow | None = None) -> NoteDialog:
        return NoteDialog(
            self._lotse, self._ops, None, note, parent=self, organization_id=self.organization_id
        )

    def new_note(self) -> int | None:
        return self._run(self.note_dialog())

    def edit_selected(self) -> int | None:
        note = self.selected_note()
        return None if note is None else self._run(self.note_dialog(note))

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


class OrganizationFollowUpsPanel(OrganizationPanel):
    """The organisation's Wiedervorlagen: new, done (or open again), delete."""

    def __init__(
        self, lotse: Lotse, ops: Operations, organization_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, organization_id, parent)
        self.new_button = QPushButton(_("New &follow-up…"), self)
        self.new_button.clicked.connect(self.new_follow_up)
        self.done_button = QPushButton(_("D&one"), self)
        self.done_button.setCheckable(True)
        self.done_button.setToolTip(_("Mark the chosen follow-up as done, or open it again"))
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_button = QPushButton(_("Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        mark_destructive(self.delete_button)
        self._add_button_row(self.new_button, self.done_button, self.delete_button)
        self.model = FollowUpModel(parent=self)
        self.view = follow_up_table(self.model, self)
        self.view.setAccessibleName(_("Follow-ups"))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        self.stack, _empty = empty_stack(
            self.view, _("No follow-ups for this organisation."), self, hint=True
        )
        self.panel_layout.addWidget(self.stack, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.panel_layout.addWidget(self.summary)
        self.reload()

    def _concerns(self, changes: Changes) -> bool:
        return bool(changes.follow_ups)

    def reload(self) -> None:
        current = self.selected()
        rows = follow_ups_of_organization(self._lotse.reads, self.organization_id)
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        row = self.model.row_of(current.id) if current else -1
        if rows:
            self.view.selectRow(max(row, 0))
        open_count = sum(1 for r in rows if not r.done)
        overdue = self.model.overdue_count()
        if not rows:
            self.summary.setText("")
        elif overdue:
            text = _("{open} open, {overdue} of them overdue.")
            self.summary.setText(text.format(open=open_count, overdue=overdue))
        else:
            self.summary.setText(_("{open} open.").format(open=open_count))
        self._update_buttons()

    def selected(self) -> Any:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.done_button.setEnabled(row is not None)
        self.done_button.setChecked(bool(row and row.done))
        self.delete_button.setEnabled(row is not None)

    def new_follow_up(self) -> int | None:
        dialog = OrganizationFollowUpDialog(self._lotse, self._ops, self.organization_id, self)
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            self.view.selectRow(max(self.model.row_of(saved), 0))
        self.view.setFocus()
        return saved

    def toggle_done(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._ops.run(
            lambda uow: set_done(uow, row.id, not row.done),
            parent=self,
            on_invalid=lambda _errors: self.reload(),
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        question = _("Delete the follow-up “{title}” due on {date}?").format(
            title=row.title, date=date_text(row.due_date)
        )
        if not confirm(self, _("Delete follow-up"), question):
            return False
        return self._ops.run(lambda uow: delete_follow_up(uow, row.id), parent=self) is not None


class OffersPanel(OrganizationPanel):
    """Stellenangebote of the organisation, read-only (they are edited on their own page)."""

    def __init__(
        self, lotse: Lotse, ops: Operations, organization_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, organization_id, parent)
        self.model = ColumnsModel(OFFER_COLUMNS, self)
        self.view = read_only_table(self.model, self, stretch_column=0)
        self.view.setAccessibleName(_("Job offers"))
        self.stack, _empty = empty_stack(
            self.view, _("No job offers of this organisation yet."), self, hint=True
        )
        self.panel_layout.addWidget(self.stack, 1)
        self.reload()

    def _concerns(self, changes: Changes) -> bool:
        return bool(changes.job_offers)

    def reload(self) -> None:
        rows = job_offers_of(self._lotse.reads, self.organization_id)
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        if rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)


class LinkedParticipantsPanel(OrganizationPanel):
    """The participants who name the organisation or one of its contact persons; Enter or a
    double click asks for the record (``open_participant``)."""

    open_participant = Signal(int)

    def __init__(
        self, lotse: Lotse, ops: Operations, organization_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, organization_id, parent)
        self.open_button = QPushButton(_("&Open participant"), self)
        self.open_button.clicked.connect(self._open_current)
        self._add_button_row(self.open_button)
        self.model = ColumnsModel(PARTICIPANT_COLUMNS, self)
        self.view = read_only_table(self.model, self)
        self.view.setAccessibleName(_("Linked participants"))
        self.view.activated.connect(lambda _index: self._open_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.stack, _empty = empty_stack(
            self.view,
            _(
                "No participant names this organisation yet (as Jobcenter, school, training "
                "company or competent body, or one of its contact persons)."
            ),
            self,
            hint=True,
        )
        self.panel_layout.addWidget(self.stack, 1)
        self.reload()

    def _concerns(self, changes: Changes) -> bool:
        return bool(changes.participants or changes.organizations)

    def reload(self) -> None:
        current = self.model.current_row(self.view)
        rows = linked_participants(self._lotse.reads, self.organization_id)
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.view.selectRow(max(row, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.model.current_row(self.view) is not None)

    def _open_current(self) -> None:
        row = self.model.current_row(self.view)
        if row is not None:
            self.open_participant.emit(row.id)


PanelFactory = Callable[[Lotse, Operations, int, QWidget], OrganizationPanel]
