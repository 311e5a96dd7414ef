"""Über Lotse: version, where the data lie, licences and the versions underneath."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.i18n import _
from app.paths import DataPaths, resource_dir
from ui.widgets.heading import page_heading

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | (
    Qt.TextInteractionFlag.TextSelectableByKeyboard
)


class AboutDialog(QDialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self.setWindowTitle(_("About Lotse"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        layout.addWidget(page_heading("Lotse", self))
        self._labels: list[QLabel] = []
        self._add_text(
            layout,
            _(
                "Case management for job coordination for refugees (JOKO) and for training "
                "management at vocational schools in Saxony-Anhalt. Works offline; all data "
                "stay on this computer."
            ),
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [
            (_("Version"), __version__),
            (_("Data location"), str(paths.root)),
            (_("Database file"), str(paths.database)),
            ("Python", platform.python_version()),
            ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ]
        for caption, value in rows:
            value_label = self._value_label(value)
            caption_label = QLabel(caption + ":", self)
            caption_label.setBuddy(value_label)
            form.addRow(caption_label, value_label)
        layout.addLayout(form)
        layout.addSpacing(6)

        self._add_text(
            layout,
            _(
                "The program and the printed documents use the DejaVu fonts (free licence, "
                "see {path})."
            ).format(path=resource_dir() / "fonts" / "LICENSE-DejaVu.txt"),
        )

        layout.addSpacing(6)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(_("&Copy data location"), self)
        self.copy_button.clicked.connect(self.copy_data_location)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Word-wrapped labels make Qt guess a tall dialog; size it for the width it gets.
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, layout.heightForWidth(width))

    def _value_label(self, text: str) -> QLabel:
        value = QLabel(text, self)
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(SELECTABLE)
        self._labels.append(value)
        return value

    def _add_text(self, layout: QVBoxLayout, text: str) -> None:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(SELECTABLE)
        self._labels.append(label)
        layout.addWidget(label)

    def text(self) -> str:
        """All information shown, as plain text (for tests and for copying)."""
        return "\n".join(label.text() for label in self._labels)

    def copy_data_location(self) -> None:
        QGuiApplication.clipboard().setText(str(self._paths.root))
