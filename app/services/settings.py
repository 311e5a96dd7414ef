"""Office settings: read at every start with plain SQL, saved as one operation."""

from __future__ import annotations

from dataclasses import fields, replace

from app.db.changes import Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import ValidationError
from app.models.office_settings import LABELS, OfficeSettings, decode, encode, validation_errors
from app.vocab import AuditAction


def _stored(reads: Reads) -> dict[str, str]:
    """All stored values; plain SQL, read at every start (no ORM needed for the first window)."""
    return dict(reads.rows("SELECT key, value FROM setting"))


def has_settings(reads: Reads) -> bool:
    """Whether the office settings were saved once (other rows, e.g. the calendar's id, do
    not count: the first start still asks for the settings)."""
    return any(key in LABELS for key in _stored(reads))


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
    if decode(stored).check_in_weeks != settings.check_in_weeks:  # not the first save's default
        _regenerate_check_ins(uow, settings.check_in_weeks)
    if decode(stored).approval_weeks != settings.approval_weeks:
        _regenerate_approvals(uow, settings.approval_weeks)
    return uow.commit()


def _regenerate_check_ins(uow: UnitOfWork, weeks: int) -> None:
    """Another check-in interval: the open check-ins of every running employment move."""
    from sqlmodel import col, select

    from app.models.jobs import Employment
    from app.services.follow_ups import regenerate_employment

    running = uow.session.exec(select(Employment).where(col(Employment.end).is_(None))).all()
    for employment in running:
        regenerate_employment(uow.session, employment, weeks)


def _regenerate_approvals(uow: UnitOfWork, weeks: int) -> None:
    """Another approval interval: the open "noch nicht bewilligt" reminders of every measure
    applied for move (done ones stay)."""
    from sqlmodel import select

    from app.models.courses import Measure
    from app.services.follow_ups import regenerate_measure
    from app.vocab import MeasureStatus

    applied = uow.session.exec(select(Measure).where(Measure.status == MeasureStatus.APPLIED)).all()
    for measure in applied:
        regenerate_measure(uow.session, measure, weeks)
