"""Stellenangebote, Vermittlungsvorschläge and Beschäftigungs-/Ausbildungsverhältnisse."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import (
    DrivingLicenceClass,
    EmploymentEndReason,
    EmploymentKind,
    GermanLevel,
    JobOfferSource,
    JobOfferStatus,
    PlacementStage,
    SkillLevel,
)


class JobOffer(SQLModel, table=True):
    """Stellenangebot."""

    __tablename__ = "job_offer"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    employer_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    occupation: str = Field(default="", max_length=150)
    skill_level: SkillLevel | None = Field(default=None, sa_type=EnumText(SkillLevel))
    location: str = Field(default="", max_length=100)  # Arbeitsort
    location_postal_code: str = Field(default="", max_length=5)  # its PLZ (distance check)
    hours_per_week: float | None = None
    shifts: str = Field(default="", max_length=100)  # Schicht, e.g. "2-Schicht"
    fixed_term_until: date | None = None
    start_on: date | None = None
    hourly_wage_cents: int | None = None  # gross, in cents (no float money)
    social_insurance: bool | None = None  # sozialversicherungspflichtig
    min_german_level: GermanLevel | None = Field(default=None, sa_type=EnumText(GermanLevel))
    required_driving_licence: DrivingLicenceClass | None = Field(
        default=None, sa_type=EnumText(DrivingLicenceClass)
    )
    vacancies: int = 1
    source: JobOfferSource | None = Field(default=None, sa_type=EnumText(JobOfferSource))
    status: JobOfferStatus = Field(
        default=JobOfferStatus.OPEN, sa_type=EnumText(JobOfferStatus), index=True
    )
    acquired_on: date | None = None
    valid_until: date | None = None
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class Placement(SQLModel, table=True):
    """Vermittlungsvorschlag / Bewerbung: participant × job offer, moving through stages."""

    __tablename__ = "placement"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    # SET NULL: withdrawing or deleting an offer keeps the participant's history
    job_offer_id: int | None = Field(
        default=None, foreign_key="job_offer.id", ondelete="SET NULL", index=True
    )
    stage: PlacementStage = Field(default=PlacementStage.PROPOSED, sa_type=EnumText(PlacementStage))
    proposed_on: date | None = None
    applied_on: date | None = None
    interview_on: date | None = None
    trial_work_on: date | None = None
    decided_on: date | None = None  # Zusage or Absage
    contract_on: date | None = None
    rejection_reason: str = ""
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class PlacementEvent(SQLModel, table=True):
    """One dated stage change of a placement (vorgeschlagen, beworben, …, Arbeitsvertrag):
    shown in the participant's and the employer's timeline."""

    __tablename__ = "placement_event"

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", ondelete="CASCADE", index=True)
    stage: PlacementStage = Field(sa_type=EnumText(PlacementStage))
    occurred_on: date
    reason: str = ""  # Absage: why
    author: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Employment(SQLModel, table=True):
    """Beschäftigungs- oder Ausbildungsverhältnis, followed up with aftercare."""

    __tablename__ = "employment"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    employer_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    placement_id: int | None = Field(
        default=None, foreign_key="placement.id", ondelete="SET NULL", index=True
    )
    kind: EmploymentKind = Field(default=EmploymentKind.REGULAR, sa_type=EnumText(EmploymentKind))
    occupation: str = Field(default="", max_length=150)
    start: date | None = None
    probation_end: date | None = None
    fixed_term_until: date | None = None
    hours_per_week: float | None = None
    social_insurance: bool | None = None  # sozialversicherungspflichtig
    subsidy: str = Field(default="", max_length=150)  # e.g. Eingliederungszuschuss
    end: date | None = None
    end_reason: EmploymentEndReason | None = Field(
        default=None, sa_type=EnumText(EmploymentEndReason)
    )
    aftercare_until: date | None = None
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )
