"""Beschäftigungs- und Ausbildungsverhältnisse: editing, ending, the aftercare follow-ups and
the employments at risk.

An employment is made by the Arbeitsvertrag of a placement (app.services.placements); here it
is edited and ended. While it runs (no end entered) it calls for two kinds of generated
follow-ups (app.services.follow_ups): a week before the probation ends, and an aftercare
check-in with employee and employer every N weeks (office setting ``check_in_weeks``) up to
"Nachbetreuung bis". Entering the end removes the open ones; done ones stay.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session

from app import validation
from app.clock import local_midnight_utc, to_local
from app.db.changes import NOTHING, Changes
from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _, format_date
from app.models.jobs import Employment, JobOffer
from app.models.participant import add_months
from app.services import audit
from app.services.follow_ups import refresh_employment_follow_ups
from app.text import canonical
from app.vocab import AuditAction, EmploymentEndReason, EmploymentKind, ParticipantStatus

ENTITY = "employment"
LABELS = {
    "employer_id": N_("Employer"),
    "kind": N_("Kind of employment"),
    "occupation": N_("Occupation"),
    "start": N_("Start"),
    "probation_end": N_("Probation until"),
    "fixed_term_until": N_("Fixed term until"),
    "hours_per_week": N_("Hours per week"),
    "social_insurance": N_("Subject to social insurance"),
    "subsidy": N_("Subsidy (e.g. Eingliederungszuschuss)"),
    "aftercare_until": N_("Aftercare until"),
    "notes": N_("Notes"),
    "end": N_("End"),
    "end_reason": N_("Reason for the end"),
}
PROBATION_MONTHS = 6  # the usual longest probation (§ 622 Abs. 3 BGB): the default end
AFTERCARE_MONTHS = 6  # aftercare through the first months, as the guideline asks
MIN_HOURS, MAX_HOURS = 1, 60
MAX_TEXT = 150  # occupation and subsidy (the columns' limits)
PROBATION_WARNING = timedelta(weeks=4)  # at risk: the probation ends within this time


def label(field: str) -> str:
    return _(LABELS[field])


@dataclass(frozen=True)
class EmploymentInput:
    """The editable fields of an employment (the end has an operation of its own)."""

    kind: EmploymentKind | None
    start: date | None
    occupation: str = ""
    probation_end: date | None = None
    fixed_term_until: date | None = None
    hours_per_week: float | None = None
    social_insurance: bool | None = None
    subsidy: str = ""
    aftercare_until: date | None = None
    notes: str = ""


INPUT_FIELDS = tuple(f.name for f in fields(EmploymentInput))
TEXTS = {"occupation": (False, MAX_TEXT), "subsidy": (False, MAX_TEXT), "notes": (True, None)}
LATER_DATES = ("probation_end", "fixed_term_until", "aftercare_until")  # not before the start


def _not_found(employment_id: object) -> ValidationError:
    return ValidationError([FieldError("id", _("Employment"), _("It no longer exists."))])


def get_employment(session: Session, employment_id: int) -> Employment:
    found = (
        None if validation.row_id_problem(employment_id) else session.get(Employment, employment_id)
    )
    if found is None:
        raise _not_found(employment_id)
    return found


def _cleaned(data: EmploymentInput) -> EmploymentInput:
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(data, name), str)}
    return replace(data, **texts)  # type: ignore[arg-type]


def hours_problem(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _("Please enter a number.")
    if not MIN_HOURS <= value <= MAX_HOURS:
        return _("Please enter a number from {low} to {high}.").format(
            low=MIN_HOURS, high=MAX_HOURS
        )
    return None


def date_errors(values: dict[str, date | None]) -> list[FieldError]:
    """Plausible dates; probation, fixed term and aftercare not before the start."""
    errors = []
    for name, value in values.items():
        if message := validation.plausible_date(value):
            errors.append(FieldError(name, label(name), message))
    if any(e.field == "start" for e in errors):
        return errors
    start = values.get("start")
    for name in LATER_DATES:
        if name not in values or any(e.field == name for e in errors):
            continue
        if message := validation.not_before(values[name], start, label("start")):
            errors.append(FieldError(name, label(name), message))
    return errors


def _validate(data: EmploymentInput, ended_on: date | None) -> None:
    errors: list[FieldError] = []
    if not isinstance(data.kind, EmploymentKind):
        errors.append(FieldError("kind", label("kind"), _("Please choose one.")))
    if data.start is None:
        errors.append(FieldError("start", label("start"), _("Please enter a date.")))
    errors += date_errors({name: getattr(data, name) for name in ("start", *LATER_DATES)})
    if (
        ended_on is not None
        and isinstance(data.start, date)
        and not any(e.field == "start" for e in errors)
        and data.start > ended_on
    ):
        errors.append(
            FieldError(
                "start",
                label("start"),
                _("The start must not lie after the end ({date}).").format(
                    date=format_date(ended_on)
                ),
            )
        )
    if message := hours_problem(data.hours_per_week):
        errors.append(FieldError("hours_per_week", label("hours_per_week"), message))
    if data.social_insurance is not None and not isinstance(data.social_insurance, bool):
        errors.append(
            FieldError("social_insurance", label("social_insurance"), _("Please choose one."))
        )
    for name, (multiline, limit) in TEXTS.items():
        value = getattr(data, name)
        if message := validation.text_problem(value, multiline=multiline, max_length=limit):
            errors.append(FieldError(name, label(name), message))
    if errors:
        raise ValidationError(errors)


# --- steps and operations -------------------------------------------------------------------


def contract_dates(
    contract_on: date, start: date | None, probation_end: date | None
) -> tuple[date, date]:
    """Start (default: the contract date) and probation end (default: start + 6 months)."""
    start = start or contract_on
    return start, probation_end or add_months(start, PROBATION_MONTHS)


def add_employment_from_offer(
    uow: UnitOfWork,
    *,
    participant_id: int,
    placement_id: int,
    offer: JobOffer | None,
    start: date,
    probation_end: date,
) -> Employment:
    """Step: the employment an Arbeitsvertrag makes, filled from the offer (employer, occupation,
    hours, svpfl., fixed term), with its follow-ups. Does not commit."""
    occupation = ""
    if offer is not None:
        occupation = offer.occupation or (offer.title if len(offer.title) <= MAX_TEXT else "")
    employment = Employment(
        participant_id=participant_id,
        placement_id=placement_id,
        employer_id=offer.employer_id if offer is not None else None,
        kind=(
            EmploymentKind.MARGINAL
            if offer is not None and offer.social_insurance is False
            else EmploymentKind.REGULAR
        ),
        occupation=occupation,
        start=start,
        probation_end=probation_end,
        fixed_term_until=offer.fixed_term_until if offer is not None else None,
        hours_per_week=offer.hours_per_week if offer is not None else None,
        social_insurance=offer.social_insurance if offer is not None else None,
        aftercare_until=add_months(start, AFTERCARE_MONTHS),
    )
    uow.session.add(employment)
    uow.session.flush()
    audit.record(
        uow.session,
        AuditAction.CREATE,
        ENTITY,
        employment.id,
        [name for name in LABELS if getattr(employment, name, None) not in (None, "")],
    )
    refresh_employment_follow_ups(uow, employment)
    return employment


def update_employment(uow: UnitOfWork, employment_id: int, data: EmploymentInput) -> Changes:
    """Store the edited fields; the follow-ups follow the dates. Unchanged: NOTHING."""
    data = _cleaned(data)
    employment = get_employment(uow.session, employment_id)
    _validate(data, employment.end)
    changed = [name for name in INPUT_FIELDS if getattr(employment, name) != getattr(data, name)]
    if not changed:
        return NOTHING
    for name in changed:
        setattr(employment, name, getattr(data, name))
    refresh_employment_follow_ups(uow, employment)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, employment_id, changed)
    return uow.commit()


def end_employment(
    uow: UnitOfWork,
    employment_id: int,
    end: date | None,
    reason: EmploymentEndReason | None,
    *,
    today: date | None = None,
) -> Changes:
    """Beenden: the last day and the reason (both required; the day not in the future, not
    before the start). The open probation and check-in follow-ups go; done ones stay."""
    employment = get_employment(uow.session, employment_id)
    errors = []
    if end is None:
        errors.append(FieldError("end", label("end"), _("Please enter a date.")))
    elif message := (
        validation.plausible_date(end)
        or validation.not_future(end, today or date.today())
        or validation.not_before(end, employment.start, label("start"))
    ):
        errors.append(FieldError("end", label("end"), message))
    if not isinstance(reason, EmploymentEndReason):
        errors.append(
            FieldError("end_reason", label("end_reason"), _("Please give the reason for the end."))
        )
    if errors:
        raise ValidationError(errors)
    changed = [
        name
        for name, value in (("end", end), ("end_reason", reason))
        if getattr(employment, name) != value
    ]
    if not changed:
        return NOTHING
    employment.end, employment.end_reason = end, reason
    refresh_employment_follow_ups(uow, employment)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, employment_id, changed)
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


class EmploymentRow(NamedTuple):
    id: int
    participant_id: int
    employer_id: int | None
    employer_name: str
    placement_id: int | None
    kind: EmploymentKind
    occupation: str
    start: date | None
    probation_end: date | None
    fixed_term_until: date | None
    hours_per_week: float | None
    social_insurance: bool | None
    subsidy: str
    end: date | None
    end_reason: EmploymentEndReason | None
    aftercare_until: date | None
    notes: str

    @property
    def running(self) -> bool:
        return self.end is None

    def as_input(self) -> EmploymentInput:
        return EmploymentInput(**{name: getattr(self, name) for name in INPUT_FIELDS})


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def employments_of(reads: Reads, participant_id: int) -> list[EmploymentRow]:
    """The person's employments, running ones first, the latest start first."""
    result = reads.rows(
        """
        SELECT e.id, e.participant_id, e.employer_id, coalesce(o.name, ''), e.placement_id,
               e.kind, e.occupation, e.start, e.probation_end, e.fixed_term_until,
               e.hours_per_week, e.social_insurance, e.subsidy, e."end", e.end_reason,
               e.aftercare_until, e.notes
        FROM employment e LEFT JOIN organization o ON o.id = e.employer_id
        WHERE e.participant_id = ?
        ORDER BY e."end" IS NOT NULL, e.start DESC, e.id DESC
        """,
        (participant_id,),
    )
    return [
        EmploymentRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            EmploymentKind(r[5]),
            r[6],
            _day(r[7]),
            _day(r[8]),
            _day(r[9]),
            r[10],
            None if r[11] is None else bool(r[11]),
            r[12],
            _day(r[13]),
            None if r[14] is None else EmploymentEndReason(r[14]),
            _day(r[15]),
            r[16],
        )
        for r in result
    ]


class AtRiskRow(NamedTuple):
    id: int  # the employment
    participant_id: int
    participant_name: str
    employer_name: str
    occupation: str
    last_contact: date | None  # the local day of the person's latest contact note
    probation_end: date | None
    reason: str  # why it is listed, in words


def _utc_text(day: date) -> str:
    """Local midnight of ``day`` as the contact notes store their moments (UTC text)."""
    return local_midnight_utc(day).strftime("%Y-%m-%d %H:%M:%S")


def _local_day(stored: str) -> date:
    return to_local(datetime.fromisoformat(stored).replace(tzinfo=UTC)).date()


def employments_at_risk(reads: Reads, today: date, weeks: int) -> list[AtRiskRow]:
    """Running employments in aftercare (started, no end, "Nachbetreuung bis" not passed, the
    person not exited) whose person has had no contact note for ``weeks`` weeks (since
    today − weeks), or whose probation ends within 4 weeks (today included). Probation
    ending soonest first, then the longest without contact."""
    soon = today + PROBATION_WARNING
    result = reads.rows(
        f"""
        SELECT e.id, e.participant_id, trim(p.first_name || ' ' || p.last_name),
               coalesce(o.name, ''), e.occupation, e.probation_end,
               (SELECT max(n.occurred_at) FROM contact_note n
                 WHERE n.participant_id = e.participant_id) AS last_note
        FROM employment e
        JOIN {LIST_TABLE} p ON p.id = e.participant_id
        LEFT JOIN organization o ON o.id = e.employer_id
        WHERE e."end" IS NULL
          AND (e.start IS NULL OR e.start <= :today)
          AND (e.aftercare_until IS NULL OR e.aftercare_until >= :today)
          AND p.status != :exited
          AND (last_note IS NULL OR last_note < :cutoff
               OR e.probation_end BETWEEN :today AND :soon)
        """,
        {
            "today": today.isoformat(),
            "soon": soon.isoformat(),
            "cutoff": _utc_text(today - timedelta(weeks=weeks)),
            "exited": ParticipantStatus.EXITED.value,
        },
    )
    rows = []
    for employment_id, pid, name, employer, occupation, probation, last_note in result:
        probation_end = _day(probation)
        last_contact = None if last_note is None else _local_day(last_note)
        reasons = []
        if probation_end is not None and today <= probation_end <= soon:
            reasons.append(_("Probation ends on {date}").format(date=format_date(probation_end)))
        if last_contact is None:
            reasons.append(_("no contact note yet"))
        elif last_contact < today - timedelta(weeks=weeks):
            reasons.append(_("no contact since {date}").format(date=format_date(last_contact)))
        reason = "; ".join(reasons)
        rows.append(
            AtRiskRow(
                employment_id,
                pid,
                name,
                employer,
                occupation,
                last_contact,
                probation_end,
                reason[:1].upper() + reason[1:],
            )
        )

    def urgency(row: AtRiskRow) -> tuple:
        probation_soon = row.probation_end is not None and today <= row.probation_end <= soon
        return (
            not probation_soon,
            row.probation_end if probation_soon else date.min,
            row.last_contact or date.min,
            row.participant_name.casefold(),
            row.id,
        )

    return sorted(rows, key=urgency)
