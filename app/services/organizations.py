"""Organisationen (the JOKO network) with their Ansprechpersonen: create, edit, delete, the
duplicate check, and the reads of the directory and of one organisation's record.

Operations take a unit of work, validate everything before anything is written, commit once
and return the ``Changes`` (docs/architecture.md, "Operations"). The directory search runs
over ``organization_search`` (FTS5, one row per organisation, kept by the unit of work:
app.db.derived_rows), folded like the participant search (app.text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import NamedTuple

from sqlmodel import Session, col, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.derived_rows import ORGANIZATION_SEARCH_TABLE
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.contacts import ContactNote, NoteOrganization
from app.models.organization import ContactPerson, Organization
from app.services import audit
from app.services.caseload import match_expression
from app.services.follow_up_lists import FollowUpRow
from app.text import canonical, fold
from app.vocab import (
    AcquisitionChannel,
    AuditAction,
    CooperationStatus,
    FollowUpKind,
    JobOfferStatus,
    OrganizationKind,
    ParticipantStatus,
    Program,
    SizeClass,
)

ENTITY = "organization"
CONTACT_ENTITY = "contact_person"
MAX_EMPLOYEES = 1_000_000
LABELS = {
    "kind": N_("Kind of organisation"),
    "name": N_("Name"),
    "street": N_("Street and number"),
    "postal_code": N_("Postal code"),
    "city": N_("Town"),
    "branch": N_("Branch"),
    "employees": N_("Employees"),
    "betriebsnummer": N_("Betriebsnummer"),
    "chamber_id": N_("Chamber"),
    "first_contact_on": N_("First contact on"),
    "acquisition_channel": N_("Acquisition channel"),
    "cooperation_status": N_("Cooperation status"),
    "support_needs": N_("Support the organisation needs"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "notes": N_("Notes"),
}
CONTACT_LABELS = {
    "name": N_("Name"),
    "function": N_("Function"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "notes": N_("Notes"),
}
# one-line texts with their column's limit; None: multi-line (validation.MAX_TEXT)
TEXTS: dict[str, int | None] = {
    "name": 200,
    "street": 150,
    "postal_code": 5,
    "city": 100,
    "branch": 150,
    "betriebsnummer": 8,
    "phone": 40,
    "email": 254,
    "support_needs": None,
    "notes": None,
}
CONTACT_TEXTS: dict[str, int | None] = {
    "name": 100,
    "function": 100,
    "phone": 40,
    "email": 254,
    "notes": None,
}


def label(name: str) -> str:
    return _(LABELS[name])


def contact_label(name: str) -> str:
    return _(CONTACT_LABELS[name])


# -- input ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    """One Ansprechperson as the form holds it; ``id`` None: a new one."""

    name: str
    function: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class OrganizationInput:
    """The organisation's form. ``contacts``: the whole list after editing — stored ones that
    are missing are removed, those without id are added."""

    name: str
    kind: OrganizationKind | None = OrganizationKind.EMPLOYER
    street: str = ""
    postal_code: str = ""
    city: str = ""
    branch: str = ""
    employees: int | None = None
    betriebsnummer: str = ""  # 8 digits, as typed (leading zeros are kept)
    chamber_id: int | None = None
    first_contact_on: date | None = None
    acquisition_channel: AcquisitionChannel | None = None
    cooperation_status: CooperationStatus | None = None
    support_needs: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    contacts: tuple[ContactInput, ...] = field(default_factory=tuple)


RECORD_FIELDS = tuple(f.name for f in fields(OrganizationInput) if f.name != "contacts")
CONTACT_FIELDS = tuple(f.name for f in fields(ContactInput) if f.name != "id")


def _clean_texts[T: (ContactInput, OrganizationInput)](data: T, texts: dict[str, int | None]) -> T:
    """Texts in their stored form (NFC, without surrounding white space); nothing else is
    changed: a wrong value is refused, not repaired."""
    cleaned = {name: canonical(v) for name in texts if isinstance(v := getattr(data, name), str)}
    return replace(data, **cleaned)  # type: ignore[arg-type]


def _cleaned(data: OrganizationInput) -> OrganizationInput:
    data = _clean_texts(data, TEXTS)
    contacts = data.contacts if isinstance(data.contacts, tuple | list) else ()
    return replace(data, contacts=tuple(_clean_texts(c, CONTACT_TEXTS) for c in contacts))


def _enum_problem(value: object, enum_class: type, *, required: bool = False) -> str | None:
    if value is None:
        return _("Please choose one.") if required else None
    return None if isinstance(value, enum_class) else _("Please choose one.")


def _text_errors(
    data: ContactInput | OrganizationInput,
    texts: dict[str, int | None],
    field_of: dict[str, tuple[str, str]],
) -> list[FieldError]:
    """``field_of``: text field → (the error's field name, its German label)."""
    errors = []
    for name, limit in texts.items():
        value = getattr(data, name)
        if message := validation.text_problem(value, multiline=limit is None, max_length=limit):
            errors.append(FieldError(*field_of[name], message))
    return errors


def contact_person_errors(person: ContactInput) -> list[FieldError]:
    """What is wrong with one Ansprechperson (fields and labels of its own form): the contact
    dialog shows it before the organisation is saved; the save checks it again."""
    field_of = {name: (name, contact_label(name)) for name in CONTACT_TEXTS}
    errors = _text_errors(person, CONTACT_TEXTS, field_of)
    if not any(e.field == "name" for e in errors) and not person.name.strip():
        errors.append(FieldError(*field_of["name"], _("Please fill in this field.")))
    for name, rule in (("email", validation.email), ("phone", validation.phone)):
        value = getattr(person, name)
        message = rule(value.strip()) if isinstance(value, str) else None
        if message and not any(e.field == name for e in errors):
            errors.append(FieldError(*field_of[name], message))
    return errors


def _contact_errors(contacts: Sequence[ContactInput]) -> list[FieldError]:
    """The problems of every contact person, named "Ansprechperson <name>: <field>"."""
    errors: list[FieldError] = []
    for index, person in enumerate(contacts):
        if not isinstance(person, ContactInput):
            errors.append(FieldError(f"contacts.{index}", _("Contact persons"), _("Unreadable.")))
            continue
        who = person.name if isinstance(person.name, str) and person.name else str(index + 1)
        prefix = _("Contact person {name}").format(name=who)
        errors += [
            FieldError(f"contacts.{index}.{e.field}", f"{prefix}: {e.label}", e.message)
            for e in contact_person_errors(person)
        ]
    return errors


def _chamber_problem(session: Session, chamber_id: object, own_id: int | None) -> str | None:
    if chamber_id is None:
        return None
    if message := validation.row_id_problem(chamber_id):
        return message
    if chamber_id == own_id:
        return _("An organisation cannot be its own chamber.")
    chamber = session.get(Organization, chamber_id)
    if chamber is None:
        return _("The chosen entry does not exist (any more).")
    if chamber.kind != OrganizationKind.CHAMBER:
        return _("Please choose an organisation of the kind “chamber”.")
    return None


def validate_organization(
    session: Session, data: OrganizationInput, own_id: int | None = None
) -> None:
    """Every check, before anything is written; all problems at once, each naming its field."""
    field_of = {name: (name, label(name)) for name in TEXTS}
    with session.no_autoflush:
        errors = _text_errors(data, TEXTS, field_of)

        def check(name: str, message: str | None) -> None:
            if message and not any(e.field == name for e in errors):
                errors.append(FieldError(name, label(name), message))

        if isinstance(data.name, str) and not data.name:
            check("name", _("Please fill in this field."))
        check("kind", _enum_problem(data.kind, OrganizationKind, required=True))
        check("acquisition_channel", _enum_problem(data.acquisition_channel, AcquisitionChannel))
        check("cooperation_status", _enum_problem(data.cooperation_status, CooperationStatus))
        for name, rule in (
            ("postal_code", validation.postal_code),
            ("betriebsnummer", validation.betriebsnummer),
            ("email", validation.email),
            ("phone", validation.phone),
        ):
            if isinstance(value := getattr(data, name), str):
                check(name, rule(value))
        check("employees", validation.number_range(data.employees, 0, MAX_EMPLOYEES))
        check("first_contact_on", validation.plausible_date(data.first_contact_on))
        check("first_contact_on", validation.not_future(data.first_contact_on, date.today()))
        check("chamber_id", _chamber_problem(session, data.chamber_id, own_id))
        if not isinstance(data.contacts, tuple):
            errors.append(FieldError("contacts", _("Contact persons"), _("Unreadable.")))
        else:
            errors += _contact_errors(data.contacts)
            errors += _stored_contact_errors(session, data.contacts, own_id)
    if errors:
        raise ValidationError(errors)


def _stored_contact_errors(
    session: Session, contacts: Sequence[ContactInput], own_id: int | None
) -> list[FieldError]:
    """Contacts given with an id must be stored ones of this organisation."""
    errors = []
    for index, person in enumerate(contacts):
        if not isinstance(person, ContactInput) or person.id is None:
            continue
        stored = (
            None if validation.row_id_problem(person.id) else session.get(ContactPerson, person.id)
        )
        if stored is None or own_id is None or stored.organization_id != own_id:
            errors.append(
                FieldError(
                    f"contacts.{index}",
                    _("Contact person {name}").format(name=person.name or index + 1),
                    _("It no longer exists."),
                )
            )
    return errors


def _record_values(data: OrganizationInput) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(data, name) for name in RECORD_FIELDS}
    values["betriebsnummer"] = data.betriebsnummer or None  # "" is stored as "no number"
    return values


def _apply_contacts(
    uow: UnitOfWork, organization_id: int, contacts: Sequence[ContactInput]
) -> bool:
    """Bring the stored contact persons in line with ``contacts``; whether anything changed."""
    session = uow.session
    stored = {
        person.id: person
        for person in session.exec(
            select(ContactPerson).where(ContactPerson.organization_id == organization_id)
        ).all()
    }
    kept = {person.id for person in contacts if person.id is not None}
    changed = False
    for person_id, person in stored.items():
        if person_id not in kept:
            session.delete(person)
            audit.record(session, AuditAction.DELETE, CONTACT_ENTITY, person_id)
            changed = True
    for given in contacts:
        if given.id is None:
            person = ContactPerson(organization_id=organization_id, name=given.name)
            for name in CONTACT_FIELDS:
                setattr(person, name, getattr(given, name))
            session.add(person)
            session.flush()
            audit.record(session, AuditAction.CREATE, CONTACT_ENTITY, person.id, CONTACT_FIELDS)
            changed = True
            continue
        person = stored[given.id]
        edited = [name for name in CONTACT_FIELDS if getattr(person, name) != getattr(given, name)]
        for name in edited:
            setattr(person, name, getattr(given, name))
        if edited:
            audit.record(session, AuditAction.UPDATE, CONTACT_ENTITY, given.id, edited)
            changed = True
    return changed


def _not_found(organization_id: object) -> ValidationError:
    return ValidationError(
        [
            FieldError(
                "id",
                _("Organisation"),
                _("No organisation with number {id}.").format(id=organization_id),
            )
        ]
    )


def _get(uow: UnitOfWork, organization_id: int) -> Organization:
    found = (
        None
        if validation.row_id_problem(organization_id)
        else uow.session.get(Organization, organization_id)
    )
    if found is None:
        raise _not_found(organization_id)
    return found


def create_organization(uow: UnitOfWork, data: OrganizationInput) -> Changes:
    """A new organisation with its contact persons (``created``: its id)."""
    data = _cleaned(data)
    validate_organization(uow.session, data)
    values = _record_values(data)
    organization = Organization(**values)  # type: ignore[arg-type]
    uow.session.add(organization)
    uow.session.flush()
    assert organization.id is not None
    set_fields = [name for name, value in values.items() if value not in (None, "")]
    audit.record(uow.session, AuditAction.CREATE, ENTITY, organization.id, set_fields)
    _apply_contacts(uow, organization.id, data.contacts)
    return uow.commit().with_created(organization.id)


def update_organization(uow: UnitOfWork, organization_id: int, data: OrganizationInput) -> Changes:
    """Store the edited form, contact persons added, edited and removed in the same save."""
    data = _cleaned(data)
    organization = _get(uow, organization_id)
    validate_organization(uow.session, data, organization_id)
    values = _record_values(data)
    changed = [name for name, value in values.items() if getattr(organization, name) != value]
    for name in changed:
        setattr(organization, name, values[name])
    if changed:
        audit.record(uow.session, AuditAction.UPDATE, ENTITY, organization_id, changed)
    contacts_changed = _apply_contacts(uow, organization_id, data.contacts)
    if not changed and not contacts_changed:
        return NOTHING
    return uow.commit()


def delete_organization(uow: UnitOfWork, organization_id: int) -> Changes:
    """Delete an organisation with its contact persons, follow-ups and the contact notes that
    belong to it alone. Job offers, participants' links and notes about a participant stay,
    without the organisation; a note of it with further organisations (a Fallkonferenz) stays
    too, the first of them becoming the note's organisation."""
    organization = _get(uow, organization_id)
    for note in uow.session.exec(
        select(ContactNote).where(
            ContactNote.organization_id == organization_id,
            col(ContactNote.participant_id).is_(None),
        )
    ).all():
        further = uow.session.exec(
            select(NoteOrganization)
            .where(
                NoteOrganization.note_id == note.id,
                NoteOrganization.organization_id != organization_id,
            )
            .order_by(col(NoteOrganization.id))
        ).first()
        if further is None:
            uow.session.delete(note)
        else:
            note.organization_id = further.organization_id
    uow.session.delete(organization)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, organization_id)
    return uow.commit()


# -- the directory ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryQuery:
    """What the directory shows: search text, and the filters (``kinds``: any of them)."""

    text: str = ""
    kinds: tuple[OrganizationKind, ...] = ()
    cooperation: CooperationStatus | None = None


class OrganizationRow(NamedTuple):
    """One directory row; codes stay text (labels are made when a cell is painted)."""

    id: int
    name: str
    kind: str  # OrganizationKind code
    postal_code: str
    city: str
    branch: str
    cooperation_status: str | None  # CooperationStatus code
    employees: int | None
    contact_count: int

    @property
    def size_class(self) -> SizeClass | None:
        return SizeClass.from_employees(self.employees)


_ROW_SQL = (
    "SELECT o.id, o.name, o.kind, o.postal_code, o.city, o.branch, o.cooperation_status, "
    "o.employees, (SELECT count(*) FROM contact_person c WHERE c.organization_id = o.id) "
    "FROM organization o"
)
_HIT_ID_ARRAY = (
    f"SELECT json_group_array(rowid) FROM {ORGANIZATION_SEARCH_TABLE} "
    f"WHERE {ORGANIZATION_SEARCH_TABLE} MATCH ?"
)
_MAX_PARAMS = 500


def name_key(name: str) -> str:
    """How organisation names sort: folded ("Öko-Bau" beside "Oko…")."""
    return fold(name).strip()


def _filter_sql(query: DirectoryQuery) -> tuple[str, list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if query.kinds:
        conditions.append(f"kind IN ({', '.join('?' * len(query.kinds))})")
        params += [kind.value for kind in query.kinds]
    if query.cooperation is not None:
        conditions.append("cooperation_status = ?")
        params.append(query.cooperation.value)
    return (f" WHERE {' AND '.join(conditions)}" if conditions else ""), params


def _ordered_ids(reads: Reads, query: DirectoryQuery) -> list[int]:
    where, params = _filter_sql(query)
    rows = reads.rows(f"SELECT id, name FROM organization{where}", params)
    rows.sort(key=lambda row: (name_key(row[1]), row[0]))
    return [row[0] for row in rows]


def _hit_ids(reads: Reads, text: str) -> set[int] | None:
    """The organisations the search text finds (None: no search text)."""
    match = match_expression(text)
    if match is None:
        return None
    (array,) = reads.one(_HIT_ID_ARRAY, (match,))
    return set(json.loads(array))


class OrganizationDirectory:
    """The directory's ids while the user types (as ``caseload.CaseloadList``): the ids of the
    current filters in name order are kept while the data stay the same (SQLite's
    ``data_version``); a keystroke costs one search-index query."""

    def __init__(self, reads: Reads) -> None:
        self._reads = reads
        self._base: DirectoryQuery | None = None
        self._version: int | None = None
        self._ordered: list[int] = []

    def ids(self, query: DirectoryQuery) -> list[int]:
        base = replace(query, text="")
        (version,) = self._reads.one("PRAGMA data_version")
        if base != self._base or version != self._version:
            self._ordered = _ordered_ids(self._reads, base)
            self._base, self._version = base, version
        found = _hit_ids(self._reads, query.text)
        if found is None:
            return list(self._ordered)
        return [oid for oid in self._ordered if oid in found]

    def forget(self) -> None:
        """Read the order again at the next keystroke (a change in this connection)."""
        self._base = None


def organization_rows(reads: Reads, ids: Sequence[int]) -> list[OrganizationRow]:
    """The rows of ``ids`` in that order; ids no longer stored are left out."""
    found: dict[int, OrganizationRow] = {}
    for start in range(0, len(ids), _MAX_PARAMS):
        chunk = list(ids[start : start + _MAX_PARAMS])
        marks = ", ".join("?" * len(chunk))
        for raw in reads.rows(f"{_ROW_SQL} WHERE o.id IN ({marks})", chunk):
            found[raw[0]] = OrganizationRow._make(raw)
    return [found[oid] for oid in ids if oid in found]


def list_organizations(
    reads: Reads, query: DirectoryQuery = DirectoryQuery()
) -> list[OrganizationRow]:
    """The directory: search text over name, Branche, address, Betriebsnummer and the
    contact persons' names (every word a prefix, all must match), the filters, name order."""
    return organization_rows(reads, OrganizationDirectory(reads).ids(query))


_DUPLICATE_SPELLING = re.compile(r"(?<=[aou])e")


def duplicate_key(name: str) -> str:
    """A name as the duplicate check compares it: folded words, "ue" read as "u" (so "Müller
    GmbH", "Mueller GmbH" and "MULLER  gmbh" are one name)."""
    return _DUPLICATE_SPELLING.sub("", " ".join(re.findall(r"\w+", fold(name))))


def possible_duplicates(
    reads: Reads, name: str, postal_code: str, exclude_id: int | None = None
) -> list[OrganizationRow]:
    """Organisations with the same name (ignoring case, accents, ä/ae spellings, spaces and
    punctuation) and the same PLZ; without a PLZ, the same name anywhere."""
    key = duplicate_key(name)
    if not key:
        return []
    plz = postal_code.strip()
    where, params = (" WHERE postal_code = ?", [plz]) if plz else ("", [])
    candidates = reads.rows(f"SELECT id, name FROM organization{where}", params)
    ids = sorted(
        (oid for oid, stored in candidates if oid != exclude_id and duplicate_key(stored) == key)
    )
    return organization_rows(reads, ids)


# -- one organisation's record --------------------------------------------------------------


class ContactPersonRow(NamedTuple):
    id: int
    organization_id: int
    name: str
    function: str
    phone: str
    email: str
    notes: str

    def as_input(self) -> ContactInput:
        return ContactInput(self.name, self.function, self.phone, self.email, self.notes, self.id)


class OrganizationRecord(NamedTuple):
    id: int
    kind: OrganizationKind
    name: str
    street: str
    postal_code: str
    city: str
    branch: str
    employees: int | None
    betriebsnummer: str  # "" when none is stored
    chamber_id: int | None
    chamber_name: str
    first_contact_on: date | None
    acquisition_channel: AcquisitionChannel | None
    cooperation_status: CooperationStatus | None
    support_needs: str
    phone: str
    email: str
    notes: str
    contacts: tuple[ContactPersonRow, ...]

    @property
    def size_class(self) -> SizeClass | None:
        return SizeClass.from_employees(self.employees)

    def as_input(self) -> OrganizationInput:
        values = {name: getattr(self, name) for name in RECORD_FIELDS}
        return OrganizationInput(
            **values,  # type: ignore[arg-type]
            contacts=tuple(person.as_input() for person in self.contacts),
        )


_CONTACT_SQL = (
    "SELECT id, organization_id, name, function, phone, email, notes FROM contact_person "
    "WHERE organization_id = ? ORDER BY name COLLATE NOCASE, id"
)


def contact_persons_of(reads: Reads, organization_id: int) -> list[ContactPersonRow]:
    return [ContactPersonRow._make(r) for r in reads.rows(_CONTACT_SQL, (organization_id,))]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def get_organization(reads: Reads, organization_id: int) -> OrganizationRecord | None:
    """The record with its contact persons; None when there is no such organisation."""
    rows = reads.rows(
        "SELECT o.id, o.kind, o.name, o.street, o.postal_code, o.city, o.branch, o.employees, "
        "coalesce(o.betriebsnummer, ''), o.chamber_id, coalesce(c.name, ''), "
        "o.first_contact_on, o.acquisition_channel, o.cooperation_status, o.support_needs, "
        "o.phone, o.email, o.notes "
        "FROM organization o LEFT JOIN organization c ON c.id = o.chamber_id WHERE o.id = ?",
        (organization_id,),
    )
    if not rows:
        return None
    r = rows[0]
    return OrganizationRecord(
        r[0],
        OrganizationKind(r[1]),
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        r[8],
        r[9],
        r[10],
        _day(r[11]),
        AcquisitionChannel(r[12]) if r[12] else None,
        CooperationStatus(r[13]) if r[13] else None,
        r[14],
        r[15],
        r[16],
        r[17],
        tuple(contact_persons_of(reads, organization_id)),
    )


def organization_name(reads: Reads, organization_id: int) -> str:
    rows = reads.rows("SELECT name FROM organization WHERE id = ?", (organization_id,))
    return rows[0][0] if rows else ""


def chambers(reads: Reads) -> list[tuple[int, str]]:
    """(id, name) of every chamber, by name: the choices of "Kammer"."""
    rows = reads.rows(
        "SELECT id, name FROM organization WHERE kind = ?", (OrganizationKind.CHAMBER.value,)
    )
    return sorted(rows, key=lambda row: (name_key(row[1]), row[0]))


def follow_ups_of_organization(reads: Reads, organization_id: int) -> list[FollowUpRow]:
    """The organisation's Wiedervorlagen (manual ones), by due date."""
    rows = reads.rows(
        "SELECT f.id, f.due_date, f.title, f.kind, f.participant_id, o.name, "
        "f.done_at IS NOT NULL, f.organization_id FROM follow_up f "
        "JOIN organization o ON o.id = f.organization_id "
        "WHERE f.organization_id = ? ORDER BY f.due_date, f.id",
        (organization_id,),
    )
    return [
        FollowUpRow(
            r[0], date.fromisoformat(r[1]), r[2], FollowUpKind(r[3]), r[4], r[5], bool(r[6]), r[7]
        )
        for r in rows
    ]


class OfferRow(NamedTuple):
    """A job offer of the organisation (the Stellenangebote tab, read-only)."""

    id: int
    title: str
    occupation: str
    location: str
    status: JobOfferStatus
    vacancies: int
    start_on: date | None
    valid_until: date | None


def job_offers_of(reads: Reads, organization_id: int) -> list[OfferRow]:
    """Open ones first, then by start and title."""
    rows = reads.rows(
        "SELECT id, title, occupation, location, status, vacancies, start_on, valid_until "
        "FROM job_offer WHERE employer_id = ? "
        "ORDER BY status != 'open', start_on IS NULL, start_on, title COLLATE NOCASE, id",
        (organization_id,),
    )
    return [
        OfferRow(r[0], r[1], r[2], r[3], JobOfferStatus(r[4]), r[5], _day(r[6]), _day(r[7]))
        for r in rows
    ]


# the participant columns that link to an organisation, and those to its contact persons
ORGANIZATION_LINKS = ("jobcenter_id", "school_id", "training_company_id", "chamber_id")
CONTACT_LINKS = ("job_center_advisor_id", "class_teacher_id", "trainer_id")


class LinkedParticipantRow(NamedTuple):
    id: int
    first_name: str
    last_name: str
    program: Program
    status: ParticipantStatus
    links: tuple[str, ...]  # participant fields pointing here (labels: participant_fields)
    contact_person: str  # the contact person they are linked to, if any

    @property
    def name(self) -> str:
        return f"{self.last_name}, {self.first_name}" if self.first_name else self.last_name


def linked_participants(reads: Reads, organization_id: int) -> list[LinkedParticipantRow]:
    """Participants who name this organisation (Jobcenter, Schule, Ausbildungsbetrieb,
    zuständige Stelle) or one of its contact persons, by name."""
    persons = "(SELECT id FROM contact_person WHERE organization_id = :org)"
    linked = [f"p.{column} = :org" for column in ORGANIZATION_LINKS]
    linked += [f"p.{column} IN {persons}" for column in CONTACT_LINKS]
    flags = ", ".join(linked)
    contact = " ".join(f"WHEN p.{column} IN {persons} THEN p.{column}" for column in CONTACT_LINKS)
    rows = reads.rows(
        f"SELECT p.id, p.first_name, p.last_name, p.program, p.status, {flags}, "
        f"(SELECT name FROM contact_person WHERE id = CASE {contact} END) "
        f"FROM participant p WHERE {' OR '.join(linked)} ORDER BY p.name_sort, p.id",
        {"org": organization_id},
    )
    columns = ORGANIZATION_LINKS + CONTACT_LINKS
    return [
        LinkedParticipantRow(
            r[0],
            r[1],
            r[2],
            Program(r[3]),
            ParticipantStatus(r[4]),
            tuple(column for column, flag in zip(columns, r[5:-1], strict=True) if flag),
            r[-1] or "",
        )
        for r in rows
    ]
