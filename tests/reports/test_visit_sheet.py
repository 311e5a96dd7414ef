"""The Besuchsblatt: what is read for an employer, what is printed (and what is not), one page."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from app.models import (
    ContactNote,
    ContactPerson,
    Employment,
    FollowUp,
    JobOffer,
    Organization,
    Placement,
    PlacementEvent,
)
from app.reports import fonts
from app.reports.visit_sheet import (
    LAST_NOTES,
    ContactPersonLine,
    EmploymentLine,
    FollowUpLine,
    NoteLine,
    OfferLine,
    PlacementLine,
    VisitSheetData,
    render_visit_sheet,
)
from app.services.visit_sheet import UnknownOrganization, visit_sheet_data
from app.vocab import (
    AcquisitionChannel,
    ContactKind,
    CooperationStatus,
    EmploymentKind,
    JobOfferStatus,
    OrganizationKind,
    ParticipantStatus,
    PlacementStage,
)
from tests.conftest import EXAMPLE_SETTINGS
from tests.services.helpers import add_person

TODAY = date(2026, 11, 25)
NAMES = ("Łukasz Wiśniewski", "Ayşe Şahin", "Jörg Müller", "Олена Коваленко")


def pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", value)


@pytest.fixture
def employer(configured_lotse):
    """An employer with two contact persons, offers, people at three stages, notes and
    follow-ups; returns (lotse, organisation id)."""
    lotse = configured_lotse
    lukasz = add_person(lotse, "Wiśniewski", "Łukasz")
    ayse = add_person(lotse, "Şahin", "Ayşe", status=ParticipantStatus.EMPLOYED_AFTERCARE)
    rejected = add_person(lotse, "Abgesagt", "Anton")
    exited = add_person(lotse, "Ausgetreten", "Erika")
    with lotse.unit_of_work() as uow:
        session = uow.session
        chamber = Organization(kind=OrganizationKind.CHAMBER, name="Handwerkskammer Musterland")
        session.add(chamber)
        session.flush()
        org = Organization(
            kind=OrganizationKind.EMPLOYER,
            name="Bäckerei Müller & Söhne",
            street="Breiter Weg 12",
            postal_code="39104",
            city="Magdeburg",
            branch="Lebensmittelhandwerk",
            employees=23,
            betriebsnummer="12345678",
            chamber_id=chamber.id,
            first_contact_on=date(2025, 3, 4),
            acquisition_channel=AcquisitionChannel.VISIT,
            cooperation_status=CooperationStatus.ACTIVE,
            support_needs="Sprachförderung am Arbeitsplatz",
            phone="0391 123456",
            email="info@mueller.example",
        )
        session.add(org)
        session.flush()
        session.add_all(
            [
                ContactPerson(
                    organization_id=org.id,
                    name="Jörg Müller",
                    function="Geschäftsführung",
                    phone="0391 123456-10",
                    email="joerg@mueller.example",
                ),
                ContactPerson(organization_id=org.id, name="Олена Коваленко", function="Personal"),
            ]
        )
        open_offer = JobOffer(
            title="Bäcker:in (m/w/d)",
            employer_id=org.id,
            occupation="Bäcker:in",
            hours_per_week=38.5,
            vacancies=2,
            valid_until=TODAY + timedelta(days=30),
        )
        expired_offer = JobOffer(
            title="Verkäufer:in Frühschicht",
            employer_id=org.id,
            occupation="Verkäufer:in",
            valid_until=TODAY - timedelta(days=3),
        )
        filled_offer = JobOffer(
            title="Gefüllte Stelle", employer_id=org.id, status=JobOfferStatus.FILLED
        )
        session.add_all([open_offer, expired_offer, filled_offer])
        session.flush()
        applied = Placement(
            participant_id=lukasz,
            job_offer_id=open_offer.id,
            stage=PlacementStage.APPLIED,
            proposed_on=date(2026, 11, 2),
            applied_on=date(2026, 11, 9),
        )
        no = Placement(
            participant_id=rejected,
            job_offer_id=open_offer.id,
            stage=PlacementStage.REJECTED,
            proposed_on=date(2026, 10, 1),
            decided_on=date(2026, 10, 20),
            rejection_reason="GEHEIMER-ABSAGEGRUND",
        )
        gone = Placement(
            participant_id=exited,
            job_offer_id=filled_offer.id,
            stage=PlacementStage.INTERVIEW,
            proposed_on=date(2026, 9, 1),
        )
        session.add_all([applied, no, gone])
        session.flush()
        session.add_all(
            [
                PlacementEvent(
                    placement_id=applied.id,
                    stage=PlacementStage.PROPOSED,
                    occurred_on=date(2026, 11, 2),
                ),
                PlacementEvent(
                    placement_id=applied.id,
                    stage=PlacementStage.APPLIED,
                    occurred_on=date(2026, 11, 9),
                ),
                Employment(
                    participant_id=ayse,
                    employer_id=org.id,
                    kind=EmploymentKind.REGULAR,
                    occupation="Verkäufer:in",
                    start=date(2026, 8, 3),
                    probation_end=date(2027, 2, 2),
                ),
                Employment(  # ended: not printed
                    participant_id=lukasz,
                    employer_id=org.id,
                    occupation="Aushilfe",
                    start=date(2025, 1, 6),
                    end=date(2025, 3, 31),
                ),
            ]
        )
        for day in range(1, 7):  # six contacts with the organisation: the last five printed
            session.add(
                ContactNote(
                    organization_id=org.id,
                    occurred_at=datetime(2026, 11, day, 10, 0, tzinfo=UTC),
                    kind=ContactKind.COMPANY_VISIT if day % 2 else ContactKind.PHONE,
                    topics=f"Thema{day}",
                    content=f"GEHEIMER-INHALT-{day}",
                    agreements=f"Vereinbarung{day}",
                )
            )
        session.add(  # a contact in Ayşe's case, at this employer: stays in her file
            ContactNote(
                participant_id=ayse,
                organization_id=org.id,
                occurred_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
                kind=ContactKind.COMPANY_VISIT,
                topics="Fallthema",
                agreements="Fallvereinbarung",
            )
        )
        session.add_all(
            [
                FollowUp(due_date=TODAY - timedelta(days=2), title="Rückruf Herr Müller",
                         organization_id=org.id),
                FollowUp(due_date=TODAY + timedelta(days=9), title="Job-BSK abstimmen",
                         organization_id=org.id),
                FollowUp(due_date=TODAY, title="Erledigt", organization_id=org.id,
                         done_at=datetime(2026, 11, 1, tzinfo=UTC)),
            ]
        )  # fmt: skip
        org_id = org.id
        uow.commit()
    with lotse.unit_of_work() as uow:  # Erika has left the programme
        uow.connection.execute(
            "UPDATE participant SET status = 'exited', exit_date = '2026-10-01' WHERE id = ?",
            (exited,),
        )
        uow.commit()
    return lotse, org_id


def test_reads_what_the_sheet_prints(employer):
    lotse, org_id = employer
    data = visit_sheet_data(lotse.reads, org_id, TODAY)
    assert data.name == "Bäckerei Müller & Söhne"
    assert data.kind is OrganizationKind.EMPLOYER
    assert data.chamber == "Handwerkskammer Musterland"
    assert data.address == "Breiter Weg 12, 39104 Magdeburg"
    assert [c.name for c in data.contacts] == ["Jörg Müller", "Олена Коваленко"]
    assert [(o.title, o.expired) for o in data.offers] == [
        ("Bäcker:in (m/w/d)", False),
        ("Verkäufer:in Frühschicht", True),
    ]
    assert data.placements == [
        PlacementLine("Łukasz Wiśniewski", "Bäcker:in (m/w/d)", PlacementStage.APPLIED,
                      date(2026, 11, 9))
    ]  # fmt: skip
    assert [(e.name, e.probation_end) for e in data.employments] == [
        ("Ayşe Şahin", date(2027, 2, 2))
    ]
    assert len(data.notes) == LAST_NOTES
    assert [n.topics for n in data.notes] == ["Thema6", "Thema5", "Thema4", "Thema3", "Thema2"]
    assert [(f.title, f.overdue) for f in data.follow_ups] == [
        ("Rückruf Herr Müller", True),
        ("Job-BSK abstimmen", False),
    ]


def test_unknown_organisation_is_refused_in_german(lotse):
    with pytest.raises(UnknownOrganization, match="keine Organisation mit der Nummer 4711"):
        visit_sheet_data(lotse.reads, 4711, TODAY)


def test_the_pdf_prints_the_visit_data_and_nothing_private(employer):
    lotse, org_id = employer
    pdf = render_visit_sheet(visit_sheet_data(lotse.reads, org_id, TODAY), EXAMPLE_SETTINGS)
    printed = pages(pdf)
    assert len(printed) == 1
    text = flat(printed[0])
    for expected in (
        "Besuchsblatt – Bäckerei Müller & Söhne",
        "Landkreis Harz",  # the letterhead
        "12345678",
        "Handwerkskammer Musterland",
        "Jörg Müller",
        "Олена Коваленко",
        "Bäcker:in (m/w/d)",
        "Verkäufer:in Frühschicht",
        "abgelaufen",
        "Łukasz Wiśniewski",
        "Ayşe Şahin",
        "02.02.2027",  # Ayşe's probation ends
        "Thema6",
        "Vereinbarung2",
        "Rückruf Herr Müller",
        "überfällig",
        "Notizen zum Besuch",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
    for private in ("GEHEIM", "Thema1", "Fallthema", "Fallvereinbarung", "Abgesagt",
                    "Ausgetreten", "Gefüllte Stelle", "Erledigt", "Aushilfe"):  # fmt: skip
        assert private not in text, private


def test_every_letter_of_the_names_has_a_glyph_in_the_font():
    """No boxes for letters: the font the sheet uses holds every character of the names."""
    fonts.register_fonts()
    for face in (fonts.REGULAR, fonts.BOLD):
        font = pdfmetrics.getFont(face).face
        for name in NAMES:
            missing = [c for c in name if c != " " and ord(c) not in font.charToGlyph]
            assert not missing, (face, name, missing)


def long_data(**values) -> VisitSheetData:
    words = "Sehr lange Vereinbarung mit vielen Einzelheiten zur Einarbeitung und Sprache "
    defaults = dict(
        organization_id=1,
        name="Logistikzentrum Elbblick GmbH & Co. KG",
        kind=OrganizationKind.EMPLOYER,
        today=TODAY,
        street="Industriestraße 100",
        postal_code="39126",
        city="Magdeburg",
        branch="Logistik",
        employees=850,
        betriebsnummer="87654321",
        support_needs=words * 40,
        contacts=[
            ContactPersonLine(f"{NAMES[i % 4]} {i}", "Personalabteilung", "0391 5555-1",
                              f"person{i}@elbblick-logistik.example")
            for i in range(12)
        ],
        offers=[
            OfferLine(f"Fachkraft für Lagerlogistik {i}", "Fachkraft für Lagerlogistik", 40.0, 3,
                      TODAY - timedelta(days=i), i > 0)
            for i in range(15)
        ],
        placements=[
            PlacementLine(f"{NAMES[i % 4]} {i}", "Lagerhelfer:in (m/w/d)", PlacementStage.INTERVIEW,
                          TODAY)
            for i in range(20)
        ],
        employments=[
            EmploymentLine(f"{NAMES[i % 4]} B{i}", "Berufskraftfahrer:in", EmploymentKind.REGULAR,
                           TODAY, TODAY + timedelta(days=90))
            for i in range(25)
        ],
        notes=[
            NoteLine(TODAY, ContactKind.COMPANY_VISIT, words * 3, words * 10) for _i in range(5)
        ],
        follow_ups=[FollowUpLine(TODAY, words * 4, False) for _i in range(10)],
    )  # fmt: skip
    return VisitSheetData(**{**defaults, **values})


def test_long_lists_are_cut_to_fit_one_page():
    printed = pages(render_visit_sheet(long_data(), EXAMPLE_SETTINGS))
    assert len(printed) == 1
    text = flat(printed[0])
    assert "… und" in text and "weitere" in text
    assert "Notizen zum Besuch" in text
    assert "Łukasz Wiśniewski 0" in text  # the first rows are the ones kept


def test_an_organisation_with_nothing_recorded_yet():
    data = VisitSheetData(
        organization_id=3, name="Neue Firma", kind=OrganizationKind.EMPLOYER, today=TODAY
    )
    printed = pages(render_visit_sheet(data, EXAMPLE_SETTINGS))
    assert len(printed) == 1
    assert flat(printed[0]).count("keine Einträge") == 5


def test_a_partner_without_offers_gets_no_employer_sections():
    data = VisitSheetData(
        organization_id=4,
        name="Jobcenter Musterland",
        kind=OrganizationKind.JOB_CENTER,
        today=TODAY,
    )
    text = flat(pages(render_visit_sheet(data, EXAMPLE_SETTINGS))[0])
    assert "Jobcenter · Stand 25.11.2026" in text
    assert "Ansprechpersonen" in text and "Notizen zum Besuch" in text
    assert "Offene Stellenangebote" not in text and "Arbeitgeber" not in text


# --- the face: preview, print and save ----------------------------------------------------


def test_the_dialog_shows_the_sheet_of_the_organisation(qtbot, employer):
    from ui.app import application
    from ui.organization.visit_sheet import show_visit_sheet

    application()
    lotse, org_id = employer
    dialog = show_visit_sheet(lotse, org_id, None, today=TODAY)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=10000)
    assert dialog.windowTitle() == "Besuchsblatt – Bäckerei Müller & Söhne"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert "Łukasz Wiśniewski" in flat(pages(dialog.pdf)[0])
    dialog.done(0)


def test_the_dialog_says_when_the_organisation_is_gone(qtbot, lotse, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import application
    from ui.organization.visit_sheet import show_visit_sheet

    application()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    assert show_visit_sheet(lotse, 4711, None) is None
    assert shown == ["Es gibt keine Organisation mit der Nummer 4711."]
