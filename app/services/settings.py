"""Office settings: read at every start with plain SQL, saved as one operation."""

from __future__ import annotations

from dataclasses import fields, replace

from app.db.changes import Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import ValidationError
from app.models.office_settings import OfficeSettings, decode, encode, validation_errors
from app.vocab import AuditAction


def _stored(reads: Reads) -> dict[str, str]:
    """All stored values; plain SQL, read at every start (no ORM needed for the first window)."""
    return dict(reads.rows("SELECT key, value FROM setting"))


def has_settings(reads: Reads) -> bool:
    return bool(_stored(reads))


def load_settings(reads: Reads) -> OfficeSettings:
    return decode(_stored(reads))


def trimmed(settings: OfficeSettings) -> OfficeSettings:
    """The settings as they are stored: texts without surrounding blanks."""
    return replace(
        settings,
        **{
            f.name: getattr(settings, f.name).strip()
            for f in fields(settings)
            if isinstance(getattr(settings, f.name), str)
        },
    )


def save_settings(uow: UnitOfWork, settings: OfficeSettings) -> Changes:
    """Validate, trim and store all settings in one transaction."""
    settings = trimmed(settings)
    errors = validation_errors(settings)
    if errors:
        raise ValidationError(errors)
    from app.models.setting import Setting  # the ORM loads after the first window
    from app.services import audit

    stored, wanted = _stored(uow), encode(settings)
    changed = [key for key, value in wanted.items() if stored.get(key) != value]
    for key in changed:
        uow.session.merge(Setting(key=key, value=wanted[key]))
    if changed:
        audit.record(uow.session, AuditAction.UPDATE, "setting", None, changed)
    return uow.commit()
