"""Participants: who they are, where they live, when they came and left, and the ESF+ core
data; the programme-specific fields come from ``Profiles``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any, Protocol

from app.demo import names, places
from app.demo.distributions import Weighted, school_year_start, slug, stamp, workday
from app.demo.part import Part, Run
from app.demo.profiles import Profiles
from app.demo.records import Case, Network
from app.demo.weights import (
    AGE_AT_ENTRY,
    BVJ_OUTCOMES,
    CASE_WINDOW_DAYS,
    DISABILITY,
    EXIT_REASONS,
    HOUSING,
    INCOMPLETE_SHARE,
    JOKO_OUTCOMES,
    JOKO_SHARE,
    MINORITY,
    SCHOOL_FORMS,
    STATUS,
    TRAINING_OUTCOMES,
)
from app.demo.writer import Row
from app.models import FollowUp, Participant
from app.models.participant import age_on
from app.vocab import (
    EmploymentStatusAtEntry,
    ExitOutcome,
    ExitReason,
    FollowUpKind,
    Gender,
    ParticipantStatus,
    Program,
    SchoolForm,
    YesNoUnknown,
)


class PlannedFollowUp(Protocol):
    """A follow-up a record's dates call for, as the follow-up service plans it."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> FollowUpKind: ...
    @property
    def due_date(self) -> date: ...
    @property
    def title(self) -> str: ...


# The follow-up service's ``planned_for``, handed in by generate_demo_data (the package keeps
# its service imports in one place); called with an object holding the row's columns.
PlanFollowUps = Callable[[Any], Iterable[PlannedFollowUp]]
# The follow-up service's ``planned_for_measure``: a measure's columns, the German name of
# its kind and the office's approval weeks.
PlanMeasureFollowUps = Callable[[Any, str | None, int], Iterable[PlannedFollowUp]]


class People(Part):
    """One participant row per case, with the follow-ups the services derive from it."""

    def __init__(self, run: Run, profiles: Profiles, planned_for: PlanFollowUps) -> None:
        super().__init__(run)
        self.profiles = profiles
        self.planned_for = planned_for
        self.taken_identities: set[tuple[str, str, str]] = set()
        self.pools = {
            program: Weighted(
                (pool, pool.joko_weight if program is Program.JOKO else pool.training_weight)
                for pool in names.POOLS
            )
            for program in Program
        }

    def build_participant(self, network: Network, showcase: tuple[str, ...] | None) -> Case:
        case = self.identity(showcase)
        row: Row = self.core_fields(case)
        if case.is_joko:
            row.update(self.profiles.joko_fields(case, network))
        else:
            row.update(self.profiles.training_fields(case, network))
        row.update(self.exit_fields(case, row))
        if self.chance(INCOMPLETE_SHARE):
            self.make_incomplete(row)
        self.new(Participant, **row)
        case.row = self.writer.last(Participant)  # the children may still amend it
        self.generated_follow_ups(case.row)
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
        if showcase:  # in the programme for a year or more, with a record of every kind
            status = ParticipantStatus.ACTIVE
            if program is Program.TRAINING:
                school_form = SchoolForm.PART_TIME_VOCATIONAL
        entry, exit_date, job_start = self.case_dates(program, status, school_form)
        if showcase:
            entry = workday(self.today - timedelta(days=self.randint(330, 600)))
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
            showcase=showcase is not None,
        )
        self.place(case, keep_name=showcase is not None)
        return case

    def gender(self, program: Program) -> Gender:
        roll = self.rng.random()
        if roll < 0.01:
            return Gender.DIVERSE if roll < 0.005 else Gender.NOT_STATED
        female_share = 0.42 if program is Program.JOKO else 0.45
        return Gender.FEMALE if self.rng.random() < female_share else Gender.MALE

    def place(self, case: Case, *, keep_name: bool) -> None:
        """Address; first name, last name and PLZ together stay unique (ESF+ duplicate rule)."""
        for attempt in range(40):
            postal_code, city, rural = self.pick(places.PLACES)
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
            domain = self.pick(places.MAIL_DOMAINS)
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
        for item in self.planned_for(SimpleNamespace(**row)):
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
