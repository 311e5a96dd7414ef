"""The period report for a year at 20,000 participants / 200,000 notes: Lotse's build_report
(the period's participants read once, the ESF+ characteristics and indicators derived in
Python, the activity figures by SQL, every count keeping its ids) beside the bare SQL
aggregates a hand-written report would run on the same connection driver: entries, exits by
Verbleib, caseload at the end, the characteristics by gender, entries and exits per month, the
contacts and minutes, placements, enrolments, measures.

For benchmarks.runner: ``period_report_rows(location)`` returns its budget row. By hand:
``python -m benchmarks.period_report [DATA_DIR]``.
"""

from __future__ import annotations

import sys
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.baselines import cipher
from benchmarks.data import data_key, demo_location
from benchmarks.timing import measure

if TYPE_CHECKING:
    from benchmarks.runner import Row

PARTICIPANTS = 20_000
GOAL_MS = 1000.0
GOAL_RATIO = 2.0
RUNS = 5

_IN_PERIOD = "entry_date <= :end AND (exit_date IS NULL OR exit_date >= :start)"
BARE_QUERIES = (
    "SELECT gender, COUNT(*) FROM participant WHERE entry_date BETWEEN :start AND :end "
    "GROUP BY gender",
    "SELECT exit_outcome, COUNT(*) FROM participant WHERE exit_date BETWEEN :start AND :end "
    "GROUP BY exit_outcome",
    "SELECT COUNT(*) FROM participant WHERE entry_date <= :end "
    "AND (exit_date IS NULL OR exit_date > :end)",
    "SELECT substr(entry_date, 1, 7), COUNT(*) FROM participant "
    "WHERE entry_date BETWEEN :start AND :end GROUP BY 1",
    "SELECT substr(exit_date, 1, 7), COUNT(*) FROM participant "
    "WHERE exit_date BETWEEN :start AND :end GROUP BY 1",
    "SELECT gender, "
    "SUM(employment_status_at_entry = 'employed'), "
    "SUM(employment_status_at_entry IN ('unemployed', 'long_term_unemployed')), "
    "SUM(employment_status_at_entry = 'long_term_unemployed'), "
    "SUM(employment_status_at_entry LIKE 'inactive%'), "
    "SUM(date(birth_date, '+18 years') > entry_date), "
    "SUM(date(birth_date, '+18 years') <= entry_date "
    "AND date(birth_date, '+30 years') > entry_date), "
    "SUM(date(birth_date, '+55 years') <= entry_date), "
    "SUM(school_level IN ('none', 'primary', 'lower_secondary')), "
    "SUM(disability = 'yes'), SUM(foreign_background = 'yes'), SUM(minority = 'yes'), "
    "SUM(housing_situation IN ('homeless', 'insecure')), SUM(rural_area = 1), "
    "SUM(nationalities NOT LIKE '%DE%') "
    f"FROM participant WHERE {_IN_PERIOD} GROUP BY gender",
    "SELECT exit_outcome, gender, COUNT(*) FROM participant WHERE exit_date BETWEEN :start "
    "AND :end GROUP BY exit_outcome, gender",
    "SELECT COUNT(*), COALESCE(SUM(duration_minutes), 0), COUNT(DISTINCT participant_id) "
    "FROM contact_note WHERE occurred_at >= :start AND occurred_at < :after",
    "SELECT COUNT(*) FROM employment WHERE social_insurance = 1 AND start BETWEEN :start AND :end",
    "SELECT COUNT(*) FROM placement WHERE proposed_on BETWEEN :start AND :end",
    "SELECT status, COUNT(*) FROM enrollment WHERE registered_on BETWEEN :start AND :end "
    "GROUP BY status",
    "SELECT COUNT(*) FROM measure WHERE COALESCE(applied_on, start) BETWEEN :start AND :end",
    "SELECT school_form, apprenticeship_year, COUNT(*) FROM participant "
    f"WHERE program = 'ausbildung' AND {_IN_PERIOD} GROUP BY 1, 2",
)


def report_year(today: date) -> tuple[date, date]:
    """The last full calendar year (the demo's data reach back several years)."""
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def bare_aggregates(connection: cipher.Connection, start: date, end: date) -> list[list[tuple]]:
    params = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "after": date.fromordinal(end.toordinal() + 1).isoformat(),
    }
    return [connection.execute(sql, params).fetchall() for sql in BARE_QUERIES]


def period_report_rows(location: Path | None = None, runs: int = RUNS) -> list[Row]:
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.reports.periods import between
    from app.services.period_report import build_report
    from benchmarks.runner import Row, Stats

    if location is None:
        location = demo_location(PARTICIPANTS)
    key = data_key(location)
    start, end = report_year(date.today())
    period = between(start, end)
    lotse = bootstrap(DataPaths(location), key=key)
    try:
        report = build_report(lotse.reads, period, None)
        lotse_timing = measure(lambda: build_report(lotse.reads, period, None), runs=runs)
    finally:
        lotse.close()
    with closing(cipher.connect(location / "lotse.sqlite", key)) as db:
        bare_aggregates(db, start, end)
        bare = measure(lambda: bare_aggregates(db, start, end), runs=runs)
    stats, baseline = Stats.from_timing(lotse_timing), Stats.from_timing(bare)
    ratio = stats.median / baseline.median if baseline.median else 0.0
    first = report.table("overview").rows[0]
    return [
        Row(
            f"period report for a year ({PARTICIPANTS:,} participants)",
            "ms",
            f"< {GOAL_MS:.0f} ms, ratio ≤ {GOAL_RATIO:g}",
            stats,
            baseline,
            ok=stats.median < GOAL_MS and ratio <= GOAL_RATIO,
            note=f"{period.label}: build_report (all tables, each count with its ids; "
            f"{len(report.incomplete):,} incomplete records listed; "
            f"{first.label}: {first.cells[0].value:,}) "
            f"vs {len(BARE_QUERIES)} bare SQL aggregates of the same figures on the same "
            "encrypted connection (no ids, no 4-week window, no 6-month follow-up)",
        )
    ]


def main() -> None:
    location = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for row in period_report_rows(location):
        print(row.figure, row.lotse, row.baseline, row.ratio, row.verdict, row.note, sep="\n  ")


if __name__ == "__main__":
    main()
