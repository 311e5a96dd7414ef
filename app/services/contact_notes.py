"""Kontaktverlauf: contact notes per participant (kept in the search index) or per
organisation (a note without a participant, ``add_organization_note``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.contacts import ContactNote
from app.models.organization import Organization
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


def label(field: str) -> str:
    return _(LABELS[field])


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


def _cleaned(note: NoteInput) -> NoteInput:
    """Texts in their stored form (NFC, stripped); the moment in UTC when it can be."""
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(note, name), str)}
    moment = note.occurred_at
    if validation.plausible_moment(moment) is None and moment is not None:
        texts["occurred_at"] = validation.as_utc(moment)  # type: ignore[assignment]
    return replace(note, **texts)  # type: ignore[arg-type]


def _validate(
    note: NoteInput,
    uow: UnitOfWork | None = None,
    participant_id: int = 0,
    *,
    organization_id: int | None = None,
) -> None:
    """All checks, before anything is written. ``occurred_at`` is an aware moment, or naive
    local time (as the note dialog enters it); it is stored in UTC, between 1900 and 2100.
    With ``organization_id`` the note is an organisation's (no participant is checked)."""
    errors: list[FieldError] = []
    if uow is not None and organization_id is not None:
        message = validation.row_id_problem(organization_id)
        if message is None and uow.session.get(Organization, organization_id) is None:
            message = _("No organisation with number {id}.").format(id=organization_id)
        if message:
            errors.append(FieldError("organization_id", _("Organisation"), message))
    elif uow is not None:
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
    if errors:
        raise ValidationError(errors)


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
    _apply(record, note)
    uow.session.add(record)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, ENTITY, record.id, list(LABELS))
    return uow.commit().with_created(record.id)


def add_organization_note(uow: UnitOfWork, organization_id: int, note: NoteInput) -> Changes:
    """A contact note with an organisation, about no participant (``created``: its id)."""
    note = _cleaned(note)
    _validate(note, uow, organization_id=organization_id)
    record = ContactNote(organization_id=organization_id, author=audit.current_actor())
    _apply(record, note)
    uow.session.add(record)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, ENTITY, record.id, list(LABELS))
    return uow.commit().with_created(record.id)


def update_note(uow: UnitOfWork, note_id: int, note: NoteInput) -> Changes:
    note = _cleaned(note)
    _validate(note)
    record = None if validation.row_id_problem(note_id) else uow.session.get(ContactNote, note_id)
    if record is None:
        raise ValidationError([FieldError("id", _("Contact note"), _("It no longer exists."))])
    changed = _apply(record, note)
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


_NOTE_COLUMNS = (
    "SELECT id, occurred_at, kind, duration_minutes, topics, content, agreements, "
    "interpreter, interpreter_language, author FROM contact_note "
)


def notes_of(reads: Reads, participant_id: int) -> list[NoteRow]:
    """The timeline, newest first."""
    result = reads.rows(
        f"{_NOTE_COLUMNS}WHERE participant_id = ? ORDER BY occurred_at DESC, id DESC",
        (participant_id,),
    )
    return _note_rows(result)


def notes_of_organization(reads: Reads, organization_id: int) -> list[NoteRow]:
    """The organisation's timeline (its notes, also those about a participant), newest first."""
    result = reads.rows(
        f"{_NOTE_COLUMNS}WHERE organization_id = ? ORDER BY occurred_at DESC, id DESC",
        (organization_id,),
    )
    return _note_rows(result)


def _note_rows(result: list[tuple]) -> list[NoteRow]:
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
        )
        for r in result
    ]
