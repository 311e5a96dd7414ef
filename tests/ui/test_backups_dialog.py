"""Sicherungen: the list, a backup now, and choosing one to restore (with what it holds)."""

from __future__ import annotations

from contextlib import closing

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.db.backup import list_backups
from tests.locations import open_file
from tests.services.helpers import add_person
from ui.security.backups_dialog import BackupsDialog


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answer Yes and are noted instead of blocking."""
    shown: list[str] = []

    def note(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append(f"{kind}: {title}: {text}")
            return QMessageBox.StandardButton.Yes

        return box

    for kind in ("question", "information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, note(kind))
    return shown


def make(qtbot, lotse) -> BackupsDialog:
    dialog = BackupsDialog(lotse)
    qtbot.addWidget(dialog)
    return dialog


def test_back_up_now_lists_the_new_checked_copy_first(qtbot, lotse, answers):
    add_person(lotse, "Şahin")
    dialog = make(qtbot, lotse)
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    made = dialog.back_up_here()
    assert made is not None and list_backups(lotse.paths.backups) == [made]
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "von Hand"
    assert dialog.selected() == made and dialog.restore_button.isEnabled()
    with closing(open_file(made, lotse.database.key)) as conn:
        assert conn.execute("SELECT last_name FROM participant").fetchall() == [("Şahin",)]
    assert any("geprüft" in text for text in answers)


def test_back_up_to_a_chosen_folder(qtbot, lotse, answers, monkeypatch, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    made = make(qtbot, lotse).back_up_elsewhere()
    assert made is not None and made.parent == stick and made.with_suffix(".key").is_file()


def test_restore_shows_what_the_backup_holds_and_hands_it_to_the_window(qtbot, lotse, answers):
    add_person(lotse, "Haddad")
    dialog = make(qtbot, lotse)
    made = dialog.back_up_here()
    add_person(lotse, "Später")
    assert dialog.restore_selected()
    assert dialog.restore_requested == made
    question = next(text for text in answers if text.startswith("question"))
    assert "1 Teilnehmende" in question  # the backup's count, not today's two


def test_a_failed_backup_is_reported_not_raised(qtbot, lotse, answers, monkeypatch):
    from app.db.backup import BackupFailed

    def fail(*args, **kwargs):
        raise BackupFailed("Der Datenträger ist voll.")

    monkeypatch.setattr(type(lotse.database), "backup", fail)
    assert make(qtbot, lotse).back_up_here() is None
    assert any("voll" in text for text in answers if text.startswith("warning"))
