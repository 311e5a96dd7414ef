"""The start path: the first window reads with plain SQL; the ORM loads afterwards.

Run in a fresh interpreter each, since the test process has long imported everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE_SETTINGS
from tests.locations import open_new

START_AND_REPORT = """
import sys
from ui.app import run_gui
assert run_gui(smoke=True) == 0
# app.models itself is light (labels, office settings); its table modules are not
heavy = sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic", "app.models.participant",
                           "reportlab")
               if m in sys.modules)
print("loaded:", ",".join(heavy) or "-")

from app.commands import open_lotse
from ui.warm_up import warm_up
lotse = open_lotse()
warm_up(lotse)
print("after warm-up:", "app.models.participant" in sys.modules,
      lotse.database._engine is not None)
lotse.close()
"""


def run_python(code: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOTSE_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def configured_location(data_dir: Path) -> None:
    from app.services.settings import save_settings

    lotse = open_new(data_dir)
    try:
        with lotse.unit_of_work() as uow:
            save_settings(uow, EXAMPLE_SETTINGS)
    finally:
        lotse.close()


def test_first_window_needs_neither_orm_nor_models_and_warm_up_loads_them(data_dir):
    configured_location(data_dir)
    result = run_python(START_AND_REPORT, data_dir)
    assert result.returncode == 0, result.stderr
    assert "loaded: -" in result.stdout
    assert "after warm-up: True True" in result.stdout


def test_a_pending_migration_still_runs_before_the_window(data_dir):
    """An empty location: the schema is created (through Alembic) before the window opens."""
    result = run_python(START_AND_REPORT, data_dir)
    assert result.returncode == 0, result.stderr
    assert "alembic" in result.stdout.split("loaded:")[1].splitlines()[0]
    assert (data_dir / "lotse.sqlite").is_file()


ONE_OPERATION_ALONE = """
from datetime import UTC, datetime
from app.commands import open_lotse
from app.services.contact_notes import NoteInput, add_note
from app.vocab import ContactKind
lotse = open_lotse()
with lotse.unit_of_work() as uow:
    changes = add_note(uow, 1, NoteInput(datetime.now(UTC), ContactKind.PHONE, "Anruf"))
print("note:", sorted(changes.notes), "person:", sorted(changes.cases))
lotse.close()
"""


def test_an_operation_works_in_a_process_that_imported_only_its_own_models(data_dir):
    """The models package loads tables lazily; the engine loads all of them first, so that a
    table's foreign keys find the tables they name (a note names an organisation)."""
    from tests.services.helpers import add_person

    lotse = open_new(data_dir)
    try:
        assert add_person(lotse, "Haddad") == 1
    finally:
        lotse.close()
    result = run_python(ONE_OPERATION_ALONE, data_dir)
    assert result.returncode == 0, result.stderr
    assert "note: [1] person: [1]" in result.stdout


UNLOCK_AND_REPORT = """
import sys
from PySide6.QtWidgets import QDialog
from ui.security.unlock_dialog import UnlockDialog

def report(dialog):
    dialog.show()
    heavy = sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic", "argon2", "cryptography",
                               "reportlab") if m in sys.modules)
    print("at the unlock dialog:", ",".join(heavy) or "-")
    return QDialog.DialogCode.Rejected

UnlockDialog.exec = report
from ui.app import run_gui
assert run_gui() == 0
"""


def test_the_unlock_dialog_paints_before_the_orm_and_the_key_derivation_load(data_dir):
    configured_location(data_dir)
    result = run_python(UNLOCK_AND_REPORT, data_dir)
    assert result.returncode == 0, result.stderr
    assert "at the unlock dialog: -" in result.stdout
