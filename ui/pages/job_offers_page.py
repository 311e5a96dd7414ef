"""Stellenangebote: the offers as a list with search and a status filter; "Neu…" and "Öffnen"
(Enter, double-click) open the offer dialog with its matching participants.

An expired offer (open, "gültig bis" passed) says so in words in its row ("· abgelaufen"),
the red only repeats it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
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
from app.i18n import N_, _, format_number, ngettext
from app.services.job_offers import (
    OfferQuery,
    OfferRow,
    StatusFilter,
    format_hours,
    list_offers,
    offer_counts,
)
from ui.job_offer.dialog import JobOfferDialog, expired_text
from ui.operations import Operations
from ui.row_models import RowsById
from ui.widgets.colours import alert_colour
from ui.widgets.formatting import date_text
from ui.widgets.heading import page_heading
from ui.widgets.panels import run_dialog
from ui.widgets.read_only_table import read_only_table
from ui.widgets.search_list import SearchListKeys

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def offer_count_text(count: int) -> str:
    text = ngettext("{n} job offer", "{n} job offers", count)
    return text.format(n=format_number(count))


class OfferTableModel(RowsById, QAbstractTableModel):
    TITLE, EMPLOYER, PLACE, HOURS, START, VALID_UNTIL, STATUS, PLACES = range(8)
    HEADERS = {
        TITLE: N_("Title"),
        EMPLOYER: N_("Employer"),
        PLACE: N_("Place of work"),
        HOURS: N_("Hours/week"),
        START: N_("Start"),
        VALID_UNTIL: N_("Valid until"),
        STATUS: N_("Status"),
        PLACES: N_("Places"),
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OfferRow] = []

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section in self.HEADERS
        ):
            return _(self.HEADERS[section])
        return None

    @staticmethod
    def valid_until_text(row: OfferRow, *, spoken: bool = False) -> str:
        day = date_text(row.valid_until)
        if not row.expired:
            return day
        return (_("{date}, expired") if spoken else _("{date} · expired")).format(date=day)

    @staticmethod
    def status_text(row: OfferRow) -> str:
        if row.expired:
            return _("{status}, expired").format(status=row.status.label)
        return row.status.label

    def _text(self, row: OfferRow, column: int) -> str:
        place = " ".join(part for part in (row.location_postal_code, row.location) if part)
        return {
            self.TITLE: row.title,
            self.EMPLOYER: row.employer_name,
            self.PLACE: place,
            self.HOURS: format_hours(row.hours_per_week),
            self.START: date_text(row.start_on),
            self.VALID_UNTIL: self.valid_until_text(row),
            self.STATUS: self.status_text(row),
            self.PLACES: str(row.vacancies),
        }[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if column not in self.HEADERS:
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.VALID_UNTIL:
            return self.valid_until_text(row, spoken=True)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.expired:
                return expired_text(row.valid_until)
            shown = (self.TITLE, self.EMPLOYER, self.PLACE)
            return self._text(row, column) if column in shown else None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and row.expired
            and column
            in (
                self.VALID_UNTIL,
                self.STATUS,
            )
        ):
            return alert_colour(QApplication.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.HOURS, self.PLACES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_offers(self, rows: Sequence[OfferRow]) -> None:
        self.set_rows(rows)


class JobOffersPage(QWidget):
    """The Stellenangebote page of the main window (``title``: its name in the sidebar)."""

    def __init__(
        self, title: str, lotse: Lotse, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._lotse = lotse
        self._ops = ops
        self.setAccessibleName(title)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by title, occupation, employer or place …"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search job offers"))
        self.status_filter = QComboBox(self)
        for choice in StatusFilter:
            self.status_filter.addItem(choice.label, choice.value)
        self.status_filter.setAccessibleName(_("Status"))
        self.new_button = QPushButton(_("New…"), self)
        self.open_button = QPushButton(_("Open"), self)
        self.count_label = QLabel(self)
        self.model = OfferTableModel(self)
        self.table = read_only_table(self.model, self, stretch_column=OfferTableModel.TITLE)
        self.table.setAccessibleName(_("Job offers"))
        header = self.table.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        for column, width in ((OfferTableModel.EMPLOYER, 28), (OfferTableModel.PLACE, 26)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, chars * width)
        self._layout()

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.refresh,
            selected=self.selected_offer_id,
            select_row=self.table.selectRow,
            open_chosen=self.open_selected,
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.new_button.clicked.connect(self.new_offer)
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
        search_row.addWidget(self.new_button)
        search_row.addWidget(self.open_button)
        filter_row = QHBoxLayout()
        filter_row.setSpacing(8)
        filter_row.addWidget(status_label)
        filter_row.addWidget(self.status_filter)
        filter_row.addStretch(1)
        filter_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(page_heading(self.title, self))
        layout.addLayout(search_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)

    # -- data -------------------------------------------------------------------------------

    def query(self) -> OfferQuery:
        return OfferQuery(text=self.search.text(), status=self.current_filter())

    def current_filter(self) -> StatusFilter:
        return StatusFilter(self.status_filter.currentData())

    def set_filter(self, choice: StatusFilter) -> None:
        self.status_filter.setCurrentIndex(self.status_filter.findData(choice.value))

    def refresh(self) -> None:
        """Read again with the search and the filter; keep the chosen offer."""
        self._keys.timer.stop()
        selected = self.selected_offer_id()
        rows = list_offers(self._lotse.reads, self.query())
        self.model.set_offers(rows)
        counts = offer_counts(self._lotse.reads)
        for index in range(self.status_filter.count()):
            choice = StatusFilter(self.status_filter.itemData(index))
            text = f"{choice.label} ({format_number(counts[choice])})"
            self.status_filter.setItemText(index, text)
        self.count_label.setText(offer_count_text(len(rows)))
        row = -1 if selected is None else self.model.row_of(selected)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def row_count(self) -> int:
        return self.model.rowCount()

    def selected_offer_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select_offer(self, offer_id: int) -> None:
        row = self.model.row_of(offer_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_offer_id() is not None)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or changes.job_offers or changes.organizations:
            self.refresh()

    # -- actions ----------------------------------------------------------------------------

    def offer_dialog(self, offer_id: int | None) -> JobOfferDialog:
        """The dialog "Neu…" (None) or "Öffnen" opens, not yet shown."""
        return JobOfferDialog(self._lotse, self._ops, offer_id, self)

    def new_offer(self) -> int | None:
        dialog = self.offer_dialog(None)
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            if self.model.row_of(saved) < 0 and self.current_filter() != StatusFilter.ALL:
                self.set_filter(StatusFilter.ALL)  # show it, whatever its status
            self.select_offer(saved)
        self.table.setFocus()
        return saved

    def open_selected(self) -> None:
        offer_id = self.selected_offer_id()
        if offer_id is None:
            return
        run_dialog(self.offer_dialog(offer_id))
        self.select_offer(offer_id)
        self.table.setFocus()
