"""How often things happen in the demo data: weighted vocabularies and shares.

Weights are relative (they need not add up to 100). Tuning the look of the demo data happens
here; the builders only draw.
"""

from __future__ import annotations

from app.demo.distributions import Weighted
from app.vocab import (
    ContactKind,
    CooperationStatus,
    CourseKind,
    EmploymentEndReason,
    EmploymentKind,
    EmploymentStatusAtEntry,
    ExamResult,
    ExitOutcome,
    ExitReason,
    GermanLevel,
    HousingSituation,
    JobOfferStatus,
    MeasureKind,
    ParticipantStatus,
    PlacementStage,
    Program,
    RecognitionStatus,
    ResidenceStatus,
    SchoolForm,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)

CASE_WINDOW_DAYS = 3 * 365  # entries over the last three years
INCOMPLETE_SHARE = 0.15  # records deliberately missing one or two ESF+ core fields
JOKO_SHARE = 0.6

STATUS = Weighted(
    [
        (ParticipantStatus.ACTIVE, 65),
        (ParticipantStatus.EMPLOYED_AFTERCARE, 10),
        (ParticipantStatus.EXITED, 20),
        (ParticipantStatus.SHORT_COUNSELLING, 5),
    ]
)
SCHOOL_FORMS = Weighted(
    [
        (SchoolForm.PART_TIME_VOCATIONAL, 60),
        (SchoolForm.BVJ, 25),
        (SchoolForm.VOCATIONAL_FULL_TIME, 10),
        (SchoolForm.TECHNICAL_SECONDARY, 5),
    ]
)
# age at entry (low, high, mode) by school form; JOKO uses the first entry
AGE_AT_ENTRY: dict[SchoolForm | None, tuple[int, int, int]] = {
    None: (18, 60, 29),
    SchoolForm.PART_TIME_VOCATIONAL: (16, 25, 19),
    SchoolForm.BVJ: (15, 18, 16),
    SchoolForm.VOCATIONAL_FULL_TIME: (16, 22, 18),
    SchoolForm.TECHNICAL_SECONDARY: (16, 20, 17),
}
JOKO_RESIDENCE = Weighted(
    [
        (ResidenceStatus.S25_1_2, 48),
        (ResidenceStatus.S104C, 14),
        (ResidenceStatus.S25_3, 7),
        (ResidenceStatus.S22_23, 6),
        (ResidenceStatus.S25A, 4),
        (ResidenceStatus.S25B, 5),
        (ResidenceStatus.SETTLEMENT_PERMIT, 8),
        (ResidenceStatus.OTHER_PERMIT, 4),
        (ResidenceStatus.PERMISSION_TO_RESIDE, 2),
        (ResidenceStatus.OTHER, 2),
    ]
)
GERMAN_LEVELS = Weighted(
    [
        (GermanLevel.NONE, 4),
        (GermanLevel.A1, 16),
        (GermanLevel.A2, 28),
        (GermanLevel.B1, 32),
        (GermanLevel.B2, 15),
        (GermanLevel.C1, 5),
    ]
)
JOKO_SCHOOL = Weighted(
    [
        (SchoolLevel.NONE, 12),
        (SchoolLevel.LOWER_SECONDARY, 30),
        (SchoolLevel.INTERMEDIATE, 25),
        (SchoolLevel.UAS_ENTRANCE, 8),
        (SchoolLevel.HIGHER_EDUCATION_ENTRANCE, 25),
    ]
)
JOKO_VOCATIONAL = Weighted(
    [
        (VocationalLevel.NONE, 42),
        (VocationalLevel.PARTIAL, 10),
        (VocationalLevel.VOCATIONAL, 25),
        (VocationalLevel.MASTER_TECHNICIAN, 4),
        (VocationalLevel.BACHELOR, 14),
        (VocationalLevel.MASTER, 4),
        (VocationalLevel.DOCTORATE, 1),
    ]
)
TRAINING_SCHOOL = Weighted(
    [
        (SchoolLevel.NONE, 8),
        (SchoolLevel.SPECIAL_NEEDS, 4),
        (SchoolLevel.LOWER_SECONDARY, 36),
        (SchoolLevel.INTERMEDIATE, 45),
        (SchoolLevel.UAS_ENTRANCE, 4),
        (SchoolLevel.HIGHER_EDUCATION_ENTRANCE, 3),
    ]
)
BVJ_SCHOOL = Weighted(
    [(SchoolLevel.NONE, 50), (SchoolLevel.SPECIAL_NEEDS, 15), (SchoolLevel.LOWER_SECONDARY, 35)]
)
JOKO_EMPLOYMENT_STATUS = Weighted(
    [
        (EmploymentStatusAtEntry.UNEMPLOYED, 50),
        (EmploymentStatusAtEntry.LONG_TERM_UNEMPLOYED, 35),
        (EmploymentStatusAtEntry.EMPLOYED, 8),
        (EmploymentStatusAtEntry.INACTIVE_NOT_IN_EDUCATION, 7),
    ]
)
HOUSING: dict[Program, Weighted[HousingSituation]] = {
    Program.JOKO: Weighted(
        [
            (HousingSituation.OWN_FLAT, 55),
            (HousingSituation.REFUGEE_ACCOMMODATION, 20),
            (HousingSituation.SHARED_FLAT, 9),
            (HousingSituation.WITH_FAMILY, 8),
            (HousingSituation.INSECURE, 4),
            (HousingSituation.INADEQUATE, 3),
            (HousingSituation.HOMELESS, 1),
        ]
    ),
    Program.TRAINING: Weighted(
        [
            (HousingSituation.WITH_FAMILY, 64),
            (HousingSituation.OWN_FLAT, 15),
            (HousingSituation.SHARED_FLAT, 8),
            (HousingSituation.SUPERVISED, 8),
            (HousingSituation.INSECURE, 3),
            (HousingSituation.REFUGEE_ACCOMMODATION, 1),
            (HousingSituation.HOMELESS, 1),
        ]
    ),
}
DISABILITY = Weighted([(YesNoUnknown.NO, 78), (YesNoUnknown.YES, 6), (YesNoUnknown.NOT_STATED, 16)])
MINORITY = Weighted([(YesNoUnknown.NOT_STATED, 70), (YesNoUnknown.NO, 28), (YesNoUnknown.YES, 2)])
JOKO_OUTCOMES = Weighted(
    [
        (ExitOutcome.EMPLOYED_SOCIAL_INSURANCE, 35),
        (ExitOutcome.APPRENTICESHIP, 6),
        (ExitOutcome.MARGINAL_EMPLOYMENT, 6),
        (ExitOutcome.SELF_EMPLOYED, 2),
        (ExitOutcome.FURTHER_TRAINING, 8),
        (ExitOutcome.LANGUAGE_COURSE, 10),
        (ExitOutcome.JOB_SEEKING, 12),
        (ExitOutcome.INACTIVE, 5),
        (ExitOutcome.SGB2_ENDED, 4),
        (ExitOutcome.RELOCATED, 6),
        (ExitOutcome.CONTACT_LOST, 5),
        (ExitOutcome.RESIDENCE_ENDED, 1),
    ]
)
BVJ_OUTCOMES = Weighted(
    [
        (ExitOutcome.BVJ_TO_APPRENTICESHIP, 45),
        (ExitOutcome.BVJ_TO_SCHOOL, 20),
        (ExitOutcome.BVJ_TO_WORK, 15),
        (ExitOutcome.DROPOUT, 10),
        (ExitOutcome.MOVED_AWAY, 10),
    ]
)
TRAINING_OUTCOMES = Weighted(
    [
        (ExitOutcome.TRAINING_STABILISED, 45),
        (ExitOutcome.COMPANY_CHANGE, 14),
        (ExitOutcome.OCCUPATION_CHANGE, 8),
        (ExitOutcome.EARLY_TERMINATION, 12),
        (ExitOutcome.DROPOUT, 11),
        (ExitOutcome.MOVED_AWAY, 10),
    ]
)
EXIT_REASONS: dict[ExitOutcome, tuple[ExitReason, ...]] = {
    ExitOutcome.EMPLOYED_SOCIAL_INSURANCE: (ExitReason.GOAL_REACHED,),
    ExitOutcome.APPRENTICESHIP: (ExitReason.GOAL_REACHED,),
    ExitOutcome.MARGINAL_EMPLOYMENT: (ExitReason.REGULAR_END, ExitReason.PARTICIPANT_REQUEST),
    ExitOutcome.SELF_EMPLOYED: (ExitReason.GOAL_REACHED,),
    ExitOutcome.FURTHER_TRAINING: (ExitReason.GOAL_REACHED, ExitReason.REGULAR_END),
    ExitOutcome.LANGUAGE_COURSE: (ExitReason.REGULAR_END, ExitReason.PARTICIPANT_REQUEST),
    ExitOutcome.JOB_SEEKING: (
        ExitReason.REGULAR_END,
        ExitReason.NO_COOPERATION,
        ExitReason.PARTICIPANT_REQUEST,
    ),
    ExitOutcome.INACTIVE: (ExitReason.HEALTH, ExitReason.PARTICIPANT_REQUEST, ExitReason.OTHER),
    ExitOutcome.SGB2_ENDED: (ExitReason.NO_LONGER_ELIGIBLE,),
    ExitOutcome.RELOCATED: (ExitReason.MOVED,),
    ExitOutcome.CONTACT_LOST: (ExitReason.CONTACT_LOST,),
    ExitOutcome.RESIDENCE_ENDED: (ExitReason.NO_LONGER_ELIGIBLE,),
    ExitOutcome.TRAINING_STABILISED: (ExitReason.GOAL_REACHED,),
    ExitOutcome.QUALIFICATION_PASSED: (ExitReason.GOAL_REACHED, ExitReason.REGULAR_END),
    ExitOutcome.COMPANY_CHANGE: (ExitReason.GOAL_REACHED,),
    ExitOutcome.OCCUPATION_CHANGE: (ExitReason.GOAL_REACHED, ExitReason.PARTICIPANT_REQUEST),
    ExitOutcome.BVJ_TO_APPRENTICESHIP: (ExitReason.GOAL_REACHED,),
    ExitOutcome.BVJ_TO_SCHOOL: (ExitReason.GOAL_REACHED, ExitReason.REGULAR_END),
    ExitOutcome.BVJ_TO_WORK: (ExitReason.REGULAR_END,),
    ExitOutcome.EARLY_TERMINATION: (ExitReason.PARTICIPANT_REQUEST, ExitReason.NO_COOPERATION),
    ExitOutcome.DROPOUT: (ExitReason.NO_COOPERATION, ExitReason.CONTACT_LOST),
    ExitOutcome.MOVED_AWAY: (ExitReason.MOVED,),
}
EMPLOYED_OUTCOMES = frozenset(
    {
        ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
        ExitOutcome.APPRENTICESHIP,
        ExitOutcome.MARGINAL_EMPLOYMENT,
    }
)
CONTACT_KINDS: dict[Program, Weighted[ContactKind]] = {
    Program.JOKO: Weighted(
        [
            (ContactKind.IN_PERSON, 40),
            (ContactKind.PHONE, 24),
            (ContactKind.MESSAGE, 15),
            (ContactKind.VIDEO, 4),
            (ContactKind.COMPANY_VISIT, 8),
            (ContactKind.HOME_VISIT, 3),
            (ContactKind.CASE_CONFERENCE, 6),
        ]
    ),
    Program.TRAINING: Weighted(
        [
            (ContactKind.IN_PERSON, 38),
            (ContactKind.PHONE, 15),
            (ContactKind.MESSAGE, 14),
            (ContactKind.VIDEO, 3),
            (ContactKind.SCHOOL_VISIT, 14),
            (ContactKind.COMPANY_VISIT, 10),
            (ContactKind.CASE_CONFERENCE, 6),
        ]
    ),
}
DURATIONS: dict[ContactKind, tuple[int, int]] = {  # minutes, in steps of five
    ContactKind.IN_PERSON: (30, 90),
    ContactKind.PHONE: (5, 30),
    ContactKind.MESSAGE: (5, 15),
    ContactKind.VIDEO: (20, 60),
    ContactKind.HOME_VISIT: (45, 120),
    ContactKind.COMPANY_VISIT: (45, 120),
    ContactKind.SCHOOL_VISIT: (30, 90),
    ContactKind.CASE_CONFERENCE: (60, 120),
}
NOTE_PARTICIPANTS: dict[ContactKind, str] = {  # a Fallkonferenz names its participants
    ContactKind.HOME_VISIT: "Teilnehmer:in, Familie",
    ContactKind.COMPANY_VISIT: "Teilnehmer:in, Ansprechperson im Betrieb",
    ContactKind.SCHOOL_VISIT: "Schüler:in, Klassenleitung",
}
INTERPRETED_KINDS = frozenset(
    {ContactKind.IN_PERSON, ContactKind.PHONE, ContactKind.VIDEO, ContactKind.HOME_VISIT}
)
FOLLOW_UP_STATES = Weighted(
    [("overdue", 20), ("today", 8), ("week", 15), ("later", 25), ("done", 32)]
)
SIZE_CLASSES = Weighted([((1, 9), 35), ((10, 49), 35), ((50, 249), 20), ((250, 2400), 10)])
COOPERATION = Weighted(
    [
        (CooperationStatus.ACTIVE, 50),
        (CooperationStatus.CONTACTED, 20),
        (CooperationStatus.PROSPECT, 10),
        (CooperationStatus.DORMANT, 15),
        (CooperationStatus.ENDED, 5),
    ]
)
# Job offers whose valid-until date has passed: most were filled or withdrawn, some are still
# marked open (the list shows them as expired).
EXPIRED_OFFER_STATUS = Weighted(
    [(JobOfferStatus.FILLED, 52), (JobOfferStatus.WITHDRAWN, 42), (JobOfferStatus.OPEN, 6)]
)
COURSE_KINDS = Weighted(
    [
        (CourseKind.INTEGRATION_GENERAL, 15),
        (CourseKind.INTEGRATION_WOMEN, 3),
        (CourseKind.INTEGRATION_PARENTS, 2),
        (CourseKind.INTEGRATION_LITERACY, 5),
        (CourseKind.INTEGRATION_INTENSIVE, 2),
        (CourseKind.INTEGRATION_YOUTH, 2),
        (CourseKind.BSK_BASIC_B2, 12),
        (CourseKind.BSK_BASIC_C1, 3),
        (CourseKind.BSK_SPECIAL_A2, 5),
        (CourseKind.BSK_SPECIAL_B1, 6),
        (CourseKind.BSK_PROFESSIONAL, 4),
        (CourseKind.BSK_APPRENTICE, 6),
        (CourseKind.BSK_RECOGNITION, 2),
        (CourseKind.JOB_BSK, 6),
        (CourseKind.FURTHER_TRAINING, 8),
        (CourseKind.ADAPTATION, 3),
        (CourseKind.PARTIAL_QUALIFICATION, 5),
        (CourseKind.DRIVING_LICENCE, 4),
        (CourseKind.OTHER, 2),
    ]
)
COURSE_TARGETS: dict[CourseKind, GermanLevel] = {
    CourseKind.BSK_BASIC_B2: GermanLevel.B2,
    CourseKind.BSK_BASIC_C1: GermanLevel.C1,
    CourseKind.BSK_BASIC_C2: GermanLevel.C2,
    CourseKind.BSK_SPECIAL_A2: GermanLevel.A2,
    CourseKind.BSK_SPECIAL_B1: GermanLevel.B1,
    CourseKind.BSK_PROFESSIONAL: GermanLevel.B2,
    CourseKind.BSK_APPRENTICE: GermanLevel.B1,
    CourseKind.BSK_RECOGNITION: GermanLevel.B2,
    CourseKind.JOB_BSK: GermanLevel.B1,
}
MEASURE_KINDS: dict[Program, Weighted[MeasureKind]] = {
    Program.TRAINING: Weighted(
        [
            (MeasureKind.ASA_FLEX, 20),
            (MeasureKind.TUTORING, 18),
            (MeasureKind.SOCIAL_PEDAGOGICAL, 10),
            (MeasureKind.LANGUAGE_SUPPORT, 8),
            (MeasureKind.BAB, 10),
            (MeasureKind.CONFLICT_MEDIATION, 6),
            (MeasureKind.COMPANY_CHANGE, 4),
            (MeasureKind.YOUTH_WELFARE, 5),
            (MeasureKind.DEBT_COUNSELLING, 3),
            (MeasureKind.PSYCHOSOCIAL_COUNSELLING, 4),
            (MeasureKind.HOUSING_SUPPORT, 3),
            (MeasureKind.DISADVANTAGE_COMPENSATION, 4),
            (MeasureKind.EQ, 5),
        ]
    ),
    Program.JOKO: Weighted(
        [
            (MeasureKind.APPLICATION_COACHING, 25),
            (MeasureKind.RECOGNITION_COUNSELLING, 15),
            (MeasureKind.SKILLS_ASSESSMENT, 12),
            (MeasureKind.INTEGRATION_SUBSIDY, 12),
            (MeasureKind.CHILDCARE, 10),
            (MeasureKind.MOBILITY, 8),
            (MeasureKind.LANGUAGE_SUPPORT, 10),
            (MeasureKind.DEBT_COUNSELLING, 4),
            (MeasureKind.HOUSING_SUPPORT, 4),
        ]
    ),
}
# which partner provides a measure
MEASURE_PROVIDERS: dict[MeasureKind, str] = {
    MeasureKind.BAB: "agency",
    MeasureKind.YOUTH_WELFARE: "youth_office",
    MeasureKind.DEBT_COUNSELLING: "counselling",
    MeasureKind.PSYCHOSOCIAL_COUNSELLING: "counselling",
    MeasureKind.SOCIAL_PEDAGOGICAL: "counselling",
    MeasureKind.HOUSING_SUPPORT: "counselling",
    MeasureKind.RECOGNITION_COUNSELLING: "counselling",
    MeasureKind.INTEGRATION_SUBSIDY: "jobcenter",
    MeasureKind.CHILDCARE: "jobcenter",
    MeasureKind.MOBILITY: "jobcenter",
    MeasureKind.CONFLICT_MEDIATION: "chamber",
    MeasureKind.COMPANY_CHANGE: "chamber",
    MeasureKind.DISADVANTAGE_COMPENSATION: "chamber",
    MeasureKind.EQ: "company",
}
PLACEMENT_PATH = (
    PlacementStage.PROPOSED,
    PlacementStage.APPLIED,
    PlacementStage.INTERVIEW,
    PlacementStage.TRIAL_WORK,
    PlacementStage.OFFER,
    PlacementStage.CONTRACT,
)
PLACEMENT_DATE_FIELDS = (
    "proposed_on",
    "applied_on",
    "interview_on",
    "trial_work_on",
    "decided_on",
    "contract_on",
)
OPEN_PLACEMENT_STAGES = Weighted(
    [
        (PlacementStage.PROPOSED, 15),
        (PlacementStage.APPLIED, 20),
        (PlacementStage.INTERVIEW, 15),
        (PlacementStage.TRIAL_WORK, 10),
        (PlacementStage.OFFER, 5),
        (PlacementStage.REJECTED, 35),
    ]
)
RECOGNITION = Weighted(
    [
        (RecognitionStatus.NOT_STARTED, 20),
        (RecognitionStatus.COUNSELLING, 20),
        (RecognitionStatus.APPLIED, 20),
        (RecognitionStatus.FULL, 15),
        (RecognitionStatus.PARTIAL, 18),
        (RecognitionStatus.NOT_EQUIVALENT, 5),
        (RecognitionStatus.NOT_POSSIBLE, 2),
    ]
)
EMPLOYMENT_KINDS = Weighted(
    [
        (EmploymentKind.REGULAR, 75),
        (EmploymentKind.AGENCY_WORK, 12),
        (EmploymentKind.APPRENTICESHIP, 8),
        (EmploymentKind.MARGINAL, 3),
        (EmploymentKind.SELF_EMPLOYED, 2),
    ]
)
ENDED_EMPLOYMENT_REASONS = Weighted(
    [
        (EmploymentEndReason.EMPLOYER_PROBATION, 30),
        (EmploymentEndReason.EMPLOYEE_NOTICE, 20),
        (EmploymentEndReason.MUTUAL_AGREEMENT, 15),
        (EmploymentEndReason.FIXED_TERM_EXPIRED, 20),
        (EmploymentEndReason.EMPLOYER_NOTICE, 10),
        (EmploymentEndReason.OTHER, 5),
    ]
)
STRETCHED_EXAMS = frozenset({"ELT", "KFZ", "IM", "AM", "MB"})  # gestreckte Abschlussprüfung
EXAM_RESULTS = Weighted([(ExamResult.PASSED, 72), (ExamResult.FAILED, 20), (ExamResult.ABSENT, 8)])
GRADES = ("sehr gut (1)", "gut (2)", "befriedigend (3)", "ausreichend (4)")
