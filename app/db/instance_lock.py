"""One running Lotse per data location: an OS file lock, released when the process ends.

The operating system drops the lock when the process dies, so a crash never leaves a stale
lock behind — on Windows only after a delay, so there the lock is tried a few times before
Lotse says it is already running. fcntl.flock on Linux/macOS, msvcrt.locking (one byte) on
Windows. Only "it is locked" means another Lotse; any other error is reported as what it is.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import AlreadyRunning
from app.i18n import _

# errno values of "locked by another process": flock's EWOULDBLOCK/EAGAIN, msvcrt's EACCES and
# EDEADLOCK (36, after its own ten one-second tries with LK_LOCK; LK_NBLCK gives EACCES)
LOCKED_ERRNOS = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, 36})
WINDOWS_RETRY_DELAYS = (0.25, 0.5, 1.0)  # a crashed process's lock is freed after a moment


def _try_lock(fd: int) -> bool:
    """True when locked now, False when another process holds it; other errors raise."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in LOCKED_ERRNOS:
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    def __init__(
        self,
        path: Path,
        *,
        retry_delays: tuple[float, ...] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._path = path
        self._fd: int | None = None
        default = WINDOWS_RETRY_DELAYS if sys.platform == "win32" else ()
        self._delays = default if retry_delays is None else retry_delays
        self._sleep = sleep

    def acquire(self) -> None:
        if self._fd is not None:
            return
        # an OSError (no permission, not "locked") goes to the caller, which names the folder
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            locked = self._lock(fd)
        except OSError:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise AlreadyRunning(
                _(
                    "Lotse is already running with this data location ({path}). "
                    "Please switch to the open window or close it first."
                ).format(path=self._path.parent)
            )
        self._fd = fd

    def _lock(self, fd: int) -> bool:
        for delay in self._delays:
            if _try_lock(fd):
                return True
            self._sleep(delay)
        return _try_lock(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
