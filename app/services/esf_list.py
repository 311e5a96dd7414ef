"""The ESF+ Teilnehmendenliste for efREporter4: one row per participant, entry and exit data in
the columns of the column map (app/reports/esf_columns.py), as XLSX or CSV.

Who is in it: every participant whose ESF+ entry data are complete (docs/domain.md § 2.4)
*and* who has a TN-Nr. im Vorhaben — efREporter4 identifies a person by that number, so a
complete record without it cannot be reported. Everyone else is left out and comes back
with what is missing (the core fields in the checklist's order, then "TN-Nr. im Vorhaben").
Rows are ordered by TN-Nr. (numbers in it compared as numbers), the left-out by name.

The XLSX file has a second sheet "Nicht enthalten" with the left-out records (Lotse's number,
name, Förderbereich, TN-Nr., what is missing; without the name when pseudonymised). A CSV file
holds one table only: the left-out are returned (the command prints them, the window lists
them) but not written. Pseudonymised: the columns marked personal are left out, the TN-Nr.
stays. The export is all or nothing (app/files.py) and recorded in the audit log: entity
``esf_list``, the number of rows, the sources of the columns written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date

from app.db.changes import Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.files import atomic_file
from app.i18n import N_, _
from app.models.base import EnumText
from app.models.completeness import CORE_ENTRY_FIELDS, missing_fields
from app.models.participant import Participant
from app.models.participant_fields import label
from app.progress import Progress
from app.reports.esf_columns import ColumnMap
from app.reports.esf_sheets import Value, write_csv, write_xlsx
from app.services import audit
from app.vocab import AuditAction, Program

ENTITY = "esf_list"
SHEET = N_("Participants")
LEFT_OUT_SHEET = N_("Not included")
SUFFIXES = (".xlsx", ".csv")
TICK_EVERY = 500
PSEUDONYMISED = "pseudonymised"  # the audit marker
_ALWAYS_READ = ("id", "program", "esf_number", "last_name", "first_name", "name_sort")


@dataclass(frozen=True)
class LeftOut:
    """A participant not in the list, and why."""

    participant_id: int
    name: str  # "Nachname, Vorname"
    program: Program
    esf_number: str
    missing: tuple[str, ...]  # German labels

    @property
    def missing_text(self) -> str:
        return ", ".join(self.missing)


@dataclass(frozen=True)
class EsfList:
    headers: tuple[str, ...]
    sources: tuple[str, ...]  # each column's source, for the audit log
    rows: list[tuple[Value, ...]]
    left_out: tuple[LeftOut, ...]
    read: int  # participants looked at


@dataclass(frozen=True)
class EsfListResult:
    """What an export wrote (the operation's Changes travel with it)."""

    path: Path
    rows: int
    left_out: tuple[LeftOut, ...]
    headers: tuple[str, ...]
    pseudonymised: bool
    map_path: Path
    changes: Changes


class _Record(dict[str, Any]):
    """A participant's columns by name, readable as attributes (for the completeness rule)."""

    __getattr__ = dict.__getitem__


def _converter(name: str) -> Callable[[Any], Any]:
    """Raw SQLite value → the model's Python value (dates, vocabularies, lists, yes/no)."""
    kind = Participant.__table__.columns[name].type  # type: ignore[attr-defined]
    if isinstance(kind, EnumText):
        members = {member.value: member for member in kind.enum_class}
        return members.get
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, JSON):
        return lambda v: [] if v is None else json.loads(v)
    return lambda v: v


def read_records(uow: UnitOfWork, names: Sequence[str]) -> list[_Record]:
    """Every participant's ``names`` columns, typed, by id."""
    names = list(dict.fromkeys([*_ALWAYS_READ, *names]))
    converters = [_converter(name) for name in names]
    quoted = ", ".join(f'"{name}"' for name in names)
    rows = uow.rows(f"SELECT {quoted} FROM participant ORDER BY id")
    return [
        _Record(zip(names, [c(v) for c, v in zip(converters, row, strict=True)], strict=True))
        for row in rows
    ]


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """TN-000012 before TN-000100, 9 before 10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def missing_for_the_list(record: _Record) -> list[str]:
    """What keeps a participant out of the list: empty core fields, then the TN-Nr."""
    missing = [label(name) for name in missing_fields(record)]  # type: ignore[arg-type]
    if not (record["esf_number"] or "").strip():
        missing.append(label("esf_number"))
    return missing


def build_list(
    uow: UnitOfWork,
    column_map: ColumnMap,
    *,
    pseudonymised: bool,
    tick: Callable[[int, int], None] | None = None,
) -> EsfList:
    """The rows of the list and the left-out records (reads only)."""
    columns = column_map.selected(pseudonymised=pseudonymised)
    records = read_records(uow, [*CORE_ENTRY_FIELDS, *sorted(column_map.reads())])
    cells = [column.cell(column_map.yes, column_map.no) for column in columns]
    included: list[tuple[str, tuple[Value, ...]]] = []
    left_out: list[tuple[str, LeftOut]] = []
    for done, record in enumerate(records, 1):
        missing = missing_for_the_list(record)
        if missing:
            name = ", ".join(p for p in (record["last_name"], record["first_name"]) if p)
            entry = LeftOut(
                record["id"], name, record["program"], record["esf_number"] or "", tuple(missing)
            )
            left_out.append((record["name_sort"] or name.casefold(), entry))
        else:
            included.append((record["esf_number"], tuple(cell(record) for cell in cells)))
        if tick is not None and done % TICK_EVERY == 0:
            tick(done, len(records))
    included.sort(key=lambda item: _natural(item[0]))
    left_out.sort(key=lambda item: (item[0], item[1].participant_id))
    return EsfList(
        tuple(column.header for column in columns),
        tuple(column.source.name for column in columns),
        [row for _number, row in included],
        tuple(entry for _key, entry in left_out),
        len(records),
    )


def left_out_table(
    left_out: Sequence[LeftOut], *, pseudonymised: bool
) -> tuple[list[str], list[tuple[Value, ...]]]:
    """The sheet "Nicht enthalten": headers and rows (no names when pseudonymised)."""
    headers = [_("No. in Lotse")]
    if not pseudonymised:
        headers.append(_("Name"))
    headers += [_("Funding area"), label("esf_number"), _("What is missing")]
    rows: list[tuple[Value, ...]] = []
    for entry in left_out:
        name: tuple[Value, ...] = () if pseudonymised else (entry.name,)
        rows.append(
            (
                entry.participant_id,
                *name,
                entry.program.label,
                entry.esf_number or None,
                entry.missing_text,
            )
        )
    return headers, rows


def exported_fields(sheet: EsfList, *, pseudonymised: bool, xlsx: bool) -> list[str]:
    """What left Lotse (for the audit log): the columns' sources, the second sheet's fields."""
    fields = set(sheet.sources)
    if xlsx and sheet.left_out:
        fields |= {"id", "program", "esf_number", "missing_fields"}
        if not pseudonymised:
            fields |= {"last_name", "first_name"}
    if pseudonymised:
        fields.add(PSEUDONYMISED)
    return sorted(fields)


def export_esf_list(
    uow: UnitOfWork,
    progress: Progress,
    out: Path,
    *,
    pseudonymised: bool,
    columns: ColumnMap,
) -> EsfListResult:
    """Write the list to ``out`` (.xlsx or .csv), all or nothing.

    ``columns``: the column map (``load_column_map(lotse.paths.root)``). A cancel
    (``progress`` raises Cancelled) or an error leaves no file and no audit event (an existing
    ``out`` stays as it was); a file that cannot be written is a ValidationError naming it.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        message = _("The list is written as .xlsx or .csv, not as “{suffix}”.").format(
            suffix=out.suffix or out.name
        )
        raise ValidationError([FieldError("out", _("File"), message)])
    progress.step(0, 0)
    sheet = build_list(
        uow,
        columns,
        pseudonymised=pseudonymised,
        tick=lambda done, count: progress.step(done, 2 * count + 1),
    )
    read, written = sheet.read, len(sheet.rows)
    total = read + written + 1  # reading, writing, the last step: the file in place

    def tick(done: int) -> None:
        progress.step(read + done, total)

    xlsx = suffix == ".xlsx"
    try:
        with atomic_file(out) as temp:
            if xlsx:
                second = None
                if sheet.left_out:
                    headers, rows = left_out_table(sheet.left_out, pseudonymised=pseudonymised)
                    second = (_(LEFT_OUT_SHEET), headers, rows)
                write_xlsx(temp, _(SHEET), sheet.headers, sheet.rows, second=second, tick=tick)
            else:
                write_csv(temp, sheet.headers, sheet.rows, tick=tick)
            progress.step(total, total)  # the last chance to cancel: the file is not there yet
            audit.record(
                uow.session,
                AuditAction.EXPORT,
                ENTITY,
                written,
                exported_fields(sheet, pseudonymised=pseudonymised, xlsx=xlsx),
            )
            changes = uow.commit()
    except OSError as error:  # a folder gone, no permission, a full disk: nothing was stored
        message = _("The file could not be written: {error}").format(error=error.strerror or error)
        raise ValidationError([FieldError("out", _("File"), message)]) from error
    return EsfListResult(
        out, written, sheet.left_out, sheet.headers, pseudonymised, columns.path, changes
    )
