"""Placements and employments: jobs found through job offers, open applications, rejections
at every stage (with their reason), jobs that broke off or ran out, and training contracts
followed with aftercare. Every dated stage of a placement is also a ``PlacementEvent`` (the
Zusage or Absage on ``decided_on``), in the order of the stages.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.demo import texts
from app.demo.distributions import stamp
from app.demo.part import Part, Run
from app.demo.records import Case, Network, Offer
from app.demo.weights import (
    EMPLOYED_OUTCOMES,
    EMPLOYMENT_KINDS,
    ENDED_EMPLOYMENT_REASONS,
    OPEN_PLACEMENT_STAGES,
    PLACEMENT_DATE_FIELDS,
    PLACEMENT_PATH,
)
from app.demo.writer import Row
from app.models import Employment, Placement, PlacementEvent
from app.models.participant import add_months
from app.vocab import (
    EmploymentEndReason,
    EmploymentKind,
    ExitOutcome,
    JobOfferStatus,
    ParticipantStatus,
    PlacementStage,
)

# The stage each date of a placement records (``decided_on``: Zusage, or the Absage).
EVENT_STAGES = dict(zip(PLACEMENT_DATE_FIELDS, PLACEMENT_PATH, strict=True))


class Jobs(Part):
    """Placement and employment rows of a case."""

    def __init__(self, run: Run) -> None:
        super().__init__(run)
        self._filled: tuple[list[Offer], list[Offer]] | None = None

    def placements_and_employments(self, case: Case, network: Network, offers: list[Offer]) -> None:
        """Placements and employments of a JOKO participant."""
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return
        employed_exit = case.exit_outcome in EMPLOYED_OUTCOMES
        if case.job_start or employed_exit:
            self.employment_via_placement(case, network, offers)
        for _index in range(self.pick((0, 0, 0, 1, 1, 2))):
            offer = self.open_placement(case, offers)
            case.employer = case.employer or offer.employer
        broke_off = 0.06 if case.status is ParticipantStatus.ACTIVE else 0.0
        if case.exit and not employed_exit:
            broke_off = 0.1  # a job during the case that did not last
        if broke_off and self.chance(broke_off):
            self.ended_employment(case, network)
        if case.employer is None:  # a company the coordinator talks to about this person
            case.employer = self.pick(network.companies)

    def filled_offers(self, offers: list[Offer]) -> list[Offer]:
        """The filled ones of ``offers`` (the run's job offers: sorted out once)."""
        if self._filled is None or self._filled[0] is not offers:
            filled = [offer for offer in offers if offer.status is JobOfferStatus.FILLED]
            self._filled = (offers, filled)
        return self._filled[1]

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
            offer = self.pick(self.filled_offers(offers) or offers)
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
            aftercare_until=case.exit or self.aftercare_end(start),
            created_at=stamp(start - timedelta(days=3), 600),
        )

    def aftercare_end(self, start: date) -> date:
        """Six months of aftercare, a year when the job has run longer and aftercare goes on."""
        six_months = add_months(start, 6)
        return six_months if six_months >= self.today else add_months(start, 12)

    def contract_placement(self, case: Case, offer: Offer, job_start: date) -> int:
        """A placement that ended in a contract, dated backwards from the first working day."""
        day = job_start - timedelta(days=self.randint(3, 20))
        dates: list[date] = []
        for _stage in PLACEMENT_PATH:
            dates.append(max(case.entry, day))
            day -= timedelta(days=self.randint(2, 12))
        dates.reverse()
        return self.placement(
            case,
            offer,
            PlacementStage.CONTRACT,
            dict(zip(PLACEMENT_DATE_FIELDS, dates, strict=True)),
        )

    def placement(
        self, case: Case, offer: Offer, stage: PlacementStage, dates: Row, reason: str = ""
    ) -> int:
        """The placement with one event per dated stage (the decision is a Zusage, or the
        Absage with its reason when the placement ended in one)."""
        placement_id = self.new(
            Placement,
            participant_id=case.id,
            job_offer_id=offer.id,
            stage=stage,
            rejection_reason=reason,
            created_at=stamp(dates["proposed_on"], 660),
            **dates,
        )
        for name, day in dates.items():
            event = EVENT_STAGES[name]
            if name == "decided_on" and stage is PlacementStage.REJECTED:
                event = PlacementStage.REJECTED
            self.new(
                PlacementEvent,
                placement_id=placement_id,
                stage=event,
                occurred_on=day,
                reason=reason if event is PlacementStage.REJECTED else "",
                author=self.coordinator,
                created_at=min(self.now, stamp(day, self.randint(8 * 60, 16 * 60))),
            )
        return placement_id

    def open_placement(self, case: Case, offers: list[Offer]) -> Offer:
        offer = self.pick(offers)
        final = OPEN_PLACEMENT_STAGES.draw(self.rng)
        if final is PlacementStage.REJECTED:  # after the proposal, the application, …
            steps = self.randint(1, 4)
        else:
            steps = PLACEMENT_PATH.index(final) + 1
        gaps = [self.randint(2, 12) for _step in range(steps + 1)]
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
        self.placement(case, offer, final, values, reason)
        return offer

    def ended_employment(self, case: Case, network: Network) -> None:
        """A job that broke off (e.g. during probation) or ran out; the case carries on or
        ended without a job."""
        last_day = case.end(self.today)
        start = self.day_between(case.entry, last_day - timedelta(days=60))
        end = min(last_day, start + timedelta(days=self.randint(20, 170)))
        reason = ENDED_EMPLOYMENT_REASONS.draw(self.rng)
        fixed_term = reason is EmploymentEndReason.FIXED_TERM_EXPIRED
        self.new(
            Employment,
            participant_id=case.id,
            employer_id=self.pick(network.companies).id,
            kind=EmploymentKind.AGENCY_WORK
            if fixed_term and self.chance(0.5)
            else EmploymentKind.REGULAR,
            occupation=case.occupation,
            start=start,
            probation_end=add_months(start, 6),
            fixed_term_until=end if fixed_term else None,
            hours_per_week=self.pick((30.0, 39.0, 40.0)),
            social_insurance=True,
            end=end,
            end_reason=reason,
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
            aftercare_until=self.aftercare_end(start),
            created_at=stamp(start, 600),
        )
