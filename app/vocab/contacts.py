"""Vocabularies: Contacts, follow-ups, consent."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


class ContactKind(LabeledEnum):
    """Kontaktart."""

    IN_PERSON = "in_person", N_("in person")
    PHONE = "phone", N_("by phone")
    VIDEO = "video", N_("video")
    MESSAGE = "message", N_("e-mail / messenger")
    HOME_VISIT = "home_visit", N_("home visit")
    COMPANY_VISIT = "company_visit", N_("company visit")
    SCHOOL_VISIT = "school_visit", N_("school visit")
    CASE_CONFERENCE = "case_conference", N_("case conference")


class FollowUpKind(LabeledEnum):
    """Art der Wiedervorlage; all but manual are generated."""

    MANUAL = "manual", N_("follow-up")
    RESIDENCE_TITLE_EXPIRY = "residence_title_expiry", N_("residence title expires")
    S104C_EXPIRY = "s104c_expiry", N_("§ 104c permit expires")
    PROBATION_END = "probation_end", N_("end of probation")
    EMPLOYMENT_CHECK_IN = "employment_check_in", N_("aftercare check-in")
    OFFER_EXPIRY = "offer_expiry", N_("job offer expires")
    MEASURE_APPROVAL = "measure_approval", N_("measure still not approved")
    MEASURE_END = "measure_end", N_("measure ends")
    COOPERATION_PLAN_UPDATE = "cooperation_plan_update", N_("cooperation plan update")
    PLAN_REVIEW = "plan_review", N_("support plan review")
    EXIT_4_WEEKS = "exit_4_weeks", N_("outcome 4 weeks after exit")
    EXIT_6_MONTHS = "exit_6_months", N_("outcome 6 months after exit")


class ConsentPurpose(LabeledEnum):
    """Zweck einer Einwilligung / Schweigepflichtentbindung."""

    COUNSELLING = "counselling", N_("processing for counselling and support")
    SPECIAL_CATEGORIES = "special_categories", N_("processing of health or disability data")
    SHARE_JOB_CENTER = "share_job_center", N_("exchange with the Jobcenter")
    SHARE_EMPLOYMENT_AGENCY = "share_employment_agency", N_("exchange with the employment agency")
    SHARE_IMMIGRATION_OFFICE = (
        "share_immigration_office",
        N_("exchange with the immigration office"),
    )
    SHARE_SCHOOL = "share_school", N_("exchange with the school")
    SHARE_EMPLOYER = "share_employer", N_("exchange with employer or training company")
    SHARE_CHAMBER = "share_chamber", N_("exchange with the chamber")
    SHARE_EDUCATION_PROVIDER = "share_education_provider", N_("exchange with education providers")
    SHARE_COUNSELLING_SERVICE = (
        "share_counselling_service",
        N_("exchange with counselling services"),
    )
    MESSENGER = "messenger", N_("contact by e-mail or messenger")
    OTHER = "other", N_("other")
