"""Where the data location is, and where it must not be.

The choice itself is app/paths.py's (``data_choice``); this module says whether it can hold
the data.

SQLite's write-ahead log needs shared memory and byte-range locks that network file systems
(SMB shares, mapped drives) do not give reliably, and a cloud client (OneDrive) uploads and
replaces the files behind Lotse's back: both can corrupt the database. Such folders are
refused with a German explanation (``location_problem``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath

from app.i18n import _
from app.paths import Choice

CLOUD_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive
MOUNTS = Path("/proc/self/mounts")
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afpfs", "9p", "ceph", "glusterfs", "davfs",
     "fuse.sshfs", "fuse.davfs2", "fuse.rclone", "fuse.glusterfs"}
)  # fmt: skip


def choice_problem(choice: Choice, folder: Path) -> str | None:
    """The German reason why ``folder`` (as named by ``choice``) cannot hold the data, or None."""
    if choice.ini_error is not None and choice.folder == folder:
        return _(
            "The file {path} beside the program cannot be read ({error}). It must hold the "
            "section [Lotse] with the line data_dir = FOLDER."
        ).format(path=choice.ini, error=choice.ini_error)
    return location_problem(folder)


# -- where not --------------------------------------------------------------------------------


def location_problem(
    folder: Path | str,
    *,
    environ: Mapping[str, str] | None = None,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
    mounts: str | None = None,
) -> str | None:
    """The German reason why ``folder`` cannot hold Lotse's data, or None.

    ``windows``, ``drive_type`` (GetDriveTypeW of a drive root such as ``H:\\``) and
    ``mounts`` (the text of /proc/self/mounts) are for tests; by default they are the running
    system's."""
    environ = os.environ if environ is None else environ
    windows = sys.platform == "win32" if windows is None else windows
    text = str(folder)
    if _is_unc(text):
        return _network_message(text)
    if windows:
        drive = PureWindowsPath(text).drive
        if drive and len(drive) == 2:
            kind = (drive_type or _windows_drive_type)(drive + "\\")
            if kind == DRIVE_REMOTE:
                return _network_message(text)
    elif mount_type(text, mounts) in NETWORK_FILESYSTEMS:
        return _network_message(text)
    cloud = cloud_folder(text, environ=environ, windows=windows)
    if cloud is not None:
        return _(
            "The data location {path} lies in {cloud}, which is synchronised with the "
            "cloud. The client uploads and replaces the database files while Lotse writes "
            "them, which can destroy the database, and personal data of participants do not "
            "belong in a cloud folder. Choose a local folder, e.g. the default "
            "%LOCALAPPDATA%\\Lotse (set by LOTSE_DATA_DIR, lotse --data-dir or lotse.ini)."
        ).format(path=text, cloud=cloud)
    return None


def cloud_folder(
    path: Path | str, *, environ: Mapping[str, str] | None = None, windows: bool | None = None
) -> str | None:
    """The cloud-synchronised folder (OneDrive) that ``path`` lies in, or None."""
    environ = os.environ if environ is None else environ
    windows = sys.platform == "win32" if windows is None else windows
    text = str(path)
    for variable in CLOUD_VARIABLES:
        root = environ.get(variable, "").strip()
        if root and _below(text, root, windows=windows):
            return root
    parts = PureWindowsPath(text).parts if windows else Path(text).parts
    for index, part in enumerate(parts):
        if part.casefold() == "onedrive" or part.casefold().startswith("onedrive - "):
            joined = PureWindowsPath(*parts[: index + 1]) if windows else Path(*parts[: index + 1])
            return str(joined)
    return None


def _below(path: str, root: str, *, windows: bool) -> bool:
    if windows:
        inner, outer = PureWindowsPath(path), PureWindowsPath(root)
        folded = [p.casefold() for p in inner.parts]
        return folded[: len(outer.parts)] == [p.casefold() for p in outer.parts]
    return Path(path).is_relative_to(root)


def mount_type(path: str, mounts: str | None = None) -> str | None:
    """The file system type of the mount that holds ``path`` (Linux; None elsewhere)."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def _is_unc(text: str) -> bool:
    return text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "//?/"))


def _network_message(text: str) -> str:
    return _(
        "The data location {path} lies on a network drive. SQLite, the database Lotse uses, "
        "is not safe on network file systems: its locks and shared memory do not work "
        "reliably there and the database can be destroyed. Choose a folder on this computer, "
        "e.g. the default %LOCALAPPDATA%\\Lotse (set by LOTSE_DATA_DIR, lotse --data-dir or "
        "lotse.ini); back it up to the network drive with “{command} backup --to DIR”."
    ).format(path=text, command="lotse-cli.exe" if sys.platform == "win32" else "lotse")


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
