"""Versions of a person's plan and the archive of every printed or saved copy."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import NamedTuple

from app.db.changes import Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.models.support_plan import PlanPrint
from app.services import audit
from app.services.support_plans.common import ENTITY, get_plan, label
from app.vocab import AuditAction, PlanStatus


class PlanVersionRow(NamedTuple):
    id: int
    number: str
    version: int
    status: PlanStatus
    created_at: datetime
    closed_at: datetime | None
    next_review_on: date | None
    prints: int


class PrintRow(NamedTuple):
    id: int
    printed_at: datetime
    language: str
    sha256: str
    size: int


def plan_versions(reads: Reads, participant_id: int) -> list[PlanVersionRow]:
    """Every version of a person's plan, newest first, with the number of printouts."""
    rows = reads.rows(
        "SELECT p.id, p.number, p.version, p.status, p.created_at, p.closed_at, "
        "p.next_review_on, (SELECT count(*) FROM plan_print pp WHERE pp.plan_id = p.id) "
        "FROM support_plan p WHERE p.participant_id = ? ORDER BY p.version DESC, p.id DESC",
        (participant_id,),
    )
    return [
        PlanVersionRow(
            r[0],
            r[1],
            r[2],
            PlanStatus(r[3]),
            _timestamp(r[4]),
            _timestamp(r[5]) if r[5] else None,
            date.fromisoformat(r[6]) if r[6] else None,
            r[7],
        )
        for r in rows
    ]


def _timestamp(value: str | datetime) -> datetime:
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return stamp.replace(tzinfo=UTC)


def archive_print(
    uow: UnitOfWork,
    plan_id: int,
    pdf: bytes,
    language: str,
    *,
    special_categories: bool = False,
) -> Changes:
    """Keep the exact PDF handed out (with its SHA-256) as proof; ``created``: the printout.

    ``language`` is what Labels.code gives ("de", "de+uk"); the audit log notes whether
    special-category data were printed.
    """
    get_plan(uow, plan_id)
    if not pdf.startswith(b"%PDF-"):
        raise ValidationError([FieldError("pdf", label("pdf"), _("This is not a PDF document."))])
    printout = PlanPrint(
        plan_id=plan_id,
        language=language,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    uow.session.add(printout)
    uow.session.flush()
    fields = ["language", "special_categories"] if special_categories else ["language"]
    audit.record(uow.session, AuditAction.PRINT, ENTITY, plan_id, fields)
    return uow.commit().with_created(printout.id)


def printed_versions(reads: Reads, plan_id: int) -> list[PrintRow]:
    """The printouts of one plan version, newest first (without the PDF bytes)."""
    rows = reads.rows(
        "SELECT id, printed_at, language, sha256, length(pdf) FROM plan_print "
        "WHERE plan_id = ? ORDER BY printed_at DESC, id DESC",
        (plan_id,),
    )
    return [PrintRow(r[0], _timestamp(r[1]), r[2], r[3], r[4]) for r in rows]


def printed_pdf(uow: UnitOfWork, print_id: int) -> bytes:
    printout = uow.session.get(PlanPrint, print_id)
    if printout is None:
        raise ValidationError([FieldError("id", label("pdf"), _("It no longer exists."))])
    return printout.pdf
