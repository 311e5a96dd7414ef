"""Writing an export so that a reader never sees half a file.

``atomic_file(target)`` hands out a temporary path in the target's folder; when the block ends
normally the file is flushed to disk and renamed onto the target in one step, otherwise (an
error, a cancel) it is removed and the target stays as it was. Files are readable by their
owner only (0o600 where the system has modes): exports hold personal data.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


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
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_atomically(target: Path, data: bytes) -> None:
    """``data`` as the whole new content of ``target``, all or nothing."""
    with atomic_file(target) as temp:
        temp.write_bytes(data)
