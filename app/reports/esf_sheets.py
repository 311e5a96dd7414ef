"""Writing the ESF+ Teilnehmendenliste from plain rows: XLSX (openpyxl write-only) and CSV.

XLSX: the sheet "Teilnehmende" with the headers in bold and frozen, dates as date cells
(shown dd.mm.yyyy), numbers as numbers, text always as text (a value starting with "=" is no
formula); optionally a second sheet "Nicht enthalten". CSV: what German Excel opens with a
double click — UTF-8 with BOM, semicolons, CRLF, dates dd.mm.yyyy; a text starting with
= + - @ gets a leading apostrophe so that no spreadsheet takes it for a formula.

``tick(done)`` is called every ``TICK_EVERY`` rows (it may raise, e.g. Cancelled).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.i18n import format_date

Value = str | int | float | date | None
Tick = Callable[[int], None]
TICK_EVERY = 500
DATE_FORMAT = "DD.MM.YYYY"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH = 12  # a date fits
MAX_WIDTH = 40


def _no_tick(_done: int) -> None:
    pass


def _header_cells(sheet: WriteOnlyWorksheet, headers: Sequence[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, header)
        cell.data_type = "s"
        cell.font = bold
        cells.append(cell)
    return cells


def _widths(sheet: WriteOnlyWorksheet, headers: Sequence[str]) -> None:
    for index, header in enumerate(headers, 1):
        width = min(max(len(header) + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _add_sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    tick: Tick,
) -> None:
    sheet = workbook.create_sheet(title)
    _widths(sheet, headers)
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, headers))
    # One styled cell per date column, given each row's value: write-only rows are written
    # when appended, so the cell can serve the next row (a new cell each costs a style lookup).
    date_cells: dict[int, WriteOnlyCell] = {}
    for done, row in enumerate(rows, 1):
        out: list[object] = list(row)
        for index, value in enumerate(row):
            if isinstance(value, date):
                cell = date_cells.get(index)
                if cell is None:
                    cell = date_cells[index] = WriteOnlyCell(sheet)
                    cell.number_format = DATE_FORMAT
                cell.value = value
                out[index] = cell
            elif isinstance(value, str) and value.startswith("="):
                text = WriteOnlyCell(sheet, value)
                text.data_type = "s"  # a name is never a formula
                out[index] = text
        sheet.append(out)
        if done % TICK_EVERY == 0:
            tick(done)


def write_xlsx(
    path: Path,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    *,
    second: tuple[str, Sequence[str], Sequence[Sequence[Value]]] | None = None,
    tick: Tick = _no_tick,
) -> None:
    """The list as an .xlsx file at ``path``; ``second``: (title, headers, rows) of a
    second sheet."""
    workbook = Workbook(write_only=True)
    _add_sheet(workbook, title, headers, rows, tick)
    if second is not None:
        _add_sheet(workbook, *second, _no_tick)
    workbook.save(path)


def csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def write_csv(
    path: Path, headers: Sequence[str], rows: Sequence[Sequence[Value]], *, tick: Tick = _no_tick
) -> None:
    """The list as CSV for German Excel: UTF-8 with BOM, ";" and CRLF."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for done, row in enumerate(rows, 1):
            writer.writerow([csv_text(value) for value in row])
            if done % TICK_EVERY == 0:
                tick(done)
