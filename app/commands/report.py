"""`lotse report --from DATE --to DATE [--program joko|ausbildung] --out FILE.pdf|FILE.xlsx`:
the Sachbericht of a period, written all or nothing (app/services/report_export.py)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from app.commands import open_lotse
from app.i18n import _, format_date
from app.progress import Progress
from app.reports.periods import between
from app.vocab import Program

PROGRAMS = {"joko": Program.JOKO, "ausbildung": Program.TRAINING}


def report(start: date, end: date, program: str | None, out: Path) -> int:
    """Exit 0 when written; 2 for a period that ends before it begins or an unknown
    Förderbereich; 1 (by the dispatcher) when the file cannot be written."""
    from app.services.report_export import export_report

    if end < start:
        message = _("--to {end} is before --from {start}.").format(
            end=format_date(end), start=format_date(start)
        )
        print(_("{prog}: error: {message}\n").format(prog="lotse report", message=message),
              file=sys.stderr, end="")  # fmt: skip
        return 2
    if program is not None and program not in PROGRAMS:
        message = _("Unknown funding area {name} (joko or ausbildung).").format(name=program)
        print(_("{prog}: error: {message}\n").format(prog="lotse report", message=message),
              file=sys.stderr, end="")  # fmt: skip
        return 2
    period = between(start, end)
    lotse = open_lotse()
    try:
        with lotse.unit_of_work() as uow:
            export_report(uow, Progress(), period, PROGRAMS.get(program or ""), out)
    finally:
        lotse.close()
    print(
        _("Activity report for {period} written to {path}.").format(period=period.label, path=out)
    )
    return 0
