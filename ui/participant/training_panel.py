"""The tab "Ausbildungsverlauf" of a student's record: Fehlzeiten with their totals, Prüfungen
and Erziehungsberechtigte, each a table with Erfassen…, Bearbeiten… and Löschen….

The absences take the left half (they grow longest); exams and guardians share the right.
The record's totals (tab "Ausbildung") are kept by app.services.absences with every change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _
from app.services import absences, exams, guardians
from app.services.absences import AbsenceRow, AbsenceTotals
from app.services.exams import ExamRow
from app.services.guardians import GuardianRow
from app.vocab import ExamKind, ExamResult, GuardianRelation
from ui.mnemonics import escape, mark_destructive
from ui.operations import Operations
from ui.participant.training_dialogs import AbsenceDialog, ExamDialog, GuardianDialog
from ui.row_models import RowTableModel
from ui.widgets.colours import make_hint
from ui.widgets.formatting import date_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, SavingDialog, run_dialog
from ui.widgets.read_only_table import read_only_table

STRETCH = None  # a column that takes the spare width
DATE_TEXT = ("00.00.0000",)


class AbsenceModel(RowTableModel):
    DAY, HOURS, UNEXCUSED, NOTE = range(4)
    HEADERS = (N_("Date"), N_("Hours"), N_("of them unexcused"), N_("Remark"))
    WIDEST = (DATE_TEXT, ("000",), ("000",), STRETCH)

    def _text(self, row: AbsenceRow, column: int) -> str:
        return (date_text(row.absent_on), str(row.hours), str(row.unexcused_hours), row.note)[
            column
        ]

    def _tooltip(self, row: AbsenceRow) -> str:
        return row.note

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            self.HOURS,
            self.UNEXCUSED,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class ExamModel(RowTableModel):
    DAY, KIND, TITLE, RESULT, GRADE = range(5)
    HEADERS = (N_("Date"), N_("Kind"), N_("Designation"), N_("Result"), N_("Grade"))
    WIDEST = (
        DATE_TEXT,
        tuple(kind.label for kind in ExamKind),
        STRETCH,
        tuple(result.label for result in ExamResult),
        ("00,0",),
    )

    def _text(self, row: ExamRow, column: int) -> str:
        return (
            date_text(row.taken_on),
            row.kind.label if row.kind else "",
            row.title,
            row.result.label if row.result else "",
            row.grade,
        )[column]

    def _tooltip(self, row: ExamRow) -> str:
        return "\n".join(text for text in (row.title, row.notes) if text)


class GuardianModel(RowTableModel):
    NAME, RELATION, PHONE, EMAIL = range(4)
    HEADERS = (N_("Name"), N_("Relation"), N_("Phone"), N_("E-mail"))
    WIDEST = (STRETCH, tuple(r.label for r in GuardianRelation), ("0000 00000000",), STRETCH)

    def _text(self, row: GuardianRow, column: int) -> str:
        relation = row.relation.label if row.relation else ""
        return (row.name, relation, row.phone, row.email)[column]

    def _tooltip(self, row: GuardianRow) -> str:
        return row.address


def _fit_columns(view: QTableView, widest: Sequence[Sequence[str] | None]) -> None:
    """Each column as wide as its widest possible text (dates, hours, a vocabulary) or its
    header, resizable by the user; the others (``STRETCH``) share the spare width. Fixed
    widths: a long list is not measured row by row (ResizeToContents reads every cell)."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    metrics = view.fontMetrics()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 6
    for column, texts in enumerate(widest):
        if texts is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        width = max(metrics.horizontalAdvance(text) for text in texts) + margin
        header.resizeSection(column, max(width, header.sectionSizeHint(column)))


def totals_text(totals: AbsenceTotals, carried: AbsenceTotals | None = None) -> str:
    """ "Gesamt 46 Std., davon 12 unentschuldigt (Stand 14.11.2026)"; ``carried``: the totals
    of a record without dated entries yet (absences.carried_totals)."""
    if not totals.count and carried is not None:
        return _(
            "Total {hours} h, of them {unexcused} unexcused (as of {date}), without single "
            "entries: the first entry takes them over."
        ).format(hours=carried.hours, unexcused=carried.unexcused, date=date_text(carried.latest))
    if not totals.count:
        return _("No absences recorded.")
    return _("Total {hours} h, of them {unexcused} unexcused (as of {date})").format(
        hours=totals.hours, unexcused=totals.unexcused, date=date_text(totals.latest)
    )


class _ListBox(QGroupBox):
    """One list of the tab: Erfassen…, Bearbeiten…, Löschen… above its table."""

    def __init__(self, title: str, model: RowTableModel, parent: QWidget) -> None:
        super().__init__(escape(title), parent)
        self.model = model
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Record…"), self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.delete_button = QPushButton(_("Delete…"), self)
        mark_destructive(self.delete_button)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)  # Enter in the record is no click
            # three lists with the same buttons: the name says which list
            button.setAccessibleName(
                _("{list}: {action}").format(list=title, action=button.text().replace("&", ""))
            )
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.view = read_only_table(model, self)
        self.view.setAccessibleName(title)
        _fit_columns(self.view, model.WIDEST)  # type: ignore[attr-defined]
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        layout.addWidget(self.view, 1)

    def selected(self) -> Any | None:
        return self.model.current_row(self.view)

    def set_rows(self, rows: Sequence[Any]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(max(self.model.row_of(current.id) if current else 0, 0))
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)


class TrainingProgressPanel(ParticipantPanel):
    """Fehlzeiten (with the totals line), Prüfungen, Erziehungsberechtigte of one student."""

    def __init__(
        self, lotse: Lotse, ops: Operations, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        self.absences = _ListBox(_("Absences"), AbsenceModel(self), splitter)
        self.totals = QLabel(self.absences)
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.absences.layout().addWidget(self.totals)  # type: ignore[union-attr]

        right = QSplitter(Qt.Orientation.Vertical, splitter)
        right.setChildrenCollapsible(False)
        self.exams = _ListBox(_("Exams"), ExamModel(self), right)
        self.guardians = _ListBox(_("Guardians"), GuardianModel(self), right)
        self.minor_hint = make_hint(
            QLabel(_("Minor: record the guardians for consents"), self.guardians)
        )
        self.minor_hint.setWordWrap(True)
        self.guardians.layout().insertWidget(1, self.minor_hint)  # type: ignore[union-attr]
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        splitter.setStretchFactor(0, 5)  # a little more for the exams' longer rows
        splitter.setStretchFactor(1, 6)
        self.panel_layout.addWidget(splitter, 1)

        self._wire(self.absences, self._absence_dialog, self._delete_absence)
        self._wire(self.exams, self._exam_dialog, self._delete_exam)
        self._wire(self.guardians, self._guardian_dialog, self._delete_guardian)
        ops.changed.connect(self._on_changed)
        self.reload()

    def _wire(
        self,
        box: _ListBox,
        dialog: Callable[[Any | None], SavingDialog],
        delete: Callable[[Any], bool],
    ) -> None:
        box.add_button.clicked.connect(lambda: self._add(box, dialog))
        box.edit_button.clicked.connect(lambda: self._edit(box, dialog))
        box.view.activated.connect(lambda _index: self._edit(box, dialog))
        box.delete_button.clicked.connect(lambda: self._delete(box, delete))

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        reads, pid = self._lotse.reads, self.participant_id
        self.absences.set_rows(absences.absences_of(reads, pid))
        totals = absences.absence_totals(reads, pid)
        carried = None if totals.count else absences.carried_totals(reads, pid)
        self.totals.setText(totals_text(totals, carried))
        self.exams.set_rows(exams.exams_of(reads, pid))
        recorded = guardians.guardians_of(reads, pid)
        self.guardians.set_rows(recorded)
        self.minor_hint.setVisible(not recorded and bool(guardians.is_minor(reads, pid)))

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self._concerns(changes, frozenset()):  # the lists count as the person's record
            self.reload()

    # -- actions --------------------------------------------------------------------------

    def _add(self, box: _ListBox, dialog: Callable[[Any | None], SavingDialog]) -> int | None:
        return self._run_new(dialog(None), box.view, box.model.row_of)

    def _edit(self, box: _ListBox, dialog: Callable[[Any | None], SavingDialog]) -> bool:
        row = box.selected()
        if row is None:
            return False
        done = run_dialog(dialog(row))
        box.view.setFocus()
        return done

    def _delete(self, box: _ListBox, delete: Callable[[Any], bool]) -> bool:
        row = box.selected()
        done = row is not None and delete(row)
        box.view.setFocus()
        return done

    def _absence_dialog(self, row: AbsenceRow | None) -> SavingDialog:
        return AbsenceDialog(self._lotse, self._ops, self.participant_id, row, self)

    def _exam_dialog(self, row: ExamRow | None) -> SavingDialog:
        return ExamDialog(self._lotse, self._ops, self.participant_id, row, self)

    def _guardian_dialog(self, row: GuardianRow | None) -> SavingDialog:
        return GuardianDialog(self._lotse, self._ops, self.participant_id, row, self)

    def _delete_absence(self, row: AbsenceRow) -> bool:
        text = _("Delete the absence of {date} ({hours} h)?").format(
            date=date_text(row.absent_on), hours=row.hours
        )
        if not confirm(self, _("Delete absence"), text):
            return False
        return (
            self._ops.run(
                lambda uow: absences.delete_absence(uow, row.id),
                parent=self,
                failed=_("The absence was not deleted:"),
            )
            is not None
        )

    def _delete_exam(self, row: ExamRow) -> bool:
        text = _("Delete the exam “{name}”?").format(name=row.name or date_text(row.taken_on))
        if not confirm(self, _("Delete exam"), text):
            return False
        return (
            self._ops.run(
                lambda uow: exams.delete_exam(uow, row.id),
                parent=self,
                failed=_("The exam was not deleted:"),
            )
            is not None
        )

    def _delete_guardian(self, row: GuardianRow) -> bool:
        text = _("Delete {name} as a guardian? Consents they gave keep their name.").format(
            name=row.name
        )
        if not confirm(self, _("Delete guardian"), text):
            return False
        return (
            self._ops.run(
                lambda uow: guardians.delete_guardian(uow, row.id),
                parent=self,
                failed=_("The guardian was not deleted:"),
            )
            is not None
        )

    # -- for tests ------------------------------------------------------------------------

    def add_absence(self) -> int | None:
        return self._add(self.absences, self._absence_dialog)

    def add_exam(self) -> int | None:
        return self._add(self.exams, self._exam_dialog)

    def add_guardian(self) -> int | None:
        return self._add(self.guardians, self._guardian_dialog)
