"""Versions of a person's plan and the printouts kept of each (open one in the preview again)."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.clock import to_local
from app.i18n import N_, _
from app.reports.bilingual import SECOND_LANGUAGES, language_name
from app.services.support_plans.prints import (
    PlanVersionRow,
    PrintRow,
    plan_versions,
    printed_versions,
)
from ui.mnemonics import escape
from ui.row_models import RowsById
from ui.widgets.formatting import EMPTY, date_text, local_text
from ui.widgets.read_only_table import read_only_table

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


def language_text(code: str) -> str:
    """ "de" → "Deutsch", "de+uk" → "Deutsch und Ukrainisch"."""
    _german, _plus, second = code.partition("+")
    if not second:
        return _("German")
    if second in SECOND_LANGUAGES:
        return _("German and {language}").format(language=language_name(second))
    return code


def size_text(size: int) -> str:
    return _("{size} KB").format(size=max(1, round(size / 1024)))


class _Column(NamedTuple):
    header: str  # msgid
    text: Any  # row -> str


class _RowsModel(RowsById, QAbstractTableModel):
    """Read-only rows of NamedTuples, one column per entry of ``COLUMNS``."""

    COLUMNS: tuple[_Column, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == DISPLAY and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section].header)
        return None

    def data(self, index: _Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return self.COLUMNS[index.column()].text(self._rows[index.row()])
        return None


class VersionModel(_RowsModel):
    """PlanVersionRow, newest first."""

    COLUMNS = (
        _Column(N_("Version"), lambda r: str(r.version)),
        _Column(N_("Status"), lambda r: r.status.label),
        _Column(N_("Created on"), lambda r: date_text(to_local(r.created_at).date())),
        _Column(
            N_("Closed on"),
            lambda r: date_text(to_local(r.closed_at).date()) if r.closed_at else EMPTY,
        ),
        _Column(N_("Printouts"), lambda r: str(r.prints)),
    )


class PrintModel(_RowsModel):
    """PrintRow of one version, newest first."""

    COLUMNS = (
        _Column(N_("Printed at"), lambda r: local_text(r.printed_at)),
        _Column(N_("Size"), lambda r: size_text(r.size)),
        _Column(N_("Language"), lambda r: language_text(r.language)),
    )


def _table(model: _RowsModel, name: str, parent: QWidget) -> QTableView:
    view = read_only_table(model, parent)
    view.setAccessibleName(name)
    return view


class VersionsBox(QWidget):
    """Versions (left) and the printouts of the chosen one (right); Enter opens a printout."""

    open_requested = Signal(int, int)  # plan id (version), print id

    def __init__(self, lotse: Lotse, participant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self.participant_id = participant_id
        self.versions = VersionModel(self)
        self.prints = PrintModel(self)
        self.versions_view = _table(self.versions, _("Versions"), self)
        self.prints_view = _table(self.prints, _("Printouts"), self)
        self.open_button = QPushButton(_("&Open printout…"), self)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        self.prints_view.activated.connect(lambda _index: self.open_selected())
        self.versions_view.selectionModel().currentRowChanged.connect(
            lambda *_args: self._show_prints()
        )
        self.prints_view.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_button()
        )

        left = QVBoxLayout()
        versions_caption = QLabel(escape(_("Versions")) + ":", self)
        versions_caption.setBuddy(self.versions_view)
        left.addWidget(versions_caption)
        left.addWidget(self.versions_view)
        right = QVBoxLayout()
        prints_caption = QLabel(escape(_("Printouts")) + ":", self)
        prints_caption.setBuddy(self.prints_view)
        right.addWidget(prints_caption)
        right.addWidget(self.prints_view)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def reload(self) -> None:
        current = self.selected_version()
        rows = plan_versions(self._lotse.reads, self.participant_id)
        self.versions.set_rows(rows)
        row = self.versions.row_of(current.id) if current else -1
        if rows:
            self.versions_view.selectRow(max(row, 0))
        self._show_prints()

    def selected_version(self) -> PlanVersionRow | None:
        return self.versions.current_row(self.versions_view)

    def selected_print(self) -> PrintRow | None:
        return self.prints.current_row(self.prints_view)

    def _show_prints(self) -> None:
        version = self.selected_version()
        rows: list[PrintRow] = []
        if version is not None:
            rows = printed_versions(self._lotse.reads, version.id)
        self.prints.set_rows(rows)
        if rows:
            self.prints_view.selectRow(0)
        self._update_button()

    def _update_button(self) -> None:
        self.open_button.setEnabled(self.selected_print() is not None)

    def open_selected(self) -> None:
        version, printout = self.selected_version(), self.selected_print()
        if version is not None and printout is not None:
            self.open_requested.emit(version.id, printout.id)
