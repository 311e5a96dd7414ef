"""The programme-specific fields of a participant: the JOKO profile with German, job
centre and residence, or the BBS school course, training contract and progress.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from app.demo import names, texts
from app.demo.distributions import school_year, school_year_start
from app.demo.part import Part, Run
from app.demo.records import Case, Network, Org
from app.demo.school_records import SchoolRecords
from app.demo.weights import (
    BVJ_SCHOOL,
    GERMAN_LEVELS,
    JOKO_EMPLOYMENT_STATUS,
    JOKO_RESIDENCE,
    JOKO_SCHOOL,
    JOKO_VOCATIONAL,
    TRAINING_SCHOOL,
)
from app.demo.writer import Row
from app.models.participant import add_months, s104c_expiry
from app.vocab import (
    AccessRoute,
    DropoutRisk,
    EmploymentStatusAtEntry,
    Gender,
    GermanLevel,
    GermanProofKind,
    IntegrationCourseStatus,
    ResidenceStatus,
    RiskFactor,
    SchoolForm,
    SchoolLevel,
    VocationalLevel,
    WorkingTimePreference,
)


class Profiles(Part):
    """JOKO and training fields of the participant row; they fill in the ``Case`` too."""

    def __init__(self, run: Run) -> None:
        super().__init__(run)
        self.school_records = SchoolRecords(run)

    # -- JOKO --

    def joko_fields(self, case: Case, network: Network) -> Row:
        jobcenter = self.pick(network.jobcenters)
        case.jobcenter = jobcenter
        case.occupation = self.pick(texts.OCCUPATIONS)
        targets = [case.occupation]
        if self.chance(0.4):
            targets.append(self.pick(texts.OCCUPATIONS))
        level = GERMAN_LEVELS.draw(self.rng)
        case.german_level = level
        if level in (GermanLevel.NONE, GermanLevel.A1, GermanLevel.A2):
            interpreter = self.chance(0.75 if level is not GermanLevel.A2 else 0.3)
        else:
            interpreter = self.chance(0.03)
        if interpreter:
            case.interpreter_language = names.LANGUAGE_NAMES[case.pool.language]
        school, vocational = JOKO_SCHOOL.draw(self.rng), JOKO_VOCATIONAL.draw(self.rng)
        if vocational in (VocationalLevel.BACHELOR, VocationalLevel.MASTER):
            school = SchoolLevel.HIGHER_EDUCATION_ENTRANCE
        status = JOKO_EMPLOYMENT_STATUS.draw(self.rng)
        plan_on = self.cooperation_plan_date(case)
        row: Row = {
            "interpreter_needed": interpreter,
            "interpreter_language": case.interpreter_language,
            "employment_status_at_entry": status,
            "unemployed_since": self.unemployed_since(case.entry, status),
            "school_level": school,
            "vocational_level": vocational,
            "qualification_abroad": vocational
            not in (VocationalLevel.NONE, VocationalLevel.PARTIAL),
            "receives_sgb2": True,
            "jobcenter_id": jobcenter.id,
            "job_center_customer_number": (
                f"{self.randint(100, 999)}D{self.randint(0, 999999):06d}"
            ),
            "benefit_community_number": f"15089BG{self.randint(0, 9999999):07d}",
            "job_center_advisor_id": self.pick(jobcenter.contacts[:2]),
            "sgb2_proven_on": case.entry - timedelta(days=self.randint(0, 21)),
            "cooperation_plan_on": plan_on,
            "cooperation_plan_next_update_on": add_months(plan_on, 6),
            "german_level": level,
            "literacy_need": self.chance(
                0.3 if level in (GermanLevel.NONE, GermanLevel.A1) else 0.03
            ),
            "integration_course_status": self.integration_course_status(level),
            "target_occupations": targets,
            "working_time_preference": self.pick(list(WorkingTimePreference)),
            "mobility_radius_km": self.pick((5, 10, 15, 20, 30, 50)),
            "driving_licences": self.pick(
                ([], [], [], ["b"], ["b"], ["foreign"], ["b", "c", "ce"])
            ),
            "care_responsibility": self.chance(0.4 if case.is_female else 0.1),
            "placement_barriers": self.pick(texts.PLACEMENT_BARRIERS),
        }
        row.update(self.german_proof(case, level))
        row.update(self.residence(case))
        return row

    def cooperation_plan_date(self, case: Case) -> date:
        end = case.end(self.today)
        if case.exit is None:  # the current plan, renewed every six months
            return max(case.entry, self.today - timedelta(days=self.randint(0, 200)))
        return self.day_between(case.entry, end)

    def unemployed_since(self, entry: date, status: EmploymentStatusAtEntry) -> date | None:
        if status is EmploymentStatusAtEntry.UNEMPLOYED:
            return entry - timedelta(days=self.randint(20, 360))
        if status is EmploymentStatusAtEntry.LONG_TERM_UNEMPLOYED:
            return entry - timedelta(days=self.randint(370, 1800))
        return None

    def integration_course_status(self, level: GermanLevel) -> IntegrationCourseStatus:
        choices = {
            GermanLevel.NONE: (
                IntegrationCourseStatus.ENTITLED,
                IntegrationCourseStatus.REGISTERED,
            ),
            GermanLevel.A1: (
                IntegrationCourseStatus.ATTENDING,
                IntegrationCourseStatus.REGISTERED,
                IntegrationCourseStatus.INTERRUPTED,
            ),
            GermanLevel.A2: (
                IntegrationCourseStatus.COMPLETED_BELOW_B1,
                IntegrationCourseStatus.ATTENDING,
            ),
            GermanLevel.C1: (IntegrationCourseStatus.EXEMPT, IntegrationCourseStatus.COMPLETED_B1),
        }
        return self.pick(choices.get(level, (IntegrationCourseStatus.COMPLETED_B1,)))

    def german_proof(self, case: Case, level: GermanLevel) -> Row:
        if level is GermanLevel.NONE or self.chance(0.1):
            return {}
        if level in (GermanLevel.A1, GermanLevel.A2):
            proofs = (GermanProofKind.PLACEMENT_TEST, GermanProofKind.STAFF_ASSESSMENT)
        elif level is GermanLevel.B1:
            proofs = (GermanProofKind.DTZ, GermanProofKind.DTZ, GermanProofKind.TELC)
        else:
            proofs = (GermanProofKind.TELC, GermanProofKind.GOETHE, GermanProofKind.BSK_CERTIFICATE)
        return {
            "german_proof": self.pick(proofs),
            "german_proof_on": case.entry - timedelta(days=self.randint(0, 700)),
        }

    def residence(self, case: Case) -> Row:
        today = self.today
        if case.pool.nationality == "UA":
            status = ResidenceStatus.S24
            arrived = date(2022, 3, 1) + timedelta(days=self.randint(0, 800))
        else:
            status = JOKO_RESIDENCE.draw(self.rng)
            arrived = date(2014, 1, 1) + timedelta(days=self.randint(0, 3600))
        row: Row = {
            "residence_status": status,
            "employment_permitted": True
            if status is not ResidenceStatus.PERMISSION_TO_RESIDE
            else self.chance(0.5),
            "residence_requirement": False,
        }
        if status is ResidenceStatus.S104C:
            arrived = date(2010, 1, 1) + timedelta(days=self.randint(0, 2800))  # before 31.10.2017
            granted = self.day_between(date(2024, 7, 1), date(2025, 12, 31))
            if self.chance(0.75):
                granted = self.day_between(date(2025, 1, 1), date(2025, 12, 31))
            expiry = s104c_expiry(granted)
            row["s104c_granted_on"] = granted
            row["residence_title_valid_until"] = expiry
            if expiry < today + timedelta(days=180) and self.chance(0.6):
                row["s25_application_on"] = min(
                    today, expiry - timedelta(days=self.randint(20, 150))
                )
        elif status is ResidenceStatus.S24:
            row["residence_title_valid_until"] = date(2027, 3, 4)
        elif status is not ResidenceStatus.SETTLEMENT_PERMIT:
            if self.chance(0.1):  # expires within the next three months
                valid = today + timedelta(days=self.randint(1, 90))
            else:
                valid = today + timedelta(days=self.randint(-20, 3 * 365))
            row["residence_title_valid_until"] = valid
        if self.chance(0.25) and status is not ResidenceStatus.SETTLEMENT_PERMIT:
            row["residence_requirement"] = True
            row["residence_requirement_place"] = case.city
        row["arrived_in_germany_on"] = min(arrived, case.entry - timedelta(days=60))
        return row

    # -- training management at vocational schools --

    def training_fields(self, case: Case, network: Network) -> Row:
        school = self.pick(network.schools)
        case.school = school
        form = case.school_form
        assert form is not None
        row: Row = {
            "school_id": school.id,
            "school_form": form,
            "class_teacher_id": self.class_teacher(case, school),
            "school_year": school_year(case.end(self.today)),
        }
        if form is SchoolForm.PART_TIME_VOCATIONAL:
            row.update(self.apprenticeship(case, network))
        else:
            row.update(self.school_course(case, network))
        recent_arrival = case.pool.nationality != "DE" and self.chance(0.2)
        if recent_arrival and self.chance(0.5):
            case.interpreter_language = names.LANGUAGE_NAMES[case.pool.language]
        row.update(self.training_progress(case))
        row.update(
            {
                "interpreter_needed": bool(case.interpreter_language),
                "interpreter_language": case.interpreter_language,
                "employment_status_at_entry": EmploymentStatusAtEntry.EMPLOYED
                if form is SchoolForm.PART_TIME_VOCATIONAL
                else EmploymentStatusAtEntry.INACTIVE_IN_EDUCATION,
                "school_level": (BVJ_SCHOOL if form is SchoolForm.BVJ else TRAINING_SCHOOL).draw(
                    self.rng
                ),
                "vocational_level": VocationalLevel.NONE
                if self.chance(0.95)
                else VocationalLevel.PARTIAL,
                "qualification_abroad": False,
                "receives_sgb2": self.chance(0.25),
                "access_route": self.pick(list(AccessRoute)),
                "other_support_services": self.pick(texts.OTHER_SUPPORT_SERVICES),
            }
        )
        if case.minor_on(case.entry):
            mother, _last = self.name_in(case.pool, Gender.FEMALE)
            case.guardian = f"{mother} {case.last}"
        return row

    def apprenticeship(self, case: Case, network: Network) -> Row:
        company = self.pick(network.training_companies)
        assert company.business is not None
        occupation, code, years = self.pick(company.business.apprenticeships)
        case.employer, case.occupation, case.occupation_code = company, occupation, code
        max_year = math.ceil(years)
        elapsed = school_year_start(case.end(self.today)) - school_year_start(case.entry)
        year_at_entry = self.randint(1, max(1, max_year - elapsed))
        year = min(max_year, year_at_entry + elapsed)
        start = date(school_year_start(case.entry) - (year_at_entry - 1), 8, 1)
        end = add_months(start, int(years * 12)) - timedelta(days=1)
        case.apprenticeship_year, case.apprenticeship_start = year, start
        case.apprenticeship_end = end
        chamber = network.chambers.get(company.business.chamber)
        return {
            "school_class": f"{code}{start.year % 100:02d}{self.pick('abc')}",
            "apprenticeship_occupation": occupation,
            "apprenticeship_year": year,
            "apprenticeship_start": start,
            "apprenticeship_end": end,
            "training_company_id": company.id,
            "trainer_id": self.trainer(case, company),
            "chamber_id": chamber.id if chamber else None,
            "contract_registered": self.chance(0.92),
        }

    def class_teacher(self, case: Case, school: Org) -> int:
        position = self.randint(0, min(2, len(school.contacts)) - 1)
        case.class_teacher = school.addressed[position]
        return school.contacts[position]

    def trainer(self, case: Case, company: Org) -> int:
        case.trainer = company.addressed[0]
        return company.contacts[0]

    def school_course(self, case: Case, network: Network) -> Row:
        """BVJ, Berufsfachschule or Fachoberschule: no training company."""
        case.employer = self.pick(network.companies)  # internship company
        case.occupation = self.pick(texts.OCCUPATIONS)  # career aim
        year = school_year_start(case.entry) % 100
        if case.school_form is SchoolForm.BVJ:
            return {
                "school_class": f"BVJ{year:02d}{self.pick('abcd')}",
                "performance": f"Schwerpunkt {self.pick(texts.BVJ_FOCUS)}",
            }
        assert case.school_form is not None
        occupation, code = self.pick(texts.SCHOOL_COURSES[case.school_form.value])
        if occupation:
            case.occupation = occupation
        start = date(school_year_start(case.entry), 8, 1)
        return {
            "school_class": f"{code}{year:02d}{self.pick('ab')}",
            "apprenticeship_occupation": occupation,
            "apprenticeship_year": 1 + school_year_start(case.end(self.today)) - start.year
            if occupation
            else None,
            "apprenticeship_start": start if occupation else None,
            "apprenticeship_end": date(start.year + 2, 7, 31) if occupation else None,
        }

    def training_progress(self, case: Case) -> Row:
        """Absence totals, risk and support need, as the student's dated absences and needs
        assessments (written here) add up. A short counselling records no absences and
        assesses no risk."""
        ref = case.end(self.today)
        totals = self.school_records.absences(case)
        row: Row = {"performance": self.pick(texts.PERFORMANCE)}
        if totals is not None:
            row.update(
                absence_hours=totals.hours,
                unexcused_absence_hours=totals.unexcused,
                absence_as_of=totals.as_of,
            )
            row.update(self.dropout_risk(case, totals.unexcused, ref))
        needs = self.school_records.needs_assessments(case)
        row.update(support_need_assessed_on=needs.assessed_on, support_need_areas=needs.areas)
        return row

    def dropout_risk(self, case: Case, unexcused: int, ref: date) -> Row:
        many_absences = unexcused > 30
        risk = (
            DropoutRisk.HIGH
            if many_absences
            else self.pick(
                (DropoutRisk.LOW, DropoutRisk.MEDIUM, DropoutRisk.MEDIUM, DropoutRisk.HIGH)
            )
        )
        case.high_risk = risk is DropoutRisk.HIGH
        factors = (
            []
            if risk is DropoutRisk.LOW and self.chance(0.5)
            else self.rng.sample([factor.value for factor in RiskFactor], self.randint(1, 3))
        )
        if many_absences and RiskFactor.ABSENCES.value not in factors:
            factors.insert(0, RiskFactor.ABSENCES.value)
        return {
            "dropout_risk": risk,
            "dropout_risk_assessed_on": self.day_between(
                max(case.entry, ref - timedelta(days=120)), ref
            ),
            "risk_factors": factors,
        }
