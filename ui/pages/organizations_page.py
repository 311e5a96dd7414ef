"""Organisationen: the network's directory, searched as you type, filtered by Art and
Kooperationsstatus, in name order.

The page only lists and asks: opening or creating an organisation is signalled
(``open_requested``, ``new_requested``) and the main window shows the editor
(ui.organization.editor).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
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
from app.services.organizations import (
    DirectoryQuery,
    OrganizationDirectory,
    OrganizationRow,
    organization_rows,
)
from app.vocab import CooperationStatus, OrganizationKind
from ui.mnemonics import escape
from ui.operations import Operations
from ui.organization.tables import OrganizationTableModel
from ui.widgets.filters import FilterCombo
from ui.widgets.search_list import SearchListKeys, search_field, search_page_layout

_CELL_PADDING = 16  # left and right margin of a cell's text
_HEADER_PADDING = 20
NAME_COLUMN = 0


def _column_samples() -> dict[int, tuple[list[str], int]]:
    """Typical longest texts of the columns after the name, and a cap in characters (a longer
    text is elided and has its whole text as tooltip); the name takes the rest."""
    return {
        1: ([kind.label for kind in OrganizationKind], 18),
        2: (["06108 Halle (Saale)"], 18),
        3: (["Lebensmittelhandwerk"], 16),
        4: ([status.label for status in CooperationStatus], 18),
    }


def count_text(count: int) -> str:
    """ "1.234 Organisationen"."""
    number = format_number(count)
    return ngettext("{n} organisation", "{n} organisations", count).format(n=number)


class OrganizationsPage(QWidget):
    open_requested = Signal(int)  # organisation id
    new_requested = Signal()

    def __init__(
        self, title: str, lotse: Lotse, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._lotse = lotse
        self._directory = OrganizationDirectory(lotse.reads)
        self.setAccessibleName(title)

        self.search = search_field(
            self,
            _("Search by name, place, postcode, branch, Betriebsnummer or contact person …"),
            _("Search organisations"),
            min_chars=16,
        )
        self.kind_filter = FilterCombo(OrganizationKind, self)
        self.kind_filter.setAccessibleName(_("Kind"))
        self.cooperation_filter = FilterCombo(CooperationStatus, self)
        self.cooperation_filter.setAccessibleName(_("Cooperation status"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.new_button = QPushButton(_("&New…"), self)
        self.new_button.setToolTip(_("Record a new organisation"))
        self.open_button = QPushButton(_("&Open"), self)
        self.model = OrganizationTableModel(self._fetch_rows, self)
        self.table = self._build_table()
        search_page_layout(
            self,
            (escape(_("Search")) + ":", self.search),
            (self.new_button, self.open_button),
            [
                (escape(_("Kind")) + ":", self.kind_filter),
                (escape(_("Cooperation status")) + ":", self.cooperation_filter),
            ],
            self.count_label,
            self.table,
            heading=self.title,
        )

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.refresh,
            selected=self.selected_organization_id,
            select_row=self._select_row,
            open_chosen=self._open_selected,
            find_scope=self,
        )
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.cooperation_filter.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open_selected)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ops.changed.connect(self._on_data_changed)
        self.refresh()

    # -- building -------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("organizationTable")
        table.setAccessibleName(_("Organisations"))
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
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setToolTip(_("In name order"))
        cells, titles = table.fontMetrics(), header.fontMetrics()
        for column, (samples, chars) in _column_samples().items():
            content = max(cells.horizontalAdvance(text) for text in samples)
            content = min(content, cells.averageCharWidth() * chars)
            title = titles.horizontalAdvance(
                str(self.model.headerData(column, Qt.Orientation.Horizontal))
            )
            header.resizeSection(column, max(content + _CELL_PADDING, title + _HEADER_PADDING))
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        return table

    # -- public ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Query again with the current search and filters; keep the chosen organisation."""
        self._keys.timer.stop()
        selected = self.selected_organization_id()
        ids = self._directory.ids(self.query())
        self.model.set_ids(ids)
        self.count_label.setText(count_text(len(ids)))
        row = None if selected is None else self.model.row_for_id(selected)
        if row is not None:
            self._select_row(row)
        self._update_buttons()

    def query(self) -> DirectoryQuery:
        kind = self.kind_filter.value()
        return DirectoryQuery(
            text=self.search.text(),
            kinds=(kind,) if isinstance(kind, OrganizationKind) else (),
            cooperation=self.cooperation_filter.value(),  # type: ignore[arg-type]
        )

    def focus_search(self) -> None:
        self._keys.focus_search()

    def selected_organization_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.organization_id(rows[0].row()) if rows else None

    def row_count(self) -> int:
        return self.model.rowCount()

    def names(self) -> list[str]:
        """The names listed, in order (tests)."""
        return [self.model.row_at(row).name for row in range(self.model.rowCount())]

    # -- internals ------------------------------------------------------------------------

    def _fetch_rows(self, ids: Sequence[int]) -> list[OrganizationRow]:
        return organization_rows(self._lotse.reads, ids)

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_organization_id() is not None)

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or changes.organizations:
            self.refresh()

    def _open_selected(self) -> None:
        organization_id = self.selected_organization_id()
        if organization_id is not None:
            self.open_requested.emit(organization_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.organization_id(index.row()))
