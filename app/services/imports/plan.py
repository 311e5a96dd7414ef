"""One row of an import: its cells read into the input the service takes, checked by the
service's own rules, compared with the stored records and the rows above it (duplicates), and
— at the import — created through the service's create operation.

A ``Planner`` per kind holds what it read from the database once (the stored names and keys)
so that 5,000 rows cost 5,000 checks in memory, not 5,000 queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from app.db.changes import NOTHING, Changes
from app.db.derived_rows import sort_key
from app.errors import FieldError, ValidationError
from app.i18n import _, format_date
from app.models.participant import Participant
from app.models.participant_fields import EDITABLE_FIELDS
from app.services import job_offers, organizations, participants, validation_rules
from app.services.imports import values
from app.services.imports.mapping import ColumnMapping, ImportField, ImportKind, field_named
from app.services.job_offers import OfferInput
from app.services.organizations import ContactInput, OrganizationInput, duplicate_key
from app.text import fold
from app.vocab import JobOfferStatus, OrganizationKind, Program

if TYPE_CHECKING:
    from sqlmodel import Session

    from app.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class RowProblem:
    field: str
    label: str  # German
    message: str  # German

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class PlannedRow:
    number: int  # the spreadsheet's row number
    record: Any = None  # what the service's create takes
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # German: whom it resembles
    shown: list[str] = field(default_factory=list)  # per column: the value as read

    @property
    def key_fields(self) -> set[str]:
        return {problem.field for problem in self.problems}


_CODE_LISTS = validation_rules.CODE_LISTS


class StepUnit:
    """The import's unit of work as the services' create operations see it: the same
    session, and a ``commit`` that only flushes — the import commits once, at the end, so the
    rows are stored all together or not at all."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def session(self) -> Session:
        return self._uow.session

    def commit(self) -> Changes:
        self._uow.session.flush()
        return NOTHING


def _service_problems(errors: Sequence[FieldError], unreadable: set[str]) -> list[RowProblem]:
    """The service's errors, without those about fields that could not be read at all."""
    return [RowProblem(e.field, e.label, e.message) for e in errors if e.field not in unreadable]


class Planner:
    """Reads, checks and creates the rows of one kind of import."""

    kind: ImportKind

    def __init__(self, uow: UnitOfWork, today: date, default_program: Program | None) -> None:
        self.uow = uow
        self.today = today
        self.default_program = default_program
        self._seen: dict[Any, int] = {}  # duplicate key → first row number in the file
        self._columns: dict[ColumnMapping, list[ImportField | None]] = {}

    def read(self, number: int, cells: Sequence[values.Cell], mapping: ColumnMapping) -> PlannedRow:
        """The row's cells as field values; a cell that cannot be read is a problem."""
        row = PlannedRow(number)
        read: dict[str, object] = {}
        columns = self._columns.get(mapping)
        if columns is None:
            columns = self._columns[mapping] = [
                None if name is None else field_named(self.kind, name) for name in mapping
            ]
        for cell, import_field in zip(cells, columns, strict=True):
            if import_field is None:
                row.shown.append(values.display(cell))
                continue
            name = import_field.name
            try:
                read[name] = value = import_field.read(cell)
            except values.CellProblem as problem:
                row.problems.append(RowProblem(name, import_field.label, str(problem)))
                row.shown.append(values.display(cell))
                continue
            if name == "hourly_wage_cents" and isinstance(value, int):
                row.shown.append(job_offers.format_euros(value))
            elif name in _CODE_LISTS and isinstance(value, list):
                row.shown.append(", ".join(_CODE_LISTS[name](code).label for code in value))
            else:
                row.shown.append(values.shown(value))
        self.build(row, read)
        if row.record is not None:
            self.check(row)
            self.compare(row)
        return row

    def build(self, row: PlannedRow, read: dict[str, object]) -> None:
        raise NotImplementedError

    def check(self, row: PlannedRow) -> None:
        raise NotImplementedError

    def compare(self, row: PlannedRow) -> None:
        raise NotImplementedError

    def create(self, step: StepUnit, record: Any) -> int | None:
        raise NotImplementedError

    def _within_file(self, row: PlannedRow, key: Any) -> None:
        first = self._seen.setdefault(key, row.number)
        if first != row.number:
            row.duplicates.append(_("same as row {number} of the file").format(number=first))


# -- participants ------------------------------------------------------------------------------


@cache
def _participant_defaults() -> dict[str, object]:
    """The values a new Participant starts with (the model's defaults), once."""
    blank = Participant(program=Program.JOKO, last_name="")
    return {name: getattr(blank, name) for name in EDITABLE_FIELDS}


def _as_record(values: dict[str, object]) -> Participant:
    """The record the rules look at, as a plain object with the model's defaults: the same
    attributes as ``Participant(**values)`` without SQLModel's construction (a millisecond a
    row, most of a 5,000-row preview). The rules only read it."""
    return cast(Participant, SimpleNamespace(**{**_participant_defaults(), **values}))


class ParticipantPlanner(Planner):
    """Duplicates as the editor warns of them (docs/domain.md § 2.7): the same Vorname and
    Nachname, folded, and exactly the same PLZ; without a PLZ no check."""

    kind = ImportKind.PARTICIPANTS

    def __init__(self, uow: UnitOfWork, today: date, default_program: Program | None) -> None:
        super().__init__(uow, today, default_program)
        self._stored: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        for row in uow.rows(
            "SELECT id, name_sort, postal_code, first_name, last_name, birth_date "
            "FROM participant WHERE postal_code != ''"
        ):
            self._stored[(row[1], row[2])].append(row)
        self._numbers = {
            number for (number,) in uow.rows("SELECT esf_number FROM participant") if number
        }
        self._numbers_in_file: dict[str, int] = {}

    def build(self, row: PlannedRow, read: dict[str, object]) -> None:
        record = dict(read)
        for name in validation_rules.NULLABLE_TEXTS:
            if record.get(name) == "":
                record[name] = None
        if record.get("status") is None:
            record.pop("status", None)  # the model's default: Teilnahme (aktiv)
        if record.get("program") is None and "program" not in row.key_fields:
            if self.default_program is None:
                row.problems.append(
                    RowProblem(
                        "program",
                        field_named(self.kind, "program").label,
                        _("Please give the funding area (JOKO or Ausbildungsmanagement)."),
                    )
                )
            record["program"] = self.default_program
        row.record = record

    def check(self, row: PlannedRow) -> None:
        record = row.record
        unreadable = row.key_fields
        errors = validation_rules.participant_errors(_as_record(record), self.today)
        row.problems += _service_problems(errors, unreadable)
        number = record.get("esf_number")
        if number and "esf_number" not in row.key_fields:
            first = self._numbers_in_file.setdefault(number, row.number)
            message = None
            if number in self._numbers:
                message = _("This number is already used by another participant.")
            elif first != row.number:
                message = _("This number is already in row {number} of the file.").format(
                    number=first
                )
            if message:
                row.problems.append(
                    RowProblem("esf_number", field_named(self.kind, "esf_number").label, message)
                )

    def compare(self, row: PlannedRow) -> None:
        record = row.record
        plz = record.get("postal_code") or ""
        name = sort_key(record.get("first_name") or "", record.get("last_name") or "")
        if not plz or not name:
            return
        for pid, _key, stored_plz, first, last, born in self._stored.get((name, plz), ()):
            born_text = format_date(date.fromisoformat(born)) if born else _("birth date unknown")
            row.duplicates.append(
                _("stored: {name}, {plz}, {born} (no. {id})").format(
                    name=f"{first} {last}".strip(), plz=stored_plz, born=born_text, id=pid
                )
            )
        self._within_file(row, (name, plz))

    def create(self, step: StepUnit, record: Any) -> int | None:
        return participants.create_participant(step, record, today=self.today).created  # type: ignore[arg-type]


# -- organisations -----------------------------------------------------------------------------

_CONTACT_FIELDS = {
    "contact_name": "name",
    "contact_function": "function",
    "contact_phone": "phone",
    "contact_email": "email",
}


class OrganizationPlanner(Planner):
    """Duplicates as the editor warns of them (app.services.organizations): the same name
    (folded, "ue" = "ü", spaces and punctuation ignored) and the same PLZ; a row without a PLZ
    resembles that name anywhere."""

    kind = ImportKind.ORGANISATIONS

    def __init__(self, uow: UnitOfWork, today: date, default_program: Program | None) -> None:
        super().__init__(uow, today, default_program)
        self._stored: dict[str, list[tuple]] = defaultdict(list)
        stored = uow.rows("SELECT id, name, postal_code, city FROM organization")
        for oid, name, plz, city in stored:
            self._stored[duplicate_key(name)].append((oid, name, plz, city))

    def build(self, row: PlannedRow, read: dict[str, object]) -> None:
        contact = {own: read.pop(name) for name, own in _CONTACT_FIELDS.items() if read.get(name)}
        for name in _CONTACT_FIELDS:
            read.pop(name, None)
        if read.get("kind") is None:
            read["kind"] = OrganizationKind.EMPLOYER
        if contact and "name" not in contact:
            row.problems.append(
                RowProblem(
                    "contact_name",
                    field_named(self.kind, "contact_name").label,
                    _("Please give the contact person's name too."),
                )
            )
            contact = {}
        contacts = (ContactInput(**contact),) if contact else ()  # type: ignore[arg-type]
        row.record = OrganizationInput(**read, contacts=contacts)  # type: ignore[arg-type]

    def check(self, row: PlannedRow) -> None:
        try:
            organizations.validate_organization(self.uow.session, row.record)  # the editor's checks
        except ValidationError as error:
            row.problems += _service_problems(error.errors, row.key_fields)

    def compare(self, row: PlannedRow) -> None:
        record: OrganizationInput = row.record
        key = duplicate_key(record.name)
        if not key:
            return
        plz = record.postal_code
        for oid, name, stored_plz, city in self._stored.get(key, ()):
            if not plz or stored_plz == plz:
                where = " ".join(part for part in (stored_plz, city) if part)
                row.duplicates.append(
                    _("stored: {name}, {place} (no. {id})").format(
                        name=name, place=where or "–", id=oid
                    )
                )
        self._within_file(row, (key, plz))

    def create(self, step: StepUnit, record: Any) -> int | None:
        return organizations.create_organization(step, record).created  # type: ignore[arg-type]


# -- job offers --------------------------------------------------------------------------------


class OfferPlanner(Planner):
    """The employer is named as stored (an organisation of the directory, found by its name
    folded like the duplicate check); duplicates: the same employer and the same title."""

    kind = ImportKind.OFFERS

    def __init__(self, uow: UnitOfWork, today: date, default_program: Program | None) -> None:
        super().__init__(uow, today, default_program)
        self._employers: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for oid, name, kind in uow.rows("SELECT id, name, kind FROM organization"):
            self._employers[duplicate_key(name)].append((oid, kind))
        self._stored: dict[tuple[int, str], list[tuple]] = defaultdict(list)
        for oid, employer_id, title, status in uow.rows(
            "SELECT id, employer_id, title, status FROM job_offer WHERE employer_id IS NOT NULL"
        ):
            self._stored[(employer_id, _title_key(title))].append((oid, title, status))

    def _employer(self, row: PlannedRow, name: object) -> int | None:
        label = field_named(self.kind, "employer").label
        if not isinstance(name, str) or not name:
            return None  # the service names the missing employer
        found = self._employers.get(duplicate_key(name), [])
        employers = [oid for oid, kind in found if kind in job_offers.EMPLOYER_KINDS]
        candidates = employers or [oid for oid, _kind in found]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            message = _("Several organisations are called “{name}”; please tell them apart.")
        else:
            message = _(
                "There is no organisation “{name}”. Please add it first (or import the "
                "organisations)."
            )
        row.problems.append(RowProblem("employer_id", label, message.format(name=name)))
        return None

    def build(self, row: PlannedRow, read: dict[str, object]) -> None:
        employer_id = self._employer(row, read.pop("employer", None))
        if read.get("vacancies") is None:
            read.pop("vacancies", None)  # the form's default: one place
        if read.get("status") is None:
            read["status"] = JobOfferStatus.OPEN
        row.record = OfferInput(**{"title": "", **read, "employer_id": employer_id})  # type: ignore[arg-type]

    def check(self, row: PlannedRow) -> None:
        unreadable = row.key_fields
        errors = job_offers.offer_errors(self.uow.session, row.record)  # the form's checks
        row.problems += _service_problems(errors, unreadable)

    def compare(self, row: PlannedRow) -> None:
        record: OfferInput = row.record
        if record.employer_id is None or not record.title:
            return
        key = (record.employer_id, _title_key(record.title))
        for oid, title, status in self._stored.get(key, ()):
            row.duplicates.append(
                _("stored: “{title}” of the same employer, {status} (no. {id})").format(
                    title=title, status=JobOfferStatus(status).label, id=oid
                )
            )
        self._within_file(row, key)

    def create(self, step: StepUnit, record: Any) -> int | None:
        return job_offers.create_offer(step, record).created  # type: ignore[arg-type]


def _title_key(title: str) -> str:
    return " ".join(fold(title).split())


PLANNERS: dict[ImportKind, type[Planner]] = {
    ImportKind.PARTICIPANTS: ParticipantPlanner,
    ImportKind.ORGANISATIONS: OrganizationPlanner,
    ImportKind.OFFERS: OfferPlanner,
}
