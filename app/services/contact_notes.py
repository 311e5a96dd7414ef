"""Kontaktverlauf: contact notes per participant (kept in the search index) or per
organisation (a note without a participant, ``add_organization_note``).

A note may name further organisations taking part (Beteiligte Organisationen, each with a
contact person or none: table ``contact_note_organization``), as a Fallkonferenz does. The
note then shows in the timeline of each of them as well as in its main organisation's
(``ContactNote.organization_id``) and its participant's. The main organisation may be listed
too, to name its contact person; an organisation is listed once. A Fallkonferenz names at
least one organisation (the main one counts); one stored without, from before, may stay so."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.contacts import ContactNote, NoteOrganization
from app.models.organization import ContactPerson, Organization
from app.models.participant import Participant
from app.services import audit
from app.text import canonical
from app.vocab import AuditAction, ContactKind

ENTITY = "contact_note"
MAX_MINUTES = 24 * 60
FUTURE_TOLERANCE = timedelta(hours=12)  # clock and time-zone slack
LABELS = {
    "occurred_at": N_("Date and time"),
    "kind": N_("Kind of contact"),
    "duration_minutes": N_("Duration (minutes)"),
    "participants": N_("Taking part"),
    "topics": N_("Topics"),
    "content": N_("Content"),
    "agreements": N_("Agreements"),
    "interpreter": N_("Interpreter present"),
    "interpreter_language": N_("Interpreter language"),
}
# text fields: multi-line or not, and the declared limit (None: validation.MAX_TEXT)
TEXTS: dict[str, tuple[bool, int | None]] = {
    "participants": (False, None),
    "topics": (False, None),
    "content": (True, None),
    "agreements": (True, None),
    "interpreter_language": (False, 60),
}


ORGANIZATIONS = "organizations"  # the further organisations: their field name
ORGANIZATIONS_LABEL = N_("Organisations taking part")
MAX_ORGANIZATIONS = 20

# (organization_id, contact_person_id or None): one organisation taking part
NoteParty = tuple[int, int | None]


def label(field: str) -> str:
    return _(ORGANIZATIONS_LABEL) if field == ORGANIZATIONS else _(LABELS[field])


@dataclass(frozen=True)
class NoteInput:
    occurred_at: datetime | None
    kind: ContactKind | None
    content: str
    duration_minutes: int | None = None
    topics: str = ""
    agreements: str = ""
    participants: str = ""
    interpreter: bool = False
    interpreter_language: str = ""
    # further organisations taking part, in their order; on update they replace the stored set
    organizations: tuple[NoteParty, ...] = ()


class PartyRow(NamedTuple):
    """An organisation taking part in a note, with its contact person (or none)."""

    organization_id: int
    organization_name: str
    contact_person_id: int | None = None
    contact_person_name: str = ""

    def as_input(self) -> NoteParty:
        return (self.organization_id, self.contact_person_id)


class NoteRow(NamedTuple):
    id: int
    occurred_at: datetime
    kind: ContactKind
    duration_minutes: int | None
    topics: str
    content: str
    agreements: str
    interpreter: bool
    interpreter_language: str
    author: str
    participant_id: int | None = None
    participant_name: str = ""  # "Vorname Nachname" ("" for an organisation's note)
    organization_id: int | None = None  # the note's main organisation
    organization_name: str = ""
    organizations: tuple[PartyRow, ...] = ()  # the further ones, as stored

    def parties(self) -> tuple[PartyRow, ...]:
        """Every organisation taking part: the main one first (with its contact person when
        the further ones list it too), then the further ones."""
        if self.organization_id is None:
            return self.organizations
        main = self.organization_id
        own = next((p for p in self.organizations if p.organization_id == main), None)
        first = own or PartyRow(self.organization_id, self.organization_name)
        return (first, *(p for p in self.organizations if p is not own))

    def party_inputs(self) -> tuple[NoteParty, ...]:
        """The further organisations as a ``NoteInput`` names them."""
        return tuple(party.as_input() for party in self.organizations)


def _parties(value: object) -> object:
    """Well-formed pairs as a tuple of tuples; anything else as given (validation names it)."""
    if not isinstance(value, tuple | list):
        return value
    if not all(isinstance(pair, tuple | list) and len(pair) == 2 for pair in value):
        return value
    return tuple((organization_id, person_id) for organization_id, person_id in value)


def _cleaned(note: NoteInput) -> NoteInput:
    """Texts in their stored form (NFC, stripped); the moment in UTC when it can be."""
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(note, name), str)}
    moment = note.occurred_at
    if validation.plausible_moment(moment) is None and moment is not None:
        texts["occurred_at"] = validation.as_utc(moment)  # type: ignore[assignment]
    texts[ORGANIZATIONS] = _parties(note.organizations)  # type: ignore[assignment]
    return replace(note, **texts)  # type: ignore[arg-type]


def _validate(
    note: NoteInput,
    uow: UnitOfWork | None = None,
    participant_id: int = 0,
    *,
    organization_id: int | None = None,
    stored: ContactNote | None = None,
) -> None:
    """All checks, before anything is written. ``occurred_at`` is an aware moment, or naive
    local time (as the note dialog enters it); it is stored in UTC, between 1900 and 2100.
    With ``organization_id`` the note is an organisation's (no participant is checked).
    With a unit of work the organisations taking part are checked as well; ``stored``: the
    note as it is (an update)."""
    errors: list[FieldError] = []
    if uow is None or stored is not None:
        pass  # nothing to check, or an update: the note's person and organisation stay
    elif organization_id is not None:
        message = validation.row_id_problem(organization_id)
        if message is None and uow.session.get(Organization, organization_id) is None:
            message = _("No organisation with number {id}.").format(id=organization_id)
        if message:
            errors.append(FieldError("organization_id", _("Organisation"), message))
    else:
        message = validation.row_id_problem(participant_id)
        if message is None and uow.session.get(Participant, participant_id) is None:
            message = _("No participant with number {id}.").format(id=participant_id)
        if message:
            errors.append(FieldError("participant_id", _("Participant"), message))
    if note.occurred_at is None:
        errors.append(FieldError("occurred_at", label("occurred_at"), _("Please enter a date.")))
    elif message := validation.plausible_moment(note.occurred_at):
        errors.append(FieldError("occurred_at", label("occurred_at"), message))
    elif validation.as_utc(note.occurred_at) > datetime.now(UTC) + FUTURE_TOLERANCE:
        errors.append(
            FieldError(
                "occurred_at", label("occurred_at"), _("The date must not lie in the future.")
            )
        )
    if note.kind is None or not isinstance(note.kind, ContactKind):
        errors.append(FieldError("kind", label("kind"), _("Please choose one.")))
    if message := validation.number_range(note.duration_minutes, 0, MAX_MINUTES):
        errors.append(FieldError("duration_minutes", label("duration_minutes"), message))
    for name, (multiline, limit) in TEXTS.items():
        value = getattr(note, name)
        if message := validation.text_problem(value, multiline=multiline, max_length=limit):
            errors.append(FieldError(name, label(name), message))
    if not isinstance(note.interpreter, bool):
        errors.append(FieldError("interpreter", label("interpreter"), _("Please choose one.")))
    if any(e.field in ("content", "topics", "agreements") for e in errors):
        pass  # the texts themselves are wrong: that message says enough
    elif not (note.content.strip() or note.topics.strip() or note.agreements.strip()):
        errors.append(
            FieldError("content", label("content"), _("Please write what the contact was about."))
        )
    language = note.interpreter_language
    if isinstance(language, str) and language and not note.interpreter:
        errors.append(
            FieldError(
                "interpreter",
                label("interpreter"),
                _("A language is given, but no interpreter is marked as present."),
            )
        )
    if uow is not None:
        main = stored.organization_id if stored is not None else organization_id
        errors += _party_errors(uow.session, note, main, stored)
    if errors:
        raise ValidationError(errors)


def _stored_parties(session: Session, note_id: int) -> list[NoteOrganization]:
    query = select(NoteOrganization).where(NoteOrganization.note_id == note_id)
    return list(session.exec(query.order_by(NoteOrganization.id)).all())  # type: ignore[arg-type]


def _party_errors(
    session: Session, note: NoteInput, main_id: int | None, stored: ContactNote | None
) -> list[FieldError]:
    """Each organisation exists and is named once, each contact person belongs to the
    organisation beside it, and a Fallkonferenz names one at least (the main one counts)."""
    problems: list[str] = []
    parties = note.organizations
    if not isinstance(parties, tuple) or not all(
        isinstance(pair, tuple) and len(pair) == 2 for pair in parties
    ):
        return [
            FieldError(ORGANIZATIONS, label(ORGANIZATIONS), _("Please choose an existing entry."))
        ]
    elif len(parties) > MAX_ORGANIZATIONS:
        problems.append(
            _("At most {count} organisations can be named.").format(count=MAX_ORGANIZATIONS)
        )
    seen: set[int] = set()
    for organization_id, person_id in parties:
        if message := validation.row_id_problem(organization_id):
            problems.append(message)
            continue
        organization = session.get(Organization, organization_id)
        if organization is None:
            problems.append(_("No organisation with number {id}.").format(id=organization_id))
            continue
        if organization_id in seen:
            problems.append(_("{name} is named twice.").format(name=organization.name))
            continue
        seen.add(organization_id)
        if person_id is None:
            continue
        if message := validation.row_id_problem(person_id):
            problems.append(message)
            continue
        person = session.get(ContactPerson, person_id)
        if person is None:
            problems.append(_("No contact person with number {id}.").format(id=person_id))
        elif person.organization_id != organization_id:
            problems.append(
                _("{person} is not a contact person of {name}.").format(
                    person=person.name, name=organization.name
                )
            )
    if note.kind is ContactKind.CASE_CONFERENCE and not parties and main_id is None:
        # a Fallkonferenz stored without organisations (before #18) may stay so when edited
        kept = (
            stored is not None
            and stored.kind is ContactKind.CASE_CONFERENCE
            and stored.id is not None
            and not _stored_parties(session, stored.id)
        )
        if not kept:
            problems.append(_("A case conference needs at least one organisation taking part."))
    return [FieldError(ORGANIZATIONS, label(ORGANIZATIONS), message) for message in problems]


def _apply_parties(session: Session, note_id: int, parties: tuple[NoteParty, ...]) -> bool:
    """Make the note's further organisations exactly ``parties`` (kept rows keep their place,
    new ones come after them); whether anything changed."""
    wanted = dict(parties)
    stored = _stored_parties(session, note_id)
    changed = False
    for row in stored:
        if row.organization_id not in wanted:
            session.delete(row)
            changed = True
        elif row.contact_person_id != wanted[row.organization_id]:
            row.contact_person_id = wanted[row.organization_id]
            changed = True
    kept = {row.organization_id for row in stored}
    for organization_id, person_id in parties:
        if organization_id not in kept:
            session.add(
                NoteOrganization(
                    note_id=note_id, organization_id=organization_id, contact_person_id=person_id
                )
            )
            changed = True
    return changed


def _apply(target: ContactNote, note: NoteInput) -> list[str]:
    changed = []
    for field in LABELS:
        value = getattr(note, field)
        value = value.strip() if isinstance(value, str) else value
        if getattr(target, field) != value:
            setattr(target, field, value)
            changed.append(field)
    return changed


def add_note(uow: UnitOfWork, participant_id: int, note: NoteInput) -> Changes:
    """A contact note for a person (``created``: its id); it is searchable at once."""
    note = _cleaned(note)
    _validate(note, uow, participant_id)
    record = ContactNote(participant_id=participant_id, author=audit.current_actor())
    return _create(uow, record, note)


def add_organization_note(uow: UnitOfWork, organization_id: int, note: NoteInput) -> Changes:
    """A contact note with an organisation, about no participant (``created``: its id)."""
    note = _cleaned(note)
    _validate(note, uow, organization_id=organization_id)
    record = ContactNote(organization_id=organization_id, author=audit.current_actor())
    return _create(uow, record, note)


def _create(uow: UnitOfWork, record: ContactNote, note: NoteInput) -> Changes:
    _apply(record, note)
    uow.session.add(record)
    uow.session.flush()
    assert record.id is not None
    fields = list(LABELS)
    if _apply_parties(uow.session, record.id, note.organizations):
        fields.append(ORGANIZATIONS)
    audit.record(uow.session, AuditAction.CREATE, ENTITY, record.id, fields)
    return uow.commit().with_created(record.id)


def update_note(uow: UnitOfWork, note_id: int, note: NoteInput) -> Changes:
    """The note's fields and its further organisations (the set given replaces the stored
    one); the participant and the main organisation stay."""
    note = _cleaned(note)
    record = None if validation.row_id_problem(note_id) else uow.session.get(ContactNote, note_id)
    if record is None:
        _validate(note)
        raise ValidationError([FieldError("id", _("Contact note"), _("It no longer exists."))])
    _validate(note, uow, stored=record)
    changed = _apply(record, note)
    if _apply_parties(uow.session, note_id, note.organizations):
        changed.append(ORGANIZATIONS)
    if not changed:
        return NOTHING
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, note_id, changed)
    return uow.commit()


def delete_note(uow: UnitOfWork, note_id: int) -> Changes:
    record = uow.session.get(ContactNote, note_id)
    if record is None:
        return NOTHING
    uow.session.delete(record)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, note_id)
    return uow.commit()


_NOTE_SQL = (
    "SELECT n.id, n.occurred_at, n.kind, n.duration_minutes, n.topics, n.content, "
    "n.agreements, n.interpreter, n.interpreter_language, n.author, n.participant_id, "
    "coalesce(trim(p.first_name || ' ' || p.last_name), ''), n.organization_id, "
    "coalesce(o.name, '') FROM contact_note n "
    "LEFT JOIN participant p ON p.id = n.participant_id "
    "LEFT JOIN organization o ON o.id = n.organization_id "
)
_PARTIES_SQL = (
    "SELECT x.note_id, x.organization_id, o.name, x.contact_person_id, coalesce(c.name, '') "
    "FROM contact_note_organization x JOIN organization o ON o.id = x.organization_id "
    "LEFT JOIN contact_person c ON c.id = x.contact_person_id "
    "WHERE x.note_id IN (SELECT value FROM json_each(?)) ORDER BY x.note_id, x.id"
)
# the notes of an organisation: its own, and those it takes part in (each over its index)
_OF_ORGANIZATION = (
    "SELECT id FROM contact_note WHERE organization_id = ? "
    "UNION SELECT note_id FROM contact_note_organization WHERE organization_id = ?"
)
_NEWEST_FIRST = " ORDER BY n.occurred_at DESC, n.id DESC"


def notes_of(reads: Reads, participant_id: int) -> list[NoteRow]:
    """The timeline, newest first."""
    result = reads.rows(f"{_NOTE_SQL}WHERE n.participant_id = ?{_NEWEST_FIRST}", (participant_id,))
    return _note_rows(reads, result)


def notes_of_organization(reads: Reads, organization_id: int) -> list[NoteRow]:
    """The organisation's timeline, newest first: the notes it is the main organisation of
    (also those about a participant) and those it takes part in."""
    result = reads.rows(
        f"{_NOTE_SQL}WHERE n.id IN ({_OF_ORGANIZATION}){_NEWEST_FIRST}",
        (organization_id, organization_id),
    )
    return _note_rows(reads, result)


def notes_concern_organization(reads: Reads, organization_id: int, note_ids: Iterable[int]) -> bool:
    """Whether any of these notes (as they are now) is in the organisation's timeline."""
    ids = json.dumps(sorted(note_ids))
    (found,) = reads.one(
        "SELECT EXISTS (SELECT 1 FROM contact_note WHERE organization_id = ? "
        "AND id IN (SELECT value FROM json_each(?))) "
        "OR EXISTS (SELECT 1 FROM contact_note_organization WHERE organization_id = ? "
        "AND note_id IN (SELECT value FROM json_each(?)))",
        (organization_id, ids, organization_id, ids),
    )
    return bool(found)


def _note_rows(reads: Reads, result: list[tuple]) -> list[NoteRow]:
    parties: dict[int, list[PartyRow]] = defaultdict(list)
    if result:
        ids = json.dumps([r[0] for r in result])
        for note_id, *party in reads.rows(_PARTIES_SQL, (ids,)):
            parties[note_id].append(PartyRow(*party))
    return [
        NoteRow(
            r[0],
            datetime.fromisoformat(r[1]).replace(tzinfo=UTC),
            ContactKind(r[2]),
            r[3],
            r[4],
            r[5],
            r[6],
            bool(r[7]),
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
            r[13],
            tuple(parties.get(r[0], ())),
        )
        for r in result
    ]
