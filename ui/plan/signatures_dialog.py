"""Unterschriften: the dates on which the printed plan was signed (the service sets the status)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.services.participants import get_participant
from app.services.support_plans.common import get_plan, label
from app.services.support_plans.signatures import SignatureInput, record_signatures
from ui.mnemonics import escape
from ui.operations import Operations
from ui.widgets.date_field import DateField, read_date
from ui.widgets.window_layout import tab_in_order

DATE_FIELDS = (
    "participant_signed_on",
    "guardian_signed_on",
    "coordinator_signed_on",
    "partner_signed_on",
)


class SignaturesDialog(QDialog):
    """Participant, guardian (only for a minor), coordinator, and optionally company or school."""

    def __init__(
        self, lotse: Lotse, ops: Operations, plan_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.plan_id = plan_id
        with lotse.reading() as uow:
            plan = get_plan(uow, plan_id)
            self.participant_id = plan.participant_id
            stored = {name: getattr(plan, name) for name in (*DATE_FIELDS, "partner_name")}
            version = plan.version
            minor = bool(get_participant(uow, plan.participant_id).is_minor)
        self.setWindowTitle(
            _("Signatures – support plan, version {version}").format(version=version)
        )
        self.setMinimumWidth(460)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        intro = QLabel(
            _(
                "Enter the dates on which the printed plan was signed. It becomes active once "
                "everyone needed has signed."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.dates: dict[str, DateField] = {}
        for name in DATE_FIELDS:
            field = DateField(self)
            field.setAccessibleName(label(name))
            field.set_date(stored[name])
            field.setMaximumWidth(field.fontMetrics().horizontalAdvance("0") * 14)
            self.dates[name] = field
        self.partner_name = QLineEdit(stored["partner_name"], self)
        self.partner_name.setAccessibleName(label("partner_name"))
        self.show_guardian = minor or stored["guardian_signed_on"] is not None

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget]] = [
            ("participant_signed_on", self.dates["participant_signed_on"]),
        ]
        if self.show_guardian:
            rows.append(("guardian_signed_on", self.dates["guardian_signed_on"]))
        rows += [
            ("coordinator_signed_on", self.dates["coordinator_signed_on"]),
            ("partner_name", self.partner_name),
            ("partner_signed_on", self.dates["partner_signed_on"]),
        ]
        for name, widget in rows:
            caption = QLabel(escape(label(name)) + ":", self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        if not self.show_guardian:
            self.dates["guardian_signed_on"].hide()
        tab_in_order([widget for _name, widget in rows])  # the dates were made first

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {**self.dates, "partner_name": self.partner_name}
        self.dates["participant_signed_on"].setFocus()

    def _value(self, name: str, errors: list[FieldError]) -> date | None:
        return read_date(self.dates[name], name, label(name), errors)

    def accept(self) -> None:
        errors: list[FieldError] = []
        values = {name: self._value(name, errors) for name in DATE_FIELDS}
        plan_id = self.plan_id
        data = SignatureInput(
            participant_signed_on=values["participant_signed_on"],
            coordinator_signed_on=values["coordinator_signed_on"],
            guardian_signed_on=values["guardian_signed_on"],
            partner_name=self.partner_name.text(),
            partner_signed_on=values["partner_signed_on"],
        )
        changes = self._ops.run(
            lambda uow: record_signatures(uow, plan_id, data),
            parent=self,
            failed=_("The signatures were not saved:"),
            fields=self.field_widgets,
            unreadable=errors,
        )
        if changes is not None:
            super().accept()
