"""The tables (SQLModel) and the plain field knowledge beside them.

Importing this package loads no table: the start path reads field labels and the office
settings from here without SQLAlchemy. A table class is imported on first use
(``from app.models import Participant``); ``load_all()`` imports every table module, which
makes ``SQLModel.metadata`` complete (Alembic, tests).
"""

# ruff: noqa: F401 - the TYPE_CHECKING imports name the lazily loaded tables
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

TABLES: dict[str, str] = {
    "AuditEvent": "app.models.audit",
    "Consent": "app.models.consent",
    "ContactNote": "app.models.contacts",
    "FollowUp": "app.models.contacts",
    "NoteOrganization": "app.models.contacts",
    "Course": "app.models.courses",
    "Enrollment": "app.models.courses",
    "Measure": "app.models.courses",
    "Employment": "app.models.jobs",
    "JobOffer": "app.models.jobs",
    "Placement": "app.models.jobs",
    "PlacementEvent": "app.models.jobs",
    "ContactPerson": "app.models.organization",
    "Organization": "app.models.organization",
    "Exam": "app.models.participant",
    "ForeignQualification": "app.models.participant",
    "Guardian": "app.models.participant",
    "Participant": "app.models.participant",
    "WorkExperience": "app.models.participant",
    "Setting": "app.models.setting",
    "Absence": "app.models.training",
    "NeedsAssessment": "app.models.training",
    "Goal": "app.models.support_plan",
    "PlanPrint": "app.models.support_plan",
    "PlanStep": "app.models.support_plan",
    "SupportPlan": "app.models.support_plan",
}

__all__ = [*TABLES, "load_all"]

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ loads them
    from app.models.audit import AuditEvent
    from app.models.consent import Consent
    from app.models.contacts import ContactNote, FollowUp, NoteOrganization
    from app.models.courses import Course, Enrollment, Measure
    from app.models.jobs import Employment, JobOffer, Placement, PlacementEvent
    from app.models.organization import ContactPerson, Organization
    from app.models.participant import (
        Exam,
        ForeignQualification,
        Guardian,
        Participant,
        WorkExperience,
    )
    from app.models.setting import Setting
    from app.models.support_plan import Goal, PlanPrint, PlanStep, SupportPlan
    from app.models.training import Absence, NeedsAssessment


def load_all() -> None:
    """Import every table module (SQLModel.metadata then knows every table)."""
    for module in dict.fromkeys(TABLES.values()):
        importlib.import_module(module)


def __getattr__(name: str) -> Any:
    module = TABLES.get(name)
    if module is None:
        raise AttributeError(f"module 'app.models' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
