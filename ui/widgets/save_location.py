"""Where documents are saved: the folder of the last save (this session; at first the
Documents folder), and a warning before saving into a cloud-synchronised folder (OneDrive
syncs Documents on most office laptops, and plans can hold special-category data)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from app.data_location import cloud_folder
from app.i18n import _

_last_folder: Path | None = None


def suggested_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(target: Path) -> None:
    global _last_folder
    _last_folder = target.parent


def confirm_target(parent: QWidget | None, target: Path) -> bool:
    """True to go on: the folder is not synchronised with a cloud, or the user says so."""
    cloud = cloud_folder(target.parent)
    if cloud is None:
        return True
    answer = QMessageBox.warning(
        parent,
        _("Folder synchronised with the cloud"),
        _(
            "The folder {folder} lies in {cloud}, which is uploaded to the cloud. The "
            "document holds personal data of the participant, possibly special categories "
            "(health, disability). Save it there all the same?"
        ).format(folder=target.parent, cloud=cloud),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
