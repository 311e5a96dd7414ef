"""Einwilligungen / Schweigepflichtentbindungen, per purpose and recipient."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import ConsentPurpose


class Consent(SQLModel, table=True):
    """Einwilligung; a withdrawal blocks the related data flow from ``withdrawn_on``."""

    __tablename__ = "consent"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    purpose: ConsentPurpose = Field(sa_type=EnumText(ConsentPurpose))
    recipient: str = Field(default="", max_length=200)
    given_on: date
    text_version: str = Field(default="", max_length=40)
    guardian_name: str | None = Field(default=None, max_length=100)  # for minors
    withdrawn_on: date | None = None
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )

    def is_active_on(self, day: date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)
