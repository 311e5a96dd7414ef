"""The tab Schüler:innen (a school) or Auszubildende (a training company, an employer, a
chamber) of a saved organisation: the people who name it, with their Abbruchrisiko, open
Maßnahmen and the last contact, the most urgent first (app.services.network_views). Enter or
a double click asks for the person's record (``open_participant``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _, format_number, ngettext
from app.services.network_views import StudentRow, students_of
from app.vocab import DropoutRisk
from ui.operations import Operations
from ui.organization.panels import OrganizationPanel
from ui.organization.tables import ColumnsModel, TableColumn
from ui.widgets.colours import make_hint
from ui.widgets.formatting import EMPTY, date_text
from ui.widgets.read_only_table import read_only_table


def class_or_occupation(row: StudentRow) -> str:
    """ "10b · Bäcker:in": the Klasse and the Ausbildungsberuf, whichever are known."""
    return " · ".join(part for part in (row.school_class, row.occupation) if part)


def risk_text(row: StudentRow) -> str:
    """ "⚠ hoch, 12.10.2026" (not by colour alone); "—" when not assessed."""
    if row.dropout_risk is None:
        return EMPTY
    text = row.dropout_risk.label
    if row.dropout_risk == DropoutRisk.HIGH:
        text = f"⚠ {text}"
    if row.risk_assessed_on is not None:
        text = f"{text}, {date_text(row.risk_assessed_on)}"
    return text


def contact_text(row: StudentRow) -> str:
    """ "03.11.2026 (vor 29 Tagen)", or "noch keiner"."""
    if row.last_contact is None:
        return _("none yet")
    days = row.days_without_contact or 0
    if days == 0:
        return f"{date_text(row.last_contact)} ({_('today')})"
    ago = ngettext("{count} day ago", "{count} days ago", days).format(count=format_number(days))
    return f"{date_text(row.last_contact)} ({ago})"


def name_text(row: StudentRow) -> str:
    if row.exited:
        return f"{row.name} ({row.status.label})"
    return row.name


STUDENT_COLUMNS = (
    TableColumn(N_("Name"), name_text),
    TableColumn(N_("Class / occupation"), class_or_occupation),
    TableColumn(N_("Year"), lambda row: "" if row.year is None else str(row.year)),
    TableColumn(N_("Risk"), risk_text),
    TableColumn(N_("Open measures"), lambda row: format_number(row.open_measures)),
    TableColumn(N_("Last contact"), contact_text),
)
# Widths from typical texts (characters), not from the contents: a large school lists
# thousands, and measuring every row made the tab slow to open. Name takes the rest.
COLUMN_CHARS = (None, 34, 4, 16, 4, 26)


class StudentsPanel(OrganizationPanel):
    """The organisation's students or apprentices; ``today`` is fixed by tests."""

    open_participant = Signal(int)

    def __init__(
        self, lotse: Lotse, ops: Operations, organization_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(lotse, ops, organization_id, parent)
        self.today: date | None = None
        self.open_button = QPushButton(_("&Open participant"), self)
        self.open_button.clicked.connect(self._open_current)
        self.exited_box = QCheckBox(_("Show exited participants too"), self)
        self.exited_box.toggled.connect(lambda _checked: self.reload())
        self._add_button_row(self.open_button)
        row = self.panel_layout.itemAt(self.panel_layout.count() - 1).layout()
        assert row is not None
        row.insertWidget(1, self.exited_box)  # beside the button, before the stretch
        self.model = ColumnsModel(STUDENT_COLUMNS, self)
        self.view = read_only_table(self.model, self, stretch_column=0)
        header = self.view.horizontalHeader()
        chars = self.view.fontMetrics().averageCharWidth()
        for column, width in enumerate(COLUMN_CHARS):
            if width is None:
                continue
            caption = header.fontMetrics().horizontalAdvance(
                str(self.model.headerData(column, Qt.Orientation.Horizontal))
            )
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(chars * width, caption) + 16)
        self.view.setAccessibleName(_("Students and apprentices"))
        self.view.setAccessibleDescription(
            _("High dropout risk first, then the longest without contact")
        )
        self.view.activated.connect(lambda _index: self._open_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.empty = make_hint(
            QLabel(
                _(
                    "Nobody names this organisation yet as school, training company or "
                    "competent body."
                ),
                self,
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.panel_layout.addWidget(self.stack, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.panel_layout.addWidget(self.summary)
        self.reload()

    def _concerns(self, changes: Changes) -> bool:
        # participants: their links, class, risk; measures and notes: the counts and contacts
        return bool(changes.participants or changes.measures or changes.notes)

    def reload(self) -> None:
        current = self.model.current_row(self.view)
        rows = students_of(
            self._lotse.reads,
            self.organization_id,
            self.today or date.today(),
            include_exited=self.exited_box.isChecked(),
        )
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.view.selectRow(max(row, 0))
        self.summary.setText(summary_text(rows))
        self._update_buttons()

    def rows(self) -> list[StudentRow]:
        return self.model.rows()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.model.current_row(self.view) is not None)

    def _open_current(self) -> None:
        row = self.model.current_row(self.view)
        if row is not None:
            self.open_participant.emit(row.id)


def summary_text(rows: list[StudentRow]) -> str:
    """ "12 people, 3 of them at high dropout risk, 2 with open measures"."""
    if not rows:
        return ""
    high = sum(1 for row in rows if row.dropout_risk == DropoutRisk.HIGH)
    measures = sum(1 for row in rows if row.open_measures)
    text = ngettext("{count} person", "{count} people", len(rows)).format(
        count=format_number(len(rows))
    )
    return _("{people}: {high} at high dropout risk, {measures} with open measures.").format(
        people=text, high=format_number(high), measures=format_number(measures)
    )
