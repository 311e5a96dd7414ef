"""The quick entry form for a Gesprächsnotiz: new or edited, for one participant or any, or
for an organisation (a contact with an employer, a school, …: ``organization_id``).

"Beteiligte Organisationen" lists the further organisations taking part, each with a contact
person or none (a Fallkonferenz names them); "Hinzufügen…" chooses one by typing in a small
dialog of its own (``NoteOrganizationDialog``). Nothing of it is read when the form opens: a
new note starts with an empty list, an edited one with the organisations of its row."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.clock import local_to_utc, to_local
from app.i18n import _
from app.services.caseload import participant_name
from app.services.contact_notes import (
    MAX_MINUTES,
    MAX_ORGANIZATIONS,
    ORGANIZATIONS,
    NoteInput,
    NoteParty,
    NoteRow,
    PartyRow,
    add_note,
    add_organization_note,
    label,
    update_note,
)
from app.services.organizations import contact_persons_of, organization_name
from app.vocab import ContactKind
from ui.mnemonics import escape
from ui.operations import Operations
from ui.participant.participant_chooser import ParticipantChooser
from ui.widgets.colours import make_hint
from ui.widgets.enum_combo import EMPTY_TEXT, EnumCombo
from ui.widgets.formatting import EMPTY
from ui.widgets.organization_chooser import OrganizationChooser
from ui.widgets.panels import run_dialog

DATE_TIME_FORMAT = "dd.MM.yyyy HH:mm"
EARLIEST_TYPED = QDateTime(QDate(1000, 1, 1), QTime(0, 0))
LATEST_TYPED = QDateTime(QDate(9998, 12, 31), QTime(23, 59))
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def to_qdatetime(moment: datetime) -> QDateTime:
    """A UTC timestamp as local QDateTime, to the minute."""
    local = to_local(moment)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    """The local date and time of the editor as timezone-aware UTC."""
    day, time = value.date(), value.time()
    naive = datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
    return local_to_utc(naive)


def now_to_minute() -> QDateTime:
    now = QDateTime.currentDateTime()
    return QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()))


def party_caption(party: PartyRow) -> str:
    """ "Jobcenter Halle (Frau Meier)", or the organisation alone."""
    if party.contact_person_name:
        return f"{party.organization_name} ({party.contact_person_name})"
    return party.organization_name


_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PARTY_ROLE = Qt.ItemDataRole.UserRole + 1
LIST_ROWS = 3  # the list's height in entries; more scroll


class NoteOrganizationDialog(QDialog):
    """One organisation taking part: chosen by typing (Enter takes the highlighted hit), then
    (Tab) its contact person from a list of that organisation's, or none; Enter is OK, which
    hands it back in ``party``. ``taken``: organisations the note lists already (refused)."""

    def __init__(
        self,
        lotse: Lotse,
        taken: Collection[int] = (),
        party: PartyRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._taken = set(taken)
        self.party: PartyRow | None = None
        self.setWindowTitle(
            _("Change organisation taking part") if party else _("Add organisation taking part")
        )
        self.setMinimumWidth(480)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.chooser = OrganizationChooser(lotse, parent=self)
        self.chooser.setAccessibleName(_("Organisation"))
        caption = QLabel(escape(_("Organisation")) + ":", self)
        caption.setBuddy(self.chooser.search)
        form.addRow(caption, self.chooser)
        self.person = QComboBox(self)
        self.person.setAccessibleName(_("Contact person"))
        self.person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.person.setMinimumContentsLength(20)
        caption = QLabel(escape(_("Contact person")) + ":", self)
        caption.setBuddy(self.person)
        form.addRow(caption, self.person)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._persons_of: int | None | bool = False  # the organisation listed (False: none yet)
        self._person_names: dict[int, str] = {}
        self.chooser.chosen.connect(lambda _id: self._fill_persons())
        self.chooser.changed.connect(lambda: self._fill_persons())
        if party is not None:
            self.chooser.set_organization(party.organization_id)
            self._fill_persons(keep=party.contact_person_id)
            self._taken.discard(party.organization_id)  # it may stay
        else:
            self._fill_persons()
        self.chooser.search.setFocus()

    def _fill_persons(self, keep: int | None = None) -> None:
        """The chosen organisation's contact persons ("—" first); none chosen: disabled."""
        organization_id = self.chooser.organization_id
        if organization_id == self._persons_of and keep is None:
            return
        self._persons_of = organization_id
        reads = self._lotse.reads
        persons = [] if organization_id is None else contact_persons_of(reads, organization_id)
        self._person_names = {person.id: person.name for person in persons}
        self.person.clear()
        self.person.addItem(EMPTY_TEXT, None)
        for person in persons:
            text = f"{person.name} ({person.function})" if person.function else person.name
            self.person.addItem(text, person.id)
        self.person.setCurrentIndex(max(self.person.findData(keep), 0))
        self.person.setEnabled(bool(persons))
        self.person.setToolTip(
            ""
            if persons
            else _("Choose the organisation first.")
            if organization_id is None
            else _("No contact persons are recorded for this organisation.")
        )

    def accept(self) -> None:
        organization_id = self.chooser.organization_id
        if organization_id is None:
            QMessageBox.warning(
                self,
                _("Please check your entries"),
                _("Please choose an organisation from the list (Enter)."),
            )
            self.chooser.search.setFocus()
            return
        name = self.chooser.organization_name
        if organization_id in self._taken:
            QMessageBox.warning(
                self,
                _("Please check your entries"),
                _("{name} takes part already.").format(name=name),
            )
            self.chooser.search.setFocus()
            return
        person_id = self.person.currentData()
        person = self._person_names.get(person_id, "") if person_id is not None else ""
        self.party = PartyRow(organization_id, name, person_id, person)
        super().accept()


class PartiesList(QListWidget):
    """The organisations taking part; in the empty list a hint in the placeholder colour.
    Enter asks to change the current entry, Entf to remove it (``edit_requested``,
    ``remove_requested``) — Enter does not press the dialog's Save."""

    edit_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in _ENTER and self.currentItem() is not None:
            self.edit_requested.emit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Delete) and self.currentItem() is not None:
            self.remove_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)  # type: ignore[arg-type]
        if self.count() or not self.placeholder:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.fontMetrics().averageCharWidth()
        painter.drawText(
            self.viewport().rect().adjusted(margin, 2, -margin, -2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.placeholder,
        )
        painter.end()


class PartiesField(QWidget):
    """Beteiligte Organisationen: the list, "Hinzufügen…", "Entfernen"; double click or Enter
    changes the contact person of an entry. ``changed`` after every change."""

    changed = Signal()

    def __init__(self, lotse: Lotse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self.case_conference = False
        self.list = PartiesList(self)
        self.list.setAccessibleName(label(ORGANIZATIONS))  # the caption is not its sibling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.add_button = QPushButton(_("&Add…"), self)
        self.add_button.setToolTip(_("Add an organisation taking part (by typing its name)"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_party)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setToolTip(_("Remove the chosen organisation from this note"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.edit_requested.connect(self.edit_selected)
        self.list.remove_requested.connect(self.remove_selected)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update())

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        column.addLayout(row)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        rows = self.list.fontMetrics().lineSpacing() * LIST_ROWS + 2 * self.list.frameWidth() + 6
        buttons_height = 2 * self.add_button.sizeHint().height() + buttons.spacing()
        self.list.setFixedHeight(max(rows, buttons_height))
        self.also = make_hint(QLabel(self))  # the note's own organisation, when not the dialog's
        self.also.setWordWrap(True)
        self.also.hide()
        column.addWidget(self.also)
        self._update()

    def set_also(self, text: str) -> None:
        """A line below the list: an organisation taking part that is not listed in it."""
        self.also.setText(text)
        self.also.setVisible(bool(text))

    # -- the entries ----------------------------------------------------------------------

    def rows(self) -> list[PartyRow]:
        return [self.list.item(i).data(PARTY_ROLE) for i in range(self.list.count())]

    def parties(self) -> tuple[NoteParty, ...]:
        return tuple(row.as_input() for row in self.rows())

    def set_rows(self, rows: Sequence[PartyRow]) -> None:
        self.list.clear()
        for row in rows:
            self._append(row)
        self._update()

    def _append(self, row: PartyRow, at: int | None = None) -> None:
        item = QListWidgetItem(party_caption(row))
        item.setData(PARTY_ROLE, row)
        item.setToolTip(party_caption(row))
        if at is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(at, item)
        self.list.setCurrentItem(item)

    def set_case_conference(self, case_conference: bool) -> None:
        """A Fallkonferenz: the empty list asks for the organisations taking part."""
        self.case_conference = case_conference
        self._update()

    def _update(self) -> None:
        chosen = self.list.currentItem() is not None
        self.remove_button.setEnabled(chosen)
        full = self.list.count() >= MAX_ORGANIZATIONS
        self.add_button.setEnabled(not full)
        if self.case_conference:
            hint = _("Who took part? Add the Jobcenter, school, company … with “Add…”.")
        else:
            hint = _("None. Add one with “Add…”, e.g. for a case conference.")
        self.list.set_placeholder(hint)
        self.list.setAccessibleDescription("" if self.list.count() else hint)

    # -- actions --------------------------------------------------------------------------

    def _dialog(self, party: PartyRow | None = None) -> PartyRow | None:
        taken = [row.organization_id for row in self.rows()]
        dialog = NoteOrganizationDialog(self._lotse, taken, party, self)
        chosen = dialog.party if run_dialog(dialog) else None
        self.list.setFocus()
        return chosen

    def add_party(self) -> PartyRow | None:
        if self.list.count() >= MAX_ORGANIZATIONS:
            return None
        party = self._dialog()
        if party is not None:
            self._append(party)
            self._update()
            self.changed.emit()
        return party

    def edit_selected(self) -> PartyRow | None:
        position = self.list.currentRow()
        if position < 0:
            return None
        party = self._dialog(self.list.item(position).data(PARTY_ROLE))
        if party is not None:
            self.list.takeItem(position)
            self._append(party, position)
            self._update()
            self.changed.emit()
        return party

    def remove_selected(self) -> None:
        position = self.list.currentRow()
        if position < 0:
            return
        self.list.takeItem(position)
        if self.list.count():
            self.list.setCurrentRow(min(position, self.list.count() - 1))
        else:
            self.add_button.setFocus()
        self._update()
        self.changed.emit()


class NoteDialog(QDialog):
    """Ctrl+Return saves, Esc cancels (asking first when something was typed).

    With ``organization_id`` (and no participant) the note is the organisation's."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int | None,
        note: NoteRow | None = None,
        parent: QWidget | None = None,
        *,
        organization_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.participant_id = participant_id
        self.organization_id = organization_id if participant_id is None else None
        self.note = note
        self.saved_id: int | None = None
        self.setMinimumWidth(600)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_top()
        self._build_fields()
        layout.addLayout(self.form, 1)
        hint = make_hint(QLabel(_("Ctrl+Enter saves, Esc cancels."), self))
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        for keys in SAVE_KEYS:
            QShortcut(QKeySequence(keys), self, activated=self.accept)

        if note is not None:
            self.set_note(note)
        self._initial = self.snapshot()
        self._update_title()
        self.content.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_top(self) -> None:
        """Rows above the note fields (the participant chooser of the quick note)."""

    def _row(self, name: str, widget: QWidget, buddy: QWidget | None = None) -> None:
        caption = QLabel(escape(label(name)) + ":", self)
        caption.setBuddy(buddy or widget)
        self.form.addRow(caption, widget)

    def _build_fields(self) -> None:
        when_caption = QLabel(escape(label("occurred_at")) + ":", self)
        self.occurred_at = QDateTimeEdit(now_to_minute(), self)
        when_caption.setBuddy(self.occurred_at)
        self.occurred_at.setDisplayFormat(DATE_TIME_FORMAT)
        # Wide on purpose: the editor drops digits typed beyond its range (and shifts the
        # rest into the next fields), so a wrong year reaches the service's check (1900–2100),
        # which names the field; year 9999 would overflow on the way to UTC.
        self.occurred_at.setDateTimeRange(EARLIEST_TYPED, LATEST_TYPED)
        self.occurred_at.setCalendarPopup(True)
        self.occurred_at.setAccessibleName(label("occurred_at"))
        self.kind = EnumCombo(ContactKind, optional=False, parent=self)
        self.kind.set_value(ContactKind.IN_PERSON)
        self.kind.setAccessibleName(label("kind"))
        self.duration = QSpinBox(self)
        self.duration.setRange(0, MAX_MINUTES)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(_(" min"))
        self.duration.setSpecialValueText(EMPTY)  # 0: no duration given
        self.duration.setAccessibleName(label("duration_minutes"))
        # the box takes no more than its maximum: it says so, rather than cutting silently
        self.duration.setToolTip(_("0 to {most} minutes (one day)").format(most=MAX_MINUTES))
        when = QWidget(self)
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.addWidget(self.occurred_at)
        kind_caption = QLabel(escape(label("kind")) + ":", when)
        kind_caption.setBuddy(self.kind)
        duration_caption = QLabel(escape(_("Duration")) + ":", when)
        duration_caption.setBuddy(self.duration)
        for caption, field in ((kind_caption, self.kind), (duration_caption, self.duration)):
            when_layout.addSpacing(12)
            when_layout.addWidget(caption)
            when_layout.addWidget(field)
        when_layout.addStretch(1)
        self.form.addRow(when_caption, when)

        self.parties = PartiesField(self._lotse, self)
        parties_caption = QLabel(escape(label(ORGANIZATIONS)) + ":", self)
        parties_caption.setBuddy(self.parties.list)
        parties_caption.setWordWrap(True)
        self.form.addRow(parties_caption, self.parties)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)

        self.topics = QLineEdit(self)
        self.topics.setAccessibleName(label("topics"))
        self.topics.setPlaceholderText(_("e.g. application, language course, residence"))
        self._row("topics", self.topics)
        self.content = QPlainTextEdit(self)
        self.content.setTabChangesFocus(True)
        self.content.setAccessibleName(label("content"))
        self.content.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self._row("content", self.content)
        self.agreements = QPlainTextEdit(self)
        self.agreements.setTabChangesFocus(True)
        self.agreements.setAccessibleName(label("agreements"))
        self.agreements.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self._row("agreements", self.agreements)

        self.interpreter = QCheckBox(escape(_("present")), self)
        self.interpreter.setAccessibleName(label("interpreter"))
        self.interpreter_language = QLineEdit(self)
        self.interpreter_language.setAccessibleName(label("interpreter_language"))
        self.interpreter_language.setEnabled(False)
        self.interpreter.toggled.connect(self.interpreter_language.setEnabled)
        interpreter = QWidget(self)
        row = QHBoxLayout(interpreter)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.interpreter)
        row.addSpacing(8)
        language_caption = QLabel(escape(_("Language")) + ":", interpreter)
        language_caption.setBuddy(self.interpreter_language)
        row.addWidget(language_caption)
        row.addWidget(self.interpreter_language, 1)
        caption = QLabel(_("Interpreter") + ":", self)
        caption.setBuddy(self.interpreter)
        self.form.addRow(caption, interpreter)

        self.field_widgets: dict[str, QWidget] = {
            "occurred_at": self.occurred_at,
            "kind": self.kind,
            "duration_minutes": self.duration,
            "topics": self.topics,
            "content": self.content,
            "agreements": self.agreements,
            "interpreter": self.interpreter,
            "interpreter_language": self.interpreter_language,
            ORGANIZATIONS: self.parties.list,
        }

    def _on_kind_changed(self) -> None:
        self.parties.set_case_conference(self.kind.value() is ContactKind.CASE_CONFERENCE)

    def _update_title(self) -> None:
        title = _("Edit contact note") if self.note else _("New contact note")
        if self.note is not None and (self.note.participant_name or self.note.organization_name):
            # the note's own person or organisation (it may be edited from another's timeline)
            name = self.note.participant_name or self.note.organization_name
            title = f"{title} – {name}"
        elif self.participant_id is not None:
            title = f"{title} – {participant_name(self._lotse.reads, self.participant_id)}"
        elif self.organization_id is not None:
            title = f"{title} – {organization_name(self._lotse.reads, self.organization_id)}"
        self.setWindowTitle(title)

    # -- values ---------------------------------------------------------------------------

    def set_note(self, note: NoteRow) -> None:
        self.occurred_at.setDateTime(to_qdatetime(note.occurred_at))
        self.kind.set_value(note.kind)
        self.duration.setValue(note.duration_minutes or 0)
        self.topics.setText(note.topics)
        self.content.setPlainText(note.content)
        self.agreements.setPlainText(note.agreements)
        self.interpreter.setChecked(note.interpreter)
        self.interpreter_language.setText(note.interpreter_language)
        self.parties.set_rows(note.organizations)
        main = note.organization_id
        if main is not None and main != self.organization_id and note.organization_name:
            text = _("Also taking part: {name} (the note's organisation)")
            self.parties.set_also(text.format(name=note.organization_name))

    def snapshot(self) -> tuple:
        """Everything the user can change, to notice unsaved input."""
        return (
            self.occurred_at.dateTime(),
            self.kind.value(),
            self.duration.value(),
            self.topics.text(),
            self.content.toPlainText(),
            self.agreements.toPlainText(),
            self.interpreter.isChecked(),
            self.interpreter_language.text(),
            self.parties.parties(),
        )

    def is_modified(self) -> bool:
        return self.snapshot() != self._initial

    def note_input(self) -> NoteInput:
        occurred_at = from_qdatetime(self.occurred_at.dateTime())
        if self.note is not None and self.occurred_at.dateTime() == self._initial[0]:
            occurred_at = self.note.occurred_at  # keep the seconds the editor does not show
        interpreter = self.interpreter.isChecked()
        return NoteInput(
            occurred_at=occurred_at,
            kind=self.kind.value(),  # type: ignore[arg-type]
            content=self.content.toPlainText(),
            duration_minutes=self.duration.value() or None,
            topics=self.topics.text(),
            agreements=self.agreements.toPlainText(),
            interpreter=interpreter,
            interpreter_language=self.interpreter_language.text() if interpreter else "",
            organizations=self.parties.parties(),
        )

    # -- saving and closing ---------------------------------------------------------------

    def _participant_ready(self) -> bool:
        return self.participant_id is not None

    def accept(self) -> None:
        if self.organization_id is not None:
            self._save_organization_note()
            return
        if not self._participant_ready():
            return
        assert self.participant_id is not None
        data, participant_id, note = self.note_input(), self.participant_id, self.note
        changes = self._ops.run(
            lambda uow: (
                add_note(uow, participant_id, data)
                if note is None
                else update_note(uow, note.id, data)
            ),
            parent=self,
            failed=_("The contact note was not saved:"),
            fields=self.field_widgets,
        )
        if changes is None:
            return
        self.saved_id = changes.created if note is None else note.id
        super().accept()

    def _save_organization_note(self) -> None:
        data, organization_id, note = self.note_input(), self.organization_id, self.note
        assert organization_id is not None
        changes = self._ops.run(
            lambda uow: (
                add_organization_note(uow, organization_id, data)
                if note is None
                else update_note(uow, note.id, data)
            ),
            parent=self,
            failed=_("The contact note was not saved:"),
            fields=self.field_widgets,
        )
        if changes is None:
            return
        self.saved_id = changes.created if note is None else note.id
        super().accept()

    def reject(self) -> None:
        if self.is_modified() and not self._discard_confirmed():
            return
        super().reject()

    def _discard_confirmed(self) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Discard?"),
            _("You have typed something that is not saved yet. Discard it?"),
            buttons.Discard | buttons.Cancel,
            buttons.Cancel,
        )
        return answer == buttons.Discard


class QuickNoteDialog(NoteDialog):
    """A new note from anywhere; without a participant it starts with a participant chooser."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.chooser: ParticipantChooser | None = None
        super().__init__(lotse, ops, participant_id, None, parent)
        if self.chooser is not None:
            self.chooser.search.setFocus()

    def _build_top(self) -> None:
        if self.participant_id is not None:
            return
        self.chooser = ParticipantChooser(self._lotse, self)
        self.chooser.chosen.connect(self._on_chosen)
        caption = QLabel(escape(_("Participant")) + ":", self)
        caption.setBuddy(self.chooser.search)
        # Qt names a field after a buddy label only among its siblings: name it as shown
        self.chooser.search.setAccessibleName(_("Participant"))
        self.form.addRow(caption, self.chooser)

    def _on_chosen(self, participant_id: int) -> None:
        self.participant_id = participant_id
        self._update_title()
        self.content.setFocus()

    def _participant_ready(self) -> bool:
        if self.chooser is not None:
            self.participant_id = self.chooser.participant_id
        if self.participant_id is not None:
            return True
        QMessageBox.warning(
            self,
            _("Please check your entries"),
            _("Please choose the participant this note is about."),
        )
        if self.chooser is not None:
            self.chooser.search.setFocus()
        return False
