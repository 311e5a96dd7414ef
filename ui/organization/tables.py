"""The read-only tables of the organisations: the directory (ids, rows fetched when painted)
and the small lists of one organisation (contact persons, offers, people, placement steps)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.i18n import N_, _
from app.models.participant_fields import label as participant_label
from app.services.organizations import (
    ContactInput,
    LinkedParticipantRow,
    OfferRow,
    OrganizationRow,
)
from app.vocab import CooperationStatus, OrganizationKind
from ui.participant_table_model import program_short_label
from ui.row_models import RowsById
from ui.widgets.formatting import date_text

type AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
BLOCK = 100  # directory rows fetched at once around the first one painted
# the roles a cell answers with its text (ints: a view asks thousands of times, set lookup)
_TEXT_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)


@dataclass(frozen=True)
class TableColumn:
    header: str  # msgid
    text: Callable[[Any], str]


class ColumnsModel(RowsById, QAbstractTableModel):
    """Row tuples shown through ``columns``; the whole cell text is its tooltip too (a narrow
    column elides it) and what a screen reader says."""

    def __init__(self, columns: Sequence[TableColumn], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._texts: dict[int, list[str]] = {}  # row → its cell texts, made when first asked
        self.columns = list(columns)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._texts = {}
        super().set_rows(rows)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return _(self.columns[section].header)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def cell_text(self, row: Any, column: int) -> str:
        return self.columns[column].text(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _TEXT_ROLES and role != _USER:
            return None
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        if not 0 <= column < len(self.columns):
            return None
        if role == _USER:
            return getattr(self._rows[row], "id", None)
        texts = self._texts.get(row)
        if texts is None:  # a view asks for each cell many times (sizes, roles, paint)
            texts = [self.cell_text(self._rows[row], c) for c in range(len(self.columns))]
            self._texts[row] = texts
        text = texts[column]
        return text or (None if role == _TOOLTIP else "")

    def rows(self) -> list[Any]:
        return list(self._rows)


def place_text(postal_code: str, city: str) -> str:
    return " ".join(part for part in (postal_code, city) if part)


DIRECTORY_COLUMNS = (
    TableColumn(N_("Name"), lambda row: row.name),
    TableColumn(N_("Kind"), lambda row: OrganizationKind(row.kind).label if row.kind else ""),
    TableColumn(N_("Postal code and town"), lambda row: place_text(row.postal_code, row.city)),
    TableColumn(N_("Branch"), lambda row: row.branch),
    TableColumn(
        N_("Cooperation"),
        lambda row: (
            CooperationStatus(row.cooperation_status).label if row.cooperation_status else ""
        ),
    ),
)


def _vanished(organization_id: int) -> OrganizationRow:
    return OrganizationRow(organization_id, "", "", "", "", "", None, None, 0)


class OrganizationTableModel(ColumnsModel):
    """The directory: the ids in list order; the rows are fetched a block at a time when they
    are painted (``fetch``: ids → rows), so a keystroke resets ids, not 5,000 tuples."""

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], list[OrganizationRow]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(DIRECTORY_COLUMNS, parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._cache: dict[int, OrganizationRow] = {}

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._cache = {}
        self.endResetModel()

    def ids(self) -> list[int]:
        return self._ids

    def organization_id(self, row: int) -> int:
        return self._ids[row]

    def row_for_id(self, organization_id: int) -> int | None:
        try:
            return self._ids.index(organization_id)
        except ValueError:
            return None

    def row_at(self, row: int) -> OrganizationRow:
        organization_id = self._ids[row]
        cached = self._cache.get(organization_id)
        if cached is None:
            start = row - row % BLOCK
            block = self._ids[start : start + BLOCK]
            self._cache.update((fetched.id, fetched) for fetched in self._fetch(block))
            cached = self._cache.setdefault(organization_id, _vanished(organization_id))
        return cached

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _TEXT_ROLES and role != _USER:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == _USER:
            return self._ids[index.row()]
        if not 0 <= index.column() < len(self.columns):
            return None
        text = self.cell_text(self.row_at(index.row()), index.column())
        return text or (None if role == _TOOLTIP else "")


CONTACT_COLUMNS = (
    TableColumn(N_("Name"), lambda person: person.name),
    TableColumn(N_("Function"), lambda person: person.function),
    TableColumn(N_("Phone"), lambda person: person.phone),
    TableColumn(N_("E-mail"), lambda person: person.email),
)


class ContactPersonModel(ColumnsModel):
    """The contact persons as the form holds them (ContactInput, saved with the record)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CONTACT_COLUMNS, parent)

    def contacts(self) -> tuple[ContactInput, ...]:
        return tuple(self._rows)


def _offer_status(row: OfferRow) -> str:
    return row.status.label


OFFER_COLUMNS = (
    TableColumn(N_("Title"), lambda row: row.title),
    TableColumn(N_("Occupation"), lambda row: row.occupation),
    TableColumn(N_("Place of work"), lambda row: row.location),
    TableColumn(N_("Status"), _offer_status),
    TableColumn(N_("Vacancies"), lambda row: str(row.vacancies)),
    TableColumn(N_("Start"), lambda row: date_text(row.start_on)),
    TableColumn(N_("Valid until"), lambda row: date_text(row.valid_until)),
)


def links_text(row: LinkedParticipantRow) -> str:
    """ "Jobcenter, Integrationsfachkraft: Frau Richter"."""
    parts = []
    for link in row.links:
        caption = participant_label(link)
        if link.endswith(("advisor_id", "teacher_id", "trainer_id")) and row.contact_person:
            caption = f"{caption}: {row.contact_person}"
        parts.append(caption)
    return ", ".join(parts)


PARTICIPANT_COLUMNS = (
    TableColumn(N_("Name"), lambda row: row.name),
    TableColumn(N_("Funding area"), lambda row: program_short_label(row.program)),
    TableColumn(N_("Status"), lambda row: row.status.label),
    TableColumn(N_("Linked as"), links_text),
)

PLACEMENT_EVENT_COLUMNS = (
    TableColumn(N_("Date"), lambda row: date_text(row.occurred_on)),
    TableColumn(N_("Participant"), lambda row: row.participant_name),
    TableColumn(N_("Job offer"), lambda row: row.job_title),
    TableColumn(N_("Stage"), lambda row: row.stage.label),
    TableColumn(N_("Reason"), lambda row: row.reason),
)
