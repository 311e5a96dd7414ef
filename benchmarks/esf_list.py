"""ESF+ Teilnehmendenliste at 20,000 participants: Lotse's export (read, completeness, the
column map's values, XLSX written atomically, audit event, commit) beside bare openpyxl in
write-only mode writing the same cells.

The baseline's cells are read back from Lotse's own file first (outside the timing, so the
values are exactly the same), then written by plain openpyxl code: the same two sheets, bold
frozen header, column widths, date cells as dd.mm.yyyy (one styled cell per date column,
as Lotse writes them), text kept as text. Both files are read back and compared. The export
writes an audit event, so it runs on a temporary copy of the demo data. A CSV row is reported
beside the csv module writing the same rows.

For benchmarks.runner: ``esf_list_rows(location)`` returns its budget rows. By hand:
``python -m benchmarks.esf_list [DATA_DIR]``.
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.data import data_key, demo_location
from benchmarks.timing import measure

if TYPE_CHECKING:
    from benchmarks.runner import Row

PARTICIPANTS = 20_000
GOAL_RATIO = 1.5
RUNS = 5
DATE_FORMAT = "DD.MM.YYYY"

Sheet = tuple[str, list[tuple[object, ...]]]  # title, rows (the header first)


def read_back(path: Path) -> list[Sheet]:
    """Every sheet's title and cell values (dates as dates, as they were written)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = [
                tuple(v.date() if isinstance(v, datetime) else v for v in row)
                for row in sheet.iter_rows(values_only=True)
            ]
            sheets.append((sheet.title, rows))
        return sheets
    finally:
        workbook.close()


def bare_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """The same workbook with openpyxl alone (write-only)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, (header, *body) in sheets:
        sheet = workbook.create_sheet(title)
        for index, text in enumerate(header, 1):
            width = min(max(len(str(text)) + 2, 12), 40)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        heading = []
        for text in header:
            cell = WriteOnlyCell(sheet, text)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        date_cells: dict[int, WriteOnlyCell] = {}
        for row in body:
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
                    text_cell = WriteOnlyCell(sheet, value)
                    text_cell.data_type = "s"
                    out[index] = text_cell
            sheet.append(out)
    workbook.save(path)


def bare_csv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)


def _copy(location: Path, folder: Path) -> None:
    for name in ("lotse.sqlite", "lotse.sqlite-wal", "lotse.key"):  # no backups, no lock
        if (location / name).exists():
            shutil.copyfile(location / name, folder / name)


def esf_list_rows(location: Path | None = None, runs: int = RUNS) -> list[Row]:
    """The XLSX export beside bare openpyxl (budget: ratio ≤ 1.5); the CSV beside the csv
    module (reported)."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.progress import Progress
    from app.reports.esf_columns import load_column_map
    from app.services.esf_list import EsfListResult, export_esf_list
    from benchmarks.runner import Row, Stats

    location = location or demo_location(PARTICIPANTS)
    folder = Path(tempfile.mkdtemp(prefix="lotse-bench-esf-"))
    try:
        data = folder / "data"
        data.mkdir()
        _copy(location, data)
        lotse = bootstrap(DataPaths(data), key=data_key(location))
        results: list[EsfListResult] = []
        try:
            columns = load_column_map(lotse.paths.root)

            def export(out: Path) -> None:
                with lotse.unit_of_work() as uow:
                    results.append(
                        export_esf_list(uow, Progress(), out, pseudonymised=False, columns=columns)
                    )

            lotse_xlsx = measure(lambda: export(folder / "lotse.xlsx"), runs=runs, warmup=1)
            lotse_csv = measure(lambda: export(folder / "lotse.csv"), runs=runs, warmup=1)
        finally:
            lotse.close()
        sheets = read_back(folder / "lotse.xlsx")
        bare = measure(lambda: bare_xlsx(folder / "bare.xlsx", sheets), runs=runs, warmup=1)
        if read_back(folder / "bare.xlsx") != sheets:
            raise RuntimeError("the bare openpyxl file differs from Lotse's")
        with (folder / "lotse.csv").open(encoding="utf-8-sig", newline="") as handle:
            csv_rows = list(csv.reader(handle, delimiter=";"))
        bare_csv_timing = measure(lambda: bare_csv(folder / "bare.csv", csv_rows), runs=runs)
        if (folder / "bare.csv").read_bytes() != (folder / "lotse.csv").read_bytes():
            raise RuntimeError("the bare CSV differs from Lotse's")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    last = results[-1]
    body = f"{last.rows:,} rows × {len(last.headers)} columns"
    left = f"{len(last.left_out):,} records not included"
    xlsx, baseline = Stats.from_timing(lotse_xlsx), Stats.from_timing(bare)
    return [
        Row(
            f"ESF+ list: XLSX, {PARTICIPANTS:,} participants",
            "ms",
            f"ratio ≤ {GOAL_RATIO}",
            xlsx,
            baseline,
            ok=xlsx.median / baseline.median <= GOAL_RATIO,
            note=f"{body} + sheet “Nicht enthalten” ({left}); export_esf_list (read, "
            "completeness, values, write-only XLSX, fsync + rename, audit, commit) vs bare "
            "openpyxl write-only writing the same cells (read back from Lotse's file; compared)",
        ),
        Row(
            f"ESF+ list: CSV, {PARTICIPANTS:,} participants",
            "ms",
            "reported",
            Stats.from_timing(lotse_csv),
            Stats.from_timing(bare_csv_timing),
            note=f"{body}; vs the csv module writing the same strings (byte-identical file)",
        ),
    ]


def main() -> None:
    location = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"ESF+ Teilnehmendenliste ({PARTICIPANTS:,}; goal: XLSX ≤ {GOAL_RATIO}× bare openpyxl)")
    for row in esf_list_rows(location):
        assert row.lotse is not None
        baseline = f" (bare {row.baseline.median:.0f} ms)" if row.baseline else ""
        ratio = f", ratio {row.ratio:.2f}" if row.ratio is not None else ""
        print(f"  {row.figure:45} {row.lotse.median:7.0f} ms{baseline}{ratio}  {row.verdict}")
        print(f"    {row.note}")


if __name__ == "__main__":
    main()
