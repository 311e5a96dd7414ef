"""Opening a student's record (Ausbildungsmanagement) with 40 absences, 5 exams, 3 needs
assessments and 5 measures, beside the raw SELECTs of those rows: the editor constructed and
shown as the record opens (goal < 100 ms; its list tabs are built when first chosen), and the
same followed by its tabs Ausbildung, Ausbildungsverlauf, Förderbedarf and Kurse & Maßnahmen
chosen one after the other (their panels built and painted; goal < 250 ms for all four).

The student is added with the ORM to a copy of the 20,000-person demo (``student_location``,
kept in build/bench beside the demo it copies): the demo's students have a few absences each,
the figure asks for a heavy one.

For benchmarks.runner: ``student_record_rows(location)`` returns its budget row, ``location``
the demo location to copy. By hand: ``python -m benchmarks.student_record [DEMO_LOCATION]``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.baselines import cipher
from benchmarks.data import CACHE, data_key, demo_location
from benchmarks.timing import measure

if TYPE_CHECKING:
    from app.bootstrap import Lotse
    from benchmarks.runner import Row

PARTICIPANTS = 20_000
ABSENCES, EXAMS, ASSESSMENTS, MEASURES, GUARDIANS = 40, 5, 3, 5, 2
GOAL_MS = 100.0  # opening the record
TABS_GOAL_MS = 250.0  # opening it and going through the four training tabs
LAST_NAME = "Wiśniewska-Benchmark"
# the tabs as the user sees them, in the order a training manager goes through them
TABS = ("Ausbildung", "Ausbildungsverlauf", "Förderbedarf", "Kurse & Maßnahmen")
COPIED = ("lotse.sqlite", "lotse.sqlite-wal", "lotse.key")  # the WAL: commits not yet checkpointed


def student_location(source: Path) -> Path:
    """A copy of the demo at ``source`` with the heavy student added (made once)."""
    folder = CACHE / f"student-{source.name}"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    if not (source / "lotse.sqlite").is_file() or not (source / "lotse.key").is_file():
        raise RuntimeError(f"no demo data to copy in {source}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in COPIED:
        if (source / name).exists():
            shutil.copy2(source / name, folder / name)
    _add_student(folder)
    marker.touch()
    return folder


def _add_student(folder: Path) -> None:
    """One training participant with the lists of the figure, through the ORM in one unit."""
    from app.bootstrap import bootstrap
    from app.models.courses import Measure
    from app.models.participant import Exam, Guardian, Participant
    from app.models.training import NEED_AREAS, Absence, NeedsAssessment
    from app.paths import DataPaths
    from app.vocab import (
        ExamKind,
        ExamResult,
        GuardianRelation,
        MeasureKind,
        MeasureStatus,
        NeedLevel,
        ParticipantStatus,
        Program,
    )

    today = date.today()
    lotse = bootstrap(DataPaths(folder), key=data_key(folder))
    try:
        with lotse.unit_of_work() as uow:
            session = uow.session
            person = Participant(
                program=Program.TRAINING,
                status=ParticipantStatus.ACTIVE,
                last_name=LAST_NAME,
                first_name="Zofia",
                birth_date=date(today.year - 17, 3, 8),
                entry_date=today - timedelta(days=300),
                school_class="KFZ-2a",
                school_year=f"{today.year}/{(today.year + 1) % 100:02d}",
                apprenticeship_occupation="Kfz-Mechatronikerin",
                apprenticeship_year=2,
            )
            session.add(person)
            session.flush()
            assert person.id is not None
            pid = person.id
            absences = [
                Absence(
                    participant_id=pid,
                    absent_on=today - timedelta(days=3 + 5 * n),
                    hours=32 if n % 10 == 4 else 2 + n % 6,
                    unexcused_hours=2 if n % 3 == 1 else 0,
                    note=("Arzttermin", "verschlafen", "", "Bus ausgefallen")[n % 4],
                )
                for n in range(ABSENCES)
            ]
            session.add_all(absences)
            person.absence_hours = sum(a.hours for a in absences)
            person.unexcused_absence_hours = sum(a.unexcused_hours for a in absences)
            person.absence_as_of = max(a.absent_on for a in absences)
            kinds = list(ExamKind)
            session.add_all(
                Exam(
                    participant_id=pid,
                    kind=kinds[n % len(kinds)],
                    title=f"Lernfeld {n + 1}: Prüfung mit längerer Bezeichnung",
                    taken_on=(
                        today + timedelta(days=60)
                        if n == 0
                        else today - timedelta(days=40 * (EXAMS - n))
                    ),
                    result=ExamResult.PENDING if n == 0 else ExamResult.PASSED,
                    grade="" if n == 0 else f"{2 + n % 3}",
                )
                for n in range(EXAMS)
            )
            session.add_all(
                Guardian(
                    participant_id=pid,
                    name=name,
                    relation=relation,
                    phone="0345 6789012",
                    email="eltern@example.org",
                )
                for name, relation in (
                    ("Anna Wiśniewska", GuardianRelation.MOTHER),
                    ("Piotr Wiśniewski", GuardianRelation.FATHER),
                )[:GUARDIANS]
            )
            levels = list(NeedLevel)
            for version in range(1, ASSESSMENTS + 1):
                values = {
                    f"{area}_level": levels[(version + index) % len(levels)]
                    for index, area in enumerate(NEED_AREAS)
                }
                notes = {f"{area}_note": f"Einschätzung {version}: {area}" for area in NEED_AREAS}
                session.add(
                    NeedsAssessment(
                        participant_id=pid,
                        version=version,
                        assessed_on=today - timedelta(days=90 * (ASSESSMENTS - version) + 5),
                        taken_part="Schülerin, Klassenleitung, Ausbilder",
                        **values,
                        **notes,
                    )
                )
            measure_kinds = list(MeasureKind)
            statuses = list(MeasureStatus)
            session.add_all(
                Measure(
                    participant_id=pid,
                    kind=measure_kinds[n % len(measure_kinds)],
                    applied_on=today - timedelta(days=100 - 10 * n),
                    start=today - timedelta(days=60 - 10 * n),
                    end=today + timedelta(days=90 + 10 * n),
                    status=statuses[n % len(statuses)],
                    notes="Bewilligung abwarten" if n % 2 else "",
                )
                for n in range(MEASURES)
            )
            uow.commit()
    finally:
        lotse.close()


def student_id(connection: cipher.Connection) -> int:
    (pid,) = connection.execute(
        "SELECT id FROM participant WHERE last_name = ?", (LAST_NAME,)
    ).fetchone()
    return pid


def raw_student(connection: cipher.Connection, participant_id: int) -> tuple:
    """The raw SELECTs of what those tabs show: the row and its lists."""
    person = connection.execute("SELECT * FROM participant WHERE id = ?", (participant_id,))
    row = person.fetchone()
    lists = tuple(
        connection.execute(
            f"SELECT * FROM {table} WHERE participant_id = ? ORDER BY {order}", (participant_id,)
        ).fetchall()
        for table, order in (
            ("absence", "absent_on DESC, id DESC"),
            ("exam", "taken_on DESC, id DESC"),
            ("guardian", "id"),
            ("needs_assessment", "version DESC"),
            ("measure", "id"),
            ("enrollment", "id"),
        )
    )
    return row, lists


def _application():
    from ui.app import application

    return application()


def tabs_opener(lotse: Lotse, participant_id: int) -> Callable[[], Callable[[], None]]:
    """The editor constructed and shown, then each of ``TABS`` chosen as a click does (a
    panel is built on first choice) and painted; the cleanup closes it (untimed)."""
    from ui.mnemonics import plain
    from ui.operations import Operations
    from ui.participant.editor import ParticipantEditor

    app = _application()
    ops = Operations(lotse)

    def open_record() -> Callable[[], None]:
        editor = ParticipantEditor(lotse, ops, participant_id)
        editor.show()
        app.processEvents()
        shown = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
        for tab in TABS:
            editor.tabs.setCurrentIndex(
                next(i for i, t in enumerate(shown) if tab in (t, plain(t)))
            )
            app.processEvents()

        def close() -> None:
            editor.hide()
            editor.deleteLater()
            app.processEvents()

        return close

    return open_record


def student_record_rows(location: Path | None = None) -> list[Row]:
    """The budget rows: the heavy student's record opened, and opened with its four training
    tabs, beside the raw SELECTs of the same rows on the same encrypted file."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from benchmarks.runner import Row, Stats, measure_with_cleanup, record_opener

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = student_location(location or demo_location(PARTICIPANTS))
    _application()
    key = data_key(folder)
    with closing(cipher.connect(folder / "lotse.sqlite", key)) as db:
        pid = student_id(db)
        raw = Stats.from_timing(measure(lambda: raw_student(db, pid)))
    lotse = bootstrap(DataPaths(folder), key=key)
    try:
        (people,) = lotse.reads.one("SELECT count(*) FROM participant")
        opened = Stats.from_timing(measure_with_cleanup(record_opener(lotse, pid), runs=10))
        tabs = Stats.from_timing(measure_with_cleanup(tabs_opener(lotse, pid), runs=10))
    finally:
        lotse.close()
    student = (
        f"{ABSENCES} absences, {EXAMS} exams, {ASSESSMENTS} needs assessments, {MEASURES} measures"
    )
    note = f"{people:,} participants; vs raw SELECTs of the row and its lists (same file)"
    return [
        Row(
            f"open a student's record ({student})",
            "ms",
            f"< {GOAL_MS:.0f} ms",
            opened,
            raw,
            ok=opened.median < GOAL_MS,
            note="editor constructed + shown; " + note,
        ),
        Row(
            f"… and choose its {len(TABS)} training tabs",
            "ms",
            f"< {TABS_GOAL_MS:.0f} ms",
            tabs,
            raw,
            ok=tabs.median < TABS_GOAL_MS,
            note=f"{', '.join(TABS)} chosen and painted one after the other; " + note,
        ),
    ]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"Student record (goal: < {GOAL_MS:.0f} ms, in-process after warm-up)")
    for row in student_record_rows(source):
        assert row.lotse is not None and row.baseline is not None
        print(
            f"  {row.figure}\n    {row.lotse.median:7.1f} ms (raw {row.baseline.median:.1f} ms)"
            f"  {row.verdict}  {row.note}"
        )


if __name__ == "__main__":
    main()
