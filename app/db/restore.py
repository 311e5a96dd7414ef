"""Put a backup back in place of the database: after a look at it, after a copy of the current
state, and checked again once it is in place.

A backup opens with the key file of the data location when the two belong together (the same
``key_id``), otherwise only into a data location without a database, with the backup's own
``.key`` (a new laptop). The instance lock is held throughout and the database is closed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db import keys
from app.db.backup import BackupFailed, backup_database, key_path, sidecars, sync_file, sync_folder
from app.db.backup import taken_at as backup_taken_at
from app.db.engine import DatabaseError
from app.db.faults import describe
from app.db.file_check import FileKind, file_kind, read_only, verified_facts
from app.db.instance_lock import InstanceLock
from app.db.reads import ReadConnection, Reads
from app.errors import DatabaseProblem
from app.files import replace_file
from app.i18n import _
from app.paths import DataPaths

RESTORING_SUFFIX = ".restoring"
COUNTED = {"participants": "participant", "notes": "contact_note", "plans": "support_plan"}


def record_counts(reads: Reads) -> dict[str, int]:
    """How many participants, contact notes and support plans a database holds."""
    return {
        label: reads.one(f"SELECT count(*) FROM {table}")[0] for label, table in COUNTED.items()
    }


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    taken: datetime
    revision: str | None
    counts: dict[str, int]  # participants, notes, plans


def backup_key_file(paths: DataPaths, backup: Path) -> Path:
    """The key file that opens ``backup``: its own, else the data location's."""
    own = key_path(backup)
    return own if own.is_file() else paths.key_file


def belongs_here(paths: DataPaths, backup: Path) -> bool:
    """True when the backup is encrypted with this data location's data key."""
    own = key_path(backup)
    if not own.is_file() or not paths.key_file.is_file():
        return not own.is_file()
    return keys.read_key_id(own) == keys.read_key_id(paths.key_file)


def summarize(backup: Path, key: bytes) -> BackupSummary:
    """Date, schema and counts of a backup; DatabaseProblem when it is not a Lotse file."""
    facts = verified_facts(backup, key)
    try:
        with read_only(backup, key) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
            counts = record_counts(ReadConnection(connection))
    except DatabaseError as error:
        raise DatabaseProblem(describe(error, backup)) from error
    if verdict != ["ok"]:
        raise DatabaseProblem(
            _("The backup {path} is damaged and cannot be restored.").format(path=backup)
        )
    try:
        taken = backup_taken_at(backup)
    except ValueError:
        taken = datetime.fromtimestamp(backup.stat().st_mtime)
    return BackupSummary(backup, taken, facts.revision, counts)


def _keep_current(paths: DataPaths, key: bytes) -> Path:
    """A verified copy of the current state; a damaged one is kept as raw files instead."""
    try:
        return backup_database(paths.database, key, paths.backups, "before-restore", paths.key_file)
    except BackupFailed:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = paths.backups / f"damaged-{stamp}"
        folder.mkdir(parents=True)
        for file in (paths.database, *sidecars(paths.database), paths.key_file):
            if file.exists():
                shutil.copy2(file, folder / file.name)
        return folder


def restore(paths: DataPaths, backup: Path, key: bytes) -> Path | None:
    """Replace the database by ``backup``; returns the copy made of the current state.

    ``key`` opens the backup (see ``backup_key_file``). Holds the instance lock.
    """
    here = paths.database.exists()
    if here and not belongs_here(paths, backup):
        raise DatabaseProblem(
            _(
                "The backup {path} belongs to another database (another key). Restore it into "
                "an empty data location instead (LOTSE_DATA_DIR=… lotse restore …)."
            ).format(path=backup)
        )
    summarize(backup, key)
    lock = InstanceLock(paths.ensure().lock)
    lock.acquire()
    try:
        incoming = paths.database.with_name(paths.database.name + RESTORING_SUFFIX)
        shutil.copyfile(backup, incoming)  # first: the rotation below may prune ``backup``
        sync_file(incoming)
        summarize(incoming, key)  # the copy, too, is whole
        safety = None
        if here and file_kind(paths.database) is not FileKind.EMPTY:
            safety = _keep_current(paths, key)
        for leftover in sidecars(paths.database):
            leftover.unlink(missing_ok=True)
        if not paths.key_file.is_file():
            keys.copy_key_file(key_path(backup), paths.key_file)
        replace_file(incoming, paths.database)
        sync_folder(paths.root)
    finally:
        lock.release()
    return safety
