"""Copies of the database that count only when whole: written, checked, then renamed.

A backup is made with SQLite's online backup API into ``….sqlite.partial``, switched to the
rollback journal (the copy takes the source's WAL flag, and a WAL file beside a copy is how
copies went missing on a full disk), checked with ``PRAGMA integrity_check``, synced to disk
and only then renamed; the key file goes beside it as ``….key`` (app.db.keys), so that every
backup can be opened on its own. Any failure removes what was written and raises
``BackupFailed`` with a German message. Backups are encrypted with the same data key.

Rotation keeps the newest backup of each of the last 7 days, 4 ISO weeks and 12 months that
have backups, the newest 3 made before a schema upgrade, and always the newest of all.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app.db import keys
from app.db.engine import Connection, DatabaseError, connect, connect_as_is
from app.errors import LotseError
from app.files import held_by_another_program, remove_file, replace_file
from app.i18n import _

BACKUP_PREFIX = "lotse-"
BACKUP_SUFFIX = ".sqlite"
KEY_SUFFIX = ".key"
PARTIAL_SUFFIX = ".partial"
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS, KEEP_MIGRATIONS = 7, 4, 12, 3
_NAME = re.compile(r"^lotse-(\d{8}-\d{6}-\d{6})-([a-z-]+)\.sqlite$")
# Writes that fail because the disk (or the file size allowed) is exhausted: ENOSPC, EFBIG
# (a file size limit, errno 27), EDQUOT (a quota). SQLite reports them as SQLITE_FULL or,
# when the system call failed outright (EFBIG), as SQLITE_IOERR; sqlcipher3 gives the primary
# result code only, and the errors of the backup API carry none, just SQLite's text for it.
_DISK_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", None)) if code
)
_DISK_FULL_SQLITE = ("SQLITE_FULL", "SQLITE_IOERR")
_DISK_FULL_TEXTS = ("database or disk is full", "disk I/O error")
_NO_PERMISSION_SQLITE = ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN")
_NO_PERMISSION_TEXTS = ("attempt to write a readonly database", "unable to open database file")


class BackupFailed(LotseError):
    """A backup could not be written whole; nothing partial is left behind."""


def backup_database(
    source: Path, key: bytes | None, folder: Path, reason: str, key_file: Path | None
) -> Path:
    """Write a verified copy of ``source`` (and of ``key_file``) into ``folder``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    partial = folder / f"{target.name}{PARTIAL_SUFFIX}"
    key_copy = key_path(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)  # of a backup cut short: space it takes, on a full disk too
        _copy_verified(source, key, partial)
        if key_file is not None:
            keys.copy_key_file(key_file, key_copy)
        replace_file(partial, target)
        sync_folder(folder)
    except (DatabaseError, OSError, LotseError) as error:
        # (the target too: when only the folder sync failed, the copy is in place)
        for leftover in (*sidecars(partial), partial, key_copy, target):
            with contextlib.suppress(OSError):  # still held: the next backup removes it
                remove_file(leftover)
        raise BackupFailed(
            _(
                "The backup into {folder} failed ({reason}); no incomplete copy was kept. "
                "Check that the drive has free space and that you may write there."
            ).format(folder=folder, reason=_failure(error))
        ) from error
    prune_backups(folder)
    return target


def _copy_verified(source: Path, key: bytes | None, partial: Path) -> None:
    """Copy, sync, then check what was written with a connection of its own (the copying
    connection would answer from its page cache)."""
    for leftover in (*sidecars(partial), partial):
        leftover.unlink(missing_ok=True)
    src = _source_connection(source, key)
    try:
        dst = connect(partial, key, wal=False)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    sync_file(partial)
    check = connect(partial, key, wal=False)
    try:
        verdict = [row[0] for row in check.execute("PRAGMA integrity_check")]
    finally:
        check.close()
    if verdict != ["ok"]:
        raise BackupFailed(_("the copy does not pass the integrity check"))


def _source_connection(source: Path, key: bytes | None) -> Connection:
    """The database to copy, as it is: ``connect`` would switch a file in rollback-journal
    mode to WAL, rewriting its first page, and the backup before an upgrade must leave the
    file byte for byte as it was if the upgrade does not happen. Reads only; not read-only
    (``mode=ro``), so that, closing last, it removes the ``-wal`` and ``-shm`` it made; and
    ``mode=rw``: a missing source is an error, not a new empty database."""
    connection = connect_as_is(source, key, mode="rw")
    try:
        connection.execute("PRAGMA query_only=ON")
    except BaseException:
        connection.close()
        raise
    return connection


def _failure(error: BaseException) -> str:
    """Why the backup failed, for the message (the error or what it was raised from)."""
    cause: BaseException | None = error
    while cause is not None:  # e.g. a KeyFileProblem raised from an OSError
        name = str(getattr(cause, "sqlite_errorname", "") or "")
        text = str(cause) if isinstance(cause, DatabaseError) and not name else ""
        if (
            name.startswith(_DISK_FULL_SQLITE)
            or text.startswith(_DISK_FULL_TEXTS)
            or getattr(cause, "errno", None) in _DISK_FULL_ERRNOS
        ):
            return _("the disk is full")
        if isinstance(cause, OSError) and held_by_another_program(cause):
            return _("another program, e.g. a virus scanner, holds the file; try again in a minute")
        if (
            isinstance(cause, PermissionError)
            or name.startswith(_NO_PERMISSION_SQLITE)
            or text.startswith(_NO_PERMISSION_TEXTS)
        ):
            return _("no permission to write")
        cause = cause.__cause__
    if isinstance(error, LotseError):
        return str(error)
    return _("the copy could not be written")


def key_path(backup: Path) -> Path:
    return backup.with_suffix(KEY_SUFFIX)


def sidecars(database: Path) -> tuple[Path, ...]:
    return tuple(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal"))


def sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def list_backups(folder: Path) -> list[Path]:
    """The backups of ``folder``, oldest first (their names sort by time)."""
    return sorted(p for p in folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if _NAME.match(p.name))


def taken_at(backup: Path) -> datetime:
    match = _NAME.match(backup.name)
    if match is None:
        raise ValueError(backup.name)
    return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")


def reason_of(backup: Path) -> str:
    match = _NAME.match(backup.name)
    return match.group(2) if match else ""


def kept_backups(backups: Iterable[Path]) -> set[Path]:
    """Which backups the rotation keeps (see the module docstring)."""
    newest_first = sorted(backups, key=taken_at, reverse=True)
    kept: set[Path] = set(newest_first[:1])
    for period, count in (
        (lambda t: t.date(), KEEP_DAYS),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKS),
        (lambda t: (t.year, t.month), KEEP_MONTHS),
    ):
        seen: list[object] = []
        for backup in newest_first:
            when = period(taken_at(backup))
            if when not in seen:
                seen.append(when)
                if len(seen) > count:
                    break
                kept.add(backup)
    migrations = [b for b in newest_first if reason_of(b) == "migration"]
    kept.update(migrations[:KEEP_MIGRATIONS])
    return kept


def remove_leftovers(folder: Path) -> None:
    """What a backup that was cut short (killed, power lost) left: its ``.partial`` copy with
    journal, its key file (not yet beside a backup) and the key file's temporary file."""
    for partial in folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}{PARTIAL_SUFFIX}"):
        backup = partial.with_name(partial.name.removesuffix(PARTIAL_SUFFIX))
        if not _NAME.match(backup.name):
            continue
        for leftover in (*sidecars(partial), partial):
            leftover.unlink(missing_ok=True)
        if not backup.exists():
            key_path(backup).unlink(missing_ok=True)
    for temporary in folder.glob(f".{BACKUP_PREFIX}*{KEY_SUFFIX}.*.tmp"):
        temporary.unlink(missing_ok=True)


def prune_backups(folder: Path) -> None:
    """Remove the backups the rotation does not keep, each with its key file."""
    backups = list_backups(folder)
    keep = kept_backups(backups)
    for old in backups:
        if old not in keep:
            try:
                remove_file(old)
                remove_file(key_path(old))
            except OSError:  # still held by a scanner: the next backup removes it
                continue
