"""The filter boxes of the searched list pages: a vocabulary's members with "alle" first
(``FilterCombo``), choices read from the data (``ChoiceCombo``), and a fixed set of choices
that each show how many rows they hold (``CountedFilter``, e.g. "offen (12)")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n import _, format_number
from app.vocab import LabeledEnum
from ui.widgets.enum_combo import EnumCombo


def _narrow(combo: QComboBox, min_chars: int) -> None:
    """Long texts don't widen the box (see ``_show_whole``)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)


def _show_whole(combo: QComboBox) -> None:
    """Before the popup opens: the list shows every text in full, even when the box itself
    is narrower."""
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)


class FilterCombo(EnumCombo):
    """An optional EnumCombo whose empty choice reads "alle"; long labels don't widen it."""

    def __init__(self, enum_class: type[LabeledEnum], parent: QWidget) -> None:
        super().__init__(enum_class, optional=True, parent=parent)
        self.setItemText(0, _("all"))
        _narrow(self, 10)

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        _show_whole(self)
        super().showPopup()


class ChoiceCombo(QComboBox):
    """A filter box: "alle" first, then (text, value) choices that can be replaced while the
    current one is kept; long texts don't widen it, the popup shows them whole."""

    def __init__(self, parent: QWidget, min_chars: int = 12) -> None:
        super().__init__(parent)
        self.addItem(_("all"), None)
        _narrow(self, min_chars)

    def set_choices(self, choices: Sequence[tuple[str, object]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for text, value in choices:
            self.addItem(text, value)
            self.setItemData(self.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)
        if self.currentData() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def value(self) -> object:
        return self.currentData()

    def set_value(self, value: object) -> None:
        self.setCurrentIndex(max(self.findData(value), 0))

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        _show_whole(self)
        super().showPopup()


class CountedFilter(QComboBox):
    """The members of ``choices`` (a StrEnum whose members have a German ``label``) in their
    order, named ``name``; ``show_counts`` adds each one's number of rows: "laufend (3)"."""

    def __init__(self, choices: type[StrEnum], name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._choices = choices
        for choice in choices:
            self.addItem(choice.label, choice.value)  # type: ignore[attr-defined]
        self.setAccessibleName(name)

    def current(self) -> Any:
        """The chosen member of ``choices``."""
        return self._choices(self.currentData())

    def set_current(self, choice: StrEnum) -> None:
        self.setCurrentIndex(self.findData(choice.value))

    def show_counts(self, counts: Mapping[Any, int]) -> None:
        for index in range(self.count()):
            choice: Any = self._choices(self.itemData(index))
            self.setItemText(index, f"{choice.label} ({format_number(counts[choice])})")
