"""Windows' own failure modes, emulated on any system: a file held open by a virus scanner
(rename and delete refused with WinError 32 until it lets go), the lock of a crashed process
freed only after a delay, an error of the lock that is not "locked", no login name."""

from __future__ import annotations

import errno
import getpass
import os
import time
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.db import backup as backup_module
from app.db import instance_lock
from app.db.backup import BackupFailed, backup_database, list_backups, prune_backups
from app.db.database import open_database
from app.db.instance_lock import InstanceLock
from app.errors import AlreadyRunning, DatabaseProblem
from app.files import held_by_another_program, retrying
from app.services import audit
from tests.locations import new_location

SHARING_VIOLATION = 32


def held(path: object) -> PermissionError:
    """The error Windows gives for a file another process has open (errno 13, WinError 32)."""
    error = PermissionError(errno.EACCES, "Der Prozess kann nicht auf die Datei zugreifen", path)
    error.winerror = SHARING_VIOLATION  # type: ignore[attr-defined]
    return error


class Scanner:
    """Holds the files whose names end in ``suffix`` for its first ``tries`` attempts."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, suffix: str, tries: int, *, deletes: bool = True
    ) -> None:
        self.attempts = 0
        self.waits: list[float] = []
        real_replace, real_unlink = os.replace, Path.unlink
        scanner = self

        def replace(source, target):  # noqa: ANN001, ANN202
            if str(source).endswith(suffix):
                scanner.attempts += 1
                if scanner.attempts <= tries:
                    raise held(source)
            return real_replace(source, target)

        def unlink(path, missing_ok=False):  # noqa: ANN001, ANN202, FBT002
            if deletes and str(path).endswith(suffix) and path.exists():
                scanner.attempts += 1
                if scanner.attempts <= tries:
                    raise held(path)
            return real_unlink(path, missing_ok=missing_ok)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(Path, "unlink", unlink)
        monkeypatch.setattr(time, "sleep", self.waits.append)


@pytest.fixture
def location(tmp_path: Path):
    paths, key = new_location(tmp_path / "data")
    bootstrap(paths, key=key).close()
    return paths, key


def test_a_held_error_is_told_from_a_real_refusal():
    assert held_by_another_program(held("x"))
    assert not held_by_another_program(PermissionError(errno.EACCES, "verboten"))  # on Linux
    assert not held_by_another_program(FileNotFoundError(errno.ENOENT, "fehlt"))


def test_retrying_gives_up_at_once_on_other_errors():
    calls: list[int] = []

    def missing() -> None:
        calls.append(1)
        raise FileNotFoundError(errno.ENOENT, "fehlt")

    with pytest.raises(FileNotFoundError):
        retrying(missing, sleep=lambda _s: None)
    assert calls == [1]


def test_a_backup_waits_for_the_scanner_to_let_go(location, tmp_path, monkeypatch):
    paths, key = location
    folder = tmp_path / "Sicherungen"
    scanner = Scanner(monkeypatch, ".partial", tries=3)
    written = backup_database(paths.database, key, folder, "manual", paths.key_file)
    assert written.is_file() and written.parent == folder
    assert scanner.attempts == 4 and len(scanner.waits) == 3
    assert not list(folder.glob("*.partial*"))


def test_a_backup_held_too_long_fails_with_a_german_message_and_leaves_nothing(
    location, tmp_path, monkeypatch
):
    paths, key = location
    folder = tmp_path / "Sicherungen"
    Scanner(monkeypatch, ".partial", tries=100, deletes=False)
    with pytest.raises(BackupFailed) as raised:
        backup_database(paths.database, key, folder, "manual", paths.key_file)
    message = str(raised.value)
    assert "Virenscanner" in message and str(folder) in message
    assert [p.name for p in folder.iterdir()] == []  # no partial copy, no key file


def test_a_partial_copy_still_held_is_removed_by_the_next_backup(location, tmp_path, monkeypatch):
    paths, key = location
    folder = tmp_path / "Sicherungen"
    with monkeypatch.context() as scanning:
        Scanner(scanning, ".partial", tries=100)  # rename and delete refused throughout
        with pytest.raises(BackupFailed):
            backup_database(paths.database, key, folder, "manual", paths.key_file)
    assert [p.suffix for p in folder.iterdir()] == [".partial"]  # left behind, no crash
    written = backup_database(paths.database, key, folder, "manual", paths.key_file)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [written.name, written.with_suffix(".key").name]
    )


def test_an_old_backup_held_by_the_scanner_stays_for_the_next_rotation(
    location, tmp_path, monkeypatch
):
    paths, key = location
    folder = tmp_path / "Sicherungen"
    first = backup_database(paths.database, key, folder, "manual", paths.key_file)
    monkeypatch.setattr(backup_module, "kept_backups", lambda backups: set(backups[1:]))
    Scanner(monkeypatch, first.name, tries=100)
    prune_backups(folder)  # no exception: the held file is left
    assert first in list_backups(folder)


def test_the_lock_of_a_crashed_process_is_waited_for(tmp_path, monkeypatch):
    answers = iter([False, False, True])
    monkeypatch.setattr(instance_lock, "_try_lock", lambda fd: next(answers))
    waits: list[float] = []
    lock = InstanceLock(tmp_path / "lotse.lock", retry_delays=(0.25, 0.5, 1.0), sleep=waits.append)
    lock.acquire()
    assert lock.held and waits == [0.25, 0.5]
    lock.release()


def test_a_lock_still_held_after_the_tries_means_lotse_is_running(tmp_path, monkeypatch):
    monkeypatch.setattr(instance_lock, "_try_lock", lambda fd: False)
    waits: list[float] = []
    lock = InstanceLock(tmp_path / "lotse.lock", retry_delays=(0.25, 0.5), sleep=waits.append)
    with pytest.raises(AlreadyRunning):
        lock.acquire()
    assert waits == [0.25, 0.5] and not lock.held


def test_only_locked_errors_mean_another_lotse(location, monkeypatch):
    paths, key = location

    def broken(fd: int, operation: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    import fcntl

    monkeypatch.setattr(fcntl, "flock", broken)
    with pytest.raises(DatabaseProblem) as raised:
        open_database(paths, key)
    assert not isinstance(raised.value, AlreadyRunning)
    assert os.strerror(errno.EIO) in str(raised.value) and str(paths.root) in str(raised.value)

    def locked(fd: int, operation: int) -> None:
        raise BlockingIOError(errno.EWOULDBLOCK, os.strerror(errno.EWOULDBLOCK))

    monkeypatch.setattr(fcntl, "flock", locked)
    with pytest.raises(AlreadyRunning):
        open_database(paths, key)


def test_no_login_name_gives_an_empty_actor(monkeypatch):
    def no_pwd() -> str:  # getpass on Windows without USERNAME, Python 3.12
        raise ImportError("No module named 'pwd'")

    monkeypatch.setattr(getpass, "getuser", no_pwd)
    monkeypatch.setattr(os, "getlogin", lambda: "lukasz")
    assert audit.current_actor() == "lukasz"

    def no_login() -> str:
        raise OSError(errno.ENXIO, "no login")

    monkeypatch.setattr(os, "getlogin", no_login)
    assert audit.current_actor() == ""
