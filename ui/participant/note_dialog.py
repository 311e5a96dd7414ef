"""The quick entry form for a Gesprächsnotiz: new or edited, for one participant or any, or
for an organisation (a contact with an employer, a school, …: ``organization_id``)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.i18n import _
from app.services.caseload import participant_name
from app.services.contact_notes import (
    MAX_MINUTES,
    NoteInput,
    NoteRow,
    add_note,
    add_organization_note,
    label,
    update_note,
)
from app.services.organizations import organization_name
from app.vocab import ContactKind
from ui.mnemonics import escape
from ui.operations import Operations
from ui.participant.participant_chooser import ParticipantChooser
from ui.widgets.colours import make_hint
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.formatting import EMPTY

DATE_TIME_FORMAT = "dd.MM.yyyy HH:mm"
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def to_qdatetime(moment: datetime) -> QDateTime:
    """A UTC timestamp as local QDateTime, to the minute."""
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    """The local date and time of the editor as timezone-aware UTC."""
    day, time = value.date(), value.time()
    naive = datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
    return naive.astimezone(UTC)  # a naive datetime counts as local time here


def now_to_minute() -> QDateTime:
    now = QDateTime.currentDateTime()
    return QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()))


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
        }

    def _update_title(self) -> None:
        title = _("Edit contact note") if self.note else _("New contact note")
        if self.participant_id is not None:
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
