"""Gesprächsnotizen / Kontakte and Wiedervorlagen."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import ContactKind, FollowUpKind


class ContactNote(SQLModel, table=True):
    """Gesprächsnotiz / Kontakt. Without a participant it is a contact with an organisation."""

    __tablename__ = "contact_note"
    __table_args__ = (
        Index("ix_contact_note_participant_occurred", "participant_id", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="CASCADE"
    )
    organization_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    occurred_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    kind: ContactKind = Field(default=ContactKind.IN_PERSON, sa_type=EnumText(ContactKind))
    duration_minutes: int | None = None
    participants: str = ""  # who took part (Gesprächsteilnehmende)
    topics: str = ""
    content: str = ""  # sensitive
    agreements: str = ""
    interpreter: bool = False
    interpreter_language: str = Field(default="", max_length=60)
    author: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class NoteOrganization(SQLModel, table=True):
    """A further organisation (with a contact person) taking part in a contact, e.g. in a
    Fallkonferenz; the note shows in each of their timelines."""

    __tablename__ = "contact_note_organization"
    __table_args__ = (UniqueConstraint("note_id", "organization_id"),)

    id: int | None = Field(default=None, primary_key=True)
    note_id: int = Field(foreign_key="contact_note.id", ondelete="CASCADE", index=True)
    organization_id: int = Field(foreign_key="organization.id", ondelete="CASCADE", index=True)
    contact_person_id: int | None = Field(
        default=None, foreign_key="contact_person.id", ondelete="SET NULL", index=True
    )


class FollowUp(SQLModel, table=True):
    """Wiedervorlage / Termin; generated ones carry a stable ``generated_key``."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_due_done", "due_date", "done_at"),
        Index("ix_follow_up_participant_open", "participant_id", "done_at", "due_date"),
        # open follow-ups by due date (Übersicht, Wiedervorlagen): done ones are not scanned
        Index("ix_follow_up_open_due", "due_date", sqlite_where=text("done_at IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    due_date: date
    title: str = Field(max_length=200)
    kind: FollowUpKind = Field(default=FollowUpKind.MANUAL, sa_type=EnumText(FollowUpKind))
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="CASCADE", index=True
    )
    organization_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="CASCADE", index=True
    )
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str = ""
    # e.g. "probation_end:employment:42"; unique, so re-deriving is idempotent (NULL for manual)
    generated_key: str | None = Field(default=None, max_length=100, unique=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
