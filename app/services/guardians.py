"""Erziehungsberechtigte of a student: name, Verhältnis, phone, e-mail, address.

For a minor, a consent names the guardian who gave it; once guardians are recorded here, it
must be one of them (app.services.consents).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.participant import ADULT_AGE, Guardian, age_on
from app.services import list_entries as entries
from app.vocab import GuardianRelation

ENTITY = "guardian"
LABELS = {
    "name": N_("Name"),
    "relation": N_("Relation"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "address": N_("Address"),
}
# one-line texts with the columns' limits; the address may take several lines
TEXTS: entries.TextRules = {
    "name": (False, 100),
    "phone": (False, 40),
    "email": (False, 254),
    "address": (True, None),
}


def label(field: str) -> str:
    return _(LABELS[field])


@dataclass(frozen=True)
class GuardianInput:
    name: str
    relation: GuardianRelation | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


INPUT_FIELDS = tuple(f.name for f in fields(GuardianInput))


def _validate(data: GuardianInput) -> None:
    errors: list[FieldError] = []

    def check(field: str, message: str | None) -> None:
        if message and not any(e.field == field for e in errors):
            errors.append(FieldError(field, label(field), message))

    for name, message in entries.text_problems(data, TEXTS):
        check(name, message)
    if isinstance(data.name, str) and not data.name:
        check("name", _("Please fill in this field."))
    for name, rule in (("phone", validation.phone), ("email", validation.email)):
        if isinstance(value := getattr(data, name), str):
            check(name, rule(value))
    if data.relation is not None and not isinstance(data.relation, GuardianRelation):
        check("relation", _("Please choose one."))
    if errors:
        raise ValidationError(sorted(errors, key=lambda e: INPUT_FIELDS.index(e.field)))


def get_guardian(session: Session, guardian_id: int) -> Guardian:
    return entries.get_entry(session, Guardian, guardian_id, _("Guardian"))


def add_guardian(uow: UnitOfWork, participant_id: int, data: GuardianInput) -> Changes:
    """Erfassen (``created``: the guardian's id)."""
    entries.participant_of(uow.session, participant_id)
    data = entries.cleaned_texts(data, TEXTS)
    _validate(data)
    guardian = Guardian(participant_id=participant_id, **entries.values_of(data, INPUT_FIELDS))
    guardian_id = entries.insert_entry(
        uow.session, guardian, ENTITY, entries.filled_fields(data, INPUT_FIELDS)
    )
    return uow.commit().with_created(guardian_id)


def update_guardian(uow: UnitOfWork, guardian_id: int, data: GuardianInput) -> Changes:
    """Bearbeiten; unchanged: NOTHING."""
    guardian = get_guardian(uow.session, guardian_id)
    data = entries.cleaned_texts(data, TEXTS)
    _validate(data)
    if not entries.update_entry(uow.session, guardian, data, INPUT_FIELDS, ENTITY):
        return NOTHING
    return uow.commit()


def delete_guardian(uow: UnitOfWork, guardian_id: int) -> Changes:
    """Löschen: consents given by this guardian keep the name they were given with."""
    entries.delete_entry(uow.session, get_guardian(uow.session, guardian_id), ENTITY)
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


class GuardianRow(NamedTuple):
    id: int
    participant_id: int
    name: str
    relation: GuardianRelation | None
    phone: str
    email: str
    address: str

    def as_input(self) -> GuardianInput:
        return GuardianInput(**{name: getattr(self, name) for name in INPUT_FIELDS})


def guardians_of(reads: Reads, participant_id: int) -> list[GuardianRow]:
    """The person's guardians in the order they were recorded."""
    rows = reads.rows(
        "SELECT id, participant_id, name, relation, phone, email, address FROM guardian "
        "WHERE participant_id = ? ORDER BY id",
        (participant_id,),
    )
    return [
        GuardianRow(r[0], r[1], r[2], None if r[3] is None else GuardianRelation(r[3]), *r[4:])
        for r in rows
    ]


def guardian_names(reads: Reads, participant_id: int) -> list[str]:
    return [row.name for row in guardians_of(reads, participant_id)]


def is_minor(reads: Reads, participant_id: int, today: date | None = None) -> bool | None:
    """Whether the person is under 18 today (None: no birth date, or no such person)."""
    found = reads.rows("SELECT birth_date FROM participant WHERE id = ?", (participant_id,))
    if not found or found[0][0] is None:
        return None
    return age_on(date.fromisoformat(found[0][0]), today or date.today()) < ADULT_AGE
