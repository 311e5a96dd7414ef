"""Reading spreadsheets for the import (app/services/imports/reader.py, values.py, mapping.py):
the header below title rows, spreadsheet row numbers, empty and total rows, CSV dialects,
and the cell values coordinators' lists hold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services.imports import values
from app.services.imports.mapping import (
    ImportKind,
    known_header,
    mapping_errors,
    normalise,
    suggest,
)
from app.services.imports.reader import ImportFileError, read_table, sniff_delimiter
from app.vocab import EmploymentStatusAtEntry, Gender, Program, SchoolLevel
from tests.services.import_sheets import (
    GOOD_PARTICIPANTS,
    HEADER_ROW,
    PARTICIPANT_HEADERS,
    TOTAL_ROW,
    participants_sheet,
)

PARTICIPANTS = ImportKind.PARTICIPANTS


def test_the_header_below_a_merged_title_and_the_rows_numbered_as_the_sheet_shows(tmp_path):
    table = read_table(participants_sheet(tmp_path / "Liste.xlsx"), known_header(PARTICIPANTS))
    assert table.sheet == "Liste"
    assert table.header_row == HEADER_ROW == 4
    assert table.headers[:3] == ("Vorname", "Nach- name", "Geb.-Datum")  # spaces tidied
    # the empty rows 9 and 12 are gone, the total row 15 too; the numbers are the sheet's
    assert [row.number for row in table.rows] == [n for n, _cells in GOOD_PARTICIPANTS]
    assert table.total_rows == (TOTAL_ROW,)
    first = table.rows[0]
    assert first.cells[:4] == ("Ayşe ", "Şahin  ", 32874.0, 6108.0)


def test_a_csv_from_german_excel_semicolons_and_windows_1252(tmp_path):
    path = tmp_path / "liste.csv"
    text = (
        "Teilnehmende Halle;;;\r\n"
        ";;;\r\n"
        "Vorname;Nachname;PLZ;Geb.-Datum\r\n"
        "Jürgen ;Weiß;6108;01.02.1990\r\n"
        ";;;\r\n"
        '"Anna";"Groß";"06110";"1990-02-03"\r\n'
        "Summe;2;;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    table = read_table(path, known_header(PARTICIPANTS))
    assert table.sheet is None
    assert table.header_row == 3
    assert table.headers == ("Vorname", "Nachname", "PLZ", "Geb.-Datum")
    assert [(row.number, row.cells[:2]) for row in table.rows] == [
        (4, ("Jürgen ", "Weiß")),
        (6, ("Anna", "Groß")),
    ]
    assert table.total_rows == (7,)


def test_a_csv_with_commas_a_bom_and_a_line_break_in_a_cell(tmp_path):
    path = tmp_path / "liste.csv"
    text = 'Vorname,Nachname,Bemerkung\n"Ali","Khan","zwei\nZeilen"\nOlga,Ivanova,\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    table = read_table(path, known_header(PARTICIPANTS))
    assert table.headers == ("Vorname", "Nachname", "Bemerkung")  # no BOM in the first
    # the quoted cell with a line break is one row, as a spreadsheet shows it
    assert [(row.number, row.cells[1]) for row in table.rows] == [(2, "Khan"), (3, "Ivanova")]


def test_the_delimiter_is_sniffed():
    assert sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"


def test_files_that_cannot_be_read_are_refused_in_german(tmp_path):
    with pytest.raises(ImportFileError, match="gibt es nicht"):
        read_table(tmp_path / "fehlt.xlsx")
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"kein Excel")
    with pytest.raises(ImportFileError, match="nicht als Excel-Arbeitsmappe"):
        read_table(broken)
    empty = tmp_path / "leer.csv"
    empty.write_text(";;\n\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="keine Zeilen"):
        read_table(empty)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (44958, date(2023, 2, 1)),  # an Excel serial number
        (44958.75, date(2023, 2, 1)),  # with a time of day
        (datetime(2023, 2, 1, 0, 0), date(2023, 2, 1)),
        (date(2023, 2, 1), date(2023, 2, 1)),
        ("01.02.2023", date(2023, 2, 1)),
        ("1.2.23", date(2023, 2, 1)),
        (" 2023-02-01 ", date(2023, 2, 1)),
        ("2023-02-01 00:00:00", date(2023, 2, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates_as_spreadsheets_hold_them(cell, expected):
    assert values.date_value(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("unbekannt", "„unbekannt“ ist kein Datum"),
        ("31.02.2023", "„31.02.2023“ ist kein gültiges Datum"),
        ("Feb 2023", "kein Datum"),
        (-3, "kein Datum"),
    ],
)
def test_what_is_no_date_is_named(cell, message):
    with pytest.raises(values.CellProblem, match=message):
        values.date_value(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(6108, "06108"), (6108.0, "06108"), ("6108", "06108"), ("06 108", "06108"),
     (39104, "39104"), (123, "123"), ("D-06108", "D-06108"), (None, "")],
)  # fmt: skip
def test_a_plz_that_lost_its_leading_zero(cell, expected):
    assert values.postal_code(cell) == expected


def test_texts_yes_no_numbers():
    assert values.text("  Müller   Lüdenscheidt ") == "Müller Lüdenscheidt"
    assert values.text(12.0) == "12"
    assert values.long_text("  erste  Zeile \r\n zweite ") == "erste Zeile\nzweite"
    assert [values.yes_no(c) for c in ("ja", "X", "nein", "", 1, "Nein.")] == [
        True, True, False, None, True, False,
    ]  # fmt: skip
    with pytest.raises(values.CellProblem, match="„ja“ oder „nein“"):
        values.yes_no("vielleicht")
    assert values.whole_number("12") == 12
    assert values.decimal("38,5") == 38.5
    assert values.euros("13,50 €") == 1350
    assert values.euros(13.5) == 1350
    assert values.betriebsnummer(1234567) == "01234567"


def test_vocabulary_values_by_their_german_label():
    assert values.vocabulary(Gender, "Weiblich ") is Gender.FEMALE
    assert values.vocabulary(Gender, "w") is Gender.FEMALE
    assert values.vocabulary(Program, "JOKO") is Program.JOKO
    assert values.vocabulary(Program, "Ausbildungsmanagement") is Program.TRAINING
    assert values.vocabulary(SchoolLevel, "Abitur") is SchoolLevel.HIGHER_EDUCATION_ENTRANCE
    assert (
        values.vocabulary(EmploymentStatusAtEntry, "langzeitarbeitslos")
        is EmploymentStatusAtEntry.LONG_TERM_UNEMPLOYED
    )
    with pytest.raises(values.CellProblem, match="„weiblich“, „männlich“"):
        values.vocabulary(Gender, "xyz")
    assert values.countries("Syrien, AF; irak") == ["SY", "AF", "IQ"]
    assert values.languages("Arabisch, fa") == ["ar", "fa"]


def test_headers_are_compared_without_case_spaces_umlauts_and_punctuation():
    assert normalise("  Geb.-Datum ") == normalise("geb datum") == "gebdatum"
    assert normalise("Straße") == normalise("Strasse")
    assert normalise("Nationalität") == normalise("Nationalitaet")
    mapping = suggest(PARTICIPANTS, [h.strip() for h in PARTICIPANT_HEADERS])
    assert mapping == (
        "first_name", "last_name", "birth_date", "postal_code", "city", "gender",
        "nationalities", "entry_date", "program", "notes",
    )  # fmt: skip
    # one field for one column: a second "PLZ" is left out
    assert suggest(PARTICIPANTS, ["PLZ", "Postleitzahl", "Unbekannt"]) == (
        "postal_code", None, None,
    )  # fmt: skip


def test_a_mapping_without_the_needed_field_is_refused():
    problems = mapping_errors(PARTICIPANTS, ["Vorname"], ("first_name",))
    assert problems == ["Für das Feld „Nachname“, das nötig ist, ist keine Spalte gewählt."]
    twice = mapping_errors(PARTICIPANTS, ["A", "B"], ("last_name", "last_name"))
    assert twice == ["Das Feld „Nachname“ ist für mehrere Spalten gewählt: „A“, „B“."]
