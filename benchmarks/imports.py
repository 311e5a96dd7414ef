"""Import figures (issue #19): a 5,000-row participant list as XLSX — read bare by
python-calamine (the baseline) and by openpyxl read-only (the reader not chosen), the preview
Lotse shows before importing (read, header found, columns mapped, every row checked by the
services' rules, duplicates against the stored records and within the file), and the import
itself (all rows created through the participants' create operation, one transaction).

The workbook is made once per run with openpyxl, laid out as coordinators keep their lists:
a merged title row, the header in row 3, dates as date cells and as Excel serial numbers,
PLZ as numbers (leading zero lost), names with trailing spaces, a total row. The preview
runs on the given location (the 20,000-person demo in the budget: 20,000 stored people to
compare with); the import runs into a new, empty location per run (it writes).

For benchmarks.runner: ``import_rows(location)`` returns its budget rows. By hand:
``python -m benchmarks.imports [DATA_DIR]`` (without: a new empty location for both).
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.data import PASSPHRASE, data_key
from benchmarks.timing import Timing, measure

if TYPE_CHECKING:
    from benchmarks.runner import Row

ROWS = 5_000
GOAL_PREVIEW_S = 10.0
IMPORT_RUNS = 3
HEADERS = (
    "Vorname ", "Nachname", "Geb.-Datum", "Geschlecht", "Straße", "PLZ", "Ort", "Telefon",
    "E-Mail", "Staatsangehörigkeit", "Erstsprache", "Eintritt", "Förderbereich",
    "Erwerbsstatus", "Schulabschluss", "Kundennummer", "Bemerkung",
)  # fmt: skip
FIRST = ("Ayşe", "Omar", "Olena", "Łukasz", "Mariam", "Yusuf", "Hanna", "Samir", "Fatima",
         "Ahmad", "Daria", "Mohammed", "Leyla", "Tariq", "Anna", "Dmytro")  # fmt: skip
LAST = ("Şahin", "Haddad", "Kovalenko", "Nowak", "Ahmadi", "Demir", "Berg", "Rahimi", "Yilmaz",
        "Hosseini", "Shevchenko", "Al-Khatib", "Öztürk", "Müller", "Popescu", "Karimi")  # fmt: skip
PLACES = ((6108, "Halle (Saale)"), (6110, "Halle (Saale)"), (6847, "Dessau-Roßlau"),
          (39104, "Magdeburg"), (6618, "Naumburg"), (38820, "Halberstadt"))  # fmt: skip
STATUSES = ("arbeitslos", "langzeitarbeitslos", "nichterwerbstätig nicht in Ausbildung")
SCHOOL = ("kein Schulabschluss", "Hauptschulabschluss", "Realschulabschluss", "Abitur")


def write_workbook(path: Path, rows: int = ROWS, seed: int = 19) -> Path:
    """The participant list: title, empty row, header (row 3), ``rows`` people, total."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Teilnehmende")
    sheet.append(["Teilnehmendenliste JOKO 2023 – Landkreis Beispiel"])
    sheet.append([])
    sheet.append(list(HEADERS))
    for number in range(rows):
        plz, city = rng.choice(PLACES)
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 40))
        entry = 44927 + rng.randrange(700)  # Excel serial: 2023 and 2024
        first, last = rng.choice(FIRST), rng.choice(LAST)
        sheet.append([
            f"{first} ", f"{last} {number}", born if number % 2 else born.strftime("%d.%m.%Y"),
            rng.choice(("weiblich", "männlich", "w", "m")), f"Hauptstraße {number % 120 + 1}",
            plz, city, f"0345 {100000 + number}", f"person{number}@example.de",
            rng.choice(("SY", "AF", "UA", "Syrien, Irak", "TR")), rng.choice(("ar", "fa", "uk")),
            entry, "JOKO", rng.choice(STATUSES), rng.choice(SCHOOL), f"962D{number:06d}",
            "kommt über das Jobcenter" if number % 7 == 0 else "",
        ])  # fmt: skip
    sheet.append(["Summe", rows])
    workbook.save(path)
    return path


def calamine_cells(path: Path) -> int:
    """The bare reader: every cell of the first sheet as Python values."""
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return sum(len(row) for row in grid)


def openpyxl_cells(path: Path) -> int:
    """openpyxl's fastest mode (read-only, values only), for comparison."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(len(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def _new_location(folder: Path):  # noqa: ANN202 - a Lotse
    from app.bootstrap import bootstrap, new_key
    from app.paths import DataPaths

    paths = DataPaths(folder)
    key = new_key(paths, PASSPHRASE, with_recovery_key=False).data_key
    return bootstrap(paths, key=key)


def previewer(lotse, path: Path) -> Callable[[], int]:  # noqa: ANN001 - a Lotse
    """The preview as the dialog runs it (in a unit of work that stores nothing)."""
    from app.services.imports.run import preview

    def work() -> int:
        with lotse.unit_of_work() as uow:
            return len(preview(uow, path, "participants").rows)

    return work


def import_once(path: Path) -> tuple[float, int]:
    """Seconds to import ``path`` into a new empty location (made outside the timing)."""
    from app.progress import Progress
    from app.services.imports.run import run_import

    folder = Path(tempfile.mkdtemp(prefix="lotse-bench-import-"))
    try:
        lotse = _new_location(folder)
        try:
            started = time.perf_counter()
            with lotse.unit_of_work() as uow:
                result = run_import(uow, Progress(), path, "participants")
            seconds = time.perf_counter() - started
            (stored,) = lotse.reads.one("SELECT count(*) FROM participant")
        finally:
            lotse.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert stored == len(result.created), (stored, result.created)
    return seconds, stored


def import_rows(location: Path | None = None) -> list[Row]:
    """The budget rows: the bare reader, openpyxl, the preview (goal < 10 s) and the import."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from benchmarks.runner import Row, Stats

    folder = Path(tempfile.mkdtemp(prefix="lotse-bench-xlsx-"))
    try:
        path = write_workbook(folder / "Teilnehmende.xlsx")
        size_kib = path.stat().st_size / 1024
        calamine = measure(lambda: calamine_cells(path), runs=7, warmup=1)
        cells = calamine_cells(path)
        openpyxl = measure(lambda: openpyxl_cells(path), runs=3, warmup=1)
        if location is None:
            lotse = _new_location(folder / "data")
            stored_note = "an empty location"
        else:
            lotse = bootstrap(DataPaths(location), key=data_key(location))
            stored_note = "the demo location"
        try:
            (stored,) = lotse.reads.one("SELECT count(*) FROM participant")
            checked = previewer(lotse, path)
            rows = checked()
            preview: Timing = measure(checked, runs=3, warmup=1)
        finally:
            lotse.close()
        imports = [import_once(path) for _ in range(IMPORT_RUNS)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bare = Stats.from_timing(calamine)
    preview_stats = Stats.from_timing(preview)
    import_stats = Stats.of([seconds * 1000 for seconds, _n in imports])
    return [
        Row(
            f"import: read a {ROWS:,}-row XLSX, python-calamine (bare)",
            "ms",
            "reported",
            bare,
            note=f"{cells:,} cells, {size_kib:.0f} KiB; the reader Lotse uses",
        ),
        Row(
            "import: read the same XLSX, openpyxl read-only",
            "ms",
            "reported",
            Stats.from_timing(openpyxl),
            bare,
            note="values only; the reader not chosen (ratio: against calamine)",
        ),
        Row(
            f"import: preview of a {ROWS:,}-row XLSX with validation",
            "ms",
            f"< {GOAL_PREVIEW_S:.0f} s",
            preview_stats,
            bare,
            ok=preview_stats.median < GOAL_PREVIEW_S * 1000,
            note=f"{rows:,} rows: read, header found, columns mapped, every row checked by "
            f"the participants' rules, duplicates against {stored:,} stored people "
            f"({stored_note}) and within the file; baseline: the bare reader",
        ),
        Row(
            f"import: {ROWS:,} participants stored, one transaction",
            "ms",
            "reported",
            import_stats,
            bare,
            note=f"preview checks again, then create_participant per row (follow-ups, "
            f"audit), derived rows rebuilt once; {imports[0][1]:,} stored, into a new "
            "empty location per run",
        ),
    ]


def main() -> None:
    location = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"Import of a {ROWS:,}-row participant list (goal: preview < {GOAL_PREVIEW_S:.0f} s)")
    for row in import_rows(location):
        assert row.lotse is not None
        ratio = f"  {row.ratio:.1f}× bare" if row.ratio else ""
        print(f"  {row.figure:62} {row.lotse.median:9.1f} ms{ratio}  {row.verdict}  {row.note}")


if __name__ == "__main__":
    main()
