"""A table of matches (app.services.matching) with one column per criterion: ✓ / ✗ / ? and the
reason, in words for screen readers and as a tooltip, the colour only repeating the symbol.

Shared by the offer's tab "Passende Teilnehmende" (one row per person) and the record's
panel "Stellenangebote" (one row per offer)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel, QTableView, QWidget

from app.i18n import _, format_date
from app.services.matching import CRITERIA, RANKED, Criterion, Match, Outcome
from ui.widgets.colours import alert_colour, make_hint, muted_colour, positive_colour
from ui.widgets.read_only_table import read_only_table

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
# a criterion's column width in characters: its reason on up to LINES lines; the tooltip all
CRITERION_CHARS = {
    Criterion.WORK_PERMIT: 15,
    Criterion.GERMAN: 18,
    Criterion.LICENCE: 17,
    Criterion.WORKING_TIME: 22,
    Criterion.OCCUPATION: 20,
    Criterion.DISTANCE: 18,
    Criterion.RESIDENCE: 22,
}
NAME_CHARS = 24
LINES = 2


def met_text(match: Match) -> str:
    """ "5 von 6": the criteria met, which decide the order."""
    return _("{met} of {count}").format(met=match.met, count=len(RANKED))


def met_spoken(match: Match) -> str:
    return _("{met} of {count} criteria met, {unknown} unknown").format(
        met=match.met, count=len(RANKED), unknown=match.unknown
    )


def offer_text(match: Match) -> str:
    """ "Verkäufer:in (m/w/d) – Bäckerei Şahin, Halle (Saale)"."""
    where = ", ".join(part for part in (match.employer_name, match.location) if part)
    return f"{match.offer_title} – {where}" if where else match.offer_title


class MatchModel(QAbstractTableModel):
    """``by_person``: the first column names the person (an offer's matches), else the offer."""

    SUBJECT, MET = 0, 1
    FIRST_CRITERION = 2

    def __init__(self, *, by_person: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.by_person = by_person
        self._rows: list[Match] = []

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.FIRST_CRITERION + len(CRITERIA)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.SUBJECT:
            return _("Participant") if self.by_person else _("Job offer")
        if section == self.MET:
            return _("Met")
        if self.FIRST_CRITERION <= section < self.columnCount():
            return CRITERIA[section - self.FIRST_CRITERION].label
        return None

    def set_rows(self, rows: Sequence[Match]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Match:
        return self._rows[row]

    def rows(self) -> list[Match]:
        return list(self._rows)

    def _subject(self, match: Match) -> str:
        return match.participant_name if self.by_person else offer_text(match)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        match, column = self._rows[index.row()], index.column()
        if column == self.SUBJECT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self._subject(match)
            if role == Qt.ItemDataRole.ToolTipRole:
                if self.by_person:
                    return match.participant_name
                until = match.valid_until
                valid = _("valid until {date}").format(date=format_date(until)) if until else ""
                return "\n".join(line for line in (offer_text(match), valid) if line)
            return None
        if column == self.MET:
            if role == Qt.ItemDataRole.DisplayRole:
                return met_text(match)
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return met_spoken(match)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if not self.FIRST_CRITERION <= column < self.columnCount():
            return None
        verdict = match.verdicts[column - self.FIRST_CRITERION]
        if role == Qt.ItemDataRole.DisplayRole:
            return verdict.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return verdict.spoken
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{verdict.criterion.label} – {verdict.spoken}"
        if role == Qt.ItemDataRole.ForegroundRole:
            palette = QApplication.palette()
            return {
                Outcome.MET: positive_colour,
                Outcome.NOT_MET: alert_colour,
                Outcome.UNKNOWN: muted_colour,
            }[verdict.outcome](palette)
        return None


def match_table(model: MatchModel, parent: QWidget, name: str) -> QTableView:
    """The read-only table: rows of two lines, the reasons wrapped into criterion columns that
    share the width (a longer one ends in "…", the tooltip has it whole)."""
    view = read_only_table(model, parent)
    view.setAccessibleName(name)
    view.setWordWrap(True)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().lineSpacing() * LINES + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    chars = view.fontMetrics().averageCharWidth()
    header.resizeSection(MatchModel.SUBJECT, chars * NAME_CHARS + 16)
    header.resizeSection(MatchModel.MET, max(chars * 8, header.sectionSizeHint(MatchModel.MET)))
    for column in range(MatchModel.FIRST_CRITERION, model.columnCount()):
        criterion = CRITERIA[column - MatchModel.FIRST_CRITERION]
        width = max(chars * CRITERION_CHARS[criterion], header.sectionSizeHint(column))
        header.resizeSection(column, width)
        # the criteria share the width left: no sideways scrolling in a window of 1280 px
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(chars * 8)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def legend(parent: QWidget) -> QLabel:
    """What the symbols and the order mean, as a muted hint under the table."""
    text = _(
        "✓ met · ✗ not met · ? unknown (not recorded). Best first: most criteria met, then most "
        "unknown. Not listed: employment not permitted, German clearly below the minimum, the "
        "required driving licence missing. The residence requirement is shown but not counted: "
        "it binds the home, not the place of work."
    )
    hint = make_hint(QLabel(text, parent))
    hint.setWordWrap(True)
    return hint
