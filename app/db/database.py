"""Open a data location: lock it, check the file is ours, back up before a migration, upgrade.

A new database is created whole or not at all: in ``lotse.sqlite.new`` (marked, migrated to
head), synced, then renamed into place; a kill leaves no ``lotse.sqlite`` and the next start
creates it again. An upgrade runs one transaction per revision (app.db.migrate) after a
verified backup (app.db.backup).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import derived_rows, migrate
from app.db.backup import (
    BACKUP_PREFIX,
    BackupFailed,
    backup_database,
    list_backups,
    sidecars,
    sync_file,
    sync_folder,
)
from app.db.engine import (
    APPLICATION_ID,
    Connection,
    DatabaseError,
    connect,
    create_database_engine,
)
from app.db.faults import describe
from app.db.file_check import FileKind, file_kind, verified_facts
from app.db.instance_lock import InstanceLock
from app.db.reads import ReadConnection
from app.db.unit_of_work import UnitOfWork
from app.errors import DatabaseProblem
from app.i18n import _
from app.paths import DataPaths

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

NEW_SUFFIX = ".new"  # lotse.sqlite.new: a database being created


class Database:
    """One data location's database: plain reads at once, the ORM engine when first needed.

    ``reads`` serves the start path and the lists; ``engine`` and ``unit_of_work()`` import
    SQLAlchemy on first use (after the first window, see ui.warm_up), from any thread.
    """

    def __init__(
        self, paths: DataPaths, key: bytes | None, lock: InstanceLock | None = None
    ) -> None:
        self.paths = paths
        self.key = key
        self.lock = lock
        self.migration_backup: Path | None = None
        self.reads = ReadConnection(connect(paths.database, key))
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The ORM engine; every table is loaded first (foreign keys name other tables)."""
        with self._engine_lock:
            if self._engine is None:
                from app.models import load_all

                load_all()
                self._engine = create_database_engine(self.paths.database, self.key)
            return self._engine

    def _session(self) -> Session:
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._session)

    def reading(self) -> UnitOfWork:
        return UnitOfWork(self._session, read_only=True)

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A plain connection of its own in autocommit mode (the caller says BEGIN)."""
        connection = connect(self.paths.database, self.key)
        try:
            yield connection
        finally:
            connection.close()

    def backup(self, reason: str = "manual", folder: Path | None = None) -> Path:
        """A verified copy with its key file (raises BackupFailed)."""
        key_file = self.paths.key_file if self.key is not None else None
        return backup_database(
            self.paths.database, self.key, folder or self.paths.backups, reason, key_file
        )

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


def open_database(
    paths: DataPaths, key: bytes | None, *, lock: bool = True, upgrade: bool = True
) -> Database:
    """Open (and, when there is none, create) the database of ``paths`` with the data key.

    Takes the instance lock, refuses a file that is not Lotse's (untouched), and when the
    schema is behind, makes a verified backup and upgrades to head. Raises AlreadyRunning or
    DatabaseProblem (German, with what to do); the lock is released again on failure.
    """
    instance_lock = _locked(paths) if lock else None
    try:
        created, migration_backup = False, None
        if file_kind(paths.database) is FileKind.MISSING:
            create_database(paths, key)
            created = True
        else:
            facts = verified_facts(paths.database, key)
            _refuse_read_only(paths.database)
            if upgrade and facts.revision != migrate.head_revision():
                # before anything opens the file for writing (even the WAL switch writes)
                migration_backup = _backup_before_upgrade(paths, key)
        database = Database(paths, key, instance_lock)
        database.migration_backup = migration_backup
    except DatabaseError as error:
        if instance_lock is not None:
            instance_lock.release()
        raise DatabaseProblem(describe(error, paths.database)) from error
    except BaseException:
        if instance_lock is not None:
            instance_lock.release()
        raise
    try:
        if upgrade:
            upgraded = _upgrade(database)
            _keep_derived_rows_current(database, rebuild=upgraded or created)
    except DatabaseError as error:
        database.close()
        raise DatabaseProblem(describe(error, paths.database)) from error
    except BaseException:
        database.close()
        raise
    return database


def _locked(paths: DataPaths) -> InstanceLock:
    try:
        paths.ensure()
        instance_lock = InstanceLock(paths.lock)
        instance_lock.acquire()
    except OSError as error:
        raise DatabaseProblem(
            _(
                "Lotse cannot write into its data location {folder} ({error}). Ask your IT "
                "for write permission on the folder, or choose another one with "
                "LOTSE_DATA_DIR."
            ).format(folder=paths.root, error=error.strerror or error)
        ) from error
    return instance_lock


def _refuse_read_only(database: Path) -> None:
    if not os.access(database, os.W_OK) or not os.access(database.parent, os.W_OK):
        raise DatabaseProblem(
            _(
                "The database {path} is read-only for your user account, so Lotse could not "
                "store anything. Ask your IT for write permission on the file and its folder; "
                "“lotse check” can still read it."
            ).format(path=database)
        )


def create_database(paths: DataPaths, key: bytes | None) -> None:
    """A new, marked database at head, renamed into place only when complete."""
    partial = paths.database.with_name(paths.database.name + NEW_SUFFIX)
    for leftover in (*sidecars(partial), partial):
        leftover.unlink(missing_ok=True)  # from a creation that was interrupted
    mark = connect(partial, key, wal=False)
    try:
        mark.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        mark.close()
    engine = create_database_engine(partial, key, wal=False)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    sync_file(partial)
    os.replace(partial, paths.database)
    sync_folder(paths.root)


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


def _backup_before_upgrade(paths: DataPaths, key: bytes | None) -> Path:
    """A verified copy before a schema upgrade; no copy, no upgrade."""
    key_file = paths.key_file if key is not None else None
    try:
        return backup_database(paths.database, key, paths.backups, "migration", key_file)
    except BackupFailed as error:
        raise DatabaseProblem(
            _(
                "Lotse has to update the database to a new schema, but could not back it up "
                "first: {reason} The update was not started; your data are unchanged."
            ).format(reason=error)
        ) from error


def _upgrade(database: Database) -> bool:
    """Upgrade to head (the backup is made before); True when there was anything to do."""
    if migrate.current_revision(database.reads) == migrate.head_revision():
        return False
    from sqlalchemy.exc import SQLAlchemyError  # an upgrade needs the ORM anyway

    try:
        migrate.upgrade(database.engine)
    except (SQLAlchemyError, DatabaseError, RuntimeError) as error:
        reached = migrate.current_revision(database.reads)
        raise DatabaseProblem(
            _(
                "The database could not be updated to the new schema. Lotse undid the step "
                "that failed: your data are as they were, at schema {revision}. A copy made "
                "before the update is {backup}. Please tell support (details are in the "
                "error log)."
            ).format(revision=reached or "–", backup=database.migration_backup),
            detail=str(error),
        ) from error
    return True
