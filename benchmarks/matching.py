"""Matching figures: one participant against every open offer and one offer against every
active JOKO participant, with reasons, each beside a bare-SQL baseline that runs only the
pre-filter query of the same rows (what the rules in Python add is the difference).

Goals (issue #17): one participant against ~2,000 open offers < 30 ms, one offer against
20,000 participants < 150 ms. The 20,000-person demo holds about 2,000 offers, a good part of
them open; the participant and the offer are those with the most matches of a small sample.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.bootstrap import Lotse
from app.db.reads import Reads
from app.services import matching
from benchmarks.data import data_key, demo_location
from benchmarks.timing import Timing, measure

GOAL_PARTICIPANT_MS = 30.0  # one person, all open offers
GOAL_OFFER_MS = 150.0  # one offer, all participants


def baseline_offers(reads: Reads, today: date) -> Callable[[], object]:
    """The pre-filter of ``offers_for_participant``, bare: the open offers as tuples."""
    sql = (
        f"{matching._OFFER_SQL} WHERE j.status = 'open' "
        "AND (j.valid_until IS NULL OR j.valid_until >= ?)"
    )

    def work() -> object:
        return reads.rows(sql, (str(today),))

    return work


def baseline_people(reads: Reads) -> Callable[[], object]:
    """The pre-filter of ``participants_for_offer``, bare: active JOKO people as tuples."""
    sql = (
        f"{matching._PERSON_SQL} WHERE program = 'joko' AND status = 'active' "
        "AND (employment_permitted IS NULL OR employment_permitted != 0)"
    )

    def work() -> object:
        return reads.rows(sql)

    return work


def _busiest(reads: Reads, today: date, sample: int = 20) -> tuple[int, int]:
    """Of the first ``sample`` active JOKO people and open offers, the person and the offer
    with the most matches (the heaviest realistic case)."""
    people = [
        pid
        for (pid,) in reads.rows(
            "SELECT id FROM participant WHERE program = 'joko' AND status = 'active' "
            f"ORDER BY id LIMIT {sample}"
        )
    ]
    offers = [
        oid
        for (oid,) in reads.rows(
            "SELECT id FROM job_offer WHERE status = 'open' AND valid_until >= ? "
            f"ORDER BY id LIMIT {sample}",
            (str(today),),
        )
    ]
    person = max(people, key=lambda p: len(matching.offers_for_participant(reads, p, today)))
    offer = max(offers, key=lambda o: len(matching.participants_for_offer(reads, o, today)))
    return person, offer


def run(
    participants: int = 20_000, location: Path | None = None
) -> list[tuple[str, Timing, Timing, str]]:
    """(figure, Lotse, bare SQL, note) rows; ``location``: a demo location made already."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths

    location = location or demo_location(participants)
    lotse: Lotse = bootstrap(DataPaths(location), key=data_key(location))
    today = date.today()
    results = []
    try:
        reads = lotse.reads
        matching.postal_code_centres()  # loaded once per program run, not per query
        person, offer = _busiest(reads, today)
        (open_offers,) = reads.one(
            "SELECT count(*) FROM job_offer WHERE status = 'open' AND "
            "(valid_until IS NULL OR valid_until >= ?)",
            (str(today),),
        )
        found: list[matching.Match] = []
        (every_offer,) = reads.one("SELECT count(*) FROM job_offer")
        person_row = reads.rows(f"{matching._PERSON_SQL} WHERE id = ?", (person,))[0]

        def against_every_offer() -> None:
            """The worst case: every offer of the demo as if it were open (the same rules,
            after the same query without its status filter)."""
            rows = reads.rows(matching._OFFER_SQL)
            found[:] = matching.match_person(person_row, rows)

        timing = measure(against_every_offer)
        verdict = "ok" if timing.median_ms < GOAL_PARTICIPANT_MS else "SLOW"
        bare_sql = matching._OFFER_SQL
        results.append(
            (
                f"one participant, all {every_offer:,} offers",
                timing,
                measure(lambda: reads.rows(bare_sql)),
                f"{len(found):,} matches, {verdict}",
            )
        )

        def for_person() -> None:
            found[:] = matching.offers_for_participant(reads, person, today)

        timing = measure(for_person)
        verdict = "ok" if timing.median_ms < GOAL_PARTICIPANT_MS else "SLOW"
        results.append(
            (
                f"offers for one participant ({open_offers:,} open)",
                timing,
                measure(baseline_offers(reads, today)),
                f"{len(found):,} matches, {verdict}",
            )
        )

        def for_offer() -> None:
            found[:] = matching.participants_for_offer(reads, offer, today)

        timing = measure(for_offer)
        (people,) = reads.one("SELECT count(*) FROM participant")
        verdict = "ok" if timing.median_ms < GOAL_OFFER_MS else "SLOW"
        results.append(
            (
                f"participants for one offer ({people:,} people)",
                timing,
                measure(baseline_people(reads)),
                f"{len(found):,} matches, {verdict}",
            )
        )
    finally:
        lotse.close()
    return results


def main() -> None:
    print(
        f"Matching (goals: < {GOAL_PARTICIPANT_MS:.0f} ms a person, "
        f"< {GOAL_OFFER_MS:.0f} ms an offer; baseline: the bare pre-filter query)"
    )
    location = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for name, timing, baseline, note in run(location=location):
        print(f"  {name:45} {timing}  bare SQL {baseline}  {note}")


if __name__ == "__main__":  # python -m benchmarks.matching [DEMO_LOCATION]
    main()
