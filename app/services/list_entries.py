"""Steps shared by the entries a record lists (a person's Prüfungen, Erziehungsberechtigte,
Fehlzeiten; the courses of the catalogue): the person an entry is added to, one entry by its
id (also a Wiedervorlage's), the texts of an input in their stored form and checked against
their limits, storing a new or edited entry with its audit event, and deleting one.

Each entry's service keeps its own input dataclass, rules and messages; these steps only do
what is the same for all of them. None of them commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, Protocol

from sqlmodel import Session

from app import validation
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models.participant import Participant
from app.services import audit
from app.text import canonical
from app.vocab import AuditAction

# a text field → (multi-line, its column's limit; None: validation.MAX_TEXT)
TextRules = Mapping[str, tuple[bool, int | None]]


class Row(Protocol):
    id: int | None


def participant_of(session: Session, participant_id: object) -> Participant:
    """The person an entry is added to; not a usable id or no such person: a ValidationError
    on ``participant_id``."""
    message = validation.row_id_problem(participant_id)
    found = None if message else session.get(Participant, participant_id)
    if found is None:
        message = message or _("No participant with number {id}.").format(id=participant_id)
        raise ValidationError([FieldError("participant_id", _("Participant"), message)])
    return found


def get_entry[M](session: Session, model: type[M], entry_id: object, what: str) -> M:
    """The entry with this id; none (or no usable id): "It no longer exists." on the field
    ``id``, named ``what`` (the entry's German name, e.g. ``_("Exam")``)."""
    found = None if validation.row_id_problem(entry_id) else session.get(model, entry_id)
    if found is None:
        raise ValidationError([FieldError("id", what, _("It no longer exists."))])
    return found


def cleaned_texts[D](data: D, names: Iterable[str]) -> D:
    """``data`` (a frozen dataclass) with the texts ``names`` in their stored form (NFC,
    stripped); what is not a text is left for the checks to refuse."""
    texts = {name: canonical(v) for name in names if isinstance(v := getattr(data, name), str)}
    return replace(data, **texts)  # type: ignore[type-var]


def text_problems(data: object, rules: TextRules) -> Iterator[tuple[str, str]]:
    """(field, German message) for every text of ``data`` that breaks its rule."""
    for name, (multiline, limit) in rules.items():
        value = getattr(data, name)
        if message := validation.text_problem(value, multiline=multiline, max_length=limit):
            yield name, message


def values_of(data: object, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(data, name) for name in names}


def filled_fields(data: object, names: Iterable[str]) -> list[str]:
    """The fields given a value (not None, not empty): what a new entry's audit names."""
    return [name for name in names if getattr(data, name) not in (None, "")]


def insert_entry(session: Session, entry: Row, entity: str, audited: Iterable[str]) -> int:
    """Add a new entry and its audit event naming the fields ``audited``; its id."""
    session.add(entry)
    session.flush()
    assert entry.id is not None
    audit.record(session, AuditAction.CREATE, entity, entry.id, audited)
    return entry.id


def update_entry(
    session: Session, entry: Row, data: object, names: Iterable[str], entity: str
) -> list[str]:
    """Take over the fields ``names`` of ``data`` that differ from ``entry``, with an audit
    event naming them; the names (none changed: [], and no event)."""
    changed = [name for name in names if getattr(entry, name) != getattr(data, name)]
    if changed:
        for name in changed:
            setattr(entry, name, getattr(data, name))
        audit.record(session, AuditAction.UPDATE, entity, entry.id, changed)
    return changed


def delete_entry(session: Session, entry: Row, entity: str) -> None:
    """Delete the entry, with its audit event."""
    entry_id = entry.id
    session.delete(entry)
    audit.record(session, AuditAction.DELETE, entity, entry_id)
