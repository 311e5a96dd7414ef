"""Per school and training company: its students with risk, open measures and last contact
(app.services.network_views.students_of), counted by hand on constructed data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from app.bootstrap import Lotse
from app.models.courses import Measure
from app.models.organization import Organization
from app.services.contact_notes import NoteInput, add_note
from app.services.network_views import has_students, students_of
from app.services.participants import ExitData, exit_participant
from app.vocab import (
    ContactKind,
    DropoutRisk,
    ExitReason,
    MeasureKind,
    MeasureStatus,
    OrganizationKind,
    ParticipantStatus,
    Program,
)
from tests.services.helpers import add_person, run

TODAY = date.today()


def organisation(lotse: Lotse, name: str, kind: OrganizationKind) -> int:
    with lotse.unit_of_work() as uow:
        record = Organization(name=name, kind=kind)
        uow.session.add(record)
        uow.session.flush()
        assert record.id is not None
        organization_id = record.id
        uow.commit()
    return organization_id


def note_on(lotse: Lotse, pid: int, day: date, hour: int = 10) -> None:
    moment = datetime.combine(day, time(hour, 0)).astimezone().astimezone(UTC)
    run(lotse, add_note, pid, NoteInput(moment, ContactKind.PHONE, "Nachgefragt"))


def measures(lotse: Lotse, pid: int, *statuses: MeasureStatus) -> None:
    with lotse.unit_of_work() as uow:
        for status in statuses:
            uow.session.add(Measure(participant_id=pid, kind=MeasureKind.TUTORING, status=status))
        uow.commit()


def student(lotse: Lotse, last: str, **values) -> int:
    return add_person(
        lotse, last, "Test", program=Program.TRAINING, entry_date=TODAY - timedelta(days=200),
        **values,
    )  # fmt: skip


def test_students_of_a_school_in_the_order_of_risk_and_contact(lotse):
    school = organisation(lotse, "BBS II Halle", OrganizationKind.SCHOOL)
    company = organisation(lotse, "Bäckerei Müller", OrganizationKind.TRAINING_COMPANY)
    other = organisation(lotse, "BBS III Halle", OrganizationKind.SCHOOL)
    assessed = TODAY - timedelta(days=30)
    # name: (values, note days ago, measure statuses)
    people = {
        "Amini": (  # high, last contact 10 days ago
            {"school_id": school, "dropout_risk": DropoutRisk.HIGH,
             "dropout_risk_assessed_on": assessed, "school_class": "BFS 10b"},
            [40, 10],
            [MeasureStatus.APPLIED, MeasureStatus.ONGOING, MeasureStatus.COMPLETED],
        ),
        "Bashir": (  # high, never contacted: before Amini
            {"school_id": school, "dropout_risk": DropoutRisk.HIGH,
             "apprenticeship_occupation": "Bäcker:in", "apprenticeship_year": 2},
            [],
            [MeasureStatus.PLANNED, MeasureStatus.APPROVED, MeasureStatus.REJECTED,
             MeasureStatus.CANCELLED],
        ),
        "Celik": (  # medium, contact 3 days ago
            {"school_id": school, "dropout_risk": DropoutRisk.MEDIUM},
            [3],
            [],
        ),
        "Dahir": (  # low, contact 60 days ago
            {"school_id": school, "dropout_risk": DropoutRisk.LOW},
            [60],
            [MeasureStatus.ONGOING],
        ),
        "Eze": (  # not assessed: last; linked as school and training company
            {"school_id": school, "training_company_id": school},
            [1],
            [],
        ),
        "Farah": (  # medium, contact 20 days ago: before Celik (3 days)
            {"school_id": school, "dropout_risk": DropoutRisk.MEDIUM},
            [20],
            [],
        ),
        "Ghani": (  # another school's student
            {"school_id": other, "dropout_risk": DropoutRisk.HIGH},
            [],
            [],
        ),
        "Haidari": (  # the training company's apprentice
            {"training_company_id": company, "dropout_risk": DropoutRisk.HIGH},
            [5],
            [],
        ),
    }  # fmt: skip
    ids = {}
    for name, (values, notes, statuses) in people.items():
        pid = student(lotse, name, **values)
        for days in notes:
            note_on(lotse, pid, TODAY - timedelta(days=days))
        measures(lotse, pid, *statuses)
        ids[name] = pid
    left = student(lotse, "Idris", school_id=school, dropout_risk=DropoutRisk.HIGH)
    run(lotse, exit_participant, left,
        ExitData(exit_date=TODAY, reason=ExitReason.GOAL_REACHED, outcome=None))  # fmt: skip

    rows = students_of(lotse.reads, school, TODAY)
    assert [r.name for r in rows] == [
        "Test Bashir",
        "Test Amini",
        "Test Farah",
        "Test Celik",
        "Test Dahir",
        "Test Eze",
    ]
    by_name = {r.name.split()[1]: r for r in rows}
    assert {n: r.open_measures for n, r in by_name.items()} == {
        "Amini": 2,  # applied + ongoing (completed does not count)
        "Bashir": 2,  # planned + approved (rejected, cancelled do not)
        "Celik": 0,
        "Dahir": 1,
        "Eze": 0,
        "Farah": 0,
    }
    amini = by_name["Amini"]
    assert amini.id == ids["Amini"]
    assert amini.last_contact == TODAY - timedelta(days=10)
    assert amini.days_without_contact == 10
    assert amini.dropout_risk is DropoutRisk.HIGH
    assert amini.risk_assessed_on == assessed
    assert amini.school_class == "BFS 10b"
    assert amini.links == ("school_id",)
    bashir = by_name["Bashir"]
    assert (bashir.last_contact, bashir.days_without_contact) == (None, None)
    assert (bashir.occupation, bashir.year) == ("Bäcker:in", 2)
    assert by_name["Eze"].links == ("school_id", "training_company_id")
    assert by_name["Eze"].dropout_risk is None

    with_exited = students_of(lotse.reads, school, TODAY, include_exited=True)
    assert [r.name for r in with_exited][-1] == "Test Idris"  # exited ones come last
    assert with_exited[-1].status is ParticipantStatus.EXITED and with_exited[-1].exited
    assert [r.name for r in with_exited][:-1] == [r.name for r in rows]

    assert [r.name for r in students_of(lotse.reads, company, TODAY)] == ["Test Haidari"]
    assert students_of(lotse.reads, company, TODAY)[0].links == ("training_company_id",)


def test_last_contact_is_the_local_day_of_the_latest_note(lotse):
    school = organisation(lotse, "BBS Merseburg", OrganizationKind.SCHOOL)
    pid = student(lotse, "Jalali", school_id=school)
    day = TODAY - timedelta(days=8)
    note_on(lotse, pid, day, hour=0)  # just after local midnight: UTC may be the day before
    note_on(lotse, pid, day - timedelta(days=5), hour=23)
    (row,) = students_of(lotse.reads, school, TODAY)
    assert (row.last_contact, row.days_without_contact) == (day, 8)


def test_a_chamber_lists_its_apprentices_and_has_students_answers(lotse):
    chamber = organisation(lotse, "IHK Halle-Dessau", OrganizationKind.CHAMBER)
    employer = organisation(lotse, "Pflegedienst Sonnenschein", OrganizationKind.EMPLOYER)
    assert not has_students(lotse.reads, chamber)
    pid = student(lotse, "Karimi", chamber_id=chamber, training_company_id=employer)
    assert has_students(lotse.reads, chamber) and has_students(lotse.reads, employer)
    assert [r.id for r in students_of(lotse.reads, chamber, TODAY)] == [pid]
    assert students_of(lotse.reads, chamber, TODAY)[0].links == ("chamber_id",)
    assert students_of(lotse.reads, organisation(lotse, "leer", OrganizationKind.SCHOOL),
                       TODAY) == []  # fmt: skip
