"""One running Lotse per data location: an OS file lock, released when the process ends."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import AlreadyRunning
from app.i18n import _


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self._lock = FileLock(str(path))

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyRunning(
                _(
                    "Lotse is already running with this data location ({path}). "
                    "Please switch to the open window or close it first."
                ).format(path=Path(self._lock.lock_file).parent)
            ) from None

    def release(self) -> None:
        self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked
