"""Kontaktverlauf: contact notes per participant, kept in the search index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.contacts import ContactNote
from app.services import audit
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


def _validate(note: NoteInput) -> None:
    errors: list[FieldError] = []
    if note.occurred_at is None:
        errors.append(FieldError("occurred_at", label("occurred_at"), _("Please enter a date.")))
    elif note.occurred_at > datetime.now(UTC) + FUTURE_TOLERANCE:
        errors.append(
            FieldError(
                "occurred_at", label("occurred_at"), _("The date must not lie in the future.")
            )
        )
    if note.kind is None:
        errors.append(FieldError("kind", label("kind"), _("Please choose one.")))
    if note.duration_minutes is not None and not 0 <= note.duration_minutes <= MAX_MINUTES:
        errors.append(
            FieldError(
                "duration_minutes",
                label("duration_minutes"),
                _("Please enter a number from {low} to {high}.").format(low=0, high=MAX_MINUTES),
            )
        )
    if not (note.content.strip() or note.topics.strip() or note.agreements.strip()):
        errors.append(
            FieldError("content", label("content"), _("Please write what the contact was about."))
        )
    if note.interpreter_language and not note.interpreter:
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
    _validate(note)
    record = ContactNote(participant_id=participant_id, author=audit.current_actor())
    _apply(record, note)
    uow.session.add(record)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, ENTITY, record.id, list(LABELS))
    return uow.commit().with_created(record.id)


def update_note(uow: UnitOfWork, note_id: int, note: NoteInput) -> Changes:
    _validate(note)
    record = uow.session.get(ContactNote, note_id)
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


def notes_of(reads: Reads, participant_id: int) -> list[NoteRow]:
    """The timeline, newest first."""
    result = reads.rows(
        "SELECT id, occurred_at, kind, duration_minutes, topics, content, agreements, "
        "interpreter, interpreter_language, author FROM contact_note "
        "WHERE participant_id = ? ORDER BY occurred_at DESC, id DESC",
        (participant_id,),
    )
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
