"""`lotse import FILE --kind … [--dry-run] [--mapping FILE]` as a real process: exit codes,
German messages, rows named by their spreadsheet numbers, nothing stored on an error or a
dry run."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.db import keys
from tests.locations import CHEAP_COST, new_location, open_file
from tests.services.import_sheets import participants_sheet, write_sheet
from tests.test_cli import run_lotse


@pytest.fixture
def location(tmp_path, monkeypatch) -> tuple[Path, bytes]:
    """A new data location with an empty database."""
    monkeypatch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
    paths, key = new_location(tmp_path / "data")
    bootstrap(paths, key=key).close()
    return paths.root, key


def stored(location) -> list[tuple]:
    folder, key = location
    with closing(open_file(folder / "lotse.sqlite", key)) as conn:
        return conn.execute(
            "SELECT last_name, postal_code, birth_date FROM participant ORDER BY last_name"
        ).fetchall()


def audit_count(location) -> int:
    folder, key = location
    with closing(open_file(folder / "lotse.sqlite", key)) as conn:
        return conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]


def test_three_bad_rows_exit_1_name_the_rows_and_store_nothing(location, tmp_path):
    path = participants_sheet(tmp_path / "Liste.xlsx", bad=True)
    before = audit_count(location)
    result = run_lotse("import", str(path), "--kind", "participants", data_dir=location[0])
    assert result.returncode == 1, result.stderr
    named = [line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("Zeile")]
    assert named == ["Zeile 7", "Zeile 10", "Zeile 13"]
    assert "Zeile 7: Geburtsdatum: „unbekannt“ ist kein Datum" in result.stderr
    assert result.stderr.strip().endswith(
        "Nichts importiert: 3 Zeilen haben Fehler. Bitte korrigieren Sie die Datei und "
        "importieren Sie sie erneut."
    )
    assert "8 Zeilen, 3 mit Fehlern, 0 mögliche Dubletten" in result.stdout
    assert stored(location) == []
    assert audit_count(location) == before


def test_a_dry_run_shows_the_preview_and_stores_nothing(location, tmp_path):
    path = participants_sheet(tmp_path / "Liste.xlsx")
    result = run_lotse(
        "import", str(path), "--kind", "participants", "--dry-run", data_dir=location[0]
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Liste.xlsx („Liste“): Kopfzeile in Zeile 4, 8 Datenzeilen."
    assert "Als Summenzeile übergangen: Zeile 15." in lines
    assert "  Geb.-Datum → Geburtsdatum" in lines
    assert "  PLZ → Postleitzahl" in lines
    assert lines[-1] == "Probelauf: Es wurde nichts gespeichert."
    assert stored(location) == []


def test_the_import_stores_every_row_and_a_second_run_finds_them_stored(location, tmp_path):
    path = participants_sheet(tmp_path / "Liste.xlsx")
    result = run_lotse("import", str(path), "--kind", "participants", data_dir=location[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "8 Teilnehmende importiert."
    people = stored(location)
    assert len(people) == 8
    assert ("Şahin", "06108", "1990-01-01") in people
    again = run_lotse("import", str(path), "--kind", "participants", data_dir=location[0])
    assert again.returncode == 0, again.stderr
    assert "8 Zeilen, 0 mit Fehlern, 8 mögliche Dubletten" in again.stdout
    assert again.stdout.splitlines()[-1] == (
        "0 Teilnehmende importiert; 8 mögliche Dubletten nicht importiert "
        "(Zeilen 5, 6, 7, 8, 10, 11, 13, 14)."
    )
    assert len(stored(location)) == 8


def test_a_mapping_file(location, tmp_path):
    sheet = write_sheet(
        tmp_path / "a.xlsx", ("Kürzel", "Familie", "Wohnort-PLZ", "FB"),
        [(5, ("TN-7", "Berg", 6108, "JOKO"))],
    )  # fmt: skip
    mapping = tmp_path / "zuordnung.json"
    mapping.write_text(
        json.dumps({"Kürzel": "esf_number", "Familie": "Nachname", "Wohnort-PLZ": "postal_code",
                    "FB": "program"}),
        encoding="utf-8",
    )  # fmt: skip
    result = run_lotse(
        "import", str(sheet), "--kind", "participants", "--mapping", str(mapping),
        data_dir=location[0],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert stored(location) == [("Berg", "06108", None)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import",), "fehlen"),
        (("import", "{tmp}/liste.xlsx"), "fehlen"),  # no --kind
        (("import", "{tmp}/liste.pdf", "--kind", "participants"), "keine .xlsx"),
        (("import", "{tmp}/liste.xlsx", "--kind", "personen"), "ungültige Auswahl"),
        (("import", "{tmp}/fehlt.xlsx", "--kind", "participants"), "gibt es nicht"),
        (("import", "{tmp}/kaputt.xlsx", "--kind", "participants"), "Excel-Arbeitsmappe"),
        (("import", "{tmp}/liste.xlsx", "--kind", "participants", "--mapping", "{tmp}/z.json"),
         "Unbekanntes Feld „Hausnummer“"),
        (("import", "{tmp}/liste.xlsx", "--kind", "offers"), "„Titel“, das nötig ist"),
    ],
)  # fmt: skip
def test_bad_arguments_exit_2_with_a_german_message(location, tmp_path, args, message):
    participants_sheet(tmp_path / "liste.xlsx")
    (tmp_path / "kaputt.xlsx").write_bytes(b"PK kein Excel")
    (tmp_path / "z.json").write_text('{"PLZ": "Hausnummer"}', encoding="utf-8")
    argv = [arg.format(tmp=tmp_path) for arg in args]
    result = run_lotse(*argv, data_dir=location[0])
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert stored(location) == []
