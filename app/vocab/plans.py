"""Vocabularies: Support plan."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


class PlanStatus(LabeledEnum):
    """Status eines Förderplans."""

    DRAFT = "draft", N_("draft")
    ACTIVE = "active", N_("active")
    CLOSED = "closed", N_("closed")


class GoalStatus(LabeledEnum):
    """Status eines Ziels."""

    OPEN = "open", N_("open")
    IN_PROGRESS = "in_progress", N_("in progress")
    COMPLETED = "completed", N_("completed")
    CANCELLED = "cancelled", N_("cancelled")


class GoalResult(LabeledEnum):
    """Ergebnis eines Ziels at review."""

    ACHIEVED = "achieved", N_("achieved")
    PARTLY = "partly", N_("partly achieved")
    NOT_ACHIEVED = "not_achieved", N_("not achieved")


class StepStatus(LabeledEnum):
    """Status eines Schritts."""

    OPEN = "open", N_("open")
    IN_PROGRESS = "in_progress", N_("in progress")
    DONE = "done", N_("done")
    CANCELLED = "cancelled", N_("cancelled")
