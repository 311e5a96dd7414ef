"""What a printed Förderplan shows, assembled by app.services.support_plans.plan_document_data.

Plain frozen data: the renderer does no queries. Values the user typed stay as typed; values
from vocabularies are kept as enums so the renderer can print them in two languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.vocab import (
    ConsentPurpose,
    GoalResult,
    GoalStatus,
    PlanStatus,
    Program,
    StepStatus,
    YesNoUnknown,
)


@dataclass(frozen=True)
class ContextLine:
    """One line of the personal data block: a label msgid and a value (German or typed)."""

    label: str  # msgid
    value: str


@dataclass(frozen=True)
class PersonView:
    participant_id: int
    first_name: str
    last_name: str
    birth_date: date | None
    esf_number: str
    program: Program
    is_minor: bool
    guardians: tuple[str, ...] = ()
    context: tuple[ContextLine, ...] = ()  # school, class, company / Jobcenter contact
    disability: YesNoUnknown | None = None  # special category: printed only when chosen

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class GoalView:
    number: int
    title: str
    indicator: str
    deadline: date | None
    status: GoalStatus
    result: GoalResult | None = None
    result_reason: str = ""


@dataclass(frozen=True)
class StepView:
    description: str
    responsible: str
    due_on: date | None
    status: StepStatus
    goal_number: int | None = None


@dataclass(frozen=True)
class ConsentView:
    purpose: ConsentPurpose
    recipient: str
    given_on: date


@dataclass(frozen=True)
class ReviewView:
    """The last review: what the previous version's goals came to."""

    version: int
    reviewed_on: date | None
    summary: str
    notes: str
    goals: tuple[GoalView, ...] = ()


@dataclass(frozen=True)
class SignatureView:
    participant_signed_on: date | None = None
    guardian_signed_on: date | None = None
    coordinator_signed_on: date | None = None
    partner_name: str = ""
    partner_signed_on: date | None = None


@dataclass(frozen=True)
class PlanData:
    plan_id: int
    number: str
    version: int
    status: PlanStatus
    created_on: date
    printed_on: date
    person: PersonView
    situation: str = ""
    strengths: str = ""
    needs: str = ""
    overall_aim: str = ""
    goals: tuple[GoalView, ...] = ()
    steps: tuple[StepView, ...] = ()
    agreements: str = ""
    involved: str = ""
    next_review_on: date | None = None
    last_review: ReviewView | None = None
    consents: tuple[ConsentView, ...] = ()
    place: str = ""
    signatures: SignatureView = field(default_factory=SignatureView)
