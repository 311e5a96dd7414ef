"""Backups: whole and verified, or absent with a message; never a migration without one;
the rotation; no plaintext in any file of the data location.

A full disk is emulated without mounting anything: in a forked child (tests/db/fault_child.py)
``RLIMIT_FSIZE`` is set and SIGXFSZ ignored, so every write beyond the limit fails with EFBIG
(errno 27, "File too large"), as writes fail on a full disk.
"""

from __future__ import annotations

import errno
import hashlib
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import Lotse, bootstrap
from app.db import backup as backup_module
from app.db import keys
from app.db.backup import (
    KEEP_DAYS,
    KEEP_MIGRATIONS,
    KEEP_MONTHS,
    KEEP_WEEKS,
    BackupFailed,
    backup_database,
    kept_backups,
    key_path,
    list_backups,
    prune_backups,
    taken_at,
)
from app.db.database import open_database
from app.db.encryption import encrypt_database, table_counts
from app.db.engine import connect, driver, key_pragma
from app.db.file_check import probe
from app.errors import DatabaseProblem
from app.i18n import _
from app.paths import DataPaths
from app.services.contact_notes import NoteInput, add_note
from app.vocab import ContactKind
from tests.db.fault_child import run_child
from tests.locations import TEST_PASSPHRASE, new_location
from tests.services.helpers import add_person

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DISK_FULL = _("the disk is full")
NOT_STARTED = _(
    "Lotse has to update the database to a new schema, but could not back it up "
    "first: {reason} The update was not started; your data are unchanged."
).split("{reason}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only(path: Path, key: bytes):  # type: ignore[no-untyped-def]
    """A connection that cannot change the file (a backup must stay as it was written)."""
    connection = driver.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute(key_pragma(key))
    return connection


def note(text: str) -> NoteInput:
    return NoteInput(datetime.now(UTC) - timedelta(days=1), ContactKind.IN_PERSON, text)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[tuple[DataPaths, bytes]]:
    """A data location holding a few people with notes (closed: the child opens it)."""
    paths, key = new_location(tmp_path / "source")
    lotse = bootstrap(paths, key=key)
    try:
        for number in range(25):
            person = add_person(lotse, f"Brenner{number}", "Ida")
            with lotse.unit_of_work() as uow:
                add_note(uow, person, note(f"Gespräch {number} über Bewerbungen " * 20))
    finally:
        lotse.close()
    yield paths, key


def test_backup_on_a_nearly_full_disk_is_whole_and_verified_or_absent(
    source: tuple[DataPaths, bytes], tmp_path: Path
):
    paths, key = source
    size = paths.database.stat().st_size
    limits = sorted(
        {0, 1, 4096, 32 * 1024, size // 2, size - 4096, size - 1, size, size + 1, 2 * size}
    )
    with read_only(paths.database, key) as connection:
        counts = table_counts(connection)
    rounds = run_child(
        "backup_limits", source=str(paths.root), work=str(tmp_path), key=key.hex(), limits=limits
    )
    assert [one["limit"] for one in rounds] == limits
    outcomes = {"failed": 0, "written": 0}
    for one in rounds:
        folder, outcome = tmp_path / f"limit-{one['limit']}", one["outcome"]
        where = f"limit {one['limit']} (database {size} bytes): {outcome}"
        assert one["end"] == {"signal": None, "exit": 0}, where
        if "failed" in outcome:
            outcomes["failed"] += 1
            assert outcome["error_type"] == "BackupFailed", where
            assert str(folder) in outcome["failed"], where
            assert DISK_FULL in outcome["failed"], where
            assert one["files"] == [], f"{where}: left behind {one['files']}"
            continue
        outcomes["written"] += 1
        written = Path(outcome["backup"])
        assert written.parent == folder
        assert one["files"] == sorted([written.name, key_path(written).name]), where
        assert keys.unlock(key_path(written), TEST_PASSPHRASE) == key
        with read_only(written, key) as copy:
            assert [r[0] for r in copy.execute("PRAGMA integrity_check")] == ["ok"], where
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert table_counts(copy) == counts, where
    assert outcomes["failed"] >= 3 and outcomes["written"] >= 2, outcomes


def test_a_full_disk_when_the_key_file_is_copied_leaves_nothing(
    source: tuple[DataPaths, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    paths, key = source
    folder = tmp_path / "elsewhere"

    def full(source: Path, target: Path) -> None:
        target.write_bytes(b"{")  # begun, then the disk was full
        raise keys.KeyFileProblem("cannot write") from OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(keys, "copy_key_file", full)
    with pytest.raises(BackupFailed) as raised:
        backup_database(paths.database, key, folder, "manual", paths.key_file)
    assert str(folder) in str(raised.value) and DISK_FULL in str(raised.value)
    assert list(folder.iterdir()) == []


def test_leftovers_of_a_backup_cut_short_are_removed_by_the_next(
    source: tuple[DataPaths, bytes], tmp_path: Path
):
    """A kill during a backup leaves a ``.partial`` copy (and maybe its key file): the next
    backup into the folder removes them, and keeps what is not Lotse's."""
    paths, key = source
    folder = tmp_path / "backups"
    folder.mkdir()
    cut_short = folder / "lotse-20260101-120000-000000-migration.sqlite"
    shutil.copyfile(paths.database, cut_short.with_name(cut_short.name + ".partial"))
    (folder / (cut_short.name + ".partial-journal")).write_bytes(b"x")
    key_path(cut_short).write_bytes(b"{}")
    (folder / f".{key_path(cut_short).name}.abc123.tmp").write_bytes(b"{")
    (folder / "meine-notizen.partial").write_bytes(b"not ours")
    made = backup_database(paths.database, key, folder, "manual", paths.key_file)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["meine-notizen.partial", made.name, key_path(made).name]
    )


@pytest.fixture
def old_revision(tmp_path: Path) -> tuple[DataPaths, bytes]:
    """An encrypted database at revision 0002 that a Lotse of that schema has used (WAL)."""
    paths = DataPaths(tmp_path / "old").ensure()
    shutil.copyfile(FIXTURES / "demo-rev0002.sqlite", paths.database)
    key = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False).data_key
    connect(paths.database, key).close()  # as the old Lotse left it: in WAL mode
    return paths, key


def assert_not_started(error: DatabaseProblem, paths: DataPaths) -> None:
    message = str(error)
    assert all(part.strip() in message for part in NOT_STARTED), message
    assert str(paths.backups) in message and DISK_FULL in message, message


def test_no_migration_without_a_verified_backup(
    old_revision: tuple[DataPaths, bytes], monkeypatch: pytest.MonkeyPatch
):
    paths, key = old_revision
    before = sha256(paths.database)

    def disk_full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "sync_file", disk_full)  # the copy is written, not synced
    with pytest.raises(DatabaseProblem) as raised:
        open_database(paths, key)
    assert_not_started(raised.value, paths)
    assert isinstance(raised.value.__cause__, BackupFailed)
    assert sha256(paths.database) == before
    assert list(paths.backups.iterdir()) == []
    assert probe(paths.database, key).revision == "0002"
    monkeypatch.undo()
    open_database(paths, key).close()  # the lock was released; with space, it upgrades


def test_no_migration_on_a_full_disk(old_revision: tuple[DataPaths, bytes]):
    paths, key = old_revision
    before = sha256(paths.database)
    limit = paths.database.stat().st_size // 2
    [result] = run_child("open_limited", location=str(paths.root), key=key.hex(), limit=limit)
    assert result["end"] == {"signal": None, "exit": 0}
    outcome = result["outcome"]
    assert outcome.get("error_type") == "DatabaseProblem", outcome
    assert_not_started(DatabaseProblem(outcome["failed"]), paths)
    assert sha256(paths.database) == before
    assert sorted(p.name for p in paths.root.iterdir()) == [
        "backups",
        "lotse.key",
        "lotse.lock",
        "lotse.sqlite",
    ]
    assert list(paths.backups.iterdir()) == []


def test_a_backup_leaves_its_source_byte_for_byte(tmp_path: Path):
    """Even a file in rollback-journal mode (just encrypted, never opened): the backup reads
    it as it is, and does not switch it to WAL."""
    paths = DataPaths(tmp_path / "old").ensure()
    shutil.copyfile(FIXTURES / "demo-rev0001.sqlite", paths.database)
    key = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False).data_key
    before = sha256(paths.database)
    made = backup_database(paths.database, key, paths.backups, "migration", paths.key_file)
    assert sha256(paths.database) == before
    assert sorted(p.name for p in paths.root.iterdir()) == ["backups", "lotse.key", "lotse.sqlite"]
    with read_only(made, key) as copy, read_only(paths.database, key) as original:
        assert table_counts(copy) == table_counts(original)


def test_no_migration_without_a_backup_leaves_a_just_encrypted_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    paths = DataPaths(tmp_path / "old").ensure()
    shutil.copyfile(FIXTURES / "demo-rev0001.sqlite", paths.database)
    key = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False).data_key
    before = sha256(paths.database)
    monkeypatch.setattr(backup_module, "sync_file", _raise_disk_full)
    with pytest.raises(DatabaseProblem):
        open_database(paths, key)
    assert sha256(paths.database) == before


def _raise_disk_full(path: Path) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


# --- rotation ---------------------------------------------------------------------------------


def named(when: datetime, reason: str) -> Path:
    return Path(f"lotse-{when:%Y%m%d-%H%M%S-%f}-{reason}.sqlite")


def some_fifteen_months() -> list[Path]:
    """Backups from September 2025 to December 2026: most days one or more, some days none,
    a migration backup now and then (seeded)."""
    rng = random.Random(7)
    found = []
    day = datetime(2025, 9, 1, 8, 0)
    while day < datetime(2026, 12, 2):
        if rng.random() < 0.8:
            for n in range(rng.choice([1, 1, 2, 3])):
                when = day + timedelta(hours=n * 3, minutes=rng.randrange(60), microseconds=n)
                found.append(named(when, "daily" if n == 0 else "manual"))
            if rng.random() < 0.06:
                found.append(named(day + timedelta(minutes=1), "migration"))
        day += timedelta(days=1)
    return found


def expected_kept(backups: list[Path]) -> set[Path]:
    """The rotation as stated: the newest of each of the last 7 days, 4 ISO weeks and 12
    months that have backups, the newest 3 migration backups, the newest of all."""
    newest_first = sorted(backups, key=taken_at, reverse=True)
    kept = {newest_first[0]}
    for period, count in (
        (lambda t: t.date(), KEEP_DAYS),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKS),
        (lambda t: (t.year, t.month), KEEP_MONTHS),
    ):
        newest: dict[object, Path] = {}
        for backup in newest_first:
            newest.setdefault(period(taken_at(backup)), backup)
        kept |= {newest[p] for p in sorted(newest, reverse=True)[:count]}  # type: ignore[type-var]
    migrations = [b for b in newest_first if b.name.endswith("-migration.sqlite")]
    return kept | set(migrations[:KEEP_MIGRATIONS])


def test_rotation_keeps_days_weeks_months_and_migrations():
    backups = some_fifteen_months()
    assert len(backups) > 500
    kept = kept_backups(backups)
    assert kept == expected_kept(backups)
    assert len(kept) <= 1 + KEEP_DAYS + KEEP_WEEKS + KEEP_MONTHS + KEEP_MIGRATIONS
    times = {b: taken_at(b) for b in kept}
    assert len({t.date() for t in times.values()}) >= KEEP_DAYS
    assert len({(t.year, t.month) for t in times.values()}) == KEEP_MONTHS
    newest_day = max(times.values()).date()
    of_newest_day = [b for b in backups if taken_at(b).date() == newest_day]
    assert [b for b in of_newest_day if b in kept] == [max(of_newest_day, key=taken_at)]
    migrations = sorted((b for b in backups if "migration" in b.name), key=taken_at)
    assert len(migrations) > KEEP_MIGRATIONS
    assert set(migrations[-KEEP_MIGRATIONS:]) <= kept


def test_rotation_by_hand():
    """A small case worked out by hand: one backup a day, 1 to 20 November 2026, and two
    migration backups in the summer."""
    days = [named(datetime(2026, 11, d, 9), "daily") for d in range(1, 21)]
    summer = [
        named(datetime(2026, 7, 3, 9), "migration"),
        named(datetime(2026, 8, 9, 9), "migration"),
    ]
    kept = {p.name[6:14] for p in kept_backups(days + summer)}
    # the days 14.–20.; the newest of the ISO weeks 47 (16.–20.), 46 (9.–15.: the 15th),
    # 45 (2.–8.: the 8th), 44 (1st); the months November (20th), August, July; both migrations
    assert kept == {
        *(f"202611{d:02d}" for d in range(14, 21)),
        "20261115",
        "20261108",
        "20261101",
        "20260809",
        "20260703",
    }


def test_pruning_removes_each_backup_with_its_key_file(tmp_path: Path):
    backups = some_fifteen_months()
    for backup in backups:
        (tmp_path / backup).write_bytes(b"")
        key_path(tmp_path / backup).write_bytes(b"")
    strangers = ["notizen.txt", "lotse-kopie.sqlite", "lotse-kopie.key"]
    for name in strangers:
        (tmp_path / name).write_bytes(b"")
    prune_backups(tmp_path)
    kept = {tmp_path / b for b in expected_kept(backups)}
    assert set(list_backups(tmp_path)) == kept
    assert {p.name for p in tmp_path.glob("*.key")} == {key_path(b).name for b in kept} | {
        "lotse-kopie.key"
    }
    assert all((tmp_path / name).exists() for name in strangers)


# --- no plaintext -----------------------------------------------------------------------------

SECRET_WORDS = ("Zwetschgenbaum", "Kirschkuchenrezept")


def plaintext_in(folder: Path) -> dict[str, list[str]]:
    """Which files of the folder hold one of the words (any case, UTF-8 or UTF-16)."""
    found: dict[str, list[str]] = {}
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = file.read_bytes().lower()
        for word in SECRET_WORDS:
            forms = [word.lower().encode(encoding) for encoding in ("utf-8", "utf-16-le")]
            if any(form in data for form in forms):
                found.setdefault(str(file.relative_to(folder)), []).append(word)
    return found


def test_the_search_for_plaintext_finds_it(tmp_path: Path):
    """The check below would see an unencrypted name (a plain SQLite file)."""
    plain = connect(tmp_path / "plain.sqlite", None)
    plain.execute("CREATE TABLE person (name TEXT)")
    plain.execute("INSERT INTO person VALUES ('ZWETSCHGENBAUM')")
    plain.close()
    assert plaintext_in(tmp_path) == {"plain.sqlite": ["Zwetschgenbaum"]}


def test_no_file_of_the_data_location_holds_plaintext(lotse: Lotse):
    person = add_person(lotse, SECRET_WORDS[0], "Renate")
    with lotse.unit_of_work() as uow:
        add_note(uow, person, note(f"{SECRET_WORDS[1]} besprochen"))
    with lotse.reading() as uow:
        stored = uow.rows("SELECT count(*) FROM contact_note WHERE content LIKE 'Kirsch%'")
    assert stored == [(1,)]
    root = lotse.paths.root
    assert (root / "lotse.sqlite-wal").exists()  # the write-ahead log is looked at, too
    daily = lotse.database.backup_if_due()
    assert daily is not None and key_path(daily).exists()
    assert plaintext_in(root) == {}
    manual = lotse.database.backup("manual")  # (the newest of the day: the daily one goes)
    assert key_path(manual).exists()
    assert plaintext_in(root) == {}
    lotse.close()
    assert plaintext_in(root) == {}
