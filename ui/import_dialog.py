"""Datei → "Importieren…": participants, organisations or job offers from an XLSX/CSV file.

Choose the file and what it holds; every column gets a field (suggested by its header, or
what the last import of the kind chose), changed in its box. The check runs off the GUI
thread (app.services.imports.run.preview) and fills the preview: row number as the
spreadsheet shows it, status, the German error or whom the row resembles, the first values as
read. "Importieren" is enabled only when no row has an error; it runs the import in the
background with progress and "Abbrechen" — all rows in one transaction or none — and then
says what was imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import NOTHING, Changes
from app.i18n import N_, _
from app.services.imports.mapping import (
    ColumnMapping,
    ImportKind,
    fields_of,
    known_header,
    mapping_errors,
    remembered_mapping,
    suggest,
)
from app.services.imports.reader import ImportFileError, Table, column_letter, read_table
from app.services.imports.run import (
    ImportOptions,
    ImportPreview,
    ImportResult,
    PreviewRow,
    RowStatus,
    preview,
    run_import,
)
from app.services.settings import load_settings
from app.vocab import Program
from ui.mnemonics import assign_mnemonics, escape
from ui.operations import Operations
from ui.row_models import RowTableModel
from ui.widgets.colours import make_hint
from ui.widgets.messages import show_errors
from ui.widgets.panels import run_dialog
from ui.widgets.read_only_table import read_only_table
from ui.widgets.window_layout import fitting, tab_in_order

MENU_TEXT = N_("&Import from a spreadsheet…")  # the Datei menu's entry (ui/main_window.py)
DEFAULT_SIZE = QSize(1000, 700)
SHOWN_VALUES = 4  # the preview shows the values of the first mapped columns
FILE_FILTER = N_("Spreadsheets (*.xlsx *.csv)")
STATUS_TEXT = {
    RowStatus.OK: N_("ok"),
    RowStatus.ERROR: N_("error"),
    RowStatus.DUPLICATE: N_("possible duplicate"),
}


class PreviewModel(RowTableModel):
    """The checked rows: number, status, message, then the first mapped columns' values."""

    ROW, STATUS, MESSAGE = range(3)
    HEADERS = (N_("Row"), N_("Status"), N_("Message"))
    NUMBERS = (ROW,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[tuple[int, str]] = []  # (cell index, header) per extra column

    def show_preview(self, checked: ImportPreview | None) -> None:
        self.beginResetModel()
        if checked is None:
            self._rows, self._values = [], []
        else:
            self._rows = list(checked.rows)
            mapped = [i for i, name in enumerate(checked.mapping) if name is not None]
            self._values = [(i, checked.table.headers[i]) for i in mapped[:SHOWN_VALUES]]
        self.columns = list(range(3 + len(self._values)))
        self.endResetModel()

    def _header(self, column: int) -> str:
        if column < 3:
            return _(self.HEADERS[column])
        return self._values[column - 3][1]

    def _text(self, row: PreviewRow, column: int) -> str:
        if column == self.ROW:
            return str(row.number)
        if column == self.STATUS:
            return _(STATUS_TEXT[row.status])
        if column == self.MESSAGE:
            return row.message
        return row.cells[self._values[column - 3][0]]

    def _cell_tooltip(self, row: PreviewRow, column: int) -> str | None:
        return row.message if column == self.MESSAGE else None


class ImportDialog(QDialog):
    """File, kind, the column mapping, the checked rows, "Importieren"."""

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.table: Table | None = None
        self.checked: ImportPreview | None = None
        self.result: ImportResult | None = None
        self._boxes: list[QComboBox] = []
        self.setWindowTitle(_("Import from a spreadsheet"))
        self.resize(fitting(DEFAULT_SIZE, self))
        self._build()
        self._update_state()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(_("no file chosen"))
        self.choose_button = QPushButton(_("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_label = QLabel(_("&File:"), self)
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, file_row)

        self.kind_box = QComboBox(self)
        for kind in ImportKind:
            self.kind_box.addItem(kind.label, kind)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        form.addRow(_("&Records:"), self.kind_box)

        self.program_box = QComboBox(self)
        self.program_box.addItem(_("none – each row must name it"), None)
        in_use = load_settings(self._lotse.reads).programs
        for program in Program:
            if program in in_use:
                self.program_box.addItem(program.label, program)
        if len(in_use) == 1:
            self.program_box.setCurrentIndex(1)
        self.program_box.currentIndexChanged.connect(self._invalidate)
        self.program_label = QLabel(_("Funding &area where a row names none:"), self)
        self.program_label.setBuddy(self.program_box)
        form.addRow(self.program_label, self.program_box)

        self.skip_box = QCheckBox(_("Do not import possible &duplicates"), self)
        self.skip_box.setChecked(True)
        form.addRow("", self.skip_box)

        self.mapping_group = QGroupBox(_("Columns"), self)
        group_layout = QVBoxLayout(self.mapping_group)
        self.sheet_label = make_hint(QLabel(self.mapping_group))
        group_layout.addWidget(self.sheet_label)
        self.mapping_area = QScrollArea(self.mapping_group)
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mapping_form_host = QWidget(self.mapping_area)
        self.mapping_form = QFormLayout(self.mapping_form_host)
        self.mapping_area.setWidget(self.mapping_form_host)
        group_layout.addWidget(self.mapping_area)
        layout.addWidget(self.mapping_group, 2)

        check_row = QHBoxLayout()
        self.check_button = QPushButton(_("C&heck"), self)
        self.check_button.clicked.connect(self.check)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.summary, 1)
        layout.addLayout(check_row)

        self.model = PreviewModel(self)
        self.view = read_only_table(self.model, self, stretch_column=PreviewModel.MESSAGE)
        self.view.setAccessibleName(_("Checked rows"))
        preview_label = QLabel(_("Checked &rows:"), self)
        preview_label.setBuddy(self.view)
        layout.addWidget(preview_label)
        layout.addWidget(self.view, 3)
        # the whole message of the current row (the column shows its start; keyboard users
        # see no tooltips)
        self.row_message = QLabel(self)
        self.row_message.setWordWrap(True)
        self.row_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.row_message)
        self.view.selectionModel().currentRowChanged.connect(self._show_row_message)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.clicked.connect(self.start_import)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- state ---------------------------------------------------------------------------------

    @property
    def kind(self) -> ImportKind:
        return ImportKind(self.kind_box.currentData())  # Qt hands the item's data back as str

    def options(self) -> ImportOptions:
        program = self.program_box.currentData()
        return ImportOptions(Program(program) if program else None, self.skip_box.isChecked())

    def mapping(self) -> ColumnMapping:
        return tuple(box.currentData() for box in self._boxes)

    def mapping_problems(self) -> list[str]:
        if self.table is None:
            return []
        return mapping_errors(self.kind, self.table.headers, self.mapping())

    def _update_state(self) -> None:
        participants = self.kind is ImportKind.PARTICIPANTS
        self.program_box.setVisible(participants)
        self.program_label.setVisible(participants)
        problems = self.mapping_problems()
        self.check_button.setEnabled(self.table is not None and not problems)
        ready = self.checked is not None and not self.checked.error_rows and bool(self.checked.rows)
        self.import_button.setEnabled(ready)
        if self.table is None:
            self.summary.setText(_("Choose the file to import."))
        elif problems:
            self.summary.setText("\n".join(problems))
        elif self.checked is None:
            self.summary.setText(_("Not checked yet."))
        else:
            text = self.checked.summary()
            if self.checked.error_rows:
                text += " – " + _("please correct the rows with errors in the file first.")
            self.summary.setText(text)

    def _invalidate(self, *_args: object) -> None:
        self.checked = None
        self.model.show_preview(None)
        self.row_message.clear()
        self._update_state()

    def _kind_changed(self, *_args: object) -> None:
        if self.table is not None and self.file_edit.text():
            self.load(Path(self.file_edit.text()))
        else:
            self._invalidate()

    # -- actions -------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the file to import"), str(Path.home()), _(FILE_FILTER)
        )
        if path:
            self.load(Path(path))

    def _show_row_message(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.row_message.setText(
            _("Row {number}: {message}").format(number=row.number, message=row.message)
            if row is not None and row.message
            else ""
        )

    def load(self, path: Path) -> bool:
        """Read the file, suggest the mapping and check it; False when it cannot be read."""
        try:
            table = read_table(path, known_header(self.kind))
        except ImportFileError as error:
            show_errors(self, _("The file cannot be imported:"), error.errors, {})
            return False
        self.table = table
        self.file_edit.setText(str(path))
        self._fill_mapping(suggest(self.kind, table.headers,
                                   remembered_mapping(self._lotse.reads, self.kind)))  # fmt: skip
        sheet = _("sheet “{sheet}”, ").format(sheet=table.sheet) if table.sheet else ""
        self.sheet_label.setText(
            _("{sheet}header in row {row}, {count} data rows").format(
                sheet=sheet, row=table.header_row, count=len(table.rows)
            )
        )
        self._invalidate()
        if not self.mapping_problems():
            self.check()
        return True

    def _fill_mapping(self, mapping: ColumnMapping) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self._boxes = []
        assert self.table is not None
        fields = fields_of(self.kind)
        for index, (header, chosen) in enumerate(zip(self.table.headers, mapping, strict=True)):
            box = QComboBox(self.mapping_form_host)
            box.addItem(_("(not imported)"), None)
            for field in fields:
                box.addItem(field.label, field.name)
            box.setCurrentIndex(max(box.findData(chosen), 0) if chosen else 0)
            box.currentIndexChanged.connect(self._invalidate)
            caption = f"{escape(header)} ({column_letter(index)}):"
            label = QLabel(caption, self.mapping_form_host)
            label.setBuddy(box)
            self.mapping_form.addRow(label, box)
            self._boxes.append(box)
        tab_in_order(
            [self.file_edit, self.choose_button, self.kind_box, self.program_box, self.skip_box,
             *self._boxes, self.check_button, self.view]
        )  # fmt: skip  # the new boxes where they are shown; the buttons stay after the view
        assign_mnemonics(self)

    def check(self) -> None:
        """Check every row off the GUI thread; the preview shows them."""
        if self.table is None or self.mapping_problems():
            return
        table, kind, mapping, options = self.table, self.kind, self.mapping(), self.options()
        found: list[ImportPreview] = []

        def run(uow: Any, progress: Any) -> Changes:
            found.append(preview(uow, table, kind, mapping, options, progress))
            return NOTHING

        def done(_changes: Changes) -> None:
            self.checked = found[0]
            self.model.show_preview(self.checked)
            self.row_message.clear()
            self._update_state()

        self._ops.run_in_background(
            run, parent=self, title=_("Checking the rows…"), done=done,
            failed=_("The file cannot be imported:"),
        )  # fmt: skip

    def start_import(self) -> None:
        """Import every row in one transaction in the background; then say what it did."""
        checked = self.checked
        if checked is None or checked.error_rows:
            return
        table, kind, mapping, options = checked.table, self.kind, checked.mapping, self.options()
        results: list[ImportResult] = []

        def run(uow: Any, progress: Any) -> Changes:
            result = run_import(uow, progress, table, kind, mapping, options)
            results.append(result)
            return result.changes

        def done(_changes: Changes) -> None:
            self.result = results[0]
            QMessageBox.information(self, _("Import"), self.result.report())
            self.accept()

        self._ops.run_in_background(
            run, parent=self, title=_("Importing…"), done=done,
            failed=_("Nothing was imported:"), initiator=self,
        )  # fmt: skip


def open_import(parent: QWidget, lotse: Lotse, ops: Operations) -> None:
    """Datei → "Importieren…": the dialog, modal over ``parent``."""
    run_dialog(ImportDialog(lotse, ops, parent))
