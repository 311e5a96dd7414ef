"""The people behind one figure of the Berichte page; Enter or double-click opens a record."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.i18n import N_, _, format_number
from app.services.period_report import CountedPerson
from ui.mnemonics import escape, plain
from ui.participant_table_model import program_short_label
from ui.row_models import RowTableModel
from ui.widgets.formatting import date_text
from ui.widgets.read_only_table import read_only_table


class CountedPeopleModel(RowTableModel):
    NAME, NUMBER, PROGRAM, ENTRY, EXIT = range(5)
    HEADERS = (N_("Name"), N_("ESF+ no."), N_("Funding area"), N_("Entry"), N_("Exit"))

    def _text(self, row: CountedPerson, column: int) -> str:
        return {
            self.NAME: row.name,
            self.NUMBER: row.esf_number or "",
            self.PROGRAM: program_short_label(row.program),
            self.ENTRY: date_text(row.entry_date),
            self.EXIT: date_text(row.exit_date),
        }[column]


class CountedPeopleDialog(QDialog):
    """``open_requested(participant_id)``: the chosen person's record is to be shown."""

    open_requested = Signal(int)

    def __init__(
        self, title: str, people: list[CountedPerson], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        caption = QLabel(
            escape(_("{title}: {n} people").format(title=title, n=format_number(len(people)))),
            self,
        )
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.model = CountedPeopleModel(self)
        self.model.set_rows(people)
        self.view = read_only_table(self.model, self, stretch_column=CountedPeopleModel.NAME)
        self.view.setAccessibleName(plain(caption.text()))
        caption.setBuddy(self.view)
        if people:
            self.view.selectRow(0)
        self.view.activated.connect(self._open)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            _("&Open record"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex()))
        self.open_button.setEnabled(bool(people))
        close = buttons.addButton(_("&Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def _open(self, index) -> None:  # noqa: ANN001 - a QModelIndex
        if index.isValid():
            self.open_requested.emit(self.model.row_at(index.row()).id)
            self.accept()
