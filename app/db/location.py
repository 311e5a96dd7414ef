"""What lies in a data location, and so what a start has to ask: a new passphrase, the
passphrase, whether to encrypt an old file — or nothing, because something is missing."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from app.data_location import choice_problem
from app.db.backup import list_backups, sidecars
from app.db.file_check import FileKind, file_kind, refuse_empty, refuse_foreign, verified_facts
from app.errors import DatabaseProblem
from app.i18n import _
from app.paths import DataPaths, data_choice

PLAIN_LEFTOVER = ".plain"  # lotse.sqlite.plain: an old unencrypted file still to be wiped


class LocationState(Enum):
    NEW = "new"  # nothing yet: choose a passphrase, create the key file and the database
    LOCKED = "locked"  # key file and database: ask for the passphrase
    UNENCRYPTED = "unencrypted"  # an old unencrypted database and no key file: encrypt it
    UNFINISHED = "unfinished"  # key file, no database, no backups: a first start cut short
    DATABASE_MISSING = "database-missing"  # key file and backups, but no database
    KEY_MISSING = "key-missing"  # an encrypted database without its key file
    EMPTY_FILE = "empty-file"  # a zero-byte lotse.sqlite: refused
    FOREIGN = "foreign"  # another program's unencrypted SQLite file: refused


def location_state(paths: DataPaths) -> LocationState:
    kind = file_kind(paths.database)
    has_key = paths.key_file.is_file()
    if kind is FileKind.MISSING:
        if not has_key:
            return LocationState.NEW
        if paths.backups.is_dir() and list_backups(paths.backups):
            return LocationState.DATABASE_MISSING
        return LocationState.UNFINISHED
    if kind is FileKind.EMPTY:
        return LocationState.EMPTY_FILE
    if kind is FileKind.PLAIN:  # (a key file too: an encryption cut short before the swap)
        try:
            verified_facts(paths.database, None)
        except DatabaseProblem:
            return LocationState.FOREIGN
        return LocationState.UNENCRYPTED
    if not has_key and kind is FileKind.SEALED:
        return LocationState.KEY_MISSING
    return LocationState.LOCKED  # a file the key does not open is refused when it is opened


def refusal(paths: DataPaths, state: LocationState) -> DatabaseProblem | None:
    """The German message for a state in which Lotse must not go on; None otherwise."""
    unusable = choice_problem(data_choice(), paths.root)  # a network drive, OneDrive …
    if unusable is not None:
        return DatabaseProblem(unusable)
    if state is LocationState.EMPTY_FILE:
        return refuse_empty(paths.database)
    if state is LocationState.FOREIGN:
        return refuse_foreign(paths.database)
    if state is LocationState.DATABASE_MISSING:
        return DatabaseProblem(
            _(
                "The database {path} is missing, though its key file and backups are there. "
                "Restore the newest backup with “lotse restore FILE” (see the README); Lotse "
                "does not start an empty database in its place."
            ).format(path=paths.database)
        )
    if state is LocationState.KEY_MISSING:
        return DatabaseProblem(
            _(
                "The key file {key} is missing, so the encrypted database cannot be opened. "
                "Put the key file back (every backup has a copy beside it: the .key file of "
                "the newest backup) and start again."
            ).format(key=paths.key_file)
        )
    return None


def wipe_file(path: Path) -> None:
    """Overwrite a file with zeros, sync, remove it (and its -wal/-shm/-journal).

    On SSDs and copy-on-write file systems the old blocks may survive elsewhere; the README
    says so (full-disk encryption is the remedy for those).
    """
    for file in (*sidecars(path), path):
        try:
            size = file.stat().st_size
        except FileNotFoundError:
            continue
        with file.open("r+b") as handle:
            chunk = b"\0" * (1 << 20)
            left = size
            while left > 0:
                handle.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        file.unlink()


def finish_interrupted_wipe(paths: DataPaths) -> None:
    """An encryption that was cut short after the encrypted file was in place."""
    leftover = paths.database.with_name(paths.database.name + PLAIN_LEFTOVER)
    if leftover.exists() and file_kind(paths.database) is FileKind.SEALED:
        wipe_file(leftover)
