"""Übersicht: greets the coordinator and names the office; caseload figures come later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from app.services.settings import OfficeSettings, label
from ui.pages.heading import page_heading

EMPTY = "—"


class OverviewPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self._greeting = page_heading("", self)
        layout.addWidget(self._greeting)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._provider = self._value_label()
        self._district = self._value_label()
        form.addRow(label("provider") + ":", self._provider)
        form.addRow(label("district") + ":", self._district)
        layout.addLayout(form)

        later = QLabel(_("Figures on your caseload will appear here in a later version."), self)
        later.setWordWrap(True)
        layout.addWidget(later)
        layout.addStretch(1)
        self.set_settings(OfficeSettings())

    def _value_label(self) -> QLabel:
        value = QLabel(self)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return value

    def set_settings(self, settings: OfficeSettings) -> None:
        name = settings.coordinator_name.strip()
        if name:
            self._greeting.setText(_("Good day, {name}").format(name=name))
        else:
            self._greeting.setText(_("Welcome to Lotse"))
        self._provider.setText(settings.provider or EMPTY)
        self._district.setText(settings.district or EMPTY)

    def greeting(self) -> str:
        return self._greeting.text()
