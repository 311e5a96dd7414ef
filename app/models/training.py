"""Ausbildungsmanagement lists of a student: Fehlzeiten and Förderbedarfsermittlungen."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import NeedLevel

# The five areas of a needs assessment; the codes are those of SupportNeedArea and name the
# columns ``<area>_level`` and ``<area>_note``.
NEED_AREAS = ("subject", "language", "personal_social", "organisational", "financial")


class Absence(SQLModel, table=True):
    """Fehlzeit: hours missed on one day (or a week entered at once), of them unexcused."""

    __tablename__ = "absence"
    __table_args__ = (Index("ix_absence_participant_day", "participant_id", "absent_on"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE")
    absent_on: date
    hours: int  # all hours missed
    unexcused_hours: int = 0  # of them without excuse
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class NeedsAssessment(SQLModel, table=True):
    """Förderbedarfsermittlung: one dated version; the newest feeds the support plan."""

    __tablename__ = "needs_assessment"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    version: int = 1
    assessed_on: date
    taken_part: str = Field(default="", max_length=300)  # who took part
    subject_level: NeedLevel | None = Field(default=None, sa_type=EnumText(NeedLevel))
    subject_note: str = ""
    language_level: NeedLevel | None = Field(default=None, sa_type=EnumText(NeedLevel))
    language_note: str = ""
    personal_social_level: NeedLevel | None = Field(default=None, sa_type=EnumText(NeedLevel))
    personal_social_note: str = ""
    organisational_level: NeedLevel | None = Field(default=None, sa_type=EnumText(NeedLevel))
    organisational_note: str = ""
    financial_level: NeedLevel | None = Field(default=None, sa_type=EnumText(NeedLevel))
    financial_note: str = ""
    author: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )
