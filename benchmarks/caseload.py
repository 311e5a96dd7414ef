"""Caseload figures: search latency per keystroke and list fill time, as the list does it."""

from __future__ import annotations

import os
from collections.abc import Callable

from app.bootstrap import Lotse
from app.services.caseload import CaseloadList, ListQuery, participant_rows
from benchmarks.data import data_key, demo_location
from benchmarks.timing import Timing, measure
from ui.participant_table_model import Column, ParticipantTableModel

KEYSTROKES = ["m", "mu", "mül", "müller", "sahin", "ł", "коваленко", "06108", "bewerbung"]
GOAL_KEYSTROKE_MS = 50.0
VISIBLE_ROWS = 40


def list_model(lotse: Lotse) -> ParticipantTableModel:
    """The Teilnehmende model, fetching visible rows as the page does (plain reads)."""
    return ParticipantTableModel(lambda ids: participant_rows(lotse.reads, ids))


def _paint_first_screen(model: ParticipantTableModel) -> None:
    for row in range(min(VISIBLE_ROWS, model.rowCount())):
        for column in Column:
            model.data(model.index(row, column))


def keystroke(lists: CaseloadList, model: ParticipantTableModel, text: str) -> Callable[[], None]:
    def work() -> None:
        """A keystroke as the page does it: ids, model reset, the first screen painted."""
        model.set_ids(lists.ids(ListQuery(text=text)))
        _paint_first_screen(model)

    return work


def fill(lotse: Lotse, model: ParticipantTableModel) -> Callable[[], None]:
    def work() -> None:
        """The whole list read afresh (first show, or after a change): nothing kept."""
        model.set_ids(CaseloadList(lotse.reads).ids(ListQuery()))
        _paint_first_screen(model)

    return work


def run(participants: int = 20_000) -> list[tuple[str, Timing, str]]:
    location = demo_location(participants)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import bootstrap
    from app.paths import DataPaths

    _app = QApplication.instance() or QApplication([])
    lotse = bootstrap(DataPaths(location), key=data_key(location))
    model = list_model(lotse)
    lists = CaseloadList(lotse.reads)
    results: list[tuple[str, Timing, str]] = []
    try:
        (notes,) = lotse.reads.one("SELECT count(*) FROM contact_note")
        full = measure(fill(lotse, model), runs=10)
        results.append(
            (
                f"fill list, all {participants:,} ({notes:,} notes)",
                full,
                f"{model.rowCount():,} rows",
            )
        )
        for text in KEYSTROKES:
            timing = measure(keystroke(lists, model, text))
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
