"""The smaller tables that hang off a participant: guardians, exams, work experience,
foreign qualifications, course enrollments (with the German they leave), measures (with the
follow-ups the follow-up service derives from them) and consents.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from app.demo import texts
from app.demo.distributions import stamp, workday
from app.demo.part import Part, Run
from app.demo.people import PlanMeasureFollowUps
from app.demo.records import Case, CourseIndex, CourseInfo, Network
from app.demo.weights import (
    EXAM_RESULTS,
    GRADES,
    MEASURE_KINDS,
    MEASURE_PROVIDERS,
    RECOGNITION,
    STRETCHED_EXAMS,
)
from app.demo.writer import Row
from app.models import (
    Consent,
    Enrollment,
    Exam,
    FollowUp,
    ForeignQualification,
    Guardian,
    Measure,
    WorkExperience,
)
from app.vocab import (
    ConsentPurpose,
    CourseKind,
    EnrollmentStatus,
    ExamKind,
    ExamResult,
    ExitOutcome,
    Gender,
    GermanLevel,
    GermanProofKind,
    GuardianRelation,
    IntegrationCourseStatus,
    MeasureKind,
    MeasureStatus,
    ParticipantStatus,
    Program,
    RecognitionStatus,
    SchoolForm,
)


def _alike(course: CourseInfo, other: CourseInfo) -> bool:
    """Two language courses for the same level, or two integration courses: one is enough."""
    if course.kind.is_integration_course and other.kind.is_integration_course:
        return True
    return (
        course.is_language_course
        and other.is_language_course
        and course.target_level is other.target_level
    )


# The counselling service (organisations.COUNSELLING_SERVICES, by the start of its name)
# that provides a measure of these kinds.
COUNSELLING_BY_KIND = {
    MeasureKind.DEBT_COUNSELLING: "Schuldner",
    MeasureKind.RECOGNITION_COUNSELLING: "Anerkennung",
}

# The measures of a showcase person (CaseChildren.showcase_measure), one per scenario.
SHOWCASE_MEASURES: dict[Program, tuple[str, ...]] = {
    Program.TRAINING: ("ending", "awaiting", "completed", "approved", "ongoing"),
    Program.JOKO: ("awaiting", "ending", "completed", "applied"),
}


class CaseChildren(Part):
    """Rows that belong to one case (jobs, contacts and plans have parts of their own)."""

    def __init__(
        self, run: Run, planned_for_measure: PlanMeasureFollowUps, approval_weeks: int
    ) -> None:
        super().__init__(run)
        self.planned_for_measure = planned_for_measure
        self.approval_weeks = approval_weeks

    def guardians(self, case: Case) -> None:
        if not case.guardian:
            return
        relations = [GuardianRelation.MOTHER]
        if self.chance(0.45):
            relations.append(GuardianRelation.FATHER)
        for relation in relations:
            if relation is GuardianRelation.MOTHER:
                name = case.guardian
            else:
                father, _last = self.name_in(case.pool, Gender.MALE)
                name = f"{father} {case.last}"
            self.new(
                Guardian,
                participant_id=case.id,
                name=name,
                relation=relation,
                phone=self.mobile(),
                address=case.address,
            )

    def exams(self, case: Case) -> None:
        if case.showcase:
            self.school_exams(case)
        start, year = case.apprenticeship_start, case.apprenticeship_year
        if start is None or year is None or case.school_form is not SchoolForm.PART_TIME_VOCATIONAL:
            return
        ref = case.end(self.today)
        taken = date(start.year + 2, 3, 10) + timedelta(days=self.randint(0, 40))
        if year >= 2 and taken <= ref:
            code_stretched = case.occupation_code in STRETCHED_EXAMS
            passed = self.chance(0.82)
            self.new(
                Exam,
                participant_id=case.id,
                kind=ExamKind.FINAL_PART_1 if code_stretched else ExamKind.INTERMEDIATE,
                title=f"{'Teil 1 der Abschlussprüfung' if code_stretched else 'Zwischenprüfung'} "
                f"{case.occupation}"[:150],
                taken_on=taken,
                result=ExamResult.PASSED if passed else ExamResult.FAILED,
                grade=self.pick(GRADES) if passed else "mangelhaft (5)",
            )
        if case.exit_outcome is ExitOutcome.QUALIFICATION_PASSED and case.exit:
            self.new(
                Exam,
                participant_id=case.id,
                kind=ExamKind.FINAL,
                title=f"Abschlussprüfung {case.occupation}"[:150],
                taken_on=case.exit - timedelta(days=self.randint(0, 20)),
                result=ExamResult.PASSED,
                grade=self.pick(GRADES),
            )

    def school_exams(self, case: Case) -> None:
        """A showcase student's school exams: one passed, one failed and its resit."""
        first = min(self.today, case.entry + timedelta(days=60))
        failed = min(self.today, case.entry + timedelta(days=150))
        exams = (
            (ExamKind.SCHOOL, "Lernfeldprüfung Fachtheorie", first, True),
            (ExamKind.SCHOOL, "Klausur Wirtschafts- und Sozialkunde", failed, False),
            (
                ExamKind.RESIT,
                "Nachprüfung Wirtschafts- und Sozialkunde",
                failed + timedelta(28),
                True,
            ),
        )
        for kind, title, taken, passed in exams:
            self.new(
                Exam,
                participant_id=case.id,
                kind=kind,
                title=title,
                taken_on=min(taken, self.today),
                result=ExamResult.PASSED if passed else ExamResult.FAILED,
                grade=self.pick(GRADES[1:]) if passed else "mangelhaft (5)",
            )

    def work_experience(self, case: Case) -> None:
        country = case.pool.nationality
        for _index in range(self.pick((0, 1, 1, 2))):
            started = self.randint(2000, 2018)
            self.new(
                WorkExperience,
                participant_id=case.id,
                activity=self.pick(texts.WORK_ACTIVITIES),
                country=country,
                started_on=date(started, 1, 1),
                ended_on=date(started + self.randint(1, 6), 12, 31),
            )
        if self.chance(0.3):
            self.foreign_qualification(case)

    def foreign_qualification(self, case: Case) -> None:
        level = "higher" if self.chance(0.45) else "vocational"
        title, reference, regulated, body = self.pick(texts.FOREIGN_QUALIFICATIONS[level])
        status = RECOGNITION.draw(self.rng)
        applied = None
        if status not in (RecognitionStatus.NOT_STARTED, RecognitionStatus.COUNSELLING):
            applied = self.day_between(case.entry, case.end(self.today))
        decided = None
        if applied and status is not RecognitionStatus.APPLIED:
            decided = min(self.today, applied + timedelta(days=self.randint(60, 150)))
        self.new(
            ForeignQualification,
            participant_id=case.id,
            title=title,
            country=case.pool.nationality,
            reference_occupation=reference,
            regulated=regulated,
            recognition_status=status,
            competent_body=body,
            applied_on=applied,
            decision_on=decided,
        )

    def enrollments(self, case: Case, courses: CourseIndex) -> None:
        if case.showcase:
            count = 2 if case.is_joko else 1
        else:
            count = self.pick((0, 0, 1, 1, 1, 2)) if case.is_joko else int(self.chance(0.12))
        first = case.entry - timedelta(days=60)
        last = case.end(self.today) + timedelta(days=60)
        candidates = courses.starting(courses.all, first, last)
        if not case.is_joko:
            candidates = (
                courses.starting(courses.apprentice, first, last)
                or courses.starting(courses.language, first, last)
                or candidates
            )
        if not candidates:  # none near the time of the case
            count = 0
        chosen: list[CourseInfo] = []
        for _attempt in range(4 * count):
            if len(chosen) == count:
                break
            course = self.pick(candidates)
            if (
                course.has_place
                and self.suits(case, course)
                and all(course is not other and not _alike(course, other) for other in chosen)
            ):
                chosen.append(course)
        for course in sorted(chosen, key=lambda course: course.start):
            if self.suits(case, course):  # a course completed before may have raised the level
                self.enrollment(case, course)
        if not case.course_title:  # a course the notes can talk about
            language = courses.starting(courses.language, first, last)
            case.course_title = self.pick(language or courses.language or courses.all).title

    @staticmethod
    def suits(case: Case, course: CourseInfo) -> bool:
        """A language course aims above the person's German (other courses suit everyone in
        JOKO); students take only job-related language courses, and only with another first
        language."""
        if case.is_joko:
            if course.kind is CourseKind.BSK_APPRENTICE:  # for apprentices
                return False
        elif not course.kind.is_job_language_course or case.pool.language == "de":
            return False
        level, target = case.german_level, course.target_level
        if level is None or target is None or not course.is_language_course:
            return True
        return target.rank > level.rank

    def enrollment(self, case: Case, course: CourseInfo) -> None:
        today = self.today
        course.taken += 1
        registered = max(case.entry - timedelta(days=90), course.start - timedelta(days=30))
        values: Row = {"registered_on": min(registered, today)}
        if course.start > today:
            status = EnrollmentStatus.REGISTERED
        elif course.end >= today:
            status = EnrollmentStatus.ONGOING
            if self.chance(0.06) and not case.showcase:
                status = EnrollmentStatus.DROPPED
                values["left_on"] = self.day_between(course.start, today)
        else:
            completed = self.chance(0.8) or case.showcase
            status = EnrollmentStatus.COMPLETED if completed else EnrollmentStatus.DROPPED
            left = course.end
            if status is EnrollmentStatus.DROPPED:
                left = self.day_between(course.start, course.end)
            values["left_on"] = left
            if status is EnrollmentStatus.COMPLETED and course.target_level:
                values.update(self.course_exam(course, passed=case.showcase))
        if status is EnrollmentStatus.DROPPED:
            values["dropout_reason"] = self.pick(texts.DROPOUT_REASONS)
        case.course_ids.append(course.id)
        if course.is_language_course:
            case.course_title = course.title
            case.language_course_ids.append(course.id)
            self.german_after_course(case, course, status, values)
        self.new(
            Enrollment,
            participant_id=case.id,
            course_id=course.id,
            status=status,
            created_at=stamp(values["registered_on"], 690),
            **values,
        )

    def course_exam(self, course: CourseInfo, *, passed: bool = False) -> Row:
        exam = "DTZ" if course.kind.is_integration_course else "telc Deutsch Beruf"
        result = ExamResult.PASSED if passed else EXAM_RESULTS.draw(self.rng)
        level = course.target_level
        if result is not ExamResult.PASSED and level is not None:
            level = list(GermanLevel)[max(1, level.rank - 1)]
        return {
            "exam": exam,
            "exam_on": course.end - timedelta(days=self.randint(0, 10)),
            "exam_result": result,
            "level_reached": level if result is not ExamResult.ABSENT else None,
        }

    def german_after_course(
        self, case: Case, course: CourseInfo, status: EnrollmentStatus, values: Row
    ) -> None:
        """The person's German as the course leaves it: a level reached at or above the one
        recorded becomes the recorded level, with the exam as dated proof; an integration
        course sets the Integrationskurs status."""
        row = case.row
        if case.is_joko and course.kind.is_integration_course:
            row["integration_course_status"] = self.integration_status(status, values)
        reached: GermanLevel | None = values.get("level_reached")
        current = case.german_level
        if reached is None or (current is not None and reached.rank < current.rank):
            return
        passed = values["exam_result"] is ExamResult.PASSED
        if current is not None and reached is current and not passed:
            return
        if passed or course.kind.is_integration_course:  # the DTZ certifies A2 as well
            proof = (
                GermanProofKind.DTZ
                if course.kind.is_integration_course
                else GermanProofKind.BSK_CERTIFICATE
            )
        else:
            proof = GermanProofKind.STAFF_ASSESSMENT  # the course's own assessment
        case.german_level = reached
        row["german_level"] = reached
        row["german_proof"] = proof
        row["german_proof_on"] = values["exam_on"]

    @staticmethod
    def integration_status(status: EnrollmentStatus, values: Row) -> IntegrationCourseStatus:
        if status is EnrollmentStatus.COMPLETED:
            passed_b1 = (
                values.get("exam_result") is ExamResult.PASSED
                and values.get("level_reached") is GermanLevel.B1
            )
            return (
                IntegrationCourseStatus.COMPLETED_B1
                if passed_b1
                else IntegrationCourseStatus.COMPLETED_BELOW_B1
            )
        return {
            EnrollmentStatus.REGISTERED: IntegrationCourseStatus.REGISTERED,
            EnrollmentStatus.ONGOING: IntegrationCourseStatus.ATTENDING,
            EnrollmentStatus.DROPPED: IntegrationCourseStatus.INTERRUPTED,
        }[status]

    def measures(self, case: Case, network: Network) -> None:
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return
        if case.showcase:
            scenarios = SHOWCASE_MEASURES[case.program]
            kinds = MEASURE_KINDS[case.program].items
            chosen = self.rng.sample(kinds, len(scenarios))
            for kind, scenario in zip(chosen, scenarios, strict=True):
                provider = self.measure_provider(kind, case, network)
                case.measure_ids.append(self.measure(case, kind, provider, scenario))
            return
        counts = (0, 1, 1, 1, 2, 2, 3) if not case.is_joko else (0, 0, 0, 1, 1, 2)
        for _index in range(self.pick(counts)):
            kind = MEASURE_KINDS[case.program].draw(self.rng)
            case.measure_ids.append(
                self.measure(case, kind, self.measure_provider(kind, case, network))
            )

    def measure_provider(self, kind: MeasureKind, case: Case, network: Network) -> int | None:
        group = MEASURE_PROVIDERS.get(kind, "education")
        if group == "agency" and network.agency:
            return network.agency.id
        if group == "youth_office":
            return network.others[-1].id
        if group == "counselling":
            named = COUNSELLING_BY_KIND.get(kind)
            fitting = [o for o in network.counselling if named and o.name.startswith(named)]
            return self.pick(fitting or network.counselling).id
        if group == "jobcenter":
            return (case.jobcenter or self.pick(network.jobcenters)).id
        if group == "chamber":
            return self.pick(list(network.chambers.values())).id
        if group == "company":
            return (case.employer or self.pick(network.companies)).id
        return self.pick(network.providers).id

    def measure(
        self, case: Case, kind: MeasureKind, provider_id: int | None, scenario: str = ""
    ) -> int:
        """A measure whose dates fit its status: beantragt has the application date, bewilligt
        and laufend the approval (not before the application), laufend its start (and the
        planned end), abgeschlossen its end; plus the follow-ups the service derives."""
        status, values = self.showcase_measure(scenario) if scenario else self.measure_dates(case)
        created = values.get("applied_on") or case.entry
        measure_id = self.new(
            Measure,
            participant_id=case.id,
            kind=kind,
            provider_id=provider_id,
            status=status,
            created_at=stamp(min(created, self.today), 700),
            **values,
        )
        row = self.writer.last(Measure)
        for item in self.planned_for_measure(SimpleNamespace(**row), None, self.approval_weeks):
            self.new(
                FollowUp,
                due_date=item.due_date,
                title=item.title[:200],
                kind=item.kind,
                participant_id=case.id,
                generated_key=item.key,
                created_at=row["created_at"],
                updated_at=row["created_at"],
            )
        return measure_id

    def measure_dates(self, case: Case) -> tuple[MeasureStatus, Row]:
        today = self.today
        if case.exit is None and self.chance(0.04):  # being prepared, nothing applied for yet
            return MeasureStatus.PLANNED, {}
        if case.exit is None and self.chance(0.05):  # waiting for the approval for long
            applied = max(case.entry, today - timedelta(days=self.randint(43, 120)))
            return MeasureStatus.APPLIED, {"applied_on": workday(applied)}
        limit = case.exit or today  # nothing happens after the case ended
        applied = self.day_between(case.entry, limit)
        approved = applied + timedelta(days=self.randint(7, 40))
        start = approved + timedelta(days=self.randint(0, 21))
        end = start + timedelta(days=self.randint(60, 300))
        values: Row = {"applied_on": applied}
        if self.chance(0.05):
            return MeasureStatus.REJECTED, values
        if approved > limit:
            return (MeasureStatus.APPLIED if case.exit is None else MeasureStatus.CANCELLED), values
        values["approved_on"] = approved
        if start > limit:
            if case.exit is not None:
                return MeasureStatus.CANCELLED, values
            values["start"] = start  # planned
            return MeasureStatus.APPROVED, values
        values["start"] = start
        if end > today and case.exit is None:
            values["end"] = end  # planned
            return MeasureStatus.ONGOING, values
        values["end"] = min(end, limit)
        completed = self.chance(0.85)
        return (MeasureStatus.COMPLETED if completed else MeasureStatus.CANCELLED), values

    def showcase_measure(self, scenario: str) -> tuple[MeasureStatus, Row]:
        """The measures of a showcase person, one of each state the screens single out."""
        today = self.today

        def ago(low: int, high: int) -> date:
            return workday(today - timedelta(days=self.randint(low, high)))

        if scenario == "awaiting":  # applied for longer than the approval weeks
            return MeasureStatus.APPLIED, {"applied_on": ago(50, 70)}
        if scenario == "applied":
            return MeasureStatus.APPLIED, {"applied_on": ago(3, 14)}
        if scenario == "approved":
            return MeasureStatus.APPROVED, {
                "applied_on": ago(40, 50),
                "approved_on": ago(5, 20),
                "start": today + timedelta(days=self.randint(7, 21)),
            }
        if scenario == "ending":  # ends within the next weeks
            return MeasureStatus.ONGOING, {
                "applied_on": ago(200, 230),
                "approved_on": ago(170, 190),
                "start": ago(150, 160),
                "end": today + timedelta(days=self.randint(10, 25)),
            }
        if scenario == "ongoing":
            return MeasureStatus.ONGOING, {
                "applied_on": ago(120, 140),
                "approved_on": ago(90, 110),
                "start": ago(60, 80),
                "end": today + timedelta(days=self.randint(90, 150)),
            }
        return MeasureStatus.COMPLETED, {
            "applied_on": ago(300, 320),
            "approved_on": ago(270, 290),
            "start": ago(250, 260),
            "end": ago(100, 130),
        }

    def consents(self, case: Case) -> None:
        guardian = case.guardian if case.minor_on(case.entry) else None
        self.new(
            Consent,
            participant_id=case.id,
            purpose=ConsentPurpose.COUNSELLING,
            recipient="",
            given_on=case.entry,
            text_version="2024-03",
            guardian_name=guardian,
            created_at=stamp(case.entry, 560),
        )
        if case.status is ParticipantStatus.SHORT_COUNSELLING or self.chance(0.2):
            return
        if case.is_joko:
            purpose = self.pick(
                (ConsentPurpose.SHARE_JOB_CENTER,) * 3
                + (ConsentPurpose.SHARE_EMPLOYER, ConsentPurpose.MESSENGER)
            )
        else:
            purpose = self.pick(
                (ConsentPurpose.SHARE_SCHOOL,) * 3
                + (ConsentPurpose.SHARE_EMPLOYER, ConsentPurpose.SHARE_CHAMBER)
            )
        recipients = {
            ConsentPurpose.SHARE_JOB_CENTER: case.jobcenter,
            ConsentPurpose.SHARE_SCHOOL: case.school,
            ConsentPurpose.SHARE_EMPLOYER: case.employer,
        }
        recipient = recipients.get(purpose)
        given = min(self.today, case.entry + timedelta(days=self.randint(0, 14)))
        withdrawn = None
        if self.chance(0.07):
            withdrawn = self.day_between(given + timedelta(days=1), case.end(self.today))
        self.new(
            Consent,
            participant_id=case.id,
            purpose=purpose,
            recipient=recipient.name if recipient else "",
            given_on=given,
            text_version="2024-03",
            guardian_name=guardian,
            withdrawn_on=withdrawn,
            created_at=stamp(given, 570),
        )
