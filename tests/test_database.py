"""The data layer: pragmas, unit of work, instance lock, backup before migration."""

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlmodel import select

from app.bootstrap import bootstrap
from app.db import migrate
from app.db.backup import list_backups
from app.db.instance_lock import InstanceLock
from app.errors import AlreadyRunning, DatabaseProblem
from app.models.setting import Setting
from tests.locations import new_location, open_file


def test_pragmas_are_set(lotse):
    assert lotse.database.engine.url.database == str(lotse.paths.database)  # pooled as a file
    with lotse.database.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 1000
        assert pragma("secure_delete") == 1  # deleted records do not linger in free pages
        assert pragma("cipher_version").startswith("4.")  # SQLCipher 4 with the data key


def test_fresh_location_is_at_head_without_backup(lotse):
    assert migrate.current_revision(lotse.database.reads) == migrate.head_revision()
    assert lotse.database.migration_backup is None
    assert list_backups(lotse.paths.backups) == []


def test_unit_of_work_rolls_back_unless_committed(lotse):
    with lotse.unit_of_work() as uow:
        uow.session.add(Setting(key="kept", value="1"))
        uow.commit()
    with lotse.unit_of_work() as uow:
        uow.session.add(Setting(key="dropped", value="1"))
    with pytest.raises(ZeroDivisionError), lotse.unit_of_work() as uow:
        uow.session.add(Setting(key="failed", value="1"))
        uow.session.flush()
        raise ZeroDivisionError
    with lotse.unit_of_work() as uow:
        keys = set(uow.session.exec(select(Setting.key)).all())
    assert keys == {"kept"}


def test_commit_survives_restart(data_dir: Path):
    paths, key = new_location(data_dir)
    first = bootstrap(paths, key=key)
    with first.unit_of_work() as uow:
        uow.session.add(Setting(key="provider", value="Landkreis Börde"))
        uow.commit()
    first.close()
    second = bootstrap(paths, key=key)
    with second.unit_of_work() as uow:
        assert uow.session.get(Setting, "provider").value == "Landkreis Börde"
    second.close()


def test_second_instance_gets_clear_message(lotse):
    with pytest.raises(AlreadyRunning) as raised:
        bootstrap(lotse.paths, key=lotse.database.key)
    assert "bereits" in str(raised.value)
    assert str(lotse.paths.root) in str(raised.value)


def test_lock_is_released_on_close(data_dir: Path):
    paths, key = new_location(data_dir)
    bootstrap(paths, key=key).close()
    bootstrap(paths, key=key).close()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from app.db.instance_lock import InstanceLock
InstanceLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_lock_of_another_process_blocks_and_goes_with_it(tmp_path: Path):
    """A second process gets AlreadyRunning; when the first dies (even killed), it is free."""
    lock_file = tmp_path / "lotse.lock"
    with subprocess.Popen(  # closes its pipe on leaving
        [sys.executable, "-c", HOLD_LOCK, str(lock_file)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            with pytest.raises(AlreadyRunning):
                InstanceLock(lock_file).acquire()
        finally:
            holder.kill()
            holder.wait(timeout=30)
    lock = InstanceLock(lock_file)
    lock.acquire()
    assert lock.held
    lock.release()
    assert not lock.held


def test_read_connection_has_the_pragmas_and_sees_every_commit(lotse):
    reads = lotse.database.reads
    assert reads.one("PRAGMA journal_mode")[0] == "wal"
    assert reads.one("PRAGMA foreign_keys")[0] == 1
    assert reads.rows("SELECT value FROM setting WHERE key = 'provider'") == []
    with lotse.unit_of_work() as uow:
        uow.session.add(Setting(key="provider", value="Landkreis Börde"))
        uow.commit()
    assert reads.rows("SELECT value FROM setting WHERE key = 'provider'") == [("Landkreis Börde",)]


def test_upgrade_is_preceded_by_backup(data_dir: Path):
    """A database behind head is copied into backups/ (verified, with its key file) before
    the migration touches it."""
    paths, key = new_location(data_dir)
    lotse = bootstrap(paths, key=key)
    with lotse.unit_of_work() as uow:
        uow.session.add(Setting(key="provider", value="Ağaoğlu Şükrü"))
        uow.commit()
    migrate.downgrade(lotse.database.engine, "0002")
    lotse.close()
    lotse = bootstrap(paths, key=key)
    try:
        backup = lotse.database.migration_backup
        assert backup is not None and backup.parent == paths.backups
        assert backup.name.endswith("-migration.sqlite")
        assert backup.with_suffix(".key").read_bytes() == paths.key_file.read_bytes()
        with closing(open_file(backup, key)) as conn:
            assert conn.execute("SELECT value FROM setting").fetchall() == [("Ağaoğlu Şükrü",)]
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version[0].startswith("0002")  # the copy shows the state before the upgrade
        assert migrate.current_revision(lotse.database.reads) == migrate.head_revision()
    finally:
        lotse.close()


def test_newer_schema_is_refused(data_dir: Path):
    paths, key = new_location(data_dir)
    bootstrap(paths, key=key).close()
    with closing(open_file(paths.database, key)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'fffffffffff'")
    with pytest.raises(DatabaseProblem) as raised:
        bootstrap(paths, key=key)
    assert "neuere" in str(raised.value)


def test_unreadable_file_gets_clear_message(data_dir: Path):
    paths, key = new_location(data_dir)
    paths.database.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseProblem) as raised:
        bootstrap(paths, key=key)
    assert str(paths.database) in str(raised.value)
    assert paths.database.read_bytes() == b"this is not a database" * 100
    InstanceLock(paths.lock).acquire()  # the failed start left no lock behind


def test_daily_backup_once_a_day(lotse):
    first = lotse.database.backup_if_due()
    assert first is not None and first.is_file()
    assert lotse.database.backup_if_due() is None
    assert list_backups(lotse.paths.backups) == [first]
    with closing(open_file(first, lotse.database.key)) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
