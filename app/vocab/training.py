"""Vocabularies: Ausbildungsmanagement: school, risk, support need, exams."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


class SchoolForm(LabeledEnum):
    """Schulform at a BBS."""

    PART_TIME_VOCATIONAL = "part_time_vocational", N_("part-time vocational school")
    BVJ = "bvj", N_("pre-vocational year (BVJ)")
    VOCATIONAL_FULL_TIME = "vocational_full_time", N_("full-time vocational school")
    TECHNICAL_SECONDARY = "technical_secondary", N_("technical secondary school")
    VOCATIONAL_GRAMMAR = "vocational_grammar", N_("vocational grammar school")
    TRADE_SCHOOL = "trade_school", N_("trade school")
    OTHER = "other", N_("other")


class DropoutRisk(LabeledEnum):
    """Abbruchrisiko."""

    LOW = "low", N_("low")
    MEDIUM = "medium", N_("medium")
    HIGH = "high", N_("high")


class RiskFactor(LabeledEnum):
    """Risikofaktor for a training dropout."""

    ABSENCES = "absences", N_("absences")
    PERFORMANCE = "performance", N_("learning or performance difficulties")
    LANGUAGE = "language", N_("language barriers")
    COMPANY_CONFLICT = "company_conflict", N_("conflict in the training company")
    WRONG_CHOICE = "wrong_choice", N_("wrong choice of occupation / lack of motivation")
    FAMILY = "family", N_("family problems")
    HEALTH = "health", N_("health")
    FINANCIAL = "financial", N_("financial problems")
    HOUSING = "housing", N_("housing problems")
    RESIDENCE = "residence", N_("uncertain residence status")
    OTHER = "other", N_("other")


class SupportNeedArea(LabeledEnum):
    """Förderbedarf."""

    SUBJECT = "subject", N_("subject-related")
    LANGUAGE = "language", N_("language")
    PERSONAL_SOCIAL = "personal_social", N_("personal / social")
    ORGANISATIONAL = "organisational", N_("organisational")
    FINANCIAL = "financial", N_("financial")


class NeedLevel(LabeledEnum):
    """Ausprägung eines Förderbedarfs in der Förderbedarfsermittlung."""

    NONE = "none", N_("no need")
    LOW = "low", N_("low")
    MEDIUM = "medium", N_("medium")
    HIGH = "high", N_("high")


class AccessRoute(LabeledEnum):
    """Zugang über."""

    TEACHER = "teacher", N_("teacher")
    COMPANY = "company", N_("company")
    SELF_REFERRAL = "self_referral", N_("self-referral")
    YOUTH_EMPLOYMENT_AGENCY = "youth_employment_agency", N_("youth employment agency")
    PARENTS = "parents", N_("parents")
    OTHER = "other", N_("other")


class GuardianRelation(LabeledEnum):
    """Verhältnis of an Erziehungsberechtigte:r to the student."""

    MOTHER = "mother", N_("mother")
    FATHER = "father", N_("father")
    LEGAL_GUARDIAN = "legal_guardian", N_("legal guardian")
    OTHER = "other", N_("other")


class ExamKind(LabeledEnum):
    """Prüfung."""

    INTERMEDIATE = "intermediate", N_("intermediate examination")
    FINAL_PART_1 = "final_part_1", N_("final examination part 1")
    FINAL = "final", N_("final examination")
    RESIT = "resit", N_("resit examination")
    SCHOOL = "school", N_("school examination")
    OTHER = "other", N_("other")


class ExamResult(LabeledEnum):
    """Prüfungsergebnis."""

    PENDING = "pending", N_("pending")
    PASSED = "passed", N_("passed")
    FAILED = "failed", N_("failed")
    ABSENT = "absent", N_("did not attend")
