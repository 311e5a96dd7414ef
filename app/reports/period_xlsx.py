"""Sachbericht as a workbook (XLSX): the same figures as the PDF, for further calculation.

One sheet per table of the ``PeriodReport`` (named by its title, trimmed to Excel's 31
characters), after a first sheet "Übersicht" (period, Förderbereich, day made as date cells,
the counting notes) and before "Monate" (the month figures of the charts) and
"Nicht gezählt" (the records left out, by name: personal data, see app/reports/period_report.py).
Every sheet has a bold header row that stays in view (frozen), column widths fitted to the
texts, numbers as numbers and dates as dates: a spreadsheet shows them in its own (German)
format and can calculate with them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.i18n import N_, _
from app.reports.period_data import PeriodReport
from app.reports.period_data import Table as FigureTable
from app.reports.period_report import (
    CODE,
    FUNDING_AREA,
    MADE_ON,
    MISSING,
    NAME,
    NOTES_HEADING,
    PERIOD,
    TITLE,
    indicator_codes,
)

OVERVIEW_SHEET = N_("Overview")
MONTHS_SHEET = N_("Months")
INCOMPLETE_SHEET = N_("Not counted")
ITEM = N_("Item")
VALUE = N_("Value")
FIRST_DAY = N_("First day")
LAST_DAY = N_("Last day")
NOT_COUNTED = N_("Records not counted (ESF+ entry data missing)")
MONTH = N_("Month")
ENTRIES = N_("Entries")
EXITS = N_("Exits")
CASELOAD = N_("Caseload at the month's end")
LABEL = N_("Label")
INCOMPLETE_NOTE = N_(
    "This sheet holds personal data and is meant only for completing the records: delete it "
    "when the workbook is passed on to the funding body. Once the missing data are entered, "
    "the records count in the next report."
)

DATE_FORMAT = "DD.MM.YYYY"
MONTH_FORMAT = "MM.YYYY"
WHOLE_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
SHEET_NAME_LENGTH = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
GENDER_COLON = re.compile(r"(?<=\w)[:*](?=innen|in\b)")
COLON_BEFORE_SPACE = re.compile(r"\s*:(?=\s)")
WIDTH_MIN, WIDTH_MAX = 8, 70
BOLD = Font(bold=True)


def write_period_xlsx(report: PeriodReport, path: Path) -> None:
    """Write the workbook to ``path`` (the caller makes that atomic)."""
    book = Workbook()
    names: set[str] = set()
    overview = book.active
    assert overview is not None
    overview.title = sheet_name(_(OVERVIEW_SHEET), names)
    _overview(overview, report)
    for table in report.tables:
        _figures(book.create_sheet(sheet_name(table.title, names)), table)
    _months(book.create_sheet(sheet_name(_(MONTHS_SHEET), names)), report)
    _incomplete(book.create_sheet(sheet_name(_(INCOMPLETE_SHEET), names)), report)
    book.properties.title = f"{_(TITLE)} {report.period.label}"
    book.properties.creator = "Lotse"
    book.save(path)


def sheet_name(title: str, taken: set[str]) -> str:
    """``title`` as Excel allows a sheet name: none of []:*?/\\, no apostrophe at either end,
    at most 31 characters (cut at a word with "…"), unique in the workbook (ignoring case)."""
    name = GENDER_COLON.sub("_", title)  # Schüler:innen → Schüler_innen
    name = COLON_BEFORE_SPACE.sub(" –", name)  # "JOKO: Vermittlung" → "JOKO – Vermittlung"
    name = " ".join(FORBIDDEN.sub(" ", name).split()).strip("'") or "Tabelle"
    name = _shortened(name, SHEET_NAME_LENGTH)
    unique, number = name, 2
    while unique.casefold() in taken:
        suffix = f" ({number})"
        unique = _shortened(name, SHEET_NAME_LENGTH - len(suffix)) + suffix
        number += 1
    taken.add(unique.casefold())
    return unique


def _shortened(name: str, length: int) -> str:
    if len(name) <= length:
        return name
    cut = name[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" -–,'") + "…"


def _overview(sheet: Worksheet, report: PeriodReport) -> None:
    period = report.period
    rows: list[tuple[str, Any, str | None]] = [
        (_(PERIOD), period.label, None),
        (_(FIRST_DAY), period.start, DATE_FORMAT),
        (_(LAST_DAY), period.end, DATE_FORMAT),
        (_(FUNDING_AREA), report.program_label, None),
        (_(MADE_ON), report.made_on, DATE_FORMAT),
        (_(NOT_COUNTED), len(report.incomplete), WHOLE_FORMAT),
    ]
    _header(sheet, [_(ITEM), _(VALUE)])
    for label, value, number_format in rows:
        sheet.append([label, value])
        if number_format:
            sheet.cell(sheet.max_row, 2).number_format = number_format
        sheet.cell(sheet.max_row, 2).alignment = Alignment(horizontal="left")
    if report.notes:
        sheet.append([])
        sheet.append([_(NOTES_HEADING)])
        sheet.cell(sheet.max_row, 1).font = BOLD
        for note in report.notes:
            sheet.append([note])
    _fit(sheet, skip_after=len(rows) + 1)


def _figures(sheet: Worksheet, table: FigureTable) -> None:
    with_code = indicator_codes(table)
    label_header = table.label_header or _(LABEL)
    header = [_(CODE), label_header] if with_code else [label_header]
    _header(sheet, [*header, *table.columns])
    first_value = len(header) + 1
    for row in table.rows:
        values = [cell.value for cell in row.cells]
        sheet.append([*([row.code] if with_code else []), row.label, *values])
        line = sheet.max_row
        if row.level:
            sheet.cell(line, len(header)).alignment = Alignment(indent=2 * row.level)
        for column, value in enumerate(values, start=first_value):
            cell = sheet.cell(line, column)
            cell.number_format = DECIMAL_FORMAT if isinstance(value, float) else WHOLE_FORMAT
    end = sheet.max_row
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    _fit(sheet, skip_after=end)


def _months(sheet: Worksheet, report: PeriodReport) -> None:
    _header(sheet, [_(MONTH), _(ENTRIES), _(EXITS), _(CASELOAD)])
    for month in report.months:
        sheet.append([month.month, month.entries, month.exits, month.caseload])
        line = sheet.max_row
        sheet.cell(line, 1).number_format = MONTH_FORMAT
        sheet.cell(line, 1).alignment = Alignment(horizontal="left")
        for column in (2, 3, 4):
            sheet.cell(line, column).number_format = WHOLE_FORMAT
    _fit(sheet)


def _incomplete(sheet: Worksheet, report: PeriodReport) -> None:
    _header(sheet, [_(NAME), _(FUNDING_AREA), _(MISSING)])
    for record in report.incomplete:
        sheet.append([record.name, record.program.label, ", ".join(record.missing)])
    end = sheet.max_row
    sheet.append([])
    sheet.append([_(INCOMPLETE_NOTE)])
    _fit(sheet, skip_after=end)


def _header(sheet: Worksheet, texts: list[str]) -> None:
    sheet.append(texts)
    for cell in sheet[1]:
        cell.font = BOLD
        cell.alignment = Alignment(vertical="top", wrap_text=False)
    sheet.freeze_panes = "A2"


def _fit(sheet: Worksheet, skip_after: int | None = None) -> None:
    """Column widths from the longest text or number (rows after ``skip_after``, the notes
    running across, do not widen the columns)."""
    widths: dict[int, int] = {}
    for line, row in enumerate(sheet.iter_rows(), start=1):
        if skip_after is not None and line > skip_after:
            break
        for cell in row:
            if cell.value is None:
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _text_length(cell.value))
    for column, width in widths.items():
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(WIDTH_MIN, min(WIDTH_MAX, width + 2))


def _text_length(value: object) -> int:
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return max(len(line) for line in str(value).splitlines() or [""])
