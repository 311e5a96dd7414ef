"""Maßnahmen / Hilfen: what is arranged for a person (AsA flex, EQ, BAB, Nachhilfe, Beratung,
…), with Anbieter, the dates of application, approval, start and end, the status and the
Förderplanziel it serves.

Status (``MeasureStatus``) and the way between them:

- the usual way is geplant → beantragt → bewilligt → laufend → abgeschlossen; steps may be
  left out where nothing needs them: a measure without application (Nachhilfe, Beratung) goes
  geplant → laufend (or straight to abgeschlossen, recorded afterwards), an approval that
  starts at once beantragt → laufend;
- abgelehnt answers an application: from geplant or beantragt only (never after the
  approval — a measure that ends early is abgebrochen), and it needs "beantragt am";
- abgebrochen from every open state;
- an open state (geplant, beantragt, bewilligt, laufend) may be corrected to an earlier open
  one; a finished state (abgelehnt, abgeschlossen, abgebrochen) is final: it never goes back,
  nor to another finished state.

The dates each status needs: beantragt and abgelehnt need "beantragt am"; bewilligt, laufend
and abgeschlossen need "bewilligt am" when the measure was applied for ("beantragt am" set);
laufend needs Beginn; abgeschlossen needs Ende. "bewilligt am" not before "beantragt am",
neither in the future; Ende not before Beginn.

Generated follow-ups (app.services.follow_ups): beantragt → "noch nicht bewilligt" N weeks
after the application (office setting ``approval_weeks``); bewilligt or laufend with an Ende →
"endet am …" two weeks before. The Förderplanziel link is kept on both sides: ``Measure.goal_id``
and ``Goal.measure_id`` of that goal (the goals of open plans that pointed at the measure
before lose the link; closed plan versions keep theirs as history).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.courses import Measure
from app.models.organization import Organization
from app.models.participant import Participant
from app.models.support_plan import Goal, SupportPlan
from app.services import audit
from app.services.follow_ups import forget_measure_follow_ups, refresh_measure_follow_ups
from app.services.validation_rules import reference_problem
from app.text import canonical, index_text
from app.vocab import AuditAction, MeasureKind, MeasureStatus, PlanStatus

ENTITY = "measure"
LABELS = {
    "kind": N_("Kind"),
    "provider_id": N_("Provider"),
    "status": N_("Status"),
    "applied_on": N_("Applied for on"),
    "approved_on": N_("Approved on"),
    "start": N_("Start"),
    "end": N_("End"),
    "goal_id": N_("Support plan goal"),
    "notes": N_("Notes"),
}
ENDING_SOON = timedelta(weeks=4)  # the list's "endet bald"

M = MeasureStatus
ORDER = (M.PLANNED, M.APPLIED, M.APPROVED, M.ONGOING)  # the open states, in order
OPEN = frozenset(ORDER)
FINISHED = frozenset({M.REJECTED, M.COMPLETED, M.CANCELLED})
REJECTABLE = frozenset({M.PLANNED, M.APPLIED})
NEEDS_APPLICATION_DATE = frozenset({M.APPLIED, M.REJECTED})
NEEDS_APPROVAL_DATE = frozenset({M.APPROVED, M.ONGOING, M.COMPLETED})  # when applied for
RUNNING = frozenset({M.APPROVED, M.ONGOING})  # approved or under way: may end soon
DATE_FIELDS = ("applied_on", "approved_on", "start", "end")
NOT_FUTURE = ("applied_on", "approved_on")  # they record what happened


def label(field: str) -> str:
    return _(LABELS[field])


def _quoted(status: MeasureStatus) -> str:
    return _("“{stage}”").format(stage=status.label)


@dataclass(frozen=True)
class MeasureInput:
    """The fields of the measure dialog."""

    kind: MeasureKind | None
    provider_id: int | None = None
    applied_on: date | None = None
    approved_on: date | None = None
    start: date | None = None
    end: date | None = None
    status: MeasureStatus | None = MeasureStatus.PLANNED
    goal_id: int | None = None
    notes: str = ""


INPUT_FIELDS = tuple(f.name for f in fields(MeasureInput))


def transition_problem(current: MeasureStatus, target: MeasureStatus) -> str | None:
    """Why a measure at ``current`` cannot get the status ``target`` (German), or None."""
    if target == current:
        return None
    if current in FINISHED:
        return _(
            "The measure is {current}: a finished measure cannot become {target} any more."
        ).format(current=_quoted(current), target=_quoted(target))
    if target == M.REJECTED and current not in REJECTABLE:
        return _(
            "A measure that is {current} cannot be {target} any more; if it ends early, "
            "it is {cancelled}."
        ).format(current=_quoted(current), target=_quoted(target), cancelled=_quoted(M.CANCELLED))
    return None


def next_statuses(current: MeasureStatus | None) -> list[MeasureStatus]:
    """The statuses a measure at ``current`` may get (itself included); a new one: all."""
    return [s for s in MeasureStatus if current is None or transition_problem(current, s) is None]


def is_open(status: MeasureStatus) -> bool:
    return status in OPEN


# --- validation -----------------------------------------------------------------------------


def _cleaned(data: MeasureInput) -> MeasureInput:
    return replace(data, notes=canonical(data.notes)) if isinstance(data.notes, str) else data


def _date_errors(data: MeasureInput, today: date) -> list[FieldError]:
    errors = []
    for name in DATE_FIELDS:
        value = getattr(data, name)
        message = validation.plausible_date(value)
        if message is None and name in NOT_FUTURE:
            message = validation.not_future(value, today)
        if message:
            errors.append(FieldError(name, label(name), message))
    wrong = {e.field for e in errors}
    for later, earlier in (("approved_on", "applied_on"), ("end", "start")):
        if later in wrong or earlier in wrong:
            continue
        earliest = getattr(data, earlier)
        if message := validation.not_before(getattr(data, later), earliest, label(earlier)):
            errors.append(FieldError(later, label(later), message))
    return errors


def _status_errors(data: MeasureInput, wrong: set[str]) -> list[FieldError]:
    """The dates the chosen status needs."""
    status = data.status
    needed = []
    if status in NEEDS_APPLICATION_DATE:
        needed.append("applied_on")
    if status in NEEDS_APPROVAL_DATE and data.applied_on is not None:
        needed.append("approved_on")
    if status == M.ONGOING:
        needed.append("start")
    if status == M.COMPLETED:
        needed.append("end")
    return [
        FieldError(
            name,
            label(name),
            _("Please enter a date for the status {status}.").format(status=_quoted(status)),  # type: ignore[arg-type]
        )
        for name in needed
        if name not in wrong and getattr(data, name) is None
    ]


def _goal_problem(
    session: Session, participant_id: int, goal_id: object, current: int | None
) -> str | None:
    """A goal of one of this person's plans; a new link only to a plan version not closed."""
    if goal_id is None:
        return None
    if message := validation.row_id_problem(goal_id):
        return message
    goal = session.get(Goal, goal_id)
    plan = session.get(SupportPlan, goal.plan_id) if goal is not None else None
    if plan is None or plan.participant_id != participant_id:
        return _("Please choose a goal of one of this person's support plans.")
    if plan.status == PlanStatus.CLOSED and goal_id != current:
        return _("This support plan version is closed; please choose a goal of the open plan.")
    return None


def _validate(
    session: Session,
    participant_id: int,
    data: MeasureInput,
    today: date,
    measure: Measure | None = None,
) -> None:
    errors: list[FieldError] = []
    if not isinstance(data.kind, MeasureKind):
        errors.append(FieldError("kind", label("kind"), _("Please choose one.")))
    status_ok = isinstance(data.status, MeasureStatus)
    if not status_ok:
        errors.append(FieldError("status", label("status"), _("Please choose one.")))
    errors += _date_errors(data, today)
    if status_ok:
        errors += _status_errors(data, {e.field for e in errors})
        if measure is not None:
            problem = transition_problem(measure.status, data.status)  # type: ignore[arg-type]
            if problem:
                errors.append(FieldError("status", label("status"), problem))
    if data.provider_id is not None and (
        message := reference_problem(session, Organization, data.provider_id)
    ):
        errors.append(FieldError("provider_id", label("provider_id"), message))
    current_goal = measure.goal_id if measure is not None else None
    if message := _goal_problem(session, participant_id, data.goal_id, current_goal):
        errors.append(FieldError("goal_id", label("goal_id"), message))
    if message := validation.text_problem(data.notes, multiline=True):
        errors.append(FieldError("notes", label("notes"), message))
    if errors:
        raise ValidationError(errors)


# --- steps and operations -------------------------------------------------------------------


def _not_found() -> ValidationError:
    return ValidationError([FieldError("id", _("Measure"), _("It no longer exists."))])


def get_measure(session: Session, measure_id: int) -> Measure:
    found = None if validation.row_id_problem(measure_id) else session.get(Measure, measure_id)
    if found is None:
        raise _not_found()
    return found


def link_goal(session: Session, measure: Measure, goal_id: int | None) -> None:
    """Step: the measure serves ``goal_id`` (or no goal): ``Measure.goal_id`` and that goal's
    ``measure_id``; goals of plans not closed that pointed at the measure before lose the link
    (the previous goal, copies of it in a newer plan version). Does not commit."""
    assert measure.id is not None
    measure.goal_id = goal_id
    pointing = session.exec(
        select(Goal)
        .join(SupportPlan, col(SupportPlan.id) == Goal.plan_id)
        .where(Goal.measure_id == measure.id, SupportPlan.status != PlanStatus.CLOSED)
    ).all()
    for goal in pointing:
        if goal.id != goal_id:
            goal.measure_id = None
    if goal_id is not None:
        goal = session.get(Goal, goal_id)
        if goal is not None and goal.measure_id != measure.id:
            goal.measure_id = measure.id


def add_measure(
    uow: UnitOfWork, participant_id: int, data: MeasureInput, *, today: date | None = None
) -> Changes:
    """A new measure for the person (``created``: its id), its follow-ups and goal link."""
    data = _cleaned(data)
    if message := reference_problem(uow.session, Participant, participant_id):
        raise ValidationError([FieldError("participant_id", _("Participant"), message)])
    _validate(uow.session, participant_id, data, today or date.today())
    values = {name: getattr(data, name) for name in INPUT_FIELDS if name != "goal_id"}
    measure = Measure(participant_id=participant_id, **values)
    uow.session.add(measure)
    uow.session.flush()
    link_goal(uow.session, measure, data.goal_id)
    refresh_measure_follow_ups(uow, measure)
    audit.record(
        uow.session,
        AuditAction.CREATE,
        ENTITY,
        measure.id,
        [name for name in INPUT_FIELDS if getattr(data, name) not in (None, "")],
    )
    return uow.commit().with_created(measure.id)


def update_measure(
    uow: UnitOfWork, measure_id: int, data: MeasureInput, *, today: date | None = None
) -> Changes:
    """Store the edited fields (status changes as the rules allow); the follow-ups follow the
    status and the dates, the goal link both sides. Unchanged: NOTHING."""
    data = _cleaned(data)
    measure = get_measure(uow.session, measure_id)
    _validate(uow.session, measure.participant_id, data, today or date.today(), measure)
    changed = [name for name in INPUT_FIELDS if getattr(measure, name) != getattr(data, name)]
    if not changed:
        return NOTHING
    for name in changed:
        if name != "goal_id":
            setattr(measure, name, getattr(data, name))
    if "goal_id" in changed:
        link_goal(uow.session, measure, data.goal_id)
    refresh_measure_follow_ups(uow, measure)
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, measure_id, changed)
    return uow.commit()


def delete_measure(uow: UnitOfWork, measure_id: int) -> Changes:
    """Delete the measure: its open follow-ups go (done ones stay as history), the goal that
    pointed at it loses the link (the database sets it to NULL)."""
    measure = get_measure(uow.session, measure_id)
    forget_measure_follow_ups(uow.session, measure_id)
    uow.session.delete(measure)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, measure_id)
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class MeasureRow(NamedTuple):
    """One measure of a person, as the record's table and the dialog show it."""

    id: int
    participant_id: int
    kind: MeasureKind
    provider_id: int | None
    provider_name: str
    status: MeasureStatus
    applied_on: date | None
    approved_on: date | None
    start: date | None
    end: date | None
    goal_id: int | None
    goal_title: str
    notes: str

    @property
    def open(self) -> bool:
        return is_open(self.status)

    def as_input(self) -> MeasureInput:
        return MeasureInput(**{name: getattr(self, name) for name in INPUT_FIELDS})


_ROW_SQL = """
SELECT m.id, m.participant_id, m.kind, m.provider_id, coalesce(o.name, ''), m.status,
       m.applied_on, m.approved_on, m.start, m."end", m.goal_id, coalesce(g.title, ''), m.notes
FROM measure m
LEFT JOIN organization o ON o.id = m.provider_id
LEFT JOIN goal g ON g.id = m.goal_id
"""


def _measure_row(r: tuple[Any, ...]) -> MeasureRow:
    return MeasureRow(
        r[0], r[1], MeasureKind(r[2]), r[3], r[4], MeasureStatus(r[5]), _day(r[6]), _day(r[7]),
        _day(r[8]), _day(r[9]), r[10], r[11], r[12],
    )  # fmt: skip


def measures_of(reads: Reads, participant_id: int) -> list[MeasureRow]:
    """The person's measures: open ones first, then by the latest date, newest first."""
    rows = reads.rows(
        f"""{_ROW_SQL}
        WHERE m.participant_id = ?
        ORDER BY m.status IN ({",".join(f"'{s.value}'" for s in FINISHED)}),
                 coalesce(m.start, m.approved_on, m.applied_on, m.created_at) DESC, m.id DESC
        """,
        (participant_id,),
    )
    return [_measure_row(r) for r in rows]


def measure_row(reads: Reads, measure_id: int) -> MeasureRow | None:
    rows = reads.rows(f"{_ROW_SQL} WHERE m.id = ?", (measure_id,))
    return _measure_row(rows[0]) if rows else None


class MeasureFilter(StrEnum):
    """The list's status choices, in the order of the box."""

    OPEN = "open"  # geplant, beantragt, bewilligt, laufend
    AWAITING_APPROVAL = "awaiting_approval"  # beantragt
    RUNNING = "running"  # laufend
    ENDING_SOON = "ending_soon"  # bewilligt or laufend, Ende within 4 weeks (or passed)
    COMPLETED = "completed"  # abgeschlossen
    ALL = "all"

    @property
    def label(self) -> str:
        return _(FILTER_LABELS[self])


FILTER_LABELS = {
    MeasureFilter.OPEN: N_("all open"),
    MeasureFilter.AWAITING_APPROVAL: N_("awaiting approval"),
    MeasureFilter.RUNNING: N_("ongoing"),
    MeasureFilter.ENDING_SOON: N_("ending soon"),
    MeasureFilter.COMPLETED: N_("completed"),
    MeasureFilter.ALL: N_("all"),
}


@dataclass(frozen=True)
class MeasureQuery:
    status: MeasureFilter = MeasureFilter.OPEN
    text: str = ""  # words in the person's name, the Art or the Anbieter


class MeasureListRow(NamedTuple):
    """One measure in the list of every person's measures."""

    id: int
    participant_id: int
    participant_name: str
    kind: MeasureKind
    provider_name: str
    status: MeasureStatus
    applied_on: date | None
    approved_on: date | None
    start: date | None
    end: date | None
    ending_soon: bool  # approved or running, the end within 4 weeks or passed


def _quoted_list(statuses: frozenset[MeasureStatus] | tuple[MeasureStatus, ...]) -> str:
    return ",".join(f"'{s.value}'" for s in statuses)


_LIST_SQL = f"""
SELECT m.id, m.participant_id, trim(p.first_name || ' ' || p.last_name), m.kind,
       coalesce(o.name, ''), m.status, m.applied_on, m.approved_on, m.start, m."end"
FROM measure m
JOIN {LIST_TABLE} p ON p.id = m.participant_id
LEFT JOIN organization o ON o.id = m.provider_id
"""
_RUNNING_LIST = _quoted_list(tuple(sorted(RUNNING)))
_ENDING_SOON_SQL = f'm.status IN ({_RUNNING_LIST}) AND m."end" <= :soon'
_CONDITIONS = {
    MeasureFilter.OPEN: f"m.status IN ({_quoted_list(ORDER)})",
    MeasureFilter.AWAITING_APPROVAL: f"m.status = '{M.APPLIED.value}'",
    MeasureFilter.RUNNING: f"m.status = '{M.ONGOING.value}'",
    MeasureFilter.ENDING_SOON: _ENDING_SOON_SQL,
    MeasureFilter.COMPLETED: f"m.status = '{M.COMPLETED.value}'",
    MeasureFilter.ALL: "1",
}
_BY_NAME = "p.name_sort, coalesce(m.start, m.approved_on, m.applied_on) DESC, m.id"
_ORDERS = {
    MeasureFilter.AWAITING_APPROVAL: "m.applied_on IS NULL, m.applied_on, m.id",
    MeasureFilter.ENDING_SOON: 'm."end", m.id',
}


def _list_row(r: tuple[Any, ...], soon: date) -> MeasureListRow:
    status, end = MeasureStatus(r[5]), _day(r[9])
    ending = status in RUNNING and end is not None and end <= soon
    return MeasureListRow(
        r[0], r[1], r[2], MeasureKind(r[3]), r[4], status, _day(r[6]), _day(r[7]), _day(r[8]),
        end, ending,
    )  # fmt: skip


def _matches(row: MeasureListRow, needles: list[str]) -> bool:
    haystack = index_text(" ".join((row.participant_name, row.kind.label, row.provider_name)))
    return all(needle in haystack for needle in needles)


def list_measures(
    reads: Reads, query: MeasureQuery | None = None, today: date | None = None
) -> list[MeasureListRow]:
    """Every person's measures of the status filter whose person, Art or Anbieter hold every
    word typed (case-, accent- and "ue"-tolerant). Awaiting approval: the oldest application
    first; ending soon: the soonest end first; else by the person's name, the latest first."""
    query = query or MeasureQuery()
    soon = (today or date.today()) + ENDING_SOON
    order = _ORDERS.get(query.status, _BY_NAME)
    rows = reads.rows(
        f"{_LIST_SQL} WHERE {_CONDITIONS[query.status]} ORDER BY {order}",
        {"soon": soon.isoformat()},
    )
    found = [_list_row(r, soon) for r in rows]
    needles = index_text(query.text).split()
    return [row for row in found if _matches(row, needles)] if needles else found


def measure_counts(reads: Reads, today: date | None = None) -> dict[MeasureFilter, int]:
    """How many measures each choice of the status filter lists."""
    soon = (today or date.today()) + ENDING_SOON
    columns = ", ".join(
        f"count(*) FILTER (WHERE {_CONDITIONS[choice]})" for choice in MeasureFilter
    )
    counts = reads.one(f"SELECT {columns} FROM measure m", {"soon": soon.isoformat()})
    return dict(zip(MeasureFilter, counts, strict=True))


def measures_awaiting_approval(reads: Reads, today: date) -> list[MeasureListRow]:
    """Measures applied for and not yet decided (status beantragt), the oldest application
    first (the Übersicht's list)."""
    return list_measures(reads, MeasureQuery(MeasureFilter.AWAITING_APPROVAL), today)


class GoalChoice(NamedTuple):
    id: int
    title: str
    plan_version: int
    plan_closed: bool

    @property
    def text(self) -> str:
        return _("{goal} (support plan, version {version})").format(
            goal=self.title, version=self.plan_version
        )


def goal_choices(reads: Reads, participant_id: int, keep: int | None = None) -> list[GoalChoice]:
    """The goals a measure of this person may serve: those of the plans not closed, newest
    version first, in their order; ``keep`` (the goal linked now) is listed even when its
    plan version is closed."""
    rows = reads.rows(
        """
        SELECT g.id, g.title, p.version, p.status = ?
        FROM goal g JOIN support_plan p ON p.id = g.plan_id
        WHERE p.participant_id = ? AND (p.status != ? OR g.id = ?)
        ORDER BY p.version DESC, p.id DESC, g.position, g.id
        """,
        (PlanStatus.CLOSED.value, participant_id, PlanStatus.CLOSED.value, keep),
    )
    return [GoalChoice(r[0], r[1], r[2], bool(r[3])) for r in rows]
