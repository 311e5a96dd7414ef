"""The smaller tables that hang off a participant: guardians, exams, work experience,
foreign qualifications, course enrollments, measures and consents.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from app.demo import texts
from app.demo.distributions import stamp
from app.demo.part import Part
from app.demo.records import Case, CourseInfo, Network
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
    GuardianRelation,
    MeasureKind,
    MeasureStatus,
    ParticipantStatus,
    RecognitionStatus,
    SchoolForm,
)


def _is_language_course(kind: CourseKind) -> bool:
    return kind.is_integration_course or kind.is_job_language_course


class CaseChildren(Part):
    """Rows that belong to one case (jobs, contacts and plans have parts of their own)."""

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

    def enrollments(self, case: Case, courses: list[CourseInfo]) -> None:
        count = self.pick((0, 0, 1, 1, 1, 2)) if case.is_joko else int(self.chance(0.12))
        starts = [course.start for course in courses]
        low = bisect_right(starts, case.entry - timedelta(days=60))
        high = bisect_right(starts, case.end(self.today) + timedelta(days=60))
        candidates = courses[low:high] or courses
        if not case.is_joko:
            apprentice = [c for c in candidates if c.kind is CourseKind.BSK_APPRENTICE]
            candidates = apprentice or candidates
        for course in self.rng.sample(candidates, min(count, len(candidates))):
            self.enrollment(case, course)
        if not case.course_title:  # a course the notes can talk about
            language = [c for c in candidates if _is_language_course(c.kind)]
            case.course_title = self.pick(language or courses).title

    def enrollment(self, case: Case, course: CourseInfo) -> None:
        today = self.today
        registered = max(case.entry - timedelta(days=90), course.start - timedelta(days=30))
        values: Row = {"registered_on": min(registered, today)}
        if course.start > today:
            status = EnrollmentStatus.REGISTERED
        elif course.end >= today:
            status = EnrollmentStatus.ONGOING
            if self.chance(0.06):
                status = EnrollmentStatus.DROPPED
                values["left_on"] = self.day_between(course.start, today)
        else:
            status = EnrollmentStatus.COMPLETED if self.chance(0.8) else EnrollmentStatus.DROPPED
            left = course.end
            if status is EnrollmentStatus.DROPPED:
                left = self.day_between(course.start, course.end)
            values["left_on"] = left
            if status is EnrollmentStatus.COMPLETED and course.target_level:
                values.update(self.course_exam(course))
        case.course_ids.append(course.id)
        if _is_language_course(course.kind):
            case.course_title = course.title
        self.new(
            Enrollment,
            participant_id=case.id,
            course_id=course.id,
            status=status,
            created_at=stamp(values["registered_on"], 690),
            **values,
        )

    def course_exam(self, course: CourseInfo) -> Row:
        exam = "DTZ" if course.kind.is_integration_course else "telc Deutsch Beruf"
        result = EXAM_RESULTS.draw(self.rng)
        level = course.target_level
        if result is not ExamResult.PASSED and level is not None:
            level = list(GermanLevel)[max(1, level.rank - 1)]
        return {
            "exam": exam,
            "exam_on": course.end - timedelta(days=self.randint(0, 10)),
            "exam_result": result,
            "level_reached": level if result is not ExamResult.ABSENT else None,
        }

    def measures(self, case: Case, network: Network) -> None:
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
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
            return self.pick(network.counselling).id
        if group == "jobcenter":
            return (case.jobcenter or self.pick(network.jobcenters)).id
        if group == "chamber":
            return self.pick(list(network.chambers.values())).id
        if group == "company":
            return (case.employer or self.pick(network.companies)).id
        return self.pick(network.providers).id

    def measure(self, case: Case, kind: MeasureKind, provider_id: int | None) -> int:
        today = self.today
        end_of_case = case.end(today)
        applied = self.day_between(case.entry, end_of_case)
        approved = applied + timedelta(days=self.randint(7, 40))
        start = approved + timedelta(days=self.randint(0, 21))
        end = start + timedelta(days=self.randint(60, 300))
        values: Row = {"applied_on": applied}
        if self.chance(0.05):
            status = MeasureStatus.REJECTED
        elif approved > today:
            status = MeasureStatus.APPLIED
        else:
            values.update(approved_on=approved, start=start if start <= today else None)
            if start > today:
                status = MeasureStatus.APPROVED
            elif end > today and case.exit is None:
                status = MeasureStatus.ONGOING
            else:
                status = MeasureStatus.COMPLETED if self.chance(0.85) else MeasureStatus.CANCELLED
                values["end"] = min(end, case.exit or end, today)
        if case.exit and status in (MeasureStatus.APPLIED, MeasureStatus.APPROVED):
            status = MeasureStatus.CANCELLED
        return self.new(
            Measure,
            participant_id=case.id,
            kind=kind,
            provider_id=provider_id,
            status=status,
            created_at=stamp(min(applied, today), 700),
            **values,
        )

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
