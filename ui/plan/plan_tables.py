"""Goals and steps of the open plan version as editable tables (edited in place).

The models hold light, mutable rows; nothing is stored until the panel saves. Dates are kept
as typed, so that a wrong date is named on saving instead of being dropped silently. A step
points at its goal row (not an id), so that it may belong to a goal that is not saved yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.errors import FieldError
from app.i18n import _, parse_german_date
from app.services.support_plans.common import label
from app.services.support_plans.editing import GoalInput, StepInput
from app.vocab import GoalStatus, LabeledEnum, StepStatus
from ui.widgets.date_field import DateField
from ui.widgets.formatting import date_text

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole
NO_GOAL = -1
EMPTY = "—"
SHORT_TITLE = 40


@dataclass(eq=False)  # identity: steps point at their goal row
class GoalRow:
    title: str = ""
    indicator: str = ""
    deadline: str = ""  # as typed, "24.11.2026"
    status: GoalStatus = GoalStatus.OPEN
    id: int | None = None


@dataclass(eq=False)
class StepRow:
    description: str = ""
    responsible: str = ""
    due_on: str = ""  # as typed
    status: StepStatus = StepStatus.OPEN
    goal: GoalRow | None = None
    id: int | None = None


@dataclass(frozen=True)
class Column:
    name: str  # field name as the service names it in errors ("goals.1.indicator")
    attribute: str
    kind: str = "text"  # text, date, choice


def _normalized_date(text: str) -> str:
    """ "241126" → "24.11.2026"; text that is no date stays as typed."""
    try:
        return date_text(parse_german_date(text))
    except ValueError:
        return text.strip()


def row_label(list_name: str, index: int, name: str) -> str:
    """The same wording the service uses for errors in a row ("Ziele, Zeile 2: Indikator")."""
    return _("{list}, row {number}: {field}").format(
        list=label(list_name), number=index + 1, field=label(name)
    )


def read_row_date(
    text: str, list_name: str, index: int, name: str, errors: list[FieldError]
) -> date | None:
    """The date in a cell, or None (adding an error when the text is no date)."""
    try:
        return parse_german_date(text)
    except ValueError:
        message = _("Please enter the date as DD.MM.YYYY.")
        where = row_label(list_name, index, name)
        errors.append(FieldError(f"{list_name}.{index}.{name}", where, message))
        return None


class RowTableModel(QAbstractTableModel):
    """Rows of one kind, edited in place; add, remove and move keep the order the user sets."""

    list_name = ""
    columns: tuple[Column, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> object:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return label(self.columns[section].name)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text":
            return getattr(row, column.attribute) or None
        if role == EDIT:
            return self.edit_value(row, column)
        return None

    def setData(self, index: _Index, value: object, role: int = EDIT) -> bool:  # noqa: N802
        if role != EDIT or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if column.kind == "text":
            new_value: object = str(value or "")
        elif column.kind == "date":
            new_value = _normalized_date(str(value or ""))
        else:
            new_value = self.choice_value(column, value)
        if getattr(row, column.attribute) == new_value:
            return True
        setattr(row, column.attribute, new_value)
        self.dataChanged.emit(index, index, [DISPLAY, EDIT])
        return True

    # -- per kind -------------------------------------------------------------------------

    def display(self, row: Any, column: Column) -> str:
        value = getattr(row, column.attribute)
        if isinstance(value, LabeledEnum):
            return value.label
        return str(value or "")

    def edit_value(self, row: Any, column: Column) -> object:
        value = getattr(row, column.attribute)
        return value.value if isinstance(value, LabeledEnum) else value

    def choices(self, column: Column) -> list[tuple[str, object]]:
        """(text, edit value) pairs for a choice column."""
        return []

    def choice_value(self, column: Column, value: object) -> object:
        return value

    def column_of(self, name: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.name == name), 0)

    # -- rows -----------------------------------------------------------------------------

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def insert(self, position: int, row: Any) -> int:
        position = max(0, min(position, len(self._rows)))
        self.beginInsertRows(_NO_PARENT, position, position)
        self._rows.insert(position, row)
        self.endInsertRows()
        return position

    def remove(self, position: int) -> Any:
        self.beginRemoveRows(_NO_PARENT, position, position)
        row = self._rows.pop(position)
        self.endRemoveRows()
        return row

    def move(self, position: int, delta: int) -> int:
        """Move a row one place up (-1) or down (+1); returns where it is now."""
        target = position + delta
        if not (0 <= position < len(self._rows) and 0 <= target < len(self._rows)):
            return position
        # Qt counts the destination before the move: one further when moving down
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(_NO_PARENT, position, position, _NO_PARENT, destination)
        self._rows.insert(target, self._rows.pop(position))
        self.endMoveRows()
        return target


class GoalModel(RowTableModel):
    """Ziel, Indikator, bis, Status."""

    list_name = "goals"
    columns = (
        Column("goal_title", "title"),
        Column("indicator", "indicator"),
        Column("deadline", "deadline", "date"),
        Column("status", "status", "choice"),
    )

    def choices(self, column: Column) -> list[tuple[str, object]]:
        return [(member.label, member.value) for member in GoalStatus]

    def choice_value(self, column: Column, value: object) -> object:
        return GoalStatus(value)

    def number_of(self, goal: GoalRow) -> int:
        """1-based position of ``goal`` (0 when it is no longer in the list)."""
        return next((i + 1 for i, row in enumerate(self._rows) if row is goal), 0)

    def snapshot(self) -> tuple[object, ...]:
        return tuple((g.id, g.title, g.indicator, g.deadline, g.status) for g in self._rows)

    def inputs(self, errors: list[FieldError]) -> list[GoalInput]:
        result = []
        for index, goal in enumerate(self._rows):
            deadline = read_row_date(goal.deadline, "goals", index, "deadline", errors)
            result.append(GoalInput(goal.title, goal.indicator, deadline, goal.status, goal.id))
        return result


class StepModel(RowTableModel):
    """Schritt, zu Ziel, verantwortlich, bis, Status."""

    list_name = "steps"
    columns = (
        Column("description", "description"),
        Column("goal_id", "goal", "choice"),
        Column("responsible", "responsible"),
        Column("due_on", "due_on", "date"),
        Column("status", "status", "choice"),
    )

    def __init__(self, goals: GoalModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.goals = goals
        for signal in (
            goals.dataChanged,
            goals.rowsInserted,
            goals.rowsRemoved,
            goals.rowsMoved,
            goals.modelReset,
        ):
            signal.connect(self._goals_changed)

    def _goals_changed(self, *_args: object) -> None:
        if self._rows:
            column = self.column_of("goal_id")
            first, last = self.index(0, column), self.index(len(self._rows) - 1, column)
            self.dataChanged.emit(first, last, [DISPLAY, EDIT])

    def goal_text(self, goal: GoalRow | None) -> str:
        number = self.goals.number_of(goal) if goal is not None else 0
        if goal is None or not number:
            return EMPTY
        title = goal.title if len(goal.title) <= SHORT_TITLE else goal.title[:SHORT_TITLE] + "…"
        return f"{number}: {title}" if title else str(number)

    def display(self, row: Any, column: Column) -> str:
        if column.attribute == "goal":
            return self.goal_text(row.goal)
        return super().display(row, column)

    def edit_value(self, row: Any, column: Column) -> object:
        if column.attribute == "goal":
            number = self._goal_number(row)
            return number - 1 if number else NO_GOAL
        return super().edit_value(row, column)

    def choices(self, column: Column) -> list[tuple[str, object]]:
        if column.attribute == "goal":
            goals = self.goals.rows()
            return [(EMPTY, NO_GOAL)] + [(self.goal_text(g), i) for i, g in enumerate(goals)]
        return [(member.label, member.value) for member in StepStatus]

    def choice_value(self, column: Column, value: object) -> object:
        if column.attribute == "goal":
            goals = self.goals.rows()
            position = int(value) if isinstance(value, int) else NO_GOAL
            return goals[position] if 0 <= position < len(goals) else None
        return StepStatus(value)

    def unlink(self, goal: GoalRow) -> None:
        """Steps of a removed goal stay, without a goal (as the service does it)."""
        for row in self._rows:
            if row.goal is goal:
                row.goal = None
        self._goals_changed()

    def snapshot(self) -> tuple[object, ...]:
        return tuple(
            (s.id, s.description, s.responsible, s.due_on, s.status, self._goal_number(s))
            for s in self._rows
        )

    def _goal_number(self, step: StepRow) -> int:
        return self.goals.number_of(step.goal) if step.goal is not None else 0

    def inputs(self, errors: list[FieldError]) -> list[StepInput]:
        """The steps as the plan edit names them: their goal by its position in the goals."""
        result = []
        for index, step in enumerate(self._rows):
            due = read_row_date(step.due_on, "steps", index, "due_on", errors)
            linked = self._goal_number(step) - 1 if self._goal_number(step) else None
            result.append(
                StepInput(step.description, step.responsible, due, step.status, linked, step.id)
            )
        return result


# --- editing in place ------------------------------------------------------------------------


class CellDelegate(QStyledItemDelegate):
    """A DateField for dates, a combo box for choices, the usual line edit for text."""

    def _column(self, index: _Index) -> tuple[RowTableModel, Column]:
        model = index.model()
        assert isinstance(model, RowTableModel)
        return model, model.columns[index.column()]

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        model, column = self._column(index)
        if column.kind == "date":
            return DateField(parent)
        if column.kind == "choice":
            combo = QComboBox(parent)
            for text, value in model.choices(column):
                combo.addItem(text, value)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        value = index.data(EDIT)
        if isinstance(editor, DateField):
            editor.setText(str(value or ""))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: _Index
    ) -> None:
        if isinstance(editor, DateField):
            model.setData(index, editor.text(), EDIT)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)
        else:
            super().setModelData(editor, model, index)


def row_table(model: RowTableModel, name: str, parent: QWidget) -> QTableView:
    """A table edited in place: F2, Enter-free typing or double-click; Tab leaves the table."""
    view = QTableView(parent)
    view.setModel(model)
    view.setItemDelegate(CellDelegate(view))
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def finish_editing(view: QTableView) -> None:
    """Hand an open cell editor's text to the model (a mnemonic does not take the focus)."""
    if view.state() != QAbstractItemView.State.EditingState:
        return
    editor = view.indexWidget(view.currentIndex())
    if editor is not None:
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
