"""Wiedervorlagen of one participant: manual and generated ones, overdue highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import N_, _
from app.services.follow_up_lists import FollowUpRow, follow_ups_of
from app.services.follow_ups import LABELS, create_follow_up, delete_follow_up, set_done
from app.vocab import FollowUpKind
from ui.operations import Operations
from ui.row_models import RowTableModel
from ui.widgets.colours import alert_colour, muted_colour
from ui.widgets.date_field import DateField, read_date
from ui.widgets.formatting import date_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, SavingDialog, fit_date_width
from ui.widgets.read_only_table import read_only_table

DISPLAY = Qt.ItemDataRole.DisplayRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def field_label(name: str) -> str:
    return _(LABELS[name])


def is_generated(row: FollowUpRow) -> bool:
    return row.kind != FollowUpKind.MANUAL


def kind_text(row: FollowUpRow) -> str:
    if is_generated(row):
        return _("automatic: {kind}").format(kind=row.kind.label)
    return _("manual")


class FollowUpModel(RowTableModel):
    """FollowUpRow tuples in due-date order; overdue rows red and bold, due today bold, each
    also said in the date cell ("· überfällig", "· heute"), done rows grey."""

    DUE, TITLE, PERSON, KIND, DONE = range(5)
    HEADERS = {
        DUE: N_("Due on"),
        TITLE: N_("Subject"),
        PERSON: N_("Participant"),
        KIND: N_("Kind"),
        DONE: N_("Done"),
    }

    def __init__(self, *, with_person: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()
        self.columns = [self.DUE, self.TITLE]
        self.columns += [self.PERSON] if with_person else []
        self.columns += [self.KIND] if with_person else [self.KIND, self.DONE]

    def is_overdue(self, row: FollowUpRow) -> bool:
        return not row.done and row.due_date < self._today

    def _due_text(self, row: FollowUpRow, *, spoken: bool = False) -> str:
        """The date, and in words what the colour and the bold type show: not by colour alone
        (``spoken``: as a screen reader says it)."""
        day = date_text(row.due_date)
        if self.is_overdue(row):
            return (_("{date}, overdue") if spoken else _("{date} · overdue")).format(date=day)
        if self._due_today(row):
            return (_("{date}, due today") if spoken else _("{date} · today")).format(date=day)
        return day

    def _text(self, row: FollowUpRow, column: int) -> str:
        if column == self.DUE:
            return self._due_text(row)
        if column == self.TITLE:
            return row.title
        if column == self.PERSON:
            return row.participant_name
        if column == self.KIND:
            return kind_text(row)
        return _("done") if row.done else ""

    def _spoken(self, row: FollowUpRow, column: int) -> str:
        if column == self.DUE:
            return self._due_text(row, spoken=True)
        return self._text(row, column)

    def _cell_tooltip(self, row: FollowUpRow, column: int) -> str | None:
        whole = self._text(row, column) if column in (self.TITLE, self.KIND) else ""
        return "\n".join(line for line in (whole, self._tooltip(row)) if line)

    def _foreground(self, row: FollowUpRow, column: int) -> QColor | None:
        if self.is_overdue(row):
            return alert_colour(QApplication.palette())
        if row.done:
            return muted_colour(QApplication.palette())
        return None

    def _font(self, row: FollowUpRow, column: int) -> QFont | None:
        if not (self.is_overdue(row) or self._due_today(row)):
            return None
        font = QFont()
        font.setBold(True)
        return font

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> object:
        if role == ID_ROLE and index.isValid() and 0 <= index.row() < len(self._rows):
            return self._rows[index.row()].id
        return super().data(index, role)

    def _due_today(self, row: FollowUpRow) -> bool:
        return not row.done and row.due_date == self._today

    def _tooltip(self, row: FollowUpRow) -> str:
        lines = []
        if self.is_overdue(row):
            lines.append(_("Overdue since {date}.").format(date=date_text(row.due_date)))
        if is_generated(row):
            lines.append(_("Created from the dates in the record; it changes when they change."))
        return "\n".join(lines)

    def set_rows(self, rows: Sequence[FollowUpRow], today: date | None = None) -> None:
        self._today = today or date.today()  # read by data() only after the reset
        super().set_rows(rows)

    def overdue_count(self) -> int:
        return sum(1 for row in self._rows if self.is_overdue(row))


KIND_COLUMN_CHARS = 30  # "automatisch: Austritt + 6 Monate (…)" is cut there, whole as tooltip


def follow_up_table(model: FollowUpModel, parent: QWidget) -> QTableView:
    """The read-only follow-up table; the subject column takes the spare width, the kind
    column (long generated texts) stays narrow enough to leave it room."""
    view = read_only_table(model, parent, stretch_column=model.columns.index(model.TITLE))
    header = view.horizontalHeader()
    kind = model.columns.index(model.KIND)
    header.setSectionResizeMode(kind, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(kind, view.fontMetrics().averageCharWidth() * KIND_COLUMN_CHARS + 16)
    return view


class FollowUpDialog(SavingDialog):
    """A new manual Wiedervorlage: due date, subject, note."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.setWindowTitle(_("New follow-up"))
        self.setMinimumWidth(460)
        self._make_buttons(QDialogButtonBox.StandardButton.Save)

        self.due_date = DateField(self)
        self.due_date.setAccessibleName(field_label("due_date"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(field_label("title"))
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(_("Note"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = self._growing_form()
        for text, widget in (
            (field_label("due_date"), self.due_date),
            (field_label("title"), self.title_edit),
            (_("Note"), self.note),
        ):
            self._add_row(form, text, widget)
        fit_date_width(self.due_date)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {
            "due_date": self.due_date,
            "title": self.title_edit,
        }
        self.due_date.setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        due = read_date(self.due_date, "due_date", field_label("due_date"), errors)
        title, note, participant_id = (
            self.title_edit.text(),
            self.note.toPlainText().strip(),
            self.participant_id,
        )
        changes = self._store(
            lambda uow: create_follow_up(
                uow, due_date=due, title=title, participant_id=participant_id, note=note
            ),
            _("The follow-up was not saved:"),
            self.field_widgets,
            errors,
        )
        if changes is not None:
            self.saved_id = changes.created


class FollowUpsPanel(ParticipantPanel):
    """The person's follow-ups; generated ones ("automatisch") cannot be deleted here."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.new_button = self._button(_("New &follow-up…"), self.new_follow_up)
        self.done_button = self._button(
            _("D&one"), self.toggle_done, _("Mark the chosen follow-up as done, or open it again")
        )
        self.done_button.setCheckable(True)
        self.delete_button = self._button(_("Delete"), self.delete_selected)

        self.model = FollowUpModel(parent=self)
        self.view = follow_up_table(self.model, self)
        self._add_list(
            self.view,
            _("Follow-ups"),
            (self.new_button, self.done_button, self.delete_button),
            delete=self.delete_selected,
        )
        self.summary = self._add_summary()

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, today: date | None = None) -> None:
        current = self.selected()
        rows = follow_ups_of(self._lotse.reads, self.participant_id)
        self.model.set_rows(rows, today)
        row = self.model.row_of(current.id) if current else -1
        if rows:
            self.view.selectRow(max(row, 0))
        open_count = sum(1 for r in rows if not r.done)
        overdue = self.model.overdue_count()
        if not rows:
            self.summary.setText(_("No follow-ups."))
        elif overdue:
            text = _("{open} open, {overdue} of them overdue.")
            self.summary.setText(text.format(open=open_count, overdue=overdue))
        else:
            self.summary.setText(_("{open} open.").format(open=open_count))
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self._concerns(changes, changes.follow_ups):
            self.reload()

    def selected(self) -> FollowUpRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.done_button.setEnabled(row is not None)
        self.done_button.setChecked(bool(row and row.done))
        deletable = row is not None and not is_generated(row)
        self.delete_button.setEnabled(deletable)
        self.delete_button.setToolTip(
            _("Follow-ups created from the record's dates cannot be deleted; mark them done.")
            if row is not None and is_generated(row)
            else ""
        )

    # -- actions --------------------------------------------------------------------------

    def new_follow_up(self) -> int | None:
        dialog = FollowUpDialog(self._lotse, self._ops, self.participant_id, self)
        return self._run_new(dialog, self.view, self.model.row_of)

    def toggle_done(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._ops.run(
            lambda uow: set_done(uow, row.id, not row.done),
            parent=self,
            on_invalid=lambda _errors: self.reload(),  # deleted meanwhile: the reload shows it
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None or is_generated(row):
            return False
        question = _("Delete the follow-up “{title}” due on {date}?").format(
            title=row.title, date=date_text(row.due_date)
        )
        if not confirm(self, _("Delete follow-up"), question):
            return False
        return self._ops.run(lambda uow: delete_follow_up(uow, row.id), parent=self) is not None
