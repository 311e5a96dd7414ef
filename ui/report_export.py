""" "Sachbericht exportieren…": choose PDF or XLSX, write it off the GUI thread (progress and
"Abbrechen"), then say where it went (app/services/report_export.py does the work)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _
from app.reports.period_data import Period
from app.vocab import Program
from ui import warm_up
from ui.operations import Operations
from ui.widgets.save_location import confirm_folder

PROGRAM_NAMES = {Program.JOKO: "JOKO", Program.TRAINING: "Ausbildungsmanagement"}


def file_name(period: Period, program: Program | None, suffix: str = ".pdf") -> str:
    """ "Sachbericht_2026-01-01_2026-03-31_JOKO.pdf": the span and the Förderbereich."""
    parts = ["Sachbericht", period.start.isoformat(), period.end.isoformat()]
    if program is not None:
        parts.append(PROGRAM_NAMES[program])
    return "_".join(parts) + suffix


def filters() -> tuple[str, str]:
    return _("PDF document (*.pdf)"), _("Excel workbook (*.xlsx)")


def export_report(
    parent: QWidget,
    lotse: Lotse,
    ops: Operations,
    period: Period,
    program: Program | None,
    folder: Path | None,
) -> Path | None:
    """Ask for the file (in ``folder``, else the home folder) and start the export; returns
    the chosen file (the export then runs on) or None when the dialog was cancelled."""
    del lotse  # the operation opens its own unit of work through ``ops``
    title = _("Export the activity report")
    pdf_filter, xlsx_filter = filters()
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str((folder or Path.home()) / file_name(period, program)),
        f"{pdf_filter};;{xlsx_filter}",
    )
    if not path:
        return None
    target = with_suffix(Path(path), ".xlsx" if chosen_filter == xlsx_filter else ".pdf")
    if not confirm_folder(parent, target.parent):  # the last pages name the records not counted
        return None
    warm_up.wait_until_loaded()
    from app.services.report_export import export_report as write_report

    def written(_changes: Changes) -> None:
        QMessageBox.information(
            parent,
            title,
            _("The activity report for {period} was written to {path}.").format(
                period=period.label, path=target
            ),
        )

    ops.run_in_background(
        lambda uow, progress: write_report(uow, progress, period, program, target),
        parent=parent,
        title=_("Writing the activity report…"),
        done=written,
        failed=_("The activity report was not written:"),
    )
    return target


def with_suffix(path: Path, default: str) -> Path:
    """``path`` as it is when it ends in .pdf or .xlsx, else with ``default`` added."""
    if path.suffix.lower() in (".pdf", ".xlsx"):
        return path
    return path.with_name(path.name + default)
