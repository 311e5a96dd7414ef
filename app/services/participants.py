"""Participants: create, edit, validate, exit, delete; duplicate check.

Operations take a unit of work, commit it once and return the ``Changes``
(docs/architecture.md, "Operations"); ``apply_update`` is the step that composite operations
(the record editor's save with its plan) share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from app.db.changes import NOTHING, Changes
from app.db.derived_rows import sort_key
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models.organization import ContactPerson, Organization
from app.models.participant import Participant
from app.models.participant_fields import EDITABLE_FIELDS, label
from app.services import audit, follow_ups, validation_rules
from app.text import canonical
from app.vocab import AuditAction, ExitOutcome, ExitReason, ParticipantStatus, Program

ENTITY = "participant"


def _not_found(participant_id: int) -> ValidationError:
    return ValidationError(
        [
            FieldError(
                "id",
                _("Participant"),
                _("No participant with number {id}.").format(id=participant_id),
            )
        ]
    )


def get_participant(uow: UnitOfWork, participant_id: int) -> Participant:
    participant = uow.session.get(Participant, participant_id)
    if participant is None:
        raise _not_found(participant_id)
    return participant


# links to other records: the row must exist (else the database refuses the foreign key)
REFERENCES: dict[str, type[Organization] | type[ContactPerson]] = {
    "jobcenter_id": Organization,
    "school_id": Organization,
    "training_company_id": Organization,
    "chamber_id": Organization,
    "job_center_advisor_id": ContactPerson,
    "class_teacher_id": ContactPerson,
    "trainer_id": ContactPerson,
}


def _clean_item(value: Any) -> Any:
    if isinstance(value, str):
        return canonical(value)
    if isinstance(value, list):
        return [canonical(item) if isinstance(item, str) else item for item in value]
    return value


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Texts (and list entries) in their stored form: NFC, stripped; empty optional codes None."""
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise KeyError(f"not editable: {sorted(unknown)}")
    cleaned = {k: _clean_item(v) for k, v in values.items()}
    for name in validation_rules.NULLABLE_TEXTS:
        if cleaned.get(name) == "":
            cleaned[name] = None
    return cleaned


def _check_unique_esf_number(session: Session, participant: Participant) -> list[FieldError]:
    if not participant.esf_number:
        return []
    clash = session.exec(
        select(Participant.id).where(
            Participant.esf_number == participant.esf_number, Participant.id != participant.id
        )
    ).first()
    if clash is None:
        return []
    return [
        FieldError(
            "esf_number",
            label("esf_number"),
            _("This number is already used by another participant."),
        )
    ]


def _check_references(session: Session, participant: Participant) -> list[FieldError]:
    errors = []
    for name, table in REFERENCES.items():
        value = getattr(participant, name)
        if value is None:
            continue
        if message := validation_rules.reference_problem(session, table, value):
            errors.append(FieldError(name, label(name), message))
    return errors


def _validate(session: Session, participant: Participant, today: date) -> None:
    """Every check, before anything is written: nothing is flushed while checking (an edited
    record would otherwise reach the database, and its unique TN-Nr. with it)."""
    with session.no_autoflush:
        errors = validation_rules.participant_errors(participant, today)
        if not any(e.field == "esf_number" for e in errors):
            errors += _check_unique_esf_number(session, participant)
        errors += _check_references(session, participant)
    if errors:
        raise ValidationError(errors)


def create_participant(
    uow: UnitOfWork, values: dict[str, Any], *, today: date | None = None
) -> Changes:
    """Validate and store a new participant (``created``: the id). Nothing is stored on error."""
    values = _clean(values)
    participant = Participant(**values)
    _validate(uow.session, participant, today or date.today())
    uow.session.add(participant)
    uow.session.flush()
    assert participant.id is not None
    follow_ups.regenerate(uow.session, participant)
    set_fields = [k for k, v in values.items() if v not in (None, "", [])]
    audit.record(uow.session, AuditAction.CREATE, ENTITY, participant.id, set_fields)
    return uow.commit().with_created(participant.id)


def apply_update(
    uow: UnitOfWork, participant_id: int, values: dict[str, Any], *, today: date | None = None
) -> list[str]:
    """Step: apply changed values, regenerate follow-ups, audit; the names of the fields that
    really changed. Does not commit."""
    values = _clean(values)
    participant = get_participant(uow, participant_id)
    changed = [name for name, value in values.items() if getattr(participant, name) != value]
    if not changed:
        return []
    before = {name: getattr(participant, name) for name in changed}
    for name in changed:
        setattr(participant, name, values[name])
    try:
        _validate(uow.session, participant, today or date.today())
    except ValidationError:
        for name, value in before.items():  # refused: the session holds the record as it was
            setattr(participant, name, value)
        raise
    follow_ups.regenerate(uow.session, participant)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, participant_id, changed)
    return changed


def update_participant(
    uow: UnitOfWork, participant_id: int, values: dict[str, Any], *, today: date | None = None
) -> Changes:
    """Apply changed values (with the follow-ups they generate); nothing changed: NOTHING."""
    if not apply_update(uow, participant_id, values, today=today):
        return NOTHING
    return uow.commit()


@dataclass(frozen=True)
class ExitData:
    exit_date: date | None
    reason: ExitReason | None
    outcome: ExitOutcome | None
    outcome_on: date | None = None
    qualification_gained: bool | None = None


def exit_participant(
    uow: UnitOfWork, participant_id: int, data: ExitData, *, today: date | None = None
) -> Changes:
    """Austritt with Verbleib: sets status, dates, and the follow-ups for the outcome checks."""
    errors = []
    if data.exit_date is None:
        errors.append(FieldError("exit_date", label("exit_date"), _("Please enter a date.")))
    if data.reason is None:
        errors.append(FieldError("exit_reason", label("exit_reason"), _("Please choose one.")))
    if errors:
        raise ValidationError(errors)
    return update_participant(
        uow,
        participant_id,
        {
            "status": ParticipantStatus.EXITED,
            "exit_date": data.exit_date,
            "exit_reason": data.reason,
            "exit_outcome": data.outcome,
            "exit_outcome_on": data.outcome_on,
            "qualification_gained": data.qualification_gained,
        },
        today=today,
    )


def delete_participant(uow: UnitOfWork, participant_id: int) -> Changes:
    """Delete a person with all their notes, follow-ups, consents and plans (cascade)."""
    participant = get_participant(uow, participant_id)
    uow.session.delete(participant)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, participant_id)
    return uow.commit()


class DuplicateCandidate(NamedTuple):
    id: int
    first_name: str
    last_name: str
    postal_code: str
    birth_date: date | None
    program: Program


def find_duplicates(
    uow: UnitOfWork,
    first_name: str,
    last_name: str,
    postal_code: str,
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """People with the same first name, last name and PLZ, ignoring case and accents."""
    key = sort_key(first_name, last_name)
    if not key or not postal_code.strip():
        return []
    rows = uow.session.exec(
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.postal_code,
            Participant.birth_date,
            Participant.program,
        ).where(
            Participant.name_sort == key,
            Participant.postal_code == postal_code.strip(),
            col(Participant.id) != (exclude_id or -1),
        )
    ).all()
    return [DuplicateCandidate(*row) for row in rows]
