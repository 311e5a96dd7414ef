"""Placements and employments: jobs found through job offers, open applications, jobs that
broke off, and training contracts followed with aftercare.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.demo import texts
from app.demo.distributions import stamp
from app.demo.part import Part
from app.demo.records import Case, Network, Offer
from app.demo.weights import (
    EMPLOYED_OUTCOMES,
    EMPLOYMENT_KINDS,
    OPEN_PLACEMENT_STAGES,
    PLACEMENT_DATE_FIELDS,
    PLACEMENT_PATH,
)
from app.demo.writer import Row
from app.models import Employment, Placement
from app.models.participant import add_months
from app.vocab import (
    EmploymentEndReason,
    EmploymentKind,
    ExitOutcome,
    JobOfferStatus,
    ParticipantStatus,
    PlacementStage,
)


class Jobs(Part):
    """Placement and employment rows of a case."""

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
