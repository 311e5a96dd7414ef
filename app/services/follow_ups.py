"""Wiedervorlagen: manual ones, and those derived from dates in the record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from app import validation
from app.clock import to_local
from app.db.changes import NOTHING, Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _, format_date
from app.models.base import utc_now
from app.models.contacts import FollowUp
from app.models.courses import Measure
from app.models.jobs import Employment
from app.models.office_settings import DEFAULT_APPROVAL_WEEKS
from app.models.organization import Organization
from app.models.participant import Participant, add_months, s104c_expiry
from app.services import audit
from app.services.list_entries import get_entry
from app.services.validation_rules import reference_problem
from app.text import canonical
from app.validation import plausible_date
from app.vocab import (
    AuditAction,
    FollowUpKind,
    MeasureKind,
    MeasureStatus,
    ParticipantStatus,
    ResidenceStatus,
)

# Lead times before an expiry (docs/domain.md, section 7: to be made configurable; the
# Ausländerbehörde needs time).
RESIDENCE_TITLE_LEAD = timedelta(days=90)
S104C_LEAD = timedelta(days=180)  # § 25a/§ 25b must be applied for before the expiry
EXIT_FIRST_CHECK = timedelta(weeks=4)
EXIT_SECOND_CHECK_MONTHS = 6

LABELS = {
    "due_date": N_("Due on"),
    "title": N_("Subject"),
    "note": N_("Note"),
    "participant_id": N_("Participant"),
    "organization_id": N_("Organisation"),
}
MAX_TITLE = 200

# Which residence dates fit which Aufenthaltsstatus (docs/domain.md, sections 3 and 7): the
# § 104c status has its grant date (expiry derived) and the § 25a/§ 25b application date;
# every other status whose title expires has "Aufenthaltstitel gültig bis"; a settlement
# permit does not expire. A date in a field that does not fit is kept but generates nothing.
TITLE_EXPIRY_FIELDS = ("residence_title_valid_until",)
S104C_FIELDS = ("s104c_granted_on", "s25_application_on")
RESIDENCE_DATE_FIELDS = TITLE_EXPIRY_FIELDS + S104C_FIELDS
NO_EXPIRY_STATUSES = frozenset({ResidenceStatus.SETTLEMENT_PERMIT})


def residence_fields_for(status: ResidenceStatus | None) -> frozenset[str]:
    """The residence date fields that fit ``status``; no status chosen yet: all of them."""
    if status is None:
        return frozenset(RESIDENCE_DATE_FIELDS)
    if status == ResidenceStatus.S104C:
        return frozenset(S104C_FIELDS)
    if status in NO_EXPIRY_STATUSES:
        return frozenset()
    return frozenset(TITLE_EXPIRY_FIELDS)


def label(field: str) -> str:
    return _(LABELS[field])


@dataclass(frozen=True)
class Planned:
    key: str
    kind: FollowUpKind
    due_date: date
    title: str


def planned_for(participant: Participant) -> list[Planned]:
    """The follow-ups the record's dates call for (keys include the source date)."""
    pid = participant.id
    planned: list[Planned] = []

    def add(kind: FollowUpKind, source: date, due: date, title: str) -> None:
        planned.append(Planned(f"{kind.value}:participant:{pid}:{source}", kind, due, title))

    if participant.status != ParticipantStatus.EXITED:
        fitting = residence_fields_for(participant.residence_status)
        if "residence_title_valid_until" in fitting and participant.residence_title_valid_until:
            until = participant.residence_title_valid_until
            add(
                FollowUpKind.RESIDENCE_TITLE_EXPIRY,
                until,
                until - RESIDENCE_TITLE_LEAD,
                _("Residence title expires on {date}").format(date=format_date(until)),
            )
        if "s104c_granted_on" in fitting and participant.s104c_granted_on:
            expiry = s104c_expiry(participant.s104c_granted_on)
            add(
                FollowUpKind.S104C_EXPIRY,
                expiry,
                expiry - S104C_LEAD,
                _("§ 104c permit expires on {date}: § 25a/§ 25b application?").format(
                    date=format_date(expiry)
                ),
            )
        if participant.cooperation_plan_next_update_on:
            due = participant.cooperation_plan_next_update_on
            add(FollowUpKind.COOPERATION_PLAN_UPDATE, due, due, _("Update the cooperation plan"))
    if participant.exit_date:
        exit_date = participant.exit_date
        add(
            FollowUpKind.EXIT_4_WEEKS,
            exit_date,
            exit_date + EXIT_FIRST_CHECK,
            _("Record the outcome 4 weeks after exit"),
        )
        add(
            FollowUpKind.EXIT_6_MONTHS,
            exit_date,
            add_months(exit_date, EXIT_SECOND_CHECK_MONTHS),
            _("Record the outcome 6 months after exit"),
        )
    return planned


def sync_generated(
    session: Session,
    existing: Sequence[FollowUp],
    planned: list[Planned],
    participant_id: int | None,
) -> None:
    """Bring the stored generated follow-ups of one source (``existing``: every one whose key
    belongs to it, open or done) in line with what it calls for now (``planned``): an open one
    no longer called for goes, an open one still called for takes the due date and title
    planned, a done one stays as history; what is planned and not stored yet is added for the
    person ``participant_id``."""
    wanted = {item.key: item for item in planned}
    for follow_up in existing:
        item = wanted.pop(follow_up.generated_key or "", None)
        if item is None:
            if follow_up.done_at is None:
                session.delete(follow_up)
        elif follow_up.done_at is None:
            follow_up.due_date, follow_up.title = item.due_date, item.title
    for item in wanted.values():
        session.add(
            FollowUp(
                due_date=item.due_date,
                title=item.title,
                kind=item.kind,
                participant_id=participant_id,
                generated_key=item.key,
            )
        )


def regenerate(session: Session, participant: Participant) -> None:
    """Bring the generated follow-ups of one person in line with the record's dates.

    Open ones whose source date vanished or changed are removed; done ones stay as history.
    """
    existing = session.exec(
        select(FollowUp).where(
            FollowUp.participant_id == participant.id,
            # only those derived from the record itself; plan reviews etc. have other sources
            col(FollowUp.generated_key).like(f"%:participant:{participant.id}:%"),
        )
    ).all()
    sync_generated(session, existing, planned_for(participant), participant.id)


# --- employments: end of probation and aftercare check-ins ----------------------------------

PROBATION_LEAD = timedelta(weeks=1)
CHECK_IN_KIND = FollowUpKind.EMPLOYMENT_CHECK_IN
PROBATION_KEY = "probation_end"
CHECK_IN_KEY = "check_in"
MAX_NAME_IN_TITLE = 120


def employment_key(what: str, employment_id: int, day: date) -> str:
    """``probation_end:employment:7:2027-05-31``: kind, employment, source date."""
    return f"{what}:employment:{employment_id}:{day.isoformat()}"


def _of_employment(employment_id: int) -> ColumnElement[bool]:
    """The employment's generated keys, as ranges the unique index on the key answers."""
    key = col(FollowUp.generated_key)
    return or_(
        *(
            key.between(
                f"{what}:employment:{employment_id}:", f"{what}:employment:{employment_id}:~"
            )
            for what in (PROBATION_KEY, CHECK_IN_KEY)
        )
    )


def _shortened(name: str) -> str:
    return name if len(name) <= MAX_NAME_IN_TITLE else name[: MAX_NAME_IN_TITLE - 1] + "…"


def _handled_on(follow_up: FollowUp) -> date:
    """The later of its due date and the (local) day it was marked done."""
    assert follow_up.done_at is not None
    return max(follow_up.due_date, to_local(follow_up.done_at).date())


def next_check_in(
    start: date, weeks: int, until: date | None, last_done: date | None
) -> date | None:
    """The first day of the series start + k × ``weeks`` (k ≥ 1) after ``last_done`` (the last
    check-in handled), not after ``until`` (the end of aftercare); None when none is left."""
    step = 7 * weeks
    steps = 1 if last_done is None else max(1, (last_done - start).days // step + 1)
    day = start + timedelta(days=steps * step)
    return None if until is not None and day > until else day


def planned_for_employment(
    employment: Employment, employer_name: str, check_in_weeks: int, done_check_ins: list[FollowUp]
) -> list[Planned]:
    """What an employment calls for while it runs (no end entered): a reminder a week before
    the probation ends, and the next aftercare check-in with employee and employer — one at a
    time; marking it done brings the next (``check_in_weeks`` after the previous in the series
    counted from the start, up to "Nachbetreuung bis")."""
    if employment.end is not None or employment.id is None:
        return []
    planned: list[Planned] = []
    employer = _shortened(employer_name)
    if employment.probation_end is not None:
        probation_end = employment.probation_end
        title = (
            _("Probation at {employer} ends on {date}")
            if employer
            else _("Probation ends on {date}")
        )
        planned.append(
            Planned(
                employment_key(PROBATION_KEY, employment.id, probation_end),
                FollowUpKind.PROBATION_END,
                probation_end - PROBATION_LEAD,
                title.format(employer=employer, date=format_date(probation_end)),
            )
        )
    if employment.start is not None:
        last_done = max((_handled_on(f) for f in done_check_ins), default=None)
        day = next_check_in(employment.start, check_in_weeks, employment.aftercare_until, last_done)
        if day is not None:
            title = (
                _("Aftercare: check in with the employee and {employer}")
                if employer
                else _("Aftercare: check in with the employee and the employer")
            )
            planned.append(
                Planned(
                    employment_key(CHECK_IN_KEY, employment.id, day),
                    CHECK_IN_KIND,
                    day,
                    title.format(employer=employer),
                )
            )
    return planned


def regenerate_employment(session: Session, employment: Employment, check_in_weeks: int) -> None:
    """Bring the follow-ups of one employment in line with its dates (as ``regenerate`` does
    for a person's record): open ones no longer called for go, done ones stay."""
    assert employment.id is not None
    existing = session.exec(select(FollowUp).where(_of_employment(employment.id))).all()
    done_check_ins = [
        f
        for f in existing
        if f.done_at is not None and (f.generated_key or "").startswith(f"{CHECK_IN_KEY}:")
    ]
    employer = (
        session.get(Organization, employment.employer_id)
        if employment.employer_id is not None
        else None
    )
    planned = planned_for_employment(
        employment, employer.name if employer else "", check_in_weeks, done_check_ins
    )
    sync_generated(session, existing, planned, employment.participant_id)


def refresh_employment_follow_ups(uow: UnitOfWork, employment: Employment) -> None:
    """Step: ``regenerate_employment`` with the office's check-in interval."""
    from app.services.settings import load_settings

    uow.session.flush()  # the settings are read with plain SQL on the same connection
    regenerate_employment(uow.session, employment, load_settings(uow).check_in_weeks)


def _employment_of(session: Session, follow_up: FollowUp) -> Employment | None:
    """The employment a generated follow-up belongs to (``…:employment:<id>:…``), if any."""
    parts = (follow_up.generated_key or "").split(":")
    if len(parts) == 4 and parts[1] == "employment" and parts[2].isdigit():
        return session.get(Employment, int(parts[2]))
    return None


# --- measures: an application not approved, a measure ending ------------------------------

MEASURE_END_LEAD = timedelta(days=14)
MEASURE_APPROVAL_KEY = FollowUpKind.MEASURE_APPROVAL.value
MEASURE_END_KEY = FollowUpKind.MEASURE_END.value
MEASURE_END_STATUSES = frozenset({MeasureStatus.APPROVED, MeasureStatus.ONGOING})


def measure_key(what: str, measure_id: int) -> str:
    """``measure_end:measure:42``: one of each kind per measure; a changed date moves it."""
    return f"{what}:measure:{measure_id}"


def measure_keys(measure_id: int) -> tuple[str, str]:
    return measure_key(MEASURE_APPROVAL_KEY, measure_id), measure_key(MEASURE_END_KEY, measure_id)


def planned_for_measure(
    measure: Measure, kind_label: str | None = None, approval_weeks: int = DEFAULT_APPROVAL_WEEKS
) -> list[Planned]:
    """What a measure calls for: applied for (status beantragt with "beantragt am") — a
    reminder ``approval_weeks`` after the application that it is still not approved; approved
    or running with an end — a reminder two weeks before it ends. ``measure`` may be any object
    with the measure's fields (the demo data hand in plain rows); ``kind_label``: the Art as
    shown (default: the vocabulary's label)."""
    if measure.id is None:
        return []
    status = MeasureStatus(measure.status)
    kind = _shortened(kind_label or MeasureKind(measure.kind).label)
    planned: list[Planned] = []
    if status == MeasureStatus.APPLIED and measure.applied_on is not None:
        applied_on = measure.applied_on
        planned.append(
            Planned(
                measure_key(MEASURE_APPROVAL_KEY, measure.id),
                FollowUpKind.MEASURE_APPROVAL,
                applied_on + timedelta(weeks=approval_weeks),
                _("Measure not yet approved: {kind} (applied for on {date})").format(
                    kind=kind, date=format_date(applied_on)
                ),
            )
        )
    if status in MEASURE_END_STATUSES and measure.end is not None:
        end = measure.end
        planned.append(
            Planned(
                measure_key(MEASURE_END_KEY, measure.id),
                FollowUpKind.MEASURE_END,
                end - MEASURE_END_LEAD,
                _("Measure ends on {date}: {kind}").format(date=format_date(end), kind=kind),
            )
        )
    return planned


def regenerate_measure(session: Session, measure: Measure, approval_weeks: int) -> None:
    """Bring the two follow-ups of one measure in line with its status and dates: open ones
    no longer called for go, a changed date moves the open one, done ones stay."""
    assert measure.id is not None
    existing = session.exec(
        select(FollowUp).where(col(FollowUp.generated_key).in_(measure_keys(measure.id)))
    ).all()
    planned = planned_for_measure(measure, None, approval_weeks)
    sync_generated(session, existing, planned, measure.participant_id)


def refresh_measure_follow_ups(uow: UnitOfWork, measure: Measure) -> None:
    """Step: ``regenerate_measure`` with the office's approval interval (``approval_weeks``)."""
    from app.services.settings import load_settings

    uow.session.flush()  # the settings are read with plain SQL on the same connection
    regenerate_measure(uow.session, measure, load_settings(uow).approval_weeks)


def forget_measure_follow_ups(session: Session, measure_id: int) -> None:
    """Step for a measure about to be deleted: its open follow-ups go; done ones stay as
    history without their key (a later measure may get the same id, and with it the key)."""
    for follow_up in session.exec(
        select(FollowUp).where(col(FollowUp.generated_key).in_(measure_keys(measure_id)))
    ).all():
        if follow_up.done_at is None:
            session.delete(follow_up)
        else:
            follow_up.generated_key = None


# --- manual follow-ups ---------------------------------------------------------------------


def _validate(
    session: Session,
    due_date: date | None,
    title: str,
    note: str = "",
    links: tuple[tuple[str, type[Participant] | type[Organization], int | None], ...] = (),
) -> None:
    errors = []
    if due_date is None:
        errors.append(FieldError("due_date", label("due_date"), _("Please enter a date.")))
    elif message := plausible_date(due_date):
        errors.append(FieldError("due_date", label("due_date"), message))
    if message := validation.text_problem(title, multiline=False, max_length=MAX_TITLE):
        errors.append(FieldError("title", label("title"), message))
    elif not title:
        errors.append(FieldError("title", label("title"), _("Please fill in this field.")))
    if message := validation.text_problem(note, multiline=True):
        errors.append(FieldError("note", label("note"), message))
    for name, table, row_id in links:
        if row_id is None:
            continue
        if message := reference_problem(session, table, row_id):
            errors.append(FieldError(name, label(name), message))
    if errors:
        raise ValidationError(errors)


def create_follow_up(
    uow: UnitOfWork,
    *,
    due_date: date | None,
    title: str,
    participant_id: int | None = None,
    organization_id: int | None = None,
    note: str = "",
) -> Changes:
    """A manual Wiedervorlage for a person or an organisation (``created``: its id)."""
    title = canonical(title) if isinstance(title, str) else title
    note = canonical(note) if isinstance(note, str) else note
    links = (
        ("participant_id", Participant, participant_id),
        ("organization_id", Organization, organization_id),
    )
    _validate(uow.session, due_date, title, note, links)  # type: ignore[arg-type]
    assert due_date is not None
    follow_up = FollowUp(
        due_date=due_date,
        title=title,
        participant_id=participant_id,
        organization_id=organization_id,
        note=note,
    )
    uow.session.add(follow_up)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, "follow_up", follow_up.id, ["due_date", "title"])
    return uow.commit().with_created(follow_up.id)


def set_done(uow: UnitOfWork, follow_up_id: int, done: bool = True) -> Changes:
    follow_up = get_entry(uow.session, FollowUp, follow_up_id, _("Follow-up"))
    follow_up.done_at = utc_now() if done else None
    audit.record(uow.session, AuditAction.UPDATE, "follow_up", follow_up_id, ["done_at"])
    if (employment := _employment_of(uow.session, follow_up)) is not None:
        refresh_employment_follow_ups(uow, employment)  # a check-in done: the next one
    return uow.commit()


def delete_follow_up(uow: UnitOfWork, follow_up_id: int) -> Changes:
    follow_up = uow.session.get(FollowUp, follow_up_id)
    if follow_up is None:
        return NOTHING
    uow.session.delete(follow_up)
    audit.record(uow.session, AuditAction.DELETE, "follow_up", follow_up_id)
    return uow.commit()
