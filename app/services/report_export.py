"""Sachbericht export: a period's figures as PDF or XLSX, written all or nothing.

The figures come from app.services.period_report (``build_report``), the layout from
app/reports/period_report.py (PDF, with the office letterhead) and app/reports/period_xlsx.py
(XLSX); which one, the file's suffix says. The file is written through ``atomic_file``: a
cancel (``progress`` raises Cancelled) or an error leaves no file, and an earlier file of the
same name as it was. The export is recorded in the audit log (``export`` / ``period_report``)
with the format, ``figures`` and, when the file names the records left out of the figures,
``incomplete_names``; ``entity_id`` is the number of people named (0: nobody).
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

from app.db.changes import Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.files import atomic_file
from app.i18n import _
from app.progress import Progress
from app.reports.period_data import Period
from app.services import audit
from app.services.settings import load_settings
from app.vocab import AuditAction, Program

ENTITY = "period_report"
SUFFIXES = (".pdf", ".xlsx")
STEPS = 3  # the figures, the layout, the file (the commit follows the last report)


def export_report(
    uow: UnitOfWork,
    progress: Progress,
    period: Period,
    program: Program | None,
    out: Path,
    today: date | None = None,
) -> Changes:
    """Write the Sachbericht of ``period`` (one Förderbereich or, with None, both) to ``out``
    (.pdf or .xlsx). A file that cannot be written is a ValidationError naming it."""
    from app.services.period_report import build_report  # reportlab, openpyxl: when first used

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        message = _("{name} is neither a .pdf nor an .xlsx file.").format(name=out.name)
        raise ValidationError([FieldError("out", _("File"), message)])
    progress.step(0, STEPS)
    report = build_report(uow, period, program, today=today)
    progress.step(1, STEPS)
    pdf = b""
    if suffix == ".pdf":
        from app.reports.period_report import render_period_report

        pdf = render_period_report(report, load_settings(uow))
    progress.step(2, STEPS)
    fields = [suffix.lstrip("."), "figures"]
    if report.incomplete:
        fields.append("incomplete_names")
    try:
        with atomic_file(out) as temp:
            if suffix == ".pdf":
                temp.write_bytes(pdf)
            else:
                from app.reports.period_xlsx import write_period_xlsx

                write_period_xlsx(report, temp)
            progress.step(STEPS, STEPS)  # the last chance to cancel: the file is not there yet
            audit.record(uow.session, AuditAction.EXPORT, ENTITY, len(report.incomplete), fields)
            changes = uow.commit()
    except OSError as error:  # a folder gone, no permission, a full disk: nothing was stored
        raise file_error(out, error) from error
    return changes


def file_error(out: Path, error: OSError) -> ValidationError:
    """The German message for a file that could not be written, naming it and the cause."""
    if error.errno in (errno.EACCES, errno.EPERM):
        reason = _(
            "No permission to write there, or the file is open in another program "
            "(e.g. Excel): close it and try again."
        )
    elif error.errno == errno.ENOENT:
        reason = _("The folder {path} does not exist.").format(path=out.parent)
    elif error.errno == errno.ENOSPC:
        reason = _("The disk is full.")
    else:
        reason = error.strerror or str(error)
    message = _("The file {path} could not be written. {reason}").format(path=out, reason=reason)
    return ValidationError([FieldError("out", _("File"), message)])
