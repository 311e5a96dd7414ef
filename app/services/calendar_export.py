"""Termine nach Outlook: the open follow-ups as an iCalendar (.ics) file.

One all-day event per open follow-up (of a person or of an organisation) on its due date.
Each event's UID is ``followup-<id>@<calendar id>``: the follow-up's row id and a random id of
this data location, made on the first export and kept in the ``setting`` table (so a backup
carries it). The same follow-up therefore has the same UID in every export, and a calendar
that imports the file again updates the appointment instead of adding a second one.

What an appointment says of the person is the office setting ``calendar_detail``: only the
follow-up's title, the person's initials and the title (the default), or the name and the
title. An organisation's follow-up names the organisation unless "title only" is set. Notes,
birth dates and every other field stay in Lotse.

DTSTAMP, LAST-MODIFIED and SEQUENCE come from the follow-up's ``updated_at``: an unchanged
follow-up is written the same way every time, a changed one with a higher SEQUENCE.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from icalendar import Calendar, Event
from sqlmodel import col, select

from app.db.changes import Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.files import atomic_file
from app.i18n import _
from app.models.contacts import FollowUp
from app.models.office_settings import (
    CALENDAR_INITIALS,
    CALENDAR_NAME,
    CALENDAR_TITLE_ONLY,
)
from app.models.organization import Organization
from app.models.participant import Participant
from app.progress import Progress
from app.services import audit
from app.services.settings import load_settings
from app.vocab import AuditAction

# the setting row with this data location's calendar id (not an office setting: not shown)
CALENDAR_ID_KEY = "calendar_uid_domain"
CATEGORY = "Lotse"
PRODUCT_ID = "-//Lotse//Termine nach Outlook//DE"
SUFFIX = ".ics"
# SEQUENCE: seconds from this moment to the follow-up's last change (grows with every change)
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
SEPARATOR = " – "
PROGRESS_EVERY = 200  # rows between two progress reports (each can cancel)


class Appointment(NamedTuple):
    """One open follow-up with what may be said of whom it concerns."""

    follow_up_id: int
    due_date: date
    title: str
    updated_at: datetime
    first_name: str | None
    last_name: str | None
    organization: str | None


def initials(first_name: str, last_name: str) -> str:
    """ "A. Ş." for Ayşe Şahin: the first given name's initial and the surname's; a double
    surname keeps its hyphen ("M.-L." for Müller-Lüdenscheidt), lower-case particles ("von
    der") are left out."""
    parts: list[str] = []
    given = first_name.split()
    if given:
        parts.append(_initial(given[0]))
    words = [w for w in last_name.split() if w[:1].isupper()] or last_name.split()[:1]
    parts.extend("-".join(_initial(piece) for piece in w.split("-") if piece) for w in words)
    return " ".join(p for p in parts if p)


def _initial(word: str) -> str:
    letter = next((c for c in word if c.isalpha()), "")
    return f"{letter.upper()}." if letter else ""


def summary(appointment: Appointment, detail: str) -> str:
    """The appointment's subject: the title, after whom it concerns as far as ``detail``
    (CALENDAR_DETAILS) allows."""
    who = ""
    if detail != CALENDAR_TITLE_ONLY:
        if appointment.last_name is not None:
            first, last = appointment.first_name or "", appointment.last_name
            if detail == CALENDAR_NAME:
                who = f"{first} {last}".strip()
            elif detail == CALENDAR_INITIALS:
                who = initials(first, last)
        elif appointment.organization:
            who = appointment.organization
    return f"{who}{SEPARATOR}{appointment.title}" if who else appointment.title


def calendar_id(uow: UnitOfWork) -> str:
    """This data location's calendar id; made (and stored with the export's commit) when
    there is none yet."""
    rows = uow.rows("SELECT value FROM setting WHERE key = ?", (CALENDAR_ID_KEY,))
    if rows and rows[0][0]:
        return str(rows[0][0])
    from app.models.setting import Setting

    made = f"{secrets.token_hex(8)}.lotse"
    uow.session.merge(Setting(key=CALENDAR_ID_KEY, value=made))
    return made


def open_appointments(uow: UnitOfWork) -> list[Appointment]:
    """Every follow-up not done yet, by due date."""
    statement = (
        select(
            FollowUp.id,
            FollowUp.due_date,
            FollowUp.title,
            FollowUp.updated_at,
            Participant.first_name,
            Participant.last_name,
            Organization.name,
        )
        .outerjoin(Participant, col(Participant.id) == col(FollowUp.participant_id))
        .outerjoin(Organization, col(Organization.id) == col(FollowUp.organization_id))
        .where(col(FollowUp.done_at).is_(None))
        .order_by(col(FollowUp.due_date), col(FollowUp.id))
    )
    return [Appointment(*row) for row in uow.session.exec(statement).all()]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def event(appointment: Appointment, detail: str, domain: str) -> Event:
    changed = _utc(appointment.updated_at).replace(microsecond=0)
    item = Event()
    item.add("uid", f"followup-{appointment.follow_up_id}@{domain}")
    item.add("dtstamp", changed)
    item.add("last-modified", changed)
    item.add("sequence", max(0, int((changed - SEQUENCE_EPOCH).total_seconds())))
    item.add("dtstart", appointment.due_date)  # a DATE: an all-day appointment
    item.add("dtend", appointment.due_date + timedelta(days=1))
    item.add("summary", summary(appointment, detail))
    item.add("categories", [CATEGORY])
    item.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
    item.add("x-microsoft-cdo-alldayevent", "TRUE")
    item.add("x-microsoft-cdo-busystatus", "FREE")
    return item


def export_calendar(uow: UnitOfWork, progress: Progress, out: Path) -> Changes:
    """Write the open follow-ups to ``out`` (.ics), all or nothing.

    A cancel (``progress`` raises Cancelled) or an error leaves no file and changes nothing
    (an existing ``out`` stays as it was); a file that cannot be written is a ValidationError
    naming it. The export is recorded in the audit log with the
    number of appointments (``entity_id``) and the fields that left Lotse.
    """
    detail = load_settings(uow).calendar_detail
    domain = calendar_id(uow)
    appointments = open_appointments(uow)
    total = len(appointments) + 1  # the last step: writing the file
    progress.step(0, total)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Lotse")
    for done, appointment in enumerate(appointments, start=1):
        calendar.add_component(event(appointment, detail, domain))
        if done % PROGRESS_EVERY == 0:
            progress.step(done, total)
    try:
        with atomic_file(out) as temp:
            temp.write_bytes(calendar.to_ical())
            progress.step(total, total)  # the last chance to cancel: the file is not there yet
            audit.record(
                uow.session,
                AuditAction.EXPORT,
                "calendar",
                len(appointments),
                exported_fields(detail),
            )
            changes = uow.commit()
    except OSError as error:  # a folder gone, no permission, a full disk: nothing was stored
        message = _("The file could not be written: {error}").format(error=error.strerror or error)
        raise ValidationError([FieldError("out", _("File"), message)]) from error
    return changes


def exported_fields(detail: str) -> list[str]:
    """What of a follow-up and its person leaves Lotse (for the audit log)."""
    fields = ["due_date", "title"]
    if detail == CALENDAR_INITIALS:
        fields.append("initials")
    elif detail == CALENDAR_NAME:
        fields += ["first_name", "last_name"]
    if detail != CALENDAR_TITLE_ONLY:
        fields.append("organization")
    return fields


def count_events(path: Path) -> int:
    """How many appointments an exported file holds."""
    return len(Calendar.from_ical(Path(path).read_bytes()).walk("VEVENT"))
