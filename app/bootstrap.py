"""The one place that wires paths, database and services for a run of Lotse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.db.database import Database, open_database
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import LotseError
from app.i18n import _
from app.paths import DataPaths, data_paths

if TYPE_CHECKING:
    from app.db.keys import CreatedKey


@dataclass
class Lotse:
    """What the main window and the commands get handed: no global accessors."""

    paths: DataPaths
    database: Database

    def unit_of_work(self) -> UnitOfWork:
        """For one operation (app.services): it commits once and returns the Changes."""
        return self.database.unit_of_work()

    def reading(self) -> UnitOfWork:
        """For loading records with the ORM (a record editor's fields); it cannot commit."""
        return self.database.reading()

    @property
    def reads(self) -> Reads:
        """Plain reads for lists and pages, outside any unit of work."""
        return self.database.reads

    def close(self) -> None:
        self.database.close()


def bootstrap(paths: DataPaths | None = None, *, key: bytes | None, lock: bool = True) -> Lotse:
    """Open the data location with the data key (app.db.keys unwraps it from the passphrase):
    lock, check the file, backup before migration, upgrade. See open_database."""
    paths = paths or data_paths()
    return Lotse(paths, open_database(paths, key, lock=lock))


def unlock_key(paths: DataPaths, passphrase: str) -> bytes:
    """The data key of ``paths`` (raises WrongPassphrase, KeyFileProblem)."""
    from app.db import keys

    return keys.unlock(paths.key_file, passphrase)


def new_key(paths: DataPaths, passphrase: str, *, with_recovery_key: bool) -> CreatedKey:
    """A new data key for a new database, wrapped by ``passphrase`` (refused when weak)."""
    from app.db import keys

    assessment = keys.assess_passphrase(passphrase)
    if not assessment.acceptable:
        raise LotseError(
            _("The passphrase is {label}: {hint}").format(
                label=assessment.label, hint=assessment.hint
            )
        )
    paths.ensure()
    return keys.create_key_file(paths.key_file, passphrase, with_recovery_key=with_recovery_key)
