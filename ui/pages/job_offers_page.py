"""Stellenangebote: the offers as a list with search and a status filter; "Neu…" and "Öffnen"
(Enter, double-click) open the offer dialog with its matching participants.

An expired offer (open, "gültig bis" passed) says so in words in its row ("· abgelaufen"),
the red only repeats it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

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
from ui.row_models import RowTableModel
from ui.widgets.colours import alert_colour
from ui.widgets.filters import CountedFilter
from ui.widgets.formatting import date_text
from ui.widgets.panels import run_dialog
from ui.widgets.read_only_table import read_only_table, set_column_chars
from ui.widgets.search_list import SearchListKeys, search_field, search_page_layout


def offer_count_text(count: int) -> str:
    text = ngettext("{n} job offer", "{n} job offers", count)
    return text.format(n=format_number(count))


class OfferTableModel(RowTableModel):
    TITLE, EMPLOYER, PLACE, HOURS, START, VALID_UNTIL, STATUS, PLACES = range(8)
    HEADERS = (
        N_("Title"),
        N_("Employer"),
        N_("Place of work"),
        N_("Hours/week"),
        N_("Start"),
        N_("Valid until"),
        N_("Status"),
        N_("Places"),
    )
    NUMBERS = (HOURS, PLACES)

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

    def _spoken(self, row: OfferRow, column: int) -> str:
        if column == self.VALID_UNTIL:
            return self.valid_until_text(row, spoken=True)
        return self._text(row, column)

    def _cell_tooltip(self, row: OfferRow, column: int) -> str | None:
        if row.expired:
            return expired_text(row.valid_until)
        shown = (self.TITLE, self.EMPLOYER, self.PLACE)
        return self._text(row, column) if column in shown else None

    def _foreground(self, row: OfferRow, column: int) -> QColor | None:
        if row.expired and column in (self.VALID_UNTIL, self.STATUS):
            return alert_colour(QApplication.palette())
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

        self.search = search_field(
            self,
            _("Search by title, occupation, employer or place …"),
            _("Search job offers"),
        )
        self.status_filter = CountedFilter(StatusFilter, _("Status"), self)
        self.new_button = QPushButton(_("New…"), self)
        self.open_button = QPushButton(_("Open"), self)
        self.count_label = QLabel(self)
        self.model = OfferTableModel(self)
        self.table = read_only_table(self.model, self, stretch_column=OfferTableModel.TITLE)
        self.table.setAccessibleName(_("Job offers"))
        set_column_chars(self.table, {OfferTableModel.EMPLOYER: 28, OfferTableModel.PLACE: 26})
        search_page_layout(
            self,
            (_("Search:"), self.search),
            (self.new_button, self.open_button),
            [(_("Status:"), self.status_filter)],
            self.count_label,
            self.table,
            heading=self.title,
        )

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.refresh,
            selected=self.selected_offer_id,
            select_row=self.table.selectRow,
            open_chosen=self.open_selected,
            find_scope=self,
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.new_button.clicked.connect(self.new_offer)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ops.changed.connect(self._on_changed)
        self.refresh()

    # -- data -------------------------------------------------------------------------------

    def query(self) -> OfferQuery:
        return OfferQuery(text=self.search.text(), status=self.current_filter())

    def current_filter(self) -> StatusFilter:
        return self.status_filter.current()

    def set_filter(self, choice: StatusFilter) -> None:
        self.status_filter.set_current(choice)

    def refresh(self) -> None:
        """Read again with the search and the filter; keep the chosen offer."""
        self._keys.timer.stop()
        selected = self.selected_offer_id()
        rows = list_offers(self._lotse.reads, self.query())
        self.model.set_offers(rows)
        self.status_filter.show_counts(offer_counts(self._lotse.reads))
        self.count_label.setText(offer_count_text(len(rows)))
        self.model.select_id(self.table, selected)
        self._update_buttons()

    def row_count(self) -> int:
        return self.model.rowCount()

    def selected_offer_id(self) -> int | None:
        row = self.model.selected_row(self.table)
        return None if row is None else row.id

    def select_offer(self, offer_id: int) -> None:
        self.model.select_id(self.table, offer_id, scroll=True)

    def focus_search(self) -> None:
        self._keys.focus_search()

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
