"""ESF+ Teilnehmendenliste from the window: a box with the choice "pseudonymisiert (nur
TN-Nr.)", the file dialog (XLSX or CSV), the export in the background (progress, "Abbrechen";
app/services/esf_list.py), then how many rows were written and who was left out (the box's
details list them with what is missing — shown on screen, never written to a CSV)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QPushButton, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _, ngettext
from ui import warm_up
from ui.mnemonics import plain
from ui.operations import Operations
from ui.widgets.save_location import confirm_folder

if TYPE_CHECKING:
    from app.db.unit_of_work import UnitOfWork
    from app.progress import Progress
    from app.reports.esf_columns import ColumnMap
    from app.services.esf_list import EsfListResult

FILE_STEM = "ESF-Teilnehmendenliste"
SUFFIXES = (".xlsx", ".csv")


def _title() -> str:
    return _("ESF+ participant list")


def options_box(
    parent: QWidget | None, map_path: Path
) -> tuple[QMessageBox, QCheckBox, QPushButton]:
    """The question before the file dialog: pseudonymised or not; "Exportieren…" goes on."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _title(),
        _(
            "The list for efREporter4 has one row per participant whose ESF+ entry data are "
            "complete and who has a TN-Nr. im Vorhaben; the others are listed with what is "
            "missing. Columns: {path}"
        ).format(path=map_path),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    export = box.addButton(_("Export…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    check = QCheckBox(_("pseudonymised (TN-Nr. only)"), box)
    check.setAccessibleName(plain(check.text()))
    check.setAccessibleDescription(
        _("Leaves out names, address and date of birth; the TN-Nr. identifies each row")
    )
    box.setCheckBox(check)
    for button in (export, cancel):
        button.setAccessibleName(plain(button.text()))
    box.setDefaultButton(export)
    box.setEscapeButton(cancel)
    return box, check, export


def ask_pseudonymised(parent: QWidget | None, map_path: Path) -> bool | None:
    """True/False as chosen; None when cancelled."""
    box, check, export = options_box(parent, map_path)
    box.exec()
    chosen = check.isChecked() if box.clickedButton() is export else None
    box.deleteLater()
    return chosen


def _target(path: str, selected_filter: str) -> Path:
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        suffix = ".csv" if "*.csv" in selected_filter else ".xlsx"
        target = target.with_name(target.name + suffix)
    return target


def ask_file(parent: QWidget | None, folder: Path | None, *, pseudonymised: bool) -> Path | None:
    stem = f"{FILE_STEM}_{date.today().isoformat()}"
    if pseudonymised:
        stem += "_pseudonymisiert"
    xlsx, csv = _("Excel workbook (*.xlsx)"), _("CSV, semicolon-separated, UTF-8 (*.csv)")
    path, selected = QFileDialog.getSaveFileName(
        parent,
        _title(),
        str((folder or Path.home()) / f"{stem}.xlsx"),
        f"{xlsx};;{csv}",
    )
    if not path:
        return None
    target = _target(path, selected)
    return target if confirm_folder(parent, target.parent) else None


def result_box(parent: QWidget | None, result: EsfListResult) -> QMessageBox:
    """How many rows went where; the records left out in the details."""
    text = ngettext(
        "{count} row was written to {path}.",
        "{count} rows were written to {path}.",
        result.rows,
    ).format(count=result.rows, path=result.path)
    if result.pseudonymised:
        text += " " + _("Pseudonymised: without the personal columns, identified by the TN-Nr.")
    box = QMessageBox(QMessageBox.Icon.Information, _title(), text, parent=parent)
    left_out = len(result.left_out)
    if left_out:
        where = (
            _("They are also on the sheet “Not included”.")
            if result.path.suffix.lower() == ".xlsx"
            else _("The CSV file does not list them.")
        )
        box.setInformativeText(
            ngettext(
                "{count} record is not included because data are missing; the details show "
                "which and what is missing.",
                "{count} records are not included because data are missing; the details show "
                "which and what is missing.",
                left_out,
            ).format(count=left_out)
            + " "
            + where
        )
        box.setDetailedText(
            "\n".join(
                _("No. {id} {name} – missing: {missing}").format(
                    id=entry.participant_id, name=entry.name, missing=entry.missing_text
                )
                for entry in result.left_out
            )
        )
    return box


def show_result(parent: QWidget | None, result: EsfListResult) -> None:
    box = result_box(parent, result)
    box.exec()
    box.deleteLater()


def _column_map(parent: QWidget, lotse: Lotse) -> ColumnMap | None:
    from app.errors import LotseError
    from app.reports.esf_columns import load_column_map

    try:
        return load_column_map(lotse.paths.root)
    except LotseError as error:  # a broken map in the data location: say what is wrong
        QMessageBox.warning(parent, _title(), str(error))
        return None


def export_esf_list(
    parent: QWidget, lotse: Lotse, ops: Operations, folder: Path | None
) -> Path | None:
    """Ask, then write the list off the GUI thread; the chosen file (None: not started).

    The message with the result comes when the export is through; a cancelled or failed
    export leaves no file (a failure is shown as the operations show it)."""
    warm_up.wait_until_loaded()
    from app.services.esf_list import export_esf_list as export

    columns = _column_map(parent, lotse)
    if columns is None:
        return None
    pseudonymised = ask_pseudonymised(parent, columns.path)
    if pseudonymised is None:
        return None
    target = ask_file(parent, folder, pseudonymised=pseudonymised)
    if target is None:
        return None
    results: list[EsfListResult] = []

    def operation(uow: UnitOfWork, progress: Progress) -> Changes:
        result = export(uow, progress, target, pseudonymised=pseudonymised, columns=columns)
        results.append(result)
        return result.changes

    ops.run_in_background(
        operation,
        parent=parent,
        title=_("Writing the ESF+ participant list…"),
        done=lambda _changes: show_result(parent, results[-1]),
        failed=_("The ESF+ participant list was not written:"),
    )
    return target
