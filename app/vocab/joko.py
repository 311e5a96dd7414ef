"""Vocabularies: JOKO: residence, language, profile."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


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
