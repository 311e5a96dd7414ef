"""Caseload figures: search latency per keystroke and list fill time, as the list does it."""

from __future__ import annotations

import os

from benchmarks.data import demo_location
from benchmarks.timing import Timing, measure

KEYSTROKES = ["m", "mu", "mül", "müller", "sahin", "ł", "коваленко", "06108", "bewerbung"]
GOAL_KEYSTROKE_MS = 50.0
VISIBLE_ROWS = 40


def run(participants: int = 20_000) -> list[tuple[str, Timing, str]]:
    os.environ["LOTSE_DATA_DIR"] = str(demo_location(participants))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import bootstrap
    from app.services.caseload import ListQuery, participant_ids, participant_rows
    from ui.participant_table_model import Column, ParticipantTableModel

    _app = QApplication.instance() or QApplication([])
    lotse = bootstrap()

    def fetch(ids):
        with lotse.unit_of_work() as uow:
            return participant_rows(uow, ids)

    model = ParticipantTableModel(fetch)
    results: list[tuple[str, Timing, str]] = []
    try:
        with lotse.unit_of_work() as uow:
            notes = uow.session.connection().exec_driver_sql(
                "SELECT count(*) FROM contact_note").scalar_one()  # fmt: skip

        def keystroke(text: str):
            def work() -> None:
                """What the page does: ids query, model reset, the first screen painted."""
                with lotse.unit_of_work() as uow:
                    model.set_ids(participant_ids(uow, ListQuery(text=text)))
                for row in range(min(VISIBLE_ROWS, model.rowCount())):
                    for column in Column:
                        model.data(model.index(row, column))

            return work

        full = measure(keystroke(""), runs=10)
        results.append(
            (
                f"fill list, all {participants:,} ({notes:,} notes)",
                full,
                f"{model.rowCount():,} rows",
            )
        )
        for text in KEYSTROKES:
            timing = measure(keystroke(text))
            verdict = "ok" if timing.median_ms < GOAL_KEYSTROKE_MS else "SLOW"
            results.append((f"search '{text}'", timing, f"{model.rowCount():,} hits, {verdict}"))
    finally:
        lotse.close()
    return results


def main() -> None:
    print("Caseload (goal: < 50 ms a keystroke, query + model reset)")
    for name, timing, note in run():
        print(f"  {name:45} {timing}  {note}")


if __name__ == "__main__":
    main()
