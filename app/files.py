"""Writing an export so that a reader never sees half a file; renaming and removing files
that another program (a virus scanner, a backup or sync client) holds open for a moment.

``atomic_file(target)`` hands out a temporary path in the target's folder; when the block ends
normally the file is flushed to disk and renamed onto the target in one step, otherwise (an
error, a cancel) it is removed and the target stays as it was. Files are readable by their
owner only (0o600 where the system has modes): exports hold personal data.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

# Windows refuses to rename or delete a file another process has open: ERROR_ACCESS_DENIED (5),
# ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33). A scanner holds a just-closed file
# for a fraction of a second, so retry briefly before giving up (about 3 s in all).
HELD_WINERRORS = frozenset({5, 32, 33})
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0)


def held_by_another_program(error: OSError) -> bool:
    """An error that goes away once the other program lets go of the file."""
    if getattr(error, "winerror", None) in HELD_WINERRORS:
        return True
    return sys.platform == "win32" and isinstance(error, PermissionError)


def retrying[T](
    operation: Callable[[], T],
    *,
    delays: tuple[float, ...] = RETRY_DELAYS,
    sleep: Callable[[float], None] | None = None,
) -> T:
    """``operation()``, again after each delay while the file is held by another program;
    the last error is raised when it is still held (any other error at once)."""
    for delay in delays:
        try:
            return operation()
        except OSError as error:
            if not held_by_another_program(error):
                raise
            (sleep or time.sleep)(delay)
    return operation()


def replace_file(source: Path, target: Path) -> None:
    """``os.replace``, retried while a scanner holds one of the files."""
    retrying(lambda: os.replace(source, target))


def remove_file(path: Path) -> None:
    """Remove ``path`` if it is there, retried while a scanner holds it."""
    retrying(lambda: Path(path).unlink(missing_ok=True))


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """A temporary path to write ``target`` through (see the module's description)."""
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    temp = Path(name)
    try:
        with contextlib.suppress(OSError):  # best effort on Windows
            os.chmod(temp, 0o600)
        yield temp
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        replace_file(temp, target)
    finally:
        with contextlib.suppress(OSError):
            remove_file(temp)


def write_atomically(target: Path, data: bytes) -> None:
    """``data`` as the whole new content of ``target``, all or nothing."""
    with atomic_file(target) as temp:
        temp.write_bytes(data)
