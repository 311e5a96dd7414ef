"""Stellenangebote: create, edit and withdraw an offer; its expiry reminder; the list and the
record.

Operations take a unit of work, check everything before anything is written, commit once and
return the ``Changes`` (docs/architecture.md, "Operations"). An offer is **expired** when it is
open and its "gültig bis" lies before today: a flag of the reads, never a stored status (the
coordinator decides whether to extend, fill or withdraw it). While an offer is open and has a
"gültig bis", its employer gets a generated Wiedervorlage ``EXPIRY_LEAD`` before that day;
it follows the offer's changes and goes when the offer is filled or withdrawn (a done one
stays as history). ``sync_expiry_follow_up`` is the step other operations that change an
offer's status call (``placements.mark_offer_filled``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _, format_date
from app.models.contacts import FollowUp
from app.models.jobs import JobOffer
from app.models.organization import Organization
from app.services import audit
from app.text import canonical, fold, index_text
from app.vocab import (
    AuditAction,
    DrivingLicenceClass,
    FollowUpKind,
    GermanLevel,
    JobOfferSource,
    JobOfferStatus,
    OrganizationKind,
    SkillLevel,
)

ENTITY = "job_offer"
# The employer's reminder, this long before "gültig bis" (to be confirmed by the office).
EXPIRY_LEAD = timedelta(days=14)
EXPIRY_KEY = "offer_expiry"
EXPIRY_KIND = FollowUpKind.OFFER_EXPIRY
MAX_TITLE_IN_REMINDER = 120
MAX_HOURS = 60
MAX_VACANCIES = 999
MAX_WAGE_CENTS = 100_000  # 1.000 € an hour: anything above is a typing error
EMPLOYER_KINDS = (OrganizationKind.EMPLOYER, OrganizationKind.TRAINING_COMPANY)

LABELS = {
    "title": N_("Title"),
    "employer_id": N_("Employer"),
    "occupation": N_("Occupation"),
    "skill_level": N_("Skill level"),
    "location": N_("Place of work"),
    "location_postal_code": N_("Postcode of the place of work"),
    "hours_per_week": N_("Hours per week"),
    "shifts": N_("Shifts"),
    "start_on": N_("Start"),
    "fixed_term_until": N_("Fixed-term until"),
    "hourly_wage_cents": N_("Hourly wage (€)"),
    "social_insurance": N_("Subject to social insurance"),
    "min_german_level": N_("Minimum German level"),
    "required_driving_licence": N_("Driving licence required"),
    "vacancies": N_("Number of places"),
    "source": N_("Source"),
    "status": N_("Status"),
    "acquired_on": N_("Acquired on"),
    "valid_until": N_("Valid until"),
    "notes": N_("Remarks"),
}
# one-line texts with their limits (the model's); notes are multi-line
TEXTS: dict[str, int | None] = {
    "title": 200,
    "occupation": 150,
    "location": 100,
    "location_postal_code": 5,
    "shifts": 100,
    "notes": None,
}
ENUMS: dict[str, type] = {
    "skill_level": SkillLevel,
    "min_german_level": GermanLevel,
    "required_driving_licence": DrivingLicenceClass,
    "source": JobOfferSource,
    "status": JobOfferStatus,
}
DATES = ("start_on", "fixed_term_until", "acquired_on", "valid_until")


def label(field: str) -> str:
    return _(LABELS[field])


@dataclass(frozen=True)
class OfferInput:
    """What the offer form holds; money in cents, hours as a number (``parse_euros``,
    ``parse_hours`` read what was typed)."""

    title: str
    employer_id: int | None
    occupation: str = ""
    skill_level: SkillLevel | None = None
    location: str = ""
    location_postal_code: str = ""
    hours_per_week: float | None = None
    shifts: str = ""
    start_on: date | None = None
    fixed_term_until: date | None = None
    hourly_wage_cents: int | None = None
    social_insurance: bool | None = None
    min_german_level: GermanLevel | None = None
    required_driving_licence: DrivingLicenceClass | None = None
    vacancies: int = 1
    source: JobOfferSource | None = None
    status: JobOfferStatus = JobOfferStatus.OPEN
    acquired_on: date | None = None
    valid_until: date | None = None
    notes: str = ""


FIELDS = tuple(f.name for f in fields(OfferInput))


# -- what is typed: euros and hours --------------------------------------------------------------

_EUROS = re.compile(r"(-?)(\d{1,9})(?:[,.](\d{1,2}))?(?:\s*€)?")
_HOURS = re.compile(r"-?\d{1,4}(?:[,.]\d{1,2})?")


def parse_euros(text: str) -> int | None:
    """ "13,50" (or "13.50", "13", "13,5 €") → 1350 cents; empty → None; a minus is kept (the
    check refuses it with a message). ValueError on anything else."""
    text = text.strip()
    if not text:
        return None
    match = _EUROS.fullmatch(text)
    if match is None:
        raise ValueError(text)
    sign, euros, cents = match.groups()
    value = int(euros) * 100 + int((cents or "0").ljust(2, "0"))
    return -value if sign else value


def format_euros(cents: int | None) -> str:
    """1350 → "13,50"; None → ""."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"


def parse_hours(text: str) -> float | None:
    """ "38,5" (or "38.5", "40") → 38.5; empty → None; ValueError on anything else."""
    text = text.strip()
    if not text:
        return None
    if _HOURS.fullmatch(text) is None:
        raise ValueError(text)
    return float(text.replace(",", "."))


def format_hours(hours: float | None) -> str:
    """38.5 → "38,5", 40.0 → "40"; None → ""."""
    if hours is None:
        return ""
    return f"{hours:g}".replace(".", ",")


# -- checks -------------------------------------------------------------------------------------


def _cleaned(data: OfferInput) -> OfferInput:
    """Texts in their stored form (NFC, stripped)."""
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(data, name), str)}
    return replace(data, **texts)


def offer_errors(session: Session, data: OfferInput) -> list[FieldError]:
    errors: list[FieldError] = []

    def check(field: str, message: str | None) -> None:
        if message and not any(e.field == field for e in errors):
            errors.append(FieldError(field, label(field), message))

    for name, limit in TEXTS.items():
        check(name, validation.text_problem(getattr(data, name), multiline=limit is None,
                                            max_length=limit))  # fmt: skip
    if isinstance(data.title, str) and not data.title.strip():
        check("title", _("Please fill in this field."))
    if isinstance(data.location_postal_code, str):
        check("location_postal_code", validation.postal_code(data.location_postal_code))
    for name, enum_class in ENUMS.items():
        value = getattr(data, name)
        if value is not None and not isinstance(value, enum_class):
            check(name, _("Please choose one."))
    if data.status is None:
        check("status", _("Please choose one."))
    if data.social_insurance not in (None, True, False):
        check("social_insurance", _("Please choose one."))
    for name in DATES:
        check(name, validation.plausible_date(getattr(data, name)))
    check("valid_until", validation.not_before(data.valid_until, data.start_on, label("start_on")))
    check(
        "fixed_term_until",
        validation.not_before(data.fixed_term_until, data.start_on, label("start_on")),
    )
    hours = data.hours_per_week
    if hours is not None:
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            check("hours_per_week", _("Please enter a number."))
        elif hours < 0:
            check("hours_per_week", _("The hours must not be negative."))
        elif not 0 < hours <= MAX_HOURS:
            check(
                "hours_per_week",
                _("Please enter more than 0 and at most {max} hours a week.").format(max=MAX_HOURS),
            )
    wage = data.hourly_wage_cents
    if wage is not None:
        if isinstance(wage, bool) or not isinstance(wage, int):
            check("hourly_wage_cents", _("Please enter an amount like 13,50."))
        elif wage < 0:
            check("hourly_wage_cents", _("The wage must not be negative."))
        elif wage > MAX_WAGE_CENTS:
            check(
                "hourly_wage_cents",
                _("Please enter at most {amount} €.").format(amount=format_euros(MAX_WAGE_CENTS)),
            )
    if isinstance(data.vacancies, int) and not isinstance(data.vacancies, bool):
        if data.vacancies < 1:
            check("vacancies", _("An offer has at least one place."))
        else:
            check("vacancies", validation.number_range(data.vacancies, 1, MAX_VACANCIES))
    else:
        check("vacancies", _("Please enter a whole number."))
    if data.employer_id is None:
        check("employer_id", _("Please choose the employer."))
    elif message := validation.row_id_problem(data.employer_id):
        check("employer_id", message)
    elif session.get(Organization, data.employer_id) is None:
        check("employer_id", _("The chosen entry does not exist (any more)."))
    return errors


def _validate(session: Session, data: OfferInput) -> None:
    with session.no_autoflush:
        errors = offer_errors(session, data)
    if errors:
        raise ValidationError(errors)


def _not_found() -> ValidationError:
    return ValidationError([FieldError("id", _("Job offer"), _("It no longer exists."))])


def _get(session: Session, offer_id: int) -> JobOffer:
    offer = None if validation.row_id_problem(offer_id) else session.get(JobOffer, offer_id)
    if offer is None:
        raise _not_found()
    return offer


def _apply(offer: JobOffer, data: OfferInput) -> list[str]:
    changed = []
    for name in FIELDS:
        value = getattr(data, name)
        if name == "hours_per_week" and value is not None:
            value = float(value)
        if getattr(offer, name) != value:
            setattr(offer, name, value)
            changed.append(name)
    return changed


# -- the expiry reminder ------------------------------------------------------------------------


def expiry_key(offer_id: int, valid_until: date) -> str:
    """``offer_expiry:job_offer:42:2027-03-31``: kind, offer, source date."""
    return f"{EXPIRY_KEY}:job_offer:{offer_id}:{valid_until.isoformat()}"


def _expiry_title(title: str, valid_until: date) -> str:
    if len(title) > MAX_TITLE_IN_REMINDER:
        title = title[: MAX_TITLE_IN_REMINDER - 1] + "…"
    return _("Job offer “{title}” expires on {date}").format(
        title=title, date=format_date(valid_until)
    )


def sync_expiry_follow_up(session: Session, offer: JobOffer) -> None:
    """Step: the employer's reminder in line with the offer (open, with "gültig bis" and an
    employer: one, due ``EXPIRY_LEAD`` before; otherwise none). Open reminders that no longer
    fit are removed, done ones stay; a done one is not made again for the same date."""
    assert offer.id is not None
    existing = session.exec(
        select(FollowUp).where(
            col(FollowUp.generated_key).like(f"{EXPIRY_KEY}:job_offer:{offer.id}:%")
        )
    ).all()
    wanted = None
    if (
        offer.status == JobOfferStatus.OPEN
        and offer.valid_until is not None
        and offer.employer_id is not None
    ):
        wanted = expiry_key(offer.id, offer.valid_until)
    for follow_up in existing:
        if follow_up.generated_key == wanted:
            if follow_up.done_at is None:
                assert offer.valid_until is not None
                follow_up.due_date = offer.valid_until - EXPIRY_LEAD
                follow_up.title = _expiry_title(offer.title, offer.valid_until)
                follow_up.organization_id = offer.employer_id
            wanted = None
        elif follow_up.done_at is None:
            session.delete(follow_up)
    if wanted is not None:
        assert offer.valid_until is not None
        session.add(
            FollowUp(
                due_date=offer.valid_until - EXPIRY_LEAD,
                title=_expiry_title(offer.title, offer.valid_until),
                kind=EXPIRY_KIND,
                organization_id=offer.employer_id,
                generated_key=wanted,
            )
        )


# -- operations ---------------------------------------------------------------------------------


def create_offer(uow: UnitOfWork, data: OfferInput) -> Changes:
    """A new Stellenangebot (``created``: its id), with the employer's expiry reminder."""
    data = _cleaned(data)
    _validate(uow.session, data)
    offer = JobOffer(title=data.title)
    _apply(offer, data)
    uow.session.add(offer)
    uow.session.flush()
    sync_expiry_follow_up(uow.session, offer)
    set_fields = [name for name in FIELDS if getattr(data, name) not in (None, "")]
    audit.record(uow.session, AuditAction.CREATE, ENTITY, offer.id, set_fields)
    return uow.commit().with_created(offer.id)


def update_offer(uow: UnitOfWork, offer_id: int, data: OfferInput) -> Changes:
    """Store the form's values; nothing changed: NOTHING. The reminder follows."""
    data = _cleaned(data)
    offer = _get(uow.session, offer_id)
    _validate(uow.session, data)
    changed = _apply(offer, data)
    if not changed:
        return NOTHING
    sync_expiry_follow_up(uow.session, offer)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, offer_id, changed)
    return uow.commit()


def withdraw_offer(uow: UnitOfWork, offer_id: int) -> Changes:
    """Zurückziehen: the offer is no longer open; its open reminder goes, the placements of
    the people proposed for it stay."""
    offer = _get(uow.session, offer_id)
    if offer.status == JobOfferStatus.WITHDRAWN:
        return NOTHING
    offer.status = JobOfferStatus.WITHDRAWN
    sync_expiry_follow_up(uow.session, offer)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, offer_id, ["status"])
    return uow.commit()


# -- reads --------------------------------------------------------------------------------------


class StatusFilter(StrEnum):
    """The list's status choices, in the order of the box."""

    OPEN = "open"  # open and not expired
    FILLED = "filled"
    EXPIRED = "expired"  # open, "gültig bis" passed
    WITHDRAWN = "withdrawn"
    ALL = "all"

    @property
    def label(self) -> str:
        return _(STATUS_FILTER_LABELS[self])


STATUS_FILTER_LABELS = {
    StatusFilter.OPEN: N_("open"),
    StatusFilter.FILLED: N_("filled"),
    StatusFilter.EXPIRED: N_("expired"),
    StatusFilter.WITHDRAWN: N_("withdrawn"),
    StatusFilter.ALL: N_("all"),
}


@dataclass(frozen=True)
class OfferQuery:
    text: str = ""
    status: StatusFilter = StatusFilter.OPEN
    today: date | None = None  # None: the real today


class OfferRow(NamedTuple):
    id: int
    title: str
    employer_id: int | None
    employer_name: str
    occupation: str
    location: str
    location_postal_code: str
    hours_per_week: float | None
    start_on: date | None
    valid_until: date | None
    status: JobOfferStatus
    expired: bool  # open and "gültig bis" before today (derived, never stored)
    vacancies: int


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def is_expired(status: JobOfferStatus, valid_until: date | None, today: date) -> bool:
    return status == JobOfferStatus.OPEN and valid_until is not None and valid_until < today


_LIST_SQL = """
SELECT j.id, j.title, j.employer_id, coalesce(o.name, ''), j.occupation, j.location,
       j.location_postal_code, j.hours_per_week, j.start_on, j.valid_until, j.status,
       j.vacancies
FROM job_offer j LEFT JOIN organization o ON o.id = j.employer_id
"""


def _status_condition(status: StatusFilter) -> tuple[str, list[object]]:
    if status == StatusFilter.OPEN:
        return "j.status = ? AND (j.valid_until IS NULL OR j.valid_until >= ?)", ["open", None]
    if status == StatusFilter.EXPIRED:
        return "j.status = ? AND j.valid_until < ?", ["open", None]
    if status == StatusFilter.ALL:
        return "1", []
    return "j.status = ?", [status.value]


def _matches_text(row: tuple[Any, ...], needles: list[str]) -> bool:
    haystack = index_text(" ".join((row[1], row[3], row[4], row[5], row[6])))
    return all(needle in haystack for needle in needles)


def list_offers(reads: Reads, query: OfferQuery | None = None) -> list[OfferRow]:
    """The offers of the status filter whose title, occupation, employer, place or PLZ hold
    every word typed (case-, accent- and "ue"-tolerant, anywhere in a word), soonest "gültig
    bis" first (offers without one last), then by title."""
    query = query or OfferQuery()
    today = query.today or date.today()
    condition, params = _status_condition(query.status)
    params = [str(today) if p is None else p for p in params]
    rows = reads.rows(
        f"{_LIST_SQL} WHERE {condition} "
        "ORDER BY j.valid_until IS NULL, j.valid_until, j.title COLLATE NOCASE, j.id",
        params,
    )
    needles = fold(query.text).split()
    if needles:
        rows = [row for row in rows if _matches_text(row, needles)]
    return [_offer_row(row, today) for row in rows]


def _offer_row(r: tuple[Any, ...], today: date) -> OfferRow:
    status = JobOfferStatus(r[10])
    valid_until = _day(r[9])
    return OfferRow(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _day(r[8]), valid_until, status,
        is_expired(status, valid_until, today), r[11],
    )  # fmt: skip


def offer_counts(reads: Reads, today: date | None = None) -> dict[StatusFilter, int]:
    """How many offers each choice of the status filter lists."""
    day = str(today or date.today())
    open_now, expired, filled, withdrawn, total = reads.one(
        "SELECT count(*) FILTER (WHERE status = 'open' AND (valid_until IS NULL "
        "OR valid_until >= :day)), count(*) FILTER (WHERE status = 'open' AND valid_until < :day),"
        " count(*) FILTER (WHERE status = 'filled'), count(*) FILTER (WHERE status = 'withdrawn'),"
        " count(*) FROM job_offer",
        {"day": day},
    )
    return {
        StatusFilter.OPEN: open_now,
        StatusFilter.EXPIRED: expired,
        StatusFilter.FILLED: filled,
        StatusFilter.WITHDRAWN: withdrawn,
        StatusFilter.ALL: total,
    }


class OfferRecord(NamedTuple):
    """One offer with every field of the form, the employer's name and the derived flag."""

    id: int
    data: OfferInput
    employer_name: str
    expired: bool


_RECORD_COLUMNS = ", ".join(f"j.{name}" for name in FIELDS)


def offer_record(reads: Reads, offer_id: int, today: date | None = None) -> OfferRecord | None:
    found = reads.rows(
        f"SELECT {_RECORD_COLUMNS}, coalesce(o.name, '') FROM job_offer j "
        "LEFT JOIN organization o ON o.id = j.employer_id WHERE j.id = ?",
        (offer_id,),
    )
    if not found:
        return None
    values = dict(zip(FIELDS, found[0], strict=False))
    for name in DATES:
        values[name] = _day(values[name])
    for name, enum_class in ENUMS.items():
        if values[name] is not None:
            values[name] = enum_class(values[name])
    if values["social_insurance"] is not None:
        values["social_insurance"] = bool(values["social_insurance"])
    data = OfferInput(**values)
    expired = is_expired(data.status, data.valid_until, today or date.today())
    return OfferRecord(offer_id, data, found[0][-1], expired)


class EmployerChoice(NamedTuple):
    id: int
    name: str
    city: str
    kind: OrganizationKind


def employer_choices(reads: Reads) -> list[EmployerChoice]:
    """Employers and training companies by name, for choosing an offer's employer."""
    kinds = [kind.value for kind in EMPLOYER_KINDS]
    rows = reads.rows(
        "SELECT id, name, city, kind FROM organization WHERE kind IN (?, ?) "
        "ORDER BY name COLLATE NOCASE, id",
        kinds,
    )
    return [EmployerChoice(r[0], r[1], r[2], OrganizationKind(r[3])) for r in rows]


def employer_postal_code(reads: Reads, organization_id: int) -> tuple[str, str]:
    """The employer's PLZ and town: the form's default for the place of work."""
    found = reads.rows(
        "SELECT postal_code, city FROM organization WHERE id = ?", (organization_id,)
    )
    return (found[0][0], found[0][1]) if found else ("", "")
