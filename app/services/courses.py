"""Kurse: the course catalogue (Integrationskurse, Berufssprachkurse, Job-BSK, berufliche
Weiterbildung, …): create, edit and delete a course, and the catalogue's reads.

Operations take a unit of work, check everything before anything is written, commit once and
return the ``Changes`` (docs/architecture.md, "Operations"). A course with enrolments is not
deleted: the enrolments are the participants' history (app.services.enrollments).

The catalogue is read with plain SQL. ``CourseCatalogue`` keeps every course with its folded
search text as long as the data and the day stay the same (SQLite's ``data_version``), so a
keystroke or a filter choice costs one pass over a few thousand rows in Python (case-, accent-
and "ue"-tolerant like the other searches, app.text). The Zeitraum of a course is decided in
one place, ``in_timing``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from sqlmodel import Session, col, func, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.courses import Course, Enrollment
from app.models.organization import Organization
from app.services import list_entries as entries
from app.text import fold, index_text
from app.vocab import (
    CourseFormat,
    CourseFunding,
    CourseKind,
    EnrollmentStatus,
    GermanLevel,
    OrganizationKind,
    TimeModel,
)

ENTITY = "course"
MAX_TEACHING_UNITS = 2000  # the longest integration courses have 1,000 UE (+ 300 repeated)
MAX_PLACES = 500
SOON = timedelta(weeks=8)  # "beginnt bald": the start lies within this time
# The organisations offered as Träger (the chooser; the service checks only that one exists).
PROVIDER_KINDS = (
    OrganizationKind.EDUCATION_PROVIDER,
    OrganizationKind.EMPLOYER,
    OrganizationKind.TRAINING_COMPANY,
    OrganizationKind.SCHOOL,
    OrganizationKind.CHAMBER,
    OrganizationKind.COUNSELLING_SERVICE,
    OrganizationKind.OTHER,
)
# enrolments that take a place of the course
ACTIVE_STATUSES = (EnrollmentStatus.REGISTERED, EnrollmentStatus.ONGOING)

LABELS = {
    "kind": N_("Kind of course"),
    "title": N_("Title"),
    "provider_id": N_("Course provider"),
    "target_level": N_("Target level"),
    "start": N_("Start"),
    "end": N_("End"),
    "teaching_units": N_("Teaching units (UE)"),
    "format": N_("Format"),
    "time_model": N_("Time model"),
    "funding": N_("Funding"),
    "places": N_("Seats"),
    "location": N_("Place"),
    "notes": N_("Notes"),
}
# one-line texts with their column's limit; None: multi-line (validation.MAX_TEXT)
TEXTS: dict[str, int | None] = {"title": 200, "location": 100, "notes": None}
_TEXT_RULES: entries.TextRules = {name: (limit is None, limit) for name, limit in TEXTS.items()}
ENUMS: dict[str, type] = {
    "target_level": GermanLevel,
    "format": CourseFormat,
    "time_model": TimeModel,
    "funding": CourseFunding,
}
DATES = ("start", "end")


def label(field: str) -> str:
    return _(LABELS[field])


# -- input ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseInput:
    """The course's form; ``kind`` None: not chosen (refused)."""

    kind: CourseKind | None
    title: str
    provider_id: int | None = None
    target_level: GermanLevel | None = None
    start: date | None = None
    end: date | None = None
    teaching_units: int | None = None  # UE
    format: CourseFormat | None = None
    time_model: TimeModel | None = None
    funding: CourseFunding | None = None
    places: int | None = None
    location: str = ""
    notes: str = ""


FIELDS = tuple(f.name for f in fields(CourseInput))


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def teaching_units_problem(value: object) -> str | None:
    if value is None:
        return None
    if not _whole_number(value):
        return _("Please enter a whole number.")
    assert isinstance(value, int)
    if value <= 0:
        return _("Please enter a number greater than 0 (the teaching units of the course).")
    if value > MAX_TEACHING_UNITS:
        return _("Please enter at most {max} teaching units.").format(max=MAX_TEACHING_UNITS)
    return None


def places_problem(value: object) -> str | None:
    if value is None:
        return None
    if not _whole_number(value):
        return _("Please enter a whole number.")
    assert isinstance(value, int)
    if value < 1:
        return _("A course has at least one place (or leave the field empty).")
    return validation.number_range(value, 1, MAX_PLACES)


def _provider_problem(session: Session, provider_id: object) -> str | None:
    if provider_id is None:
        return None
    if message := validation.row_id_problem(provider_id):
        return message
    if session.get(Organization, provider_id) is None:
        return _("The chosen entry does not exist (any more).")
    return None


def _errors(session: Session, data: CourseInput) -> list[FieldError]:
    errors: list[FieldError] = []

    def check(field: str, message: str | None) -> None:
        if message and not any(e.field == field for e in errors):
            errors.append(FieldError(field, label(field), message))

    if not isinstance(data.kind, CourseKind):
        check("kind", _("Please choose one."))
    for name, message in entries.text_problems(data, _TEXT_RULES):
        check(name, message)
    if isinstance(data.title, str) and not data.title:
        check("title", _("Please fill in this field."))
    check("provider_id", _provider_problem(session, data.provider_id))
    for name, enum_class in ENUMS.items():
        value = getattr(data, name)
        if value is not None and not isinstance(value, enum_class):
            check(name, _("Please choose one."))
    for name in DATES:
        check(name, validation.plausible_date(getattr(data, name)))
    if not any(e.field in DATES for e in errors):
        check("end", validation.not_before(data.end, data.start, label("start")))
    check("teaching_units", teaching_units_problem(data.teaching_units))
    check("places", places_problem(data.places))
    return errors


def _validate(session: Session, data: CourseInput) -> None:
    with session.no_autoflush:
        errors = _errors(session, data)
    if errors:
        raise ValidationError(errors)


def _get(session: Session, course_id: int) -> Course:
    return entries.get_entry(session, Course, course_id, _("Course"))


# -- operations -------------------------------------------------------------------------------


def create_course(uow: UnitOfWork, data: CourseInput) -> Changes:
    """A new course in the catalogue (``created``: its id)."""
    data = entries.cleaned_texts(data, TEXTS)
    _validate(uow.session, data)
    course = Course(**entries.values_of(data, FIELDS))
    course_id = entries.insert_entry(
        uow.session, course, ENTITY, entries.filled_fields(data, FIELDS)
    )
    return uow.commit().with_created(course_id)


def update_course(uow: UnitOfWork, course_id: int, data: CourseInput) -> Changes:
    """Store the edited form; nothing changed: NOTHING."""
    data = entries.cleaned_texts(data, TEXTS)
    course = _get(uow.session, course_id)
    _validate(uow.session, data)
    if not entries.update_entry(uow.session, course, data, FIELDS, ENTITY):
        return NOTHING
    return uow.commit()


def enrollment_count(session: Session, course_id: int) -> int:
    """Every enrolment of the course, whatever its status."""
    statement = select(func.count()).select_from(Enrollment)
    return session.exec(statement.where(col(Enrollment.course_id) == course_id)).one()


def delete_course(uow: UnitOfWork, course_id: int) -> Changes:
    """Delete a course that nobody is (or was) enrolled in; plan goals that named it keep
    their text without the link. With enrolments it is refused: they are the participants'
    history."""
    course = _get(uow.session, course_id)
    count = enrollment_count(uow.session, course_id)
    if count:
        message = (
            _(
                "The course still has one enrolment. It can only be deleted without "
                "enrolments (they are part of the participants' records)."
            )
            if count == 1
            else _(
                "The course still has {n} enrolments. It can only be deleted without "
                "enrolments (they are part of the participants' records)."
            ).format(n=count)
        )
        raise ValidationError([FieldError("id", _("Course"), message)])
    entries.delete_entry(uow.session, course, ENTITY)
    return uow.commit()


# -- the catalogue ----------------------------------------------------------------------------


class Timing(StrEnum):
    """The catalogue's Zeitraum choices, in the order of the box."""

    ALL = "all"
    RUNNING = "running"  # begun, not ended (or no end given)
    STARTING_SOON = "starting_soon"  # begins within the next 8 weeks
    PLANNED = "planned"  # begins later, or no dates yet
    PAST = "past"  # ended before today

    @property
    def label(self) -> str:
        return _(TIMING_LABELS[self])


TIMING_LABELS = {
    Timing.ALL: N_("all"),
    Timing.RUNNING: N_("running now"),
    Timing.STARTING_SOON: N_("starting soon"),
    Timing.PLANNED: N_("planned"),
    Timing.PAST: N_("over"),
}


@dataclass(frozen=True)
class CourseQuery:
    """What the catalogue shows: search text and the filters."""

    text: str = ""
    kind: CourseKind | None = None
    provider_id: int | None = None
    timing: Timing = Timing.ALL


class CourseRow(NamedTuple):
    """One catalogue row; ``enrolled``: enrolments registered or ongoing."""

    id: int
    kind: CourseKind
    title: str
    provider_id: int | None
    provider_name: str
    target_level: GermanLevel | None
    start: date | None
    end: date | None
    teaching_units: int | None
    format: CourseFormat | None
    time_model: TimeModel | None
    funding: CourseFunding | None
    places: int | None
    enrolled: int
    location: str

    @property
    def free(self) -> int | None:
        """Places left (negative: more enrolled than places); None without places."""
        return None if self.places is None else self.places - self.enrolled


_ACTIVE = ", ".join(f"'{status.value}'" for status in ACTIVE_STATUSES)
ENROLLED_SQL = (
    f"(SELECT count(*) FROM enrollment e WHERE e.course_id = c.id AND e.status IN ({_ACTIVE}))"
)
# The list counts the places taken in one grouped pass over the enrolments (a correlated
# count per course took four times as long at 2,000 courses and 20,000 people).
LIST_SQL = (
    "SELECT c.id, c.kind, c.title, c.provider_id, coalesce(o.name, ''), c.target_level, "
    'c.start, c."end", c.teaching_units, c.format, c.time_model, c.funding, c.places, '
    "coalesce(taken.n, 0), c.location FROM course c "
    "LEFT JOIN organization o ON o.id = c.provider_id "
    "LEFT JOIN (SELECT course_id, count(*) AS n FROM enrollment "
    f"WHERE status IN ({_ACTIVE}) GROUP BY course_id) taken ON taken.course_id = c.id"
)


def _codes[E: StrEnum](enum_class: type[E]) -> dict[str | None, E | None]:
    """Code → member, None → None: a dict lookup per cell (an Enum call costs more)."""
    return {None: None, "": None, **{member.value: member for member in enum_class}}


_KINDS = _codes(CourseKind)
_LEVELS = _codes(GermanLevel)
_FORMATS = _codes(CourseFormat)
_TIME_MODELS = _codes(TimeModel)
_FUNDINGS = _codes(CourseFunding)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _row(r: tuple[Any, ...]) -> CourseRow:
    return CourseRow(
        r[0], _KINDS[r[1]], r[2], r[3], r[4], _LEVELS[r[5]], _day(r[6]), _day(r[7]), r[8],
        _FORMATS[r[9]], _TIME_MODELS[r[10]], _FUNDINGS[r[11]], r[12], r[13], r[14],
    )  # type: ignore[arg-type]  # fmt: skip


def in_timing(row: CourseRow, timing: Timing, today: date) -> bool:
    """Whether the course belongs to the Zeitraum ``timing`` on ``today``: laufend (begun,
    not ended or no end given), beginnt bald (begins within ``SOON``), geplant (begins later,
    or no dates yet and not ended), vorbei (ended before today)."""
    start, end = row.start, row.end
    if timing is Timing.RUNNING:
        return start is not None and start <= today and (end is None or end >= today)
    if timing is Timing.STARTING_SOON:
        return start is not None and today < start <= today + SOON
    if timing is Timing.PLANNED:
        if start is None:
            return end is None or end >= today
        return start > today
    if timing is Timing.PAST:
        return end is not None and end < today
    return True


def _order_key(row: CourseRow, today: date, title: str) -> tuple[Any, ...]:
    """Running and coming courses by start (undated ones after them), ended ones last, the
    most recently ended first; then by (folded) title."""
    if row.end is not None and row.end < today:
        return (2, -row.end.toordinal(), title, row.id)
    if row.start is None:
        return (1, 0, title, row.id)
    return (0, row.start.toordinal(), title, row.id)


def _matches(haystack: str, needles: list[str]) -> bool:
    if len(needles) == 1:  # the usual case, without a generator per row
        return needles[0] in haystack
    return all(needle in haystack for needle in needles)


class CourseCatalogue:
    """The whole catalogue while the user types and filters (as
    ``organizations.OrganizationDirectory``): every course, in order, with its folded search
    text, kept while the data and the day stay the same (SQLite's ``data_version``). A
    keystroke or another filter choice then costs a pass over the kept rows in Python; the
    folded texts of titles, Träger, places and kinds are kept across reads as well."""

    def __init__(self, reads: Reads) -> None:
        self._reads = reads
        self._read_for: tuple[int, date] | None = None
        self._rows: list[tuple[CourseRow, str]] = []
        self._folded: dict[str, str] = {}  # a text → its index text (app.text.index_text)

    def _index_text(self, text: str, texts: dict[str, str]) -> str:
        found = texts.get(text)
        if found is None:
            found = self._folded.get(text)
            if found is None:
                found = index_text(text)
            texts[text] = found
        return found

    def _read(self, today: date) -> None:
        (version,) = self._reads.one("PRAGMA data_version")
        if self._read_for == (version, today):
            return
        texts: dict[str, str] = {}  # only what is still listed is kept
        keyed = []
        for raw in self._reads.rows(LIST_SQL):
            row = _row(raw)
            title = self._index_text(row.title, texts)
            haystack = " ".join(
                (
                    title,
                    self._index_text(row.provider_name, texts),
                    self._index_text(row.location, texts),
                    self._index_text(row.kind.label, texts),
                )
            )
            keyed.append((_order_key(row, today, title), row, haystack))
        keyed.sort(key=lambda item: item[0])
        self._rows = [(row, haystack) for _key, row, haystack in keyed]
        self._folded = texts
        self._read_for = (version, today)

    def rows(self, query: CourseQuery, today: date) -> list[CourseRow]:
        """The courses of the filters whose search text holds every word typed, in order."""
        self._read(today)
        needles = fold(query.text).split()
        kind, provider, timing = query.kind, query.provider_id, query.timing
        return [
            row
            for row, haystack in self._rows
            if (kind is None or row.kind is kind)
            and (provider is None or row.provider_id == provider)
            and (timing is Timing.ALL or in_timing(row, timing, today))
            and (not needles or _matches(haystack, needles))
        ]

    def counts(self, today: date) -> dict[Timing, int]:
        """How many courses each Zeitraum choice lists (without search and other filters)."""
        self._read(today)
        return {
            timing: sum(1 for row, _text in self._rows if in_timing(row, timing, today))
            for timing in Timing
        }

    def forget(self) -> None:
        """Read again at the next call (a change made on the same connection)."""
        self._read_for = None


def list_courses(
    reads: Reads, query: CourseQuery = CourseQuery(), today: date | None = None
) -> list[CourseRow]:
    """The catalogue: the filters, then every word typed found in the title, Träger, Ort or
    Kursart (anywhere in a word, case-, accent- and "ue"-tolerant); running and coming
    courses by start, ended ones last."""
    return CourseCatalogue(reads).rows(query, today or date.today())


def course_counts(reads: Reads, today: date | None = None) -> dict[Timing, int]:
    """How many courses each Zeitraum choice lists (without search and other filters)."""
    return CourseCatalogue(reads).counts(today or date.today())


def course_providers(reads: Reads) -> list[tuple[int, str]]:
    """(id, name) of the organisations that run at least one course, by name."""
    rows = reads.rows(
        "SELECT o.id, o.name FROM organization o "
        "WHERE EXISTS (SELECT 1 FROM course c WHERE c.provider_id = o.id)"
    )
    return sorted(rows, key=lambda row: (fold(row[1]).strip(), row[0]))


def course_kinds(reads: Reads) -> list[CourseKind]:
    """The Kursarten the catalogue holds, in the vocabulary's order."""
    stored = {row[0] for row in reads.rows("SELECT DISTINCT kind FROM course")}
    return [kind for kind in CourseKind if kind.value in stored]


class CourseRecord(NamedTuple):
    """One course with every field of the form, the Träger's name and the place count."""

    id: int
    data: CourseInput
    provider_name: str
    enrolled: int  # registered or ongoing
    enrollments: int  # every enrolment, whatever its status


_RECORD_COLUMNS = ", ".join(f'c."{name}"' for name in FIELDS)


def get_course(reads: Reads, course_id: int) -> CourseRecord | None:
    found = reads.rows(
        f"SELECT {_RECORD_COLUMNS}, coalesce(o.name, ''), {ENROLLED_SQL}, "
        "(SELECT count(*) FROM enrollment e WHERE e.course_id = c.id) "
        "FROM course c LEFT JOIN organization o ON o.id = c.provider_id WHERE c.id = ?",
        (course_id,),
    )
    if not found:
        return None
    values: dict[str, Any] = dict(zip(FIELDS, found[0], strict=False))
    values["kind"] = CourseKind(values["kind"])
    for name in DATES:
        values[name] = _day(values[name])
    for name, enum_class in ENUMS.items():
        if values[name] is not None:
            values[name] = enum_class(values[name])
    provider_name, enrolled, enrollments = found[0][len(FIELDS) :]
    return CourseRecord(course_id, CourseInput(**values), provider_name, enrolled, enrollments)
