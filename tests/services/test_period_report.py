"""The period report's figures on a constructed caseload whose answers are counted by hand.

The year 2026; "today" is 01.03.2027 unless a test says otherwise. The people (JOKO unless
noted; ages on the entry day):

- A  f, 15, unemployed, Hauptschule (ISCED 0–2), SY, refugee accommodation, rural; entered
     01.02.2026, still in.
- B  m, 26, long-term unemployed, Abitur + apprenticeship (ISCED 3–4), DE and SY (no third-
     country national), disability, foreign background; entered 10.03.2026, left 30.06.2026
     "still seeking work" on 05.07., but an employment began 20.07. (day 20 of the four
     weeks): employed upon leaving, not job searching (EECR01/EECR04 exclusive).
- C  f, 60, employed, Fachhochschulreife + Bachelor (ISCED 5–8), UA, minority; entered
     15.01.2026, left 30.04.2026, employed on 28.05. (day 28: inside the window); six months
     later employed and situation improved.
- D  m, entered 2025, inactive; left 15.09.2026, employed on 14.10. (day 29: outside); an
     employment from 14.10. runs, but its six-month day 15.03.2027 has not come by today.
- E  diverse, 27, inactive in education, no school-leaving certificate, AF, homeless;
     entered 01.11.2026, left 01.12.2026 into a language course (no date: the exit day),
     qualification gained.
- F  f, entered 01.02.2026, no school level: incomplete, listed, never counted.
- G  entered 2027 and H left 2025: outside the period.
- T  training, f, part-time vocational school year 2, high risk, needs language and
     financial; entered 2025, left 31.07.2026 with training stabilised: a drop-out avoided.
- U  training, m, 19, BVJ, inactive in education, TR; entered 15.08.2026, still in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.bootstrap import Lotse
from app.models.contacts import ContactNote, NoteOrganization
from app.models.courses import Course, Enrollment, Measure
from app.models.jobs import Employment, JobOffer, Placement
from app.models.organization import Organization
from app.models.participant import ForeignQualification
from app.reports.period_data import PeriodReport
from app.reports.periods import between, year
from app.services.period_report import build_report, counted_people
from app.vocab import (
    CourseKind,
    EmploymentStatusAtEntry,
    EnrollmentStatus,
    ExitOutcome,
    ExitReason,
    Gender,
    HousingSituation,
    MeasureKind,
    MeasureStatus,
    OrganizationKind,
    Program,
    SchoolForm,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)
from app.vocab.training import DropoutRisk
from tests.services.helpers import add_person

TODAY = date(2027, 3, 1)
E = EmploymentStatusAtEntry


def person(lotse: Lotse, name: str, **values: object) -> int:
    core: dict[str, object] = {
        "birth_date": date(1990, 1, 1),
        "gender": Gender.MALE,
        "postal_code": "06108",
        "city": "Halle (Saale)",
        "nationalities": ["SY"],
        "employment_status_at_entry": E.UNEMPLOYED,
        "school_level": SchoolLevel.LOWER_SECONDARY,
        "vocational_level": VocationalLevel.NONE,
        "housing_situation": HousingSituation.OWN_FLAT,
        "disability": YesNoUnknown.NO,
        "entry_date": date(2026, 1, 1),
        "privacy_notice_given_on": date(2025, 1, 1),
    }
    core.update(values)
    if core.get("exit_date"):
        core.setdefault("exit_reason", ExitReason.REGULAR_END)
    return add_person(lotse, name, "Test", **core)


def local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone().astimezone(UTC)


@pytest.fixture
def caseload(lotse: Lotse) -> dict[str, int]:
    ids = {
        "A": person(lotse, "A", gender=Gender.FEMALE, birth_date=date(2010, 6, 1),
                    entry_date=date(2026, 2, 1),
                    housing_situation=HousingSituation.REFUGEE_ACCOMMODATION, rural_area=True),
        "B": person(lotse, "B", birth_date=date(2000, 1, 1), entry_date=date(2026, 3, 10),
                    employment_status_at_entry=E.LONG_TERM_UNEMPLOYED,
                    school_level=SchoolLevel.HIGHER_EDUCATION_ENTRANCE,
                    vocational_level=VocationalLevel.VOCATIONAL, nationalities=["DE", "SY"],
                    disability=YesNoUnknown.YES, foreign_background=YesNoUnknown.YES,
                    exit_date=date(2026, 6, 30), exit_outcome=ExitOutcome.JOB_SEEKING,
                    exit_outcome_on=date(2026, 7, 5)),
        "C": person(lotse, "C", gender=Gender.FEMALE, birth_date=date(1965, 5, 5),
                    entry_date=date(2026, 1, 15), employment_status_at_entry=E.EMPLOYED,
                    school_level=SchoolLevel.UAS_ENTRANCE,
                    vocational_level=VocationalLevel.BACHELOR, nationalities=["UA"],
                    minority=YesNoUnknown.YES, exit_date=date(2026, 4, 30),
                    exit_outcome=ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
                    exit_outcome_on=date(2026, 5, 28),
                    outcome_6_months=ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
                    outcome_6_months_on=date(2026, 10, 30), situation_improved_6_months=True),
        "D": person(lotse, "D", entry_date=date(2025, 5, 1),
                    employment_status_at_entry=E.INACTIVE_NOT_IN_EDUCATION,
                    exit_date=date(2026, 9, 15),
                    exit_outcome=ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
                    exit_outcome_on=date(2026, 10, 14)),
        "E": person(lotse, "E", gender=Gender.DIVERSE, birth_date=date(1999, 2, 2),
                    entry_date=date(2026, 11, 1),
                    employment_status_at_entry=E.INACTIVE_IN_EDUCATION,
                    school_level=SchoolLevel.NONE, nationalities=["AF"],
                    housing_situation=HousingSituation.HOMELESS, exit_date=date(2026, 12, 1),
                    exit_outcome=ExitOutcome.LANGUAGE_COURSE, qualification_gained=True),
        "F": person(lotse, "F", gender=Gender.FEMALE, entry_date=date(2026, 2, 1),
                    school_level=None),
        "G": person(lotse, "G", entry_date=date(2027, 1, 5), privacy_notice_given_on=None),
        "H": person(lotse, "H", entry_date=date(2025, 1, 1), exit_date=date(2025, 12, 31)),
        "T": person(lotse, "T", program=Program.TRAINING, gender=Gender.FEMALE,
                    birth_date=date(2008, 9, 1), entry_date=date(2025, 9, 1),
                    school_form=SchoolForm.PART_TIME_VOCATIONAL, apprenticeship_year=2,
                    dropout_risk=DropoutRisk.HIGH, support_need_areas=["language", "financial"],
                    exit_date=date(2026, 7, 31), exit_outcome=ExitOutcome.TRAINING_STABILISED),
        "U": person(lotse, "U", program=Program.TRAINING, birth_date=date(2007, 3, 1),
                    entry_date=date(2026, 8, 15), school_form=SchoolForm.BVJ,
                    employment_status_at_entry=E.INACTIVE_IN_EDUCATION, nationalities=["TR"]),
    }  # fmt: skip
    with lotse.unit_of_work() as uow:
        s = uow.session
        small = Organization(
            name="Bäckerei Klein",
            kind=OrganizationKind.EMPLOYER,
            employees=5,
            first_contact_on=date(2026, 3, 1),
        )
        large = Organization(
            name="Werk Groß",
            kind=OrganizationKind.EMPLOYER,
            employees=120,
            first_contact_on=date(2025, 1, 1),
        )
        school = Organization(name="BBS I", kind=OrganizationKind.SCHOOL)
        s.add_all([small, large, school])
        s.flush()
        s.add_all([
            Employment(participant_id=ids["B"], employer_id=small.id, start=date(2026, 7, 20),
                       probation_end=date(2027, 1, 20), social_insurance=True),
            Employment(participant_id=ids["C"], start=date(2026, 5, 28),
                       probation_end=date(2026, 11, 28), end=date(2026, 11, 1),
                       social_insurance=True),
            Employment(participant_id=ids["D"], start=date(2026, 10, 14),
                       probation_end=date(2026, 12, 14), social_insurance=True),
            Employment(participant_id=ids["F"], start=date(2026, 3, 1), social_insurance=True),
        ])  # fmt: skip
        notes = [
            ContactNote(participant_id=ids["A"], occurred_at=local(date(2026, 2, 10), 10),
                        duration_minutes=30),
            ContactNote(organization_id=large.id, occurred_at=local(date(2026, 5, 1), 9),
                        duration_minutes=15),
            ContactNote(participant_id=ids["T"], occurred_at=local(date(2026, 3, 3), 11),
                        duration_minutes=45),
            ContactNote(participant_id=ids["B"], occurred_at=local(date(2025, 12, 31), 23),
                        duration_minutes=60),
            ContactNote(participant_id=ids["A"], occurred_at=local(date(2026, 12, 31), 23),
                        duration_minutes=20),
            ContactNote(participant_id=ids["F"], occurred_at=local(date(2026, 4, 1), 10),
                        duration_minutes=10),
        ]  # fmt: skip
        s.add_all(notes)
        s.flush()
        s.add_all([
            NoteOrganization(note_id=notes[0].id, organization_id=small.id),
            NoteOrganization(note_id=notes[2].id, organization_id=school.id),
            NoteOrganization(note_id=notes[5].id, organization_id=small.id),
        ])  # fmt: skip
        offer = JobOffer(
            title="Verkäufer:in", employer_id=small.id, vacancies=3, acquired_on=date(2026, 4, 1)
        )
        s.add_all([offer, JobOffer(title="Alt", vacancies=1, acquired_on=date(2025, 11, 1))])
        s.flush()
        s.add_all([
            Placement(participant_id=ids["A"], job_offer_id=offer.id,
                      proposed_on=date(2026, 4, 10)),
            Placement(participant_id=ids["B"], job_offer_id=offer.id,
                      proposed_on=date(2026, 5, 1), contract_on=date(2026, 7, 1)),
            Placement(participant_id=ids["F"], job_offer_id=offer.id,
                      proposed_on=date(2026, 5, 2)),
        ])  # fmt: skip
        course = Course(kind=CourseKind.INTEGRATION_GENERAL, title="Integrationskurs")
        s.add(course)
        s.flush()
        s.add_all([
            Enrollment(participant_id=ids["A"], course_id=course.id,
                       status=EnrollmentStatus.REGISTERED, registered_on=date(2026, 2, 15)),
            Enrollment(participant_id=ids["E"], course_id=course.id,
                       status=EnrollmentStatus.COMPLETED, registered_on=date(2026, 11, 5),
                       left_on=date(2026, 11, 30)),
            ForeignQualification(participant_id=ids["C"], title="Lehrerin",
                                 applied_on=date(2026, 2, 1)),
            ForeignQualification(participant_id=ids["B"], title="Koch",
                                 applied_on=date(2025, 6, 1)),
            Measure(participant_id=ids["T"], kind=MeasureKind.ASA_FLEX,
                    status=MeasureStatus.APPLIED, applied_on=date(2026, 1, 10)),
            Measure(participant_id=ids["U"], kind=MeasureKind.ASA_FLEX,
                    status=MeasureStatus.ONGOING, start=date(2026, 9, 1)),
        ])  # fmt: skip
        uow.commit()
    return ids


def report(lotse: Lotse, program: Program | None = None, today: date = TODAY) -> PeriodReport:
    with lotse.reading() as uow:
        return build_report(uow, year(2026), program, today=today)


def values(report: PeriodReport, table: str, code: str) -> list[int | float]:
    return [cell.value for cell in report.table(table).row(code).cells]


def people(report: PeriodReport, table: str, code: str, ids: dict[str, int]) -> set[str]:
    """Who the row's last cell counts, by letter."""
    names = {v: k for k, v in ids.items()}
    counted = report.table(table).row(code).cells[-1].participant_ids
    assert counted is not None
    return {names[i] for i in counted}


def test_overview_counts_complete_records_of_the_period(lotse, caseload) -> None:
    r = report(lotse)
    assert people(r, "overview", "entries", caseload) == {"A", "B", "C", "E", "U"}
    assert people(r, "overview", "active", caseload) == {"A", "B", "C", "D", "E", "T", "U"}
    assert people(r, "overview", "exits", caseload) == {"B", "C", "D", "E", "T"}
    assert people(r, "overview", "caseload", caseload) == {"A", "U"}
    assert people(r, "overview", "incomplete", caseload) == {"F"}
    assert [(x.participant_id, x.missing) for x in r.incomplete] == [
        (caseload["F"], ("Höchster Schulabschluss",))
    ]


def test_characteristics_by_gender(lotse, caseload) -> None:
    r = report(lotse)
    # columns: weiblich, männlich, divers, keine Angabe, gesamt
    assert values(r, "characteristics", "entries") == [2, 2, 1, 0, 5]
    assert values(r, "characteristics", "age_under_18") == [1, 0, 0, 0, 1]
    assert values(r, "characteristics", "age_18_29") == [0, 2, 1, 0, 3]
    assert values(r, "characteristics", "age_30_54") == [0, 0, 0, 0, 0]
    assert values(r, "characteristics", "age_55") == [1, 0, 0, 0, 1]
    assert values(r, "characteristics", "status_inactive_in_education") == [0, 1, 1, 0, 2]
    assert values(r, "characteristics", "third_country") == [2, 1, 1, 0, 4]
    assert values(r, "characteristics", "housing_exclusion") == [1, 0, 1, 0, 2]


def test_output_indicators(lotse, caseload) -> None:
    r = report(lotse)
    expected = {
        "EECO01": {"A", "B", "C", "E", "U"},
        "EECO02": {"A", "B"},
        "EECO03": {"B"},
        "EECO04": {"E", "U"},
        "EECO05": {"C"},
        "EECO06": {"A"},
        "EECO07": {"B", "E", "U"},
        "EECO08": {"C"},
        "EECO09": {"A", "E", "U"},
        "EECO10": {"B"},
        "EECO11": {"C"},
        "EECO12": {"B"},
        "EECO13": {"A", "C", "E", "U"},
        "EECO14": {"B"},
        "EECO15": {"C"},
        "EECO16": {"A", "E"},
        "EECO17": {"A"},
    }
    assert [row.code for row in r.table("esf_output").rows] == list(expected)
    for code, who in expected.items():
        assert people(r, "esf_output", code, caseload) == who, code
    assert values(r, "esf_output", "EECO13") == [2, 1, 1, 0, 4]


def test_result_indicators_window_exclusivity_and_six_months(lotse, caseload) -> None:
    r = report(lotse)
    expected = {
        "EECR01": set(),  # B said "seeking", then began work within the four weeks
        "EECR02": {"E", "T"},
        "EECR03": {"E"},
        "EECR04": {"B", "C"},  # C on day 28 counts, D on day 29 does not
        "EECR05": {"B", "C"},  # D's six-month day has not come
        "EECR06": {"C"},
    }
    for code, who in expected.items():
        assert people(r, "esf_results", code, caseload) == who, code
    later = report(lotse, today=date(2027, 4, 1))
    assert people(later, "esf_results", "EECR05", caseload) == {"B", "C", "D"}


def test_outcomes_by_verbleib(lotse, caseload) -> None:
    r = report(lotse)
    outcomes = {row.code: row.cells[-1].value for row in r.table("outcomes").rows}
    assert outcomes == {
        "employed_social_insurance": 2,
        "job_seeking": 1,
        "language_course": 1,
        "training_stabilised": 1,
    }
    assert r.outcomes[0] == ("sozialversicherungspflichtige Beschäftigung", 2)


def test_joko_figures(lotse, caseload) -> None:
    r = report(lotse)
    figures = {row.code: row.cells[0].value for row in r.table("joko").rows}
    assert figures == {
        "placements_insured": 3,  # B, C, D (F's is not counted)
        "past_probation": 1,  # D; C's ended before, B's probation ends in 2027
        "employer_contacts": 2,  # A's note and the employer's own; F's not counted
        "new_employers": 1,
        "new_small": 1,
        "offers_acquired": 3,
        "offers_proposed": 2,
        "offers_filled": 1,
        "courses_arranged": 2,
        "courses_completed": 1,
        "recognition": 1,
    }
    assert people(r, "joko", "placements_insured", caseload) == {"B", "C", "D"}


def test_training_figures(lotse, caseload) -> None:
    r = report(lotse, Program.TRAINING)
    figures = {row.code: row.cells[0].value for row in r.table("training").rows}
    assert figures["measures_arranged"] == 2
    assert figures["completions"] == 0
    assert figures["dropouts"] == 0
    assert figures["dropouts_avoided"] == 1
    assert figures["needs"] == 1
    assert figures["need_language"] == 1 and figures["need_subject"] == 0
    assert (figures["companies"], figures["chambers"], figures["partners"]) == (0, 0, 1)
    assert values(r, "training_students", "bvj") == [0, 0, 0, 0, 1, 1]
    assert values(r, "training_students", "part_time_vocational") == [0, 0, 0, 0, 0, 0]
    assert [t.key for t in r.tables if t.key == "joko"] == []
    assert people(r, "overview", "entries", caseload) == {"U"}


def test_effort_per_case(lotse, caseload) -> None:
    r = report(lotse)
    figures = {row.code: row.cells[0].value for row in r.table("effort").rows}
    # A's two notes (one at 23:00 on the last day), T's; not B's of 2025, not F's
    assert figures["contacts"] == 3
    assert figures["minutes"] == 95
    assert figures["cases"] == 7
    assert figures["cases_contacted"] == 2
    assert figures["contacts_per_case"] == 0.4
    assert figures["minutes_per_case"] == 13.6


def test_months(lotse, caseload) -> None:
    r = report(lotse)
    assert len(r.months) == 12
    january, july = r.months[0], r.months[6]
    assert (january.entries, january.exits, january.caseload) == (1, 0, 3)  # C; D, T, C
    assert (july.entries, july.exits) == (0, 1)  # T left
    assert r.months[-1].caseload == 2


def test_a_month_and_the_joko_area_only(lotse, caseload) -> None:
    with lotse.reading() as uow:
        r = build_report(uow, between(date(2026, 6, 1), date(2026, 6, 30)), Program.JOKO, TODAY)
    assert r.period.label == "Juni 2026"
    assert people(r, "overview", "exits", caseload) == {"B"}
    assert people(r, "overview", "active", caseload) == {"A", "B", "D"}
    assert "training" not in {t.key for t in r.tables}


def test_the_people_behind_a_figure_sort_as_the_caseload_list(lotse: Lotse):
    ids = [add_person(lotse, last, "Mina") for last in ("Öztürk", "Asfaha", "Ağaoğlu", "Ozan")]
    names = [p.name for p in counted_people(lotse.reads, [*ids, ids[0]])]
    assert names == ["Ağaoğlu, Mina", "Asfaha, Mina", "Ozan, Mina", "Öztürk, Mina"]
    # the same records, incomplete (no ESF+ entry data), are listed in the same order
    report = build_report(lotse.reads, year(2026), None, TODAY)
    assert [r.name for r in report.incomplete] == names
