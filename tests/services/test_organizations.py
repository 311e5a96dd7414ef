"""Organisations and their Ansprechpersonen: the operations, the checks, the directory search,
the duplicate check, and what belongs to one organisation (notes, follow-ups, offers, people)."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from app.bootstrap import Lotse
from app.db import derived_rows
from app.db.changes import Changes
from app.errors import ValidationError
from app.models.jobs import JobOffer
from app.services.contact_notes import (
    NoteInput,
    add_note,
    add_organization_note,
    notes_of,
    notes_of_organization,
)
from app.services.follow_ups import create_follow_up, set_done
from app.services.organizations import (
    ContactInput,
    DirectoryQuery,
    OrganizationDirectory,
    OrganizationInput,
    create_organization,
    delete_organization,
    duplicate_key,
    follow_ups_of_organization,
    get_organization,
    job_offers_of,
    linked_participants,
    list_organizations,
    possible_duplicates,
    update_organization,
)
from app.services.participant_record import save_record
from app.services.participants import get_participant
from app.vocab import (
    AcquisitionChannel,
    ContactKind,
    CooperationStatus,
    JobOfferStatus,
    OrganizationKind,
    Program,
    SizeClass,
)
from tests.locations import open_file
from tests.services.helpers import add_person, run

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def ids(*values: int) -> frozenset[int]:
    return frozenset(values)


def add_org(lotse: Lotse, name: str, **values) -> int:
    changes = run(lotse, create_organization, OrganizationInput(name=name, **values))
    assert changes.created is not None
    return changes.created


def org_count(lotse: Lotse) -> int:
    return lotse.reads.one("SELECT count(*) FROM organization")[0]


def found(lotse: Lotse, text: str = "", **filters) -> list[str]:
    return [row.name for row in list_organizations(lotse.reads, DirectoryQuery(text, **filters))]


def fields_of(error: ValidationError) -> set[str]:
    return {e.field for e in error.errors}


BAKERY = OrganizationInput(
    name="Bäckerei Müller GmbH",
    kind=OrganizationKind.TRAINING_COMPANY,
    street="Große Ulrichstraße 5",
    postal_code="06108",
    city="Halle (Saale)",
    branch="Lebensmittelhandwerk",
    employees=12,
    betriebsnummer="01234567",
    first_contact_on=date(2026, 3, 2),
    acquisition_channel=AcquisitionChannel.VISIT,
    cooperation_status=CooperationStatus.ACTIVE,
    support_needs="Hilfe bei Anträgen zum Eingliederungszuschuss",
    phone="0345 123456",
    email="info@baeckerei-mueller.example",
    contacts=(
        ContactInput("Sabine Krüger", "Ausbildungsleitung", "0345 123457", "krueger@example.org"),
        ContactInput("Jan Łukowski", "Inhaber"),
    ),
)


# --- create, edit, delete --------------------------------------------------------------------


def test_an_organisation_is_stored_with_its_contact_persons(lotse):
    changes = run(lotse, create_organization, BAKERY)
    oid = changes.created
    assert changes == Changes(organizations=ids(oid), created=oid)
    record = get_organization(lotse.reads, oid)
    assert record is not None
    assert (record.name, record.kind, record.postal_code, record.city) == (
        "Bäckerei Müller GmbH",
        OrganizationKind.TRAINING_COMPANY,
        "06108",
        "Halle (Saale)",
    )
    assert record.betriebsnummer == "01234567"  # as typed: the leading zero stays
    assert record.size_class == SizeClass.SMALL
    assert record.first_contact_on == date(2026, 3, 2)
    assert record.acquisition_channel == AcquisitionChannel.VISIT
    assert record.cooperation_status == CooperationStatus.ACTIVE
    assert record.support_needs == "Hilfe bei Anträgen zum Eingliederungszuschuss"
    assert [(p.name, p.function, p.phone, p.email) for p in record.contacts] == [
        ("Jan Łukowski", "Inhaber", "", ""),
        ("Sabine Krüger", "Ausbildungsleitung", "0345 123457", "krueger@example.org"),
    ]


def test_contact_persons_are_added_edited_and_removed_in_one_save(lotse):
    oid = add_org(
        lotse, "Spedition Nord", contacts=(ContactInput("A. Alt"), ContactInput("B. Bleibt"))
    )
    record = get_organization(lotse.reads, oid)
    assert record is not None
    old, kept = record.contacts
    edited = replace(
        record.as_input(),
        contacts=(
            ContactInput("B. Bleibt", "Disposition", "0391 5555", "", "", kept.id),
            ContactInput("C. Neu", "Geschäftsführung"),
        ),
    )
    changes = run(lotse, update_organization, oid, edited)
    assert changes == Changes(organizations=ids(oid))
    after = get_organization(lotse.reads, oid)
    assert after is not None
    assert [(p.name, p.function, p.phone) for p in after.contacts] == [
        ("B. Bleibt", "Disposition", "0391 5555"),
        ("C. Neu", "Geschäftsführung", ""),
    ]
    assert after.contacts[0].id == kept.id  # edited in place, not replaced
    assert old.id not in {p.id for p in after.contacts}
    assert not run(lotse, update_organization, oid, after.as_input())  # nothing changed


def test_a_betriebsnummer_of_seven_digits_is_refused_naming_the_field_and_nothing_is_stored(lotse):
    data = OrganizationInput(name="Metallbau Schulze", betriebsnummer="1234567",
                             contacts=(ContactInput("Frau Schulze"),))  # fmt: skip
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        create_organization(uow, data)
    (error,) = refused.value.errors
    assert (error.field, error.label) == ("betriebsnummer", "Betriebsnummer")
    assert error.message == "Die Betriebsnummer hat genau 8 Ziffern."
    assert org_count(lotse) == 0
    assert lotse.reads.one("SELECT count(*) FROM contact_person")[0] == 0
    assert found(lotse, "schulze") == []


def test_a_betriebsnummer_is_stored_as_typed_or_refused_never_changed(lotse):
    for typed in ("1234 5678", "12345678X", "123456789", "-1234567"):
        with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
            create_organization(uow, OrganizationInput(name="Firma", betriebsnummer=typed))
        assert fields_of(refused.value) == {"betriebsnummer"}
    oid = add_org(lotse, "Firma", betriebsnummer="00000042")
    record = get_organization(lotse.reads, oid)
    assert record is not None and record.betriebsnummer == "00000042"
    no_number = add_org(lotse, "Firma ohne Nummer")
    assert lotse.reads.one(
        "SELECT betriebsnummer FROM organization WHERE id = ?", (no_number,)
    ) == (None,)


def test_every_problem_is_named_at_once_in_german(lotse):
    data = OrganizationInput(
        name="",
        kind=None,
        postal_code="6108",
        employees=-3,
        email="kein-at",
        first_contact_on=date.today() + timedelta(days=3),
        contacts=(ContactInput(""), ContactInput("Herr Ok", email="falsch")),
    )
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        create_organization(uow, data)
    messages = {e.field: (e.label, e.message) for e in refused.value.errors}
    assert messages["name"] == ("Name", "Bitte füllen Sie dieses Feld aus.")
    assert messages["kind"][0] == "Art der Organisation"
    assert messages["postal_code"][0] == "Postleitzahl"
    assert messages["employees"][0] == "Beschäftigte"
    assert messages["email"][0] == "E-Mail"
    assert messages["first_contact_on"] == (
        "Erstkontakt am",
        "Das Datum darf nicht in der Zukunft liegen.",
    )
    assert messages["contacts.0.name"] == (
        "Ansprechperson 1: Name",
        "Bitte füllen Sie dieses Feld aus.",
    )
    assert messages["contacts.1.email"][0] == "Ansprechperson Herr Ok: E-Mail"
    assert org_count(lotse) == 0


@pytest.mark.parametrize(
    ("employees", "size"),
    [(None, None), (0, SizeClass.MICRO), (9, SizeClass.MICRO), (10, SizeClass.SMALL),
     (49, SizeClass.SMALL), (50, SizeClass.MEDIUM), (249, SizeClass.MEDIUM),
     (250, SizeClass.LARGE), (4000, SizeClass.LARGE)],
)  # fmt: skip
def test_the_size_class_follows_the_number_of_employees(lotse, employees, size):
    oid = add_org(lotse, "Betrieb", employees=employees)
    record = get_organization(lotse.reads, oid)
    assert record is not None and record.size_class == size
    (row,) = list_organizations(lotse.reads)
    assert row.size_class == size


def test_the_chamber_is_another_organisation_of_kind_chamber(lotse):
    ihk = add_org(lotse, "IHK Halle-Dessau", kind=OrganizationKind.CHAMBER)
    school = add_org(lotse, "BbS Halle", kind=OrganizationKind.SCHOOL)
    oid = add_org(lotse, "Autohaus Sonne", chamber_id=ihk)
    record = get_organization(lotse.reads, oid)
    assert record is not None and (record.chamber_id, record.chamber_name) == (
        ihk,
        "IHK Halle-Dessau",
    )
    for wrong in (school, 987654):
        with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
            update_organization(uow, oid, OrganizationInput("Autohaus Sonne", chamber_id=wrong))
        ((field, label),) = {(e.field, e.label) for e in refused.value.errors}
        assert (field, label) == ("chamber_id", "Kammer")
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        update_organization(
            uow, ihk, OrganizationInput("IHK", kind=OrganizationKind.CHAMBER, chamber_id=ihk)
        )
    assert fields_of(refused.value) == {"chamber_id"}


def test_deleting_an_organisation_takes_its_contacts_notes_and_follow_ups_and_unlinks_people(
    lotse,
):
    oid = add_org(lotse, "Jobcenter Halle", kind=OrganizationKind.JOB_CENTER,
                  contacts=(ContactInput("Frau Berater"),))  # fmt: skip
    (advisor,) = get_organization(lotse.reads, oid).contacts  # type: ignore[union-attr]
    pid = add_person(lotse, "Haddad", "Omar", jobcenter_id=oid, job_center_advisor_id=advisor.id)
    org_note = run(
        lotse, add_organization_note, oid, NoteInput(NOW, ContactKind.PHONE, "Termin")
    ).created
    person_note = run(lotse, add_note, pid, NoteInput(NOW, ContactKind.PHONE, "Rückruf")).created
    with lotse.unit_of_work() as uow:  # a note about the person, with the organisation
        uow.connection.execute("UPDATE contact_note SET organization_id = ? WHERE id = ?",
                               (oid, person_note))  # fmt: skip
        uow.commit()
    fid = run(lotse, create_follow_up, due_date=date(2026, 12, 1), title="Anrufen",
              organization_id=oid).created  # fmt: skip

    changes = run(lotse, delete_organization, oid)
    assert oid in changes.organizations and pid in changes.participants
    assert changes.notes == ids(org_note, person_note) and changes.follow_ups == ids(fid)
    assert get_organization(lotse.reads, oid) is None
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        assert (person.jobcenter_id, person.job_center_advisor_id) == (None, None)
    assert [n.id for n in notes_of(lotse.reads, pid)] == [person_note]  # the person's note stays
    assert lotse.reads.one("SELECT count(*) FROM contact_note WHERE id = ?", (org_note,)) == (0,)
    assert found(lotse, "halle") == []
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        delete_organization(uow, oid)


# --- duplicates --------------------------------------------------------------------------


def test_the_duplicate_check_ignores_case_accents_and_ue_spellings_at_the_same_plz(lotse):
    oid = add_org(lotse, "Müller GmbH", postal_code="06108")
    other_plz = add_org(lotse, "Müller GmbH", postal_code="39104")
    assert (
        duplicate_key("Müller GmbH")
        == duplicate_key("mueller  gmbh")
        == duplicate_key("MULLER GMBH")
    )
    for typed in ("mueller gmbh", "MÜLLER GMBH", "Muller GmbH", " Müller  GmbH "):
        assert [row.id for row in possible_duplicates(lotse.reads, typed, "06108")] == [oid]
    assert [r.id for r in possible_duplicates(lotse.reads, "mueller gmbh", "")] == [oid, other_plz]
    assert possible_duplicates(lotse.reads, "Müller Bau GmbH", "06108") == []
    assert possible_duplicates(lotse.reads, "Müller GmbH", "06110") == []
    assert possible_duplicates(lotse.reads, "Müller GmbH", "06108", exclude_id=oid) == []
    assert possible_duplicates(lotse.reads, "", "06108") == []


# --- the directory ---------------------------------------------------------------------------


@pytest.fixture
def directory(lotse):
    ihk = add_org(lotse, "IHK Magdeburg", kind=OrganizationKind.CHAMBER, city="Magdeburg",
                  postal_code="39104", cooperation_status=CooperationStatus.ACTIVE)  # fmt: skip
    add_org(lotse, "Bäckerei Müller", kind=OrganizationKind.TRAINING_COMPANY, chamber_id=None,
            postal_code="06108", city="Halle (Saale)", branch="Lebensmittelhandwerk",
            betriebsnummer="87654321", cooperation_status=CooperationStatus.ACTIVE,
            contacts=(ContactInput("Ayşe Yılmaz", "Ausbildungsleitung"),))  # fmt: skip
    add_org(lotse, "Öko-Gärtnerei Sonnenhof", street="Feldweg 2", postal_code="39576",
            city="Stendal", branch="Gartenbau", cooperation_status=CooperationStatus.PROSPECT,
            contacts=(ContactInput("Piotr Wójcik"),))  # fmt: skip
    add_org(lotse, "Zeitarbeit Elbe", postal_code="06844", city="Dessau-Roßlau",
            branch="Personaldienstleistung")  # fmt: skip
    return ihk


def test_without_search_text_the_directory_lists_all_in_name_order(lotse, directory):
    # folded: "Öko" sorts as "Oko", beside O, not after Z
    assert found(lotse) == ["Bäckerei Müller", "IHK Magdeburg", "Öko-Gärtnerei Sonnenhof",
                            "Zeitarbeit Elbe"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("müller", ["Bäckerei Müller"]),
        ("muller", ["Bäckerei Müller"]),
        ("mueller", ["Bäckerei Müller"]),
        ("MÜLL", ["Bäckerei Müller"]),
        ("oko", ["Öko-Gärtnerei Sonnenhof"]),
        ("stendal", ["Öko-Gärtnerei Sonnenhof"]),  # place
        ("feldweg", ["Öko-Gärtnerei Sonnenhof"]),  # street
        ("39104", ["IHK Magdeburg"]),  # PLZ
        ("061", ["Bäckerei Müller"]),  # PLZ prefix
        ("rosslau", ["Zeitarbeit Elbe"]),  # ß folded
        ("lebensmittel", ["Bäckerei Müller"]),  # Branche
        ("gartenbau", ["Öko-Gärtnerei Sonnenhof"]),
        ("87654321", ["Bäckerei Müller"]),  # Betriebsnummer
        ("yilmaz", ["Bäckerei Müller"]),  # a contact person, dotless ı folded
        ("wojcik", ["Öko-Gärtnerei Sonnenhof"]),
        ("müller halle", ["Bäckerei Müller"]),  # every word must match
        ("müller stendal", []),
        ("ausbildungsleitung", []),  # the contact's function is not searched
        ("", ["Bäckerei Müller", "IHK Magdeburg", "Öko-Gärtnerei Sonnenhof", "Zeitarbeit Elbe"]),
    ],
)
def test_the_search_finds_by_name_place_plz_branch_number_and_contact_person(
    lotse, directory, text, names
):
    assert found(lotse, text) == names


def test_filters_by_kind_and_cooperation_status(lotse, directory):
    assert found(lotse, kinds=(OrganizationKind.CHAMBER,)) == ["IHK Magdeburg"]
    assert found(lotse, cooperation=CooperationStatus.ACTIVE) == [
        "Bäckerei Müller",
        "IHK Magdeburg",
    ]
    assert found(lotse, "m", cooperation=CooperationStatus.ACTIVE,
                 kinds=(OrganizationKind.TRAINING_COMPANY, OrganizationKind.EMPLOYER)) == [
        "Bäckerei Müller"
    ]  # fmt: skip
    assert found(lotse, "elbe", cooperation=CooperationStatus.PROSPECT) == []


def test_the_search_follows_every_edit_and_equals_a_rebuild(lotse, directory):
    (bakery,) = list_organizations(lotse.reads, DirectoryQuery("müller"))
    record = get_organization(lotse.reads, bakery.id)
    assert record is not None
    edited = record.as_input()
    renamed = replace(
        edited, name="Backhaus Sommer", contacts=(ContactInput("Grzegorz Brzęczyszczykiewicz"),)
    )
    run(lotse, update_organization, bakery.id, renamed)
    assert found(lotse, "müller") == []
    assert found(lotse, "yilmaz") == []  # removed contact person
    assert found(lotse, "brzeczyszczykiewicz") == ["Backhaus Sommer"]
    directory_list = OrganizationDirectory(lotse.reads)
    assert len(directory_list.ids(DirectoryQuery())) == 4
    add_org(lotse, "Neue Firma")
    assert len(directory_list.ids(DirectoryQuery())) == 5  # another commit: read again
    with closing(open_file(lotse.paths.database, lotse.database.key)) as conn:
        kept = derived_rows.contents(conn)
        conn.execute("BEGIN")
        derived_rows.rebuild(conn)
        rebuilt = derived_rows.contents(conn)
        conn.rollback()
    assert kept == rebuilt
    assert len(kept[derived_rows.ORGANIZATION_SEARCH_TABLE]) == 5


# --- what belongs to one organisation --------------------------------------------------------


def test_organisation_notes_belong_to_no_participant(lotse):
    oid = add_org(lotse, "Pflegedienst Lebensfreude")
    pid = add_person(lotse, "Kovalenko", "Olena")
    added = run(lotse, add_organization_note, oid,
                NoteInput(NOW, ContactKind.COMPANY_VISIT, "Bedarf an Pflegehelferinnen",
                          topics="Stellen", duration_minutes=40))  # fmt: skip
    nid = added.created
    assert added == Changes(notes=ids(nid), created=nid)  # no case concerned
    run(lotse, add_organization_note, oid,
        NoteInput(NOW - timedelta(days=3), ContactKind.PHONE, "Erstes Telefonat"))  # fmt: skip
    rows = notes_of_organization(lotse.reads, oid)
    assert [(n.kind, n.content, n.topics) for n in rows] == [
        (ContactKind.COMPANY_VISIT, "Bedarf an Pflegehelferinnen", "Stellen"),
        (ContactKind.PHONE, "Erstes Telefonat", ""),
    ]
    assert notes_of(lotse.reads, pid) == []
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        add_organization_note(uow, 4242, NoteInput(NOW, ContactKind.PHONE, "x"))
    assert {(e.field, e.label) for e in refused.value.errors} == {
        ("organization_id", "Organisation")
    }
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        add_organization_note(uow, oid, NoteInput(NOW, ContactKind.PHONE, "  "))
    assert fields_of(refused.value) == {"content"}


def test_organisation_follow_ups_are_listed_with_the_organisation(lotse):
    oid = add_org(lotse, "Hotel Zur Post")
    first = run(lotse, create_follow_up, due_date=date(2026, 12, 10), title="Stellen nachfragen",
                organization_id=oid).created  # fmt: skip
    second = run(lotse, create_follow_up, due_date=date(2026, 12, 1), title="Besuch planen",
                 organization_id=oid).created  # fmt: skip
    run(lotse, set_done, second)
    rows = follow_ups_of_organization(lotse.reads, oid)
    assert [(r.id, r.title, r.participant_name, r.done, r.organization_id) for r in rows] == [
        (second, "Besuch planen", "Hotel Zur Post", True, oid),
        (first, "Stellen nachfragen", "Hotel Zur Post", False, oid),
    ]


def test_job_offers_of_the_organisation_open_ones_first(lotse):
    oid = add_org(lotse, "Logistikzentrum Ost")
    other = add_org(lotse, "Anderer Betrieb")
    with lotse.unit_of_work() as uow:  # the job offer operations are not this module's
        for title, employer, status, start in (
            ("Lagerhelfer:in", oid, JobOfferStatus.FILLED, date(2026, 1, 1)),
            ("Fachkraft für Lagerlogistik", oid, JobOfferStatus.OPEN, date(2027, 2, 1)),
            ("Berufskraftfahrer:in", oid, JobOfferStatus.OPEN, date(2027, 1, 1)),
            ("Fremd", other, JobOfferStatus.OPEN, None),
        ):
            offer = JobOffer(title=title, employer_id=employer, status=status, start_on=start)
            offer.location, offer.vacancies = "Magdeburg", 2
            uow.session.add(offer)
        uow.commit()
    rows = job_offers_of(lotse.reads, oid)
    assert [(r.title, r.status, r.start_on) for r in rows] == [
        ("Berufskraftfahrer:in", JobOfferStatus.OPEN, date(2027, 1, 1)),
        ("Fachkraft für Lagerlogistik", JobOfferStatus.OPEN, date(2027, 2, 1)),
        ("Lagerhelfer:in", JobOfferStatus.FILLED, date(2026, 1, 1)),
    ]
    assert rows[0].vacancies == 2 and rows[0].location == "Magdeburg"


def test_linked_participants_through_any_link_column_or_a_contact_person(lotse):
    jobcenter = add_org(lotse, "Jobcenter Harz", kind=OrganizationKind.JOB_CENTER,
                        contacts=(ContactInput("Herr Fallmanager"),))  # fmt: skip
    (advisor,) = get_organization(lotse.reads, jobcenter).contacts  # type: ignore[union-attr]
    school = add_org(lotse, "BbS Wernigerode", kind=OrganizationKind.SCHOOL)
    add_person(lotse, "Şahin", "Ayşe", jobcenter_id=jobcenter, job_center_advisor_id=advisor.id)
    add_person(lotse, "Nowak", "Łukasz", program=Program.TRAINING, school_id=school,
               chamber_id=jobcenter)  # fmt: skip
    add_person(lotse, "Ohne", "Link")
    rows = linked_participants(lotse.reads, jobcenter)
    assert [(r.name, r.links, r.contact_person) for r in rows] == [
        ("Nowak, Łukasz", ("chamber_id",), ""),
        ("Şahin, Ayşe", ("jobcenter_id", "job_center_advisor_id"), "Herr Fallmanager"),
    ]
    assert [r.name for r in linked_participants(lotse.reads, school)] == ["Nowak, Łukasz"]


# --- the record editor's link fields ---------------------------------------------------------


def test_the_record_stores_organisation_links_and_a_contact_person_of_that_organisation(lotse):
    jobcenter = add_org(lotse, "Jobcenter Halle", kind=OrganizationKind.JOB_CENTER,
                        contacts=(ContactInput("Frau Richter"),))  # fmt: skip
    other = add_org(lotse, "Jobcenter Saalekreis", kind=OrganizationKind.JOB_CENTER,
                    contacts=(ContactInput("Herr Falsch"),))  # fmt: skip
    (richter,) = get_organization(lotse.reads, jobcenter).contacts  # type: ignore[union-attr]
    (wrong,) = get_organization(lotse.reads, other).contacts  # type: ignore[union-attr]
    pid = add_person(lotse, "Ahmadi")
    changes = run(lotse, save_record, pid,
                  {"jobcenter_id": jobcenter, "job_center_advisor_id": richter.id})  # fmt: skip
    assert changes == Changes(participants=ids(pid), cases=ids(pid))
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        assert (person.jobcenter_id, person.job_center_advisor_id) == (jobcenter, richter.id)

    for values, message in (
        ({"job_center_advisor_id": wrong.id},
         "Diese Ansprechperson gehört nicht zu der unter „Jobcenter“ gewählten Organisation."),
        ({"jobcenter_id": None},
         "Bitte wählen Sie zuerst unter „Jobcenter“ die Organisation."),
    ):  # fmt: skip
        with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
            save_record(uow, pid, {**values, "city": "Halle"})
        ((field, label, text),) = {(e.field, e.label, e.message) for e in refused.value.errors}
        assert (field, label, text) == ("job_center_advisor_id", "Integrationsfachkraft", message)
    with lotse.reading() as uow:
        person = get_participant(uow, pid)
        assert (person.jobcenter_id, person.job_center_advisor_id, person.city) == (
            jobcenter,
            richter.id,
            "",
        )  # nothing stored
    assert [r.name for r in linked_participants(lotse.reads, jobcenter)] == ["Ahmadi"]
