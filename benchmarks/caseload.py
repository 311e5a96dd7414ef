"""Caseload figures: search latency per keystroke and list fill time, as the list does it."""

from __future__ import annotations

import os

from benchmarks.data import demo_location
from benchmarks.timing import Timing, measure

KEYSTROKES = ["m", "mu", "mül", "müller", "sahin", "ł", "коваленко", "06108", "bewerbung"]
GOAL_KEYSTROKE_MS = 50.0


def run(participants: int = 20_000) -> list[tuple[str, Timing, str]]:
    os.environ["LOTSE_DATA_DIR"] = str(demo_location(participants))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import bootstrap
    from app.services.caseload import ListQuery, list_participants
    from ui.participant_table_model import ParticipantTableModel

    _app = QApplication.instance() or QApplication([])
    lotse = bootstrap()
    model = ParticipantTableModel()
    results: list[tuple[str, Timing, str]] = []
    try:
        with lotse.unit_of_work() as uow:
            notes = uow.session.connection().exec_driver_sql(
                "SELECT count(*) FROM contact_note").scalar_one()  # fmt: skip

        def keystroke(text: str):
            def work() -> None:
                with lotse.unit_of_work() as uow:
                    model.set_rows(list_participants(uow, ListQuery(text=text)))

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
