"""Every file location Lotse uses, in one place.

The data location is platformdirs' ``user_data_dir("Lotse")`` unless the environment variable
``LOTSE_DATA_DIR`` names another folder (tests, portable use from a USB stick).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Lotse"
DATA_DIR_ENV = "LOTSE_DATA_DIR"
PASSPHRASE_ENV = "LOTSE_PASSPHRASE"  # the command line and --smoke read the passphrase there
DATABASE_FILE = "lotse.sqlite"
KEY_FILE = "lotse.key"
LOCK_FILE = "lotse.lock"
BACKUP_FOLDER = "backups"


def resource_dir() -> Path:
    """Folder with icons, fonts, catalogs: inside the bundle when frozen, else the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class DataPaths:
    """The files of one data location."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def key_file(self) -> Path:
        """The database's data key, wrapped by the passphrase (app.db.keys)."""
        return self.root / KEY_FILE

    @property
    def lock(self) -> Path:
        return self.root / LOCK_FILE

    @property
    def backups(self) -> Path:
        return self.root / BACKUP_FOLDER

    def ensure(self) -> DataPaths:
        self.root.mkdir(parents=True, exist_ok=True)
        self.backups.mkdir(exist_ok=True)
        return self


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def data_paths() -> DataPaths:
    return DataPaths(data_dir())
