"""Vocabularies (docs/domain.md) as enums: English codes stored, German labels from the catalog.

Codes are stable (they are what the database holds); labels are English msgids that the
German catalog translates. Docstrings name the German UI word.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from app.i18n import N_, _


class LabeledEnum(StrEnum):
    """A vocabulary: stable English code as value, German label through the catalog.

    Members are declared as ``CODE = "code", N_("English label")``.
    """

    _label_msgid: str

    def __new__(cls, value: str, label: str | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_msgid = label or value
        return member

    @property
    def label(self) -> str:
        return _(self._label_msgid)

    @classmethod
    def choices(cls) -> list[tuple[Self, str]]:
        return [(member, member.label) for member in cls]


# --- programme and participant ------------------------------------------------------------


class Program(LabeledEnum):
    """Förderbereich under REGIO AKTIV."""

    JOKO = "joko", N_("JOKO – job coordination for refugees")
    TRAINING = "training", N_("Training management at vocational schools")


class Gender(LabeledEnum):
    """Geschlecht."""

    FEMALE = "female", N_("female")
    MALE = "male", N_("male")
    DIVERSE = "diverse", N_("diverse")
    NOT_STATED = "not_stated", N_("not stated")


class YesNoUnknown(LabeledEnum):
    """Ja / nein / keine Angabe (special-category items may stay "keine Angabe")."""

    YES = "yes", N_("yes")
    NO = "no", N_("no")
    NOT_STATED = "not_stated", N_("not stated")


class ParticipantStatus(LabeledEnum):
    """Status of a case."""

    ACTIVE = "active", N_("active")
    EMPLOYED_AFTERCARE = "employed_aftercare", N_("in employment or training with aftercare")
    EXITED = "exited", N_("exited")
    SHORT_COUNSELLING = "short_counselling", N_("short counselling")


class EmploymentStatusAtEntry(LabeledEnum):
    """Erwerbsstatus bei Eintritt (ESF+)."""

    EMPLOYED = "employed", N_("employed (incl. self-employed)")
    UNEMPLOYED = "unemployed", N_("unemployed")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", N_("long-term unemployed (over 12 months)")
    INACTIVE_IN_EDUCATION = "inactive_in_education", N_("inactive, in education or training")
    INACTIVE_NOT_IN_EDUCATION = (
        "inactive_not_in_education",
        N_("inactive, not in education or training"),
    )


class IscedGroup(LabeledEnum):
    """ISCED group of the highest qualification (ESF+ EECO09–11), derived."""

    ISCED_0_2 = "isced_0_2", N_("ISCED 0–2 (up to lower secondary)")
    ISCED_3_4 = "isced_3_4", N_("ISCED 3–4 (upper secondary and post-secondary)")
    ISCED_5_8 = "isced_5_8", N_("ISCED 5–8 (tertiary)")


class SchoolLevel(LabeledEnum):
    """Höchster Schulabschluss (German equivalent if obtained abroad)."""

    NONE = "none", N_("no school-leaving certificate")
    SPECIAL_NEEDS = "special_needs", N_("special needs school certificate")
    LOWER_SECONDARY = "lower_secondary", N_("lower secondary certificate (Hauptschule)")
    INTERMEDIATE = "intermediate", N_("intermediate certificate (Realschule)")
    UAS_ENTRANCE = "uas_entrance", N_("entrance qualification for universities of applied sciences")
    HIGHER_EDUCATION_ENTRANCE = (
        "higher_education_entrance",
        N_("general higher education entrance qualification (Abitur)"),
    )

    @property
    def isced_group(self) -> IscedGroup:
        return _SCHOOL_ISCED[self]


_SCHOOL_ISCED: dict[SchoolLevel, IscedGroup] = {
    SchoolLevel.NONE: IscedGroup.ISCED_0_2,
    SchoolLevel.SPECIAL_NEEDS: IscedGroup.ISCED_0_2,
    SchoolLevel.LOWER_SECONDARY: IscedGroup.ISCED_0_2,
    SchoolLevel.INTERMEDIATE: IscedGroup.ISCED_0_2,
    SchoolLevel.UAS_ENTRANCE: IscedGroup.ISCED_3_4,
    SchoolLevel.HIGHER_EDUCATION_ENTRANCE: IscedGroup.ISCED_3_4,
}


class VocationalLevel(LabeledEnum):
    """Höchster Berufs-/Studienabschluss (German equivalent if obtained abroad)."""

    NONE = "none", N_("no vocational qualification")
    PARTIAL = "partial", N_("partial qualification or semi-skilled training")
    VOCATIONAL = "vocational", N_("completed vocational training")
    MASTER_TECHNICIAN = "master_technician", N_("master craftsperson, technician or trade school")
    BACHELOR = "bachelor", N_("bachelor's degree")
    MASTER = "master", N_("master's degree or diploma")
    DOCTORATE = "doctorate", N_("doctorate")

    @property
    def isced_group(self) -> IscedGroup | None:
        """None: the vocational level adds nothing, the school level decides."""
        return _VOCATIONAL_ISCED.get(self)


_VOCATIONAL_ISCED: dict[VocationalLevel, IscedGroup] = {
    VocationalLevel.VOCATIONAL: IscedGroup.ISCED_3_4,
    VocationalLevel.MASTER_TECHNICIAN: IscedGroup.ISCED_5_8,
    VocationalLevel.BACHELOR: IscedGroup.ISCED_5_8,
    VocationalLevel.MASTER: IscedGroup.ISCED_5_8,
    VocationalLevel.DOCTORATE: IscedGroup.ISCED_5_8,
}

_ISCED_ORDER = list(IscedGroup)


def isced_group(
    school: SchoolLevel | None, vocational: VocationalLevel | None
) -> IscedGroup | None:
    """The higher ISCED group of both levels; None while the school level is missing."""
    if school is None:
        return None
    group = school.isced_group
    if vocational is not None and vocational.isced_group is not None:
        group = max(group, vocational.isced_group, key=_ISCED_ORDER.index)
    return group


class HousingSituation(LabeledEnum):
    """Wohnsituation."""

    OWN_FLAT = "own_flat", N_("own or rented flat")
    WITH_FAMILY = "with_family", N_("with parents or relatives")
    SHARED_FLAT = "shared_flat", N_("shared flat")
    SUPERVISED = "supervised", N_("supervised living (youth welfare, assisted living)")
    REFUGEE_ACCOMMODATION = "refugee_accommodation", N_("refugee accommodation")
    INSECURE = "insecure", N_("insecure housing (temporarily with others, eviction notice)")
    INADEQUATE = "inadequate", N_("inadequate housing")
    HOMELESS = "homeless", N_("homeless")


# ESF+ EECO16 "homeless or affected by housing exclusion", read along ETHOS (check with the
# approving body whether refugee accommodation counts; ETHOS lists it as houselessness).
HOUSING_EXCLUSION: frozenset[HousingSituation] = frozenset(
    {
        HousingSituation.HOMELESS,
        HousingSituation.INSECURE,
        HousingSituation.INADEQUATE,
        HousingSituation.REFUGEE_ACCOMMODATION,
    }
)


class ExitReason(LabeledEnum):
    """Austrittsgrund."""

    GOAL_REACHED = "goal_reached", N_("support goal reached")
    REGULAR_END = "regular_end", N_("regular end of support")
    NO_LONGER_ELIGIBLE = "no_longer_eligible", N_("no longer eligible")
    PARTICIPANT_REQUEST = "participant_request", N_("at the participant's request")
    NO_COOPERATION = "no_cooperation", N_("lack of cooperation")
    CONTACT_LOST = "contact_lost", N_("contact lost")
    MOVED = "moved", N_("moved / change of responsibility")
    HEALTH = "health", N_("health reasons")
    OTHER = "other", N_("other")


class ExitOutcome(LabeledEnum):
    """Verbleib bei Austritt / nach 6 Monaten; each programme offers its own subset."""

    # JOKO
    EMPLOYED_SOCIAL_INSURANCE = (
        "employed_social_insurance",
        N_("employment subject to social insurance"),
    )
    APPRENTICESHIP = "apprenticeship", N_("vocational training")
    MARGINAL_EMPLOYMENT = "marginal_employment", N_("marginal employment")
    SELF_EMPLOYED = "self_employed", N_("self-employed")
    FURTHER_TRAINING = "further_training", N_("further training")
    LANGUAGE_COURSE = "language_course", N_("language course")
    JOB_SEEKING = "job_seeking", N_("still seeking work")
    INACTIVE = "inactive", N_("not in employment")
    SGB2_ENDED = "sgb2_ended", N_("SGB II benefits ended")
    RELOCATED = "relocated", N_("moved / change of responsibility")
    CONTACT_LOST = "contact_lost", N_("contact lost")
    RESIDENCE_ENDED = "residence_ended", N_("end of residence")
    # Ausbildungsmanagement
    TRAINING_STABILISED = "training_stabilised", N_("training stabilised / continued")
    QUALIFICATION_PASSED = "qualification_passed", N_("final examination passed")
    COMPANY_CHANGE = "company_change", N_("change of training company")
    OCCUPATION_CHANGE = "occupation_change", N_("change of occupation")
    BVJ_TO_APPRENTICESHIP = "bvj_to_apprenticeship", N_("BVJ → vocational training")
    BVJ_TO_SCHOOL = "bvj_to_school", N_("BVJ → further school")
    BVJ_TO_WORK = "bvj_to_work", N_("BVJ → work")
    EARLY_TERMINATION = "early_termination", N_("early termination of contract without follow-up")
    DROPOUT = "dropout", N_("dropout")
    MOVED_AWAY = "moved_away", N_("moved away")


EXIT_OUTCOMES: dict[Program, tuple[ExitOutcome, ...]] = {
    Program.JOKO: (
        ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
        ExitOutcome.APPRENTICESHIP,
        ExitOutcome.MARGINAL_EMPLOYMENT,
        ExitOutcome.SELF_EMPLOYED,
        ExitOutcome.FURTHER_TRAINING,
        ExitOutcome.LANGUAGE_COURSE,
        ExitOutcome.JOB_SEEKING,
        ExitOutcome.INACTIVE,
        ExitOutcome.SGB2_ENDED,
        ExitOutcome.RELOCATED,
        ExitOutcome.CONTACT_LOST,
        ExitOutcome.RESIDENCE_ENDED,
    ),
    Program.TRAINING: (
        ExitOutcome.TRAINING_STABILISED,
        ExitOutcome.QUALIFICATION_PASSED,
        ExitOutcome.COMPANY_CHANGE,
        ExitOutcome.OCCUPATION_CHANGE,
        ExitOutcome.BVJ_TO_APPRENTICESHIP,
        ExitOutcome.BVJ_TO_SCHOOL,
        ExitOutcome.BVJ_TO_WORK,
        ExitOutcome.EARLY_TERMINATION,
        ExitOutcome.DROPOUT,
        ExitOutcome.MOVED_AWAY,
    ),
}


def exit_outcomes_for(program: Program) -> tuple[ExitOutcome, ...]:
    """The Verbleib choices a programme's exit form offers."""
    return EXIT_OUTCOMES[program]


# --- JOKO: residence, language, profile ---------------------------------------------------


class ResidenceStatus(LabeledEnum):
    """Aufenthaltsstatus (AufenthG / AsylG)."""

    S25_1_2 = (
        "s25_1_2",
        N_("residence permit § 25 (1)/(2) (asylum, refugee, subsidiary protection)"),
    )
    S25_3 = "s25_3", N_("residence permit § 25 (3) (ban on deportation)")
    S22_23 = "s22_23", N_("residence permit § 22/§ 23 (admission, resettlement)")
    S24 = "s24", N_("residence permit § 24 (temporary protection)")
    S104C = "s104c", N_("opportunity residence permit § 104c")
    S25A = "s25a", N_("residence permit § 25a (well-integrated young people)")
    S25B = "s25b", N_("residence permit § 25b (sustainable integration)")
    OTHER_PERMIT = "other_permit", N_("other residence permit")
    SETTLEMENT_PERMIT = "settlement_permit", N_("settlement permit")
    PERMISSION_TO_RESIDE = "permission_to_reside", N_("permission to reside (asylum procedure)")
    TOLERATION = "toleration", N_("toleration (Duldung)")
    OTHER = "other", N_("other")


class GermanLevel(LabeledEnum):
    """GER-Niveau (CEFR) in German."""

    NONE = "none", N_("no German")
    A1 = "a1", N_("A1")
    A2 = "a2", N_("A2")
    B1 = "b1", N_("B1")
    B2 = "b2", N_("B2")
    C1 = "c1", N_("C1")
    C2 = "c2", N_("C2")

    @property
    def rank(self) -> int:
        """0 for none … 6 for C2, to compare a level with a job offer's minimum."""
        return list(GermanLevel).index(self)


class GermanProofKind(LabeledEnum):
    """Nachweis der Deutschkenntnisse."""

    DTZ = "dtz", N_("DTZ (German test for immigrants)")
    TELC = "telc", N_("telc certificate")
    GOETHE = "goethe", N_("Goethe certificate")
    OSD = "osd", N_("ÖSD certificate")
    BSK_CERTIFICATE = "bsk_certificate", N_("job-related language course certificate")
    PLACEMENT_TEST = "placement_test", N_("placement test")
    STAFF_ASSESSMENT = "staff_assessment", N_("assessment by a professional")
    OTHER = "other", N_("other")


class IntegrationCourseStatus(LabeledEnum):
    """Integrationskurs-Status."""

    NOT_STARTED = "not_started", N_("not started")
    ENTITLED = "entitled", N_("entitled or obliged")
    REGISTERED = "registered", N_("registered / waiting")
    ATTENDING = "attending", N_("attending")
    INTERRUPTED = "interrupted", N_("interrupted")
    COMPLETED_B1 = "completed_b1", N_("completed with B1")
    COMPLETED_BELOW_B1 = "completed_below_b1", N_("completed below B1")
    EXEMPT = "exempt", N_("not required")


class RecognitionStatus(LabeledEnum):
    """Anerkennungsstatus of a foreign qualification."""

    NOT_STARTED = "not_started", N_("not started")
    COUNSELLING = "counselling", N_("in counselling")
    APPLIED = "applied", N_("application submitted")
    FULL = "full", N_("fully equivalent")
    PARTIAL = "partial", N_("partially equivalent")
    NOT_EQUIVALENT = "not_equivalent", N_("not equivalent")
    NOT_POSSIBLE = "not_possible", N_("recognition not possible")


class WorkingTimePreference(LabeledEnum):
    """Arbeitszeitwunsch."""

    FULL_TIME = "full_time", N_("full-time")
    PART_TIME = "part_time", N_("part-time")
    EITHER = "either", N_("full-time or part-time")


class DrivingLicenceClass(LabeledEnum):
    """Führerscheinklasse (EU)."""

    AM = "am", N_("AM")
    A1 = "a1", N_("A1")
    A2 = "a2", N_("A2")
    A = "a", N_("A")
    B = "b", N_("B")
    BE = "be", N_("BE")
    C1 = "c1", N_("C1")
    C1E = "c1e", N_("C1E")
    C = "c", N_("C")
    CE = "ce", N_("CE")
    D1 = "d1", N_("D1")
    D = "d", N_("D")
    L = "l", N_("L")
    T = "t", N_("T")
    FOREIGN = "foreign", N_("foreign licence (not converted)")


# --- Ausbildungsmanagement ----------------------------------------------------------------


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


# --- organisations and jobs ---------------------------------------------------------------


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


# --- courses and measures -----------------------------------------------------------------


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


# --- contacts, follow-ups, consent --------------------------------------------------------


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


# --- support plan -------------------------------------------------------------------------


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


# --- audit --------------------------------------------------------------------------------


class AuditAction(LabeledEnum):
    """Protokollierte Aktion."""

    CREATE = "create", N_("created")
    UPDATE = "update", N_("changed")
    DELETE = "delete", N_("deleted")
    VIEW = "view", N_("viewed")
    PRINT = "print", N_("printed")
    EXPORT = "export", N_("exported")
    IMPORT = "import", N_("imported")
    LOGIN = "login", N_("logged in")
    LOGOUT = "logout", N_("logged out")
    LOCK = "lock", N_("locked")
    UNLOCK = "unlock", N_("unlocked")
    BACKUP = "backup", N_("backup made")
    RESTORE = "restore", N_("backup restored")
    MINIMISE = "minimise", N_("minimised")
    RESTRICT = "restrict", N_("processing restricted")
    ERASE = "erase", N_("erased")
