"""ESF+ characteristics and indicators (Reg. (EU) 2021/1057, Annex I), from stored facts only.

Output indicators count the period's entries; result indicators its exits. "Upon leaving"
(EECR01–EECR04) is the situation after the last event within four weeks after the exit: the
recorded Verbleib bei Austritt on its date (the exit day when no date is recorded) and the
start of an employment (an employment already running on the exit day counts on that day).
So every leaver is in at most one of EECR01, EECR02 and EECR04 — EECR01 and EECR04 exclude each
other, as the regulation asks. "Six months after leaving" (EECR05) is the Verbleib nach
6 Monaten, or an employment running on the day six months after the exit, once that day has
come; EECR06 counts only people employed at entry (docs/domain.md § 14).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from app.i18n import N_, _
from app.models.participant import add_months
from app.services.reporting.population import EmploymentSpan, Person
from app.vocab import EmploymentStatusAtEntry, ExitOutcome, YesNoUnknown
from app.vocab.eu import is_third_country_national
from app.vocab.labeled import LabeledEnum
from app.vocab.participant import HOUSING_EXCLUSION, IscedGroup

UPON_LEAVING = timedelta(weeks=4)
FOLLOW_UP_MONTHS = 6


class Situation(Enum):
    EMPLOYED = "employed"
    SEEKING = "seeking"
    EDUCATION = "education"
    OTHER = "other"


OUTCOME_SITUATION: dict[ExitOutcome, Situation] = {
    ExitOutcome.EMPLOYED_SOCIAL_INSURANCE: Situation.EMPLOYED,
    ExitOutcome.MARGINAL_EMPLOYMENT: Situation.EMPLOYED,
    ExitOutcome.SELF_EMPLOYED: Situation.EMPLOYED,
    ExitOutcome.BVJ_TO_WORK: Situation.EMPLOYED,
    ExitOutcome.JOB_SEEKING: Situation.SEEKING,
    ExitOutcome.APPRENTICESHIP: Situation.EDUCATION,
    ExitOutcome.FURTHER_TRAINING: Situation.EDUCATION,
    ExitOutcome.LANGUAGE_COURSE: Situation.EDUCATION,
    ExitOutcome.TRAINING_STABILISED: Situation.EDUCATION,
    ExitOutcome.COMPANY_CHANGE: Situation.EDUCATION,
    ExitOutcome.OCCUPATION_CHANGE: Situation.EDUCATION,
    ExitOutcome.BVJ_TO_APPRENTICESHIP: Situation.EDUCATION,
    ExitOutcome.BVJ_TO_SCHOOL: Situation.EDUCATION,
}  # every other Verbleib: Situation.OTHER


def situation_upon_leaving(person: Person, employments: list[EmploymentSpan]) -> Situation | None:
    """The situation after the last event within four weeks after the exit (None: no exit or
    no event in the window)."""
    if person.exit_date is None:
        return None
    first, last = person.exit_date, person.exit_date + UPON_LEAVING
    events: list[tuple[date, int, Situation]] = []
    for job in employments:
        if job.start is not None and first < job.start <= last:
            events.append((job.start, 0, Situation.EMPLOYED))
        elif job.runs_on(first):
            events.append((first, 0, Situation.EMPLOYED))
    if person.exit_outcome is not None:
        day = person.exit_outcome_on or first
        if first <= day <= last:  # on the same day the recorded Verbleib is the later word
            events.append((day, 1, OUTCOME_SITUATION.get(person.exit_outcome, Situation.OTHER)))
    return max(events, key=lambda e: (e[0], e[1]))[2] if events else None


def follow_up_day(person: Person) -> date | None:
    return None if person.exit_date is None else add_months(person.exit_date, FOLLOW_UP_MONTHS)


def employed_six_months_after(
    person: Person, employments: list[EmploymentSpan], today: date
) -> bool:
    day = follow_up_day(person)
    if day is None or day > today:
        return False
    if person.outcome_6_months is not None:
        return OUTCOME_SITUATION.get(person.outcome_6_months) is Situation.EMPLOYED
    return any(job.runs_on(day) for job in employments)


def qualification_gained(person: Person) -> bool:
    if person.qualification_gained:
        return True
    if person.exit_outcome is not ExitOutcome.QUALIFICATION_PASSED or person.exit_date is None:
        return False
    day = person.exit_outcome_on or person.exit_date
    return person.exit_date <= day <= person.exit_date + UPON_LEAVING


# -- characteristics at entry (the rows of the cross-tabulation and of the output indicators)

Test = Callable[[Person], bool]


def _status(*kinds: EmploymentStatusAtEntry) -> Test:
    return lambda p: p.employment_status in kinds


def _isced(group: IscedGroup) -> Test:
    return lambda p: p.isced is group


def _yes(attribute: str) -> Test:
    return lambda p: getattr(p, attribute) is YesNoUnknown.YES


def _third_country(p: Person) -> bool:
    return bool(is_third_country_national(p.nationalities))


@dataclass(frozen=True)
class Characteristic:
    code: str
    name: str | LabeledEnum  # a msgid, or a vocabulary value whose label it shows
    test: Test

    @property
    def label(self) -> str:
        return self.name.label if isinstance(self.name, LabeledEnum) else _(self.name)


E = EmploymentStatusAtEntry
OUTPUT_INDICATORS: tuple[Characteristic, ...] = (
    Characteristic("EECO01", N_("Participants"), lambda p: True),
    Characteristic("EECO02", N_("Unemployed, incl. long-term unemployed"),
                   _status(E.UNEMPLOYED, E.LONG_TERM_UNEMPLOYED)),
    Characteristic("EECO03", N_("Long-term unemployed"), _status(E.LONG_TERM_UNEMPLOYED)),
    Characteristic("EECO04", N_("Inactive"),
                   _status(E.INACTIVE_IN_EDUCATION, E.INACTIVE_NOT_IN_EDUCATION)),
    Characteristic("EECO05", N_("Employed, incl. self-employed"), _status(E.EMPLOYED)),
    Characteristic("EECO06", N_("Under 18 years"), lambda p: p.age_at_entry < 18),
    Characteristic("EECO07", N_("18 to 29 years"), lambda p: 18 <= p.age_at_entry <= 29),
    Characteristic("EECO08", N_("55 years and over"), lambda p: p.age_at_entry >= 55),
    Characteristic("EECO09", N_("ISCED 0–2"), _isced(IscedGroup.ISCED_0_2)),
    Characteristic("EECO10", N_("ISCED 3–4"), _isced(IscedGroup.ISCED_3_4)),
    Characteristic("EECO11", N_("ISCED 5–8"), _isced(IscedGroup.ISCED_5_8)),
    Characteristic("EECO12", N_("Participants with disabilities"), _yes("disability")),
    Characteristic("EECO13", N_("Third-country nationals"), _third_country),
    Characteristic("EECO14", N_("Participants with a foreign background"),
                   _yes("foreign_background")),
    Characteristic("EECO15", N_("Minorities (incl. marginalised communities such as Roma)"),
                   _yes("minority")),
    Characteristic("EECO16", N_("Homeless or affected by housing exclusion"),
                   lambda p: p.housing in HOUSING_EXCLUSION),
    Characteristic("EECO17", N_("Participants from rural areas"), lambda p: p.rural_area is True),
)  # fmt: skip

# the cross-tabulation of the entries: the same tests, worded for the office, plus the
# employment statuses one by one and the age band the indicators leave out
CHARACTERISTICS: tuple[Characteristic, ...] = (
    Characteristic("entries", N_("Entries"), lambda p: True),
    Characteristic("age_under_18", N_("Age at entry under 18"), lambda p: p.age_at_entry < 18),
    Characteristic("age_18_29", N_("Age at entry 18–29"), lambda p: 18 <= p.age_at_entry <= 29),
    Characteristic("age_30_54", N_("Age at entry 30–54"), lambda p: 30 <= p.age_at_entry <= 54),
    Characteristic("age_55", N_("Age at entry 55 and over"), lambda p: p.age_at_entry >= 55),
    *(
        Characteristic(f"status_{kind.value}", kind, _status(kind))
        for kind in EmploymentStatusAtEntry
    ),
    *(Characteristic(group.value, group, _isced(group)) for group in IscedGroup),
    Characteristic("disability", N_("Disability"), _yes("disability")),
    Characteristic("third_country", N_("Third-country national"), _third_country),
    Characteristic("foreign_background", N_("Foreign background"), _yes("foreign_background")),
    Characteristic("minority", N_("Minority"), _yes("minority")),
    Characteristic("housing_exclusion", N_("Homeless or housing exclusion"),
                   lambda p: p.housing in HOUSING_EXCLUSION),
    Characteristic("rural_area", N_("Rural area"), lambda p: p.rural_area is True),
)  # fmt: skip


@dataclass(frozen=True)
class ResultIndicator:
    code: str
    name: str  # msgid
    test: Callable[[Person, list[EmploymentSpan], date], bool]

    @property
    def label(self) -> str:
        return _(self.name)


RESULT_INDICATORS: tuple[ResultIndicator, ...] = (
    ResultIndicator("EECR01", N_("Job searching upon leaving"),
                    lambda p, e, t: situation_upon_leaving(p, e) is Situation.SEEKING),
    ResultIndicator("EECR02", N_("In education or training upon leaving"),
                    lambda p, e, t: situation_upon_leaving(p, e) is Situation.EDUCATION),
    ResultIndicator("EECR03", N_("Gaining a qualification upon leaving"),
                    lambda p, e, t: qualification_gained(p)),
    ResultIndicator("EECR04", N_("In employment, incl. self-employment, upon leaving"),
                    lambda p, e, t: situation_upon_leaving(p, e) is Situation.EMPLOYED),
    ResultIndicator("EECR05", N_("In employment six months after leaving"),
                    employed_six_months_after),
    ResultIndicator("EECR06", N_("Improved labour market situation six months after leaving"),
                    lambda p, e, t: p.employment_status is EmploymentStatusAtEntry.EMPLOYED
                    and p.situation_improved_6_months is True
                    and (day := follow_up_day(p)) is not None and day <= t),
)  # fmt: skip
