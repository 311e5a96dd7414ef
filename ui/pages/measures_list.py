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

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

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
from ui.operations import Operations
from ui.row_models import RowTableModel
from ui.widgets.colours import alert_colour
from ui.widgets.filters import CountedFilter
from ui.widgets.formatting import date_text
from ui.widgets.read_only_table import read_only_table, set_column_chars
from ui.widgets.search_list import SearchListKeys, search_field, search_page_layout


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

    def _spoken(self, row: MeasureListRow, column: int) -> str:
        if column == self.END:
            return self.end_text(row, spoken=True)
        return self._text(row, column)

    def _foreground(self, row: MeasureListRow, column: int) -> QColor | None:
        if column == self.END and row.ending_soon:
            return alert_colour(QApplication.palette())
        return None


class MeasuresList(QWidget):
    """``open_requested(participant_id)``: the chosen measure's person is to be shown."""

    open_requested = Signal(int)  # a participant id

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self._stale = False
        self.today: date | None = None  # None: the real today (tests fix it)

        self.search = search_field(
            self,
            _("Search by person, kind of measure or provider …"),
            _("Search measures"),
        )
        self.status_filter = CountedFilter(MeasureFilter, _("Status"), self)
        self.open_button = QPushButton(_("To the person"), self)
        self.open_button.setToolTip(_("Open the record of the chosen measure's person"))
        self.count_label = QLabel(self)
        self.model = MeasureListModel(self)
        self.table = read_only_table(
            self.model, self, stretch_column=MeasureListModel.KIND, scroll_sideways=False
        )
        self.table.setAccessibleName(_("Measures"))
        set_column_chars(self.table, {MeasureListModel.PERSON: 26, MeasureListModel.PROVIDER: 30})
        search_page_layout(
            self,
            (_("Search:"), self.search),
            (self.open_button,),
            [(_("Status:"), self.status_filter)],
            self.count_label,
            self.table,
            margins=None,
        )

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.refresh,
            selected=self.selected_id,
            select_row=self.table.selectRow,
            open_chosen=self.open_selected,
            find_scope=self,
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ops.changed.connect(self._on_changed)
        self.refresh()

    # -- data -------------------------------------------------------------------------------

    def query(self) -> MeasureQuery:
        return MeasureQuery(status=self.current_filter(), text=self.search.text())

    def current_filter(self) -> MeasureFilter:
        return self.status_filter.current()

    def set_filter(self, choice: MeasureFilter) -> None:
        self.status_filter.set_current(choice)

    def refresh(self) -> None:
        """Read again with the search and the filter; keep the chosen measure."""
        self._keys.timer.stop()
        self._stale = False
        selected = self.selected_id()
        rows = list_measures(self._lotse.reads, self.query(), self.today)
        self.model.set_rows(rows)
        self.status_filter.show_counts(measure_counts(self._lotse.reads, self.today))
        self.count_label.setText(measure_count_text(len(rows)))
        self.model.select_id(self.table, selected)
        self._update_buttons()

    def rows(self) -> Sequence[MeasureListRow]:
        return [self.model.row_at(index) for index in range(self.model.rowCount())]

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return None if row is None else row.id

    def selected_row(self) -> MeasureListRow | None:
        return self.model.selected_row(self.table)

    def focus_search(self) -> None:
        self._keys.focus_search()

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
