"""What the demo builder remembers about rows it has written, for the rows that follow.

Organisations, job offers and courses are referred to by the cases; a ``Case`` carries one
participant's facts to the tables that hang off the participant.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.demo import names, organisations
from app.models.participant import age_on
from app.vocab import (
    CourseKind,
    ExitOutcome,
    Gender,
    GermanLevel,
    JobOfferStatus,
    OrganizationKind,
    ParticipantStatus,
    Program,
    SchoolForm,
)


@dataclass
class Org:
    id: int
    kind: OrganizationKind
    name: str
    city: str
    postal_code: str = ""
    first_contact: date | None = None
    contacts: list[int] = field(default_factory=list)
    # how the coordinator writes each contact person in a note ("Fr. Becker"), by position
    addressed: list[str] = field(default_factory=list)
    business: organisations.BusinessType | None = None
    specialities: frozenset[str] = frozenset()  # education providers: the kinds they teach


@dataclass
class Network:
    """The organisations the cases refer to."""

    chambers: dict[str, Org] = field(default_factory=dict)
    jobcenters: list[Org] = field(default_factory=list)
    schools: list[Org] = field(default_factory=list)
    providers: list[Org] = field(default_factory=list)
    counselling: list[Org] = field(default_factory=list)
    others: list[Org] = field(default_factory=list)
    companies: list[Org] = field(default_factory=list)
    training_companies: list[Org] = field(default_factory=list)
    company_names: set[str] = field(default_factory=set)
    agency: Org | None = None
    youth_agency: Org | None = None


@dataclass
class Offer:
    id: int
    employer: Org
    occupation: str
    acquired_on: date
    status: JobOfferStatus


@dataclass
class CourseInfo:
    id: int
    kind: CourseKind
    title: str
    start: date
    end: date
    target_level: GermanLevel | None
    places: int = 0
    taken: int = 0  # enrolments so far (never more than places)

    @property
    def is_language_course(self) -> bool:
        return self.kind.is_integration_course or self.kind.is_job_language_course

    @property
    def has_place(self) -> bool:
        return self.taken < self.places


class CourseIndex:
    """The courses by start, with the language and Azubi-BSK courses apart (bisect by day)."""

    def __init__(self, courses: list[CourseInfo]) -> None:
        self.all = sorted(courses, key=lambda course: course.start)
        self.language = [course for course in self.all if course.is_language_course]
        self.apprentice = [c for c in self.all if c.kind is CourseKind.BSK_APPRENTICE]
        self._starts = {
            id(group): [course.start for course in group]
            for group in (self.all, self.language, self.apprentice)
        }

    def starting(self, group: list[CourseInfo], first: date, last: date) -> list[CourseInfo]:
        """The courses of ``group`` (one of the lists above) starting from ``first`` to
        ``last``."""
        starts = self._starts[id(group)]
        return group[bisect_left(starts, first) : bisect_right(starts, last)]


@dataclass
class Case:
    """One participant as the child tables need to see them."""

    id: int
    program: Program
    status: ParticipantStatus
    pool: names.NamePool
    gender: Gender
    first: str
    last: str
    entry: date
    exit: date | None
    job_start: date | None
    birth: date
    school_form: SchoolForm | None = None
    city: str = ""
    postal_code: str = ""
    street: str = ""
    rural: bool = False
    occupation: str = ""
    occupation_code: str = ""
    employer: Org | None = None
    school: Org | None = None
    jobcenter: Org | None = None
    interpreter_language: str = ""
    guardian: str | None = None
    exit_outcome: ExitOutcome | None = None
    apprenticeship_year: int | None = None
    apprenticeship_start: date | None = None
    apprenticeship_end: date | None = None
    high_risk: bool = False
    german_level: GermanLevel | None = None
    course_title: str = ""
    course_ids: list[int] = field(default_factory=list)
    language_course_ids: list[int] = field(default_factory=list)
    measure_ids: list[int] = field(default_factory=list)  # not linked to a plan goal yet
    showcase: bool = False  # one of the named showcase people: every kind of record
    class_teacher: str = ""  # "Fr. Becker", as notes and needs assessments name them
    trainer: str = ""
    row: dict[str, Any] = field(default_factory=dict)  # the queued participant row

    @property
    def is_joko(self) -> bool:
        return self.program is Program.JOKO

    @property
    def is_female(self) -> bool:
        return self.gender is Gender.FEMALE

    def end(self, today: date) -> date:
        return self.exit or today

    def minor_on(self, day: date) -> bool:
        return age_on(self.birth, day) < 18

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"
