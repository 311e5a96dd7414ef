"""The audit log: who changed which record and which fields — never the values."""

from __future__ import annotations

import getpass
from collections.abc import Iterable

from sqlmodel import Session

from app.models.audit import AuditEvent
from app.vocab import AuditAction


def current_actor() -> str:
    try:
        return getpass.getuser()
    except OSError:  # no login name (some service accounts)
        return ""


def record(
    session: Session,
    action: AuditAction,
    entity: str,
    entity_id: int | None,
    fields: Iterable[str] = (),
) -> None:
    """Add an audit event to the session; it commits with the change it describes."""
    session.add(
        AuditEvent(
            actor=current_actor(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=sorted(fields),
        )
    )
