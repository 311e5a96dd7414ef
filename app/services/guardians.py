"""Erziehungsberechtigte of a student: name, Verhältnis, phone, e-mail, address.

For a minor, a consent names the guardian who gave it; once guardians are recorded here, it
must be one of them (app.services.consents).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.participant import ADULT_AGE, Guardian, Participant, age_on
from app.services import audit
from app.text import canonical
from app.vocab import AuditAction, GuardianRelation

ENTITY = "guardian"
LABELS = {
    "name": N_("Name"),
    "relation": N_("Relation"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "address": N_("Address"),
}
# one-line texts with the columns' limits; the address may take several lines
TEXTS: dict[str, tuple[bool, int | None]] = {
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


def _cleaned(data: GuardianInput) -> GuardianInput:
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(data, name), str)}
    return replace(data, **texts)  # type: ignore[arg-type]


def _validate(data: GuardianInput) -> None:
    errors: list[FieldError] = []

    def add(field: str, message: str) -> None:
        errors.append(FieldError(field, label(field), message))

    for name, (multiline, limit) in TEXTS.items():
        value = getattr(data, name)
        if message := validation.text_problem(value, multiline=multiline, max_length=limit):
            add(name, message)
    failed = {error.field for error in errors}
    if "name" not in failed and not data.name:
        add("name", _("Please fill in this field."))
    for name, rule in (("phone", validation.phone), ("email", validation.email)):
        if name not in failed and (message := rule(getattr(data, name))):
            add(name, message)
    if data.relation is not None and not isinstance(data.relation, GuardianRelation):
        add("relation", _("Please choose one."))
    if errors:
        raise ValidationError(sorted(errors, key=lambda e: INPUT_FIELDS.index(e.field)))


def _participant_problem(session: Session, participant_id: object) -> None:
    message = validation.row_id_problem(participant_id)
    if message is None and session.get(Participant, participant_id) is None:
        message = _("No participant with number {id}.").format(id=participant_id)
    if message:
        raise ValidationError([FieldError("participant_id", _("Participant"), message)])


def get_guardian(session: Session, guardian_id: int) -> Guardian:
    found = None if validation.row_id_problem(guardian_id) else session.get(Guardian, guardian_id)
    if found is None:
        raise ValidationError([FieldError("id", _("Guardian"), _("It no longer exists."))])
    return found


def add_guardian(uow: UnitOfWork, participant_id: int, data: GuardianInput) -> Changes:
    """Erfassen (``created``: the guardian's id)."""
    _participant_problem(uow.session, participant_id)
    data = _cleaned(data)
    _validate(data)
    values = {name: getattr(data, name) for name in INPUT_FIELDS}
    guardian = Guardian(participant_id=participant_id, **values)
    uow.session.add(guardian)
    uow.session.flush()
    filled = [name for name in INPUT_FIELDS if getattr(data, name) not in (None, "")]
    audit.record(uow.session, AuditAction.CREATE, ENTITY, guardian.id, filled)
    return uow.commit().with_created(guardian.id)


def update_guardian(uow: UnitOfWork, guardian_id: int, data: GuardianInput) -> Changes:
    """Bearbeiten; unchanged: NOTHING."""
    guardian = get_guardian(uow.session, guardian_id)
    data = _cleaned(data)
    _validate(data)
    changed = [name for name in INPUT_FIELDS if getattr(guardian, name) != getattr(data, name)]
    if not changed:
        return NOTHING
    for name in changed:
        setattr(guardian, name, getattr(data, name))
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, guardian_id, changed)
    return uow.commit()


def delete_guardian(uow: UnitOfWork, guardian_id: int) -> Changes:
    """Löschen: consents given by this guardian keep the name they were given with."""
    guardian = get_guardian(uow.session, guardian_id)
    uow.session.delete(guardian)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, guardian_id)
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
