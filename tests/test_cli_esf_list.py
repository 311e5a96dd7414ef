"""`lotse esf-list --out FILE.xlsx|FILE.csv [--pseudonymised]` as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from app.bootstrap import bootstrap
from app.db import keys
from app.reports.esf_columns import FILE_NAME
from tests.locations import CHEAP_COST, export_events, new_location
from tests.services.helpers import COMPLETE_CORE, add_person
from tests.test_cli import assert_refused, run_lotse


@pytest.fixture(scope="module")
def location(tmp_path_factory) -> tuple[Path, bytes, dict[str, int]]:
    """Two complete records with TN-Nr., one without, one incomplete."""
    folder = tmp_path_factory.mktemp("esf-cli")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        paths, key = new_location(folder)
    lotse = bootstrap(paths, key=key)
    try:
        ids = {
            "ayse": add_person(lotse, "Şahin", "Ayşe", **{**COMPLETE_CORE, "esf_number": "2"}),
            "jurgen": add_person(lotse, "Größ", "Jürgen", **{**COMPLETE_CORE, "esf_number": "1"}),
            "olga": add_person(lotse, "Ohnenummer", "Olga", **COMPLETE_CORE),
            "ute": add_person(
                lotse, "Unvollständig", "Ute", **{**COMPLETE_CORE, "gender": None, "city": ""}
            ),
        }
    finally:
        lotse.close()
    return folder, key, ids


def test_writes_the_xlsx_and_names_who_is_left_out(location, tmp_path):
    folder, key, ids = location
    out = tmp_path / "liste.xlsx"
    before = export_events(folder, key, "esf_list")
    result = run_lotse("esf-list", "--out", str(out), data_dir=folder)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"ESF+-Teilnehmendenliste: 2 Zeilen in {out} geschrieben."
    assert lines[1].startswith("Spalten aus ") and lines[1].endswith("teilnehmendenliste.json.")
    assert lines[2:] == [
        "2 Datensätze sind nicht enthalten, weil Angaben fehlen:",
        f"  Nr. {ids['olga']} Ohnenummer, Olga – es fehlt: TN-Nr. im Vorhaben",
        f"  Nr. {ids['ute']} Unvollständig, Ute – es fehlt: Geschlecht, Ort, TN-Nr. im Vorhaben",
    ]
    sheet = openpyxl.load_workbook(out)["Teilnehmende"]
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == ["1", "2"]
    assert sheet["B3"].value == "Şahin"
    assert export_events(folder, key, "esf_list") == before + 1


def test_pseudonymised_csv(location, tmp_path):
    folder, _key, _ids = location
    out = tmp_path / "liste.csv"
    result = run_lotse("esf-list", "--out", str(out), "--pseudonymised", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "Pseudonymisiert: ohne die personenbezogenen Spalten" in result.stdout
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Şahin" not in text and "Größ" not in text
    assert [line.split(";")[0] for line in text.splitlines()] == ["TN-Nr. im Vorhaben", "1", "2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["liste.csv"]


def test_a_broken_map_in_the_data_location_exits_1_with_its_problem(location, tmp_path):
    folder, key, _ids = location
    own = folder / FILE_NAME
    own.write_text(json.dumps({"columns": [{"header": "G", "source": "gender"}]}), "utf-8")
    before = export_events(folder, key, "esf_list")
    try:
        result = run_lotse("esf-list", "--out", str(tmp_path / "l.xlsx"), data_dir=folder)
    finally:
        own.unlink()
    assert result.returncode == 1
    assert f"Fehler: Die Spaltenzuordnung {own} ist nicht verwendbar:" in result.stderr
    assert "Eine Spalte mit der Quelle „esf_number“ (TN-Nr. im Vorhaben) fehlt." in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert export_events(folder, key, "esf_list") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("esf-list",), "fehlen"),
        (("esf-list", "--out", "liste.pdf"), "keine .xlsx oder .csv-Datei"),
        (("esf-list", "--out", "{missing}/liste.xlsx"), "gibt es nicht"),
        (("esf-list", "--out", "liste.csv", "x"), "unbekannte Argumente: x"),
    ],
)
def test_bad_arguments_exit_2_with_a_german_message(location, tmp_path, args, message):
    missing = tmp_path / "fehlt"
    args = tuple(a.format(missing=missing) for a in args)
    result = run_lotse(*args, data_dir=location[0])
    assert_refused(result, message)
    assert list(tmp_path.iterdir()) == []
