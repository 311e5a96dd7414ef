"""The network's views (issue 18): a school's Schüler:innen tab and a training company's
Auszubildende tab (app.services.network_views.students_of, ui.organization.students_panel),
and the Übersicht's three network lists (courses this month, measures awaiting approval,
students at high risk without contact), each beside the raw query on the bare driver.

The 20,000-person demo has a few large vocational schools (about 2,600 people each: the
demo's whole Ausbildungsmanagement caseload goes to seven schools) and many small training
companies; the figures take the largest school and the training company of median size.

For benchmarks.runner: ``network_rows(location)`` returns its budget rows. By hand:
``python -m benchmarks.network_views [LOCATION]`` (default: the runner's 20,000-person demo).
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.baselines import cipher
from benchmarks.data import data_key
from benchmarks.timing import Timing, measure

if TYPE_CHECKING:
    from benchmarks.runner import Row

PARTICIPANTS = 20_000
GOAL_LARGE_MS = 250.0  # the largest school: thousands of rows, all read
GOAL_TYPICAL_MS = 100.0  # as opening any record
GOAL_OVERVIEW_LISTS_MS = 30.0

# The raw baseline: the same rows, the same file, no Lotse (no sorting, no tuples of ours).
RAW_STUDENTS = """
SELECT p.id, p.first_name, p.last_name, p.program, p.status, p.school_class,
       p.apprenticeship_occupation, p.apprenticeship_year, p.dropout_risk,
       p.dropout_risk_assessed_on,
       (SELECT count(*) FROM measure m WHERE m.participant_id = p.id
         AND m.status IN ('planned', 'applied', 'approved', 'ongoing')),
       (SELECT max(n.occurred_at) FROM contact_note n WHERE n.participant_id = p.id)
FROM participant p
WHERE (p.school_id = :org OR p.training_company_id = :org OR p.chamber_id = :org)
  AND p.status != 'exited'
"""
_LINKED = (
    "SELECT o.id, o.name, count(*) FROM organization o JOIN participant p "
    "ON p.{column} = o.id AND p.status != 'exited' WHERE o.kind = ? "
    "GROUP BY o.id ORDER BY count(*) DESC, o.id"
)


def chosen_organizations(reads) -> dict[str, tuple[int, str, int]]:  # noqa: ANN001 - Reads
    """The largest school and the training company of median size: (id, name, people)."""
    schools = reads.rows(_LINKED.format(column="school_id"), ("school",))
    companies = reads.rows(_LINKED.format(column="training_company_id"), ("training_company",))
    if not schools or not companies:
        raise RuntimeError("the demo data have no school or no training company with students")
    return {"school": tuple(schools[0]), "company": tuple(companies[len(companies) // 2])}


def raw_students(connection: cipher.Connection, organization_id: int) -> list[tuple]:
    return connection.execute(RAW_STUDENTS, {"org": organization_id}).fetchall()


def network_rows(location: Path | None = None) -> list[Row]:
    """Budget rows: the students' tab of the largest school and of a typical training
    company (the editor opened on that tab: constructed, shown, the panel built), the
    students_of read alone, and the Übersicht's three network lists."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.services.network_views import high_risk_without_contact, students_of
    from app.services.overview import NO_CONTACT_DAYS, SHOWN, courses_this_month
    from app.services.overview import measures_awaiting_approval as awaiting
    from benchmarks.organizations import _application, editor_opener
    from benchmarks.runner import Row, Stats, measure_with_cleanup

    if location is None:
        from benchmarks.data import demo_location

        location = demo_location(PARTICIPANTS)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application()
    key = data_key(location)
    today = date.today()
    lotse = bootstrap(DataPaths(location), key=key)
    try:
        chosen = chosen_organizations(lotse.reads)
        tabs: dict[str, Timing] = {}
        reads: dict[str, Timing] = {}
        for which, (organization_id, _name, _people) in chosen.items():
            tabs[which] = measure_with_cleanup(
                editor_opener(lotse, organization_id, "students"), runs=10
            )
            reads[which] = measure(lambda oid=organization_id: students_of(lotse.reads, oid, today))

        def network_lists() -> None:
            courses_this_month(lotse.reads, today)
            awaiting(lotse.reads, today, SHOWN)
            high_risk_without_contact(lotse.reads, today, NO_CONTACT_DAYS, SHOWN)

        lists = measure(network_lists)
    finally:
        lotse.close()
    with closing(cipher.connect(location / "lotse.sqlite", key)) as db:
        raw = {
            which: measure(lambda oid=organization_id: raw_students(db, oid))
            for which, (organization_id, _name, _people) in chosen.items()
        }

    rows: list[Row] = []
    for which, goal in (("school", GOAL_LARGE_MS), ("company", GOAL_TYPICAL_MS)):
        _oid, name, people = chosen[which]
        tab = "Schüler:innen" if which == "school" else "Auszubildende"
        what = "the largest school" if which == "school" else "a training company of median size"
        stats = Stats.from_timing(tabs[which])
        rows.append(
            Row(
                f"{tab} tab of {what} ({people:,} people)",
                "ms",
                f"< {goal:.0f} ms",
                stats,
                Stats.from_timing(raw[which]),
                ok=stats.median < goal,
                note=f"{name}: the organisation editor constructed, shown, the tab chosen and "
                "its table filled vs the raw SELECT of the same rows (bare driver); "
                f"students_of alone: {reads[which].median_ms:.1f} ms",
            )
        )
    lists_stats = Stats.from_timing(lists)
    rows.append(
        Row(
            "Übersicht: the three network lists",
            "ms",
            f"< {GOAL_OVERVIEW_LISTS_MS:.0f} ms",
            lists_stats,
            ok=lists_stats.median < GOAL_OVERVIEW_LISTS_MS,
            note="courses this month, measures awaiting approval, students at high risk "
            f"without contact for {NO_CONTACT_DAYS} days, in-process after a warm-up; part of "
            "the unlock → Übersicht row. Without an index on participant.dropout_risk and on "
            "measure.status the first and the second read whole tables",
        )
    )
    return rows


def main() -> None:
    location = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print("The network's views (goal: see each row)")
    for row in network_rows(location):
        assert row.lotse is not None
        baseline = f" (raw {row.baseline.median:.1f} ms)" if row.baseline else ""
        print(f"  {row.figure:70} {row.lotse.median:7.1f} ms{baseline}  {row.verdict}  {row.note}")


if __name__ == "__main__":
    main()
