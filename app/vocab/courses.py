"""Vocabularies: Courses, enrolments, measures."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


class CourseKind(LabeledEnum):
    """Kursart."""

    INTEGRATION_GENERAL = "integration_general", N_("integration course (general)")
    INTEGRATION_YOUTH = "integration_youth", N_("integration course for young adults")
    INTEGRATION_PARENTS = "integration_parents", N_("integration course for parents")
    INTEGRATION_WOMEN = "integration_women", N_("integration course for women")
    INTEGRATION_REMEDIAL = "integration_remedial", N_("remedial integration course")
    INTEGRATION_LITERACY = "integration_literacy", N_("integration course with literacy")
    INTEGRATION_SECOND_SCRIPT = (
        "integration_second_script",
        N_("integration course for second-script learners"),
    )
    INTEGRATION_INTENSIVE = "integration_intensive", N_("intensive integration course")
    BSK_BASIC_B2 = "bsk_basic_b2", N_("job-related language course, basic B2")
    BSK_BASIC_C1 = "bsk_basic_c1", N_("job-related language course, basic C1")
    BSK_BASIC_C2 = "bsk_basic_c2", N_("job-related language course, basic C2")
    BSK_SPECIAL_A2 = "bsk_special_a2", N_("job-related language course, special A2")
    BSK_SPECIAL_B1 = "bsk_special_b1", N_("job-related language course, special B1")
    BSK_PROFESSIONAL = "bsk_professional", N_("job-related language course for a profession")
    BSK_APPRENTICE = "bsk_apprentice", N_("job-related language course for apprentices")
    BSK_RECOGNITION = "bsk_recognition", N_("job-related language course in recognition")
    JOB_BSK = "job_bsk", N_("Job-BSK (language course at work)")
    FURTHER_TRAINING = "further_training", N_("further vocational training (education voucher)")
    ADAPTATION = "adaptation", N_("adaptation qualification")
    PARTIAL_QUALIFICATION = "partial_qualification", N_("partial qualification")
    DRIVING_LICENCE = "driving_licence", N_("driving licence")
    OTHER = "other", N_("other")

    @property
    def is_integration_course(self) -> bool:
        return self.value.startswith("integration_")

    @property
    def is_job_language_course(self) -> bool:
        return self.value.startswith("bsk_") or self is CourseKind.JOB_BSK

    @property
    def standard_teaching_units(self) -> int | None:
        """Usual maximum of UE where docs/domain.md names one (a default for the form)."""
        return _STANDARD_UNITS.get(self)


_STANDARD_UNITS: dict[CourseKind, int] = {
    CourseKind.INTEGRATION_GENERAL: 700,
    CourseKind.INTEGRATION_YOUTH: 1000,
    CourseKind.INTEGRATION_PARENTS: 1000,
    CourseKind.INTEGRATION_WOMEN: 1000,
    CourseKind.INTEGRATION_REMEDIAL: 1000,
    CourseKind.INTEGRATION_INTENSIVE: 430,
    CourseKind.JOB_BSK: 150,
}


class CourseFormat(LabeledEnum):
    """Format eines Kurses."""

    IN_PERSON = "in_person", N_("classroom (in person)")
    ONLINE = "online", N_("online")
    AT_EMPLOYER = "at_employer", N_("at the employer")


class TimeModel(LabeledEnum):
    """Zeitmodell eines Kurses."""

    FULL_TIME = "full_time", N_("full-time")
    PART_TIME = "part_time", N_("part-time")
    WHILE_WORKING = "while_working", N_("alongside work")
    EVENING = "evening", N_("evenings")
    WEEKEND = "weekend", N_("weekends")


class CourseFunding(LabeledEnum):
    """Finanzierung eines Kurses."""

    BAMF = "bamf", N_("BAMF")
    JOB_CENTER = "job_center", N_("Jobcenter")
    EDUCATION_VOUCHER = "education_voucher", N_("education voucher")
    EMPLOYER = "employer", N_("employer")
    PROJECT = "project", N_("project")
    OTHER = "other", N_("other")


class EnrollmentStatus(LabeledEnum):
    """Status einer Kursteilnahme."""

    REGISTERED = "registered", N_("registered")
    ONGOING = "ongoing", N_("ongoing")
    COMPLETED = "completed", N_("completed")
    DROPPED = "dropped", N_("dropped out")


class MeasureKind(LabeledEnum):
    """Maßnahme / Hilfe."""

    ASA_FLEX = "asa_flex", N_("AsA flex (assisted training)")
    EQ = "eq", N_("introductory qualification (EQ)")
    BAB = "bab", N_("vocational training allowance (BAB)")
    LANGUAGE_SUPPORT = "language_support", N_("job-related language support")
    TUTORING = "tutoring", N_("tutoring / exam preparation")
    DISADVANTAGE_COMPENSATION = "disadvantage_compensation", N_("compensation for disadvantages")
    SOCIAL_PEDAGOGICAL = "social_pedagogical", N_("social-pedagogical support")
    YOUTH_WELFARE = "youth_welfare", N_("youth welfare (SGB VIII)")
    DEBT_COUNSELLING = "debt_counselling", N_("debt counselling")
    ADDICTION_COUNSELLING = "addiction_counselling", N_("addiction counselling")
    PSYCHOSOCIAL_COUNSELLING = "psychosocial_counselling", N_("psychosocial counselling")
    HOUSING_SUPPORT = "housing_support", N_("housing support")
    CONFLICT_MEDIATION = "conflict_mediation", N_("conflict mediation in the company")
    COMPANY_CHANGE = "company_change", N_("change of training company")
    RECOGNITION_COUNSELLING = "recognition_counselling", N_("recognition counselling")
    SKILLS_ASSESSMENT = "skills_assessment", N_("skills assessment (MYSKILLS)")
    APPLICATION_COACHING = "application_coaching", N_("application coaching")
    MOBILITY = "mobility", N_("mobility support")
    CHILDCARE = "childcare", N_("childcare")
    INTEGRATION_SUBSIDY = "integration_subsidy", N_("integration subsidy (EGZ)")
    OTHER = "other", N_("other")


class MeasureStatus(LabeledEnum):
    """Status einer Maßnahme."""

    PLANNED = "planned", N_("planned")
    APPLIED = "applied", N_("applied for")
    APPROVED = "approved", N_("approved")
    REJECTED = "rejected", N_("rejected")
    ONGOING = "ongoing", N_("ongoing")
    COMPLETED = "completed", N_("completed")
    CANCELLED = "cancelled", N_("cancelled")
