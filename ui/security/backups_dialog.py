"""Sicherungen: the backups of the data location, a backup now (here or onto a USB stick), and
putting one back (which needs the database closed: the window restarts around it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.backup import list_backups, reason_of, taken_at
from app.db.restore import BackupSummary, belongs_here, summarize
from app.errors import LotseError
from app.i18n import N_, _
from ui.widgets.busy import busy

REASONS = {
    "daily": N_("at start"),
    "close": N_("on closing"),
    "manual": N_("made by hand"),
    "migration": N_("before an update"),
    "before-restore": N_("before a restore"),
}


def reason_label(reason: str) -> str:
    return _(REASONS[reason]) if reason in REASONS else reason


def size_text(path: Path) -> str:
    return _("{size:.1f} MB").format(size=path.stat().st_size / 1_000_000).replace(".", ",")


class BackupsDialog(QDialog):
    """``restore_requested``: the backup the user chose to put back (the caller restarts)."""

    def __init__(self, lotse: Lotse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self.restore_requested: Path | None = None
        self.setWindowTitle(_("Backups"))
        self.resize(640, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Lotse backs the database up at every start and when it closes, and keeps the "
                "newest backup of each of the last 7 days, 4 weeks and 12 months. Backups are "
                "encrypted like the database; each has its key file (.key) beside it. For a "
                "copy away from this laptop choose “Back up to…” and an encrypted USB stick."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        caption = QLabel(_("&Backups in {folder}:").format(folder=lotse.paths.backups), self)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Made on"), _("Occasion"), _("Size")])
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        caption.setBuddy(self.table)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up &now"), self)
        self.backup_button.clicked.connect(self.back_up_here)
        self.backup_to_button = QPushButton(_("Back up &to…"), self)
        self.backup_to_button.clicked.connect(self.back_up_elsewhere)
        self.restore_button = QPushButton(_("&Restore…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.backup_button, self.backup_to_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def backups(self) -> list[Path]:
        return list(reversed(list_backups(self._lotse.paths.backups)))  # newest first

    def refresh(self) -> None:
        shown = self.backups()
        self.table.setRowCount(len(shown))
        for row, path in enumerate(shown):
            cells = (
                taken_at(path).strftime("%d.%m.%Y %H:%M:%S"),
                reason_label(reason_of(path)),
                size_text(path),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.table.setItem(row, column, item)
        if shown:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # -- actions --------------------------------------------------------------------------

    def back_up_here(self) -> Path | None:
        return self._back_up(None)

    def back_up_elsewhere(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, _("Back up to which folder?"))
        return self._back_up(Path(folder)) if folder else None

    def _back_up(self, folder: Path | None) -> Path | None:
        database = self._lotse.database
        try:
            made = busy(_("Backing up…"), lambda: database.backup("manual", folder), self)
        except LotseError as error:
            QMessageBox.warning(self, _("Backup failed"), str(error))
            return None
        self.refresh()
        QMessageBox.information(
            self,
            _("Backup written"),
            _("The backup was written and checked:\n{path}\nIts key file lies beside it.").format(
                path=made
            ),
        )
        return made

    def restore_selected(self) -> bool:
        """Show what the backup holds and ask; on yes the caller restores and restarts."""
        backup = self.selected()
        if backup is None:
            return False
        paths, key = self._lotse.paths, self._lotse.database.key
        if key is None or not belongs_here(paths, backup):
            QMessageBox.warning(
                self,
                _("Restore"),
                _("This backup belongs to another database; use “lotse restore” for it."),
            )
            return False
        try:
            summary = busy(_("Checking the backup…"), lambda: summarize(backup, key), self)
        except LotseError as error:
            QMessageBox.warning(self, _("Restore"), str(error))
            return False
        if not self._confirm(summary):
            return False
        self.restore_requested = backup
        self.accept()
        return True

    def _confirm(self, summary: BackupSummary) -> bool:
        box = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Restore this backup?"),
            _(
                "The backup of {when} holds {participants} participants, {notes} contact notes "
                "and {plans} support plans.\n\nLotse closes the database, backs up the current "
                "state, puts this backup in its place and opens it again. Changes made since "
                "the backup are then only in the copy of the current state. Restore?"
            ).format(when=summary.taken.strftime("%d.%m.%Y %H:%M"), **summary.counts),
            box.Yes | box.No,
            box.No,
        )
        return answer == box.Yes
