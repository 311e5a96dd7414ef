"""The import as one operation: ``preview`` (read, map, check every row, find duplicates;
stores nothing) and ``run_import`` / ``import_rows`` (the same checks, then every row through
the service's create operation in one unit of work: all rows or none).

A row with an error stops the whole import: nothing is stored and the ValidationError names
each such row by the number the spreadsheet shows at its left. Possible duplicates are not
errors; by default they are left out (``ImportOptions.skip_duplicates``) and the result says
which. The mapping used is remembered for the next import of the kind, in the same commit,
and the import is written to the audit log (kind, number of records, fields filled).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from app.db.changes import Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import _, ngettext
from app.progress import Progress
from app.services import audit
from app.services.imports.mapping import (
    ColumnMapping,
    ImportKind,
    field_named,
    known_header,
    mapping_errors,
    remembered_mapping,
    setting_key,
    suggest,
    to_remember,
)
from app.services.imports.plan import PLANNERS, PlannedRow, Planner, RowProblem, StepUnit
from app.services.imports.reader import ImportFileError, Table, read_table
from app.vocab import AuditAction, Program

PROGRESS_EVERY = 100
BULK_FROM = 200  # rows: from here on the commit rebuilds the derived rows once
MAX_NAMED_ROWS = 50  # rows named one by one in the ValidationError; the rest are counted


class RowStatus(StrEnum):
    OK = "ok"
    ERROR = "error"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class ImportOptions:
    default_program: Program | None = None  # participants whose row names no Förderbereich
    skip_duplicates: bool = True  # possible duplicates are not imported


@dataclass(frozen=True)
class PreviewRow:
    number: int  # as the spreadsheet shows it
    cells: tuple[str, ...]  # every column of the table, as shown
    problems: tuple[RowProblem, ...]
    duplicates: tuple[str, ...]

    @property
    def status(self) -> RowStatus:
        if self.problems:
            return RowStatus.ERROR
        return RowStatus.DUPLICATE if self.duplicates else RowStatus.OK

    @property
    def message(self) -> str:
        """German: the errors, else whom it resembles."""
        if self.problems:
            return "; ".join(str(problem) for problem in self.problems)
        if self.duplicates:
            return _("possible duplicate: {whom}").format(whom="; ".join(self.duplicates))
        return ""


@dataclass(frozen=True)
class ImportPreview:
    kind: ImportKind
    table: Table
    mapping: ColumnMapping
    rows: tuple[PreviewRow, ...]

    @property
    def error_rows(self) -> tuple[int, ...]:
        return tuple(row.number for row in self.rows if row.problems)

    @property
    def duplicate_rows(self) -> tuple[int, ...]:
        return tuple(row.number for row in self.rows if not row.problems and row.duplicates)

    @property
    def fields(self) -> list[str]:
        return [name for name in self.mapping if name is not None]

    def summary(self) -> str:
        """ "312 Zeilen, 3 mit Fehlern, 2 mögliche Dubletten"."""
        rows = ngettext("{count} row", "{count} rows", len(self.rows)).format(count=len(self.rows))
        errors = ngettext("{count} with errors", "{count} with errors", len(self.error_rows))
        duplicates = ngettext(
            "{count} possible duplicate", "{count} possible duplicates", len(self.duplicate_rows)
        )
        return ", ".join(
            (
                rows,
                errors.format(count=len(self.error_rows)),
                duplicates.format(count=len(self.duplicate_rows)),
            )
        )

    def errors(self) -> ValidationError:
        """Every row with an error, named by its row number (the first ``MAX_NAMED_ROWS``)."""
        wrong = [row for row in self.rows if row.problems]
        errors = [
            FieldError(f"row.{row.number}", _("Row {number}").format(number=row.number),
                       row.message)
            for row in wrong[:MAX_NAMED_ROWS]
        ]  # fmt: skip
        if len(wrong) > MAX_NAMED_ROWS:
            rest = len(wrong) - MAX_NAMED_ROWS
            errors.append(
                FieldError(
                    "rows",
                    _("Further rows"),
                    ngettext(
                        "{count} more row with errors", "{count} more rows with errors", rest
                    ).format(count=rest),
                )
            )
        return ValidationError(errors)


class RowErrors(ValidationError):
    """Rows with errors: nothing was imported. ``preview``: every row as checked."""

    def __init__(self, checked: ImportPreview) -> None:
        super().__init__(checked.errors().errors)
        self.preview = checked


@dataclass(frozen=True)
class ImportResult:
    """What an import stored: the Changes (screens refresh), the new records' ids, the rows
    left out as possible duplicates, and the preview it was checked against."""

    changes: Changes
    created: tuple[int, ...]
    skipped: tuple[int, ...]
    preview: ImportPreview

    def report(self) -> str:
        """German: "312 Teilnehmende importiert; 2 mögliche Dubletten nicht importiert
        (Zeilen 7, 12)."."""
        text = imported_text(self.preview.kind, len(self.created))
        if self.skipped:
            rows = ", ".join(str(number) for number in self.skipped)
            text += "; " + ngettext(
                "{count} possible duplicate not imported (row {rows})",
                "{count} possible duplicates not imported (rows {rows})",
                len(self.skipped),
            ).format(count=len(self.skipped), rows=rows)
        return text + "."


def imported_text(kind: ImportKind, count: int) -> str:
    if kind is ImportKind.PARTICIPANTS:
        text = ngettext("{count} participant imported", "{count} participants imported", count)
    elif kind is ImportKind.ORGANISATIONS:
        text = ngettext("{count} organisation imported", "{count} organisations imported", count)
    else:
        text = ngettext("{count} job offer imported", "{count} job offers imported", count)
    return text.format(count=count)


def default_program(uow: UnitOfWork) -> Program | None:
    """The Förderbereich a row without one gets: the office's only one, if it uses one."""
    from app.services.settings import load_settings

    programs = load_settings(uow).programs
    return next(iter(programs)) if len(programs) == 1 else None


def load(source: Path | Table, kind: ImportKind) -> Table:
    return source if isinstance(source, Table) else read_table(source, known_header(kind))


def _plan(
    uow: UnitOfWork,
    table: Table,
    kind: ImportKind,
    mapping: ColumnMapping | None,
    options: ImportOptions | None,
    progress: Progress | None,
    total: int,
) -> tuple[ColumnMapping, list[PlannedRow], ImportOptions, Planner]:
    if mapping is None:
        mapping = suggest(kind, table.headers, remembered_mapping(uow, kind))
    problems = mapping_errors(kind, table.headers, mapping)
    if problems:
        raise ImportFileError(" ".join(problems))
    if options is None:
        options = ImportOptions(default_program=default_program(uow))
    planner = PLANNERS[kind](uow, date.today(), options.default_program)
    planned = []
    for done, row in enumerate(table.rows, start=1):
        planned.append(planner.read(row.number, row.cells, mapping))
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress.step(done, total)
    return mapping, planned, options, planner


def _preview_of(
    table: Table, kind: ImportKind, mapping: ColumnMapping, planned: list[PlannedRow]
) -> ImportPreview:
    rows = tuple(
        PreviewRow(
            plan.number,
            tuple(plan.shown),
            tuple(plan.problems),
            tuple(plan.duplicates),
        )
        for plan in planned
    )
    return ImportPreview(kind, table, mapping, rows)


def preview(
    uow: UnitOfWork,
    source: Path | Table,
    kind: ImportKind | str,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read ``source``, map its columns (``None``: remembered, else suggested by header) and
    check every row as the import would; stores nothing. ImportFileError when the file or
    the mapping cannot be used."""
    kind = ImportKind(kind)
    table = load(source, kind)
    total = max(len(table.rows), 1)
    mapping, planned, *_rest = _plan(uow, table, kind, mapping, options, progress, total)
    if progress is not None:
        progress.step(total, total)
    return _preview_of(table, kind, mapping, planned)


def run_import(
    uow: UnitOfWork,
    progress: Progress,
    source: Path | Table,
    kind: ImportKind | str,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Check every row, then store them all in this unit of work (one commit) — or, when any
    row has an error, nothing (ValidationError naming the rows). Cancelled: nothing stored."""
    kind = ImportKind(kind)
    table = load(source, kind)
    total = max(2 * len(table.rows), 1)
    progress.step(0, total)
    mapping, planned, options, planner = _plan(uow, table, kind, mapping, options, progress, total)
    checked = _preview_of(table, kind, mapping, planned)
    if checked.error_rows:
        raise RowErrors(checked)
    wanted = [p for p in planned if not (options.skip_duplicates and p.duplicates)]
    skipped = tuple(p.number for p in planned if options.skip_duplicates and p.duplicates)
    if len(wanted) >= BULK_FROM:
        uow.load_in_bulk()
    step = StepUnit(uow)
    created: list[int] = []
    refused: list[FieldError] = []
    for done, row in enumerate(wanted, start=1):
        try:
            record_id = planner.create(step, row.record)
        except ValidationError as error:  # checked above; a safety net, all the same
            message = "; ".join(f"{e.label}: {e.message}" for e in error.errors)
            label = _("Row {number}").format(number=row.number)
            refused.append(FieldError(f"row.{row.number}", label, message))
            continue
        if record_id is not None:
            created.append(record_id)
        if done % PROGRESS_EVERY == 0:
            progress.step(len(table.rows) + done, total)
    if refused:
        raise ValidationError(refused)
    progress.step(total, total)  # the last chance to cancel
    _remember(uow, kind, table, mapping)
    audit.record(uow.session, AuditAction.IMPORT, f"import_{kind.value}", len(created),
                 sorted(checked.fields))  # fmt: skip
    changes = uow.commit()
    return ImportResult(changes, tuple(created), skipped, checked)


def import_rows(
    uow: UnitOfWork,
    progress: Progress,
    source: Path | Table,
    kind: ImportKind | str,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
) -> Changes:
    """``run_import`` as an operation for ``Operations.run_in_background``: its Changes."""
    return run_import(uow, progress, source, kind, mapping, options).changes


def _remember(uow: UnitOfWork, kind: ImportKind, table: Table, mapping: ColumnMapping) -> None:
    from app.models.setting import Setting

    merged = to_remember(remembered_mapping(uow, kind), table.headers, mapping)
    value = json.dumps(merged, ensure_ascii=False, sort_keys=True)
    uow.session.merge(Setting(key=setting_key(kind), value=value))


def field_label(kind: ImportKind, name: str | None) -> str:
    return "" if name is None else field_named(kind, name).label
