"""Files that are not a Lotse database of this version are refused, and left byte for byte.

Each case puts a wrong ``lotse.sqlite`` beside a key file, then starts Lotse
(``open_database``) and runs ``lotse check`` (``app.commands.check``): the start raises a
DatabaseProblem naming the file and saying why, the check reports NOT ok, and afterwards the
file has the same SHA-256 and nothing (``-wal``, ``-shm``, ``-journal``, ``.new``, backups)
was made beside it. Then a read-only file and a data folder where the lock file cannot be
created: German messages about permissions, not a PermissionError.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app import commands
from app.db import database as database_module
from app.db import file_check, keys
from app.db.database import open_database
from app.db.engine import connect
from app.db.instance_lock import InstanceLock
from app.errors import DatabaseProblem, LotseError
from app.i18n import _
from app.paths import DataPaths
from tests.locations import TEST_PASSPHRASE, copy_location, new_location

AS_ROOT = os.geteuid() == 0  # permissions do not bite: they are emulated instead


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zero_bytes(paths: DataPaths, template: DataPaths, tmp_path: Path) -> DatabaseProblem:
    paths.database.write_bytes(b"")
    return file_check.refuse_empty(paths.database)


def another_programs_file(paths: DataPaths, template: DataPaths, tmp_path: Path):  # type: ignore[no-untyped-def]
    with sqlite3.connect(paths.database) as connection:
        connection.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT, ort TEXT)")
        connection.execute("INSERT INTO kunden (name, ort) VALUES ('Bäckerei Kühn', 'Halle')")
    connection.close()
    return file_check.refuse_foreign(paths.database)


def random_bytes(paths: DataPaths, template: DataPaths, tmp_path: Path) -> DatabaseProblem:
    paths.database.write_bytes(random.Random(5).randbytes(3 * 4096))
    return file_check.refuse_undecryptable(paths.database)


def another_locations_key(paths: DataPaths, template: DataPaths, tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copyfile(template.database, paths.database)
    other, _key = new_location(tmp_path / "other")
    shutil.copyfile(other.key_file, paths.key_file)  # the same passphrase, another data key
    return file_check.refuse_undecryptable(paths.database)


def newer_revision(paths: DataPaths, template: DataPaths, tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copyfile(template.database, paths.database)
    return ("9999_future", file_check.refuse_newer(paths.database, "9999_future"))


CASES: dict[str, Callable[..., object]] = {
    "zero-bytes": zero_bytes,
    "another-programs-sqlite": another_programs_file,
    "random-bytes": random_bytes,
    "another-locations-key": another_locations_key,
    "newer-revision": newer_revision,
}


def wrong_location(
    case: str, data_dir: Path, template: DataPaths, template_key: bytes, tmp_path: Path
) -> tuple[DataPaths, DatabaseProblem]:
    """The data location with the wrong file of ``case``; the refusal it must get."""
    paths = copy_location(template, data_dir)
    paths.database.unlink()
    expected = CASES[case](paths, template, tmp_path)
    if isinstance(expected, tuple):  # a Lotse file of a newer schema, written with the key
        revision, expected = expected
        with connect(paths.database, template_key) as connection:
            connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.close()
    assert isinstance(expected, DatabaseProblem)
    return paths, expected


def files_of(paths: DataPaths) -> list[str]:
    return sorted(str(p.relative_to(paths.root)) for p in paths.root.rglob("*"))


@pytest.mark.parametrize("case", CASES)
def test_wrong_file_is_refused_untouched(
    case: str, tmp_path: Path, data_dir: Path, migrated_template: DataPaths, template_key: bytes
):
    paths, expected = wrong_location(case, data_dir, migrated_template, template_key, tmp_path)
    before, present = sha256(paths.database), files_of(paths)
    key = keys.unlock(paths.key_file, TEST_PASSPHRASE)  # as the start does

    with pytest.raises(DatabaseProblem) as raised:
        open_database(paths, key)
    assert str(paths.database) in str(raised.value)
    assert str(raised.value) == str(expected)
    assert sha256(paths.database) == before
    assert files_of(paths) == sorted({*present, "lotse.lock"})  # no -wal, -shm, .new, backup
    InstanceLock(paths.lock).acquire()  # the refused start let go of the lock


@pytest.mark.parametrize("case", CASES)
def test_lotse_check_says_not_ok_and_leaves_the_file_untouched(
    case: str,
    tmp_path: Path,
    data_dir: Path,
    migrated_template: DataPaths,
    template_key: bytes,
    capsys: pytest.CaptureFixture[str],
):
    paths, _expected = wrong_location(case, data_dir, migrated_template, template_key, tmp_path)
    before, present = sha256(paths.database), files_of(paths)
    assert commands.check() == 1
    assert str(paths.database) in capsys.readouterr().out
    assert sha256(paths.database) == before
    assert files_of(paths) == present


@pytest.fixture
def located(data_dir: Path, migrated_template: DataPaths) -> DataPaths:
    return copy_location(migrated_template, data_dir)


def test_read_only_file_gets_the_read_only_message(
    located: DataPaths, template_key: bytes, monkeypatch: pytest.MonkeyPatch
):
    paths = located
    before = sha256(paths.database)
    if AS_ROOT:
        access = os.access

        def no_write(path: object, mode: int, **kwargs: object) -> bool:
            if Path(str(path)) == paths.database and mode & os.W_OK:
                return False
            return access(path, mode, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(database_module.os, "access", no_write)
    else:
        paths.database.chmod(0o444)
    try:
        with pytest.raises(DatabaseProblem) as raised:
            open_database(paths, template_key)
        assert str(raised.value) == _(
            "The database {path} is read-only for your user account, so Lotse could not "
            "store anything. Ask your IT for write permission on the file and its folder; "
            "“lotse check” can still read it."
        ).format(path=paths.database)
        assert sha256(paths.database) == before
        assert commands.check() == 0  # it can still be read
        assert sha256(paths.database) == before
    finally:
        paths.database.chmod(0o600)
    InstanceLock(paths.lock).acquire()


def test_lock_file_that_cannot_be_created_gets_a_message(
    located: DataPaths, template_key: bytes, monkeypatch: pytest.MonkeyPatch
):
    paths = located
    paths.lock.unlink(missing_ok=True)
    if AS_ROOT:
        real_open = os.open

        def refuse_lock(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if Path(str(path)) == paths.lock:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse_lock)
    else:
        paths.root.chmod(0o555)
    try:
        with pytest.raises(LotseError) as raised:
            open_database(paths, template_key)
    finally:
        monkeypatch.undo()
        paths.root.chmod(0o755)
    assert type(raised.value) is DatabaseProblem
    assert isinstance(raised.value.__cause__, PermissionError)
    message = str(raised.value)
    assert str(paths.root) in message and "LOTSE_DATA_DIR" in message, message
    assert os.strerror(errno.EACCES) in message
    assert not paths.lock.exists()
