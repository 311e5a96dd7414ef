"""Einstellungen: the office settings, read-only, with a button that opens the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.models.office_settings import LABELS, OfficeSettings, label
from app.vocab import Program
from ui.widgets.heading import page_heading

EMPTY = "—"


def programs_text(programs: frozenset[Program]) -> str:
    return ", ".join(program.label for program in Program if program in programs) or EMPTY


class SettingsPage(QWidget):
    edit_requested = Signal()
    passphrase_change_requested = Signal()
    recovery_key_requested = Signal()
    backups_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(page_heading(title, self))
        intro = QLabel(_("These details appear on support plans and reports."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._values: dict[str, QLabel] = {}
        for name in LABELS:
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            caption = QLabel(label(name) + ":", self)
            caption.setBuddy(value)
            form.addRow(caption, value)
            self._values[name] = value
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("&Edit settings…"), self)
        self.edit_button.clicked.connect(self.edit_requested)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout.addSpacing(12)
        layout.addWidget(page_heading(_("Encryption and backups"), self, level=2))
        security = QLabel(
            _(
                "The database is encrypted; the passphrase opens it. Ctrl+L locks Lotse at "
                "once. Whoever forgets both the passphrase and the recovery key loses access "
                "to all data."
            ),
            self,
        )
        security.setWordWrap(True)
        layout.addWidget(security)
        security_buttons = QHBoxLayout()
        self.passphrase_button = QPushButton(_("Change &passphrase…"), self)
        self.passphrase_button.clicked.connect(self.passphrase_change_requested)
        self.recovery_button = QPushButton(_("New &recovery key…"), self)
        self.recovery_button.clicked.connect(self.recovery_key_requested)
        self.backups_button = QPushButton(_("&Backups…"), self)
        self.backups_button.clicked.connect(self.backups_requested)
        for button in (self.passphrase_button, self.recovery_button, self.backups_button):
            security_buttons.addWidget(button)
        security_buttons.addStretch(1)
        layout.addLayout(security_buttons)
        layout.addStretch(1)
        self.set_settings(OfficeSettings())

    def set_settings(self, settings: OfficeSettings) -> None:
        for name, widget in self._values.items():
            value = getattr(settings, name)
            text = programs_text(value) if name == "programs" else str(value).strip()
            widget.setText(text or EMPTY)

    def value_text(self, name: str) -> str:
        return self._values[name].text()
