"""The demo builder: composes the parts and decides what is built in which order.

Organisations, courses and job offers come first; then the participants in chunks, each with
everything that hangs off them, flushed to the database after every chunk. The order of the
calls is the order of the random draws: change it and the same seed gives other data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from random import Random

from sqlmodel import Session

from app.demo import names
from app.demo.case_children import CaseChildren
from app.demo.contacts import Contacts
from app.demo.jobs import Jobs
from app.demo.network import NetworkBuilder
from app.demo.part import Run
from app.demo.people import People, PlanFollowUps, PlanMeasureFollowUps
from app.demo.plans import Plans
from app.demo.profiles import Profiles
from app.demo.records import Case, CourseIndex, Network, Offer
from app.demo.writer import RowWriter
from app.vocab import ParticipantStatus

CHUNK_SIZE = 2000  # participants per batch of bulk inserts (bounds memory at 20,000)


class DemoBuilder:
    """Builds rows part by part and writes them in chunks through one session."""

    def __init__(
        self,
        session: Session,
        rng: Random,
        *,
        today: date,
        coordinator: str,
        planned_for: PlanFollowUps,
        planned_for_measure: PlanMeasureFollowUps,
        approval_weeks: int,
    ) -> None:
        self.rng = rng
        self.writer = RowWriter(session, datetime.now(UTC))
        self.counts = self.writer.counts
        run = Run(rng, self.writer, today, coordinator)
        self.network = NetworkBuilder(run)
        self.people = People(run, Profiles(run), planned_for)
        self.children = CaseChildren(run, planned_for_measure, approval_weeks)
        self.jobs = Jobs(run)
        self.contacts = Contacts(run)
        self.plans = Plans(run)

    def build(self, participants: int) -> None:
        network = self.network.build_network(participants)
        courses = self.network.build_courses(participants, network)
        offers = self.network.build_job_offers(participants, network)
        self.contacts.build_organization_contacts(network)
        self.writer.flush()
        showcase = self.showcase_positions(participants)
        for start in range(0, participants, CHUNK_SIZE):
            for index in range(start, min(start + CHUNK_SIZE, participants)):
                case = self.people.build_participant(network, showcase.get(index))
                self.build_case_children(case, network, courses, offers)
            self.writer.flush()

    def showcase_positions(self, participants: int) -> dict[int, tuple[str, ...]]:
        count = min(participants, len(names.SHOWCASE))
        positions = self.rng.sample(range(participants), count)
        return dict(zip(positions, names.SHOWCASE[:count], strict=True))

    def build_case_children(
        self,
        case: Case,
        network: Network,
        courses: CourseIndex,
        offers: list[Offer],
    ) -> None:
        if case.is_joko:
            self.children.work_experience(case)
            self.jobs.placements_and_employments(case, network, offers)
        else:
            self.children.guardians(case)
            self.children.exams(case)
            if case.status is ParticipantStatus.EMPLOYED_AFTERCARE:
                self.jobs.training_contract(case)
        self.children.enrollments(case, courses)
        self.children.measures(case, network)
        self.children.consents(case)
        self.contacts.notes(case, network)
        self.contacts.follow_ups(case)
        if self.plans.wants_support_plan(case):
            self.plans.support_plans(case)
