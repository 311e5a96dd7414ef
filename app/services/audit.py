"""The audit log: who changed which record and which fields — never the values."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable

from sqlmodel import Session

from app.models.audit import AuditEvent
from app.vocab import AuditAction


def current_actor() -> str:
    """The login name, or "" when the system has none to give."""
    try:
        return getpass.getuser()
    # no login name (some service accounts); on Windows without USERNAME getuser falls back to
    # the pwd module, which is not there: ImportError (Python 3.12) or OSError (3.13)
    except (OSError, ImportError, KeyError):
        pass
    try:
        return os.getlogin()
    except OSError:
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
