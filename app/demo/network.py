"""The partners of the network: organisations with contact persons, companies, courses,
job offers. Built once per run, before the participants who refer to them.
"""

from __future__ import annotations

import math
from datetime import timedelta

from app.demo import names, organisations, places, texts
from app.demo.distributions import slug, stamp, workday
from app.demo.part import Part, Run
from app.demo.records import CourseIndex, CourseInfo, Network, Offer, Org
from app.demo.weights import (
    CASE_WINDOW_DAYS,
    COOPERATION,
    COURSE_KINDS,
    COURSE_TARGETS,
    EXPIRED_OFFER_STATUS,
    SIZE_CLASSES,
)
from app.models import ContactPerson, Course, JobOffer, Organization
from app.models.participant import add_months
from app.vocab import (
    AcquisitionChannel,
    CooperationStatus,
    CourseFormat,
    CourseFunding,
    CourseKind,
    GermanLevel,
    JobOfferSource,
    JobOfferStatus,
    OrganizationKind,
    TimeModel,
)


class NetworkBuilder(Part):
    """Organisations, contact persons, courses and job offers."""

    def __init__(self, run: Run) -> None:
        super().__init__(run)
        self.betriebsnummern: set[str] = set()

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
            for name, _teaches in organisations.EDUCATION_PROVIDERS
        ]
        for provider, (_name, teaches) in zip(
            network.providers, organisations.EDUCATION_PROVIDERS, strict=True
        ):
            provider.specialities = teaches
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
        postal_code, city, _rural = self.pick(places.PLACES[:10])
        first_contact = self.today - timedelta(days=self.randint(400, 1500))
        org = Org(self.writer.next_id[Organization], kind, name, city, postal_code, first_contact)
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
        self.contact_persons(org, contacts or self.randint(1, 4))
        return org

    def company(self, index: int, network: Network) -> Org:
        types = organisations.BUSINESS_TYPES
        if index < 5:  # the first few train apprentices, so BBS students always have a company
            types = tuple(t for t in types if t.apprenticeships)
        business = self.pick(types)
        trains = bool(business.apprenticeships) and (index < 5 or self.chance(0.5))
        kind = OrganizationKind.TRAINING_COMPANY if trains else OrganizationKind.EMPLOYER
        postal_code, city, _rural = self.pick(places.PLACES)
        name = self.company_name(business, city, network)
        low, high = SIZE_CLASSES.draw(self.rng)
        first_contact = self.today - timedelta(days=self.randint(0, 1400))
        chamber = network.chambers.get(business.chamber)
        org = Org(
            self.writer.next_id[Organization],
            kind,
            name,
            city,
            postal_code,
            first_contact,
            business=business,
        )
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
            support_needs=self.pick(texts.EMPLOYER_SUPPORT_NEEDS),
            phone=self.landline(city),
            email=f"info@{slug(name)[:30]}.example",
            created_at=stamp(first_contact, 600),
        )
        self.contact_persons(org, self.randint(1, 4))
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

    def contact_persons(self, org: Org, count: int) -> None:
        functions = organisations.CONTACT_FUNCTIONS[org.kind.value]
        domain = f"{slug(org.name)[:30]}.example"
        for position in range(count):
            first, last, female = self.person_name()
            org.addressed.append(f"{'Fr.' if female else 'Hr.'} {last}")
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

    def person_name(self, pool: names.NamePool | None = None) -> tuple[str, str, bool]:
        pool = pool or (names.POOLS_BY_KEY["DE"] if self.chance(0.85) else self.any_pool())
        female = self.chance(0.5)
        first = self.pick(pool.female if female else pool.male)
        last = self.pick(pool.female_last if female and pool.female_last else pool.last)
        return first, last, female

    def any_pool(self) -> names.NamePool:
        return self.pick(names.POOLS)

    def landline(self, city: str) -> str:
        area = places.AREA_CODES.get(city, "0391")
        return f"{area} {self.randint(100000, 999999)}"

    # -- courses and job offers --

    def build_courses(self, participants: int, network: Network) -> CourseIndex:
        """A catalogue of ``participants // 10 + 10`` courses over the time of the cases."""
        by_group: dict[str, list[Org]] = {}
        for provider in network.providers:
            for group in provider.specialities:
                by_group.setdefault(group, []).append(provider)
        courses = [self.course(network, by_group) for _index in range(participants // 10 + 10)]
        return CourseIndex(courses)

    def course(self, network: Network, providers: dict[str, list[Org]]) -> CourseInfo:
        kind = COURSE_KINDS.draw(self.rng)
        provider = self.pick(providers.get(course_group(kind)) or network.providers)
        start = workday(self.today + timedelta(days=self.randint(-CASE_WINDOW_DAYS - 120, 120)))
        units = self.teaching_units(kind)
        weeks = max(2, units // (25 if kind.is_integration_course else 12))
        end = start + timedelta(weeks=weeks)
        target = COURSE_TARGETS.get(kind)
        if kind.is_integration_course:
            target = GermanLevel.B1
        at_employer = kind is CourseKind.JOB_BSK
        city = provider.city
        name = self.pick(texts.COURSE_TITLES[kind.value])
        time_model = (
            TimeModel.WHILE_WORKING
            if at_employer
            else self.pick((TimeModel.FULL_TIME, TimeModel.PART_TIME, TimeModel.EVENING))
        )
        if at_employer:  # a Job-BSK takes place in the company
            employer = self.pick(network.companies)
            city = employer.city
            name = f"{name} bei {employer.name}"
        elif time_model is TimeModel.EVENING and not kind.is_integration_course:
            name = f"{name} (Abendkurs)"
        title = f"{name} – {city} {start:%m/%Y}"[:200]
        places = self.randint(6, 12) if at_employer else self.randint(12, 25)
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
            time_model=time_model,
            funding=self.course_funding(kind),
            places=places,
            location=city,
            created_at=stamp(min(start, self.today) - timedelta(days=60), 480),
        )
        return CourseInfo(course_id, kind, title, start, end, target, places)

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
        count = max(5, participants // 10)
        return [self.job_offer(network, left_open=index == 0) for index in range(count)]

    def job_offer(self, network: Network, *, left_open: bool = False) -> Offer:
        """``left_open``: expired but still marked open (the list shows it as expired; the
        first offer always is, so that even a small demo has one)."""
        employer = self.pick(network.companies)
        assert employer.business is not None
        occupation, level = self.pick(employer.business.jobs)
        acquired = workday(self.today - timedelta(days=self.randint(0, 730)))
        if left_open:
            acquired = workday(self.today - timedelta(days=self.randint(200, 400)))
        valid_until = acquired + timedelta(days=self.randint(60, 180))
        if left_open:
            status = JobOfferStatus.OPEN
        elif valid_until < self.today:  # some stay open past their date: shown as expired
            status = EXPIRED_OFFER_STATUS.draw(self.rng)
        else:
            status = JobOfferStatus.OPEN if self.chance(0.75) else JobOfferStatus.FILLED
        postal_code, location = employer.postal_code, employer.city
        if self.chance(0.15):  # a branch or a building site elsewhere
            postal_code, location, _rural = self.pick(places.PLACES)
        start = acquired + timedelta(days=self.randint(7, 60))
        wage = {"helper": (1290, 1550), "skilled": (1450, 2100), "specialist": (2000, 2700)}
        driver = "Berufskraftfahrer" in occupation
        offer_id = self.new(
            JobOffer,
            title=f"{occupation} (m/w/d)",
            employer_id=employer.id,
            occupation=occupation,
            skill_level=level,
            location=location,
            location_postal_code=postal_code,
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


def course_group(kind: CourseKind) -> str:
    """What kind of provider teaches a course of ``kind`` (organisations.EDUCATION_PROVIDERS)."""
    if kind.is_integration_course:
        return "integration"
    if kind is CourseKind.JOB_BSK:
        return "job_bsk"
    if kind is CourseKind.ADAPTATION:
        return "care"
    if kind.is_job_language_course:
        return "bsk"
    if kind in (CourseKind.FURTHER_TRAINING, CourseKind.PARTIAL_QUALIFICATION):
        return "training"
    if kind is CourseKind.DRIVING_LICENCE:
        return "driving"
    return "other"
