"""Protokoll: who did what to which record, naming changed fields but never their values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import AuditAction


class AuditEvent(SQLModel, table=True):
    """Protokolleintrag."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    actor: str = Field(default="", max_length=100)
    action: AuditAction = Field(sa_type=EnumText(AuditAction))
    entity: str = Field(default="", max_length=60)  # table name, e.g. "participant"
    entity_id: int | None = None
    fields: list[str] = Field(default_factory=list, sa_type=JSON)  # field names only
