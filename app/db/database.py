"""Open a data location: lock it, back up before a migration, upgrade to head."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.db import migrate
from app.db.backup import BACKUP_PREFIX, backup_database, list_backups
from app.db.engine import create_database_engine
from app.db.instance_lock import InstanceLock
from app.db.unit_of_work import UnitOfWork
from app.errors import DatabaseProblem
from app.i18n import _
from app.paths import DataPaths


@dataclass
class Database:
    paths: DataPaths
    engine: Engine
    lock: InstanceLock | None = None
    migration_backup: Path | None = None
    _session_factory: Callable[[], Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._session_factory = lambda: Session(self.engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._session_factory)

    def backup(self, reason: str = "manual") -> Path:
        return backup_database(self.paths.database, self.paths.backups, reason)

    def backup_if_due(self) -> Path | None:
        """The daily copy: made at the first start of a day, None when one exists already."""
        today = date.today().strftime("%Y%m%d")
        if any(
            p.name.startswith(f"{BACKUP_PREFIX}{today}") for p in list_backups(self.paths.backups)
        ):
            return None
        return self.backup("daily")

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_database(paths: DataPaths, *, lock: bool = True, upgrade: bool = True) -> Database:
    """Open (and create) the database of ``paths``.

    Takes the instance lock, then, when the schema is behind, backs the file up into
    ``backups/`` and upgrades to head. Raises AlreadyRunning or DatabaseProblem.
    """
    paths.ensure()
    instance_lock = InstanceLock(paths.lock) if lock else None
    if instance_lock is not None:
        instance_lock.acquire()
    engine = create_database_engine(paths.database)
    database = Database(paths, engine, instance_lock)
    try:
        if upgrade:
            _upgrade_with_backup(database)
    except BaseException:
        database.close()
        raise
    return database


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one() > 0


def _upgrade_with_backup(database: Database) -> None:
    try:
        current = migrate.current_revision(database.engine)
    except (SQLAlchemyError, sqlite3.DatabaseError) as error:
        raise DatabaseProblem(
            _("The database file {path} cannot be read: {error}").format(
                path=database.paths.database, error=error
            )
        ) from error
    if not migrate.is_known_revision(current):
        raise DatabaseProblem(
            _(
                "The database {path} was written by a newer Lotse (schema {revision}). "
                "Please install the current version."
            ).format(path=database.paths.database, revision=current)
        )
    if current == migrate.head_revision():
        return
    if _has_tables(database.engine):
        database.migration_backup = database.backup("migration")
    try:
        migrate.upgrade(database.engine)
    except SQLAlchemyError as error:
        raise DatabaseProblem(
            _(
                "The database could not be upgraded: {error}. "
                "Your data are unchanged; a backup lies in {folder}."
            ).format(error=error, folder=database.paths.backups)
        ) from error
