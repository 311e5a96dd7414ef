"""Spreadsheets as coordinators keep them, built with openpyxl for the import tests: a merged
title row and a "Stand" line above the header, German headers with odd spacing, empty rows,
a total row at the bottom, dates as Excel serials, date cells, "01.02.2023", "2023-02-01" and
"1.2.23", PLZ stored as numbers (leading zero lost), names with trailing spaces."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HEADER_ROW = 4  # below the title, the "Stand" line and an empty row
PARTICIPANT_HEADERS = (
    " Vorname ", "Nach-  name", "Geb.-Datum", "PLZ", "Ort", "Geschlecht",
    "Staatsangehörigkeit", "Eintritt", "Förderbereich", "Bemerkung",
)  # fmt: skip
# (row as the sheet numbers it, cells); row 9 and 12 are empty, 15 is the total row
GOOD_PARTICIPANTS: list[tuple[int, tuple]] = [
    (5, ("Ayşe ", "Şahin  ", 32874, 6108, "Halle (Saale)", "weiblich", "SY", 44958, "JOKO", "")),
    (6, ("Omar", " Haddad", datetime(1988, 3, 14), 6110, "Halle", "m", "Syrien, Irak",
         "01.02.2023", "L", "kommt über das Jobcenter")),
    (7, ("Olena", "Kovalenko", "2001-07-30", "06112", "Halle", "w", "UA", "2023-02-01", "JOKO",
         "")),
    (8, ("Łukasz", "Nowak", "1.2.05", 39104, "Magdeburg", "männlich", "PL", "1.2.23",
         "Ausbildungsmanagement", "")),
    (10, ("Mariam", "Ahmadi", date(1995, 11, 2), 6847, "Dessau-Roßlau", "weiblich", "AF",
          44960, "JOKO", "")),
    (11, ("Yusuf", "Demir", 35000, 6108, "Halle (Saale)", "divers", "TR", 44961, "joko", "")),
    (13, ("Hanna", "Berg", 36000, 6618, "Naumburg", "keine Angabe", "", 44962, "L", "")),
    (14, ("Samir", "Rahimi", 36500, 6108, "Halle", "m", "AF", 44963, "JOKO", "")),
]  # fmt: skip
TOTAL_ROW = 15
# one bad cell each: a birth date that is text, a PLZ with three digits, an unknown gender
BAD_ROWS = {
    7: ("Olena", "Kovalenko", "unbekannt", "06112", "Halle", "w", "UA", "2023-02-01", "JOKO", ""),
    10: ("Mariam", "Ahmadi", date(1995, 11, 2), 123, "Dessau-Roßlau", "weiblich", "AF", 44960,
         "JOKO", ""),
    13: ("Hanna", "Berg", 36000, 6618, "Naumburg", "vielleicht", "", 44962, "L", ""),
}  # fmt: skip


def write_sheet(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[tuple[int, Sequence[object]]],
    *,
    title: str = "Teilnehmendenliste JOKO Halle 2023",
    total: int | None = None,
) -> Path:
    """A workbook with the title merged over the header's width in row 1, "Stand" in row 2,
    the header in row ``HEADER_ROW``, each data row at its number, a total row at ``total``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Liste"
    sheet.cell(1, 1, title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.cell(2, 1, "Stand: 01.03.2023")
    for column, header in enumerate(headers, start=1):
        sheet.cell(HEADER_ROW, column, header)
    for number, cells in rows:
        for column, value in enumerate(cells, start=1):
            if value not in (None, ""):
                sheet.cell(number, column, value)
    if total is not None:
        sheet.cell(total, 1, "Summe")
        sheet.cell(total, 2, len(rows))
    workbook.save(path)
    return path


def participants_sheet(path: Path, *, bad: bool = False) -> Path:
    rows = [(n, BAD_ROWS.get(n, cells) if bad else cells) for n, cells in GOOD_PARTICIPANTS]
    return write_sheet(path, PARTICIPANT_HEADERS, rows, total=TOTAL_ROW)


ORGANIZATION_HEADERS = ("Firma ", "PLZ", "Ort", "Branche", "Anzahl  Mitarbeiter",
                        "Betriebsnummer", "Ansprechpartner", "Telefon")  # fmt: skip
ORGANIZATIONS: list[tuple[int, tuple]] = [
    (5, ("Bäckerei Müller GmbH ", 6108, "Halle (Saale)", "Lebensmittel", 12, 1234567,
         "Frau Krüger", "0345 123456")),
    (6, ("Logistik Mitte AG", 6112, "Halle (Saale)", "Logistik", 250, "87654321", "", "")),
    (7, ("Pflegedienst Sonnenschein", "39104", "Magdeburg", "Pflege", 40.0, "", "Herr Yilmaz",
         "")),
]  # fmt: skip

OFFER_HEADERS = (
    "Stellenbezeichnung", "Arbeitgeber", "Arbeitsort", "PLZ", "Wochenstunden", "Stundenlohn",
    "Beginn", "gültig bis", "Deutschniveau", "Anzahl Stellen",
)  # fmt: skip
