"""Fehlzeiten of a student (Ausbildungsmanagement): dated entries of hours missed, of them
unexcused, with their totals.

An entry is one day or a week entered at once (1–200 hours). Every operation keeps the
participant's ``absence_hours``, ``unexcused_absence_hours`` (the sums) and ``absence_as_of``
(the latest day) current in the same transaction: the Ausbildung tab shows them read-only,
and lists and reports read them without summing. Without any entry they are empty.

A record that holds totals but no dated entry (made by an import or the demo data, as records
were before revision 0005) gets those totals as one entry "Stand bis …" before the first new
entry, as the revision did: adding a day never loses the hours known before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _, format_date
from app.models.participant import Participant
from app.models.training import Absence
from app.services import list_entries as entries
from app.text import canonical

ENTITY = "absence"
LABELS = {
    "absent_on": N_("Date"),
    "hours": N_("Hours absent"),
    "unexcused_hours": N_("of them unexcused"),
    "note": N_("Remark"),
}
MIN_HOURS, MAX_HOURS = 1, 200  # one entry: a day, or a week entered at once
MAX_TOTAL = 2000  # the record's totals (docs/domain.md, § 2.6)
MAX_NOTE = 200
INPUT_FIELDS = ("absent_on", "hours", "unexcused_hours", "note")


def label(field: str) -> str:
    return _(LABELS[field])


@dataclass(frozen=True)
class AbsenceInput:
    absent_on: date | None
    hours: int | None
    unexcused_hours: int | None = 0  # empty counts as none
    note: str = ""


def _cleaned(data: AbsenceInput) -> AbsenceInput:
    note = canonical(data.note) if isinstance(data.note, str) else data.note
    unexcused = 0 if data.unexcused_hours is None else data.unexcused_hours
    return replace(data, note=note, unexcused_hours=unexcused)


def _errors(
    data: AbsenceInput, today: date, *, others: int, max_hours: int = MAX_HOURS
) -> list[FieldError]:
    """Every problem of one entry; ``others``: the hours of the person's other entries."""
    errors: list[FieldError] = []

    def add(field: str, message: str) -> None:
        errors.append(FieldError(field, label(field), message))

    if data.absent_on is None:
        add("absent_on", _("Please enter a date."))
    elif message := validation.plausible_date(data.absent_on) or validation.not_future(
        data.absent_on, today
    ):
        add("absent_on", message)
    if data.hours is None:
        add("hours", _("Please enter a number."))
    elif message := validation.number_range(data.hours, MIN_HOURS, max_hours):
        add("hours", message)
    elif others + data.hours > MAX_TOTAL:
        add(
            "hours",
            _(
                "With this entry the absences would come to {total} hours; at most {limit} "
                "can be recorded."
            ).format(total=others + data.hours, limit=MAX_TOTAL),
        )
    unexcused = data.unexcused_hours
    if not _whole(unexcused):
        add("unexcused_hours", _("Please enter a whole number."))
    elif _whole(data.hours) and 0 <= data.hours < unexcused:  # type: ignore[operator]
        add(
            "unexcused_hours",
            _("Must not be more than the hours absent ({hours}).").format(hours=data.hours),
        )
    elif message := validation.number_range(unexcused, 0, max_hours):
        add("unexcused_hours", message)
    if message := validation.text_problem(data.note, multiline=False, max_length=MAX_NOTE):
        add("note", message)
    return errors


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def get_absence(session: Session, absence_id: int) -> Absence:
    return entries.get_entry(session, Absence, absence_id, _("Absence"))


def _hours_of_others(uow: UnitOfWork, participant_id: int, absence_id: int | None) -> int:
    uow.session.flush()
    (hours,) = uow.one(
        "SELECT coalesce(sum(hours), 0) FROM absence WHERE participant_id = ? AND id IS NOT ?",
        (participant_id, absence_id),
    )
    return int(hours)


def _has_absences(uow: UnitOfWork, participant_id: int) -> bool:
    uow.session.flush()
    rows = uow.rows("SELECT 1 FROM absence WHERE participant_id = ? LIMIT 1", (participant_id,))
    return bool(rows)


# --- steps ----------------------------------------------------------------------------------


def refresh_totals(uow: UnitOfWork, participant_id: int) -> None:
    """Step: the participant's sums and latest day from their absences (none: all empty).
    Does not commit."""
    session = uow.session
    session.flush()
    hours, unexcused, latest = uow.one(
        "SELECT sum(hours), sum(unexcused_hours), max(absent_on) FROM absence "
        "WHERE participant_id = ?",
        (participant_id,),
    )
    person = entries.participant_of(session, participant_id)
    values = (hours, unexcused, None if latest is None else date.fromisoformat(latest))
    if (person.absence_hours, person.unexcused_absence_hours, person.absence_as_of) != values:
        person.absence_hours, person.unexcused_absence_hours, person.absence_as_of = values


def carry_over_totals(uow: UnitOfWork, person: Participant, today: date) -> None:
    """Step: totals on the record without a dated entry become one entry "Stand bis …" (as
    revision 0005 did for the records of its day). Does not commit."""
    if not person.absence_hours or person.absence_hours <= 0:
        return
    assert person.id is not None
    if _has_absences(uow, person.id):
        return
    day = person.absence_as_of or today
    record = Absence(
        participant_id=person.id,
        absent_on=day,
        hours=person.absence_hours,
        unexcused_hours=min(person.unexcused_absence_hours or 0, person.absence_hours),
        note=_("Total up to {date}").format(date=format_date(day))[:MAX_NOTE],
    )
    entries.insert_entry(uow.session, record, ENTITY, INPUT_FIELDS)


# --- operations -----------------------------------------------------------------------------


def add_absence(
    uow: UnitOfWork, participant_id: int, data: AbsenceInput, *, today: date | None = None
) -> Changes:
    """Erfassen: one dated entry (``created``: its id); the record's totals follow."""
    person = entries.participant_of(uow.session, participant_id)
    data = _cleaned(data)
    today = today or date.today()
    others = _hours_of_others(uow, participant_id, None)
    if not others and not _has_absences(uow, participant_id):
        others = max(person.absence_hours or 0, 0)  # carried over below
    errors = _errors(data, today, others=others)
    if errors:
        raise ValidationError(errors)
    carry_over_totals(uow, person, today)
    record = Absence(participant_id=participant_id, **entries.values_of(data, INPUT_FIELDS))
    absence_id = entries.insert_entry(uow.session, record, ENTITY, INPUT_FIELDS)
    refresh_totals(uow, participant_id)
    return uow.commit().with_created(absence_id)


def update_absence(
    uow: UnitOfWork, absence_id: int, data: AbsenceInput, *, today: date | None = None
) -> Changes:
    """Bearbeiten: the entry as given; the totals follow. Unchanged: NOTHING. An entry carried
    over from the old totals may keep its hours above the daily limit."""
    record = get_absence(uow.session, absence_id)
    data = _cleaned(data)
    errors = _errors(
        data,
        today or date.today(),
        others=_hours_of_others(uow, record.participant_id, absence_id),
        max_hours=max(MAX_HOURS, record.hours),
    )
    if errors:
        raise ValidationError(errors)
    if not entries.update_entry(uow.session, record, data, INPUT_FIELDS, ENTITY):
        return NOTHING
    refresh_totals(uow, record.participant_id)
    return uow.commit()


def delete_absence(uow: UnitOfWork, absence_id: int) -> Changes:
    """Löschen: the entry goes; the totals follow (none left: empty)."""
    record = get_absence(uow.session, absence_id)
    participant_id = record.participant_id
    entries.delete_entry(uow.session, record, ENTITY)
    refresh_totals(uow, participant_id)
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


class AbsenceRow(NamedTuple):
    id: int
    participant_id: int
    absent_on: date
    hours: int
    unexcused_hours: int
    note: str

    @property
    def excused_hours(self) -> int:
        return self.hours - self.unexcused_hours

    def as_input(self) -> AbsenceInput:
        return AbsenceInput(self.absent_on, self.hours, self.unexcused_hours, self.note)


class AbsenceTotals(NamedTuple):
    hours: int
    unexcused: int
    excused: int
    count: int
    latest: date | None  # the latest day with an absence


def absences_of(reads: Reads, participant_id: int) -> list[AbsenceRow]:
    """The person's absences, the latest day first."""
    rows = reads.rows(
        "SELECT id, participant_id, absent_on, hours, unexcused_hours, note FROM absence "
        "WHERE participant_id = ? ORDER BY absent_on DESC, id DESC",
        (participant_id,),
    )
    return [AbsenceRow(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows]


def absence_totals(reads: Reads, participant_id: int) -> AbsenceTotals:
    hours, unexcused, count, latest = reads.one(
        "SELECT coalesce(sum(hours), 0), coalesce(sum(unexcused_hours), 0), count(*), "
        "max(absent_on) FROM absence WHERE participant_id = ?",
        (participant_id,),
    )
    return AbsenceTotals(
        hours, unexcused, hours - unexcused, count, date.fromisoformat(latest) if latest else None
    )


def carried_totals(reads: Reads, participant_id: int) -> AbsenceTotals | None:
    """The totals a record holds without any dated entry (from an import or older demo data;
    ``count`` 0): the first entry takes them over (``carry_over_totals``). Else None."""
    rows = reads.rows(
        "SELECT absence_hours, coalesce(unexcused_absence_hours, 0), absence_as_of "
        "FROM participant p WHERE id = ? AND absence_hours > 0 "
        "AND NOT EXISTS (SELECT 1 FROM absence a WHERE a.participant_id = p.id)",
        (participant_id,),
    )
    if not rows:
        return None
    hours, unexcused, as_of = rows[0]
    unexcused = min(unexcused, hours)
    return AbsenceTotals(
        hours, unexcused, hours - unexcused, 0, date.fromisoformat(as_of) if as_of else None
    )
