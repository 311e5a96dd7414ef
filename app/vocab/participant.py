"""Vocabularies: Programme, participant core, exit and outcome."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


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
