"""The performance budget (issue 10): Lotse against the bare libraries, side by side in one run.

Prints two tables — the budget (figure, Lotse, baseline, ratio, goal, verdict) and the growth
of start, search and list with the caseload — and writes both to benchmarks/results/<date>.json.
Whole-process figures run as subprocesses with QT_QPA_PLATFORM=offscreen; in-process figures
are medians after a warm-up (benchmarks.timing). The growth table includes 100,000 participants
(the demo takes about two minutes and over 1 GB the first time; cached in build/bench);
LOTSE_BENCH_SMALL=1 leaves that size out.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from benchmarks.baselines import raw_fts, raw_list, raw_plan, raw_record
from benchmarks.data import ROOT, demo_location
from benchmarks.timing import Timing, measure

PARTICIPANTS = 20_000
GROWTH_SIZES = (1_000, 5_000, 20_000)
LARGE_SIZE = 100_000
START_RUNS = 7
SEARCH_TEXT = "m"
RESULTS = Path(__file__).resolve().parent / "results"
BARE_WINDOW = Path(__file__).resolve().parent / "baselines" / "bare_window.py"
MEMORY_PROBE = Path(__file__).resolve().parent / "memory_probe.py"


@dataclass(frozen=True)
class Stats:
    """Median, min and max of several runs, in the unit of the row."""

    median: float
    min: float
    max: float
    runs: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    @classmethod
    def from_timing(cls, timing: Timing) -> Stats:
        return cls(timing.median_ms, timing.min_ms, timing.max_ms, timing.runs)


@dataclass
class Row:
    figure: str
    unit: str
    goal: str
    lotse: Stats | None
    baseline: Stats | None = None
    ok: bool | None = None  # None: reported only
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.lotse is None or self.baseline is None or self.baseline.median == 0:
            return None
        return self.lotse.median / self.baseline.median

    @property
    def verdict(self) -> str:
        return {True: "ok", False: "MISS", None: "—"}[self.ok]


@dataclass
class GrowthRow:
    participants: int
    figures: dict[str, float] = field(default_factory=dict)  # name → median ms


# -- subprocesses ----------------------------------------------------------------------------


def _env(location: Path) -> dict[str, str]:
    return {**os.environ, "LOTSE_DATA_DIR": str(location), "QT_QPA_PLATFORM": "offscreen"}


def _lotse_command() -> list[str]:
    script = Path(sys.executable).parent / "lotse"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.main"]


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a whole process; returns (wall seconds, peak resident set in MB) of that child."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(child.pid, 0)  # rusage of this child alone
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {child.returncode}:\n{message}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


@dataclass
class StartFigures:
    lotse_ms: Stats
    bare_ms: Stats
    lotse_mb: Stats
    bare_mb: Stats


def start_figures(location: Path, runs: int = START_RUNS) -> StartFigures:
    """`lotse --smoke` and the bare window, interleaved, after one warm-up run of each."""
    lotse = [*_lotse_command(), "--smoke"]
    bare = [sys.executable, str(BARE_WINDOW)]
    env = _env(location)
    run_process(lotse, env)
    run_process(bare, env)
    samples: dict[str, list[tuple[float, float]]] = {"lotse": [], "bare": []}
    for _ in range(runs):
        samples["lotse"].append(run_process(lotse, env))
        samples["bare"].append(run_process(bare, env))

    def stats(name: str, index: int, scale: float) -> Stats:
        return Stats.of([sample[index] * scale for sample in samples[name]])

    return StartFigures(
        stats("lotse", 0, 1000), stats("bare", 0, 1000), stats("lotse", 1, 1), stats("bare", 1, 1)
    )


WARM_UP = """
import time
from app.bootstrap import bootstrap
from ui.warm_up import warm_up
lotse = bootstrap()
started = time.perf_counter()
warm_up(lotse)
print((time.perf_counter() - started) * 1000)
lotse.close()
"""


def warm_up_row(location: Path, runs: int = 5) -> Row:
    """What loads on the worker thread after the first paint, timed in a fresh process."""
    samples = []
    for _ in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-c", WARM_UP],
            env=_env(location),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(float(done.stdout.strip().splitlines()[-1]))
    return Row(
        "background loading after the first paint",
        "ms",
        "reported",
        Stats.of(samples[1:]),
        note="ORM, models and write services on a worker thread (ui.warm_up); "
        "the window is usable meanwhile",
    )


def compile_bytecode() -> None:
    """Bytecode for app/ and ui/, as an installed program has it.

    pip compiles a package when it installs it; an editable install of a clone does not, and
    with PYTHONDONTWRITEBYTECODE set (as on this machine) every start would compile Lotse's
    sources again, a cost no installed copy has.
    """
    import compileall

    for package in ("app", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def demo_figures() -> tuple[Row, Row]:
    """`lotse demo --participants 20000` once into a temporary location; size per person."""
    folder = Path(tempfile.mkdtemp(prefix="lotse-bench-demo-"))
    try:
        argv = [*_lotse_command(), "demo", "--participants", str(PARTICIPANTS)]
        seconds, _rss = run_process(argv, _env(folder))
        database = folder / "lotse.sqlite"
        size = sum(path.stat().st_size for path in folder.glob("lotse.sqlite*"))
        with sqlite3.connect(database) as db:
            people = db.execute("SELECT count(*) FROM participant").fetchone()[0]
            notes = db.execute("SELECT count(*) FROM contact_note").fetchone()[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    demo = Row(
        f"`lotse demo --participants {PARTICIPANTS}`, whole command",
        "s",
        "< 30 s",
        Stats.of([seconds]),
        ok=seconds < 30,
        note="one run, fresh temporary location",
    )
    per_person = size / people / 1024
    size_row = Row(
        "database size per participant",
        "KiB",
        "reported",
        Stats.of([per_person]),
        note=f"{size / 2**20:.0f} MiB / {people:,} people, {notes / people:.1f} notes each",
    )
    return demo, size_row


# -- in-process ------------------------------------------------------------------------------


def _application():
    from ui.app import application

    return application()  # the real set-up: translations, fonts, stylesheet


def measure_with_cleanup(
    work: Callable[[], Callable[[], None]], runs: int = 15, warmup: int = 2
) -> Timing:
    """Like measure(), but the callable returns a cleanup that runs outside the timed part."""
    samples: list[float] = []
    for index in range(warmup + runs):
        started = time.perf_counter()
        cleanup = work()
        elapsed = (time.perf_counter() - started) * 1000
        cleanup()
        if index >= warmup:
            samples.append(elapsed)
    return Timing(statistics.median(samples), min(samples), max(samples), runs)


@dataclass
class CaseloadFigures:
    search: Timing
    search_hits: int
    raw_search: Timing
    raw_hits: int
    fill: Timing
    rows: int
    raw_fill: Timing


def caseload_figures(location: Path) -> CaseloadFigures:
    """Search and list as the Teilnehmende page does them, and the raw sqlite3 equivalents."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.services.caseload import CaseloadList
    from benchmarks.caseload import fill, keystroke, list_model

    _application()
    lotse = bootstrap(DataPaths(location))
    try:
        model = list_model(lotse)
        lists = CaseloadList(lotse.reads)
        search = measure(keystroke(lists, model, SEARCH_TEXT))
        hits = model.rowCount()
        fill_timing = measure(fill(lotse, model), runs=10)
        rows = model.rowCount()
    finally:
        lotse.close()
    with raw_fts.connect(location / "lotse.sqlite") as db:
        raw_search = measure(lambda: raw_fts.search(db, f'"{SEARCH_TEXT}"*'))
        raw_hits = len(raw_fts.search(db, f'"{SEARCH_TEXT}"*'))
        raw_fill = measure(lambda: raw_list.rows(db), runs=10)
    return CaseloadFigures(search, hits, raw_search, raw_hits, fill_timing, rows, raw_fill)


def record_participant(database: Path) -> tuple[int, int, int]:
    """A participant with 10 notes and at least 5 follow-ups (the lowest such id)."""
    sql = """
        SELECT n.participant_id, n.c, f.c FROM
          (SELECT participant_id, count(*) c FROM contact_note GROUP BY participant_id) n
          JOIN (SELECT participant_id, count(*) c FROM follow_up GROUP BY participant_id) f
          USING (participant_id)
        WHERE n.c >= 10 AND f.c >= 5 ORDER BY n.c = 10 DESC, f.c = 5 DESC, participant_id
        LIMIT 1"""
    with raw_record.connect(database) as db:
        row = db.execute(sql).fetchone()
    if row is None:
        raise RuntimeError("the demo data hold no participant with 10 notes and 5 follow-ups")
    return row


def record_and_plan_rows(location: Path) -> list[Row]:
    """Open one record (editor constructed and shown) and print one 2-page plan, in-process."""
    import io

    from pypdf import PdfReader

    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.reports.support_plan import render_support_plan
    from app.services.settings import load_settings
    from app.services.support_plans.document import plan_document_data
    from ui.operations import Operations
    from ui.participant.editor import ParticipantEditor

    database = location / "lotse.sqlite"
    participant_id, notes, follow_ups = record_participant(database)
    plan_id = largest_plan(database)
    app = _application()
    lotse = bootstrap(DataPaths(location))
    try:
        changes = Operations(lotse)

        def open_record() -> Callable[[], None]:
            editor = ParticipantEditor(lotse, changes, participant_id)
            editor.show()
            app.processEvents()  # laid out and painted: ready for the user

            def close() -> None:
                editor.close()
                editor.deleteLater()
                app.processEvents()

            return close

        record = measure_with_cleanup(open_record, runs=10)

        def print_plan() -> bytes:
            with lotse.unit_of_work() as uow:
                data = plan_document_data(uow, plan_id)
                settings = load_settings(uow)
            return render_support_plan(data, settings)

        plan = measure(print_plan)
        pages = len(PdfReader(io.BytesIO(print_plan())).pages)
    finally:
        lotse.close()
    with raw_record.connect(database) as db:
        raw = measure(lambda: raw_record.record(db, participant_id))
    raw_plan_timing = measure(raw_plan.render)
    raw_pages = len(PdfReader(io.BytesIO(raw_plan.render())).pages)
    record_stats, plan_stats = Stats.from_timing(record), Stats.from_timing(plan)
    raw_plan_stats = Stats.from_timing(raw_plan_timing)
    return [
        Row(
            f"open one record ({notes} notes, {follow_ups} follow-ups)",
            "ms",
            "< 100 ms",
            record_stats,
            Stats.from_timing(raw),
            ok=record_stats.median < 100,
            note=f"participant {participant_id}: editor constructed + shown vs raw SELECTs",
        ),
        Row(
            "support plan PDF, in-process",
            "ms",
            "ratio ≤ 2, < 50 ms",
            plan_stats,
            raw_plan_stats,
            ok=plan_stats.median / raw_plan_stats.median <= 2 and plan_stats.median < 50,
            note=f"plan {plan_id}: {pages} pages; raw reportlab {raw_pages} pages",
        ),
    ]


def operation_row(location: Path) -> Row:
    """Saving a contact note through its operation, beside a raw insert and commit."""
    from benchmarks.operations import note_operation

    participant_id, notes, _follow_ups = record_participant(location / "lotse.sqlite")
    lotse_timing, raw_timing = note_operation(location, participant_id)
    stats = Stats.from_timing(lotse_timing)
    return Row(
        "one operation: save a contact note",
        "ms",
        "< 50 ms (GUI thread)",
        stats,
        Stats.from_timing(raw_timing),
        ok=stats.median < 50,
        note=f"participant with {notes}+ notes: unit of work, change tracking, search and list "
        "row, commit (synchronous) vs raw INSERT + commit",
    )


def largest_plan(database: Path) -> int:
    """The demo plan with the most goals and steps (the longest printout)."""
    sql = """
        SELECT p.id FROM support_plan p ORDER BY
          (SELECT count(*) FROM goal g WHERE g.plan_id = p.id)
          + (SELECT count(*) FROM plan_step s WHERE s.plan_id = p.id) DESC,
          length(p.situation) + length(p.strengths) + length(p.needs) DESC, p.id LIMIT 1"""
    with raw_record.connect(database) as db:
        row = db.execute(sql).fetchone()
    if row is None:
        raise RuntimeError("the demo data hold no support plan")
    return row[0]


# -- the run ---------------------------------------------------------------------------------


def budget_rows(start: StartFigures, caseload: CaseloadFigures) -> list[Row]:
    start_ratio = start.lotse_ms.median / start.bare_ms.median
    search = Stats.from_timing(caseload.search)
    raw_search = Stats.from_timing(caseload.raw_search)
    fill = Stats.from_timing(caseload.fill)
    raw_fill = Stats.from_timing(caseload.raw_fill)
    return [
        Row(
            "cold start to first paint, whole process",
            "ms",
            "ratio ≤ 1.5, < 1 s",
            start.lotse_ms,
            start.bare_ms,
            ok=start_ratio <= 1.5 and start.lotse_ms.median < 1000,
            note="`lotse --smoke` vs bare_window.py, offscreen",
        ),
        Row(
            f"search '{SEARCH_TEXT}', one keystroke",
            "ms",
            "ratio ≤ 2, < 30 ms, max < 60 ms",
            search,
            raw_search,
            ok=search.median / raw_search.median <= 2 and search.median < 30 and search.max < 60,
            note=f"{caseload.search_hits:,} hits (raw FTS: {caseload.raw_hits:,}); ids + reset; "
            "the list's order is kept between keystrokes (read afresh: fill row)",
        ),
        Row(
            f"fill list, all {caseload.rows:,}",
            "ms",
            "ratio ≤ 1.5",
            fill,
            raw_fill,
            ok=fill.median / raw_fill.median <= 1.5,
            note="ids + reset + first screen vs raw SELECT of the columns as tuples",
        ),
    ]


def memory_row(location: Path, start: StartFigures, runs: int = 3) -> Row:
    """Peak RSS of Lotse with the list shown and the background loading done."""
    probe = [sys.executable, str(MEMORY_PROBE)]
    samples = [run_process(probe, _env(location))[1] for _ in range(runs)]
    lotse_mb = Stats.of(samples)
    return Row(
        "memory: peak RSS, start + list shown",
        "MB",
        "< 250 MB",
        lotse_mb,
        start.bare_mb,
        ok=lotse_mb.median < 250,
        note="ru_maxrss of memory_probe.py (window, background loading, Teilnehmende list) "
        f"vs the bare window; the first window alone: {start.lotse_mb.median:.0f} MB",
    )


def _cell(stats: Stats | None, unit: str) -> str:
    if stats is None:
        return "—"
    digits = 0 if unit == "MB" or stats.median >= 100 else 1
    if stats.runs == 1:
        return f"{stats.median:.{digits}f} {unit}"
    return f"{stats.median:.{digits}f} {unit} [{stats.min:.{digits}f}–{stats.max:.{digits}f}]"


def format_budget(rows: Sequence[Row]) -> str:
    header = ("figure", "Lotse (median [min–max])", "baseline", "ratio", "goal", "verdict")
    table = [header] + [
        (
            row.figure,
            _cell(row.lotse, row.unit),
            _cell(row.baseline, row.unit),
            "—" if row.ratio is None else f"{row.ratio:.2f}",
            row.goal,
            row.verdict,
        )
        for row in rows
    ]
    return _render(table)


GROWTH_COLUMNS = (
    ("start_ms", "start (ms)"),
    ("bare_start_ms", "bare window (ms)"),
    ("search_ms", f"search '{SEARCH_TEXT}' (ms)"),
    ("raw_search_ms", "raw FTS (ms)"),
    ("search_hits", "hits"),
    ("list_ms", "fill list (ms)"),
    ("raw_list_ms", "raw SELECT (ms)"),
)


def format_growth(rows: Sequence[GrowthRow]) -> str:
    table = [("participants", *(title for _key, title in GROWTH_COLUMNS))]
    for row in rows:
        cells = [f"{row.participants:,}"]
        for key, _title in GROWTH_COLUMNS:
            value = row.figures.get(key)
            if value is None:
                cells.append("—")
            elif key == "search_hits":
                cells.append(f"{value:,.0f}")
            else:
                cells.append(f"{value:.0f}" if value >= 100 else f"{value:.1f}")
        table.append(tuple(cells))
    return _render(table)


def _render(table: Sequence[Sequence[str]]) -> str:
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines: list[str] = []
    for number, line in enumerate(table):
        lines.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def growth_sizes() -> tuple[int, ...]:
    small = os.environ.get("LOTSE_BENCH_SMALL", "").strip() not in ("", "0")
    return GROWTH_SIZES if small else (*GROWTH_SIZES, LARGE_SIZE)


def run() -> dict:
    """Every figure of the budget and the growth table; prints both, returns them as data."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compile_bytecode()
    sizes = growth_sizes()
    locations = {size: demo_location(size) for size in sorted({*sizes, PARTICIPANTS})}
    log(f"demo locations ready: {', '.join(f'{size:,}' for size in locations)}")

    starts: dict[int, StartFigures] = {}
    for size in sizes:  # subprocesses first: the in-process figures hold the data lock
        log(f"start, {size:,} participants …")
        starts[size] = start_figures(locations[size])
    caseloads: dict[int, CaseloadFigures] = {}
    for size in sizes:
        log(f"search and list, {size:,} participants …")
        caseloads[size] = caseload_figures(locations[size])
    log("memory …")
    memory = memory_row(locations[PARTICIPANTS], starts[PARTICIPANTS])
    log("background loading …")
    warm_up = warm_up_row(locations[PARTICIPANTS])
    log("record and plan …")
    record_plan = record_and_plan_rows(locations[PARTICIPANTS])
    log("one operation …")
    operation = operation_row(locations[PARTICIPANTS])
    if os.environ.get("LOTSE_BENCH_SKIP_DEMO"):  # for working on the runner only
        demo_rows: tuple[Row, ...] = ()
    else:
        log("lotse demo into a temporary location …")
        demo_rows = demo_figures()

    main = starts[PARTICIPANTS]
    rows = [
        *budget_rows(main, caseloads[PARTICIPANTS]),
        warm_up,
        *record_plan,
        operation,
        *demo_rows[:1],
        memory,
        *demo_rows[1:],
    ]
    growth = [
        GrowthRow(
            size,
            {
                "start_ms": starts[size].lotse_ms.median,
                "bare_start_ms": starts[size].bare_ms.median,
                "search_ms": caseloads[size].search.median_ms,
                "raw_search_ms": caseloads[size].raw_search.median_ms,
                "search_hits": caseloads[size].search_hits,
                "list_ms": caseloads[size].fill.median_ms,
                "raw_list_ms": caseloads[size].raw_fill.median_ms,
            },
        )
        for size in sizes
    ]
    print()
    print(f"Performance budget ({PARTICIPANTS:,} demo participants, {date.today():%d.%m.%Y})")
    print(format_budget(rows))
    print()
    print("Growth with the caseload (medians)")
    print(format_growth(growth))
    for row in rows:
        if row.note:
            print(f"  {row.figure}: {row.note}")
    result = {
        "date": date.today().isoformat(),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
        "budget": [{**asdict(row), "ratio": row.ratio, "verdict": row.verdict} for row in rows],
        "growth": [asdict(row) for row in growth],
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{date.today().isoformat()}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return result


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    run()


if __name__ == "__main__":
    main()
