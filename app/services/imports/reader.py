"""Reading a spreadsheet as coordinators keep it: XLSX (python-calamine) or CSV (``;`` or
``,``, UTF-8 or Windows-1252), into one table of header and data rows.

Rows keep the numbers the spreadsheet shows at their left (the header row too): title rows
above the header (merged or not) are passed over, the header is the row among the first ones
whose cells name the most known fields, empty rows are dropped and so are total rows at the
bottom ("Summe", "Gesamt", "Insgesamt").
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import FieldError, ValidationError
from app.i18n import _
from app.services.imports.values import Cell, is_empty, one_line
from app.text import fold

HEADER_SEARCH_ROWS = 30  # the header is looked for among the first rows that hold anything
CSV_SAMPLE_LINES = 20
CSV_DELIMITERS = (";", ",", "\t")
_TOTAL = re.compile(r"(summe|gesamt|gesamtsumme|insgesamt|total)\b[\s:]*.*")


class ImportFileError(ValidationError):
    """The file (or the mapping given with it) cannot be used at all: one German message."""

    def __init__(self, message: str) -> None:
        super().__init__([FieldError("file", _("File"), message)])
        self.message = message


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet shows it at the left; the first row is 1
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """What an import reads: the header cells (tidied) and the data rows below them."""

    file_name: str
    sheet: str | None  # the worksheet read (XLSX), None for CSV
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    total_rows: tuple[int, ...] = ()  # the numbers of the total rows left out


def column_letter(index: int) -> str:
    """0 → "A", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_table(path: Path, is_header: Callable[[str], bool] = lambda _text: False) -> Table:
    """The table of ``path`` (.csv: CSV; otherwise XLSX, its first visible worksheet).
    ``is_header``: whether a cell's text names a known field (finds the header row).
    ImportFileError when the file cannot be read or holds no table."""
    if not path.is_file():
        raise ImportFileError(_("The file {path} does not exist.").format(path=path))
    if path.suffix.lower() == ".csv":
        sheet, grid = None, _csv_grid(path)
    else:
        sheet, grid = _xlsx_grid(path)
    return table_of(path.name, sheet, grid, is_header)


def table_of(
    file_name: str,
    sheet: str | None,
    grid: Sequence[Sequence[Cell]],
    is_header: Callable[[str], bool] = lambda _text: False,
) -> Table:
    """The table in ``grid`` (row 1 first, every row from column A)."""
    filled = [(number, row) for number, row in enumerate(grid, start=1) if not _empty(row)]
    if not filled:
        raise ImportFileError(_("The file {name} holds no rows.").format(name=file_name))
    header_at = _header_index(filled[:HEADER_SEARCH_ROWS], is_header)
    header_number, header_cells = filled[header_at]
    body = filled[header_at + 1 :]
    totals: list[int] = []
    while body and _is_total(body[-1][1]):
        totals.insert(0, body.pop()[0])
    width = max([len(header_cells), *(len(row) for _n, row in body)])
    used = [
        column
        for column in range(width)
        if not is_empty(_at(header_cells, column))
        or any(not is_empty(_at(row, column)) for _n, row in body)
    ]
    headers = tuple(
        one_line(str(_at(header_cells, column)))
        if not is_empty(_at(header_cells, column))
        else _("Column {letter}").format(letter=column_letter(column))
        for column in used
    )
    rows = tuple(
        SheetRow(number, tuple(_at(row, column) for column in used)) for number, row in body
    )
    return Table(file_name, sheet, header_number, headers, rows, tuple(totals))


def _at(row: Sequence[Cell], column: int) -> Cell:
    return row[column] if column < len(row) else None


def _empty(row: Iterable[Cell]) -> bool:
    return all(is_empty(cell) for cell in row)


def _texts(row: Sequence[Cell]) -> list[str]:
    return [one_line(cell) for cell in row if isinstance(cell, str) and cell.strip()]


def _header_index(rows: Sequence[tuple[int, Sequence[Cell]]], is_header: Callable) -> int:
    """The row naming the most known fields; without any, the first with the most texts
    (a title row holds one cell, a header several)."""
    known = [sum(1 for text in _texts(row) if is_header(text)) for _n, row in rows]
    if max(known) > 0:
        return known.index(max(known))
    counts = [len(_texts(row)) for _n, row in rows]
    return counts.index(max(counts))


def _is_total(row: Sequence[Cell]) -> bool:
    first = next((cell for cell in row if not is_empty(cell)), None)
    return isinstance(first, str) and _TOTAL.fullmatch(fold(one_line(first))) is not None


# -- the formats -------------------------------------------------------------------------------


def _xlsx_grid(path: Path) -> tuple[str, list[list[Cell]]]:
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        visible = [
            meta.name for meta in workbook.sheets_metadata if str(meta.visible).endswith("Visible")
        ] or workbook.sheet_names
        for name in visible:
            grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if any(not _empty(row) for row in grid):
                return name, grid
    except PasswordError:
        raise ImportFileError(
            _("The file {name} is protected by a password; please save it without one.").format(
                name=path.name
            )
        ) from None
    except Exception as error:  # noqa: BLE001 - calamine's errors (zip, xml) say: not readable
        raise ImportFileError(
            _("The file {name} cannot be read as an Excel workbook (.xlsx): {error}").format(
                name=path.name, error=error
            )
        ) from error
    raise ImportFileError(_("The file {name} holds no rows.").format(name=path.name))


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" on German Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently into several fields."""
    sample = "\n".join(text.splitlines()[:CSV_SAMPLE_LINES])
    best, best_score = ";", (-1, -1)
    for delimiter in CSV_DELIMITERS:
        counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        if not counts:
            continue
        width, lines = Counter(counts).most_common(1)[0]
        score = (lines if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_grid(path: Path) -> list[list[Cell]]:
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        raise ImportFileError(
            _("The file {name} cannot be read: {error}").format(
                name=path.name, error=error.strerror or error
            )
        ) from error
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
        return [list(row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            _("The file {name} is no readable CSV file: {error}").format(
                name=path.name, error=error
            )
        ) from error
