"""The bottom row of a record window (participant, organisation, course): "Löschen…" and
the record's documents on the left; the time of the last save, "Speichern" and "Schließen" on
the right. None of them is a default button: Enter stays in the form."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton

from app.i18n import _
from ui.mnemonics import mark_destructive
from ui.widgets.formatting import saved_at_text


class RecordButtons:
    def __init__(
        self,
        window: QDialog,
        *,
        delete: Callable[[], object],
        save: Callable[[], object],
        documents: Sequence[QPushButton] = (),
        delete_text: str | None = None,
    ) -> None:
        self.delete_button = QPushButton(delete_text or _("&Delete…"), window)
        self.delete_button.clicked.connect(lambda: delete())
        mark_destructive(self.delete_button)
        self.saved_label = QLabel(window)
        self.save_button = QPushButton(_("&Save"), window)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: save())
        self.close_button = QPushButton(_("Close"), window)
        self.close_button.setToolTip(_("Close (Esc)"))
        self.close_button.clicked.connect(window.reject)
        self.row = QHBoxLayout()
        self.row.addWidget(self.delete_button)
        for button in documents:
            self.row.addWidget(button)
        self.row.addStretch(1)
        self.row.addWidget(self.saved_label)
        self.row.addWidget(self.save_button)
        self.row.addWidget(self.close_button)
        for button in (self.delete_button, *documents, self.save_button, self.close_button):
            button.setAutoDefault(False)

    def show_saved(self) -> None:
        self.saved_label.setText(saved_at_text())
