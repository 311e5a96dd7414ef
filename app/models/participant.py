"""Teilnehmende / Schüler:innen: one table for both Förderbereiche, plus their structured lists.

Shared ESF+ entry data first, then JOKO fields, then Ausbildungsmanagement fields; every
programme-specific column is nullable. Derived values (age, minor, ISCED group, § 104c expiry)
are properties, not columns. JSON list columns must be reassigned, not mutated in place.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import (
    AccessRoute,
    DropoutRisk,
    EmploymentStatusAtEntry,
    ExamKind,
    ExamResult,
    ExitOutcome,
    ExitReason,
    Gender,
    GermanLevel,
    GermanProofKind,
    GuardianRelation,
    HousingSituation,
    IntegrationCourseStatus,
    IscedGroup,
    ParticipantStatus,
    Program,
    RecognitionStatus,
    ResidenceStatus,
    SchoolForm,
    SchoolLevel,
    VocationalLevel,
    WorkingTimePreference,
    YesNoUnknown,
)
from app.vocab import isced_group as derive_isced_group

ADULT_AGE = 18
S104C_VALIDITY_MONTHS = 18  # § 104c AufenthG: not extendable, continues only as § 25a/§ 25b


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end (31.08. + 18 → 28./29.02.)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(birth_date: date, day: date) -> int:
    """Completed years on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def s104c_expiry(granted_on: date) -> date:
    """Expiry of a § 104c permit granted on ``granted_on``: 18 months later, not extendable."""
    return add_months(granted_on, S104C_VALIDITY_MONTHS)


class Participant(SQLModel, table=True):
    """Teilnehmende:r (JOKO) or Schüler:in (Ausbildungsmanagement)."""

    __tablename__ = "participant"
    __table_args__ = (
        Index("ix_participant_name", "last_name", "first_name"),
        Index("ix_participant_program_status", "program", "status"),
        # the Übersicht's students at high risk without contact
        Index("ix_participant_dropout_risk_status", "dropout_risk", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    program: Program = Field(sa_type=EnumText(Program))
    status: ParticipantStatus = Field(
        default=ParticipantStatus.ACTIVE, sa_type=EnumText(ParticipantStatus)
    )
    esf_number: str | None = Field(default=None, max_length=20, unique=True)  # TN-Nr. im Vorhaben

    # --- shared core: ESF+ data at entry ---
    last_name: str = Field(max_length=100)
    first_name: str = Field(default="", max_length=100)
    # folded "last first" for sorting lists (kept current by the services, see search_index)
    name_sort: str = Field(default="", max_length=210, index=True)
    birth_date: date | None = None
    gender: Gender | None = Field(default=None, sa_type=EnumText(Gender))
    street: str = Field(default="", max_length=150)
    postal_code: str = Field(default="", max_length=5)
    city: str = Field(default="", max_length=100)
    rural_area: bool | None = None  # home municipality rural (DEGURBA 3), ESF+ EECO17
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    nationalities: list[str] = Field(default_factory=list, sa_type=JSON)  # ISO 3166 alpha-2
    birth_country: str | None = Field(default=None, max_length=2)  # ISO 3166 alpha-2
    first_languages: list[str] = Field(default_factory=list, sa_type=JSON)  # ISO 639 codes
    interpreter_needed: bool | None = None
    interpreter_language: str = Field(default="", max_length=60)
    housing_situation: HousingSituation | None = Field(
        default=None, sa_type=EnumText(HousingSituation)
    )
    # special categories: "not stated" is a complete answer
    disability: YesNoUnknown | None = Field(default=None, sa_type=EnumText(YesNoUnknown))
    foreign_background: YesNoUnknown | None = Field(default=None, sa_type=EnumText(YesNoUnknown))
    minority: YesNoUnknown | None = Field(default=None, sa_type=EnumText(YesNoUnknown))
    employment_status_at_entry: EmploymentStatusAtEntry | None = Field(
        default=None, sa_type=EnumText(EmploymentStatusAtEntry)
    )
    unemployed_since: date | None = None
    school_level: SchoolLevel | None = Field(default=None, sa_type=EnumText(SchoolLevel))
    vocational_level: VocationalLevel | None = Field(
        default=None, sa_type=EnumText(VocationalLevel)
    )
    qualification_abroad: bool | None = None
    receives_sgb2: bool | None = None  # SGB-II-Bezug, recorded for everyone
    entry_date: date | None = Field(default=None, index=True)
    privacy_notice_given_on: date | None = None

    # --- exit and outcome ---
    exit_date: date | None = None
    exit_reason: ExitReason | None = Field(default=None, sa_type=EnumText(ExitReason))
    exit_outcome: ExitOutcome | None = Field(default=None, sa_type=EnumText(ExitOutcome))
    exit_outcome_on: date | None = None  # event within 4 weeks after exit
    qualification_gained: bool | None = None  # ESF+ EECR03, upon leaving
    outcome_6_months: ExitOutcome | None = Field(default=None, sa_type=EnumText(ExitOutcome))
    outcome_6_months_on: date | None = None
    situation_improved_6_months: bool | None = None  # ESF+ EECR06, only if employed at entry

    # --- JOKO: residence ---
    residence_status: ResidenceStatus | None = Field(
        default=None, sa_type=EnumText(ResidenceStatus)
    )
    residence_title_valid_until: date | None = None
    employment_permitted: bool | None = None
    residence_requirement: bool | None = None  # Wohnsitzauflage
    residence_requirement_place: str = Field(default="", max_length=100)
    arrived_in_germany_on: date | None = None
    s104c_granted_on: date | None = None
    s25_application_on: date | None = None  # Antrag § 25a/§ 25b gestellt am

    # --- JOKO: Jobcenter ---
    jobcenter_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    job_center_customer_number: str = Field(default="", max_length=20)
    benefit_community_number: str = Field(default="", max_length=20)  # BG-Nummer
    job_center_advisor_id: int | None = Field(
        default=None, foreign_key="contact_person.id", ondelete="SET NULL", index=True
    )
    sgb2_proven_on: date | None = None
    cooperation_plan_on: date | None = None
    cooperation_plan_next_update_on: date | None = None

    # --- JOKO: German ---
    german_level: GermanLevel | None = Field(default=None, sa_type=EnumText(GermanLevel))
    german_proof: GermanProofKind | None = Field(default=None, sa_type=EnumText(GermanProofKind))
    german_proof_on: date | None = None
    literacy_need: bool | None = None
    integration_course_status: IntegrationCourseStatus | None = Field(
        default=None, sa_type=EnumText(IntegrationCourseStatus)
    )

    # --- JOKO: profile ---
    target_occupations: list[str] = Field(default_factory=list, sa_type=JSON)  # free names
    working_time_preference: WorkingTimePreference | None = Field(
        default=None, sa_type=EnumText(WorkingTimePreference)
    )
    mobility_radius_km: int | None = None
    driving_licences: list[str] = Field(default_factory=list, sa_type=JSON)  # DrivingLicenceClass
    care_responsibility: bool | None = None
    placement_barriers: str = ""  # Vermittlungshemmnisse

    # --- Ausbildungsmanagement: school ---
    school_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    school_form: SchoolForm | None = Field(default=None, sa_type=EnumText(SchoolForm))
    school_class: str = Field(default="", max_length=20)
    school_year: str = Field(default="", max_length=9)  # e.g. 2026/27
    class_teacher_id: int | None = Field(
        default=None, foreign_key="contact_person.id", ondelete="SET NULL", index=True
    )

    # --- Ausbildungsmanagement: apprenticeship ---
    apprenticeship_occupation: str = Field(default="", max_length=150)
    apprenticeship_year: int | None = None
    apprenticeship_start: date | None = None
    apprenticeship_end: date | None = None
    training_company_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    trainer_id: int | None = Field(
        default=None, foreign_key="contact_person.id", ondelete="SET NULL", index=True
    )
    chamber_id: int | None = Field(  # zuständige Stelle
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    contract_registered: bool | None = None

    # --- Ausbildungsmanagement: progress and risk ---
    absence_hours: int | None = None
    unexcused_absence_hours: int | None = None
    absence_as_of: date | None = None
    performance: str = ""  # Leistungsstand
    dropout_risk: DropoutRisk | None = Field(default=None, sa_type=EnumText(DropoutRisk))
    risk_factors: list[str] = Field(default_factory=list, sa_type=JSON)  # RiskFactor codes
    dropout_risk_assessed_on: date | None = None
    support_need_assessed_on: date | None = None
    support_need_areas: list[str] = Field(default_factory=list, sa_type=JSON)  # SupportNeedArea
    access_route: AccessRoute | None = Field(default=None, sa_type=EnumText(AccessRoute))
    other_support_services: str = ""  # laufende Hilfen anderer Träger

    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now,
        sa_type=UTCDateTime,
        sa_column_kwargs={"onupdate": utc_now},
        index=True,
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_at(self, day: date) -> int | None:
        return None if self.birth_date is None else age_on(self.birth_date, day)

    @property
    def age(self) -> int | None:
        return self.age_at(date.today())

    @property
    def is_minor(self) -> bool | None:
        age = self.age
        return None if age is None else age < ADULT_AGE

    @property
    def isced_group(self) -> IscedGroup | None:
        return derive_isced_group(self.school_level, self.vocational_level)

    @property
    def s104c_expires_on(self) -> date | None:
        return None if self.s104c_granted_on is None else s104c_expiry(self.s104c_granted_on)

    @property
    def is_short_counselling(self) -> bool:
        return self.status == ParticipantStatus.SHORT_COUNSELLING


class WorkExperience(SQLModel, table=True):
    """Berufserfahrung (JOKO)."""

    __tablename__ = "work_experience"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    activity: str = Field(max_length=200)
    country: str | None = Field(default=None, max_length=2)  # ISO 3166 alpha-2
    started_on: date | None = None  # often only month or year known: first of month/year
    ended_on: date | None = None
    notes: str = ""


class ForeignQualification(SQLModel, table=True):
    """Ausländischer Abschluss and its recognition (JOKO)."""

    __tablename__ = "foreign_qualification"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=200)
    country: str | None = Field(default=None, max_length=2)  # ISO 3166 alpha-2
    reference_occupation: str = Field(default="", max_length=150)
    regulated: bool | None = None
    recognition_status: RecognitionStatus | None = Field(
        default=None, sa_type=EnumText(RecognitionStatus)
    )
    competent_body: str = Field(default="", max_length=200)
    applied_on: date | None = None
    decision_on: date | None = None  # Bescheid vom
    notes: str = ""


class Exam(SQLModel, table=True):
    """Prüfung (Ausbildungsmanagement)."""

    __tablename__ = "exam"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    kind: ExamKind | None = Field(default=None, sa_type=EnumText(ExamKind))
    title: str = Field(default="", max_length=150)
    taken_on: date | None = None
    result: ExamResult | None = Field(default=None, sa_type=EnumText(ExamResult))
    grade: str = Field(default="", max_length=40)  # grade or points as printed
    notes: str = ""


class Guardian(SQLModel, table=True):
    """Erziehungsberechtigte:r of a minor student."""

    __tablename__ = "guardian"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    relation: GuardianRelation | None = Field(default=None, sa_type=EnumText(GuardianRelation))
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    address: str = ""
