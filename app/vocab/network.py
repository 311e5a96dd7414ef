"""Vocabularies: Organisations, job offers, placements and employments."""

from __future__ import annotations

from typing import Self

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


class OrganizationKind(LabeledEnum):
    """Art der Organisation."""

    EMPLOYER = "employer", N_("employer")
    TRAINING_COMPANY = "training_company", N_("training company")
    SCHOOL = "school", N_("school")
    CHAMBER = "chamber", N_("chamber")
    JOB_CENTER = "job_center", N_("Jobcenter")
    EMPLOYMENT_AGENCY = "employment_agency", N_("employment agency")
    EDUCATION_PROVIDER = "education_provider", N_("education provider")
    COUNSELLING_SERVICE = "counselling_service", N_("counselling service")
    YOUTH_EMPLOYMENT_AGENCY = "youth_employment_agency", N_("youth employment agency")
    OTHER = "other", N_("other")


class SizeClass(LabeledEnum):
    """Größenklasse by number of employees."""

    MICRO = "micro", N_("micro (under 10)")
    SMALL = "small", N_("small (under 50)")
    MEDIUM = "medium", N_("medium (under 250)")
    LARGE = "large", N_("large (250 and more)")

    @classmethod
    def from_employees(cls, n: int | None) -> Self | None:
        if n is None or n < 0:
            return None
        if n < 10:
            return cls.MICRO
        if n < 50:
            return cls.SMALL
        if n < 250:
            return cls.MEDIUM
        return cls.LARGE


class CooperationStatus(LabeledEnum):
    """Kooperationsstatus."""

    PROSPECT = "prospect", N_("prospect")
    CONTACTED = "contacted", N_("contacted")
    ACTIVE = "active", N_("active cooperation")
    DORMANT = "dormant", N_("dormant")
    ENDED = "ended", N_("ended")


class AcquisitionChannel(LabeledEnum):
    """Akquiseweg."""

    PHONE = "phone", N_("telephone acquisition")
    VISIT = "visit", N_("company visit")
    JOB_AD = "job_ad", N_("reply to a job advertisement")
    JOB_CENTER = "job_center", N_("via the Jobcenter employer service")
    PARTICIPANT = "participant", N_("via a participant")
    REFERRAL = "referral", N_("recommendation")
    NETWORK = "network", N_("network / chamber / association")
    EVENT = "event", N_("event or job fair")
    OTHER = "other", N_("other")


class SkillLevel(LabeledEnum):
    """Anforderungsniveau (BA)."""

    HELPER = "helper", N_("helper")
    SKILLED = "skilled", N_("skilled worker")
    SPECIALIST = "specialist", N_("specialist")
    EXPERT = "expert", N_("expert")


class JobOfferSource(LabeledEnum):
    """Quelle eines Stellenangebots."""

    OWN_ACQUISITION = "own_acquisition", N_("own acquisition")
    JOB_CENTER = "job_center", N_("Jobcenter")
    JOB_BOARD = "job_board", N_("job board")
    OTHER = "other", N_("other")


class JobOfferStatus(LabeledEnum):
    """Status eines Stellenangebots."""

    OPEN = "open", N_("open")
    FILLED = "filled", N_("filled")
    WITHDRAWN = "withdrawn", N_("withdrawn")


class PlacementStage(LabeledEnum):
    """Stufe eines Vermittlungsvorschlags, in order."""

    PROPOSED = "proposed", N_("proposed")
    APPLIED = "applied", N_("applied")
    INTERVIEW = "interview", N_("interview")
    TRIAL_WORK = "trial_work", N_("trial work")
    OFFER = "offer", N_("offer")
    REJECTED = "rejected", N_("rejection (placement)")
    CONTRACT = "contract", N_("employment contract")


class EmploymentKind(LabeledEnum):
    """Art der Beschäftigung."""

    REGULAR = "regular", N_("employment subject to social insurance")
    AGENCY_WORK = "agency_work", N_("temporary agency work")
    APPRENTICESHIP = "apprenticeship", N_("vocational training")
    MARGINAL = "marginal", N_("marginal employment")
    SELF_EMPLOYED = "self_employed", N_("self-employed")
    INTERNSHIP = "internship", N_("internship")
    OTHER = "other", N_("other")


class EmploymentEndReason(LabeledEnum):
    """Beendigungsgrund."""

    FIXED_TERM_EXPIRED = "fixed_term_expired", N_("fixed term expired")
    EMPLOYER_PROBATION = "employer_probation", N_("dismissed by employer during probation")
    EMPLOYER_NOTICE = "employer_notice", N_("dismissed by employer")
    EMPLOYEE_NOTICE = "employee_notice", N_("resigned")
    MUTUAL_AGREEMENT = "mutual_agreement", N_("termination agreement")
    TRAINING_COMPLETED = "training_completed", N_("training completed")
    OTHER = "other", N_("other")
