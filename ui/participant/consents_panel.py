"""Einwilligungen of one participant; withdrawn ones stay listed, struck out, with the date."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import _
from app.services.consents import (
    ConsentInput,
    ConsentRow,
    add_consent,
    consents_of,
    label,
    withdraw_consent,
)
from app.services.guardians import guardian_names
from app.vocab import ConsentPurpose
from ui.operations import Operations
from ui.row_models import RowTableModel
from ui.widgets.colours import alert_colour, muted_colour
from ui.widgets.date_field import DateField, read_date
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.formatting import date_text
from ui.widgets.panels import (
    ParticipantDialog,
    ParticipantPanel,
    SavingDialog,
    fit_date_width,
    run_dialog,
)
from ui.widgets.read_only_table import read_only_table

COLUMNS = ("purpose", "recipient", "given_on", "text_version", "guardian_name", "withdrawn_on")
WITHDRAWN = COLUMNS.index("withdrawn_on")


class ConsentModel(RowTableModel):
    """ConsentRow tuples, newest first; withdrawn rows grey and struck out."""

    HEADERS = COLUMNS  # field names, labelled by the service

    def _header(self, column: int) -> str:
        return label(COLUMNS[column])

    def _text(self, row: ConsentRow, column: int) -> str:
        value = getattr(row, COLUMNS[column])
        if isinstance(value, ConsentPurpose):
            return value.label
        if isinstance(value, date):
            return date_text(value)
        return value or ""

    def _spoken(self, row: ConsentRow, column: int) -> str:
        text = self._text(row, column)
        if column == WITHDRAWN and row.withdrawn_on:
            return _("withdrawn on {date}").format(date=text)
        return text

    def _tooltip(self, row: ConsentRow) -> str:
        if not row.withdrawn_on:
            return ""
        return _(
            "Withdrawn on {date}: from that day on, no data may be shared for this purpose."
        ).format(date=date_text(row.withdrawn_on))

    def _foreground(self, row: ConsentRow, column: int) -> QColor | None:
        if not row.withdrawn:
            return None
        palette = QApplication.palette()  # 4.5:1 on both row colours, light or dark
        return alert_colour(palette) if column == WITHDRAWN else muted_colour(palette)

    def _font(self, row: ConsentRow, column: int) -> QFont | None:
        if not row.withdrawn:
            return None
        font = QFont()
        if column == WITHDRAWN:
            font.setBold(True)
        else:
            font.setStrikeOut(True)
        return font


class ConsentDialog(SavingDialog):
    """A new consent: purpose, recipient, given on (today), text version, guardian."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.setWindowTitle(_("New consent"))
        self.setMinimumWidth(520)
        self._make_buttons(QDialogButtonBox.StandardButton.Save)

        self.purpose = EnumCombo(ConsentPurpose, parent=self)
        self.recipient = QLineEdit(self)
        self.recipient.setPlaceholderText(_("e.g. Jobcenter Harz, Ms Example"))
        self.given_on = DateField(self)
        self.given_on.set_date(date.today())
        fit_date_width(self.given_on)
        self.text_version = QLineEdit(self)
        self.text_version.setPlaceholderText(_("e.g. version 2026-01"))
        # the recorded guardians to choose from (tab "Ausbildungsverlauf"), or a name typed
        self.guardian_name = QComboBox(self)
        self.guardian_name.setEditable(True)
        self.guardian_name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.guardian_name.addItems(guardian_names(lotse.reads, participant_id))
        self.guardian_name.setCurrentIndex(-1)
        self.guardian_name.lineEdit().setPlaceholderText(_("only for minors"))
        self.field_widgets: dict[str, QWidget] = {
            "purpose": self.purpose,
            "recipient": self.recipient,
            "given_on": self.given_on,
            "text_version": self.text_version,
            "guardian_name": self.guardian_name,
        }
        form = self._growing_form()
        for name, widget in self.field_widgets.items():
            widget.setAccessibleName(label(name))
            self._add_row(form, label(name), widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.purpose.setFocus()

    def consent_input(self, errors: list[FieldError]) -> ConsentInput:
        return ConsentInput(
            purpose=self.purpose.value(),  # type: ignore[arg-type]
            recipient=self.recipient.text(),
            given_on=read_date(self.given_on, "given_on", label("given_on"), errors),
            text_version=self.text_version.text(),
            guardian_name=self.guardian_name.currentText(),
        )

    def accept(self) -> None:
        errors: list[FieldError] = []
        data, participant_id = self.consent_input(errors), self.participant_id
        changes = self._store(
            lambda uow: add_consent(uow, participant_id, data),
            _("The consent was not saved:"),
            self.field_widgets,
            errors,
        )
        if changes is not None:
            self.saved_id = changes.created


class WithdrawDialog(ParticipantDialog):
    """Asks for the day of the withdrawal (today unless changed)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        consent: ConsentRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.consent = consent
        self.setWindowTitle(_("Withdraw consent"))
        self.setMinimumWidth(460)
        self._make_buttons(QDialogButtonBox.StandardButton.Save)
        text = QLabel(
            _(
                "Consent “{purpose}” for {recipient}, given on {date}. From the day of the "
                "withdrawal on, no data may be shared for this purpose. The consent stays in "
                "the record as proof."
            ).format(
                purpose=consent.purpose.label,
                recipient=consent.recipient,
                date=date_text(consent.given_on),
            ),
            self,
        )
        text.setWordWrap(True)
        self.withdrawn_on = DateField(self)
        self.withdrawn_on.set_date(date.today())
        self.withdrawn_on.setAccessibleName(label("withdrawn_on"))
        fit_date_width(self.withdrawn_on)
        form = QFormLayout()
        self._add_row(form, label("withdrawn_on"), self.withdrawn_on)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.withdrawn_on.setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        day = read_date(self.withdrawn_on, "withdrawn_on", label("withdrawn_on"), errors)
        consent_id = self.consent.id
        self._store(
            lambda uow: withdraw_consent(uow, consent_id, day),
            _("The withdrawal was not saved:"),
            {"withdrawn_on": self.withdrawn_on},
            errors,
        )


class ConsentsPanel(ParticipantPanel):
    """The consents table with "new" and "withdraw"; nothing is ever hidden or deleted here."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.new_button = self._button(_("New &consent…"), self.new_consent)
        self.withdraw_button = self._button(_("&Withdraw…"), self.withdraw_selected)

        self.model = ConsentModel(self)
        # the header keeps highlighting the chosen row's columns, as it always did here
        self.view = read_only_table(self.model, self, stretch_column=0, highlight_sections=True)
        self._add_list(self.view, _("Consents"), (self.new_button, self.withdraw_button))
        self.summary = self._add_summary()

        ops.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        current = self.selected()
        rows = consents_of(self._lotse.reads, self.participant_id)
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(max(self.model.row_of(current.id) if current else 0, 0))
        withdrawn = sum(1 for row in rows if row.withdrawn)
        if not rows:
            self.summary.setText(_("No consents recorded."))
        else:
            self.summary.setText(
                _("{valid} valid, {withdrawn} withdrawn.").format(
                    valid=len(rows) - withdrawn, withdrawn=withdrawn
                )
            )
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self._concerns(changes, changes.consents):
            self.reload()

    def selected(self) -> ConsentRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.withdraw_button.setEnabled(row is not None and not row.withdrawn)

    def new_consent(self) -> int | None:
        dialog = ConsentDialog(self._lotse, self._ops, self.participant_id, self)
        return self._run_new(dialog, self.view, self.model.row_of)

    def withdraw_selected(self) -> bool:
        row = self.selected()
        if row is None or row.withdrawn:
            return False
        done = run_dialog(WithdrawDialog(self._lotse, self._ops, self.participant_id, row, self))
        self.view.setFocus()
        return done
