"""The import as an operation (app/services/imports/run.py): all rows or none, errors named by
the spreadsheet's row numbers, duplicates against the database and within the file, the
remembered mapping, the audit record, and organisations and job offers."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from app.models.participant import Participant
from app.progress import Cancelled, Progress
from app.services.imports.mapping import ImportKind, remembered_mapping, setting_key
from app.services.imports.run import ImportOptions, RowErrors, RowStatus, preview, run_import
from app.services.job_offers import OfferInput, create_offer
from app.services.organizations import OrganizationInput, create_organization
from app.vocab import Gender, JobOfferStatus, OrganizationKind, Program
from tests.services.helpers import add_person, run
from tests.services.import_sheets import (
    OFFER_HEADERS,
    ORGANIZATION_HEADERS,
    ORGANIZATIONS,
    PARTICIPANT_HEADERS,
    participants_sheet,
    write_sheet,
)

COUNTED = ("participant", "audit_event", "setting", "follow_up", "organization", "job_offer")


def counts(lotse) -> dict[str, int]:
    return {table: lotse.reads.one(f"SELECT count(*) FROM {table}")[0] for table in COUNTED}


def do_import(lotse, source, kind="participants", **kwargs):
    with lotse.unit_of_work() as uow:
        return run_import(uow, Progress(), source, kind, **kwargs)


def do_preview(lotse, source, kind="participants", **kwargs):
    with lotse.unit_of_work() as uow:
        return preview(uow, source, kind, **kwargs)


def test_three_bad_rows_import_nothing_and_are_named_by_their_row_numbers(lotse, tmp_path):
    add_person(lotse, "Vorher", "Schon", postal_code="06108")
    before = counts(lotse)
    path = participants_sheet(tmp_path / "Liste.xlsx", bad=True)
    with pytest.raises(RowErrors) as refused:
        do_import(lotse, path)
    error = refused.value
    assert [e.label for e in error.errors] == ["Zeile 7", "Zeile 10", "Zeile 13"]
    assert error.preview.error_rows == (7, 10, 13)
    messages = {e.label: e.message for e in error.errors}
    assert messages["Zeile 7"] == (
        "Geburtsdatum: „unbekannt“ ist kein Datum (z. B. 01.02.2023 oder 2023-02-01)."
    )
    assert messages["Zeile 10"].startswith("Postleitzahl: Bitte geben Sie eine deutsche")
    assert messages["Zeile 13"].startswith("Geschlecht: „vielleicht“ ist keiner der Werte")
    assert counts(lotse) == before  # nothing stored: no person, no audit, no mapping
    assert lotse.reads.rows("SELECT last_name FROM participant") == [("Vorher",)]


def test_a_messy_sheet_imports_every_row_as_the_editor_would_store_it(lotse, tmp_path):
    path = participants_sheet(tmp_path / "Liste.xlsx")
    result = do_import(lotse, path)
    assert len(result.created) == 8 and result.skipped == ()
    assert result.report() == "8 Teilnehmende importiert."
    assert result.changes.participants == frozenset(result.created)
    with lotse.reading() as uow:
        people = {p.last_name: p for p in uow.session.exec(select(Participant)).all()}
    sahin = people["Şahin"]  # "Şahin  " with trailing spaces
    assert (sahin.first_name, sahin.postal_code, sahin.city) == ("Ayşe", "06108", "Halle (Saale)")
    assert sahin.birth_date == date(1990, 1, 1)  # Excel serial 32874
    assert sahin.entry_date == date(2023, 2, 1)  # serial 44958
    assert sahin.gender is Gender.FEMALE and sahin.nationalities == ["SY"]
    assert sahin.program is Program.JOKO
    haddad = people["Haddad"]
    assert haddad.birth_date == date(1988, 3, 14) and haddad.entry_date == date(2023, 2, 1)
    assert haddad.nationalities == ["SY", "IQ"] and haddad.notes == "kommt über das Jobcenter"
    nowak = people["Nowak"]
    assert (nowak.birth_date, nowak.entry_date) == (date(2005, 2, 1), date(2023, 2, 1))
    assert nowak.program is Program.TRAINING and nowak.postal_code == "39104"
    assert people["Ahmadi"].postal_code == "06847"
    # the search finds them at once (derived rows kept by the commit)
    assert lotse.reads.one(
        "SELECT count(*) FROM participant_search WHERE participant_search MATCH 'sahin'"
    ) == (1,)
    # each record's own audit event, and one for the import
    audit = lotse.reads.rows(
        "SELECT action, entity, entity_id, fields FROM audit_event WHERE action = 'import'"
    )
    assert len(audit) == 1
    action, entity, entity_id, fields = audit[0]
    assert (entity, entity_id) == ("import_participants", 8)
    assert "birth_date" in json.loads(fields) and "postal_code" in json.loads(fields)
    assert lotse.reads.one(
        "SELECT count(*) FROM audit_event WHERE action = 'create' AND entity = 'participant'"
    ) == (8,)


def test_the_preview_stores_nothing_and_counts(lotse, tmp_path):
    before = counts(lotse)
    checked = do_preview(lotse, participants_sheet(tmp_path / "a.xlsx", bad=True))
    assert checked.summary() == "8 Zeilen, 3 mit Fehlern, 0 mögliche Dubletten"
    assert [row.status for row in checked.rows].count(RowStatus.ERROR) == 3
    first = checked.rows[0]
    assert first.number == 5
    assert first.cells[:4] == ("Ayşe", "Şahin", "01.01.1990", "06108")  # as read
    assert counts(lotse) == before


def duplicates_sheet(path):
    rows = [
        (5, ("AYSE", "sahin", 32874, 6108, "Halle", "w", "SY", 44958, "JOKO", "")),  # stored
        (6, ("Karim", "Nasser", 33000, 6110, "Halle", "m", "SY", 44958, "JOKO", "")),
        (7, ("Karim ", "Nasser", 33001, "06110", "Halle", "m", "SY", 44958, "JOKO", "")),  # 6
        (8, ("Karim", "Nasser", 33000, 6112, "Halle", "m", "SY", 44958, "JOKO", "")),  # other PLZ
    ]
    return write_sheet(path, PARTICIPANT_HEADERS, rows)


def test_duplicates_against_the_database_and_within_the_file(lotse, tmp_path):
    stored = add_person(lotse, "Şahin", "Ayşe", postal_code="06108", birth_date=date(1990, 1, 1))
    path = duplicates_sheet(tmp_path / "dubletten.xlsx")
    checked = do_preview(lotse, path)
    assert checked.duplicate_rows == (5, 7)
    by_number = {row.number: row for row in checked.rows}
    assert by_number[5].message == (
        f"mögliche Dublette: gespeichert: Ayşe Şahin, 06108, 01.01.1990 (Nr. {stored})"
    )
    assert by_number[7].message == "mögliche Dublette: wie Zeile 6 der Datei"
    assert checked.summary() == "4 Zeilen, 0 mit Fehlern, 2 mögliche Dubletten"

    result = do_import(lotse, path)  # by default the possible duplicates are left out
    assert result.skipped == (5, 7) and len(result.created) == 2
    assert result.report() == (
        "2 Teilnehmende importiert; 2 mögliche Dubletten nicht importiert (Zeilen 5, 7)."
    )
    assert lotse.reads.one("SELECT count(*) FROM participant") == (3,)


def test_duplicates_can_be_imported_all_the_same(lotse, tmp_path):
    add_person(lotse, "Şahin", "Ayşe", postal_code="06108")
    path = duplicates_sheet(tmp_path / "dubletten.xlsx")
    options = ImportOptions(default_program=None, skip_duplicates=False)
    result = do_import(lotse, path, options=options)
    assert len(result.created) == 4 and result.skipped == ()


def test_the_mapping_is_remembered_for_the_next_import(lotse, tmp_path):
    headers = ("Nachname", "Vorname", "Kürzel", "Hinweis")
    rows = [(5, ("Haddad", "Omar", "TN-001", "egal"))]
    path = write_sheet(tmp_path / "a.xlsx", headers, rows, title="x")
    mapping = ("last_name", "first_name", "esf_number", None)  # "Kürzel" is the TN-Nr.
    do_import(lotse, path, mapping=mapping, options=ImportOptions(Program.JOKO))
    with lotse.reading() as uow:
        assert remembered_mapping(uow, ImportKind.PARTICIPANTS) == {
            "nachname": "last_name", "vorname": "first_name", "kurzel": "esf_number",
            "hinweis": "",
        }  # fmt: skip
    assert lotse.reads.rows("SELECT esf_number FROM participant") == [("TN-001",)]
    # a later file with the same headers: the remembered choice, not the suggestion
    later = write_sheet(tmp_path / "b.xlsx", ("Kürzel", " Nachname"), [(5, ("TN-002", "Berg"))])
    assert do_preview(lotse, later).mapping == ("esf_number", "last_name")
    # a TN-Nr. stored already, or twice in the file, is an error
    twice = write_sheet(
        tmp_path / "c.xlsx", ("Kürzel", "Nachname"),
        [(5, ("TN-001", "Berg")), (6, ("TN-003", "Kaya")), (7, ("TN-003", "Öz"))],
    )  # fmt: skip
    checked = do_preview(lotse, twice, options=ImportOptions(Program.JOKO))
    assert {row.number: row.message for row in checked.rows if row.problems} == {
        5: "TN-Nr. im Vorhaben: Diese Nummer ist bereits an eine andere teilnehmende Person "
        "vergeben.",
        7: "TN-Nr. im Vorhaben: Diese Nummer steht schon in Zeile 6 der Datei.",
    }
    stored = lotse.reads.one(
        "SELECT value FROM setting WHERE key = ?", (setting_key("participants"),)
    )
    assert json.loads(stored[0])["kurzel"] == "esf_number"


def test_without_a_funding_area_the_office_s_only_one_or_an_error(lotse, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", ("Nachname",), [(5, ("Berg",))])
    checked = do_preview(lotse, path)  # the office uses both: the row must say which
    assert checked.rows[0].message == (
        "Förderbereich: Bitte geben Sie den Förderbereich an (JOKO oder Ausbildungsmanagement)."
    )
    result = do_import(lotse, path, options=ImportOptions(default_program=Program.TRAINING))
    assert lotse.reads.rows("SELECT program FROM participant") == [("training",)]
    assert len(result.created) == 1


def test_a_cancelled_import_stores_nothing(lotse, tmp_path):
    before = counts(lotse)
    progress = Progress()
    progress.cancel()
    with lotse.unit_of_work() as uow, pytest.raises(Cancelled):
        run_import(uow, progress, participants_sheet(tmp_path / "a.xlsx"), "participants")
    assert counts(lotse) == before


def test_organisations_with_their_contact_person_and_duplicates(lotse, tmp_path):
    stored = run(lotse, create_organization, OrganizationInput("Baeckerei Mueller GmbH",
                 postal_code="06108")).created  # fmt: skip
    rows = [
        *ORGANIZATIONS,
        (8, ("Logistik  Mitte AG", 6112, "Halle", "", "", "", "", "")),  # as row 6
        (9, ("Kaputt GmbH", 6112, "Halle", "", "viele", "12", "", "")),
    ]
    path = write_sheet(tmp_path / "orgs.xlsx", ORGANIZATION_HEADERS, rows, title="Betriebe")
    checked = do_preview(lotse, path, "organisations")
    by_number = {row.number: row for row in checked.rows}
    assert by_number[5].duplicates == (
        f"gespeichert: Baeckerei Mueller GmbH, 06108 (Nr. {stored})",
    )
    assert by_number[8].duplicates == ("wie Zeile 6 der Datei",)
    assert by_number[9].message == (
        "Beschäftigte: „viele“ ist keine Zahl.; "
        "Betriebsnummer: Die Betriebsnummer hat genau 8 Ziffern."
    )
    ok_path = write_sheet(tmp_path / "ok.xlsx", ORGANIZATION_HEADERS, ORGANIZATIONS)
    result = do_import(lotse, ok_path, "organisations")
    assert result.skipped == (5,) and len(result.created) == 2
    assert result.report() == (
        "2 Organisationen importiert; 1 mögliche Dublette nicht importiert (Zeile 5)."
    )
    rows = lotse.reads.rows(
        "SELECT name, kind, postal_code, employees, betriebsnummer FROM organization "
        "WHERE id != ? ORDER BY name", (stored,),
    )  # fmt: skip
    assert rows == [
        ("Logistik Mitte AG", OrganizationKind.EMPLOYER.value, "06112", 250, "87654321"),
        ("Pflegedienst Sonnenschein", OrganizationKind.EMPLOYER.value, "39104", 40, None),
    ]
    assert lotse.reads.rows("SELECT name FROM contact_person") == [("Herr Yilmaz",)]


def test_offers_name_their_employer_as_stored(lotse, tmp_path):
    employer = run(lotse, create_organization, OrganizationInput("Logistik Mitte AG",
                   postal_code="06112")).created  # fmt: skip
    run(lotse, create_offer, OfferInput("Lagerhelfer:in", employer))
    rows = [
        (5, ("Fahrer:in C/CE", "logistik mitte ag", "Halle", 6112, "38,5", "14,20 €",
             "01.03.2027", 46900, "B1", 2)),
        (6, ("Lagerhelfer:in ", "Logistik Mitte AG", "Halle", 6112, 40, 13, "", "", "", "")),
        (7, ("Koch", "Gasthaus Unbekannt", "Halle", 6108, 30, 13, "", "", "", "")),
    ]  # fmt: skip
    path = write_sheet(tmp_path / "stellen.xlsx", OFFER_HEADERS, rows, title="Stellen")
    checked = do_preview(lotse, path, "offers")
    by_number = {row.number: row for row in checked.rows}
    assert by_number[6].status is RowStatus.DUPLICATE
    assert by_number[7].message == (
        "Arbeitgeber: Es gibt keine Organisation „Gasthaus Unbekannt“. Bitte legen Sie sie "
        "zuerst an (oder importieren Sie die Organisationen)."
    )
    with pytest.raises(RowErrors):
        do_import(lotse, path, "offers")
    good = write_sheet(tmp_path / "gut.xlsx", OFFER_HEADERS, rows[:2])
    result = do_import(lotse, good, "offers")
    assert len(result.created) == 1 and result.skipped == (6,)
    stored = lotse.reads.rows(
        "SELECT title, employer_id, hours_per_week, hourly_wage_cents, start_on, valid_until, "
        "min_german_level, vacancies, status, location_postal_code FROM job_offer WHERE id = ?",
        (result.created[0],),
    )
    assert stored == [("Fahrer:in C/CE", employer, 38.5, 1420, "2027-03-01", "2028-05-27",
                       "b1", 2, JobOfferStatus.OPEN.value, "06112")]  # fmt: skip
    # the employer's reminder before "gültig bis", as the form makes it
    assert lotse.reads.one(
        "SELECT count(*) FROM follow_up WHERE organization_id = ? AND kind = 'offer_expiry'",
        (employer,),
    ) == (1,)


def test_a_csv_saved_by_german_excel_imports_like_the_workbook(lotse, tmp_path):
    path = tmp_path / "liste.csv"
    text = (
        "Teilnehmendenliste;;;;;\r\n"
        "Vorname;Nachname ;Geb.-Datum;PLZ;Förderbereich;SGB II\r\n"
        "Jürgen ;Weiß;01.02.1990;6108;JOKO;ja\r\n"
        ";;;;;\r\n"
        "Anna;Groß  ;1990-02-03;06110;M;nein\r\n"
        "Gesamt: 2;;;;;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    result = do_import(lotse, path)
    assert result.report() == "2 Teilnehmende importiert."
    assert lotse.reads.rows(
        "SELECT first_name, last_name, birth_date, postal_code, program, receives_sgb2 "
        "FROM participant ORDER BY last_name"
    ) == [
        ("Anna", "Groß", "1990-02-03", "06110", "training", 0),
        ("Jürgen", "Weiß", "1990-02-01", "06108", "joko", 1),
    ]
