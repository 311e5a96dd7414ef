"""Einwilligungen: consent per purpose and recipient, withdrawal kept visible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app import validation
from app.db.changes import Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.consent import Consent
from app.models.participant import Participant
from app.services import audit
from app.services.guardians import guardian_names
from app.text import canonical
from app.validation import not_before, not_future, plausible_date
from app.vocab import AuditAction, ConsentPurpose

ENTITY = "consent"
LABELS = {
    "purpose": N_("Purpose"),
    "recipient": N_("Recipient"),
    "given_on": N_("Given on"),
    "text_version": N_("Text version"),
    "guardian_name": N_("Guardian"),
    "withdrawn_on": N_("Withdrawn on"),
}
TEXT_LIMITS = {"recipient": 200, "text_version": 40, "guardian_name": 100}  # one line each


def label(field: str) -> str:
    return _(LABELS[field])


def _same_name(recorded: str, given: str) -> bool:
    return canonical(recorded).casefold() == given.casefold()


@dataclass(frozen=True)
class ConsentInput:
    purpose: ConsentPurpose | None
    recipient: str
    given_on: date | None
    text_version: str = ""
    guardian_name: str = ""


class ConsentRow(NamedTuple):
    id: int
    purpose: ConsentPurpose
    recipient: str
    given_on: date
    text_version: str
    guardian_name: str
    withdrawn_on: date | None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None


def add_consent(
    uow: UnitOfWork, participant_id: int, data: ConsentInput, *, today: date | None = None
) -> Changes:
    """A consent of a person (``created``: its id). A minor's names the guardian who gave it:
    one of the recorded guardians when there are any, else any name."""
    today = today or date.today()
    errors: list[FieldError] = []
    participant = None
    message = validation.row_id_problem(participant_id)
    if message is None and (participant := uow.session.get(Participant, participant_id)) is None:
        message = _("No participant with number {id}.").format(id=participant_id)
    if message:
        errors.append(FieldError("participant_id", _("Participant"), message))
    texts = {
        name: canonical(value) if isinstance(value := getattr(data, name), str) else value
        for name in TEXT_LIMITS
    }
    if data.purpose is None or not isinstance(data.purpose, ConsentPurpose):
        errors.append(FieldError("purpose", label("purpose"), _("Please choose one.")))
    for name, limit in TEXT_LIMITS.items():
        if message := validation.text_problem(texts[name], multiline=False, max_length=limit):
            errors.append(FieldError(name, label(name), message))
    if "recipient" not in {e.field for e in errors} and not texts["recipient"]:
        errors.append(FieldError("recipient", label("recipient"), _("Please fill in this field.")))
    if data.given_on is None:
        errors.append(FieldError("given_on", label("given_on"), _("Please enter a date.")))
    else:
        message = plausible_date(data.given_on) or not_future(data.given_on, today)
        if message:
            errors.append(FieldError("given_on", label("given_on"), message))
    minor = participant is not None and participant.is_minor
    if minor and texts["guardian_name"] == "":
        errors.append(
            FieldError(
                "guardian_name",
                label("guardian_name"),
                _("The participant is a minor: please name the guardian who consented."),
            )
        )
    elif minor and "guardian_name" not in {e.field for e in errors}:
        recorded = guardian_names(uow, participant_id)
        match = next((name for name in recorded if _same_name(name, texts["guardian_name"])), None)
        if recorded and match is None:
            message = _(
                "“{name}” is not recorded as a guardian of the participant. Recorded: {names}."
            ).format(name=texts["guardian_name"], names=", ".join(recorded))
            errors.append(FieldError("guardian_name", label("guardian_name"), message))
        elif match is not None:
            texts["guardian_name"] = match  # as the guardian list spells it
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        participant_id=participant_id,
        purpose=data.purpose,
        recipient=texts["recipient"],
        given_on=data.given_on,
        text_version=texts["text_version"],
        guardian_name=texts["guardian_name"] or None,
    )
    uow.session.add(consent)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, ENTITY, consent.id, list(LABELS)[:5])
    return uow.commit().with_created(consent.id)


def withdraw_consent(
    uow: UnitOfWork, consent_id: int, withdrawn_on: date | None, *, today: date | None = None
) -> Changes:
    consent = (
        None if validation.row_id_problem(consent_id) else uow.session.get(Consent, consent_id)
    )
    if consent is None:
        raise ValidationError([FieldError("id", _("Consent"), _("It no longer exists."))])
    message = (
        _("Please enter a date.")
        if withdrawn_on is None
        else plausible_date(withdrawn_on)
        or not_future(withdrawn_on, today or date.today())
        or not_before(withdrawn_on, consent.given_on, label("given_on"))
    )
    if message:
        raise ValidationError([FieldError("withdrawn_on", label("withdrawn_on"), message)])
    consent.withdrawn_on = withdrawn_on
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, consent_id, ["withdrawn_on"])
    return uow.commit()


def consents_of(reads: Reads, participant_id: int) -> list[ConsentRow]:
    """All consents of a person, withdrawn ones included, newest first."""
    rows = reads.rows(
        "SELECT id, purpose, recipient, given_on, text_version, guardian_name, withdrawn_on "
        "FROM consent WHERE participant_id = ? ORDER BY given_on DESC, id DESC",
        (participant_id,),
    )
    return [
        ConsentRow(
            r[0],
            ConsentPurpose(r[1]),
            r[2],
            date.fromisoformat(r[3]),
            r[4],
            r[5] or "",
            date.fromisoformat(r[6]) if r[6] else None,
        )
        for r in rows
    ]
