"""Synthetic demo data for both Förderbereiche, written in one transaction.

``generate_demo_data`` fills an empty data location with invented people, organisations of
every kind with their contact persons, job offers (open, expired, filled, withdrawn),
placements in every stage with their dated stage events, employments (in and after probation,
ended), notes (Fallkonferenzen with further organisations), follow-ups, a course catalogue
with enrolments, measures with their generated follow-ups, the students' dated absences and
needs assessments, and support plans. Rows are built as plain dicts with
explicit ids (children reference parents without round-trips) and written with bulk
``insert()`` statements in chunks, all in one unit of work: a failure leaves the database as
it was. The same seed gives the same data (dates are relative to ``today``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from random import Random

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from app.bootstrap import Lotse
from app.demo.builder import DemoBuilder
from app.errors import LotseError
from app.i18n import N_, _
from app.models import (
    Absence,
    Consent,
    ContactNote,
    ContactPerson,
    Course,
    Employment,
    Enrollment,
    Exam,
    FollowUp,
    ForeignQualification,
    Goal,
    Guardian,
    JobOffer,
    Measure,
    NeedsAssessment,
    NoteOrganization,
    Organization,
    Participant,
    Placement,
    PlacementEvent,
    PlanStep,
    SupportPlan,
    WorkExperience,
)
from app.models.office_settings import OfficeSettings
from app.services.follow_ups import planned_for, planned_for_measure
from app.services.settings import has_settings, load_settings, save_settings
from app.vocab import Program

DEMO_SETTINGS = OfficeSettings(
    provider="Landkreis Musterland – Fachdienst Integration",
    district="Landkreis Musterland",
    funding_reference="ESF-RA-L-2024-0042",
    programs=frozenset({Program.JOKO, Program.TRAINING}),
    coordinator_name="Katrin Sommerfeld",
)

# Tables in the order their counts are reported (label msgids translated when returned).
REPORTED_TABLES: tuple[tuple[type[SQLModel], str], ...] = (
    (Participant, N_("Participants")),
    (Guardian, N_("Guardians")),
    (WorkExperience, N_("Work experience entries")),
    (ForeignQualification, N_("Foreign qualifications")),
    (Exam, N_("Exams")),
    (Absence, N_("Absences")),
    (NeedsAssessment, N_("Needs assessments")),
    (Consent, N_("Consents")),
    (ContactNote, N_("Contact notes")),
    (NoteOrganization, N_("Further organisations in contacts")),
    (FollowUp, N_("Follow-ups")),
    (Organization, N_("Organizations")),
    (ContactPerson, N_("Contact persons")),
    (JobOffer, N_("Job offers")),
    (Placement, N_("Placements")),
    (PlacementEvent, N_("Placement events")),
    (Employment, N_("Employments")),
    (Course, N_("Courses")),
    (Enrollment, N_("Enrollments")),
    (Measure, N_("Measures")),
    (SupportPlan, N_("Support plans")),
    (Goal, N_("Goals")),
    (PlanStep, N_("Plan steps")),
)


def generate_demo_data(
    lotse: Lotse, *, participants: int, seed: int = 1, today: date | None = None
) -> dict[str, int]:
    """Fill the empty database of ``lotse`` with ``participants`` synthetic cases.

    Refuses (LotseError) when participants exist already. Stores demo office settings when
    none are stored. Returns the number of rows written per table, keyed by German label.
    """
    if participants < 1:
        raise ValueError("participants must be at least 1")
    with lotse.unit_of_work() as uow:
        session = uow.session
        _refuse_unless_empty(session)
        uow.load_in_bulk()  # the commit rebuilds the search and list rows once
        settings_missing = not has_settings(uow)
        stored = DEMO_SETTINGS if settings_missing else load_settings(uow)
        coordinator = stored.coordinator_name or DEMO_SETTINGS.coordinator_name
        approval_weeks = stored.approval_weeks
        builder = DemoBuilder(
            session,
            Random(seed),
            today=today or date.today(),
            coordinator=coordinator,
            planned_for=planned_for,
            planned_for_measure=planned_for_measure,
            approval_weeks=approval_weeks,
        )
        with _without_cyclic_gc():  # hundreds of thousands of fresh dicts, no cycles
            builder.build(participants)
        if settings_missing:
            save_settings(uow, DEMO_SETTINGS)  # its commit is the whole unit's one commit
        else:
            uow.commit()
    return {_(label): builder.counts[model] for model, label in REPORTED_TABLES}


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refuse_unless_empty(session: Session) -> None:
    existing = session.execute(select(func.count()).select_from(Participant)).scalar_one()
    if existing:
        raise LotseError(
            _(
                "The database already holds participants; demo data go only into an empty "
                "data location (set LOTSE_DATA_DIR to a new folder)."
            )
        )
