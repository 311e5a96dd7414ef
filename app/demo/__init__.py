"""Synthetic demo data for both Förderbereiche, written in one transaction.

``generate_demo_data`` fills an empty data location with invented people, organisations,
notes, follow-ups, courses, placements and support plans. Rows are built as plain dicts with
explicit ids (children reference parents without round-trips) and written with bulk
``insert()`` statements in chunks, all in one unit of work: a failure leaves the database as
it was. The same seed gives the same data (dates are relative to ``today``).
"""

from __future__ import annotations

import gc
import math
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from random import Random
from types import SimpleNamespace

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from app.bootstrap import Lotse
from app.demo import names, organisations, texts
from app.demo.distributions import Weighted, school_year, school_year_start, slug, stamp, workday
from app.demo.records import Case, CourseInfo, Network, Offer, Org
from app.demo.weights import (
    AGE_AT_ENTRY,
    BVJ_OUTCOMES,
    BVJ_SCHOOL,
    CASE_WINDOW_DAYS,
    CONTACT_KINDS,
    COOPERATION,
    COURSE_KINDS,
    COURSE_TARGETS,
    DISABILITY,
    DURATIONS,
    EMPLOYED_OUTCOMES,
    EMPLOYMENT_KINDS,
    EXAM_RESULTS,
    EXIT_REASONS,
    FOLLOW_UP_STATES,
    GERMAN_LEVELS,
    GRADES,
    HOUSING,
    INCOMPLETE_SHARE,
    INTERPRETED_KINDS,
    JOKO_EMPLOYMENT_STATUS,
    JOKO_OUTCOMES,
    JOKO_RESIDENCE,
    JOKO_SCHOOL,
    JOKO_SHARE,
    JOKO_VOCATIONAL,
    MEASURE_KINDS,
    MEASURE_PROVIDERS,
    MINORITY,
    NOTE_PARTICIPANTS,
    OPEN_PLACEMENT_STAGES,
    PLACEMENT_DATE_FIELDS,
    PLACEMENT_PATH,
    RECOGNITION,
    SCHOOL_FORMS,
    SIZE_CLASSES,
    STATUS,
    STRETCHED_EXAMS,
    TRAINING_OUTCOMES,
    TRAINING_SCHOOL,
)
from app.demo.writer import Row, RowWriter
from app.errors import LotseError
from app.i18n import N_, _
from app.models import (
    Consent,
    ContactNote,
    ContactPerson,
    Course,
    Employment,
    Enrollment,
    Exam,
    FollowUp,
    ForeignQualification,
    Goal,
    Guardian,
    JobOffer,
    Measure,
    Organization,
    Participant,
    Placement,
    PlanStep,
    SupportPlan,
    WorkExperience,
)
from app.models.participant import add_months, age_on, s104c_expiry
from app.services import search_index
from app.services.follow_ups import planned_for
from app.services.settings import OfficeSettings, has_settings, load_settings, save_settings
from app.vocab import (
    AccessRoute,
    AcquisitionChannel,
    ConsentPurpose,
    ContactKind,
    CooperationStatus,
    CourseFormat,
    CourseFunding,
    CourseKind,
    DropoutRisk,
    EmploymentEndReason,
    EmploymentKind,
    EmploymentStatusAtEntry,
    EnrollmentStatus,
    ExamKind,
    ExamResult,
    ExitOutcome,
    ExitReason,
    FollowUpKind,
    Gender,
    GermanLevel,
    GermanProofKind,
    GoalResult,
    GoalStatus,
    GuardianRelation,
    IntegrationCourseStatus,
    JobOfferSource,
    JobOfferStatus,
    MeasureKind,
    MeasureStatus,
    OrganizationKind,
    ParticipantStatus,
    PlacementStage,
    PlanStatus,
    Program,
    RecognitionStatus,
    ResidenceStatus,
    RiskFactor,
    SchoolForm,
    SchoolLevel,
    StepStatus,
    SupportNeedArea,
    TimeModel,
    VocationalLevel,
    WorkingTimePreference,
    YesNoUnknown,
)

CHUNK_SIZE = 2000  # participants per batch of bulk inserts (bounds memory at 20,000)

DEMO_SETTINGS = OfficeSettings(
    provider="Landkreis Musterland – Fachdienst Integration",
    district="Landkreis Musterland",
    funding_reference="ESF-RA-L-2024-0042",
    programs=frozenset({Program.JOKO, Program.TRAINING}),
    coordinator_name="Katrin Sommerfeld",
)

# Tables in the order their counts are reported (label msgids translated when returned).
REPORTED_TABLES: tuple[tuple[type[SQLModel], str], ...] = (
    (Participant, N_("Participants")),
    (Guardian, N_("Guardians")),
    (WorkExperience, N_("Work experience entries")),
    (ForeignQualification, N_("Foreign qualifications")),
    (Exam, N_("Exams")),
    (Consent, N_("Consents")),
    (ContactNote, N_("Contact notes")),
    (FollowUp, N_("Follow-ups")),
    (Organization, N_("Organizations")),
    (ContactPerson, N_("Contact persons")),
    (JobOffer, N_("Job offers")),
    (Placement, N_("Placements")),
    (Employment, N_("Employments")),
    (Course, N_("Courses")),
    (Enrollment, N_("Enrollments")),
    (Measure, N_("Measures")),
    (SupportPlan, N_("Support plans")),
    (Goal, N_("Goals")),
    (PlanStep, N_("Plan steps")),
)


def generate_demo_data(
    lotse: Lotse, *, participants: int, seed: int = 1, today: date | None = None
) -> dict[str, int]:
    """Fill the empty database of ``lotse`` with ``participants`` synthetic cases.

    Refuses (LotseError) when participants exist already. Stores demo office settings when
    none are stored. Returns the number of rows written per table, keyed by German label.
    """
    if participants < 1:
        raise ValueError("participants must be at least 1")
    with lotse.unit_of_work() as uow:
        session = uow.session
        _refuse_unless_empty(session)
        settings_missing = not has_settings(uow)
        coordinator = (
            DEMO_SETTINGS.coordinator_name
            if settings_missing
            else load_settings(uow).coordinator_name or DEMO_SETTINGS.coordinator_name
        )
        builder = DemoBuilder(
            session,
            Random(seed),
            today=today or date.today(),
            coordinator=coordinator,
        )
        with _without_cyclic_gc():  # hundreds of thousands of fresh dicts, no cycles
            builder.build(participants)
        search_index.rebuild(session.connection())  # bulk inserts bypass the services
        if settings_missing:
            save_settings(uow, DEMO_SETTINGS)  # commits the whole unit of work
        else:
            uow.commit()
    return {_(label): builder.counts[model] for model, label in REPORTED_TABLES}


def _is_language_course(kind: CourseKind) -> bool:
    return kind.is_integration_course or kind.is_job_language_course


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refuse_unless_empty(session: Session) -> None:
    existing = session.execute(select(func.count()).select_from(Participant)).scalar_one()
    if existing:
        raise LotseError(
            _(
                "The database already holds participants; demo data go only into an empty "
                "data location (set LOTSE_DATA_DIR to a new folder)."
            )
        )


# --- the builder --------------------------------------------------------------------------


class DemoBuilder:
    """Builds rows table by table and writes them in chunks through one session."""

    def __init__(self, session: Session, rng: Random, *, today: date, coordinator: str) -> None:
        self.session = session
        self.rng = rng
        self.today = today
        self.now = datetime.now(UTC)
        self.coordinator = coordinator
        self.writer = RowWriter(session, self.now)
        self.new = self.writer.new
        self.counts = self.writer.counts
        self.taken_identities: set[tuple[str, str, str]] = set()
        self.betriebsnummern: set[str] = set()
        self.pools = {
            program: Weighted(
                (pool, pool.joko_weight if program is Program.JOKO else pool.training_weight)
                for pool in names.POOLS
            )
            for program in Program
        }

    # -- random draws --

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def randint(self, low: int, high: int) -> int:
        """Like Random.randint, several times faster (the bias is far below what matters)."""
        return low + int(self.rng.random() * (high - low + 1))

    def pick[T](self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.randint(0, (last - first).days))

    def mobile(self) -> str:
        return f"{self.pick(names.MOBILE_PREFIXES)} {self.randint(1000000, 99999999)}"

    def landline(self, city: str) -> str:
        area = names.AREA_CODES.get(city, "0391")
        return f"{area} {self.randint(100000, 999999)}"

    def person_name(self, pool: names.NamePool | None = None) -> tuple[str, str, bool]:
        pool = pool or (names.POOLS_BY_KEY["DE"] if self.chance(0.85) else self.any_pool())
        female = self.chance(0.5)
        first = self.pick(pool.female if female else pool.male)
        last = self.pick(pool.female_last if female and pool.female_last else pool.last)
        return first, last, female

    def any_pool(self) -> names.NamePool:
        return self.pick(names.POOLS)

    # -- the whole run --

    def build(self, participants: int) -> None:
        network = self.build_network(participants)
        courses = self.build_courses(participants, network)
        offers = self.build_job_offers(participants, network)
        self.build_organization_contacts(network)
        self.writer.flush()
        showcase = self.showcase_positions(participants)
        for start in range(0, participants, CHUNK_SIZE):
            for index in range(start, min(start + CHUNK_SIZE, participants)):
                case = self.build_participant(network, showcase.get(index))
                self.build_case_children(case, network, courses, offers)
            self.writer.flush()

    def showcase_positions(self, participants: int) -> dict[int, tuple[str, ...]]:
        count = min(participants, len(names.SHOWCASE))
        positions = self.rng.sample(range(participants), count)
        return dict(zip(positions, names.SHOWCASE[:count], strict=True))

    # -- organisations --

    def build_network(self, participants: int) -> Network:
        network = Network()
        for code, name in organisations.CHAMBERS.items():
            network.chambers[code] = self.organization(OrganizationKind.CHAMBER, name, 3)
        jobcenters = organisations.JOBCENTERS[: self.pick((2, 3))]
        network.jobcenters = [
            self.organization(OrganizationKind.JOB_CENTER, name, 3) for name in jobcenters
        ]
        schools = organisations.SCHOOLS[: self.pick((3, 4))]
        network.schools = [self.organization(OrganizationKind.SCHOOL, name, 3) for name in schools]
        network.providers = [
            self.organization(OrganizationKind.EDUCATION_PROVIDER, name)
            for name in organisations.EDUCATION_PROVIDERS
        ]
        network.counselling = [
            self.organization(OrganizationKind.COUNSELLING_SERVICE, name)
            for name in organisations.COUNSELLING_SERVICES
        ]
        network.agency = self.organization(
            OrganizationKind.EMPLOYMENT_AGENCY, organisations.EMPLOYMENT_AGENCY
        )
        network.youth_agency = self.organization(
            OrganizationKind.YOUTH_EMPLOYMENT_AGENCY, organisations.YOUTH_EMPLOYMENT_AGENCY
        )
        network.others = [
            self.organization(OrganizationKind.OTHER, name) for name in organisations.OTHER_PARTNERS
        ]
        for index in range(max(20, participants // 20)):
            network.companies.append(self.company(index, network))
        network.training_companies = [
            org for org in network.companies if org.kind is OrganizationKind.TRAINING_COMPANY
        ]
        return network

    def organization(self, kind: OrganizationKind, name: str, contacts: int = 0) -> Org:
        postal_code, city, _rural = self.pick(names.PLACES[:10])
        first_contact = self.today - timedelta(days=self.randint(400, 1500))
        org = Org(self.writer.next_id[Organization], kind, name, city)
        self.new(
            Organization,
            kind=kind,
            name=name,
            street=self.street(),
            postal_code=postal_code,
            city=city,
            first_contact_on=first_contact,
            cooperation_status=CooperationStatus.ACTIVE,
            phone=self.landline(city),
            email=f"kontakt@{slug(name)[:30]}.example",
            created_at=stamp(first_contact, 540),
        )
        self.contact_persons(org, contacts or self.randint(1, 3))
        return org

    def company(self, index: int, network: Network) -> Org:
        types = organisations.BUSINESS_TYPES
        if index < 5:  # the first few train apprentices, so BBS students always have a company
            types = tuple(t for t in types if t.apprenticeships)
        business = self.pick(types)
        trains = bool(business.apprenticeships) and (index < 5 or self.chance(0.5))
        kind = OrganizationKind.TRAINING_COMPANY if trains else OrganizationKind.EMPLOYER
        postal_code, city, _rural = self.pick(names.PLACES)
        name = self.company_name(business, city, network)
        low, high = SIZE_CLASSES.draw(self.rng)
        first_contact = self.today - timedelta(days=self.randint(0, 1400))
        chamber = network.chambers.get(business.chamber)
        org = Org(self.writer.next_id[Organization], kind, name, city, business=business)
        self.new(
            Organization,
            kind=kind,
            name=name,
            street=self.street(),
            postal_code=postal_code,
            city=city,
            branch=business.branch,
            employees=int(math.exp(self.rng.uniform(math.log(low), math.log(high + 1)))),
            betriebsnummer=self.betriebsnummer(),
            chamber_id=chamber.id if chamber else None,
            first_contact_on=first_contact,
            acquisition_channel=self.pick(list(AcquisitionChannel)),
            cooperation_status=COOPERATION.draw(self.rng),
            support_needs=self.pick(
                ("", "", "Sprachförderung am Arbeitsplatz", "Hilfe bei Förderanträgen (EGZ)")
            ),
            phone=self.landline(city),
            email=f"info@{slug(name)[:30]}.example",
            created_at=stamp(first_contact, 600),
        )
        self.contact_persons(org, self.randint(1, 3))
        return org

    def company_name(
        self, business: organisations.BusinessType, city: str, network: Network
    ) -> str:
        for attempt in range(20):
            if business.named_after == "word":
                base = f"{business.prefix} {self.pick(organisations.COMPANY_WORDS)}"
            else:
                surname = self.pick(names.POOLS_BY_KEY["DE"].last)
                base = f"{business.prefix} {surname}{self.pick(organisations.LEGAL_FORMS)}"
            name = base if attempt < 10 else f"{base} {city}"
            if name not in network.company_names:
                break
        else:
            name = f"{base} {len(network.company_names) + 1}"
        network.company_names.add(name)
        return name

    def betriebsnummer(self) -> str:
        while True:
            number = str(self.randint(10000000, 99999999))
            if number not in self.betriebsnummern:
                self.betriebsnummern.add(number)
                return number

    def street(self) -> str:
        suffix = self.pick(("", "", "", "", "a", "b"))
        return f"{self.pick(names.STREETS)} {self.randint(1, 120)}{suffix}"

    def contact_persons(self, org: Org, count: int) -> None:
        functions = organisations.CONTACT_FUNCTIONS[org.kind.value]
        domain = f"{slug(org.name)[:30]}.example"
        for position in range(count):
            first, last, _female = self.person_name()
            org.contacts.append(
                self.new(
                    ContactPerson,
                    organization_id=org.id,
                    name=f"{first} {last}",
                    function=functions[position % len(functions)],
                    phone=f"{self.landline(org.city)}-{self.randint(10, 99)}",
                    email=f"{slug(first)}.{slug(last)}@{domain}",
                )
            )

    def build_organization_contacts(self, network: Network) -> None:
        """Acquisition contacts and follow-ups with companies, without a participant."""
        kinds = (ContactKind.COMPANY_VISIT, ContactKind.PHONE, ContactKind.MESSAGE)
        for org in network.companies:
            assert org.business is not None
            occupation = self.pick(org.business.jobs)[0]
            for _index in range(self.randint(1, 3)):
                topic, text = self.pick(texts.ORGANIZATION_NOTES)
                day = workday(self.today - timedelta(days=self.randint(1, 730)))
                kind = self.pick(kinds)
                occurred = stamp(day, self.randint(7 * 60, 15 * 60))
                self.new(
                    ContactNote,
                    organization_id=org.id,
                    occurred_at=occurred,
                    kind=kind,
                    duration_minutes=self.duration(kind),
                    participants="Ansprechperson im Betrieb",
                    topics=topic,
                    content=text.format(emp=org.name, occ=occupation),
                    author=self.coordinator,
                    created_at=occurred,
                )
            if self.chance(0.2):
                due = self.today + timedelta(days=self.randint(-10, 40))
                self.new(
                    FollowUp,
                    due_date=due,
                    title=self.pick(texts.FOLLOW_UP_TITLES_ORGANIZATION).format(emp=org.name)[:200],
                    kind=FollowUpKind.MANUAL,
                    organization_id=org.id,
                    created_at=stamp(min(due, self.today) - timedelta(days=14), 600),
                )

    # -- courses and job offers --

    def build_courses(self, participants: int, network: Network) -> list[CourseInfo]:
        courses = [self.course(network) for _index in range(participants // 50 + 10)]
        courses.sort(key=lambda course: course.start)
        return courses

    def course(self, network: Network) -> CourseInfo:
        kind = COURSE_KINDS.draw(self.rng)
        provider = self.pick(network.providers)
        start = workday(self.today + timedelta(days=self.randint(-CASE_WINDOW_DAYS - 120, 120)))
        units = self.teaching_units(kind)
        weeks = max(2, units // (25 if kind.is_integration_course else 12))
        end = start + timedelta(weeks=weeks)
        target = COURSE_TARGETS.get(kind)
        if kind.is_integration_course:
            target = GermanLevel.B1
        at_employer = kind is CourseKind.JOB_BSK
        title = f"{texts.COURSE_TITLES[kind.value]} – {provider.city} {start:%m/%Y}"
        course_id = self.new(
            Course,
            kind=kind,
            title=title,
            provider_id=provider.id,
            target_level=target,
            start=start,
            end=end,
            teaching_units=units,
            format=CourseFormat.AT_EMPLOYER
            if at_employer
            else (CourseFormat.ONLINE if self.chance(0.15) else CourseFormat.IN_PERSON),
            time_model=TimeModel.WHILE_WORKING
            if at_employer
            else self.pick((TimeModel.FULL_TIME, TimeModel.PART_TIME, TimeModel.EVENING)),
            funding=self.course_funding(kind),
            location=provider.city,
            created_at=stamp(min(start, self.today) - timedelta(days=60), 480),
        )
        return CourseInfo(course_id, kind, title, start, end, target)

    def teaching_units(self, kind: CourseKind) -> int:
        standard = kind.standard_teaching_units
        if standard:
            return standard
        if kind.is_job_language_course:
            return self.pick((300, 400, 500))
        if kind is CourseKind.DRIVING_LICENCE:
            return self.pick((28, 40))  # theory lessons
        return self.pick((80, 120, 160, 240, 320))

    def course_funding(self, kind: CourseKind) -> CourseFunding:
        if kind.is_integration_course or kind.is_job_language_course:
            return CourseFunding.BAMF
        if kind in (CourseKind.FURTHER_TRAINING, CourseKind.PARTIAL_QUALIFICATION):
            return CourseFunding.EDUCATION_VOUCHER
        if kind is CourseKind.OTHER:
            return CourseFunding.PROJECT
        return CourseFunding.JOB_CENTER

    def build_job_offers(self, participants: int, network: Network) -> list[Offer]:
        return [self.job_offer(network) for _index in range(max(5, participants // 10))]

    def job_offer(self, network: Network) -> Offer:
        employer = self.pick(network.companies)
        assert employer.business is not None
        occupation, level = self.pick(employer.business.jobs)
        acquired = workday(self.today - timedelta(days=self.randint(0, 730)))
        valid_until = acquired + timedelta(days=self.randint(60, 180))
        if valid_until < self.today:
            status = JobOfferStatus.FILLED if self.chance(0.55) else JobOfferStatus.WITHDRAWN
        else:
            status = JobOfferStatus.OPEN if self.chance(0.75) else JobOfferStatus.FILLED
        start = acquired + timedelta(days=self.randint(7, 60))
        wage = {"helper": (1290, 1550), "skilled": (1450, 2100), "specialist": (2000, 2700)}
        driver = "Berufskraftfahrer" in occupation
        offer_id = self.new(
            JobOffer,
            title=f"{occupation} (m/w/d)",
            employer_id=employer.id,
            occupation=occupation,
            skill_level=level,
            location=employer.city,
            hours_per_week=self.pick((20.0, 25.0, 30.0, 35.0, 38.5, 39.0, 40.0, 40.0)),
            shifts=self.pick(("", "", "", "2-Schicht", "3-Schicht", "Wochenenddienste")),
            fixed_term_until=add_months(start, 12) if self.chance(0.25) else None,
            start_on=start,
            hourly_wage_cents=self.randint(*wage.get(level, (2600, 3600))),
            social_insurance=self.chance(0.95),
            min_german_level={"helper": GermanLevel.A2, "skilled": GermanLevel.B1}.get(
                level, GermanLevel.B2
            ),
            required_driving_licence="ce" if driver else ("b" if self.chance(0.15) else None),
            vacancies=self.pick((1, 1, 1, 2, 3)),
            source=self.pick(list(JobOfferSource)),
            status=status,
            acquired_on=acquired,
            valid_until=valid_until,
            created_at=stamp(acquired, 630),
        )
        return Offer(offer_id, employer, occupation, acquired, status)

    # -- participants --

    def build_participant(self, network: Network, showcase: tuple[str, ...] | None) -> Case:
        case = self.identity(showcase)
        row: Row = self.core_fields(case)
        if case.is_joko:
            row.update(self.joko_fields(case, network))
        else:
            row.update(self.training_fields(case, network))
        row.update(self.exit_fields(case, row))
        if self.chance(INCOMPLETE_SHARE):
            self.make_incomplete(row)
        self.new(Participant, **row)
        self.generated_follow_ups(self.writer.last(Participant))
        return case

    def identity(self, showcase: tuple[str, ...] | None) -> Case:
        if showcase:
            first, last, gender_code, pool_key, program_code = showcase
            pool, gender, program = (
                names.POOLS_BY_KEY[pool_key],
                Gender(gender_code),
                Program(program_code),
            )
        else:
            program = Program.JOKO if self.rng.random() < JOKO_SHARE else Program.TRAINING
            pool = self.pools[program].draw(self.rng)
            gender = self.gender(program)
            first, last = self.name_in(pool, gender)
        status = STATUS.draw(self.rng)
        school_form = None
        if program is Program.TRAINING:
            school_form = SCHOOL_FORMS.draw(self.rng)
            if status is ParticipantStatus.EMPLOYED_AFTERCARE:
                school_form = SchoolForm.PART_TIME_VOCATIONAL
        entry, exit_date, job_start = self.case_dates(program, status, school_form)
        case = Case(
            id=self.writer.next_id[Participant],
            program=program,
            status=status,
            pool=pool,
            gender=gender,
            first=first,
            last=last,
            entry=entry,
            exit=exit_date,
            job_start=job_start,
            birth=self.birth_date(entry, school_form),
            school_form=school_form,
        )
        self.place(case, keep_name=showcase is not None)
        return case

    def gender(self, program: Program) -> Gender:
        roll = self.rng.random()
        if roll < 0.01:
            return Gender.DIVERSE if roll < 0.005 else Gender.NOT_STATED
        female_share = 0.42 if program is Program.JOKO else 0.45
        return Gender.FEMALE if self.rng.random() < female_share else Gender.MALE

    def name_in(self, pool: names.NamePool, gender: Gender) -> tuple[str, str]:
        female = gender is Gender.FEMALE or (
            gender not in (Gender.MALE, Gender.FEMALE) and self.chance(0.5)
        )
        first = self.pick(pool.female if female else pool.male)
        last = self.pick(pool.female_last if female and pool.female_last else pool.last)
        return first, last

    def place(self, case: Case, *, keep_name: bool) -> None:
        """Address; first name, last name and PLZ together stay unique (ESF+ duplicate rule)."""
        for attempt in range(40):
            postal_code, city, rural = self.pick(names.PLACES)
            key = (case.first, case.last, postal_code)
            if key not in self.taken_identities:
                break
            if not keep_name and attempt % 4 == 3:
                case.first, case.last = self.name_in(case.pool, case.gender)
        self.taken_identities.add(key)
        case.postal_code, case.city, case.rural = postal_code, city, rural
        case.street = self.street()

    def case_dates(
        self, program: Program, status: ParticipantStatus, school_form: SchoolForm | None
    ) -> tuple[date, date | None, date | None]:
        """Entry, exit and (for aftercare) the start of the job or training contract."""
        today = self.today
        if status is ParticipantStatus.SHORT_COUNSELLING:
            entry = workday(today - timedelta(days=self.randint(0, CASE_WINDOW_DAYS)))
            return entry, entry, None
        if school_form is SchoolForm.BVJ:
            return self.bvj_dates(status)
        horizon = CASE_WINDOW_DAYS if program is Program.JOKO else 700
        if status is ParticipantStatus.ACTIVE:
            offset = int(self.rng.triangular(0, horizon, 0))
            return workday(today - timedelta(days=offset)), None, None
        if status is ParticipantStatus.EMPLOYED_AFTERCARE:
            job_start = workday(today - timedelta(days=self.randint(14, 330)))
            entry = max(
                today - timedelta(days=horizon), job_start - timedelta(days=self.randint(45, 400))
            )
            return workday(entry), None, job_start
        offset = self.randint(90, CASE_WINDOW_DAYS)
        entry = workday(today - timedelta(days=offset))
        exit_date = entry + timedelta(days=self.randint(30, min(700, offset - 7)))
        return entry, max(entry, workday(exit_date)), None

    def bvj_dates(self, status: ParticipantStatus) -> tuple[date, date | None, date | None]:
        """The BVJ lasts one school year: active students entered this school year."""
        today = self.today
        year = school_year_start(today)
        if status is not ParticipantStatus.EXITED:
            first = min(date(year, 8, 20), today)
            return workday(self.day_between(first, today)), None, None
        year -= self.pick((1, 1, 2, 3))
        earliest = today - timedelta(days=CASE_WINDOW_DAYS)
        entry = max(earliest, date(year, 8, 20) + timedelta(days=self.randint(0, 120)))
        if self.chance(0.8):
            exit_date = date(year + 1, 7, 10) - timedelta(days=self.randint(0, 40))
        else:  # left during the year
            exit_date = entry + timedelta(days=self.randint(30, 150))
        exit_date = min(exit_date, today - timedelta(days=7))
        return workday(entry), max(workday(entry), workday(exit_date)), None

    def birth_date(self, entry: date, school_form: SchoolForm | None) -> date:
        low, high, mode = AGE_AT_ENTRY[school_form]
        age = min(high, int(self.rng.triangular(low, high + 1, mode)))
        birth = entry - timedelta(days=int((age + self.rng.random()) * 365.25))
        while age_on(birth, entry) > age:
            birth += timedelta(days=30)
        while age_on(birth, entry) < age:
            birth -= timedelta(days=30)
        return birth

    def core_fields(self, case: Case) -> Row:
        """ESF+ data at entry shared by both programmes."""
        pool = case.pool
        born_in_germany = pool.nationality == "DE" or (
            not case.is_joko and self.chance(pool.born_in_germany)
        )
        nationalities = [pool.nationality]
        languages = [pool.language]
        if born_in_germany and pool.nationality != "DE":
            nationalities = self.pick((["DE"], ["DE", pool.nationality], [pool.nationality]))
            languages = [pool.language, "de"]
        elif pool.language in names.SECOND_LANGUAGES and self.chance(0.25):
            languages.append(self.pick(names.SECOND_LANGUAGES[pool.language]))
        email = ""
        if self.chance(0.55 if case.is_joko else 0.7):
            domain = self.pick(names.MAIL_DOMAINS)
            email = f"{slug(case.first)}.{slug(case.last)}{self.randint(1, 99)}@{domain}"
        return {
            "program": case.program,
            "status": case.status,
            "esf_number": f"TN-{case.id:06d}",
            "last_name": case.last,
            "first_name": case.first,
            "birth_date": case.birth,
            "gender": case.gender,
            "street": case.street,
            "postal_code": case.postal_code,
            "city": case.city,
            "rural_area": case.rural,
            "phone": self.mobile() if self.chance(0.93) else "",
            "email": email,
            "nationalities": nationalities,
            "birth_country": "DE" if born_in_germany else pool.nationality,
            "first_languages": languages,
            "housing_situation": HOUSING[case.program].draw(self.rng),
            "disability": DISABILITY.draw(self.rng),
            "foreign_background": YesNoUnknown.YES
            if pool.nationality != "DE"
            else (YesNoUnknown.NO if self.chance(0.9) else YesNoUnknown.NOT_STATED),
            "minority": MINORITY.draw(self.rng),
            "entry_date": case.entry,
            "privacy_notice_given_on": case.entry,
            "created_at": stamp(case.entry, self.randint(7 * 60, 15 * 60)),
            "updated_at": stamp(case.end(self.today), 16 * 60),
        }

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

    def training_fields(self, case: Case, network: Network) -> Row:
        school = self.pick(network.schools)
        case.school = school
        form = case.school_form
        assert form is not None
        row: Row = {
            "school_id": school.id,
            "school_form": form,
            "class_teacher_id": self.pick(school.contacts[:2]),
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
            "trainer_id": company.contacts[0],
            "chamber_id": chamber.id if chamber else None,
            "contract_registered": self.chance(0.92),
        }

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
        ref = case.end(self.today)
        hours = min(
            240, int(self.rng.expovariate(1 / (40 if case.school_form is SchoolForm.BVJ else 22)))
        )
        unexcused = int(hours * self.rng.random() * 0.6)
        risk = (
            DropoutRisk.HIGH
            if unexcused > 30
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
        if unexcused > 30 and RiskFactor.ABSENCES.value not in factors:
            factors.insert(0, RiskFactor.ABSENCES.value)
        return {
            "absence_hours": hours,
            "unexcused_absence_hours": unexcused,
            "absence_as_of": max(case.entry, workday(ref - timedelta(days=self.randint(0, 20)))),
            "performance": self.pick(texts.PERFORMANCE),
            "dropout_risk": risk,
            "risk_factors": factors,
            "support_need_assessed_on": min(ref, case.entry + timedelta(days=self.randint(0, 21))),
            "support_need_areas": self.rng.sample(
                [area.value for area in SupportNeedArea], self.randint(1, 3)
            ),
        }

    def exit_fields(self, case: Case, row: Row) -> Row:
        if case.exit is None:
            return {}
        today = self.today
        outcome = self.exit_outcome(case)
        case.exit_outcome = outcome
        short = case.status is ParticipantStatus.SHORT_COUNSELLING
        fields: Row = {
            "exit_date": case.exit,
            "exit_reason": ExitReason.REGULAR_END if short else self.pick(EXIT_REASONS[outcome]),
            "exit_outcome": outcome,
            "exit_outcome_on": min(today, case.exit + timedelta(days=self.randint(0, 28))),
            "qualification_gained": outcome is ExitOutcome.QUALIFICATION_PASSED
            or (
                outcome in (ExitOutcome.FURTHER_TRAINING, ExitOutcome.LANGUAGE_COURSE)
                and self.chance(0.4)
            ),
        }
        six_months = case.exit + timedelta(days=183)
        if not short and six_months <= today and self.chance(0.75):
            later = outcome
            if outcome is ExitOutcome.JOB_SEEKING and self.chance(0.25):
                later = ExitOutcome.EMPLOYED_SOCIAL_INSURANCE
            fields["outcome_6_months"] = later
            fields["outcome_6_months_on"] = min(
                today, six_months + timedelta(days=self.randint(0, 20))
            )
            if row.get("employment_status_at_entry") is EmploymentStatusAtEntry.EMPLOYED:
                fields["situation_improved_6_months"] = self.chance(0.5)
        return fields

    def exit_outcome(self, case: Case) -> ExitOutcome:
        if case.is_joko:
            if case.status is ParticipantStatus.SHORT_COUNSELLING:
                return ExitOutcome.JOB_SEEKING
            return JOKO_OUTCOMES.draw(self.rng)
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return ExitOutcome.TRAINING_STABILISED
        if case.school_form is SchoolForm.BVJ:
            return BVJ_OUTCOMES.draw(self.rng)
        final_months = (
            case.apprenticeship_end
            and case.exit
            and (case.apprenticeship_end - case.exit).days < 120
        )
        if final_months and self.chance(0.8):
            return ExitOutcome.QUALIFICATION_PASSED
        return TRAINING_OUTCOMES.draw(self.rng)

    def generated_follow_ups(self, row: Row) -> None:
        """The follow-ups the services derive from the record's dates, with the same keys."""
        outcome_recorded = {
            FollowUpKind.EXIT_4_WEEKS: row["exit_outcome_on"],
            FollowUpKind.EXIT_6_MONTHS: row["outcome_6_months_on"],
        }
        for item in planned_for(SimpleNamespace(**row)):  # type: ignore[arg-type]
            recorded = outcome_recorded.get(item.kind)
            done_at = min(self.now, stamp(recorded, 600)) if recorded else None
            self.new(
                FollowUp,
                due_date=item.due_date,
                title=item.title[:200],
                kind=item.kind,
                participant_id=row["id"],
                done_at=done_at,
                generated_key=item.key,
                created_at=row["created_at"],
                updated_at=done_at or row["created_at"],
            )

    def make_incomplete(self, row: Row) -> None:
        """Leave one or two ESF+ core fields empty, as happens in real records."""
        candidates = (
            "school_level",
            "vocational_level",
            "employment_status_at_entry",
            "housing_situation",
            "gender",
            "privacy_notice_given_on",
        )
        for name in self.rng.sample(candidates, 1 if self.chance(0.7) else 2):
            row[name] = None

    # -- everything that hangs off a participant --

    def build_case_children(
        self,
        case: Case,
        network: Network,
        courses: list[CourseInfo],
        offers: list[Offer],
    ) -> None:
        if case.is_joko:
            self.work_experience(case)
            self.jobs(case, network, offers)
        else:
            self.guardians(case)
            self.exams(case)
            if case.status is ParticipantStatus.EMPLOYED_AFTERCARE:
                self.training_contract(case)
        self.enrollments(case, courses)
        self.measures(case, network)
        self.consents(case)
        self.notes(case, courses)
        self.follow_ups(case)
        if self.wants_support_plan(case):
            self.support_plans(case)

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

    def jobs(self, case: Case, network: Network, offers: list[Offer]) -> None:
        """Placements and employments of a JOKO participant."""
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return
        employed_exit = case.exit_outcome in EMPLOYED_OUTCOMES
        if case.job_start or employed_exit:
            self.employment_via_placement(case, network, offers)
        for _index in range(self.pick((0, 0, 0, 1, 1, 2))):
            offer = self.open_placement(case, offers)
            case.employer = case.employer or offer.employer
        if case.status is ParticipantStatus.ACTIVE and self.chance(0.06):
            self.ended_employment(case, network)
        if case.employer is None:  # a company the coordinator talks to about this person
            case.employer = self.pick(network.companies)

    def employment_via_placement(self, case: Case, network: Network, offers: list[Offer]) -> None:
        end = case.end(self.today)
        if case.job_start:
            start = case.job_start
        else:
            start = max(case.entry + timedelta(days=7), end - timedelta(days=self.randint(0, 120)))
        kind = EMPLOYMENT_KINDS.draw(self.rng)
        if case.exit_outcome is ExitOutcome.APPRENTICESHIP:
            kind = EmploymentKind.APPRENTICESHIP
        elif case.exit_outcome is ExitOutcome.MARGINAL_EMPLOYMENT:
            kind = EmploymentKind.MARGINAL
        placement_id = None
        employer = self.pick(network.companies)
        occupation = case.occupation
        if self.chance(0.8):
            filled = [offer for offer in offers if offer.status is JobOfferStatus.FILLED]
            offer = self.pick(filled or offers)
            employer, occupation = offer.employer, offer.occupation
            placement_id = self.contract_placement(case, offer, start)
        case.employer = employer
        case.occupation = occupation
        self.new(
            Employment,
            participant_id=case.id,
            employer_id=employer.id,
            placement_id=placement_id,
            kind=kind,
            occupation=occupation,
            start=start,
            probation_end=add_months(start, 4 if kind is EmploymentKind.APPRENTICESHIP else 6),
            fixed_term_until=add_months(start, 12) if self.chance(0.3) else None,
            hours_per_week=self.pick((20.0, 30.0, 35.0, 39.0, 40.0)),
            social_insurance=kind is not EmploymentKind.MARGINAL,
            subsidy=self.pick(texts.EMPLOYMENT_SUBSIDIES),
            aftercare_until=case.exit or add_months(start, 6),
            created_at=stamp(start - timedelta(days=3), 600),
        )

    def contract_placement(self, case: Case, offer: Offer, job_start: date) -> int:
        """A placement that ended in a contract, dated backwards from the first working day."""
        day = job_start - timedelta(days=self.randint(3, 20))
        dates: list[date] = []
        for _stage in PLACEMENT_PATH:
            dates.append(max(case.entry, day))
            day -= timedelta(days=self.randint(2, 12))
        dates.reverse()
        return self.new(
            Placement,
            participant_id=case.id,
            job_offer_id=offer.id,
            stage=PlacementStage.CONTRACT,
            **dict(zip(PLACEMENT_DATE_FIELDS, dates, strict=True)),
            created_at=stamp(dates[0], 660),
        )

    def open_placement(self, case: Case, offers: list[Offer]) -> Offer:
        offer = self.pick(offers)
        final = OPEN_PLACEMENT_STAGES.draw(self.rng)
        steps = 2 if final is PlacementStage.REJECTED else PLACEMENT_PATH.index(final) + 1
        gaps = [self.randint(2, 12) for _step in range(steps)]
        latest = case.end(self.today) - timedelta(days=sum(gaps))
        day = self.day_between(max(case.entry, offer.acquired_on), latest)
        values: Row = {}
        for name, gap in zip(PLACEMENT_DATE_FIELDS[:steps], gaps, strict=False):
            values[name] = min(day, self.today)
            day += timedelta(days=gap)
        reason = ""
        if final is PlacementStage.REJECTED:
            values["decided_on"] = min(day, self.today)
            reason = self.pick(texts.REJECTION_REASONS)
        self.new(
            Placement,
            participant_id=case.id,
            job_offer_id=offer.id,
            stage=final,
            rejection_reason=reason,
            created_at=stamp(values["proposed_on"], 660),
            **values,
        )
        return offer

    def ended_employment(self, case: Case, network: Network) -> None:
        """A job that broke off, e.g. during probation; the case carries on."""
        start = self.day_between(case.entry, self.today - timedelta(days=60))
        end = min(self.today, start + timedelta(days=self.randint(20, 170)))
        self.new(
            Employment,
            participant_id=case.id,
            employer_id=self.pick(network.companies).id,
            kind=EmploymentKind.REGULAR,
            occupation=case.occupation,
            start=start,
            probation_end=add_months(start, 6),
            hours_per_week=40.0,
            social_insurance=True,
            end=end,
            end_reason=self.pick(
                (
                    EmploymentEndReason.EMPLOYER_PROBATION,
                    EmploymentEndReason.EMPLOYEE_NOTICE,
                    EmploymentEndReason.MUTUAL_AGREEMENT,
                )
            ),
            aftercare_until=end,
            created_at=stamp(start, 600),
        )

    def training_contract(self, case: Case) -> None:
        """A (new) training contract followed with aftercare, e.g. after a company change."""
        start = case.job_start or case.entry
        assert case.employer is not None
        self.new(
            Employment,
            participant_id=case.id,
            employer_id=case.employer.id,
            kind=EmploymentKind.APPRENTICESHIP,
            occupation=case.occupation,
            start=start,
            probation_end=add_months(start, 4),
            fixed_term_until=case.apprenticeship_end,
            hours_per_week=40.0,
            social_insurance=True,
            aftercare_until=add_months(start, 6),
            created_at=stamp(start, 600),
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

    def note_count(self, case: Case) -> int:
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return self.randint(1, 2)
        return max(5, min(15, round(self.rng.gauss(10, 2.6))))

    def notes(self, case: Case, courses: list[CourseInfo]) -> None:
        topics = texts.NOTE_TOPICS_JOKO if case.is_joko else texts.NOTE_TOPICS_TRAINING
        kinds = CONTACT_KINDS[case.program]
        employer = case.employer
        context = {
            "occ": case.occupation or self.pick(texts.OCCUPATIONS),
            "emp": employer.name if employer else "dem Betrieb",
            "school": case.school.name if case.school else "BBS",
            "course": case.course_title,
        }
        last_day = case.end(self.today)
        span = (last_day - case.entry).days
        offsets = sorted(self.randint(0, span) for _index in range(self.note_count(case) - 1))
        for position, offset in enumerate([0, *offsets]):
            topic, text = topics[0] if position == 0 else self.pick(topics[1:])
            kind = ContactKind.IN_PERSON if position == 0 else kinds.draw(self.rng)
            day = max(case.entry, workday(case.entry + timedelta(days=offset)))
            occurred = min(self.now, stamp(day, self.randint(7 * 60, 15 * 60 + 30)))
            interpreter = (
                bool(case.interpreter_language) and kind in INTERPRETED_KINDS and self.chance(0.7)
            )
            self.new(
                ContactNote,
                participant_id=case.id,
                organization_id=self.note_organization(case, kind),
                occurred_at=occurred,
                kind=kind,
                duration_minutes=self.duration(kind),
                participants=NOTE_PARTICIPANTS.get(kind, ""),
                topics=topic,
                content=text.format_map(context) + self.pick(texts.NOTE_ADDITIONS),
                agreements=self.pick(texts.NOTE_AGREEMENTS),
                interpreter=interpreter,
                interpreter_language=case.interpreter_language if interpreter else "",
                author=self.coordinator,
                created_at=occurred,
            )

    def note_organization(self, case: Case, kind: ContactKind) -> int | None:
        if kind is ContactKind.COMPANY_VISIT and case.employer:
            return case.employer.id
        if kind is ContactKind.SCHOOL_VISIT and case.school:
            return case.school.id
        if kind is ContactKind.CASE_CONFERENCE:
            partner = case.school or case.jobcenter
            return partner.id if partner else None
        return None

    def duration(self, kind: ContactKind) -> int:
        low, high = DURATIONS[kind]
        return 5 * self.randint(low // 5, high // 5)

    def follow_ups(self, case: Case) -> None:
        today = self.today
        titles = texts.FOLLOW_UP_TITLES_JOKO if case.is_joko else texts.FOLLOW_UP_TITLES_TRAINING
        context = {
            "occ": case.occupation or "Wunschberuf",
            "emp": case.employer.name if case.employer else "dem Betrieb",
        }
        closed = case.exit is not None
        for _index in range(self.pick((1, 2, 3, 3, 3, 4, 5))):
            state = "done" if closed else FOLLOW_UP_STATES.draw(self.rng)
            done_at = None
            if state == "done":
                due = self.day_between(case.entry, case.end(today))
                done_day = min(today, due + timedelta(days=self.randint(0, 3)))
                done_at = min(self.now, stamp(done_day, self.randint(7 * 60, 15 * 60)))
            else:
                due = today + timedelta(
                    days={
                        "overdue": -self.randint(1, 30),
                        "today": 0,
                        "week": self.randint(1, 6),
                        "later": self.randint(7, 60),
                    }[state]
                )
            created = min(today, max(case.entry, due - timedelta(days=self.randint(3, 30))))
            self.new(
                FollowUp,
                due_date=due,
                title=self.pick(titles).format_map(context)[:200],
                kind=FollowUpKind.MANUAL,
                participant_id=case.id,
                done_at=done_at,
                created_at=stamp(created, 600),
                updated_at=done_at or stamp(created, 600),
            )

    # -- support plans --

    def wants_support_plan(self, case: Case) -> bool:
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return False
        if case.is_joko:
            return self.chance(0.05)
        return self.chance(0.3 if case.high_risk else 0.15)

    def support_plans(self, case: Case) -> None:
        today = self.today
        end = case.end(today)
        created = min(end, case.entry + timedelta(days=self.randint(7, 60)))
        previous_id = None
        if (end - created).days > 150 and self.chance(0.2):
            closed_on = created + timedelta(days=self.randint(90, 150))
            previous_id = self.support_plan(case, 1, created, None, closed_on)
            created = closed_on
        self.support_plan(case, 2 if previous_id else 1, created, previous_id, case.exit)

    def support_plan(
        self,
        case: Case,
        version: int,
        created: date,
        previous_id: int | None,
        closed_on: date | None,
    ) -> int:
        plan_texts = texts.PLAN_TEXTS[case.program.value]
        if closed_on:
            status = PlanStatus.CLOSED
        else:
            status = PlanStatus.ACTIVE if self.chance(0.8) else PlanStatus.DRAFT
        signed = status is not PlanStatus.DRAFT
        sign_day = min(self.today, created + timedelta(days=self.randint(0, 7)))
        partner = case.employer if not case.is_joko else None
        context = {
            "occ": case.occupation or "Wunschberuf",
            "months": max(2, (created - case.entry).days // 30),
            "level": (case.german_level.label if case.german_level else self.randint(4, 40)),
        }
        place = case.school or case.jobcenter or case.employer
        plan_id = self.new(
            SupportPlan,
            participant_id=case.id,
            number=f"FP-{created.year}-{case.id:05d}",
            version=version,
            status=status,
            previous_version_id=previous_id,
            situation=self.pick(plan_texts["situation"]).format_map(context),
            strengths=self.pick(plan_texts["strengths"]),
            needs=self.pick(plan_texts["needs"]),
            overall_aim=self.pick(plan_texts["aim"]).format_map(context),
            agreements=self.pick(plan_texts["agreements"]),
            involved=f"{self.coordinator} (Koordination)"
            + (f"; {partner.name}" if partner else ""),
            next_review_on=None if closed_on else self.next_review(created),
            review_result="Ziele teilweise erreicht, Plan fortgeschrieben."
            if closed_on and version == 1 and case.exit is None
            else "",
            participant_signed_on=sign_day if signed else None,
            guardian_signed_on=sign_day if signed and case.minor_on(created) else None,
            coordinator_signed_on=sign_day if signed else None,
            partner_name=partner.name if partner else "",
            partner_signed_on=sign_day if signed and partner and self.chance(0.6) else None,
            place=place.city if place else "",
            closed_at=stamp(closed_on, 900) if closed_on else None,
            created_at=stamp(created, 630),
            updated_at=stamp(closed_on or sign_day, 900),
        )
        self.goals(case, plan_id, created, closed_on)
        return plan_id

    def next_review(self, created: date) -> date:
        """Reviews every three months; a few are overdue by up to a month."""
        review = add_months(created, 3)
        limit = self.today - timedelta(days=self.randint(0, 30))
        while review < limit:
            review = add_months(review, 3)
        return review

    def goals(self, case: Case, plan_id: int, created: date, closed_on: date | None) -> None:
        today = self.today
        templates = texts.GOALS[case.program.value]
        steps = texts.STEPS[case.program.value]
        context = {"occ": case.occupation or "Wunschberuf"}
        for position, (title, indicator) in enumerate(
            self.rng.sample(templates, self.randint(2, 4))
        ):
            deadline = created + timedelta(days=self.randint(30, 180))
            status, result = self.goal_state(deadline, closed_on)
            measure_id = None
            if case.measure_ids and self.chance(0.4):
                measure_id = self.pick(case.measure_ids)
            course_id = None
            if case.course_ids and ("Deutsch" in title or "Fachsprache" in title):
                course_id = case.course_ids[-1]
            goal_id = self.new(
                Goal,
                plan_id=plan_id,
                position=position,
                title=title.format_map(context),
                indicator=indicator,
                deadline=deadline,
                status=status,
                result=result,
                result_reason=self.pick(texts.GOAL_RESULT_REASONS)
                if result is GoalResult.NOT_ACHIEVED
                else "",
                course_id=course_id,
                measure_id=measure_id,
            )
            if measure_id is not None:
                self.writer.update_later(  # explicit updated_at: no wall-clock onupdate
                    Measure,
                    {"id": measure_id, "goal_id": goal_id, "updated_at": stamp(created, 630)},
                )
            for step_position, (text, responsible) in enumerate(
                self.rng.sample(steps, self.randint(1, 2))
            ):
                due = self.day_between(created + timedelta(days=7), deadline)
                done = due < (closed_on or today) and self.chance(0.75)
                self.new(
                    PlanStep,
                    plan_id=plan_id,
                    goal_id=goal_id,
                    position=step_position,
                    description=text,
                    responsible=responsible,
                    due_on=due,
                    status=StepStatus.DONE
                    if done
                    else (StepStatus.IN_PROGRESS if self.chance(0.4) else StepStatus.OPEN),
                )

    def goal_state(
        self, deadline: date, closed_on: date | None
    ) -> tuple[GoalStatus, GoalResult | None]:
        if closed_on or deadline < self.today:
            if self.chance(0.1):
                return GoalStatus.CANCELLED, None
            result = self.pick(
                (
                    GoalResult.ACHIEVED,
                    GoalResult.ACHIEVED,
                    GoalResult.PARTLY,
                    GoalResult.NOT_ACHIEVED,
                )
            )
            return GoalStatus.COMPLETED, result
        return (GoalStatus.IN_PROGRESS if self.chance(0.6) else GoalStatus.OPEN), None
