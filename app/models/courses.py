"""Kurse (language and training courses), Kursteilnahmen and Maßnahmen/Hilfen."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index
from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import (
    CourseFormat,
    CourseFunding,
    CourseKind,
    EnrollmentStatus,
    ExamResult,
    GermanLevel,
    MeasureKind,
    MeasureStatus,
    TimeModel,
)


class Course(SQLModel, table=True):
    """Kurs: Integrationskurs, Berufssprachkurs, Job-BSK, Weiterbildung, …"""

    __tablename__ = "course"

    id: int | None = Field(default=None, primary_key=True)
    kind: CourseKind = Field(sa_type=EnumText(CourseKind), index=True)
    title: str = Field(default="", max_length=200)
    provider_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    target_level: GermanLevel | None = Field(default=None, sa_type=EnumText(GermanLevel))
    start: date | None = None
    end: date | None = None
    teaching_units: int | None = None  # UE
    format: CourseFormat | None = Field(default=None, sa_type=EnumText(CourseFormat))
    time_model: TimeModel | None = Field(default=None, sa_type=EnumText(TimeModel))
    funding: CourseFunding | None = Field(default=None, sa_type=EnumText(CourseFunding))
    places: int | None = None  # Plätze
    location: str = Field(default="", max_length=100)
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class Enrollment(SQLModel, table=True):
    """Teilnahme an einem Kurs."""

    __tablename__ = "enrollment"
    __table_args__ = (Index("ix_enrollment_course_status", "course_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    course_id: int = Field(foreign_key="course.id", ondelete="CASCADE", index=True)
    status: EnrollmentStatus = Field(
        default=EnrollmentStatus.REGISTERED, sa_type=EnumText(EnrollmentStatus)
    )
    registered_on: date | None = None
    left_on: date | None = None  # completed or dropped out
    dropout_reason: str = Field(default="", max_length=500)
    exam: str = Field(default="", max_length=100)  # e.g. DTZ, telc B2
    exam_on: date | None = None
    exam_result: ExamResult | None = Field(default=None, sa_type=EnumText(ExamResult))
    level_reached: GermanLevel | None = Field(default=None, sa_type=EnumText(GermanLevel))
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class Measure(SQLModel, table=True):
    """Maßnahme / Hilfe arranged for a participant (AsA flex, EQ, BAB, Nachhilfe, …)."""

    __tablename__ = "measure"
    # the Übersicht's measures awaiting approval
    __table_args__ = (Index("ix_measure_status_applied", "status", "applied_on"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    kind: MeasureKind = Field(sa_type=EnumText(MeasureKind))
    provider_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    applied_on: date | None = None
    approved_on: date | None = None
    start: date | None = None
    end: date | None = None
    status: MeasureStatus = Field(default=MeasureStatus.PLANNED, sa_type=EnumText(MeasureStatus))
    # Förderplanziel. goal.measure_id points back, so this side of the cycle is use_alter
    # (SQLite still writes it inline; the flag only lets create/drop order the tables).
    goal_id: int | None = Field(
        default=None,
        sa_column_args=[
            ForeignKey("goal.id", ondelete="SET NULL", use_alter=True, name="fk_measure_goal_id")
        ],
        index=True,
    )
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )
