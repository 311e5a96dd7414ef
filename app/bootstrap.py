"""The one place that wires paths, database and services for a run of Lotse."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.database import Database, open_database
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.paths import DataPaths, data_paths


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


def bootstrap(paths: DataPaths | None = None, *, lock: bool = True) -> Lotse:
    """Open the data location (lock, backup before migration, upgrade). See open_database."""
    paths = paths or data_paths()
    return Lotse(paths, open_database(paths, lock=lock))
