"""The ESF+ Teilnehmendenliste (#19): XLSX read back with openpyxl, CSV read back as bytes,
the column map (shipped, overridden, broken), pseudonymised, left-out records, all or nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from app.bootstrap import Lotse
from app.errors import ValidationError
from app.models.audit import AuditEvent
from app.progress import Cancelled, Progress
from app.reports.esf_columns import (
    FILE_NAME,
    SOURCES,
    ColumnMapError,
    load_column_map,
    read_column_map,
    shipped_map_path,
)
from app.services.esf_list import EsfListResult, export_esf_list
from app.services.participants import ExitData, exit_participant
from app.vocab import (
    AuditAction,
    EmploymentStatusAtEntry,
    ExitOutcome,
    ExitReason,
    Gender,
    HousingSituation,
    Program,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)
from tests.services.helpers import COMPLETE_CORE, add_person, run

SHIPPED = json.loads(shipped_map_path().read_text(encoding="utf-8"))
SHIPPED_HEADERS = [column["header"] for column in SHIPPED["columns"]]
PERSONAL_HEADERS = [c["header"] for c in SHIPPED["columns"] if c.get("personal")]


@pytest.fixture
def people(lotse: Lotse) -> dict[str, int]:
    """Two complete records with TN-Nr. (one exited), a complete one without, an incomplete."""
    ayse = add_person(
        lotse,
        "Şahin",
        "Ayşe",
        **{
            **COMPLETE_CORE,
            "esf_number": "TN-10",
            "street": "Große Ulrichstraße 3",
            "rural_area": False,
            "housing_situation": HousingSituation.REFUGEE_ACCOMMODATION,
            "school_level": SchoolLevel.LOWER_SECONDARY,
            "vocational_level": VocationalLevel.VOCATIONAL,
            "unemployed_since": date(2024, 1, 15),
        },
    )
    run(
        lotse,
        exit_participant,
        ayse,
        ExitData(
            date(2026, 9, 30),
            ExitReason.GOAL_REACHED,
            ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
            date(2026, 10, 1),
            qualification_gained=True,
        ),
        today=date(2026, 10, 5),
    )
    jurgen = add_person(
        lotse,
        "Größ",
        "Jürgen",
        **{
            **COMPLETE_CORE,
            "esf_number": "TN-9",
            "birth_date": date(2008, 12, 24),
            "entry_date": date(2026, 8, 3),
            "gender": Gender.MALE,
            "nationalities": ["PL", "UA"],
            "rural_area": True,
            "employment_status_at_entry": EmploymentStatusAtEntry.INACTIVE_IN_EDUCATION,
            "housing_situation": HousingSituation.WITH_FAMILY,
            "disability": YesNoUnknown.NO,
            "program": Program.TRAINING,
        },
    )
    without_number = add_person(lotse, "Ohnenummer", "Olga", **COMPLETE_CORE)
    incomplete = add_person(
        lotse,
        "Unvollständig",
        "Ute",
        **{**COMPLETE_CORE, "esf_number": "TN-11", "birth_date": None, "housing_situation": None},
    )
    return {"ayse": ayse, "jurgen": jurgen, "olga": without_number, "ute": incomplete}


def export(
    lotse: Lotse, out: Path, *, pseudonymised: bool = False, progress: Progress | None = None
) -> EsfListResult:
    columns = load_column_map(lotse.paths.root)
    with lotse.unit_of_work() as uow:
        return export_esf_list(
            uow, progress or Progress(), out, pseudonymised=pseudonymised, columns=columns
        )


def sheet_rows(path: Path, sheet: str | None = None) -> list[tuple]:
    workbook = openpyxl.load_workbook(path)
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    return [tuple(row) for row in worksheet.iter_rows(values_only=True)]


def by_header(rows: list[tuple]) -> list[dict[str, object]]:
    headers, *body = rows
    return [dict(zip(headers, row, strict=True)) for row in body]


def test_the_xlsx_has_the_map_s_columns_in_order_with_typed_cells(lotse, people, tmp_path):
    out = tmp_path / "liste.xlsx"
    result = export(lotse, out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Teilnehmende", "Nicht enthalten"]
    sheet = workbook["Teilnehmende"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    rows = sheet_rows(out)
    assert list(rows[0]) == SHIPPED_HEADERS
    assert list(result.headers) == SHIPPED_HEADERS
    jurgen, ayse = by_header(rows)  # TN-9 before TN-10
    assert result.rows == 2
    assert jurgen["TN-Nr. im Vorhaben"] == "TN-9" and ayse["TN-Nr. im Vorhaben"] == "TN-10"
    assert ayse["Nachname"] == "Şahin" and ayse["Vorname"] == "Ayşe"
    assert ayse["Straße und Hausnummer"] == "Große Ulrichstraße 3"
    assert ayse["Postleitzahl"] == "06108"  # text: the leading zero stays
    assert ayse["Wohnort"] == "Halle (Saale)"
    assert ayse["Geburtsdatum"] == datetime(1990, 5, 17)  # a date cell
    assert ayse["Eintritt"] == datetime(2026, 3, 2)
    assert ayse["Austritt"] == datetime(2026, 9, 30)
    assert ayse["Arbeitslos seit"] == datetime(2024, 1, 15)
    assert ayse["Alter bei Eintritt"] == 35 and type(ayse["Alter bei Eintritt"]) is int
    assert jurgen["Alter bei Eintritt"] == 17
    assert ayse["Geschlecht"] == "weiblich" and jurgen["Geschlecht"] == "männlich"
    assert ayse["Staatsangehörigkeit(en)"] == "Syrien"
    assert jurgen["Staatsangehörigkeit(en)"] == "Polen, Ukraine"
    assert ayse["Drittstaatsangehörige Person"] == "ja"
    assert jurgen["Drittstaatsangehörige Person"] == "nein"  # Polish: an EU citizen
    assert ayse["Obdachlos oder von Ausgrenzung auf dem Wohnungsmarkt betroffen"] == "ja"
    assert jurgen["Obdachlos oder von Ausgrenzung auf dem Wohnungsmarkt betroffen"] == "nein"
    assert ayse["Wohnsituation"] == "Gemeinschaftsunterkunft für Geflüchtete"
    assert (
        ayse["Wohnort im ländlichen Raum"] == "nein"
        and jurgen["Wohnort im ländlichen Raum"] == "ja"
    )
    assert ayse["Erwerbsstatus bei Eintritt"] == "langzeitarbeitslos (>12 Monate)"
    assert ayse["Bildungsniveau (ISCED)"].startswith("ISCED 3–4")
    assert ayse["Behinderung"] == "keine Angabe" and jurgen["Behinderung"] == "nein"
    assert ayse["Austrittsgrund"] == "Förderziel erreicht"
    assert ayse["Verbleib bei Austritt"] == "sozialversicherungspflichtige Beschäftigung"
    assert ayse["Datum des Verbleibs"] == datetime(2026, 10, 1)
    assert ayse["Qualifizierung erlangt"] == "ja"
    assert jurgen["Austritt"] is None and jurgen["Qualifizierung erlangt"] is None
    assert ayse["Ausländische Herkunft"] is None  # not recorded: an empty cell
    assert jurgen["Förderbereich"] == "Ausbildungsmanagement an Berufsbildenden Schulen"
    cell = sheet["D2"]  # Geburtsdatum of the first row
    assert cell.is_date and cell.number_format == "DD.MM.YYYY"


def test_left_out_records_are_listed_with_what_is_missing(lotse, people, tmp_path):
    out = tmp_path / "liste.xlsx"
    result = export(lotse, out)
    found = {entry.participant_id: entry for entry in result.left_out}
    assert set(found) == {people["olga"], people["ute"]}
    assert found[people["olga"]].missing == ("TN-Nr. im Vorhaben",)
    assert found[people["ute"]].missing == ("Geburtsdatum", "Wohnsituation")
    assert found[people["ute"]].name == "Unvollständig, Ute"
    assert [e.name for e in result.left_out] == ["Ohnenummer, Olga", "Unvollständig, Ute"]
    listed = by_header(sheet_rows(out, "Nicht enthalten"))
    assert listed == [
        {
            "Nr. in Lotse": people["olga"],
            "Name": "Ohnenummer, Olga",
            "Förderbereich": "JOKO – Job-Koordination für Geflüchtete",
            "TN-Nr. im Vorhaben": None,
            "Es fehlt": "TN-Nr. im Vorhaben",
        },
        {
            "Nr. in Lotse": people["ute"],
            "Name": "Unvollständig, Ute",
            "Förderbereich": "JOKO – Job-Koordination für Geflüchtete",
            "TN-Nr. im Vorhaben": "TN-11",
            "Es fehlt": "Geburtsdatum, Wohnsituation",
        },
    ]
    numbers = [row[0] for row in sheet_rows(out)[1:]]
    assert "TN-11" not in numbers


def all_values(path: Path) -> list[object]:
    workbook = openpyxl.load_workbook(path)
    return [v for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row]


def test_pseudonymised_has_no_names_addresses_or_birth_dates(lotse, people, tmp_path):
    out = tmp_path / "pseudonym.xlsx"
    result = export(lotse, out, pseudonymised=True)
    rows = sheet_rows(out)
    assert list(rows[0]) == [h for h in SHIPPED_HEADERS if h not in PERSONAL_HEADERS]
    assert {"Nachname", "Vorname", "Geburtsdatum", "Straße und Hausnummer"} <= set(PERSONAL_HEADERS)
    assert result.pseudonymised
    values = all_values(out)
    for secret in ("Şahin", "Ayşe", "Größ", "Jürgen", "Ohnenummer", "Unvollständig", "06108"):
        assert not any(isinstance(v, str) and secret in v for v in values), secret
    assert datetime(1990, 5, 17) not in values and datetime(2008, 12, 24) not in values
    assert [row[0] for row in rows[1:]] == ["TN-9", "TN-10"]
    assert by_header(rows)[1]["Alter bei Eintritt"] == 35  # the age stays, the birth date not
    left = sheet_rows(out, "Nicht enthalten")
    assert left[0] == ("Nr. in Lotse", "Förderbereich", "TN-Nr. im Vorhaben", "Es fehlt")
    assert [row[0] for row in left[1:]] == [people["olga"], people["ute"]]


def test_the_csv_is_what_german_excel_opens(lotse, people, tmp_path):
    out = tmp_path / "liste.csv"
    result = export(lotse, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == SHIPPED_HEADERS
    assert len(rows) == 3 and result.rows == 2
    jurgen, ayse = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert jurgen["Nachname"] == "Größ" and jurgen["Vorname"] == "Jürgen"
    assert ayse["Nachname"] == "Şahin"
    assert ayse["Geburtsdatum"] == "17.05.1990" and ayse["Austritt"] == "30.09.2026"
    assert ayse["Alter bei Eintritt"] == "35"
    assert ayse["Postleitzahl"] == "06108"
    assert ayse["Qualifizierung erlangt"] == "ja" and jurgen["Qualifizierung erlangt"] == ""
    assert jurgen["Staatsangehörigkeit(en)"] == "Polen, Ukraine"
    assert b";" in data.splitlines()[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "liste.csv"]  # no side file
    assert {e.participant_id for e in result.left_out} == {people["olga"], people["ute"]}


def test_a_pseudonymised_csv_keeps_only_the_tn_number(lotse, people, tmp_path):
    out = tmp_path / "liste.csv"
    export(lotse, out, pseudonymised=True)
    text = out.read_text(encoding="utf-8-sig")
    assert "Şahin" not in text and "Größ" not in text and "17.05.1990" not in text
    assert text.splitlines()[1].split(";")[0] == "TN-9"


def test_a_text_is_never_a_formula(lotse, tmp_path):
    add_person(lotse, "=HYPERLINK(1)", "+Anna", **{**COMPLETE_CORE, "esf_number": "7"})
    xlsx, csv_file = tmp_path / "l.xlsx", tmp_path / "l.csv"
    export(lotse, xlsx)
    export(lotse, csv_file)
    sheet = openpyxl.load_workbook(xlsx)["Teilnehmende"]
    assert sheet["B2"].value == "=HYPERLINK(1)" and sheet["B2"].data_type == "s"
    row = csv_file.read_text(encoding="utf-8-sig").splitlines()[1].split(";")
    assert row[1:3] == ["'=HYPERLINK(1)", "'+Anna"]


def test_the_export_is_audited_without_values(lotse, people, tmp_path):
    export(lotse, tmp_path / "liste.xlsx", pseudonymised=True)
    with lotse.reading() as uow:
        (event,) = uow.session.exec(
            select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
        ).all()
    assert event.entity == "esf_list" and event.entity_id == 2
    assert "pseudonymised" in event.fields and "esf_number" in event.fields
    assert "age_at_entry" in event.fields and "missing_fields" in event.fields
    assert "last_name" not in event.fields and "birth_date" not in event.fields


def write_map(folder: Path, document: object) -> Path:
    path = folder / FILE_NAME
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_map_in_the_data_location_wins(lotse, people, tmp_path):
    own = write_map(
        lotse.paths.root,
        {
            "_comment": "nur drei Spalten",
            "yes": "J",
            "no": "N",
            "columns": [
                {"header": "TN", "source": "esf_number"},
                {"header": "G", "source": "gender", "values": {"female": "w", "male": "m"}},
                {"header": "Land", "source": "nationalities", "write": "code"},
                {"header": "Qualifiziert", "source": "qualification_gained"},
                {"header": "Status", "source": "employment_status_at_entry", "write": "code"},
            ],
        },
    )
    out = tmp_path / "eigene.xlsx"
    result = export(lotse, out)
    assert result.map_path == own
    assert sheet_rows(out)[:3] == [
        ("TN", "G", "Land", "Qualifiziert", "Status"),
        ("TN-9", "m", "PL, UA", None, "inactive_in_education"),
        ("TN-10", "w", "SY", "J", "long_term_unemployed"),
    ]
    assert load_column_map(None).path == shipped_map_path()


TN = {"header": "TN", "source": "esf_number"}


def with_tn(*columns: dict) -> dict:
    return {"columns": [TN, *columns]}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("{ kaputt", "kein gültiges JSON (Zeile 1"),
        ([], "ein JSON-Objekt"),
        ({"columns": []}, "„columns“ muss eine Liste"),
        (
            with_tn({"header": "X", "source": "gendr"}),
            "Spalte 2 („X“): Die Quelle „gendr“ gibt es nicht",
        ),
        (
            with_tn({"header": "N", "source": "last_name"}),
            "Spalte 2 („N“): „last_name“ nennt eine Person",
        ),
        (
            {"columns": [{"header": "G", "source": "gender"}]},
            "Eine Spalte mit der Quelle „esf_number“",
        ),
        (with_tn({"header": "TN", "source": "gender"}), "Die Überschrift „TN“ kommt zweimal vor"),
        (
            {"columns": [{**TN, "Werte": {}}]},
            "Spalte 1 („TN“): Unbekannter Schlüssel „Werte“",
        ),
        (
            with_tn({"header": "G", "source": "gender", "values": {"weiblich": "w"}}),
            "„weiblich“ ist kein Code dieser Quelle",
        ),
        (with_tn({"header": "A", "source": "age_at_entry", "write": "code"}), "„write“ gibt es"),
        ({**with_tn(), "format": 2}, "Das Format 2 ist unbekannt"),
    ],
)
def test_a_broken_map_gives_a_german_message(lotse, tmp_path, document, expected):
    path = write_map(lotse.paths.root, document)
    with pytest.raises(ColumnMapError) as raised:
        load_column_map(lotse.paths.root)
    message = str(raised.value)
    assert message.startswith(f"Die Spaltenzuordnung {path} ist nicht verwendbar:"), message
    assert expected in message, message


def test_the_shipped_map_is_valid_and_uses_known_sources():
    column_map = read_column_map(shipped_map_path())
    assert [c.header for c in column_map.columns] == SHIPPED_HEADERS
    assert all(c["source"] in SOURCES for c in SHIPPED["columns"])
    identifying = {name for name, source in SOURCES.items() if source.identifying}
    assert identifying & column_map.reads() <= {
        c.source.name for c in column_map.columns if c.personal
    }


def test_a_cancelled_export_leaves_no_file_and_no_audit_event(lotse, people, tmp_path):
    existing = tmp_path / "alt.xlsx"
    existing.write_bytes(b"the earlier list")

    class CancelAtTheEnd(Progress):
        def step(self, done: int, total: int) -> None:
            if total and done == total:
                raise Cancelled

    for out in (tmp_path / "neu.xlsx", tmp_path / "neu.csv", existing):
        with pytest.raises(Cancelled):
            export(lotse, out, progress=CancelAtTheEnd())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alt.xlsx", "data"]
    assert existing.read_bytes() == b"the earlier list"
    assert not lotse.reads.rows("SELECT 1 FROM audit_event WHERE action = 'export'")


def test_a_wrong_suffix_or_a_missing_folder_is_refused_in_german(lotse, people, tmp_path):
    with pytest.raises(ValidationError) as raised:
        export(lotse, tmp_path / "liste.pdf")
    assert "Datei: Die Liste wird als .xlsx oder .csv geschrieben" in str(raised.value)
    with pytest.raises(ValidationError) as raised:
        export(lotse, tmp_path / "fehlt" / "liste.xlsx")
    assert "Datei: Die Datei konnte nicht geschrieben werden" in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
