"""German words for what can go wrong with the database file: what happened, what to do.

SQLite reports faults by result code (``sqlite_errorname`` on the driver's exceptions); the
raw message ("disk I/O error", SQL text) is for the error log, never for the user.
"""

from __future__ import annotations

from pathlib import Path

from app.i18n import _

# Base result code → what the user reads; the longest matching prefix wins
# (SQLITE_IOERR_WRITE is an SQLITE_IOERR, SQLITE_READONLY_DBMOVED an SQLITE_READONLY).
_FULL = "SQLITE_FULL"
_READONLY = "SQLITE_READONLY"
_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_IOERR = "SQLITE_IOERR"
_CANTOPEN = ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")


def error_name(error: BaseException) -> str:
    return str(getattr(error, "sqlite_errorname", "") or "")


def is_database_fault(error: BaseException) -> bool:
    """A fault of the file or the disk (not a programming error such as bad SQL)."""
    name = error_name(error)
    return name.startswith((_FULL, _READONLY, _IOERR, *_CORRUPT, *_CANTOPEN, *_BUSY))


def describe(error: BaseException, database: Path) -> str:
    """What happened and what to do, in German; the file is named, the raw text is not."""
    name = error_name(error)
    if name.startswith(_FULL):
        return _(
            "The disk holding {path} is full. Nothing of the last action was stored. "
            "Free some space (delete or move large files), then try again."
        ).format(path=database)
    if name.startswith(_READONLY):
        return _(
            "The database {path} is read-only for Lotse, so nothing can be stored. "
            "Ask your IT to give your user account write permission on the file and its "
            "folder (or copy the folder to a place where you may write)."
        ).format(path=database)
    if name.startswith(_CORRUPT):
        return _(
            "The database {path} is damaged. Close Lotse, run “lotse check” and restore the "
            "newest backup (“lotse restore”, see the README)."
        ).format(path=database)
    if name.startswith(_IOERR):
        return _(
            "Lotse could not read or write {path} (an input/output error: the disk may be "
            "full, removed or failing). Nothing of the last action was stored. Check free "
            "space and the drive, then start Lotse again."
        ).format(path=database)
    if name.startswith(_CANTOPEN):
        return _(
            "The database {path} cannot be opened: the file or its folder is missing or Lotse "
            "lacks the permission. Check the data location and its permissions."
        ).format(path=database)
    if name.startswith(_BUSY):
        return _(
            "The database {path} is busy (another program holds it). Close other programs "
            "that use the file and try again."
        ).format(path=database)
    return _("The database {path} reported an error ({code}).").format(
        path=database, code=name or type(error).__name__
    )
