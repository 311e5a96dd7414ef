"""Kurse & Maßnahmen, tab Maßnahmen: the measures of every person with a status filter (alle
offenen, wartet auf Bewilligung, laufend, endet bald, abgeschlossen, alle) and a search over
the person, the Art and the Anbieter. Enter, double-click or "Zur Person" open the person's
record (``open_requested``).

A measure ending soon says so in words in its row ("· endet bald"); the colour only repeats
it. While the page is hidden a change only marks it stale; it reads again when shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _, format_number
from app.services.measures import (
    MeasureFilter,
    MeasureListRow,
    MeasureQuery,
    list_measures,
    measure_counts,
)
from ui.job_offer.placements import RowTableModel
from ui.operations import Operations
from ui.widgets.colours import alert_colour
from ui.widgets.formatting import date_text
from ui.widgets.read_only_table import read_only_table
from ui.widgets.search_list import SearchListKeys


def measure_count_text(count: int) -> str:
    # (no ngettext: scripts/translate.py does not merge plural forms yet)
    return _("Measures: {n}").format(n=format_number(count))


class MeasureListModel(RowTableModel):
    PERSON, KIND, PROVIDER, STATUS, APPLIED, START, END = range(7)
    HEADERS = (
        N_("Participant"),
        N_("Kind"),
        N_("Provider"),
        N_("Status"),
        N_("Applied for"),
        N_("Start"),
        N_("End"),
    )

    @staticmethod
    def end_text(row: MeasureListRow, *, spoken: bool = False) -> str:
        day = date_text(row.end)
        if not row.ending_soon:
            return day
        return (_("{date}, ending soon") if spoken else _("{date} · ending soon")).format(date=day)

    def _text(self, row: MeasureListRow, column: int) -> str:
        return {
            self.PERSON: row.participant_name,
            self.KIND: row.kind.label,
            self.PROVIDER: row.provider_name,
            self.STATUS: row.status.label,
            self.APPLIED: date_text(row.applied_on),
            self.START: date_text(row.start),
            self.END: self.end_text(row),
        }[column]

    def _tooltip(self, row: MeasureListRow) -> str:
        return " · ".join(part for part in (row.kind.label, row.provider_name) if part)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: ANN001
        if index.isValid() and 0 <= index.row() < len(self._rows):
            row = self._rows[index.row()]
            if index.column() == self.END and row.ending_soon:
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    return self.end_text(row, spoken=True)
                if role == Qt.ItemDataRole.ForegroundRole:
                    return alert_colour(QApplication.palette())
        return super().data(index, role)


class MeasuresList(QWidget):
    """``open_requested(participant_id)``: the chosen measure's person is to be shown."""

    open_requested = Signal(int)  # a participant id

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self._stale = False
        self.today: date | None = None  # None: the real today (tests fix it)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by person, kind of measure or provider …"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search measures"))
        self.status_filter = QComboBox(self)
        for choice in MeasureFilter:
            self.status_filter.addItem(choice.label, choice.value)
        self.status_filter.setAccessibleName(_("Status"))
        self.open_button = QPushButton(_("To the person"), self)
        self.open_button.setToolTip(_("Open the record of the chosen measure's person"))
        self.count_label = QLabel(self)
        self.model = MeasureListModel(self)
        self.table = read_only_table(self.model, self, stretch_column=MeasureListModel.KIND)
        self.table.setAccessibleName(_("Measures"))
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        for column, width in ((MeasureListModel.PERSON, 26), (MeasureListModel.PROVIDER, 30)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, chars * width)
        self._layout()

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.refresh,
            selected=self.selected_id,
            select_row=self.table.selectRow,
            open_chosen=self.open_selected,
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ops.changed.connect(self._on_changed)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self.refresh()

    def _layout(self) -> None:
        search_label = QLabel(_("Search:"), self)
        search_label.setBuddy(self.search)
        status_label = QLabel(_("Status:"), self)
        status_label.setBuddy(self.status_filter)
        search_row = QHBoxLayout()
        search_row.setSpacing(8)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addSpacing(16)
        search_row.addWidget(self.open_button)
        filter_row = QHBoxLayout()
        filter_row.setSpacing(8)
        filter_row.addWidget(status_label)
        filter_row.addWidget(self.status_filter)
        filter_row.addStretch(1)
        filter_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(search_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)

    # -- data -------------------------------------------------------------------------------

    def query(self) -> MeasureQuery:
        return MeasureQuery(status=self.current_filter(), text=self.search.text())

    def current_filter(self) -> MeasureFilter:
        return MeasureFilter(self.status_filter.currentData())

    def set_filter(self, choice: MeasureFilter) -> None:
        self.status_filter.setCurrentIndex(self.status_filter.findData(choice.value))

    def refresh(self) -> None:
        """Read again with the search and the filter; keep the chosen measure."""
        self._keys.timer.stop()
        self._stale = False
        selected = self.selected_id()
        rows = list_measures(self._lotse.reads, self.query(), self.today)
        self.model.set_rows(rows)
        counts = measure_counts(self._lotse.reads, self.today)
        for index in range(self.status_filter.count()):
            choice = MeasureFilter(self.status_filter.itemData(index))
            self.status_filter.setItemText(
                index, f"{choice.label} ({format_number(counts[choice])})"
            )
        self.count_label.setText(measure_count_text(len(rows)))
        row = -1 if selected is None else self.model.row_of(selected)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def rows(self) -> Sequence[MeasureListRow]:
        return [self.model.row_at(index) for index in range(self.model.rowCount())]

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def selected_row(self) -> MeasureListRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if not (changes.many or changes.measures or changes.organizations or changes.participants):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # -- actions ----------------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_requested.emit(row.participant_id)
