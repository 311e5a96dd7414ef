"""The tab "Förderbedarf": the student's Förderbedarfsermittlungen as dated versions.

Left the versions (newest first), right the chosen one: date, who took part, and per area its
level and note. "Neue Ermittlung…" starts the next version from the newest one; only the
newest can be edited or deleted (app.services.needs_assessments), the older ones are shown
for reading.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _
from app.models.training import NEED_AREAS
from app.services import needs_assessments as needs
from app.services.needs_assessments import AssessmentRow
from ui.mnemonics import escape, mark_destructive
from ui.operations import Operations
from ui.participant.needs_dialog import NeedsAssessmentDialog, bold
from ui.row_models import RowsById
from ui.widgets.colours import make_hint
from ui.widgets.formatting import EMPTY, date_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, run_dialog

_Index = QModelIndex | QPersistentModelIndex
_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse
LIST_CHARS = 26  # "Version 12 vom 12.11.2026" and a little room


class VersionModel(RowsById, QAbstractListModel):
    """AssessmentRow tuples, newest first: "Version 3 vom 12.11.2026"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentRow] = []

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            newest = index.row() == 0
            return f"{row.title} ({_('newest') if newest else _('read only')})"
        return None


def _value_label(parent: QWidget, name: str) -> QLabel:
    shown = QLabel(EMPTY, parent)
    shown.setTextInteractionFlags(_SELECTABLE)
    shown.setWordWrap(True)
    shown.setAccessibleName(name)
    return shown


class AssessmentView(QWidget):
    """One version for reading: date, who took part, who recorded it, and a grid of the five
    areas with level and note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = bold(QLabel(self))
        self.state = make_hint(QLabel(self))
        self.state.setWordWrap(True)
        self.details = details = QWidget(self)  # hidden while there is no version

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.assessed_on = _value_label(details, needs.label("assessed_on"))
        self.taken_part = _value_label(details, needs.label("taken_part"))
        self.author = _value_label(details, _("Recorded by"))
        for text, shown in (
            (needs.label("assessed_on"), self.assessed_on),
            (needs.label("taken_part"), self.taken_part),
            (_("Recorded by"), self.author),
        ):
            form.addRow(QLabel(escape(text) + ":", details), shown)

        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(16)
        for column, text in enumerate((_("Area"), _("Need"), _("Note"))):
            grid.addWidget(bold(QLabel(escape(text), details)), 0, column)
        self.levels: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        for row, area in enumerate(NEED_AREAS, start=1):
            caption = QLabel(escape(needs.area_caption(area)) + ":", details)
            level = _value_label(details, needs.label(needs.level_field(area)))
            note = _value_label(details, needs.label(needs.note_field(area)))
            for column, widget in enumerate((caption, level, note)):
                grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)
            self.levels[area] = level
            self.notes[area] = note

        inner = QVBoxLayout(details)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addSpacing(8)
        inner.addLayout(grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addWidget(details)
        layout.addStretch(1)

    def show_row(self, row: AssessmentRow | None, newest: bool) -> None:
        self.details.setVisible(row is not None)
        self.heading.setText(row.title if row else _("No needs assessment yet"))
        if row is None:
            self.state.setText(_("“New assessment…” records the first version."))
        elif newest:
            self.state.setText(_("The newest version: it feeds the record and a new support plan."))
        else:
            self.state.setText(_("An older version, kept as history: read only."))
        self.assessed_on.setText(date_text(row.assessed_on) if row else EMPTY)
        self.taken_part.setText((row.taken_part if row else "") or EMPTY)
        self.author.setText((row.author if row else "") or EMPTY)
        for area in NEED_AREAS:
            level = row.levels.get(area) if row else None
            self.levels[area].setText(level.label if level is not None else EMPTY)
            self.notes[area].setText((row.notes.get(area, "") if row else "") or EMPTY)


class NeedsAssessmentPanel(ParticipantPanel):
    """The tab "Förderbedarf": versions on the left, the chosen one on the right."""

    def __init__(
        self, lotse: Lotse, ops: Operations, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.new_button = QPushButton(_("New assessment…"), self)
        self.new_button.setToolTip(_("The next version, starting from the newest one"))
        self.new_button.clicked.connect(self.new_assessment)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_assessment)
        self.delete_button = QPushButton(_("Delete…"), self)
        mark_destructive(self.delete_button)
        self.delete_button.clicked.connect(self.delete_assessment)
        self._add_button_row(self.new_button, self.edit_button, self.delete_button)

        self.model = VersionModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Versions"))
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setFixedWidth(self.fontMetrics().horizontalAdvance("0" * LIST_CHARS) + 24)
        self.list.activated.connect(lambda _index: self.edit_assessment())
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        caption = bold(QLabel(escape(_("Versions")), self))
        caption.setBuddy(self.list)
        left = QVBoxLayout()
        left.addWidget(caption)
        left.addWidget(self.list, 1)

        self.view = AssessmentView()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.view)
        scroll.viewport().setAutoFillBackground(False)  # the tab's own background
        self.view.setAutoFillBackground(False)
        self.scroll = scroll

        row = QHBoxLayout()
        row.addLayout(left)
        row.addSpacing(12)
        row.addWidget(scroll, 1)
        self.panel_layout.addLayout(row, 1)

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.selected()
        rows = needs.assessments_of(self._lotse.reads, self.participant_id)
        self.model.set_rows(rows)
        if rows:
            index = self.model.row_of(current.id) if current is not None else 0
            self.list.setCurrentIndex(self.model.index(max(index, 0)))
        self._show_current()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self._concerns(changes, frozenset()):  # a version counts as the person
            self.reload()

    def rows(self) -> Sequence[AssessmentRow]:
        return [self.model.row_at(index) for index in range(self.model.rowCount())]

    def selected(self) -> AssessmentRow | None:
        return self.model.current_row(self.list)

    def newest(self) -> AssessmentRow | None:
        return self.model.row_at(0) if self.model.rowCount() else None

    def _is_newest(self, row: AssessmentRow | None) -> bool:
        newest = self.newest()
        return row is not None and newest is not None and row.id == newest.id

    def _show_current(self) -> None:
        row = self.selected()
        self.view.show_row(row, self._is_newest(row))
        editable = self._is_newest(row)
        reason = "" if editable else _("Only the newest version can be changed.")
        if row is None:
            reason = _("There is no needs assessment yet.")
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(editable)
            button.setToolTip(reason)

    def select(self, assessment_id: int) -> None:
        self.list.setCurrentIndex(self.model.index(max(self.model.row_of(assessment_id), 0)))

    # -- actions --------------------------------------------------------------------------

    def new_assessment(self) -> int | None:
        newest = self.newest()
        dialog = NeedsAssessmentDialog(
            self._lotse,
            self._ops,
            self.participant_id,
            self,
            prefill=newest,
            next_version=newest.version + 1 if newest else 1,
        )
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            self.select(saved)
        self.list.setFocus()
        return saved

    def edit_assessment(self) -> bool:
        row = self.selected()
        if row is None or not self._is_newest(row):
            return False
        dialog = NeedsAssessmentDialog(
            self._lotse, self._ops, self.participant_id, self, editing=row
        )
        done = run_dialog(dialog)
        self.list.setFocus()
        return done

    def delete_assessment(self) -> bool:
        row = self.selected()
        if row is None or not self._is_newest(row):
            return False
        if row.version > 1:
            question = _(
                "Delete {title}? Version {previous} becomes the newest again, and the record "
                "follows it."
            ).format(title=row.title, previous=row.version - 1)
        else:
            question = _(
                "Delete {title}? The record's support needs and their date are emptied."
            ).format(title=row.title)
        if not confirm(self, _("Delete needs assessment"), question):
            return False
        done = (
            self._ops.run(lambda uow: needs.delete_assessment(uow, row.id), parent=self) is not None
        )
        self.list.setFocus()
        return done
