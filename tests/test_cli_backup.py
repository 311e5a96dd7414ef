"""`lotse backup [--to DIR]`, `lotse restore FILE [--yes]` and the passphrase on the command
line, run as real processes."""

from __future__ import annotations

import hashlib
from contextlib import closing
from pathlib import Path

from app.bootstrap import bootstrap
from app.db import keys
from app.db.backup import list_backups
from app.paths import DataPaths
from tests.locations import TEST_PASSPHRASE, new_location, open_file
from tests.services.helpers import add_person
from tests.test_cli import run_lotse


def people(database: Path, key: bytes) -> list[str]:
    with closing(open_file(database, key)) as conn:
        return [row[0] for row in conn.execute("SELECT last_name FROM participant ORDER BY id")]


def location_with(data_dir: Path, *last_names: str) -> bytes:
    paths, key = new_location(data_dir)
    lotse = bootstrap(paths, key=key)
    try:
        for name in last_names:
            add_person(lotse, name)
    finally:
        lotse.close()
    return key


def test_backup_to_a_folder_writes_a_checked_copy_with_its_key_file(data_dir, tmp_path):
    key = location_with(data_dir, "Şahin", "Łukasiewicz")
    stick = tmp_path / "usb"
    stick.mkdir()
    result = run_lotse("backup", "--to", str(stick), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    [copy] = list_backups(stick)
    assert str(copy) in result.stdout
    assert copy.with_suffix(".key").read_bytes() == (data_dir / "lotse.key").read_bytes()
    assert people(copy, keys.unlock(copy.with_suffix(".key"), TEST_PASSPHRASE)) == [
        "Şahin",
        "Łukasiewicz",
    ]
    assert people(copy, key) == ["Şahin", "Łukasiewicz"]


def test_restore_round_trips_and_keeps_the_state_before(data_dir):
    key = location_with(data_dir, "Haddad")
    assert run_lotse("backup", data_dir=data_dir).returncode == 0
    [backup] = list_backups(data_dir / "backups")
    new_paths = DataPaths(data_dir)
    lotse = bootstrap(new_paths, key=key)
    try:
        add_person(lotse, "Nachträglich")
    finally:
        lotse.close()
    assert people(new_paths.database, key) == ["Haddad", "Nachträglich"]

    result = run_lotse("restore", str(backup), "--yes", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 Teilnehmende" in result.stdout  # what the backup holds, shown before
    assert "Ergebnis: ok" in result.stdout
    assert people(new_paths.database, key) == ["Haddad"]
    kept = [
        b for b in list_backups(data_dir / "backups") if b.name.endswith("-before-restore.sqlite")
    ]
    assert len(kept) == 1 and people(kept[0], key) == ["Haddad", "Nachträglich"]


def test_restore_without_yes_outside_a_terminal_changes_nothing(data_dir):
    location_with(data_dir, "Haddad")
    assert run_lotse("backup", data_dir=data_dir).returncode == 0
    [backup] = list_backups(data_dir / "backups")
    before = hashlib.sha256((data_dir / "lotse.sqlite").read_bytes()).hexdigest()
    result = run_lotse("restore", str(backup), data_dir=data_dir)
    assert result.returncode == 1
    assert "--yes" in result.stderr
    assert hashlib.sha256((data_dir / "lotse.sqlite").read_bytes()).hexdigest() == before


def test_a_wrong_passphrase_is_refused_in_german_and_touches_nothing(data_dir):
    location_with(data_dir, "Haddad")
    before = (data_dir / "lotse.sqlite").read_bytes()
    result = run_lotse("check", data_dir=data_dir, passphrase="das ist nicht die richtige")
    assert result.returncode == 1
    assert "Passphrase" in result.stderr and "Traceback" not in result.stderr
    assert (data_dir / "lotse.sqlite").read_bytes() == before


def test_demo_on_an_empty_location_creates_the_key_file_from_the_environment(data_dir):
    result = run_lotse("demo", "--participants", "3", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    key = keys.unlock(data_dir / "lotse.key", TEST_PASSPHRASE)
    assert len(people(data_dir / "lotse.sqlite", key)) == 3
    assert run_lotse("check", data_dir=data_dir).returncode == 0


def test_a_weak_passphrase_for_a_new_location_is_refused(data_dir):
    result = run_lotse("demo", "--participants", "3", data_dir=data_dir, passphrase="12345")
    assert result.returncode == 1
    assert "Passphrase" in result.stderr
    assert not (data_dir / "lotse.sqlite").exists() and not (data_dir / "lotse.key").exists()


def test_without_passphrase_and_terminal_the_command_says_what_to_set(data_dir):
    location_with(data_dir, "Haddad")
    result = run_lotse("check", data_dir=data_dir, passphrase=None)
    assert result.returncode == 1
    assert "LOTSE_PASSPHRASE" in result.stderr + result.stdout


def test_restore_onto_a_new_laptop_brings_the_key_file_along(data_dir, tmp_path):
    key = location_with(data_dir, "Haddad", "Öztürk")
    stick = tmp_path / "usb"
    stick.mkdir()
    assert run_lotse("backup", "--to", str(stick), data_dir=data_dir).returncode == 0
    [copy] = list_backups(stick)
    new_laptop = tmp_path / "new-laptop"
    result = run_lotse("restore", str(copy), "--yes", data_dir=new_laptop)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (new_laptop / "lotse.key").read_bytes() == copy.with_suffix(".key").read_bytes()
    assert people(new_laptop / "lotse.sqlite", key) == ["Haddad", "Öztürk"]
    assert run_lotse("check", data_dir=new_laptop).returncode == 0


def test_a_backup_of_another_database_is_not_restored_over_this_one(data_dir, tmp_path):
    location_with(data_dir, "Haddad")
    other = tmp_path / "other"
    location_with(other, "Fremd")
    assert run_lotse("backup", data_dir=other).returncode == 0
    [foreign] = list_backups(other / "backups")
    before = hashlib.sha256((data_dir / "lotse.sqlite").read_bytes()).hexdigest()
    result = run_lotse("restore", str(foreign), "--yes", data_dir=data_dir)
    assert result.returncode == 1
    assert "anderen Datenbank" in result.stderr
    assert hashlib.sha256((data_dir / "lotse.sqlite").read_bytes()).hexdigest() == before
