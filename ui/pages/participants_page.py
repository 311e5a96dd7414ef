"""Teilnehmende: search-as-you-type list with filters; search, filter and order run in SQL.

The page only lists and asks: opening or creating a record is signalled (``open_requested``,
``new_requested``) and the main window decides which editor to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _, format_number, ngettext
from app.services.caseload import (
    CaseloadList,
    ListHits,
    ListQuery,
    ParticipantRow,
    SortKey,
    participant_rows,
)
from app.vocab import ParticipantStatus, Program, SchoolForm
from ui.operations import Operations
from ui.participant_table_model import (
    Column,
    ParticipantTableModel,
    completeness_text,
    found_in_text,
    program_short_label,
)
from ui.widgets.filters import FilterCombo
from ui.widgets.search_list import SearchListKeys, search_field, search_page_layout

_DATE_SAMPLE = "00.00.0000"
_CELL_PADDING = 16  # left and right margin of a cell's text
_HEADER_PADDING = 28  # margins plus the sort indicator


def _column_samples() -> dict[Column, tuple[list[str], int]]:
    """Typical longest cell texts and a cap in characters, to size the columns without
    scanning 20,000 rows; longer texts (a long status or school form) are elided, with a
    tooltip."""
    return {
        Column.NAME: (["Schneider, Anna-Katharina"], 28),
        Column.PROGRAM: ([program_short_label(program) for program in Program], 16),
        Column.STATUS: ([status.label for status in ParticipantStatus], 17),
        Column.ENTRY: ([_DATE_SAMPLE], 12),
        Column.NEXT_FOLLOW_UP: ([_DATE_SAMPLE], 12),
        Column.LANGUAGE_OR_SCHOOL: (["BVJ25a · " + SchoolForm.BVJ.label], 18),
        Column.COMPLETENESS: ([completeness_text(14)], 12),
        Column.FOUND_IN: ([found_in_text()], 14),
    }


class ColumnFitter(QObject):
    """Column widths from sample texts; spare width goes to the name, status and German/school
    columns (the last column stretches too) until the user drags a column border."""

    GROWING = (Column.NAME, Column.STATUS, Column.LANGUAGE_OR_SCHOOL)

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._header = table.horizontalHeader()
        self._base = self._base_widths()
        self._fitting = False
        self._user_sized = False
        self._header.sectionResized.connect(self._on_section_resized)
        table.viewport().installEventFilter(self)
        self.fit()

    def _base_widths(self) -> dict[Column, int]:
        cells = self._table.fontMetrics()
        titles = self._header.fontMetrics()
        model = self._table.model()
        widths = {}
        for column, (samples, chars) in _column_samples().items():
            content = max(cells.horizontalAdvance(text) for text in samples)
            content = min(content, cells.averageCharWidth() * chars)
            title = titles.horizontalAdvance(
                str(model.headerData(column, Qt.Orientation.Horizontal))
            )
            widths[column] = max(content + _CELL_PADDING, title + _HEADER_PADDING)
        return widths

    def fit(self) -> None:
        shown = {c: w for c, w in self._base.items() if not self._table.isColumnHidden(c)}
        room = self._table.viewport().width()
        spare = room - sum(shown.values())
        if spare >= 0:
            share = spare // (len(self.GROWING) + 1)
            widths = {c: w + (share if c in self.GROWING else 0) for c, w in shown.items()}
        else:  # too narrow (a search shows one column more): the growing ones give way
            widths = self._shrunk(shown, -spare)
        self._fitting = True
        try:
            for column, width in widths.items():
                self._header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _shrunk(self, widths: dict[Column, int], deficit: int) -> dict[Column, int]:
        """Take ``deficit`` pixels from the growing columns, none below its title's width
        (a cut cell text keeps its tooltip)."""
        titles = self._header.fontMetrics()
        model = self._table.model()
        widths = dict(widths)
        for column in self.GROWING:
            if column not in widths or deficit <= 0:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            least = titles.horizontalAdvance(title) + _HEADER_PADDING
            taken = min(deficit, max(0, widths[column] - least))
            widths[column] -= taken
            deficit -= taken
        return widths

    def set_hidden(self, column: Column, hidden: bool) -> None:
        """Show or hide a column; the others are fitted again unless the user sized them."""
        self._fitting = True
        try:
            self._table.setColumnHidden(column, hidden)
        finally:
            self._fitting = False
        if not self._user_sized:
            self.fit()

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        shown = [c for c in Column if not self._table.isColumnHidden(c)]
        if not self._fitting and section != shown[-1]:  # the last one stretches by itself
            self._user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and not self._user_sized:
            self.fit()
        return super().eventFilter(watched, event)


def count_text(count: int) -> str:
    """The result count with German digit grouping, e.g. "1.234 Teilnehmende"."""
    number = format_number(count)
    return ngettext("{n} participant", "{n} participants", count).format(n=number)


class ParticipantsPage(QWidget):
    open_requested = Signal(int)  # participant id
    new_requested = Signal()

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._list = CaseloadList(lotse.reads)
        self.title = _("Participants")
        self.setAccessibleName(self.title)
        self._sort = SortKey.NAME
        self._descending = False

        self.search = search_field(
            self,
            _("Search by name, postcode/town, customer number or note text …"),
            _("Search participants"),
            min_chars=16,
        )
        self.program_filter = FilterCombo(Program, self)
        for index, program in enumerate(Program, start=1):
            self.program_filter.setItemText(index, program_short_label(program))
            self.program_filter.setItemData(index, program.label, Qt.ItemDataRole.ToolTipRole)
        self.status_filter = FilterCombo(ParticipantStatus, self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.new_button = QPushButton(_("&New…"), self)
        self.open_button = QPushButton(_("&Open"), self)
        self.model = ParticipantTableModel(self._fetch_rows, parent=self)
        self.table = self._build_table()
        search_page_layout(
            self,
            (_("&Search:"), self.search),
            (self.new_button, self.open_button),
            [(_("&Funding area:"), self.program_filter), (_("S&tatus:"), self.status_filter)],
            self.count_label,
            self.table,
            heading=self.title,
        )

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.refresh,
            selected=self.selected_participant_id,
            select_row=self._select_row,
            open_chosen=self._open_selected,
            find_scope=self,
        )
        self.program_filter.currentIndexChanged.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open_selected)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.sort_requested.connect(self._on_sort_requested)
        ops.changed.connect(self._on_data_changed)
        self.refresh()

    # -- building -------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("participantTable")
        table.setAccessibleName(_("Participants"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        table.setColumnHidden(Column.FOUND_IN, True)  # until the user searches
        self.column_fitter = ColumnFitter(table)
        # the model's sort() only asks for a new query: set the indicator before enabling
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        return table

    # -- public ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Query again with the current search, filters and order; keep the selected person."""
        self._keys.timer.stop()
        selected = self.selected_participant_id()
        query = self.query()
        self._show_found_in(bool(query.text.strip()))
        self._show_hits(self._list.hits(query), selected)

    def query(self) -> ListQuery:
        return ListQuery(
            text=self.search.text(),
            program=self.program_filter.value(),  # type: ignore[arg-type]
            status=self.status_filter.value(),  # type: ignore[arg-type]
            sort=self._sort,
            descending=self._descending,
        )

    def focus_search(self) -> None:
        self._keys.focus_search()

    def selected_participant_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.participant_id(rows[0].row()) if rows else None

    def row_count(self) -> int:
        return self.model.rowCount()

    # -- internals ------------------------------------------------------------------------

    def _fetch_rows(self, ids: Sequence[int]) -> list[ParticipantRow]:
        """The rows the table is about to paint (called by the model, a block at a time)."""
        return participant_rows(self._lotse.reads, ids)

    def _show_found_in(self, searching: bool) -> None:
        """The "Found in" column says something only while searching: hidden otherwise."""
        if self.table.isColumnHidden(Column.FOUND_IN) == searching:
            self.column_fitter.set_hidden(Column.FOUND_IN, not searching)

    def _show_hits(self, hits: ListHits, selected: int | None) -> None:
        self.model.set_ids(hits.ids, hits.by_name)
        self.count_label.setText(count_text(len(hits.ids)))
        row = None if selected is None else self.model.row_for_id(selected)
        if row is not None:
            self._select_row(row)
        self._update_buttons()

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_participant_id() is not None)

    def _on_sort_requested(self, key: SortKey, descending: bool) -> None:
        self._sort, self._descending = key, descending
        self.refresh()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        # a person's list row follows their record, follow-ups and notes (search)
        if changes.many or changes.cases:
            self.refresh()

    def _open_selected(self) -> None:
        participant_id = self.selected_participant_id()
        if participant_id is not None:
            self.open_requested.emit(participant_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.participant_id(index.row()))
