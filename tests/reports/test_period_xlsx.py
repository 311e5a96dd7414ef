"""The Sachbericht workbook read back: sheet names, typed cells (numbers, dates), bold frozen
headers, column widths; and LibreOffice reads the same numbers from it."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.reports.period_xlsx import sheet_name, write_period_xlsx
from app.vocab import Program
from tests.reports.sample_report import sample_report

SHEETS = [
    "Übersicht",
    "Überblick",
    "Merkmale bei Eintritt nach…",
    "Austritte nach Verbleib",
    "ESF+-Outputindikatoren",
    "ESF+-Ergebnisindikatoren",
    "JOKO – Vermittlung und Netzwerk",
    "Ausbildungsmanagement",
    "Schüler_innen nach Schulform…",
    "Aufwand",
    "Monate",
    "Nicht gezählt",
]


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "Sachbericht.xlsx"
    write_period_xlsx(sample_report(), path)
    return path


@pytest.fixture(scope="module")
def book(workbook_path):
    return load_workbook(workbook_path)


def test_one_sheet_per_table_between_overview_months_and_left_out(book):
    assert book.sheetnames == SHEETS
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_only_the_tables_of_one_funding_area(tmp_path):
    path = tmp_path / "joko.xlsx"
    write_period_xlsx(sample_report(Program.JOKO), path)
    names = load_workbook(path).sheetnames
    assert "JOKO – Vermittlung und Netzwerk" in names
    assert "Ausbildungsmanagement" not in names and "Schüler_innen nach Schulform…" not in names


def test_overview_has_date_cells(book):
    sheet = book["Übersicht"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2) if row[0].value}
    assert values["Zeitraum"].value == "1. Quartal 2026"
    assert values["Erster Tag"].value == datetime(2026, 1, 1)
    assert values["Erster Tag"].number_format == "DD.MM.YYYY"
    assert values["Letzter Tag"].value == datetime(2026, 3, 31)
    assert values["Erstellt am"].value == datetime(2026, 4, 7)
    assert values["Erstellt am"].is_date
    assert values["Förderbereich"].value == "Beide Förderbereiche"
    nicht = values["Nicht gezählte Datensätze (ESF+-Eintrittsdaten fehlen)"]
    assert nicht.value == 2 and nicht.data_type == "n"
    assert "So wird gezählt" in values
    assert "Gezählt wird jede Person einmal, auch bei mehreren Eintritten im Zeitraum." in values


def test_every_sheet_has_a_bold_frozen_header_and_widths(book):
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        header = [cell for cell in sheet[1] if cell.value is not None]
        assert header and all(cell.font.bold for cell in header), sheet.title
        assert sheet.column_dimensions["A"].width >= 8, sheet.title
    assert book["Austritte nach Verbleib"].column_dimensions["A"].width >= len(
        "sozialversicherungspflichtige Beschäftigung"
    )


def test_gender_table_typed_numbers_and_german_headers(book):
    sheet = book["Merkmale bei Eintritt nach…"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Merkmal", "weiblich", "männlich", "divers", "keine Angabe", "gesamt")
    assert rows[1] == ("Eintritte", 5, 6, 1, 0, 12)
    assert rows[3] == ("18 bis 29 Jahre", 3, 3, 1, 0, 7)
    assert sheet.cell(3, 1).alignment.indent == 2  # a "davon" row
    assert sheet.cell(2, 1).alignment.indent == 0
    for cell in sheet[2][1:]:
        assert cell.data_type == "n" and isinstance(cell.value, int)
        assert cell.number_format == "#,##0"
    assert (
        rows[-1]
        == ("Gezählt werden Personen mit vollständigen ESF+-Eintrittsdaten.",) + (None,) * 5
    )


def test_indicator_sheets_carry_the_code(book):
    rows = list(book["ESF+-Outputindikatoren"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Code", "Indikator")
    assert [row[0] for row in rows[1:]] == [f"EECO{n:02d}" for n in range(1, 18)]
    assert rows[2] == ("EECO02", "Indikator 2", 2, 2, 0, 0, 4)


def test_decimals_stay_decimals(book):
    sheet = book["Aufwand"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert values["Kontakte"].value == 103 and values["Kontakte"].number_format == "#,##0"
    assert values["Kontakte je Fall"].value == pytest.approx(2.4)
    assert values["Kontakte je Fall"].number_format == "#,##0.0"
    assert values["Minuten je Fall"].value == pytest.approx(1234.5)


def test_months_as_month_cells(book):
    rows = list(book["Monate"].iter_rows())
    assert [c.value for c in rows[0]] == ["Monat", "Eintritte", "Austritte",
                                          "Fallbestand am Monatsende"]  # fmt: skip
    assert [c.value for c in rows[1]] == [datetime(2026, 1, 1), 3, 1, 38]
    assert rows[1][0].number_format == "MM.YYYY" and rows[1][0].is_date
    assert [c.value for c in rows[3]] == [datetime(2026, 3, 1), 5, 3, 40]


def test_records_left_out_by_name(book):
    rows = list(book["Nicht gezählt"].iter_rows(values_only=True))
    assert rows[0] == ("Name", "Förderbereich", "Fehlende Angaben")
    assert rows[1][0] == "Ayşe Yılmaz-Doğan" and rows[1][2] == "Geburtsdatum, Erwerbsstatus"
    assert rows[2][0] == "Łukasz Żółkiewski"
    assert "personenbezogene Daten" in rows[-1][0]


def test_sheet_names_are_what_excel_allows():
    taken: set[str] = set()
    assert sheet_name("Kosten [EUR]: Summe / Monat?", taken) == "Kosten EUR – Summe Monat"
    assert sheet_name("'zitiert'", taken) == "zitiert"
    long = "Ein sehr langer Tabellentitel über viele Wörter"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert first == "Ein sehr langer Tabellentitel…" and len(first) <= 31
    assert second.endswith(" (2)") and len(second) <= 31
    assert sheet_name("aufwand", {"aufwand"}) == "aufwand (2)"


# -- LibreOffice -------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice")
# Text CSV: comma, double quotes, UTF-8, raw values (not as shown), every sheet to its own
# file (LibreOffice 7.2+), en-US so that numbers have a decimal point and dates are M/D/Y.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_reads_the_same_numbers(workbook_path, book, tmp_path):
    out = tmp_path / "csv"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(workbook_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    compared = 0
    for sheet in book:
        file = out / f"{workbook_path.stem}-{sheet.title}.csv"
        assert file.is_file(), (sheet.title, sorted(p.name for p in out.iterdir()))
        with file.open(encoding="utf-8", newline="") as handle:
            lines = list(csv.reader(handle))
        for row in sheet.iter_rows():
            for cell in row:
                text = (
                    lines[cell.row - 1][cell.column - 1]
                    if cell.column <= len(lines[cell.row - 1])
                    else ""
                )
                if cell.value is None:
                    assert text == ""
                elif isinstance(cell.value, datetime):
                    assert datetime.strptime(text, "%m/%d/%Y") == cell.value
                    compared += 1
                elif isinstance(cell.value, int | float):
                    assert float(text) == pytest.approx(cell.value), (sheet.title, cell)
                    compared += 1
                else:
                    assert text == cell.value
    assert compared > 150  # every figure, month and date was compared


def test_dates_are_dates_not_texts(book):
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not _looks_like_a_date(cell.value), (sheet.title, cell.value)


def _looks_like_a_date(text: str) -> bool:
    try:
        datetime.strptime(text, "%d.%m.%Y")
    except ValueError:
        return False
    return True
