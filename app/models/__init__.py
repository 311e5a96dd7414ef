"""All tables; importing this package makes ``SQLModel.metadata`` complete."""

from app.models.audit import AuditEvent
from app.models.consent import Consent
from app.models.contacts import ContactNote, FollowUp
from app.models.courses import Course, Enrollment, Measure
from app.models.jobs import Employment, JobOffer, Placement
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

__all__ = [
    "AuditEvent",
    "Consent",
    "ContactNote",
    "ContactPerson",
    "Course",
    "Employment",
    "Enrollment",
    "Exam",
    "FollowUp",
    "ForeignQualification",
    "Goal",
    "Guardian",
    "JobOffer",
    "Measure",
    "Organization",
    "Participant",
    "Placement",
    "PlanPrint",
    "PlanStep",
    "Setting",
    "SupportPlan",
    "WorkExperience",
]
