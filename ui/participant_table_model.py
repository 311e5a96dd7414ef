"""The Teilnehmende table: sorted ids in, German cell texts out, sorting done in SQL.

The model holds the ids of the list (filtered and sorted by ``caseload.participant_ids``) and
fetches row tuples only for the part the view paints, a block at a time (as Anki's browser
does), so a keystroke with 20,000 hits costs one id query and a reset. Cells are formatted when
the view asks. Sorting is not done here: ``sort()`` asks the page to query again with another
ORDER BY, and the header keeps showing the indicator.

While a search is active, the rows found by name, place or number come first; the rows found
only in free text (notes, Bemerkungen) follow and say so in the "Found in" column, in words
(docs/domain.md, section 12).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication

from app.i18n import N_, _, ngettext
from app.services.caseload import ParticipantRow, SortKey
from app.vocab import GermanLevel, ParticipantStatus, Program, SchoolForm
from ui.widgets.colours import alert_colour, positive_colour, warning_colour

RowFetcher = Callable[[Sequence[int]], list[ParticipantRow]]
BLOCK = 100  # rows fetched at once around the first one painted

type AnyIndex = QModelIndex | QPersistentModelIndex

_NO_PARENT = QModelIndex()
COMPLETE_BADGE = "✓"
# An overdue follow-up is red, bold and marked, not by colour alone (WCAG 1.4.1); the mark
# fits the column, a screen reader says "überfällig" (AccessibleTextRole) and so does the tooltip.
OVERDUE_MARK = "⚠"

_PROGRAM_SHORT = {Program.JOKO: N_("JOKO"), Program.TRAINING: N_("Training")}


def program_short_label(program: Program) -> str:
    """The Förderbereich as one word ("JOKO" / "Ausbildung") for a narrow column or a filter."""
    return _(_PROGRAM_SHORT[program])


def format_date(iso_day: str | None) -> str:
    """ "2026-11-24" → "24.11.2026" (list rows keep SQLite's ISO text)."""
    return "" if not iso_day else f"{iso_day[8:10]}.{iso_day[5:7]}.{iso_day[:4]}"


class Column(IntEnum):
    NAME = 0
    PROGRAM = 1
    STATUS = 2
    ENTRY = 3
    NEXT_FOLLOW_UP = 4
    LANGUAGE_OR_SCHOOL = 5
    COMPLETENESS = 6
    FOUND_IN = 7  # shown while searching: "in notes" for the rows found in free text only


HEADERS: dict[Column, str] = {
    Column.NAME: N_("Name"),
    Column.PROGRAM: N_("Funding area"),
    Column.STATUS: N_("Status"),
    Column.ENTRY: N_("Entry"),
    Column.NEXT_FOLLOW_UP: N_("Follow-up"),
    Column.LANGUAGE_OR_SCHOOL: N_("German / school"),
    Column.COMPLETENESS: N_("Completeness"),
    Column.FOUND_IN: N_("Found in"),
}
HEADER_TIPS: dict[Column, str] = {
    Column.NEXT_FOLLOW_UP: N_("Earliest open follow-up"),
    Column.LANGUAGE_OR_SCHOOL: N_("JOKO: German level; training: class and school form"),
    Column.COMPLETENESS: N_("ESF+ core data at entry"),
    Column.FOUND_IN: N_("Name, place and number hits first, then hits in notes only"),
}
SORT_KEYS: dict[Column, SortKey] = {
    Column.NAME: SortKey.NAME,
    Column.PROGRAM: SortKey.PROGRAM,
    Column.STATUS: SortKey.STATUS,
    Column.ENTRY: SortKey.ENTRY,
    Column.NEXT_FOLLOW_UP: SortKey.NEXT_FOLLOW_UP,
    Column.LANGUAGE_OR_SCHOOL: SortKey.LANGUAGE_OR_SCHOOL,
    Column.COMPLETENESS: SortKey.MISSING,
    Column.FOUND_IN: SortKey.NAME,  # the groups always come first; within them, by name
}
# the first click on these headers shows the most interesting rows first
_DESCENDING_FIRST = {Column.ENTRY, Column.COMPLETENESS}


def name_text(row: ParticipantRow) -> str:
    return f"{row.last_name}, {row.first_name}" if row.first_name else row.last_name


def language_or_school_text(row: ParticipantRow) -> str:
    if row.program == Program.JOKO:
        return GermanLevel(row.german_level).label if row.german_level else ""
    parts = [row.school_class, SchoolForm(row.school_form).label if row.school_form else ""]
    return " · ".join(part for part in parts if part)


def completeness_text(missing: int) -> str:
    if missing == 0:
        return COMPLETE_BADGE
    return ngettext("{n} missing", "{n} missing", missing).format(n=missing)


def completeness_spoken(missing: int) -> str:
    """What a screen reader says instead of the badge."""
    if missing == 0:
        return _("complete")
    return ngettext("{n} core entry item missing", "{n} core entry items missing", missing).format(
        n=missing
    )


def completeness_tip(missing: int) -> str:
    if missing == 0:
        return _("All ESF+ core data at entry are filled in.")
    return ngettext(
        "{n} ESF+ core data item at entry is missing.",
        "{n} ESF+ core data items at entry are missing.",
        missing,
    ).format(n=missing)


def next_follow_up_text(iso_day: str | None, overdue: bool) -> str:
    """The follow-up cell: "24.11.2026", or "24.11.2026 ⚠" when it is overdue."""
    text = format_date(iso_day)
    return f"{text} {OVERDUE_MARK}" if overdue and text else text


def found_in_text() -> str:
    """The cell of a row found only in free text (notes, Bemerkungen, …)."""
    return _("in notes")


def found_in_text_tip() -> str:
    return _(
        "Found only in the notes or other free text (Bemerkungen, placement barriers …), "
        "not in the name, place or numbers."
    )


def found_in_text_spoken() -> str:
    return _("found only in notes")


def _vanished(participant_id: int) -> ParticipantRow:
    return ParticipantRow(participant_id, "", "", "", "", None, None, None, None, "", 0)


class ParticipantTableModel(QAbstractTableModel):
    """Rows of ``ParticipantRow``; ``Qt.UserRole`` gives the participant id."""

    sort_requested = Signal(object, bool)  # SortKey, descending

    def __init__(
        self,
        fetch: RowFetcher,
        today: Callable[[], date] = date.today,
        parent: Any | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._by_name = 0
        self._cache: dict[int, ParticipantRow] = {}
        self._today_source = today
        self._today = today().isoformat()

    # -- content --------------------------------------------------------------------------

    def set_ids(self, ids: list[int], by_name: int | None = None) -> None:
        """Show these participants in this order; rows are fetched when painted.

        ``by_name``: the first this many were found by name, place or number, the others only
        in free text (``caseload.ListHits``); None: all of them (no search).
        """
        self.beginResetModel()
        self._ids = ids
        self._by_name = len(ids) if by_name is None else by_name
        self._cache = {}
        self._today = self._today_source().isoformat()
        self.endResetModel()

    def ids(self) -> list[int]:
        return self._ids

    def row_of(self, row: int) -> ParticipantRow:
        participant_id = self._ids[row]
        cached = self._cache.get(participant_id)
        if cached is None:
            start = row - row % BLOCK
            block = self._ids[start : start + BLOCK]
            self._cache.update((fetched.id, fetched) for fetched in self._fetch(block))
            cached = self._cache.get(participant_id)
            if cached is None:  # deleted since the ids were read; shown empty until refresh
                cached = _vanished(participant_id)
                self._cache[participant_id] = cached
        return cached

    def participant_id(self, row: int) -> int:
        return self._ids[row]

    def row_for_id(self, participant_id: int) -> int | None:
        try:
            return self._ids.index(participant_id)
        except ValueError:
            return None

    def found_in_text_only(self, row: int) -> bool:
        """Whether the row at ``row`` was found only in notes or other free text."""
        return row >= self._by_name

    def is_overdue(self, row: ParticipantRow) -> bool:
        return row.next_follow_up is not None and row.next_follow_up < self._today

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        column = index.column()
        if column == Column.FOUND_IN:
            return self._found_in(index.row(), role)
        row = self.row_of(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(row, column)
        return None

    def _found_in(self, row: int, role: int) -> str | None:
        if not self.found_in_text_only(row):
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return found_in_text()
        if role == Qt.ItemDataRole.ToolTipRole:
            return found_in_text_tip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return found_in_text_spoken()
        return None

    def _display(self, row: ParticipantRow, column: int) -> str | None:
        match column:
            case Column.NAME:
                return name_text(row)
            case Column.PROGRAM:
                return program_short_label(Program(row.program)) if row.program else ""
            case Column.STATUS:
                return ParticipantStatus(row.status).label if row.status else ""
            case Column.ENTRY:
                return format_date(row.entry_date)
            case Column.NEXT_FOLLOW_UP:
                return next_follow_up_text(row.next_follow_up, self.is_overdue(row))
            case Column.LANGUAGE_OR_SCHOOL:
                return language_or_school_text(row)
            case Column.COMPLETENESS:
                return completeness_text(row.missing)
        return None

    def _foreground(self, row: ParticipantRow, column: int) -> QBrush | None:
        """Red, green and amber taken from the palette: 4.5:1 on both row colours, light or
        dark (the completeness column says the same in its text: ✓ or "3 fehlen")."""
        if column == Column.NEXT_FOLLOW_UP and self.is_overdue(row):
            return QBrush(alert_colour(QApplication.palette()))
        if column == Column.COMPLETENESS:
            colour = positive_colour if row.missing == 0 else warning_colour
            return QBrush(colour(QApplication.palette()))
        return None

    def _font(self, row: ParticipantRow, column: int) -> QFont | None:
        if column == Column.NEXT_FOLLOW_UP and self.is_overdue(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, row: ParticipantRow, column: int) -> str | None:
        if column == Column.NEXT_FOLLOW_UP and self.is_overdue(row):
            return _("overdue")
        if column == Column.PROGRAM:
            return Program(row.program).label if row.program else None
        if column in (Column.STATUS, Column.NAME):
            return self._display(row, column)  # the long ones are elided in the cell
        if column == Column.LANGUAGE_OR_SCHOOL:
            return language_or_school_text(row) or None
        if column == Column.COMPLETENESS:
            return completeness_tip(row.missing)
        return None

    def _spoken(self, row: ParticipantRow, column: int) -> str | None:
        if column == Column.NEXT_FOLLOW_UP and self.is_overdue(row):
            return _("{date}, overdue").format(date=format_date(row.next_follow_up))
        if column == Column.COMPLETENESS:
            return completeness_spoken(row.missing)
        return self._display(row, column)

    def headerData(  # noqa: N802 - Qt API
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in HEADER_TIPS:
            return _(HEADER_TIPS[column])
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            order = (
                Qt.SortOrder.DescendingOrder
                if column in _DESCENDING_FIRST
                else Qt.SortOrder.AscendingOrder
            )
            return order.value
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask for a new query in another order; the model itself never reorders rows."""
        if not 0 <= column < len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(SORT_KEYS[Column(column)], descending)
