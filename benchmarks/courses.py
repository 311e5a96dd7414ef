"""Course catalogue figures: a search keystroke at 2,000 courses beside the bare SQL of the
catalogue (the same rows with the Träger's name and the places taken, filtered with LIKE), and
reading the catalogue again after a change (a filter choice costs what a keystroke costs: the
kept rows are filtered).

The 20,000-person demo holds ``participants // 10 + 10`` courses (2,010); a location with
fewer is copied once into build/bench and topped up to ``COURSES`` by copying its courses
under new titles (``course_location``), so the demo's own location is never written.

For benchmarks.runner: ``course_rows(location)`` returns its budget rows. By hand:
``python -m benchmarks.courses [DATA_DIR]``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.baselines import cipher
from benchmarks.data import CACHE, data_key, demo_location
from benchmarks.timing import Timing, measure

if TYPE_CHECKING:
    from app.bootstrap import Lotse
    from benchmarks.runner import Row

PARTICIPANTS = 20_000
COURSES = 2_000
KEYSTROKES = ["b", "be", "berufs", "halle", "b2 halle", "integrationskurs magdeburg"]
GOAL_KEYSTROKE_MS = 30.0
GOAL_RATIO = 2.0
GOAL_RELOAD_MS = 100.0  # after a save, on the GUI thread (a hidden page waits until shown)
VISIBLE_ROWS = 40
RAW_TEXT = "b"  # the baseline: the first keystroke as bare SQL
# What the catalogue reads, as bare SQL: every course with its Träger and the places taken,
# the typed text looked for with LIKE in title, Träger and Ort.
RAW_SEARCH = (
    'SELECT c.id, c.kind, c.title, c.provider_id, o.name, c.target_level, c.start, c."end", '
    "c.teaching_units, c.format, c.time_model, c.funding, c.places, coalesce(taken.n, 0), "
    "c.location FROM course c LEFT JOIN organization o ON o.id = c.provider_id "
    "LEFT JOIN (SELECT course_id, count(*) AS n FROM enrollment "
    "WHERE status IN ('registered', 'ongoing') GROUP BY course_id) taken "
    "ON taken.course_id = c.id "
    "WHERE c.title LIKE :like OR o.name LIKE :like OR c.location LIKE :like "
    "ORDER BY c.start"
)
_COPIED = (
    'kind, provider_id, target_level, start, "end", teaching_units, format, time_model, '
    "funding, places, location, notes, created_at, updated_at"
)


def course_count(location: Path) -> int:
    with closing(cipher.connect(location / "lotse.sqlite", data_key(location))) as db:
        return db.execute("SELECT count(*) FROM course").fetchone()[0]


def course_location(location: Path, courses: int = COURSES) -> Path:
    """``location`` itself when it holds ``courses`` courses or more (it is only read);
    otherwise a copy of it in build/bench topped up to ``courses``, made once."""
    if course_count(location) >= courses:
        return location
    folder = CACHE / f"courses-{courses}-{location.name}"
    marker = folder / ".complete"
    if marker.exists() and marker.stat().st_mtime >= (location / ".complete").stat().st_mtime:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("lotse.sqlite", "lotse.sqlite-wal", "lotse.key"):  # no backups, no lock
        if (location / name).exists():
            shutil.copy2(location / name, folder / name)
    _top_up(folder, courses)
    marker.touch()
    return folder


def _top_up(folder: Path, courses: int) -> None:
    """Copy the stored courses under new titles until there are ``courses``; one bulk unit."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths

    lotse = bootstrap(DataPaths(folder), key=data_key(folder))
    try:
        with lotse.unit_of_work() as uow:
            uow.load_in_bulk()
            connection = uow.connection
            (count,) = connection.execute("SELECT count(*) FROM course").fetchone()
            sources = [row[0] for row in connection.execute("SELECT id FROM course ORDER BY id")]
            copy = 0
            while count < courses:
                source = sources[copy % len(sources)]
                group = copy // len(sources) + 2
                connection.execute(
                    f"INSERT INTO course (title, {_COPIED}) "
                    f"SELECT title || ?, {_COPIED} FROM course WHERE id = ?",
                    (f" (Gruppe {group})", source),
                )
                copy += 1
                count += 1
            uow.commit()
    finally:
        lotse.close()


# -- the figures ----------------------------------------------------------------------------


def _application():
    from ui.app import application

    return application()


def _paint_first_screen(model) -> None:  # noqa: ANN001 - a CourseTableModel
    for row in range(min(VISIBLE_ROWS, model.rowCount())):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))


def keystroke(lotse: Lotse, text: str) -> tuple[Callable[[], None], Callable[[], int]]:
    """A keystroke as the Kurse tab does it after the typing pause: the kept rows filtered,
    the model reset, the count line, the first screen painted; and the number of hits."""
    from ui.operations import Operations
    from ui.pages.course_catalog import CourseCatalog

    catalog = CourseCatalog(lotse, Operations(lotse))
    catalog.search.setText(text)

    def work() -> None:
        catalog.search_now()
        _paint_first_screen(catalog.model)

    return work, catalog.row_count


def reading(lotse: Lotse) -> Callable[[], None]:
    """Changed data (a course saved, an enrolment): the catalogue's rows read again, ordered
    and filtered; the folded texts of unchanged titles are kept from the read before."""
    from app.services.courses import CourseCatalogue, CourseQuery

    catalogue = CourseCatalogue(lotse.reads)
    today = date.today()

    def work() -> None:
        catalogue.forget()
        catalogue.rows(CourseQuery(text=RAW_TEXT), today)

    return work


def raw_search(connection: cipher.Connection, text: str = RAW_TEXT) -> list[tuple]:
    return connection.execute(RAW_SEARCH, {"like": f"%{text}%"}).fetchall()


def course_rows(location: Path | None = None) -> list[Row]:
    """The budget rows: a catalogue keystroke at 2,000 courses per search text (the first
    beside the bare SQL), and the rows read again after a change of the data."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from benchmarks.runner import Row, Stats

    location = course_location(location or demo_location(PARTICIPANTS))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application()
    key = data_key(location)
    lotse = bootstrap(DataPaths(location), key=key)
    try:
        (count,) = lotse.reads.one("SELECT count(*) FROM course")
        searches: list[tuple[str, Timing, int]] = []
        for text in KEYSTROKES:
            work, hits = keystroke(lotse, text)
            searches.append((text, measure(work), hits()))
        read_again = measure(reading(lotse))
    finally:
        lotse.close()
    with closing(cipher.connect(location / "lotse.sqlite", key)) as db:
        raw = measure(lambda: raw_search(db))
        raw_hits = len(raw_search(db))
    raw_stats = Stats.from_timing(raw)
    rows: list[Row] = []
    for index, (text, timing, hits) in enumerate(searches):
        stats = Stats.from_timing(timing)
        within = stats.median < GOAL_KEYSTROKE_MS and stats.median <= GOAL_RATIO * raw.median_ms
        rows.append(
            Row(
                f"course catalogue: search '{text}', one keystroke",
                "ms",
                f"< {GOAL_KEYSTROKE_MS:.0f} ms, ≤ {GOAL_RATIO:.0f}× raw",
                stats,
                raw_stats if index == 0 else None,
                ok=within,
                note=f"{hits:,} of {count:,} courses; kept rows filtered + model reset + first "
                "screen"
                + (
                    f"; raw: the catalogue's SELECT with LIKE '%{RAW_TEXT}%', {raw_hits:,} rows"
                    if index == 0
                    else ""
                ),
            )
        )
    stats = Stats.from_timing(read_again)
    rows.append(
        Row(
            "course catalogue: rows read again (the data changed)",
            "ms",
            f"< {GOAL_RELOAD_MS:.0f} ms",
            stats,
            raw_stats,
            ok=stats.median < GOAL_RELOAD_MS,
            note=f"{count:,} courses: SELECT with Träger and places taken, rows, order, search "
            "text folded once",
        )
    )
    return rows


def main() -> None:
    location = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"Course catalogue ({COURSES:,}; goal: < 30 ms a keystroke, ≤ 2× the bare SQL)")
    for row in course_rows(location):
        assert row.lotse is not None
        baseline = f" (raw {row.baseline.median:.1f} ms)" if row.baseline else ""
        print(f"  {row.figure:60} {row.lotse.median:7.1f} ms{baseline}  {row.verdict}  {row.note}")


if __name__ == "__main__":
    main()
