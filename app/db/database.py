"""Open a data location: lock it, back up before a migration, upgrade to head."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import derived_rows, migrate
from app.db.backup import BACKUP_PREFIX, backup_database, list_backups
from app.db.engine import connect, create_database_engine
from app.db.instance_lock import InstanceLock
from app.db.reads import ReadConnection
from app.db.unit_of_work import UnitOfWork
from app.errors import DatabaseProblem
from app.i18n import _
from app.paths import DataPaths

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


class Database:
    """One data location's database: plain reads at once, the ORM engine when first needed.

    ``reads`` serves the start path and the lists; ``engine`` and ``unit_of_work()`` import
    SQLAlchemy on first use (after the first window, see ui.warm_up), from any thread.
    """

    def __init__(self, paths: DataPaths, lock: InstanceLock | None = None) -> None:
        self.paths = paths
        self.lock = lock
        self.migration_backup: Path | None = None
        self.reads = ReadConnection(connect(paths.database, autocommit=True))
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The ORM engine; every table is loaded first (foreign keys name other tables)."""
        with self._engine_lock:
            if self._engine is None:
                from app.models import load_all

                load_all()
                self._engine = create_database_engine(self.paths.database)
            return self._engine

    def _session(self) -> Session:
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._session)

    def reading(self) -> UnitOfWork:
        return UnitOfWork(self._session, read_only=True)

    @contextmanager
    def write_connection(self) -> Iterator[sqlite3.Connection]:
        """A plain connection of its own in autocommit mode (the caller says BEGIN)."""
        connection = connect(self.paths.database, autocommit=True)
        try:
            yield connection
        finally:
            connection.close()

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
        self.reads.close()
        with self._engine_lock:
            if self._engine is not None:
                self._engine.dispose()
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
    try:
        database = Database(paths, instance_lock)
    except sqlite3.DatabaseError as error:
        if instance_lock is not None:
            instance_lock.release()
        raise _unreadable(paths, error) from error
    try:
        if upgrade:
            upgraded = _upgrade_with_backup(database)
            _keep_derived_rows_current(database, rebuild=upgraded)
    except BaseException:
        database.close()
        raise
    return database


def _unreadable(paths: DataPaths, error: Exception) -> DatabaseProblem:
    return DatabaseProblem(
        _("The database file {path} cannot be read: {error}").format(
            path=paths.database, error=error
        )
    )


def _keep_derived_rows_current(database: Database, *, rebuild: bool) -> None:
    """Rebuild the search and list rows after an upgrade, or when they were derived by
    another version of the code (app.db.derived_rows.VERSION); one transaction."""
    if not rebuild and derived_rows.stamped_version(database.reads) == derived_rows.VERSION:
        return  # the usual start: one PRAGMA on the read connection, nothing opened
    with database.write_connection() as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            derived_rows.rebuild(connection)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _upgrade_with_backup(database: Database) -> bool:
    """Upgrade to head after a backup; True when there was anything to do."""
    try:
        current = migrate.current_revision(database.reads)
        has_tables = database.reads.one("SELECT count(*) FROM sqlite_master")[0] > 0
    except sqlite3.DatabaseError as error:
        raise _unreadable(database.paths, error) from error
    if not migrate.is_known_revision(current):
        raise DatabaseProblem(
            _(
                "The database {path} was written by a newer Lotse (schema {revision}). "
                "Please install the current version."
            ).format(path=database.paths.database, revision=current)
        )
    if current == migrate.head_revision():
        return False
    if has_tables:
        database.migration_backup = database.backup("migration")
    from sqlalchemy.exc import SQLAlchemyError  # an upgrade needs the ORM anyway

    try:
        migrate.upgrade(database.engine)
    except SQLAlchemyError as error:
        raise DatabaseProblem(
            _(
                "The database could not be upgraded: {error}. "
                "Your data are unchanged; a backup lies in {folder}."
            ).format(error=error, folder=database.paths.backups)
        ) from error
    return True
