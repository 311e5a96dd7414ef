"""Auskunft nach Art. 15 DSGVO (#19): every row of one person in every table, none of another's,
as JSON and PDF, the printed plan copies byte for byte, all files or none."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlmodel import SQLModel, select

from app.bootstrap import Lotse
from app.errors import ValidationError
from app.models import load_all
from app.models.audit import AuditEvent
from app.models.consent import Consent
from app.models.contacts import FollowUp
from app.models.courses import Course, Enrollment, Measure
from app.models.jobs import Employment, JobOffer, Placement, PlacementEvent
from app.models.participant import Exam, ForeignQualification, Guardian, WorkExperience
from app.models.training import Absence, NeedsAssessment
from app.progress import Cancelled, Progress
from app.services.contact_notes import NoteInput, add_note
from app.services.organizations import (
    ContactInput,
    OrganizationInput,
    create_organization,
    get_organization,
)
from app.services.person_export import COVERED, PARENTS, covered_tables, export_person
from app.services.support_plans.editing import GoalInput, StepInput
from app.services.support_plans.prints import archive_print
from app.vocab import (
    AuditAction,
    ConsentPurpose,
    ContactKind,
    CourseKind,
    GuardianRelation,
    MeasureKind,
    NeedLevel,
    OrganizationKind,
    Program,
)
from tests.services.helpers import add_person, new_plan, run, store_plan

TODAY = date.today()


def _org(lotse: Lotse, name: str, *people: str) -> tuple[int, list[int]]:
    contacts = tuple(ContactInput(p) for p in people)
    changes = run(
        lotse, create_organization, OrganizationInput(name, kind=OrganizationKind.OTHER,
                                                      contacts=contacts)
    )  # fmt: skip
    assert changes.created is not None
    record = get_organization(lotse.reads, changes.created)
    assert record is not None
    return changes.created, [p.id for p in record.contacts]


def _fill(lotse: Lotse, pid: int, tag: str, world: dict[str, int]) -> dict[str, Any]:
    """A row of this person in every table; ``tag`` marks the texts; returns the plan PDF."""
    with lotse.unit_of_work() as uow:
        s = uow.session
        relation = list(GuardianRelation)[0]
        s.add(Guardian(participant_id=pid, name=f"Vormund {tag}", relation=relation))
        s.add(WorkExperience(participant_id=pid, activity=f"Näherin {tag}", country="TR"))
        s.add(ForeignQualification(participant_id=pid, title=f"Diplom {tag}", country="UA"))
        s.add(Exam(participant_id=pid, title=f"Prüfung {tag}", taken_on=date(2026, 6, 1)))
        s.add(Absence(participant_id=pid, absent_on=date(2026, 9, 1), hours=4, note=tag))
        s.add(
            NeedsAssessment(
                participant_id=pid, assessed_on=date(2026, 9, 2), subject_level=NeedLevel.HIGH,
                subject_note=f"Mathe {tag}",
            )
        )  # fmt: skip
        s.add(
            Consent(
                participant_id=pid, purpose=list(ConsentPurpose)[0], recipient=f"Jobcenter {tag}",
                given_on=date(2026, 3, 2),
            )
        )  # fmt: skip
        s.add(FollowUp(participant_id=pid, due_date=date(2026, 12, 1), title=f"Anruf {tag}"))
        s.add(Enrollment(participant_id=pid, course_id=world["course"], notes=tag))
        s.add(Measure(participant_id=pid, kind=list(MeasureKind)[0], provider_id=world["org"]))
        placement = Placement(participant_id=pid, job_offer_id=world["offer"], notes=tag)
        s.add(placement)
        s.flush()
        s.add(
            PlacementEvent(
                placement_id=placement.id, stage=placement.stage, occurred_on=date(2026, 10, 1)
            )
        )
        s.add(Employment(participant_id=pid, employer_id=world["org"], placement_id=placement.id,
                         occupation=f"Schneiderin {tag}"))  # fmt: skip
        uow.commit()
    note = NoteInput(
        datetime(2026, 11, 20, 9, 0, tzinfo=UTC), ContactKind.CASE_CONFERENCE,
        f"Fallkonferenz {tag}", 60, organizations=((world["org"], world["contact"]),),
    )  # fmt: skip
    run(lotse, add_note, pid, note)
    plan = new_plan(lotse, pid)
    store_plan(
        lotse, plan,
        goals=[GoalInput(f"Ziel {tag}", "B1", date(2027, 1, 31))],
        steps=[StepInput(f"Schritt {tag}", "Koordinatorin", goal=0)],
    )  # fmt: skip
    pdf = b"%PDF-1.4\n" + f"Förderplan {tag}".encode() + bytes(range(256))
    run(lotse, archive_print, plan, pdf, "de+uk")
    return {"pdf": pdf, "plan": plan}


@pytest.fixture
def two_people(configured_lotse: Lotse) -> dict[str, Any]:
    lotse = configured_lotse
    org, contacts = _org(lotse, "Bildungswerk Çağlar gGmbH", "Frau Ślusarczyk")
    with lotse.unit_of_work() as uow:
        course = Course(kind=list(CourseKind)[0], title="Deutsch B1 Şehir", provider_id=org)
        offer = JobOffer(title="Näherin (m/w/d)", employer_id=org)
        uow.session.add_all([course, offer])
        uow.session.flush()
        world = {"org": org, "contact": contacts[0], "course": course.id, "offer": offer.id}
        uow.commit()
    first = add_person(lotse, "Doğan-Łukasiewicz", "Ayşe", city="Wernigerode")
    second = add_person(lotse, "Zwietracht", "Bertolt", city="Quedlinburg")
    first_data = _fill(lotse, first, "ERSTE", world)
    _fill(lotse, second, "ZWEITE", world)
    return {"lotse": lotse, "first": first, "second": second, "pdf": first_data["pdf"]}


def _ids_by_table(lotse: Lotse, pid: int) -> dict[str, set[int]]:
    """What the database holds of ``pid``, table by table (the test's own walk)."""
    found: dict[str, set[int]] = {}
    reads = lotse.reads
    found["participant"] = {pid}
    for covered in COVERED:
        table = str(covered.model.__tablename__)
        if covered.via == "participant_id":
            found[table] = {r[0] for r in reads.rows(
                f"SELECT id FROM {table} WHERE participant_id = ?", (pid,))}  # fmt: skip
    for covered in COVERED:
        table = str(covered.model.__tablename__)
        if covered.via in PARENTS:
            parents = found[PARENTS[covered.via]]
            found[table] = {r[0] for r in reads.rows(f"SELECT id, {covered.via} FROM {table}")
                            if r[1] in parents}  # fmt: skip
    return found


def _export(lotse: Lotse, pid: int, out: Path, progress: Progress | None = None) -> None:
    out.mkdir(exist_ok=True)
    with lotse.unit_of_work() as uow:
        export_person(uow, progress or Progress(), pid, out)


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_export_holds_every_row_of_the_person_and_nothing_of_another(two_people, tmp_path):
    out = tmp_path / "out"
    lotse, first, second = two_people["lotse"], two_people["first"], two_people["second"]
    _export(lotse, first, out)
    stem = f"Auskunft_Doğan-Łukasiewicz_{TODAY.isoformat()}"
    json_text = (out / f"{stem}.json").read_text(encoding="utf-8")
    document = json.loads(json_text)
    tables = document["Tabellen"]
    mine, theirs = _ids_by_table(lotse, first), _ids_by_table(lotse, second)
    for table, ids in mine.items():
        assert ids, f"the test builds no row in {table}"
        exported = {row["id"] for row in tables[table]["Einträge"]}
        assert exported == ids, table
        assert not exported & theirs[table], table
    # every column of every row, with German labels
    guardian = tables["guardian"]["Einträge"][0]
    assert guardian["name"] == "Vormund ERSTE"
    assert set(guardian) == set(tables["guardian"]["Felder"])
    assert tables["guardian"]["Felder"]["name"] == "Name"
    person = tables["participant"]["Einträge"][0]
    assert person["last_name"] == "Doğan-Łukasiewicz"
    assert person["program"] == {"Code": "joko", "Bezeichnung": Program.JOKO.label}
    # linked records by name only
    enrollment = tables["enrollment"]["Einträge"][0]
    assert enrollment["course_id"]["Titel"] == "Deutsch B1 Şehir"
    assert enrollment["course_id"]["Träger"] == "Bildungswerk Çağlar gGmbH"
    placement = tables["placement"]["Einträge"][0]
    assert placement["job_offer_id"]["Arbeitgeber"] == "Bildungswerk Çağlar gGmbH"
    party = tables["contact_note_organization"]["Einträge"][0]
    assert party["contact_person_id"]["Name"] == "Frau Ślusarczyk"
    assert tables["exam"]["Einträge"][0]["taken_on"] == "2026-06-01"
    # the audit events of the person's rows (record, note, plan) and not the other's
    events = tables["audit_event"]["Einträge"]
    pairs = {(e["entity"], e["entity_id"]) for e in events}
    assert ("participant", first) in pairs
    assert ("contact_note", min(mine["contact_note"])) in pairs
    assert ("support_plan", min(mine["support_plan"])) in pairs
    assert not any(entity in theirs and entity_id in theirs[entity] for entity, entity_id in pairs)
    assert {e["action"]["Code"] for e in events} >= {"create", "print"}
    # nothing of the second person anywhere
    pdf_text = _pdf_text(out / f"{stem}.pdf")
    for text in (json_text, pdf_text):
        assert "Zwietracht" not in text
        assert "Bertolt" not in text
        assert "ZWEITE" not in text
        assert "Quedlinburg" not in text


def test_the_pdf_shows_the_sections_in_german_with_every_script(two_people, tmp_path):
    out = tmp_path / "out"
    lotse, first = two_people["lotse"], two_people["first"]
    _export(lotse, first, out)
    text = _pdf_text(out / f"Auskunft_Doğan-Łukasiewicz_{TODAY.isoformat()}.pdf")
    for heading in (
        "Auskunft nach Art. 15 DSGVO",
        "Stammdaten",
        "Erziehungsberechtigte",
        "Gesprächsnotizen",
        "Wiedervorlagen",
        "Einwilligungen",
        "Förderpläne",
        "Gedruckte Exemplare",
        "Kurse",
        "Maßnahmen",
        "Vermittlungsvorschläge",
        "Beschäftigungsverhältnisse",
        "Protokoll",
    ):
        assert heading in text, heading
    assert "Doğan-Łukasiewicz" in text
    assert "Ayşe" in text
    assert "Frau Ślusarczyk" in text
    assert "Landkreis Harz" in text  # the letterhead


def test_printed_plan_copies_are_written_byte_for_byte_and_listed(two_people, tmp_path):
    out = tmp_path / "out"
    lotse, first, pdf = two_people["lotse"], two_people["first"], two_people["pdf"]
    _export(lotse, first, out)
    copies = sorted(out.glob("Förderplan_*.pdf"))
    assert [p.name for p in copies] == [f"Förderplan_v1_{TODAY.isoformat()}_de+uk.pdf"]
    assert copies[0].read_bytes() == pdf
    document = json.loads(next(out.glob("Auskunft_*.json")).read_text(encoding="utf-8"))
    assert document["Dateien"][0]["Datei"] == copies[0].name
    assert document["Dateien"][0]["SHA-256"] == hashlib.sha256(pdf).hexdigest()
    printed = document["Tabellen"]["plan_print"]["Einträge"][0]
    assert printed["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert printed["file"] == copies[0].name
    assert "pdf" not in printed


def test_the_export_is_logged(two_people, tmp_path):
    out = tmp_path / "out"
    lotse, first = two_people["lotse"], two_people["first"]
    _export(lotse, first, out)
    with lotse.reading() as uow:
        events = list(
            uow.session.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT))
        )
    assert [(e.entity, e.entity_id) for e in events] == [("participant", first)]


@pytest.mark.parametrize("cancel_at", [3, 24, 25])
def test_a_cancel_leaves_no_file(two_people, tmp_path, cancel_at):
    out = tmp_path / "out"
    lotse, first = two_people["lotse"], two_people["first"]
    out.mkdir()
    (out / "vorher.txt").write_text("bleibt")
    progress = Progress()
    seen: list[int] = []

    def listener(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == cancel_at:
            progress.cancel()

    progress.listen(listener)
    with pytest.raises(Cancelled):
        _export(lotse, first, out, progress)
    assert sorted(p.name for p in out.iterdir()) == ["vorher.txt"]
    with lotse.reading() as uow:
        logged = uow.session.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT))
        assert list(logged) == []


def test_every_table_with_a_participant_id_is_covered():
    """A new table holding a person's rows must be added to person_export.COVERED."""
    load_all()
    covered = covered_tables()
    for table in SQLModel.metadata.sorted_tables:
        if "participant_id" in table.columns or table.name == "participant":
            assert table.name in covered, f"{table.name} is missing from the Art. 15 export"
        for key in table.foreign_keys:  # reached through a plan, a placement or a note
            if key.column.table.name in {"support_plan", "placement", "contact_note"}:
                assert table.name in covered, f"{table.name} is missing from the Art. 15 export"


def test_a_missing_folder_is_refused_in_german(two_people, tmp_path):
    lotse, first = two_people["lotse"], two_people["first"]
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        export_person(uow, Progress(), first, tmp_path / "gibt-es-nicht")
    assert refused.value.errors[0].label == "Ordner"
    assert "kann nicht geschrieben werden" in refused.value.errors[0].message
