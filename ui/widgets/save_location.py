"""Where documents are saved: the folder of the last save (kept in the user's Qt settings —
on Windows the registry, HKCU\\Software\\Lotse —, at first the Documents folder), and a
warning before saving into a cloud-synchronised folder (OneDrive syncs Documents on most
office laptops, and plans can hold special-category data)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from app.data_location import cloud_folder
from app.i18n import _

LAST_FOLDER_KEY = "documents/last_folder"


def settings() -> QSettings:
    """The user's UI settings of Lotse (tests point this at a file of their own)."""
    return QSettings("Lotse", "Lotse")


def suggested_folder() -> Path:
    stored = settings().value(LAST_FOLDER_KEY, "", str)
    if stored and Path(stored).is_dir():
        return Path(stored)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(folder: Path) -> None:
    """The folder the next save starts in (this and later sessions)."""
    store = settings()
    store.setValue(LAST_FOLDER_KEY, str(folder))
    store.sync()


def confirm_folder(parent: QWidget | None, folder: Path) -> bool:
    """True to go on: ``folder`` is not synchronised with a cloud, or the user says so."""
    cloud = cloud_folder(folder)
    if cloud is None:
        return True
    answer = QMessageBox.warning(
        parent,
        _("Folder synchronised with the cloud"),
        _(
            "The folder {folder} lies in {cloud}, which is uploaded to the cloud. The "
            "document holds personal data of the participant, possibly special categories "
            "(health, disability). Save it there all the same?"
        ).format(folder=folder, cloud=cloud),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
