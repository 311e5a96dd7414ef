"""The start before the database opens: first start, unlock, recovery, encrypting an old file.

The dialogs' own behaviour is tested in test_security_dialogs; here their ``exec`` stands in
for the user, and what lands on disk is checked.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from app.bootstrap import bootstrap, unlock_key
from app.db import keys
from app.db.file_check import FileKind, file_kind
from app.errors import DatabaseProblem
from app.paths import DataPaths
from tests.locations import TEST_PASSPHRASE, new_location, open_file
from ui import unlocking
from ui.security.passphrase_dialog import NewPassphraseDialog
from ui.security.recovery_key_dialog import RecoveryKeyDialog
from ui.security.unlock_dialog import UnlockDialog

OLD_FILE = Path(__file__).parent.parent / "fixtures" / "demo-rev0002.sqlite"
ACCEPTED = QDialog.DialogCode.Accepted
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Which dialogs came up, in order; the passphrase dialog gets ``chosen`` typed in."""
    seen: list[str] = []

    def choose(dialog: NewPassphraseDialog) -> int:
        seen.append("passphrase")
        dialog.passphrase = chosen["passphrase"]
        dialog.wants_recovery_key = chosen["recovery"]
        return ACCEPTED

    def note_recovery(dialog: RecoveryKeyDialog) -> int:
        seen.append(f"recovery:{dialog.recovery_key}")
        return ACCEPTED

    monkeypatch.setattr(NewPassphraseDialog, "exec", choose)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", note_recovery)
    return seen


chosen: dict = {"passphrase": "Neue Passphrase für Halle", "recovery": True}


def test_first_start_creates_the_key_file_and_shows_the_recovery_key_once(shown, data_dir):
    paths = DataPaths(data_dir)
    key = unlocking.data_key(paths)
    assert shown[0] == "passphrase" and shown[1].startswith("recovery:")
    assert keys.unlock(paths.key_file, chosen["passphrase"]) == key
    recovery = shown[1].removeprefix("recovery:")
    assert keys.unlock_with_recovery_key(paths.key_file, recovery) == key
    assert not paths.database.exists()  # the database is made by bootstrap, with this key


def test_unlock_gives_the_key_and_after_the_recovery_key_a_new_passphrase(
    shown, monkeypatch, data_dir
):
    paths, key = new_location(data_dir)
    recovery = keys.replace_recovery_key(paths.key_file, key)
    bootstrap(paths, key=key).close()

    def forgot_passphrase(dialog: UnlockDialog) -> int:
        shown.append("unlock")
        dialog.data_key = keys.unlock_with_recovery_key(paths.key_file, recovery.lower())
        dialog.used_recovery_key = True
        return ACCEPTED

    monkeypatch.setattr(UnlockDialog, "exec", forgot_passphrase)
    assert unlocking.data_key(paths) == key
    assert shown == ["unlock", "passphrase"]
    assert unlock_key(paths, chosen["passphrase"]) == key
    with pytest.raises(keys.WrongPassphrase):
        unlock_key(paths, TEST_PASSPHRASE)


def test_an_old_unencrypted_database_is_encrypted_and_its_plain_copies_wiped(
    shown, monkeypatch, data_dir
):
    paths = DataPaths(data_dir).ensure()
    shutil.copyfile(OLD_FILE, paths.database)
    old_backup = paths.backups / "lotse-20260101-080000-000000-daily.sqlite"
    shutil.copyfile(OLD_FILE, old_backup)
    with closing(open_file(paths.database, None)) as conn:
        people = conn.execute("SELECT count(*) FROM participant").fetchone()[0]
        name = conn.execute("SELECT last_name FROM participant ORDER BY id").fetchone()[0]
    questions: list[str] = []

    def yes(parent, title, text, *args, **kwargs):
        questions.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    key = unlocking.data_key(paths)
    assert len(questions) == 2  # encrypt? then: wipe the old unencrypted backups?
    assert file_kind(paths.database) is FileKind.SEALED
    assert name.encode() not in paths.database.read_bytes()
    assert not old_backup.exists()
    assert not list(data_dir.glob("lotse.sqlite.*"))  # no plain leftover, no temporary copy
    lotse = bootstrap(paths, key=key)  # and it upgrades to head, counts intact
    try:
        assert lotse.reads.one("SELECT count(*) FROM participant")[0] == people
    finally:
        lotse.close()


def test_declining_the_encryption_leaves_the_old_file_alone(monkeypatch, data_dir):
    paths = DataPaths(data_dir).ensure()
    shutil.copyfile(OLD_FILE, paths.database)
    before = paths.database.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert unlocking.data_key(paths) is None
    assert paths.database.read_bytes() == before and not paths.key_file.exists()


def test_a_missing_database_beside_its_backups_is_refused(data_dir):
    paths, key = new_location(data_dir)
    lotse = bootstrap(paths, key=key)
    lotse.database.backup("manual")
    lotse.close()
    paths.database.unlink()
    with pytest.raises(DatabaseProblem) as refused:
        unlocking.data_key(paths)
    assert "lotse restore" in str(refused.value)
    assert not paths.database.exists()


@pytest.mark.parametrize("content", [b"", b"another program"])
def test_an_empty_or_foreign_file_is_refused_before_any_dialog(content, data_dir, monkeypatch):
    paths = DataPaths(data_dir).ensure()
    if content:
        with closing(open_file(paths.database, None)) as conn:
            conn.execute("CREATE TABLE kunden (name TEXT)")
            conn.execute("INSERT INTO kunden VALUES (?)", (content.decode(),))
    else:
        paths.database.write_bytes(b"")
    before = paths.database.read_bytes()
    monkeypatch.setattr(NewPassphraseDialog, "exec", lambda d: pytest.fail("dialog shown"))
    monkeypatch.setattr(UnlockDialog, "exec", lambda d: pytest.fail("dialog shown"))
    with pytest.raises(DatabaseProblem) as refused:
        unlocking.data_key(paths)
    assert str(paths.database) in str(refused.value)
    assert paths.database.read_bytes() == before and not paths.key_file.exists()
