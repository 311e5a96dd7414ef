"""A combo box over a vocabulary (LabeledEnum), German labels, optional empty choice."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QWidget

from app.vocab import LabeledEnum

EMPTY_TEXT = "—"


class EnumCombo(QComboBox):
    def __init__(
        self,
        enum_class: type[LabeledEnum],
        *,
        optional: bool = True,
        members: Iterable[LabeledEnum] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.enum_class = enum_class
        if optional:
            self.addItem(EMPTY_TEXT, None)
        for member in members if members is not None else enum_class:
            self.addItem(member.label, member.value)

    def value(self) -> LabeledEnum | None:
        code = self.currentData()
        return None if code is None else self.enum_class(code)

    def set_value(self, member: LabeledEnum | None) -> None:
        index = self.findData(None if member is None else member.value)
        self.setCurrentIndex(max(index, 0))
