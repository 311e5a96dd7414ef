"""Förderplan: a versioned plan with goals and steps, and every printed copy."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import GoalResult, GoalStatus, PlanStatus, StepStatus


class SupportPlan(SQLModel, table=True):
    """Förderplan (one row per version; ``previous_version_id`` links the chain)."""

    __tablename__ = "support_plan"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    number: str = Field(default="", max_length=40)
    version: int = 1
    status: PlanStatus = Field(default=PlanStatus.DRAFT, sa_type=EnumText(PlanStatus))
    previous_version_id: int | None = Field(
        default=None, foreign_key="support_plan.id", ondelete="SET NULL", index=True
    )
    situation: str = ""  # Ausgangslage
    strengths: str = ""  # Stärken und Ressourcen
    needs: str = ""  # Förderbedarfe / Hemmnisse
    overall_aim: str = ""
    agreements: str = ""  # Vereinbarungen
    involved: str = ""  # Beteiligte with contact data
    next_review_on: date | None = None
    review_result: str = ""
    review_notes: str = ""
    participant_signed_on: date | None = None
    guardian_signed_on: date | None = None
    coordinator_signed_on: date | None = None
    partner_name: str = Field(default="", max_length=200)  # company or school signing
    partner_signed_on: date | None = None
    place: str = Field(default="", max_length=100)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class Goal(SQLModel, table=True):
    """Ziel of a plan (overall aim is on the plan; these are the SMART sub-goals)."""

    __tablename__ = "goal"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="support_plan.id", ondelete="CASCADE", index=True)
    position: int = 0
    title: str = Field(max_length=300)
    indicator: str = ""
    deadline: date | None = None
    status: GoalStatus = Field(default=GoalStatus.OPEN, sa_type=EnumText(GoalStatus))
    result: GoalResult | None = Field(default=None, sa_type=EnumText(GoalResult))
    result_reason: str = ""
    course_id: int | None = Field(
        default=None, foreign_key="course.id", ondelete="SET NULL", index=True
    )
    # measure.goal_id points back; that side carries use_alter to break the cycle
    measure_id: int | None = Field(
        default=None, foreign_key="measure.id", ondelete="SET NULL", index=True
    )


class PlanStep(SQLModel, table=True):
    """Schritt of a plan: who does what by when."""

    __tablename__ = "plan_step"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="support_plan.id", ondelete="CASCADE", index=True)
    goal_id: int | None = Field(
        default=None, foreign_key="goal.id", ondelete="SET NULL", index=True
    )
    position: int = 0
    description: str = ""
    responsible: str = Field(default="", max_length=200)
    due_on: date | None = None
    status: StepStatus = Field(default=StepStatus.OPEN, sa_type=EnumText(StepStatus))


class PlanPrint(SQLModel, table=True):
    """Gedruckter Förderplan: the exact PDF handed out, kept as proof."""

    __tablename__ = "plan_print"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="support_plan.id", ondelete="CASCADE", index=True)
    printed_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    language: str = Field(default="de", max_length=20)  # e.g. "de" or "de+ar" (bilingual)
    pdf: bytes = Field(sa_type=LargeBinary)
    sha256: str = Field(max_length=64)
