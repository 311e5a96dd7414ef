"""The face runs operations through ui.operations only: no unit of work, commit or SQL of its
own in a widget (docs/architecture.md, "Operations")."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"
HELPER = Path("operations.py")
SQL = re.compile(r'"[^"\n]*\b(SELECT \S+ FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b')


def violations(root: Path) -> list[tuple[str, str]]:
    """(file, what) for every unit of work outside the helper, every commit, every SQL text."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name, text = str(path.relative_to(root)), path.read_text(encoding="utf-8")
        if "unit_of_work(" in text and Path(name) != HELPER:
            found.append((name, "unit_of_work"))
        if ".commit(" in text:
            found.append((name, "commit"))
        if SQL.search(text):
            found.append((name, "SQL"))
    return found


def test_only_the_helper_runs_operations_and_no_screen_has_sql():
    assert violations(UI) == []
    assert "unit_of_work(" in (UI / HELPER).read_text(encoding="utf-8")


def test_the_scan_finds_a_screen_with_its_own_transaction(tmp_path):
    (tmp_path / "panel.py").write_text(
        "with lotse.unit_of_work() as uow:\n"
        '    uow.rows("SELECT id FROM participant")\n'
        "    uow.commit()\n",
        encoding="utf-8",
    )
    (tmp_path / "dialog.py").write_text('question = "Delete the note?"\n', encoding="utf-8")
    assert violations(tmp_path) == [
        ("panel.py", "unit_of_work"),
        ("panel.py", "commit"),
        ("panel.py", "SQL"),
    ]
